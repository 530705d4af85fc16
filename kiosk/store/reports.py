"""The day report of a station: how many dossiers it received, for which procedures, how many from
citizens living outside the receiving unit (non-territorial: received "regardless of administrative
boundaries"), and how long citizens waited from first contact to the receipt. No personal data: only
counts, procedure codes, hours and durations, read from columns that are not sealed."""

from __future__ import annotations

import csv
import io
import statistics
from collections import Counter as Tally
from dataclasses import dataclass, field
from datetime import date, datetime

from .counter import VIETNAM, local_day
from .opening import Opening, parse_ts, ts

# States of a dossier received from the citizen: submitted on the station (a draft or a ready dossier
# was not handed in).
RECEIVED_STATES = ("queued", "uploading", "accepted", "rejected")


@dataclass(frozen=True)
class DayReport:
    day: date
    received: int
    by_procedure: dict[str, int] = field(default_factory=dict)  # procedure code → dossiers, most first
    non_territorial: int = 0  # competent unit ≠ receiving unit: the citizen lives outside the centre's unit
    median_handling_seconds: float | None = None  # first contact → receipt, over dossiers with a first contact
    over_threshold: int = 0  # waits longer than the threshold
    by_hour: dict[int, int] = field(default_factory=dict)  # hour of receipt (Vietnam time) → dossiers
    wait_alert_minutes: int = 20
    with_first_contact: int = 0  # dossiers whose wait is known
    longest_wait_seconds: float | None = None  # the longest of those waits (the station's health shows it)

    def to_csv(self) -> str:
        """UTF-8 text, one header row (section, key, value) then the summary, the counts per procedure
        and per hour of the day: nothing that names or identifies a citizen."""
        out = io.StringIO()
        writer = csv.writer(out, lineterminator="\n")
        writer.writerow(["section", "key", "value"])
        median = "" if self.median_handling_seconds is None else f"{self.median_handling_seconds:.0f}"
        for key, value in (("day", self.day.isoformat()), ("received", self.received),
                           ("non_territorial", self.non_territorial), ("with_first_contact", self.with_first_contact),
                           ("median_handling_seconds", median), ("wait_alert_minutes", self.wait_alert_minutes),
                           ("over_threshold", self.over_threshold)):
            writer.writerow(["summary", key, value])
        for code, count in self.by_procedure.items():
            writer.writerow(["procedure", code, count])
        for hour, count in sorted(self.by_hour.items()):
            writer.writerow(["hour", f"{hour:02d}", count])
        return out.getvalue()


class Reports(Opening):
    def _received(self, columns: str, start: str, end: str | None = None) -> list[tuple]:
        """`columns` of the dossiers received in [start, end) (stored timestamps; no end: until now)."""
        before, bounds = ("AND created_at < ?", (start, end)) if end else ("", (start,))
        # `+state`: the time range is the index to use, not the state (most dossiers are accepted)
        return self.conn.execute(
            f"""SELECT {columns} FROM dossiers WHERE created_at >= ? {before}
                AND +state IN ({",".join("?" * len(RECEIVED_STATES))})""", (*bounds, *RECEIVED_STATES)).fetchall()

    def longest_wait_since(self, since: datetime) -> float:
        """The longest wait (first contact to receipt, seconds) of the dossiers received since `since`; 0
        when none was measured. The province's wait alert reads it: a long wait stays in it for an hour."""
        rows = self._received("created_at, first_contact_at", ts(since))
        return max((wait_seconds(received, contact) for received, contact in rows if contact), default=0.0)

    def day_report(self, day: date, wait_alert_minutes: int = 20) -> DayReport:
        """The dossiers received on `day` (Vietnam time) by this store's station."""
        rows = self._received("procedure_code, receiving_unit, competent_unit, created_at, first_contact_at",
                              *local_day(day))
        procedures: Tally[str] = Tally()
        hours: Tally[int] = Tally()
        waits: list[float] = []
        non_territorial = 0
        for procedure, receiving, competent, created_at, first_contact in rows:
            procedures[procedure] += 1
            created = parse_ts(created_at)
            hours[created.astimezone(VIETNAM).hour] += 1
            non_territorial += receiving != competent
            if first_contact:
                waits.append(wait_seconds(created_at, first_contact))
        threshold = wait_alert_minutes * 60
        return DayReport(
            day=day, received=len(rows),
            by_procedure=dict(sorted(procedures.items(), key=lambda item: (-item[1], item[0]))),
            non_territorial=non_territorial,
            median_handling_seconds=statistics.median(waits) if waits else None,
            over_threshold=sum(wait > threshold for wait in waits), by_hour=dict(sorted(hours.items())),
            wait_alert_minutes=wait_alert_minutes, with_first_contact=len(waits),
            longest_wait_seconds=max(waits) if waits else None)


def wait_seconds(received: str, first_contact: str) -> float:
    """A citizen's wait, first contact (queue ticket or card) to receipt, from the stored timestamps."""
    return max(0.0, (parse_ts(received) - parse_ts(first_contact)).total_seconds())
