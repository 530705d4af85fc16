"""Machine readable zone (ICAO 9303-3/-4/-5): check digits, TD1 and TD3 parsing, the Vietnamese TD1
layout, and the BAC access key ("MRZ information").

Vietnamese TD1, line 1: IDVNM + document number (last 9 digits of the 12-digit ID) + check digit +
the full 12-digit ID + "<<" + the check digit of the 12-digit ID (positions 16-30 are ICAO's optional
data; the document number is exactly 9 characters, so the long-number rule of 9303-5 — a "<" in the
check digit position and the rest of the number in the optional data — does not apply; the parser
still understands it for other countries' cards).
"""

from __future__ import annotations

import unicodedata
from dataclasses import dataclass, field
from datetime import date

from .errors import ParseError

_WEIGHTS = (7, 3, 1)
_ALLOWED = set("ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789<")


def _value(ch: str) -> int:
    if ch.isdigit() and ch.isascii():
        return ord(ch) - 48
    if "A" <= ch <= "Z":
        return ord(ch) - 55
    if ch == "<":
        return 0
    raise ParseError("MRZ contains a character outside A-Z, 0-9 and <")


def check_digit(text: str) -> str:
    """The 7-3-1 check digit of an MRZ field."""
    return str(sum(_value(c) * _WEIGHTS[i % 3] for i, c in enumerate(text)) % 10)


def _check(text: str, digit: str) -> bool:
    # a filler "<" as check digit stands for 0 (ICAO 9303-3 §4.9)
    return check_digit(text) == (digit if digit != "<" else "0")


@dataclass(frozen=True, repr=False)
class MRZ:
    """A parsed MRZ. `failed` names every field whose check digit did not verify."""

    format: str  # "TD1" or "TD3"
    document_code: str
    issuing_state: str
    document_number: str
    birth_date: str  # YYMMDD as printed
    sex: str  # M, F or <
    expiry_date: str  # YYMMDD as printed (may be <<<<<< for no expiry)
    nationality: str
    optional_data: str
    optional_data2: str
    surname: str
    given_names: str
    failed: tuple[str, ...] = ()
    document_number_check: str = ""
    birth_date_check: str = ""
    expiry_date_check: str = ""
    text: str = field(default="", compare=False)

    @property
    def valid(self) -> bool:
        return not self.failed

    @property
    def id_number(self) -> str | None:
        """The 12-digit personal ID of a Vietnamese card (from the optional data), else None."""
        candidate = self.optional_data[:12]
        if self.issuing_state == "VNM" and len(candidate) == 12 and candidate.isdigit():
            return candidate
        return None

    def access_key(self) -> "AccessKey":
        return AccessKey(self.document_number, self.birth_date, self.expiry_date)

    def __repr__(self) -> str:
        return f"MRZ({self.format}, valid={self.valid}, failed={self.failed})"


def _clean_lines(text: str) -> list[str]:
    lines = [ln.strip().replace(" ", "") for ln in text.strip().splitlines() if ln.strip()]
    for ln in lines:
        if not set(ln) <= _ALLOWED:
            raise ParseError("MRZ contains a character outside A-Z, 0-9 and <")
    return lines


def _names(line: str) -> tuple[str, str]:
    surname, _, given = line.partition("<<")
    return surname.replace("<", " ").strip(), given.replace("<", " ").strip()


def parse_mrz(text: str) -> MRZ:
    """Parse a TD1 (3x30) or TD3 (2x44) MRZ. Shape errors raise ParseError; check digits go to .failed."""
    if not isinstance(text, str):
        raise ParseError("MRZ must be text")
    lines = _clean_lines(text)
    if len(lines) == 3 and all(len(ln) == 30 for ln in lines):
        return _parse_td1(lines)
    if len(lines) == 2 and all(len(ln) == 44 for ln in lines):
        return _parse_td3(lines)
    if len(lines) == 1 and len(lines[0]) == 90:
        return _parse_td1([lines[0][0:30], lines[0][30:60], lines[0][60:90]])
    if len(lines) == 1 and len(lines[0]) == 88:
        return _parse_td3([lines[0][0:44], lines[0][44:88]])
    raise ParseError("MRZ is neither TD1 (3x30) nor TD3 (2x44)")


def _parse_td1(lines: list[str]) -> MRZ:
    l1, l2, l3 = lines
    failed = []
    number, number_cd, optional = l1[5:14], l1[14], l1[15:30]
    if number_cd == "<" and not number.endswith("<"):
        # ICAO 9303-5 long document number: the rest and its check digit open the optional data
        ext = optional.split("<", 1)[0]
        if len(ext) >= 2:  # otherwise the check below fails and reports the field
            number, number_cd = number + ext[:-1], ext[-1]
            optional = optional[len(ext) + 1 :]
    if not _check(number, number_cd):
        failed.append("document_number")
    if not _check(l2[0:6], l2[6]):
        failed.append("birth_date")
    if not _check(l2[8:14], l2[14]):
        failed.append("expiry_date")
    if not _check(l1[5:30] + l2[0:7] + l2[8:15] + l2[18:29], l2[29]):
        failed.append("composite")
    opt = l1[15:30]
    if l1[2:5] == "VNM" and opt[:12].isdigit() and opt[14].isdigit() and not _check(opt[:12], opt[14]):
        failed.append("id_number")
    surname, given = _names(l3)
    return MRZ(
        "TD1", l1[0:2].rstrip("<"), l1[2:5], number.rstrip("<"), l2[0:6], l2[7], l2[8:14],
        l2[15:18], optional.rstrip("<") if l1[14] == "<" else opt, l2[18:29], surname, given,
        tuple(failed), number_cd, l2[6], l2[14], "\n".join(lines),
    )


def _parse_td3(lines: list[str]) -> MRZ:
    l1, l2 = lines
    failed = []
    if not _check(l2[0:9], l2[9]):
        failed.append("document_number")
    if not _check(l2[13:19], l2[19]):
        failed.append("birth_date")
    if not _check(l2[21:27], l2[27]):
        failed.append("expiry_date")
    if l2[28:42].strip("<") or l2[42] != "<":
        if not _check(l2[28:42], l2[42]):
            failed.append("optional_data")
    if not _check(l2[0:10] + l2[13:20] + l2[21:43], l2[43]):
        failed.append("composite")
    surname, given = _names(l1[5:44])
    return MRZ(
        "TD3", l1[0:2].rstrip("<"), l1[2:5], l2[0:9].rstrip("<"), l2[13:19], l2[20], l2[21:27],
        l2[10:13], l2[28:42], "", surname, given, tuple(failed), l2[9], l2[19], l2[27], "\n".join(lines),
    )


# ---------------------------------------------------------------- building the Vietnamese TD1


def transliterate(name: str) -> str:
    """Vietnamese name to MRZ characters: no diacritics, đ -> D, upper case, spaces -> '<'."""
    name = unicodedata.normalize("NFC", name).replace("đ", "d").replace("Đ", "D")
    plain = "".join(c for c in unicodedata.normalize("NFD", name) if not unicodedata.combining(c))
    out = []
    for c in plain.upper():
        if "A" <= c <= "Z" or c.isdigit():
            out.append(c)
        else:
            out.append("<")  # spaces, hyphens, apostrophes become fillers
    return "<".join(part for part in "".join(out).split("<") if part)


def mrz_name(full_name: str, width: int = 30) -> str:
    """SURNAME<<GIVEN<NAMES (the first word of a Vietnamese name is the family name)."""
    words = transliterate(full_name).split("<")
    text = words[0] + "<<" + "<".join(words[1:]) if len(words) > 1 else words[0]
    return text[:width].ljust(width, "<")


def yymmdd(value: date | str | None) -> str:
    if value is None:
        return "<<<<<<"  # no expiry
    if isinstance(value, date):
        return value.strftime("%y%m%d")
    if len(value) != 6 or not (value.isdigit() or value == "<<<<<<"):
        raise ParseError("MRZ date must be YYMMDD")
    return value


def build_td1_vn(id_number: str, full_name: str, birth_date: date, sex: str, expiry: date | None) -> str:
    """The three lines of a Vietnamese card's MRZ, joined by newlines."""
    if len(id_number) != 12 or not id_number.isdigit():
        raise ValueError("the ID number must have 12 digits")
    doc = id_number[-9:]
    line1 = f"IDVNM{doc}{check_digit(doc)}{id_number}<<{check_digit(id_number)}"
    birth, exp = yymmdd(birth_date), yymmdd(expiry)
    sex_code = {"M": "M", "F": "F", "NAM": "M", "NỮ": "F", "NU": "F"}.get(sex.strip().upper(), "<")
    line2 = f"{birth}{check_digit(birth)}{sex_code}{exp}{check_digit(exp)}VNM" + "<" * 11
    composite = check_digit(line1[5:30] + line2[0:7] + line2[8:15] + line2[18:29])
    line2 += composite
    return "\n".join((line1, line2, mrz_name(full_name)))


# ---------------------------------------------------------------- the BAC access key


@dataclass(frozen=True, repr=False)
class AccessKey:
    """Document number, birth date and expiry (YYMMDD): what BAC derives its keys from."""

    document_number: str
    birth_date: str
    expiry_date: str

    def __post_init__(self) -> None:
        number = self.document_number.upper().replace(" ", "")
        object.__setattr__(self, "document_number", number)
        object.__setattr__(self, "birth_date", yymmdd(self.birth_date))
        object.__setattr__(self, "expiry_date", yymmdd(self.expiry_date))
        if not number or not set(number) <= _ALLOWED:
            raise ParseError("document number must use A-Z, 0-9 and <")

    @classmethod
    def from_values(cls, document_number: str, birth: date | str, expiry: date | str | None) -> "AccessKey":
        return cls(document_number, yymmdd(birth), yymmdd(expiry))

    @classmethod
    def from_vietnamese_id(cls, id_number: str, birth: date | str, expiry: date | str | None) -> "AccessKey":
        """The document number of a CCCD is the last 9 digits of the 12-digit ID."""
        return cls.from_values(id_number[-9:], birth, expiry)

    @classmethod
    def from_mrz(cls, text: str) -> "AccessKey":
        return parse_mrz(text).access_key()

    @property
    def mrz_information(self) -> str:
        number = self.document_number.ljust(9, "<")
        return (
            number + check_digit(number)
            + self.birth_date + check_digit(self.birth_date)
            + self.expiry_date + check_digit(self.expiry_date)
        )

    def __repr__(self) -> str:
        return "AccessKey(<hidden>)"
