"""Vietnam's public holidays as the civil service's days off, from `resources/catalogs/holidays_vn.toml`
(a file kept by hand: the Government fixes the Tết and 2/9 days and any swapped Saturday every year).

`load_holidays()` reads and checks it; `HolidayCalendar.days` is what `add_working_days` counts with: a
frozenset of the weekdays off that also carries the Saturdays made working days by a swap."""

from __future__ import annotations

import tomllib
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import Any, Iterable

from kiosk.resources import CATALOGS

from .units import CatalogError

HOLIDAYS_FILE = CATALOGS / "holidays_vn.toml"
FORMAT = 1


class DaysOff(frozenset):
    """The weekdays off, as a frozenset of dates, and `extra_working_days`: weekend days that a swap made
    working days (`kiosk.intake.receipt.add_working_days` counts them)."""

    extra_working_days: frozenset

    def __new__(cls, days: Iterable[date] = (), extra_working_days: Iterable[date] = ()) -> "DaysOff":
        made = super().__new__(cls, days)
        made.extra_working_days = frozenset(extra_working_days)
        return made

    def __reduce__(self):  # a frozenset subclass with a field: pickled with it
        return (DaysOff, (frozenset(self), self.extra_working_days))


@dataclass(frozen=True)
class HolidayEntry:
    name: str
    days: tuple[date, ...]
    source: str  # a key of `HolidayCalendar.sources`
    checked: bool  # its dates were checked against the source
    working: bool = False  # a weekend day made a working day
    note: str = ""


@dataclass(frozen=True)
class HolidayCalendar:
    days: DaysOff  # weekdays off (a frozenset[date]), carrying the working Saturdays
    working_saturdays: frozenset[date]
    years: frozenset[int]
    entries: tuple[HolidayEntry, ...]
    sources: dict[str, dict[str, Any]]
    path: Path

    def covers(self, day: date) -> bool:
        """Whether the calendar lists the holidays of `day`'s year (outside it only weekends are known)."""
        return day.year in self.years

    def unchecked(self) -> list[HolidayEntry]:
        """The entries no announcement confirmed yet: projections from the law and the lunar calendar."""
        return [entry for entry in self.entries if not entry.checked]


def load_holidays(path: Path | str | None = None) -> HolidayCalendar:
    """The calendar from `path` (the shipped file when None). Raises CatalogError naming the file and
    what is wrong with it."""
    path = Path(path) if path is not None else HOLIDAYS_FILE
    try:
        data = tomllib.loads(path.read_text(encoding="utf-8"))
    except OSError as error:
        raise CatalogError(path, f"the holiday calendar cannot be read ({error.__class__.__name__})") from None
    except UnicodeDecodeError:
        raise CatalogError(path, "the holiday calendar is not UTF-8 text") from None
    except tomllib.TOMLDecodeError as error:
        raise CatalogError(path, f"the holiday calendar is not valid TOML ({error})") from None
    try:
        return _calendar(data, path)
    except _Malformed as error:
        raise CatalogError(path, f"holiday calendar: {error}") from None


class _Malformed(ValueError):
    pass


def _calendar(data: dict[str, Any], path: Path) -> HolidayCalendar:
    if data.get("format") != FORMAT:
        raise _Malformed(f"`format` must be {FORMAT}")
    years = data.get("years")
    if not isinstance(years, list) or not years or not all(isinstance(y, int) and 2000 <= y <= 2100 for y in years):
        raise _Malformed("`years` must list the years the file covers, e.g. [2025, 2026]")
    sources = data.get("sources")
    if not isinstance(sources, dict) or not sources:
        raise _Malformed("[sources] is missing")
    for key, source in sources.items():
        if not isinstance(source, dict) or not all(isinstance(source.get(f), str) and source[f].strip()
                                                   for f in ("document", "issuer", "read_in")) \
                or not isinstance(source.get("date", date.min), date):
            raise _Malformed(f"source {key!r} needs document, issuer, read_in and, where known, a date")
    entries: list[HolidayEntry] = []
    for number, table in enumerate(_tables(data, "holiday"), start=1):
        days = table.get("days")
        if not isinstance(days, list) or not days:
            raise _Malformed(f"holiday {number}: `days` must list dates")
        entries.append(_entry(table, tuple(days), f"holiday {number}", sources, working=False))
    for number, table in enumerate(_tables(data, "working_saturday"), start=1):
        entries.append(_entry(table, (table.get("day"),), f"working_saturday {number}", sources, working=True))
    off: dict[date, str] = {}
    working: set[date] = set()
    for entry in entries:
        for day in entry.days:
            if day.year not in years:
                raise _Malformed(f"{entry.name}: {day.isoformat()} is outside the years {years}")
            if entry.working:
                if day.weekday() < 5:
                    raise _Malformed(f"{entry.name}: {day.isoformat()} is a weekday, not a weekend day made working")
                working.add(day)
            else:
                if day.weekday() >= 5:
                    raise _Malformed(f"{entry.name}: {day.isoformat()} is a weekend day; list the weekday off "
                                     "it gives instead")
                if day in off:
                    raise _Malformed(f"{day.isoformat()} is listed twice ({off[day]}, {entry.name})")
                off[day] = entry.name
    return HolidayCalendar(DaysOff(off, working), frozenset(working), frozenset(years), tuple(entries),
                           dict(sources), path)


def _tables(data: dict[str, Any], key: str) -> list[dict[str, Any]]:
    tables = data.get(key, [])
    if not isinstance(tables, list) or not all(isinstance(t, dict) for t in tables):
        raise _Malformed(f"`{key}` must be a list of [[{key}]] tables")
    return tables


def _entry(table: dict[str, Any], days: tuple, where: str, sources: dict, working: bool) -> HolidayEntry:
    name = table.get("name")
    if not isinstance(name, str) or not name.strip():
        raise _Malformed(f"{where}: `name` is missing")
    if not all(isinstance(day, date) and not hasattr(day, "hour") for day in days):
        raise _Malformed(f"{name}: dates must be TOML dates like 2026-02-16")
    if table.get("source") not in sources:
        raise _Malformed(f"{name}: `source` must name an entry of [sources]")
    if not isinstance(table.get("checked"), bool):
        raise _Malformed(f"{name}: `checked` must be true or false")
    return HolidayEntry(name.strip(), days, table["source"], table["checked"], working, str(table.get("note", "")))
