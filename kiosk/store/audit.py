"""The audit log: append-only, hash-chained, with no personal data.

Each row holds who (actor id: officer or station), what (action), which dossier (local id) and when.
Its `hash` is HMAC-SHA256, under a key derived from the station key, of the previous row's hash and
of its own content, so editing or deleting any row breaks the chain at that row and whoever holds
only the disk cannot recompute a consistent chain. Triggers refuse UPDATE and DELETE through SQL.
The head (last seq and hash) is also kept in `meta`, which catches a truncated tail unless both
were rolled back together: an external anchor (e.g. the head sent with each upload) would close
that gap.
"""

from __future__ import annotations

import hashlib
import hmac
import re
import sqlite3
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from kiosk.domain import utcnow

from .opening import Opening, ts

GENESIS = "0" * 64
ACTION = re.compile(r"[a-z][a-z_]{1,31}")
ACTIONS = frozenset({
    "read_card", "verify", "scan", "save", "submit", "view", "export", "purge",
    "upload", "upload_failed", "accept", "reject", "wallet_save", "wallet_view",
    "wallet_sent", "wallet_refused", "rating_added",
})
ACTOR = re.compile(r"[A-Za-z0-9][A-Za-z0-9._@-]{0,63}")


@dataclass(frozen=True)
class AuditProblem:
    seq: int
    problem: str

    def __str__(self) -> str:
        return f"audit row {self.seq}: {self.problem}"


def row_hash(key: bytes, seq: int, at: str, actor: str, action: str, dossier_id: str | None, prev: str) -> str:
    content = "\x1f".join([str(seq), at, actor, action, dossier_id or "", prev])
    return hmac.new(key, content.encode(), hashlib.sha256).hexdigest()


def append(conn: sqlite3.Connection, key: bytes, at: str, actor: str, action: str, dossier_id: str | None) -> int:
    """Append one row; the caller holds the write transaction."""
    if action not in ACTIONS and not ACTION.fullmatch(action):
        raise ValueError(f"'{action}' is not an audit action")
    if not ACTOR.fullmatch(actor):
        raise ValueError("an audit actor is an officer or station identifier")
    last = conn.execute("SELECT seq, hash FROM audit ORDER BY seq DESC LIMIT 1").fetchone()
    seq, prev = (last[0] + 1, last[1]) if last else (1, GENESIS)
    digest = row_hash(key, seq, at, actor, action, dossier_id, prev)
    conn.execute(
        "INSERT INTO audit (seq, at, actor, action, dossier_id, prev_hash, hash) VALUES (?,?,?,?,?,?,?)",
        (seq, at, actor, action, dossier_id, prev, digest),
    )
    conn.execute(
        "INSERT INTO meta (key, value) VALUES ('audit_head', ?) "
        "ON CONFLICT(key) DO UPDATE SET value = excluded.value",
        (f"{seq}:{digest}",),
    )
    return seq


def verify(conn: sqlite3.Connection, key: bytes) -> list[AuditProblem]:
    problems: list[AuditProblem] = []
    expected_seq, prev = 1, GENESIS
    for seq, at, actor, action, dossier_id, prev_hash, digest in conn.execute(
        "SELECT seq, at, actor, action, dossier_id, prev_hash, hash FROM audit ORDER BY seq"
    ):
        if seq != expected_seq:
            span = f"{expected_seq}" if seq == expected_seq + 1 else f"{expected_seq} to {seq - 1}"
            problems.append(AuditProblem(seq, f"row(s) {span} before it were deleted"))
        if prev_hash != prev:
            problems.append(AuditProblem(seq, "does not chain to the row before it (a row was deleted or edited)"))
        if not hmac.compare_digest(row_hash(key, seq, at, actor, action, dossier_id, prev_hash), str(digest)):
            problems.append(AuditProblem(seq, "its content does not match its hash (the row was edited)"))
        expected_seq, prev = seq + 1, str(digest)
    head = conn.execute("SELECT value FROM meta WHERE key = 'audit_head'").fetchone()
    if head is not None:
        head_seq, _, head_hash = str(head[0]).partition(":")
        if int(head_seq) != expected_seq - 1 or head_hash != prev:
            problems.append(AuditProblem(int(head_seq), "the last row(s) of the log were deleted"))
    elif expected_seq != 1:
        problems.append(AuditProblem(expected_seq - 1, "the log's head record is missing"))
    return problems


class Auditing(Opening):
    """The store's side of the log: its own writes append in their transaction (`_audit`), other
    actions are recorded on their own (`record`)."""

    def _audit(self, conn: sqlite3.Connection, action: str, dossier_id: str | None, now: datetime,
               actor: str | None) -> None:
        append(conn, self._keys.audit, ts(now), self._actor(actor), action, dossier_id)

    def record(self, action: str, actor: str | None = None, dossier_id: str | None = None,
               now: datetime | None = None) -> None:
        """Append an audit entry on its own (read_card, scan…); the store's own writes audit themselves."""
        with self._tx() as conn:
            self._audit(conn, action, dossier_id, now or utcnow(), actor)

    def verify_audit(self) -> list[AuditProblem]:
        return verify(self.conn, self._keys.audit)

    def audit_log(self, dossier_id: str | None = None) -> list[dict[str, Any]]:
        sql = "SELECT seq, at, actor, action, dossier_id FROM audit"
        if dossier_id:
            return list(self.db.query(sql + " WHERE dossier_id = ? ORDER BY seq", [dossier_id]))
        return list(self.db.query(sql + " ORDER BY seq"))
