"""The outbox, as the relay sees it: which dossiers are due, each one's upload from start to the
province's answer (queued → uploading → accepted, rejected, or queued again), and the queue's state.
The entries themselves are written with their dossier (`writing.py`)."""

from __future__ import annotations

import logging
from datetime import datetime, timedelta
from typing import Any, Callable

from kiosk.domain import (
    Document, DomainError, Dossier, DossierState, check_transition, utcnow, validate_dossier_code,
)
from kiosk.text import nfc

from .audit import Auditing
from .errors import NotFound, StoreError, TamperedData
from .opening import ts
from .queries import Queries

S = DossierState
log = logging.getLogger(__name__)

# What the province says of an accepted dossier: sync.protocol.PROVINCE_STATES (the core cannot import
# sync; tests/sync/test_province_state.py keeps the two equal). 'returned' is final: no more polls.
PROVINCE_STATES = ("received", "processing", "needs_supplement", "result_ready", "returned")
PROVINCE_FINAL = ("returned",)

# what an upload error reads as when it cannot be opened: written in clear before errors were sealed
# (overwritten, sealed, by the next failure), or no longer matching its dossier's key
EARLIER_ERROR = "earlier error (stored unsealed: not shown)"
UNREADABLE_ERROR = "unreadable error"


class Outbox(Queries, Auditing):
    def due_uploads(self, now: datetime | None = None, limit: int = 10) -> list[str]:
        """Ids of queued dossiers whose next attempt is due, oldest first."""
        return [r[0] for r in self.conn.execute(
            "SELECT dossier_id FROM outbox WHERE state = 'pending' AND next_attempt_at <= ? "
            "ORDER BY next_attempt_at LIMIT ?", (ts(now or utcnow()), int(limit)))]

    def _set_state(self, dossier_id: str, target: DossierState, now: datetime, actor: str | None,
                   action: str, outbox_sql: str | None = None, outbox_params: tuple = (),
                   official_code: str | None = None, reason: str | None = None, conflict: bool = False) -> None:
        with self._tx() as conn:
            # both rows checked before they change: a forged state or outbox entry is never re-MACed
            row = self._verified_row(conn, "dossiers", dossier_id)
            if row is None:
                raise NotFound(f"no dossier {dossier_id} in this store")
            self._verified_row(conn, "outbox", dossier_id)
            check_transition(S(row["state"]), target)
            sealed_reason = None
            if reason is not None:
                key = self._data_key(dossier_id, row["wrapped_key"])
                sealed_reason = self._seal_text(key, "dossiers", dossier_id, "rejection_reason", reason)
            conn.execute(
                "UPDATE dossiers SET state = ?, updated_at = ?, official_code = coalesce(?, official_code), "
                "rejection_reason = coalesce(?, rejection_reason), sync_conflict = max(sync_conflict, ?) "
                "WHERE id = ?",
                (target.value, ts(now), official_code, sealed_reason, int(conflict), dossier_id))
            self._seal_row(conn, "dossiers", dossier_id)
            if outbox_sql:
                conn.execute(outbox_sql, outbox_params)
                self._seal_row(conn, "outbox", dossier_id)
            self._audit(conn, action, dossier_id, now, actor)

    def begin_upload(self, dossier_id: str, now: datetime | None = None, actor: str | None = None) -> Dossier:
        """queued → uploading; returns the dossier for the relay to send. Its documents come without
        their PDFs: `content_reader` gives those, so they are decrypted while other files are on the wire."""
        now = now or utcnow()
        dossier = self.load(dossier_id)  # checked first: a tampered dossier stays queued, untouched
        self._set_state(dossier_id, S.UPLOADING, now, actor, "upload",
                        "UPDATE outbox SET state = 'sending', attempts = attempts + 1 WHERE dossier_id = ?",
                        (dossier_id,))
        dossier.transition(S.UPLOADING, now)
        return dossier

    def content_reader(self, dossier_id: str) -> Callable[[Document], bytes]:
        """A function giving each of the dossier's documents its PDF. It reads only files, never the
        database, so upload threads may call it. GCM's tag proves the file is the one sealed for this
        document; its SHA-256 is not computed again here because the province checks every byte against
        it anyway (a mismatch is refused there, and sent again)."""
        key = self._data_key(dossier_id, self._row(dossier_id)["wrapped_key"])
        files = {row[0]: row[1] for row in self._documents_of("dossier_id", dossier_id)}

        def read(document: Document) -> bytes:
            if document.id not in files:
                raise NotFound(f"document {document.id} is not part of dossier {dossier_id}")
            content = self._read_file(document.id, dossier_id, key, files[document.id])
            if len(content) != document.size:
                raise TamperedData(f"document {document.id}: its content")
            return content

        return read

    def upload_failed(self, dossier_id: str, error: str, now: datetime | None = None,
                      retry_after: timedelta | None = None, actor: str | None = None) -> None:
        """uploading → queued, next attempt after `retry_after` (default: exponential, 30 s to 1 h).
        `error` (it may quote the province) is stored sealed under the dossier's data key."""
        now = now or utcnow()
        attempts = self.conn.execute("SELECT attempts FROM outbox WHERE dossier_id = ?", (dossier_id,)).fetchone()
        if retry_after is None:
            retry_after = timedelta(seconds=min(3600, 30 * 2 ** max(0, (attempts[0] if attempts else 1) - 1)))
        key = self._data_key(dossier_id, self._row(dossier_id)["wrapped_key"])
        sealed = self._seal_text(key, "outbox", dossier_id, "last_error", error[:500])
        self._set_state(dossier_id, S.QUEUED, now, actor, "upload_failed",
                        "UPDATE outbox SET state = 'pending', next_attempt_at = ?, last_error = ? WHERE dossier_id = ?",
                        (ts(now + retry_after), sealed, dossier_id))

    def _last_error(self, dossier_id: str, stored: bytes | str | None) -> str | None:
        """An outbox row's last error opened. A clear text (written before errors were sealed) is not
        shown: it reads as EARLIER_ERROR until the next failure overwrites it."""
        if stored is None:
            return None
        if isinstance(stored, str):
            return EARLIER_ERROR
        try:
            key = self._data_key(dossier_id, self._row(dossier_id)["wrapped_key"])
            return self._open_text(key, "outbox", dossier_id, "last_error", stored)
        except StoreError:
            return UNREADABLE_ERROR

    def upload_accepted(self, dossier_id: str, official_code: str, now: datetime | None = None,
                        actor: str | None = None) -> None:
        code = validate_dossier_code(official_code)
        self._set_state(dossier_id, S.ACCEPTED, now or utcnow(), actor, "accept",
                        "UPDATE outbox SET state = 'done', last_error = NULL WHERE dossier_id = ?", (dossier_id,),
                        official_code=code)

    def upload_rejected(self, dossier_id: str, reason: str, now: datetime | None = None,
                        actor: str | None = None, conflict: bool = False) -> None:
        """uploading → rejected, with the province's reason (sealed). `conflict`: the province holds
        this dossier with other content; the counter shows it as a conflict for an officer to settle."""
        self._set_state(dossier_id, S.REJECTED, now or utcnow(), actor, "reject",
                        "UPDATE outbox SET state = 'done' WHERE dossier_id = ?", (dossier_id,),
                        reason=nfc(reason) or "no reason given", conflict=conflict)

    def province_polls_due(self, now: datetime | None = None, every: timedelta = timedelta(minutes=5),
                           limit: int = 20) -> list[str]:
        """Accepted dossiers whose province state may still change ('returned' is final) and that were
        not asked about in the last `every`: never asked first, then the least recently asked."""
        before = ts((now or utcnow()) - every)
        final = ",".join("?" * len(PROVINCE_FINAL))
        return [r[0] for r in self.conn.execute(
            f"""SELECT id FROM dossiers WHERE state = 'accepted'
                  AND (province_checked_at IS NULL OR province_checked_at <= ?)
                  AND (province_state IS NULL OR province_state NOT IN ({final}))
                ORDER BY province_checked_at LIMIT ?""",
            (before, *PROVINCE_FINAL, int(limit)))]

    def set_province_state(self, dossier_id: str, state: str, now: datetime | None = None,
                           actor: str | None = None) -> bool:
        """What the province says of an accepted dossier (one of PROVINCE_STATES), asked now; True when
        it changed (then audited as 'province_state')."""
        if state not in PROVINCE_STATES:
            raise DomainError(f"'{state}' is not a province state ({', '.join(PROVINCE_STATES)})")
        now = now or utcnow()
        with self._tx() as conn:
            row = self._verified_row(conn, "dossiers", dossier_id)
            if row is None:
                raise NotFound(f"no dossier {dossier_id} in this store")
            if row["state"] != S.ACCEPTED.value:
                raise DomainError(f"only an accepted dossier has a province state; this one is '{row['state']}'")
            conn.execute("UPDATE dossiers SET province_state = ?, province_checked_at = ? WHERE id = ?",
                         (state, ts(now), dossier_id))
            self._seal_row(conn, "dossiers", dossier_id)
            if row["province_state"] != state:
                self._audit(conn, "province_state", dossier_id, now, actor)
        return row["province_state"] != state

    def province_checked(self, dossier_id: str, now: datetime | None = None) -> None:
        """The province was asked about the dossier but gave no state: ask the others first next time."""
        with self._tx() as conn:
            if self._verified_row(conn, "dossiers", dossier_id) is None:
                return
            conn.execute("UPDATE dossiers SET province_checked_at = ? WHERE id = ?", (ts(now or utcnow()), dossier_id))
            self._seal_row(conn, "dossiers", dossier_id)

    def recover_interrupted_uploads(self, now: datetime | None = None) -> list[str]:
        """After a crash: dossiers left 'uploading' go back to the queue (call at relay start)."""
        ids = [r[0] for r in self.conn.execute("SELECT id FROM dossiers WHERE state = 'uploading'")]
        recovered = []
        for dossier_id in ids:
            try:
                self.upload_failed(dossier_id, "interrupted", now, retry_after=timedelta(0))
                recovered.append(dossier_id)
            except TamperedData as error:  # left as it is, for `check()` and a technician
                log.warning("interrupted upload not recovered: %s", error)
        return recovered

    def outbox_attempts(self, dossier_id: str) -> int:
        row = self.conn.execute("SELECT attempts FROM outbox WHERE dossier_id = ?", (dossier_id,)).fetchone()
        if row is None:
            raise NotFound(f"no outbox entry for dossier {dossier_id}")
        return row[0]

    def outbox_summary(self) -> dict[str, Any]:
        """What `kiosk sync status` shows: the queue, its bytes, the last success and error, the next try."""
        waiting = "SELECT dossier_id FROM outbox WHERE state IN ('pending', 'sending')"
        queue = self.conn.execute(f"SELECT count(*) FROM ({waiting})").fetchone()[0]
        pending = self.conn.execute(f"SELECT coalesce(sum(size), 0) FROM documents WHERE dossier_id IN ({waiting})")
        last_success = self.conn.execute("SELECT max(updated_at) FROM dossiers WHERE state = 'accepted'").fetchone()[0]
        last_error = self.conn.execute("SELECT dossier_id, last_error FROM outbox WHERE state = 'pending' "
                                       "AND last_error IS NOT NULL ORDER BY next_attempt_at DESC LIMIT 1").fetchone()
        next_attempt = self.conn.execute("SELECT min(next_attempt_at) FROM outbox WHERE state = 'pending'").fetchone()[0]
        return {"queue": queue, "bytes_pending": pending.fetchone()[0], "last_success": last_success,
                "last_error": self._last_error(*last_error) if last_error else None, "next_attempt": next_attempt}

    def outbox_entry(self, dossier_id: str) -> dict[str, Any] | None:
        """The dossier's outbox row (state, attempts, next attempt, last error), or None if never queued."""
        entry = next(iter(self.db.query(
            "SELECT state, attempts, next_attempt_at, last_error FROM outbox WHERE dossier_id = ?", [dossier_id])), None)
        return entry and {**entry, "last_error": self._last_error(dossier_id, entry["last_error"])}
