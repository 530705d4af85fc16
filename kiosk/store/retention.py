"""Retention: abandoned drafts and closed dossiers purged after their days, their files shredded,
and files a crash left unreferenced removed.

Ratings (ratings.py) are kept: like the audit log, which is never purged either, they hold no personal
data and no dossier id, so nothing of a citizen outlives their dossier through them; and the satisfaction
report compares months and years. Purging a dossier leaves its day's ratings as they are.
"""

from __future__ import annotations

import logging
import time
from dataclasses import dataclass
from datetime import datetime, timedelta

from kiosk.domain import DossierState, utcnow

from .audit import Auditing
from .errors import TamperedData
from .opening import ts

log = logging.getLogger(__name__)
DEFAULT_DRAFT_DAYS = 7
DEFAULT_ACCEPTED_DAYS = 30
DEFAULT_REJECTED_DAYS = 30
S = DossierState


@dataclass(frozen=True)
class Retention:
    """Days after which the store purges a dossier; None keeps them."""

    draft_days: int | None = DEFAULT_DRAFT_DAYS  # drafts not touched for this long are abandoned
    accepted_days: int | None = DEFAULT_ACCEPTED_DAYS  # after the official code came back
    rejected_days: int | None = DEFAULT_REJECTED_DAYS  # after the provincial system rejected it


class Purging(Auditing):
    def purge(self, now: datetime | None = None, retention: Retention = Retention(),
              actor: str | None = None) -> list[str]:
        """Delete abandoned drafts and finished dossiers past their retention: rows (zeroed in the
        file by secure_delete, and the WAL truncated), files overwritten then deleted, one 'purge'
        audit entry each; then shred files a crash left unreferenced (older than an hour).
        Returns the ids purged. Meant to run daily (and at start-up). A dossier whose row fails its MAC
        (a state or date forged to make it look finished) is never purged: it is logged and left for
        `check()` and a technician."""
        now = now or utcnow()
        rules = [(S.DRAFT, retention.draft_days), (S.ACCEPTED, retention.accepted_days),
                 (S.REJECTED, retention.rejected_days)]
        ids: list[str] = []
        for state, days in rules:
            if days is None:
                continue
            cutoff = ts(now - timedelta(days=days))
            ids += [r[0] for r in self.conn.execute(
                "SELECT id FROM dossiers WHERE state = ? AND updated_at < ?", (state.value, cutoff))]
        purged = []
        for dossier_id in ids:
            with self._tx() as conn:
                try:
                    self._verified_row(conn, "dossiers", dossier_id)
                except TamperedData as error:
                    log.warning("not purged: %s", error)
                    continue
                purged.append(dossier_id)
                files = [r[0] for r in conn.execute("SELECT file FROM documents WHERE dossier_id = ?", (dossier_id,))]
                conn.execute("DELETE FROM components WHERE dossier_id = ?", (dossier_id,))
                conn.execute("DELETE FROM dossiers WHERE id = ?", (dossier_id,))  # cascades
                self._audit(conn, "purge", dossier_id, now, actor)
            for file in files:
                self.blobs.shred(file)
        if purged:
            self.conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
        self.remove_orphans()  # files a crash left behind, unreferenced for an hour or more
        return purged

    def orphan_files(self) -> list[str]:
        referenced = {r[0] for r in self.conn.execute("SELECT file FROM documents")}
        return [name for name in self.blobs.names() if name not in referenced]

    def remove_orphans(self, min_age_seconds: float = 3600) -> int:
        """Shred files no row references, older than `min_age_seconds` (younger ones may belong to a
        transaction still running in another process)."""
        limit = time.time() - min_age_seconds
        removed = 0
        for name in self.orphan_files():
            try:
                if self.blobs.path(name).stat().st_mtime <= limit:
                    self.blobs.shred(name)
                    removed += 1
            except FileNotFoundError:
                pass
        return removed
