"""The QR code on the face of a CCCD, and the chip keys it gives without typing.

The QR holds `ID12|old ID|full name|birth ddmmyyyy|sex|address|issue ddmmyyyy`, UTF-8; 2024 cards add
empty fields at the end, and a 6-field variant without the issue date exists. From it come the CAN
(last 6 digits of the ID: PACE) and the BAC inputs (document number = last 9 digits, birth date, and
the expiry, which the QR does not hold: it is computed from the renewal rules, with fall-backs).
"""

from __future__ import annotations

import unicodedata
from dataclasses import dataclass
from datetime import date

from .errors import ParseError
from .mrz import AccessKey

# Ages at which a card must be renewed (Law on Identification 2023 added 14; older cards start at 25).
MILESTONES = (14, 25, 40, 60)
MILESTONES_BEFORE_2024 = (25, 40, 60)
NO_EXPIRY_FROM_AGE = 58  # a card issued from this age on does not expire
GRACE_YEARS = 2  # issued within two years before a milestone: valid to the next one


@dataclass(frozen=True, repr=False)
class CardQr:
    id_number: str
    old_id_number: str | None
    full_name: str
    birth_date: date
    sex: str
    address: str
    issue_date: date | None

    @property
    def can(self) -> str:
        return self.id_number[-6:]

    def __repr__(self) -> str:
        return "CardQr(<hidden>)"


def parse_card_qr(text: str) -> CardQr:
    """Raises ParseError (never with the QR's content in the message) when it is not a CCCD QR."""
    fields = [unicodedata.normalize("NFC", f).strip() for f in text.strip().split("|")]
    while len(fields) > 7 and fields[-1] == "":  # 2024 cards: extra empty fields
        fields.pop()
    if len(fields) not in (6, 7):
        raise ParseError(f"not a chip ID card QR code ({len(fields)} fields, expected 6 or 7)")
    id_number, old_id, name, birth, sex, address = fields[:6]
    if not (len(id_number) == 12 and id_number.isdigit()):
        raise ParseError("the QR code's first field is not a 12-digit ID number")
    if old_id and not (len(old_id) == 9 and old_id.isdigit()):
        raise ParseError("the QR code's old ID field is not 9 digits")
    if not name:
        raise ParseError("the QR code has no name")
    return CardQr(id_number, old_id or None, name, _ddmmyyyy(birth, "birth date"), sex, address,
                  _ddmmyyyy(fields[6], "issue date") if len(fields) == 7 and fields[6] else None)


def _ddmmyyyy(text: str, what: str) -> date:
    if len(text) != 8 or not text.isdigit():
        raise ParseError(f"the QR code's {what} is not ddmmyyyy")
    try:
        return date(int(text[4:]), int(text[2:4]), int(text[:2]))
    except ValueError:
        raise ParseError(f"the QR code's {what} is not a real date") from None


def expiry_candidates(birth: date, issued: date | None) -> list[date | None]:
    """Expiry dates to try for BAC, most likely first; None stands for a card that does not expire.

    The expiry falls on the birthday at the next milestone age after issue, skipping a milestone that
    is less than two years away; from age 58 the card does not expire. Without an issue date (6-field
    QR), or where the rule is ambiguous, every plausible milestone is offered.
    """
    candidates: list[date | None] = []

    def add(value: date | None) -> None:
        if value not in candidates:
            candidates.append(value)

    if issued is not None:
        for milestones in (MILESTONES, MILESTONES_BEFORE_2024):
            add(_rule_expiry(birth, issued, milestones))
        # Cards issued right at the edge of the grace period: the other side of the edge.
        for milestones in (MILESTONES, MILESTONES_BEFORE_2024):
            add(_rule_expiry(birth, issued, milestones, grace_years=0))
    for age in MILESTONES:
        if issued is None or _birthday(birth, age) > issued:  # a card never expires before its issue
            add(_birthday(birth, age))
    add(None)
    return candidates


def _rule_expiry(birth: date, issued: date, milestones: tuple[int, ...], grace_years: int = GRACE_YEARS) -> date | None:
    age_at_issue = _age(birth, issued)
    if age_at_issue >= NO_EXPIRY_FROM_AGE:
        return None
    for age in milestones:
        milestone = _birthday(birth, age)
        if milestone > issued and _age(issued, milestone) >= grace_years:
            return milestone
    return None


def _birthday(birth: date, age: int) -> date:
    try:
        return birth.replace(year=birth.year + age)
    except ValueError:  # 29 February
        return date(birth.year + age, 3, 1)


def _age(birth: date, on: date) -> int:
    return on.year - birth.year - ((on.month, on.day) < (birth.month, birth.day))


def bac_keys(qr: CardQr) -> list[AccessKey]:
    """BAC keys to try in order, from the QR's ID number and birth date and the expiry candidates."""
    return [AccessKey.from_vietnamese_id(qr.id_number, qr.birth_date, expiry)
            for expiry in expiry_candidates(qr.birth_date, qr.issue_date)]
