"""BER-TLV (ISO 7816-4 / X.690) decoding and encoding, defensive against truncated input.

Tags are handled as integers holding their encoded bytes (0x5F1F, 0x7F61, ...), as the
ICAO specifications write them. Indefinite lengths are refused: no eMRTD file uses them.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Iterator

from .errors import ParseError

MAX_LENGTH_BYTES = 4  # lengths up to 2^32-1 are more than any card file


def read_tag(data: bytes, pos: int = 0) -> tuple[int, int]:
    """Return (tag, position after the tag)."""
    if pos >= len(data):
        raise ParseError("TLV truncated: tag missing")
    first = data[pos]
    tag = first
    pos += 1
    if first & 0x1F == 0x1F:  # multi-byte tag: continue while bit 8 is set
        for count in range(3):
            if pos >= len(data):
                raise ParseError("TLV truncated inside a multi-byte tag")
            b = data[pos]
            tag = (tag << 8) | b
            pos += 1
            if not b & 0x80:
                break
        else:
            raise ParseError("TLV tag longer than 4 bytes")
    return tag, pos


def read_length(data: bytes, pos: int) -> tuple[int, int]:
    """Return (length, position after the length field)."""
    if pos >= len(data):
        raise ParseError("TLV truncated: length missing")
    first = data[pos]
    pos += 1
    if first < 0x80:
        return first, pos
    count = first & 0x7F
    if count == 0:
        raise ParseError("TLV indefinite length not supported")
    if count > MAX_LENGTH_BYTES:
        raise ParseError("TLV length field too long")
    if pos + count > len(data):
        raise ParseError("TLV truncated inside the length field")
    return int.from_bytes(data[pos : pos + count], "big"), pos + count


def is_constructed(tag: int) -> bool:
    first = tag
    while first > 0xFF:
        first >>= 8
    return bool(first & 0x20)


@dataclass(frozen=True)
class TLV:
    tag: int
    value: bytes

    @property
    def constructed(self) -> bool:
        return is_constructed(self.tag)

    def children(self) -> list["TLV"]:
        if not self.constructed:
            raise ParseError("TLV primitive object has no children")
        return decode_all(self.value)

    def find(self, tag: int) -> "TLV | None":
        return find(self.value, tag)

    def encode(self) -> bytes:
        return encode(self.tag, self.value)

    def __repr__(self) -> str:  # the value may be personal data: show its size only
        return f"TLV(tag={self.tag:X}, {len(self.value)} bytes)"


def decode_one(data: bytes, pos: int = 0) -> tuple[TLV, int]:
    """Decode the object starting at pos; return it and the position after it."""
    tag, pos = read_tag(data, pos)
    length, pos = read_length(data, pos)
    end = pos + length
    if end > len(data):
        raise ParseError("TLV value truncated")
    return TLV(tag, bytes(data[pos:end])), end


def iter_tlv(data: bytes) -> Iterator[TLV]:
    pos = 0
    while pos < len(data):
        # 00 and FF between objects are padding allowed by ISO 7816-4
        if data[pos] in (0x00, 0xFF):
            pos += 1
            continue
        obj, pos = decode_one(data, pos)
        yield obj


def decode_all(data: bytes) -> list[TLV]:
    return list(iter_tlv(data))


def find(data: bytes, tag: int) -> TLV | None:
    """First object with this tag at the top level of data."""
    for obj in iter_tlv(data):
        if obj.tag == tag:
            return obj
    return None


def unwrap(data: bytes, tag: int) -> bytes:
    """The value of the single object data must consist of, checking its tag (trailing bytes ignored)."""
    obj, _ = decode_one(data, 0)
    if obj.tag != tag:
        raise ParseError(f"expected tag {tag:X}, found {obj.tag:X}")
    return obj.value


def header_and_total_length(prefix: bytes) -> tuple[int, int]:
    """From the first bytes of an object: (header size, total size incl. header).

    Used by file reading to learn how much to read after the first command.
    """
    _, pos = read_tag(prefix, 0)
    length, pos = read_length(prefix, pos)
    return pos, pos + length


def encode_tag(tag: int) -> bytes:
    if tag < 0:
        raise ValueError("negative tag")
    return tag.to_bytes(max(1, (tag.bit_length() + 7) // 8), "big")


def encode_length(length: int) -> bytes:
    if length < 0:
        raise ValueError("negative length")
    if length < 0x80:
        return bytes([length])
    body = length.to_bytes((length.bit_length() + 7) // 8, "big")
    if len(body) > MAX_LENGTH_BYTES:
        raise ValueError("length too large")
    return bytes([0x80 | len(body)]) + body


def encode(tag: int, value: bytes) -> bytes:
    return encode_tag(tag) + encode_length(len(value)) + bytes(value)


def encode_int(value: int) -> bytes:
    """DER INTEGER contents (two's complement, minimal)."""
    length = max(1, (value.bit_length() + 8) // 8)
    return value.to_bytes(length, "big", signed=True)
