"""What the citizen takes away: the receipt's data (the front end prints it), the expected result date
counted in working days from the procedure's time limit, and the text of the QR code printed in the
receipt's top-left corner (Circular 01/2023/TT-VPCP)."""

from __future__ import annotations

import json
import math
from dataclasses import dataclass
from datetime import date, datetime, timedelta, timezone
from typing import Any, Collection

from kiosk.domain import DOSSIER_CODE, DomainError, validate_dossier_code
from kiosk.domain.models import ID_NUMBER, PROCEDURE_CODE
from kiosk.text import nfc

VIETNAM = timezone(timedelta(hours=7))


def add_working_days(start: date, days: float, holidays: Collection[date] = (),
                     extra_working_days: Collection[date] | None = None) -> date:
    """The day a time limit of `days` working days ends, counted from the day after `start`; 0 (or half a
    day) ends on `start` itself when that is a working day. Saturdays, Sundays and `holidays` do not count,
    except the weekend days in `extra_working_days` (a Saturday worked in exchange for a day off); when it
    is None, those `holidays` carry (`kiosk.catalogs.DaysOff.extra_working_days`) are taken."""
    if extra_working_days is None:
        extra_working_days = getattr(holidays, "extra_working_days", ())

    def working(day: date) -> bool:
        return day in extra_working_days or (day.weekday() < 5 and day not in holidays)

    if days < 1:
        day = start
        while not working(day):
            day += timedelta(days=1)
        return day
    day, left = start, math.ceil(days)
    while left:
        day += timedelta(days=1)
        if working(day):
            left -= 1
    return day


@dataclass(frozen=True)
class ReceiptComponent:
    name: str
    how: str  # "scanned", "e-wallet", "shown in original", "not provided"
    pages: int = 0


@dataclass(frozen=True)
class Receipt:
    local_reference: str  # the dossier's id on the station, until the province gives its code
    procedure_code: str
    procedure_name: str
    receiving_unit: str  # code and name
    receiving_unit_name: str
    competent_unit: str
    competent_unit_name: str
    received_at: datetime
    expected_result: date | None  # None: the procedure's time limit is not known
    components: tuple[ReceiptComponent, ...]
    holidays_counted: bool  # False: only weekends were skipped (no holiday calendar configured)

    def as_dict(self) -> dict:
        return {
            "local_reference": self.local_reference, "procedure_code": self.procedure_code,
            "procedure_name": self.procedure_name, "receiving_unit": self.receiving_unit,
            "receiving_unit_name": self.receiving_unit_name, "competent_unit": self.competent_unit,
            "competent_unit_name": self.competent_unit_name,
            "received_at": self.received_at.astimezone(VIETNAM).isoformat(timespec="seconds"),
            "expected_result": self.expected_result.isoformat() if self.expected_result else None,
            "components": [c.__dict__ for c in self.components], "holidays_counted": self.holidays_counted,
        }


# --- the QR code of the receipt ----------------------------------------------------------------
#
# Circular No. 01/2023/TT-VPCP of the Government Office (issued 5 April 2023, in force 25 May 2023;
# summarised in LuatVietnam's English legal update "Application of QR codes in receiving and handling
# administrative procedures"): a document issued from an information system for handling administrative
# procedures carries a QR code (TCVN 7322:2009, i.e. ISO/IEC 18004:2006) in its upper left corner giving at
# least the dossier code, the administrative procedure's code, the identification code of the organisation
# or individual doing the procedure, the name of the document, the name of the information system
# providing the data and the time of issue; on a receipt-and-appointment ("Giấy tiếp nhận hồ sơ và hẹn trả
# kết quả") also the appointment date.
#
# The summary does not fix how these fields are laid out inside the code, so the layout is OURS: one UTF-8
# JSON object, keys in this order, no spaces:
#
#   v    format version, 1
#   dc   the dossier code: the official code (Circular 01/2018/TT-VPCP) once the province gave it,
#        else the station's local reference
#   dk   which of the two "dc" is: "official" or "local"
#   pc   the administrative procedure's code (e.g. 1.001193)
#   id   the holder's identification number (the 12-digit number of the chip ID card)
#   doc  the name of the document: "Giấy tiếp nhận hồ sơ và hẹn trả kết quả"
#   sys  the name of the information system providing the data (kiosk.SYSTEM_NAME)
#   at   the time of issue, ISO 8601 in Vietnam's time (+07:00), to the second
#   due  the appointment date (the expected result date), YYYY-MM-DD, or null when the procedure's time
#        limit is not known
#
# e.g. {"v":1,"dc":"000.00.13.H22-250701-0001","dk":"official","pc":"1.001193","id":"001190012345",
#       "doc":"Giấy tiếp nhận hồ sơ và hẹn trả kết quả","sys":"Điểm số hóa","at":"2025-07-01T15:04:05+07:00",
#       "due":"2025-07-02"}
#
# Short keys keep the code small (about 240 bytes: version 11, 61 modules, at error correction level M).
# parse_qr_payload reads it back.

RECEIPT_DOCUMENT_NAME = "Giấy tiếp nhận hồ sơ và hẹn trả kết quả"
QR_FORMAT_VERSION = 1
_QR_KEYS = ("v", "dc", "dk", "pc", "id", "doc", "sys", "at", "due")


class QrPayloadError(ValueError):
    """The text is not a receipt's QR payload of our layout. Never holds the text itself (it holds an ID)."""


def qr_payload(receipt: Receipt, holder_id: str, official_code: str | None, issued_at: datetime,
               system_name: str) -> str:
    """The text of the receipt's QR code (the layout above). The holder's ID is given apart from the
    receipt: a Receipt is printed by the command line and must not carry it."""
    holder_id = nfc(holder_id)
    if not ID_NUMBER.fullmatch(holder_id):
        raise DomainError("the holder's ID number must be 12 digits")
    if issued_at.tzinfo is None:
        raise DomainError("the time of issue must carry its time zone")
    if not nfc(system_name).strip():
        raise DomainError("the information system's name is empty")
    code, kind = ((validate_dossier_code(official_code), "official") if official_code
                  else (receipt.local_reference, "local"))
    fields = {
        "v": QR_FORMAT_VERSION, "dc": code, "dk": kind, "pc": receipt.procedure_code, "id": holder_id,
        "doc": RECEIPT_DOCUMENT_NAME, "sys": nfc(system_name).strip(),
        "at": issued_at.astimezone(VIETNAM).isoformat(timespec="seconds"),
        "due": receipt.expected_result.isoformat() if receipt.expected_result else None,
    }
    return json.dumps(fields, ensure_ascii=False, separators=(",", ":"))


def parse_qr_payload(text: str | bytes) -> dict[str, Any]:
    """A receipt's QR payload read back: {"version", "dossier_code", "dossier_code_kind" ("official" or
    "local"), "procedure_code", "holder_id", "document_name", "system_name", "issued_at" (an aware
    datetime), "appointment" (a date, or None)}. Raises QrPayloadError on anything else."""
    if isinstance(text, bytes):
        try:
            text = text.decode("utf-8")
        except UnicodeDecodeError:
            raise QrPayloadError("the QR payload is not UTF-8") from None
    try:
        fields = json.loads(text)
    except ValueError:
        raise QrPayloadError("the QR payload is not a JSON object") from None
    if not isinstance(fields, dict) or set(fields) != set(_QR_KEYS):
        raise QrPayloadError("the QR payload does not have the receipt's fields")
    if fields["v"] != QR_FORMAT_VERSION:
        raise QrPayloadError(f"the QR payload's format version is not {QR_FORMAT_VERSION}")
    strings = [k for k in _QR_KEYS if k not in ("v", "due")]
    if any(not isinstance(fields[k], str) or not fields[k] for k in strings):
        raise QrPayloadError("a field of the QR payload is empty or not text")
    kind, code = fields["dk"], fields["dc"]
    if kind not in ("official", "local") or (kind == "official" and not DOSSIER_CODE.fullmatch(code)):
        raise QrPayloadError("the QR payload's dossier code is not an official code nor a local reference")
    if not PROCEDURE_CODE.fullmatch(fields["pc"]):
        raise QrPayloadError("the QR payload's procedure code is malformed")
    if not ID_NUMBER.fullmatch(fields["id"]):
        raise QrPayloadError("the QR payload's identification number is not 12 digits")
    try:
        issued_at = datetime.fromisoformat(fields["at"])
        appointment = date.fromisoformat(fields["due"]) if fields["due"] is not None else None
    except (TypeError, ValueError):
        raise QrPayloadError("the QR payload's time of issue or appointment date is malformed") from None
    if issued_at.tzinfo is None:
        raise QrPayloadError("the QR payload's time of issue has no time zone")
    return {
        "version": fields["v"], "dossier_code": code, "dossier_code_kind": kind, "procedure_code": fields["pc"],
        "holder_id": fields["id"], "document_name": fields["doc"], "system_name": fields["sys"],
        "issued_at": issued_at, "appointment": appointment,
    }
