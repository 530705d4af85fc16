"""DG13 of the Vietnamese card (tag 6D): the holder's details in Vietnamese.

    6D { SEQUENCE { INTEGER 1, OID 1.0.10646.1.0.8, SET OF SEQUENCE { INTEGER n, value } } }

Field 13 (parents) nests differently between card batches: its strings are taken in order,
father first. Missing and unknown field numbers are tolerated; only structure errors fail.
"""

from __future__ import annotations

import unicodedata
from dataclasses import dataclass

from . import tlv
from .errors import ParseError

TAG_DG13 = 0x6D
OID_DG13 = bytes.fromhex("28D316010008")  # 1.0.10646.1.0.8 (ISO/IEC 10646 UTF-8)

ID_NUMBER = 1
FULL_NAME = 2
BIRTH_DATE = 3
SEX = 4
NATIONALITY = 5
ETHNICITY = 6
RELIGION = 7
HOME_TOWN = 8
PERMANENT_ADDRESS = 9
IDENTIFYING_MARKS = 10
ISSUE_DATE = 11
EXPIRY = 12
PARENTS = 13
SPOUSE = 14
OLD_ID_NUMBER = 15
UNKNOWN_16 = 16

_STRING_TAGS = {0x0C: "utf-8", 0x13: "ascii", 0x16: "ascii", 0x1A: "ascii", 0x14: "latin-1", 0x1E: "utf-16-be"}


@dataclass(frozen=True, repr=False)
class DG13:
    """Field number -> list of its strings (NFC), in order. Most fields have one string."""

    fields: dict[int, tuple[str, ...]]

    def text(self, number: int) -> str | None:
        """The field's first string; None if the field is absent."""
        values = self.fields.get(number)
        if values is None:
            return None
        return values[0] if values else ""

    @property
    def father(self) -> str:
        values = self.fields.get(PARENTS, ())
        return values[0] if len(values) > 0 else ""

    @property
    def mother(self) -> str:
        values = self.fields.get(PARENTS, ())
        return values[1] if len(values) > 1 else ""

    def __repr__(self) -> str:
        return f"DG13(fields={sorted(self.fields)})"


def _strings(obj: tlv.TLV) -> list[str]:
    """Every string in obj, depth first, in order."""
    if obj.tag in _STRING_TAGS:
        try:
            text = obj.value.decode(_STRING_TAGS[obj.tag])
        except UnicodeDecodeError as exc:
            raise ParseError("DG13 string is not valid in its encoding") from exc
        return [unicodedata.normalize("NFC", text)]
    if obj.constructed:
        out: list[str] = []
        for child in obj.children():
            out.extend(_strings(child))
        return out
    return []  # integers, nulls and other primitives carry no text


def _small_int(value: bytes) -> int:
    if not 1 <= len(value) <= 4:
        raise ParseError("DG13 field number malformed")
    return int.from_bytes(value, "big", signed=True)


def parse_dg13(data: bytes) -> DG13:
    body = tlv.unwrap(data, TAG_DG13)
    outer = tlv.decode_all(body)
    if len(outer) == 1 and outer[0].tag == 0x30:
        items = outer[0].children()
    else:
        items = outer  # tolerate a card that leaves out the outer SEQUENCE
    fields: dict[int, tuple[str, ...]] = {}
    candidates: list[tlv.TLV] = []
    for item in items:
        if item.tag in (0x31, 0x30) and item.constructed:
            children = item.children()
            # either the SET of field SEQUENCEs, or a field SEQUENCE placed directly
            if children and children[0].tag == 0x02 and item.tag == 0x30:
                candidates.append(item)
            else:
                candidates.extend(c for c in children if c.tag == 0x30)
    for entry in candidates:
        children = entry.children()
        if not children or children[0].tag != 0x02:
            continue  # not a field; unknown shapes are skipped
        number = _small_int(children[0].value)
        values: list[str] = []
        for child in children[1:]:
            values.extend(_strings(child))
        fields.setdefault(number, tuple(values))
    if not fields:
        raise ParseError("DG13 holds no fields")
    return DG13(fields)


# ---------------------------------------------------------------- encoding (the virtual card)


def _utf8(text: str) -> bytes:
    return tlv.encode(0x0C, unicodedata.normalize("NFC", text).encode("utf-8"))


def encode_dg13(values: dict[int, str | tuple[str, str] | None], parents_nested: bool = False) -> bytes:
    """Build DG13. values[PARENTS] is (father, mother); parents_nested puts each in its own SEQUENCE.

    A value of None leaves the field with no string (an empty spouse on real cards).
    """
    entries = b""
    for number in sorted(values):
        value = values[number]
        content = tlv.encode(0x02, tlv.encode_int(number))
        if number == PARENTS and isinstance(value, tuple):
            father, mother = value
            if parents_nested:
                content += tlv.encode(0x30, tlv.encode(0x30, _utf8(father)) + tlv.encode(0x30, _utf8(mother)))
            else:
                content += _utf8(father) + _utf8(mother)
        elif value is None:
            pass
        elif number in (ID_NUMBER, OLD_ID_NUMBER, UNKNOWN_16):
            content += tlv.encode(0x13, str(value).encode("ascii"))  # digits as PrintableString
        else:
            content += _utf8(str(value))
        entries += tlv.encode(0x30, content)
    seq = tlv.encode(0x02, b"\x01") + tlv.encode(0x06, OID_DG13) + tlv.encode(0x31, entries)
    return tlv.encode(TAG_DG13, tlv.encode(0x30, seq))
