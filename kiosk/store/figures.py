"""The store's figures for the station's health (kiosk.health), read without the station key: the
outbox, the last delivery, the size on disk and the day report all come from columns that are not
sealed. A connection of its own, read only, opened per call: the exporter answers on its own threads,
and a store that is not made yet is reported as empty, never created."""

from __future__ import annotations

import os
import sqlite3
from contextlib import closing
from dataclasses import dataclass
from datetime import date, datetime
from pathlib import Path

from .opening import DB_NAME, parse_ts
from .reports import DayReport, Reports

WAITING = "('pending', 'sending')"  # an outbox entry not yet delivered


@dataclass(frozen=True)
class OutboxFigures:
    dossiers: int  # queued or uploading
    pending_bytes: int  # their documents
    oldest_queued: datetime | None  # when the oldest of them was submitted
    last_accepted: datetime | None  # the last dossier the province accepted (its state's change, on the station)


class _ClearReports(Reports):
    """The day report over a plain connection: `Reports.day_report` reads only clear columns."""

    def __init__(self, conn: sqlite3.Connection) -> None:  # noqa: D107 - no key, no migrations: read only
        self.conn = conn


class StoreFigures:
    def __init__(self, store_dir: Path) -> None:
        self.store_dir = Path(store_dir)
        self.path = self.store_dir / DB_NAME

    def exists(self) -> bool:
        return self.path.is_file()

    def _connect(self) -> sqlite3.Connection:
        conn = sqlite3.connect(f"file:{self.path}?mode=ro", uri=True, timeout=5)
        conn.execute("PRAGMA query_only = 1")
        return conn

    def outbox(self) -> OutboxFigures:
        if not self.exists():
            return OutboxFigures(0, 0, None, None)
        with closing(self._connect()) as conn:
            waiting = f"SELECT dossier_id FROM outbox WHERE state IN {WAITING}"
            count, oldest = conn.execute(f"SELECT count(*), min(created_at) FROM outbox WHERE state IN {WAITING}"
                                         ).fetchone()
            size = conn.execute(f"SELECT coalesce(sum(size), 0) FROM documents WHERE dossier_id IN ({waiting})"
                                ).fetchone()[0]
            accepted = conn.execute("SELECT max(updated_at) FROM dossiers WHERE state = 'accepted'").fetchone()[0]
        return OutboxFigures(count, size, parse_ts(oldest) if oldest else None,
                             parse_ts(accepted) if accepted else None)

    def day_report(self, day: date, wait_alert_minutes: int) -> DayReport | None:
        if not self.exists():
            return None
        with closing(self._connect()) as conn:
            return _ClearReports(conn).day_report(day, wait_alert_minutes)

    def longest_wait_since(self, since: datetime) -> float:
        if not self.exists():
            return 0.0
        with closing(self._connect()) as conn:
            return _ClearReports(conn).longest_wait_since(since)

    def size_bytes(self) -> int:
        """Every file of the store: the database with its journal, and the encrypted documents."""
        total = 0
        for folder, _, files in os.walk(self.store_dir):
            for name in files:
                try:
                    total += os.stat(os.path.join(folder, name)).st_size
                except FileNotFoundError:  # purged while we walked
                    continue
        return total
