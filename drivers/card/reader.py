"""Reading a Vietnamese chip ID card end to end: CardAccess, application, access control, files, Identity.

PACE will plug in as another AccessProtocol; passive/chip/active authentication consume ReadResult.files.
"""

from __future__ import annotations

import time
from dataclasses import dataclass, field
from typing import Iterable, Protocol

from .apdu import ApduChannel
from .bac import BAC
from .dg13 import parse_dg13
from .errors import ParseError, StatusWordError
from .files import EF_CARD_ACCESS, EF_COM, EF_SOD, FileReader, ReadStats, dg_fid, select_aid
from .identity import Identity, identity_from
from .lds import CardFiles, EFCom, parse_com, parse_dg1, parse_dg2
from .mrz import AccessKey
from .sod import DataGroupAltered, altered_data_groups, parse_sod

EMRTD_AID = bytes.fromhex("A0000002471001")

COM, DG1, DG2, DG13, DG14, DG15, SOD = "COM", "DG1", "DG2", "DG13", "DG14", "DG15", "SOD"
DEFAULT_FILES = (COM, DG1, DG2, DG13, DG14, DG15, SOD)
_REQUIRED = (COM, DG1, DG13)  # an Identity cannot be built without these

_FID = {COM: EF_COM, SOD: EF_SOD, **{f"DG{n}": dg_fid(n) for n in range(1, 17)}}


class AccessProtocol(Protocol):
    """BAC today, PACE next: turns a plain channel into a secure one, or raises WrongAccessKey."""

    name: str

    def establish(self, channel): ...


@dataclass(frozen=True, repr=False)
class ReadResult:
    identity: Identity
    files: CardFiles
    com: EFCom
    protocol: str
    card_access: bytes | None
    stats: ReadStats
    seconds: float
    timings: dict[str, float] = field(default_factory=dict)

    def __repr__(self) -> str:
        return (f"ReadResult(protocol={self.protocol}, files={self.files.names()}, "
                f"commands={self.stats.commands}, seconds={self.seconds:.3f})")


def _as_channel(channel) -> ApduChannel:
    # a bare transport (transmit(bytes) -> bytes) gets the ISO 7816 layer around it
    if isinstance(channel, ApduChannel) or hasattr(channel, "sm"):
        return channel
    return ApduChannel(channel)


def read_card_access(channel) -> bytes | None:
    """EF.CardAccess, read before the application is selected; None if the card has none."""
    reader = FileReader(channel, use_extended=False)
    try:
        return reader.read_file(EF_CARD_ACCESS)
    except StatusWordError as exc:
        if exc.sw in (0x6A82, 0x6A86, 0x6D00, 0x6986, 0x6982, 0x6985, 0x6B00, 0x6700):
            return None
        raise


def read_card(channel, access_key: AccessKey | AccessProtocol,
              files: Iterable[str] = DEFAULT_FILES, *, use_extended: bool | None = None,
              max_read: int | None = None) -> ReadResult:
    """Read the card and build its Identity. Any failure raises; no partial Identity is returned.

    `use_extended` None: extended length unless the reader says it cannot (and stepping down if the
    card refuses); `max_read` caps the bytes asked per READ BINARY.
    """
    start = time.perf_counter()
    timings: dict[str, float] = {}
    wanted = tuple(dict.fromkeys(files))
    for name in wanted:
        if name not in _FID:
            raise ValueError(f"unknown file {name!r}")
    channel = _as_channel(channel)
    protocol = BAC(access_key) if isinstance(access_key, AccessKey) else access_key

    card_access = read_card_access(channel)
    select_aid(channel, EMRTD_AID)
    t = time.perf_counter()
    secure = protocol.establish(channel)
    timings["access"] = time.perf_counter() - t

    stats = ReadStats()
    reader = FileReader(secure, use_extended=use_extended, max_read=max_read, stats=stats)
    raw = CardFiles()
    if card_access is not None:
        raw.add("CardAccess", card_access)
    # COM first: it says which data groups exist, so absent ones are not asked for
    raw.add(COM, _timed(timings, COM, lambda: reader.read_file(EF_COM)))
    com = parse_com(raw[COM].data)
    for name in wanted:
        if name == COM:
            continue
        if name.startswith("DG") and int(name[2:]) not in com.data_groups:
            if name in _REQUIRED:
                raise ParseError(f"the card does not list {name}")
            continue
        raw.add(name, _timed(timings, name, lambda n=name: reader.read_file(_FID[n])))

    if SOD in raw:  # altered data is refused before anything is parsed into an Identity
        altered = altered_data_groups(parse_sod(raw[SOD].data), raw.data_groups())
        if altered:
            raise DataGroupAltered(altered)
    mrz = parse_dg1(raw[DG1].data)
    photo = parse_dg2(raw[DG2].data) if DG2 in raw else None
    identity = identity_from(mrz, parse_dg13(raw[DG13].data), photo)
    return ReadResult(identity, raw, com, protocol.name, card_access, stats,
                      time.perf_counter() - start, timings)


def _timed(timings: dict[str, float], name: str, action):
    t = time.perf_counter()
    result = action()
    timings[name] = time.perf_counter() - t
    return result
