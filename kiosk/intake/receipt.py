"""What the citizen takes away: the receipt's data (the front end prints it), and the expected result
date counted in working days from the procedure's time limit."""

from __future__ import annotations

import math
from dataclasses import dataclass
from datetime import date, datetime, timedelta, timezone
from typing import Collection

VIETNAM = timezone(timedelta(hours=7))


def add_working_days(start: date, days: float, holidays: Collection[date] = ()) -> date:
    """The day a time limit of `days` working days ends, counted from the day after `start`; 0 (or half a
    day) ends on `start` itself when that is a working day. Saturdays, Sundays and `holidays` do not count."""
    def working(day: date) -> bool:
        return day.weekday() < 5 and day not in holidays

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
