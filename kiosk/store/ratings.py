"""The citizens' satisfaction ratings: stored without personal data, and summarised for a report.

A rating row holds the day (in Vietnam), the station, the channel (kiosk or counter), the procedure, the
score and the reason codes: no dossier id, no citizen, no officer, no time of day. Nothing in the store
may join a rating to its dossier, so:
- the row's id is random and the table has no rowid (migration 4): neither tells the order of insertion;
- the audit row (`rating_added`) names no dossier and holds nothing of the rating;
- the WAL is checkpointed and truncated after each rating: its frames, in commit order, would otherwise
  show the rating's page written right after its dossier's (the file's blocks are freed, not overwritten:
  the same limit as `purge`).
What is left is the day: a station that received a single dossier of a procedure on a day has a rating
of that day that can only be that dossier's.
"""

from __future__ import annotations

import json
import uuid
from datetime import date, datetime, timedelta, timezone
from typing import Any, Iterable

from kiosk.domain import DomainError, utcnow
from kiosk.domain.models import PROCEDURE_CODE
from kiosk.domain.rating import REASON_CODES, REASONS_UP_TO, SCORES, validate_channel, validate_rating
from kiosk.text import nfc

from .audit import Auditing

VIETNAM = timezone(timedelta(hours=7))  # a rating's day is the day at the centre


def rating_day(moment: datetime) -> str:
    """The day a rating is filed under: the local date in Vietnam, YYYY-MM-DD."""
    if moment.tzinfo is None:
        raise DomainError("timestamps must carry a time zone")
    return moment.astimezone(VIETNAM).date().isoformat()


def _day(value: date | str) -> str:
    if isinstance(value, datetime):
        raise DomainError("a rating summary is asked for days (dates), not times")
    if isinstance(value, str):
        try:
            value = date.fromisoformat(value.strip())
        except ValueError:
            raise DomainError("a day is written YYYY-MM-DD") from None
    if not isinstance(value, date):
        raise DomainError("a day is a date or YYYY-MM-DD")
    return value.isoformat()


class Ratings(Auditing):
    def add_rating(self, score: int, reasons: Iterable[str] = (), *, channel: str = "kiosk",
                   procedure_code: str | None = None, actor: str | None = None,
                   now: datetime | None = None) -> None:
        """Store one rating: `score` 1-5, `reasons` codes of `kiosk.domain.rating.REASON_CODES` (only with
        a score of 3 or below), `channel` 'kiosk' or 'counter', the procedure's code if known. Filed under
        the day of `now` in Vietnam and this store's station; audited as `rating_added` (by `actor`, the
        station by default) with no dossier. Raises DomainError, and stores nothing, for anything invalid.
        Returns nothing: an id kept beside the dossier would be the link the table avoids."""
        codes = validate_rating(score, reasons)
        channel = validate_channel(channel)
        if procedure_code is not None:
            procedure_code = nfc(procedure_code) if isinstance(procedure_code, str) else procedure_code
            if not isinstance(procedure_code, str) or not PROCEDURE_CODE.fullmatch(procedure_code):
                raise DomainError("a procedure code is written like 1.001193")
        now = now or utcnow()
        day = rating_day(now)
        with self._tx() as conn:
            conn.execute(
                "INSERT INTO ratings (id, day, station_id, channel, procedure_code, score, reasons) "
                "VALUES (?,?,?,?,?,?,?)",
                (uuid.uuid4().hex, day, self.station_id, channel, procedure_code, score, json.dumps(list(codes))))
            self._audit(conn, "rating_added", None, now, actor)
        self._truncate_wal()

    def _truncate_wal(self) -> None:
        """Checkpoint and empty the WAL, waiting at most half a second for other connections' readers
        (not the store's usual 30 s): if one holds an older snapshot, the WAL stays as it is until the
        next rating's or purge's checkpoint."""
        with self._lock:
            timeout = self.conn.execute("PRAGMA busy_timeout").fetchone()[0]
            self.conn.execute("PRAGMA busy_timeout = 500")
            try:
                self.conn.execute("PRAGMA wal_checkpoint(TRUNCATE)").fetchall()
            finally:
                self.conn.execute(f"PRAGMA busy_timeout = {int(timeout)}")

    def rating_summary(self, day_from: date | str, day_to: date | str,
                       channel: str | None = None) -> dict[str, Any]:
        """The ratings of the days from `day_from` to `day_to` (both included; dates or YYYY-MM-DD), of
        one channel or both: how many (`ratings`), how many per score (`scores`, 1-5, zeros included),
        the mean score (None without ratings), how many were asked for reasons (`asked`: score 3 or
        below), and how many times each reason was given (`reasons`, every code of the list, zeros
        included; a rating may give several)."""
        first, last = _day(day_from), _day(day_to)
        if first > last:
            raise DomainError("the first day of a rating summary comes after its last")
        where, params = "r.day BETWEEN ? AND ?", [first, last]
        if channel is not None:
            where += " AND r.channel = ?"
            params.append(validate_channel(channel))
        scores = dict.fromkeys(SCORES, 0)
        for score, count in self.conn.execute(
                f"SELECT r.score, count(*) FROM ratings AS r WHERE {where} GROUP BY r.score", params):
            scores[score] = count
        total = sum(scores.values())
        reasons = dict.fromkeys(REASON_CODES, 0)
        for code, count in self.conn.execute(
                f"SELECT j.value, count(*) FROM ratings AS r, json_each(r.reasons) AS j WHERE {where} "
                "GROUP BY j.value ORDER BY j.value", params):
            reasons[code] = count
        return {
            "day_from": first, "day_to": last, "channel": channel, "ratings": total, "scores": scores,
            "mean": sum(score * count for score, count in scores.items()) / total if total else None,
            "asked": sum(count for score, count in scores.items() if score <= REASONS_UP_TO),
            "reasons": reasons,
        }
