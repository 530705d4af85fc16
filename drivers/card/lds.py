"""Logical data structure (ICAO 9303-10): EF.COM, DG1 (MRZ), DG2 (face), and raw files with hashes."""

from __future__ import annotations

import hashlib
import io
import warnings
from dataclasses import dataclass, field

from . import tlv
from .errors import ParseError
from .mrz import MRZ, parse_mrz

# data group number -> LDS tag (EF.COM lists these tags)
DG_TAGS = {1: 0x61, 2: 0x75, 3: 0x63, 4: 0x76, 5: 0x65, 6: 0x66, 7: 0x67, 8: 0x68, 9: 0x69,
           10: 0x6A, 11: 0x6B, 12: 0x6C, 13: 0x6D, 14: 0x6E, 15: 0x6F, 16: 0x70}
TAG_TO_DG = {tag: number for number, tag in DG_TAGS.items()}
TAG_COM = 0x60
TAG_SOD = 0x77


@dataclass(frozen=True)
class EFCom:
    lds_version: str  # e.g. "0107" -> 1.7
    unicode_version: str
    data_groups: tuple[int, ...]  # DG numbers present on the card


def parse_com(data: bytes) -> EFCom:
    body = tlv.unwrap(data, TAG_COM)
    objects = {obj.tag: obj.value for obj in tlv.decode_all(body)}
    if 0x5C not in objects:
        raise ParseError("EF.COM without its tag list")
    try:
        lds = objects.get(0x5F01, b"").decode("ascii")
        uni = objects.get(0x5F36, b"").decode("ascii")
    except UnicodeDecodeError as exc:
        raise ParseError("EF.COM version is not ASCII") from exc
    groups = []
    for t in objects[0x5C]:
        if t in TAG_TO_DG:  # unknown tags in the list are skipped, not fatal
            groups.append(TAG_TO_DG[t])
    return EFCom(lds, uni, tuple(groups))


def parse_dg1(data: bytes) -> MRZ:
    body = tlv.unwrap(data, DG_TAGS[1])
    mrz = tlv.find(body, 0x5F1F)
    if mrz is None:
        raise ParseError("DG1 without an MRZ")
    try:
        text = mrz.value.decode("ascii")
    except UnicodeDecodeError as exc:
        raise ParseError("DG1 MRZ is not ASCII") from exc
    if len(text) == 90:
        text = "\n".join((text[:30], text[30:60], text[60:]))
    elif len(text) == 88:
        text = "\n".join((text[:44], text[44:]))
    return parse_mrz(text)


# ---------------------------------------------------------------- DG2: ISO 19794-5 face


@dataclass(frozen=True, repr=False)
class FaceImage:
    data: bytes  # the encoded image as stored on the chip
    format: str  # "JPEG" or "JPEG2000"
    width: int
    height: int
    image: object = field(compare=False)  # PIL.Image.Image

    def __repr__(self) -> str:
        return f"FaceImage({self.format}, {self.width}x{self.height}, {len(self.data)} bytes)"


_JPEG = b"\xff\xd8\xff"
_JP2 = b"\x00\x00\x00\x0cjP  \r\n\x87\n"
_J2K = b"\xff\x4f\xff\x51"


def image_format(data: bytes) -> str | None:
    if data.startswith(_JPEG):
        return "JPEG"
    if data.startswith(_JP2) or data.startswith(_J2K):
        return "JPEG2000"
    return None


def decode_image(data: bytes) -> FaceImage:
    from PIL import Image  # Pillow decodes JPEG 2000 through OpenJPEG

    fmt = image_format(data)
    if fmt is None:
        raise ParseError("face image is neither JPEG nor JPEG 2000")
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            image = Image.open(io.BytesIO(data))
            image.load()
    except Exception as exc:  # Pillow raises many kinds on bad data
        raise ParseError("face image cannot be decoded") from exc
    return FaceImage(bytes(data), fmt, image.width, image.height, image)


def _face_image_bytes(record: bytes) -> bytes:
    """The image inside an ISO/IEC 19794-5 facial record ("FAC\\0")."""
    if not record.startswith(b"FAC\x00") or len(record) < 14 + 20:
        raise ParseError("DG2 biometric data is not an ISO 19794-5 facial record")
    pos = 14  # format id, version, record length, number of faces
    block_len = int.from_bytes(record[pos : pos + 4], "big")
    points = int.from_bytes(record[pos + 4 : pos + 6], "big")
    image_at = pos + 20 + 8 * points + 12  # facial info, feature points, image info
    end = min(len(record), pos + block_len) if block_len else len(record)
    if image_at >= end:
        raise ParseError("DG2 facial record truncated")
    return record[image_at:end]


def parse_dg2(data: bytes) -> FaceImage:
    body = tlv.unwrap(data, DG_TAGS[2])
    group = tlv.find(body, 0x7F61)
    if group is None:
        raise ParseError("DG2 without a biometric information group")
    for template in group.children():
        if template.tag != 0x7F60:
            continue
        block = template.find(0x5F2E) or template.find(0x7F2E)
        if block is None:
            continue
        return decode_image(_face_image_bytes(block.value))
    raise ParseError("DG2 without a face image")


# ---------------------------------------------------------------- raw files kept for authentication


@dataclass(frozen=True, repr=False)
class RawFile:
    name: str
    data: bytes

    @property
    def sha256(self) -> bytes:
        return hashlib.sha256(self.data).digest()

    @property
    def sha1(self) -> bytes:
        return hashlib.sha1(self.data).digest()

    def __repr__(self) -> str:
        return f"RawFile({self.name}, {len(self.data)} bytes)"


class CardFiles:
    """The raw bytes of every file read, by name ("COM", "DG1", ..., "SOD", "CardAccess")."""

    def __init__(self, files: dict[str, bytes] | None = None) -> None:
        self._files = {name: RawFile(name, bytes(data)) for name, data in (files or {}).items()}

    def add(self, name: str, data: bytes) -> None:
        self._files[name] = RawFile(name, bytes(data))

    def __contains__(self, name: str) -> bool:
        return name in self._files

    def __getitem__(self, name: str) -> RawFile:
        return self._files[name]

    def get(self, name: str) -> RawFile | None:
        return self._files.get(name)

    def names(self) -> list[str]:
        return list(self._files)

    def data_groups(self) -> dict[int, bytes]:
        """{DG number: bytes}, what passive authentication hashes."""
        return {int(n[2:]): f.data for n, f in self._files.items() if n.startswith("DG")}

    def __repr__(self) -> str:
        return f"CardFiles({', '.join(self._files)})"
