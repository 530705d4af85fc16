"""The card holder's identity as a value object, built from DG1 (MRZ) and DG13 (+ DG2 photo).

Text is NFC-normalised, dates are datetime.date, expiry is a date or NO_EXPIRY. repr() shows no
personal data: an Identity may end up in a log.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass, field
from datetime import date

from . import dg13 as f
from .dg13 import DG13
from .errors import DataMismatch, ParseError
from .lds import FaceImage
from .mrz import MRZ
from .verification import Verification


class _NoExpiry:
    """The card does not expire (issued from age 58: "Không thời hạn")."""

    _instance = None

    def __new__(cls):
        if cls._instance is None:
            cls._instance = super().__new__(cls)
        return cls._instance

    def __repr__(self) -> str:
        return "NO_EXPIRY"

    def __reduce__(self):
        return (_NoExpiry, ())


NO_EXPIRY = _NoExpiry()
Expiry = date | _NoExpiry

_NO_EXPIRY_TEXTS = {"khong thoi han", "khong co thoi han", "vo thoi han", "no expiry", "unlimited"}
_DATE = re.compile(r"^\s*(\d{1,2})\s*[/.-]\s*(\d{1,2})\s*[/.-]\s*(\d{4})\s*$")


def nfc(text: str) -> str:
    return unicodedata.normalize("NFC", text).strip()


def _fold(text: str) -> str:
    text = nfc(text).lower().replace("đ", "d")
    return " ".join("".join(c for c in unicodedata.normalize("NFD", text) if not unicodedata.combining(c)).split())


def parse_date(text: str) -> date:
    """dd/mm/yyyy as written in DG13."""
    m = _DATE.match(text or "")
    if not m:
        raise ParseError("DG13 date is not dd/mm/yyyy")
    try:
        return date(int(m.group(3)), int(m.group(2)), int(m.group(1)))
    except ValueError as exc:
        raise ParseError("DG13 date does not exist") from exc


def parse_expiry(text: str) -> Expiry:
    if _fold(text) in _NO_EXPIRY_TEXTS:
        return NO_EXPIRY
    return parse_date(text)


def format_date(value: date) -> str:
    return value.strftime("%d/%m/%Y")


@dataclass(frozen=True, repr=False)
class Identity:
    id_number: str
    full_name: str
    birth_date: date
    sex: str  # as written on the card: "Nam" / "Nữ"
    nationality: str
    ethnicity: str
    religion: str
    home_town: str
    permanent_address: str
    identifying_marks: str
    issue_date: date
    expiry: Expiry
    father_name: str
    mother_name: str
    spouse_name: str | None = None
    old_id_number: str | None = None
    document_number: str = ""  # from the MRZ: the last 9 digits of the ID
    mrz_sex: str = ""  # M / F / <
    photo: FaceImage | None = field(default=None, compare=False)
    # what the reading proved (access, passive/chip/active authentication); set by the reader
    verification: Verification | None = field(default=None, compare=False)

    @property
    def no_expiry(self) -> bool:
        return self.expiry is NO_EXPIRY

    def __repr__(self) -> str:
        return f"Identity(<hidden>, photo={'yes' if self.photo else 'no'})"

    __str__ = __repr__


def identity_from(mrz: MRZ, dg13: DG13, photo: FaceImage | None = None) -> Identity:
    """Combine DG1 and DG13; they must agree on the ID and the birth date."""

    def required(number: int) -> str:
        value = dg13.text(number)
        if value is None:
            raise ParseError(f"DG13 field {number} is missing")
        return nfc(value)

    def optional(number: int) -> str | None:
        value = dg13.text(number)
        value = nfc(value) if value is not None else None
        return value or None

    id_number = required(f.ID_NUMBER)
    if not (len(id_number) == 12 and id_number.isdigit()):
        raise ParseError("DG13 ID number is not 12 digits")
    birth = parse_date(required(f.BIRTH_DATE))
    if mrz.id_number is not None and mrz.id_number != id_number:
        raise DataMismatch("DG1 and DG13 disagree on the ID number")
    if mrz.document_number and mrz.document_number != id_number[-9:]:
        raise DataMismatch("DG1 document number is not the end of the DG13 ID number")
    if mrz.birth_date != birth.strftime("%y%m%d"):
        raise DataMismatch("DG1 and DG13 disagree on the birth date")
    if not mrz.valid:
        raise ParseError(f"DG1 MRZ check digits fail: {', '.join(mrz.failed)}")
    return Identity(
        id_number=id_number,
        full_name=required(f.FULL_NAME),
        birth_date=birth,
        sex=required(f.SEX),
        nationality=required(f.NATIONALITY),
        ethnicity=nfc(dg13.text(f.ETHNICITY) or ""),
        religion=nfc(dg13.text(f.RELIGION) or ""),
        home_town=nfc(dg13.text(f.HOME_TOWN) or ""),
        permanent_address=nfc(dg13.text(f.PERMANENT_ADDRESS) or ""),
        identifying_marks=nfc(dg13.text(f.IDENTIFYING_MARKS) or ""),
        issue_date=parse_date(required(f.ISSUE_DATE)),
        expiry=parse_expiry(required(f.EXPIRY)),
        father_name=nfc(dg13.father),
        mother_name=nfc(dg13.mother),
        spouse_name=optional(f.SPOUSE),
        old_id_number=optional(f.OLD_ID_NUMBER),
        document_number=mrz.document_number,
        mrz_sex=mrz.sex,
        photo=photo,
    )
