"""The audit log: append-only, hash-chained, with no personal data.

Each row holds who (actor id: officer or station), what (action), which dossier (local id) and when.
Its `hash` is HMAC-SHA256, under a key derived from the station key, of the previous row's hash and
of its own content, so editing or deleting any row breaks the chain at that row and whoever holds
only the disk cannot recompute a consistent chain. Triggers refuse UPDATE and DELETE through SQL.
The head (last seq and hash) is also kept in `meta`, which catches a truncated tail unless both
were rolled back together. What closes that gap: the log must cover what the store holds (`coverage`:
no store with rows and an empty log, no dossier without the row of its state, nothing written after
the last row), and the head travels with each upload to the province, which refuses a chain that went
backwards or forked; the head it acknowledged is kept in `meta` (`audit_anchor`) and checked here.
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
        return f"audit row {self.seq}: {self.problem}" if self.seq else f"audit log: {self.problem}"


# The row a dossier in each state must have: the store writes it in the transaction of the change.
STATE_ACTIONS = {"queued": "submit", "uploading": "upload", "accepted": "accept", "rejected": "reject"}
STATE_ROWS = frozenset(STATE_ACTIONS.values())
# What the store holds that was audited as it was written: any of it with an empty log means the log
# was emptied.
AUDITED_TABLES = (("dossiers", "dossier(s)"), ("officers", "officer account(s)"),
                  ("wallet_items", "e-wallet item(s)"), ("outbox", "outbox row(s)"))
# Timestamps written with the same `now` as their audit row: none may be later than the log's last row.
# (A draft's `updated_at` is the dossier's own clock, not the store's: left out.)
AUDITED_TIMES = (
    "SELECT max(updated_at) FROM dossiers WHERE state NOT IN ('draft', 'ready')",
    "SELECT max(created_at) FROM outbox",
    "SELECT max(created_at) FROM officers",
)
LISTED = 5  # dossiers named one by one; more are counted


def row_hash(key: bytes, seq: int, at: str, actor: str, action: str, dossier_id: str | None, prev: str) -> str:
    content = "\x1f".join([str(seq), at, actor, action, dossier_id or "", prev])
    return hmac.new(key, content.encode(), hashlib.sha256).hexdigest()


def chain_id(key: bytes) -> str:
    """Names this store's chain for the province: the same for as long as the station key lives (an
    emptied log that starts again at row 1 is the same chain, gone backwards), another for a new store."""
    return hmac.new(key, b"audit chain id", hashlib.sha256).hexdigest()[:32]


def _anchor(conn: sqlite3.Connection) -> tuple[int, str] | None:
    """The head the province acknowledged (sequence, hash) as kept in `meta`; None before the first."""
    row = conn.execute("SELECT value FROM meta WHERE key = 'audit_anchor'").fetchone()
    if row is None:
        return None
    seq, _, digest = str(row[0]).partition(":")
    return int(seq), digest


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
    expected_seq, prev, last_at = 1, GENESIS, ""
    logged: dict[str, set[str]] = {}  # what `coverage` needs, gathered on the way: one read of the log
    for seq, at, actor, action, dossier_id, prev_hash, digest in conn.execute(
        "SELECT seq, at, actor, action, dossier_id, prev_hash, hash FROM audit ORDER BY seq"
    ):
        if dossier_id:
            actions = logged.setdefault(dossier_id, set())
            if action in STATE_ROWS:
                actions.add(action)
        last_at = max(last_at, str(at))
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
    return problems + anchored(conn, expected_seq - 1) + coverage(conn, (expected_seq - 1, last_at, logged))


def anchored(conn: sqlite3.Connection, last_seq: int) -> list[AuditProblem]:
    """The log still holds the head the province acknowledged, unchanged."""
    anchor = _anchor(conn)
    if anchor is None:
        return []
    seq, digest = anchor
    held = conn.execute("SELECT hash FROM audit WHERE seq = ?", (seq,)).fetchone()
    if held is None:
        return [AuditProblem(seq, f"the province acknowledged the log up to this row, but it ends at row "
                                  f"{last_seq}: its tail was cut, or the store was restored from an older copy")]
    if not hmac.compare_digest(str(held[0]), digest):
        return [AuditProblem(seq, "differs from the row the province acknowledged (the log was rewritten)")]
    return []


def coverage(conn: sqlite3.Connection, read: tuple[int, str, dict[str, set[str]]]) -> list[AuditProblem]:
    """The log covers what the store holds: whoever can write the file without the key can cut the
    log and roll back its head record, but not rewrite the rows that say what happened. `read`: the
    log's last sequence, latest time and each dossier's state rows, as `verify` read them."""
    last_seq, last_at, logged = read
    if last_seq == 0:
        held = [f"{count} {name}" for table, name in AUDITED_TABLES
                if (count := conn.execute(f"SELECT count(*) FROM {table}").fetchone()[0])]
        if held:
            return [AuditProblem(0, f"the log is empty but the store holds {', '.join(held)}: it was emptied")]
        return []
    problems = []
    missing = sorted(((updated_at, dossier_id, state) for dossier_id, state, updated_at
                      in conn.execute("SELECT id, state, updated_at FROM dossiers")
                      if dossier_id not in logged or (state in STATE_ACTIONS
                                                      and STATE_ACTIONS[state] not in logged[dossier_id])),
                     reverse=True)
    for _, dossier_id, state in missing[:LISTED]:
        needed = f"its '{STATE_ACTIONS[state]}' row" if state in STATE_ACTIONS else "any row"
        problems.append(AuditProblem(0, f"dossier {dossier_id} ({state}) has no audit row for its state "
                                        f"({needed}): the log's tail was cut"))
    if len(missing) > LISTED:
        problems.append(AuditProblem(0, f"{len(missing) - LISTED} more dossier(s) have no audit row for their state"))
    latest = max((value for sql in AUDITED_TIMES if (value := conn.execute(sql).fetchone()[0])), default=None)
    if latest is not None and latest > last_at:
        problems.append(AuditProblem(last_seq, f"the store was written at {latest}, after the log's last row "
                                               f"({last_at}): the log's tail was cut"))
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

    # --- the anchor kept by the province (see sync/PROTOCOL.md, "Audit anchor") --------------

    def audit_chain_id(self) -> str:
        return chain_id(self._keys.audit)

    def audit_head(self) -> tuple[int, str] | None:
        """The log's last row (sequence, hash), read from the log itself; None while it is empty."""
        row = self.conn.execute("SELECT seq, hash FROM audit ORDER BY seq DESC LIMIT 1").fetchone()
        return (row[0], str(row[1])) if row else None

    def audit_hash_at(self, seq: int) -> str | None:
        row = self.conn.execute("SELECT hash FROM audit WHERE seq = ?", (int(seq),)).fetchone()
        return str(row[0]) if row else None

    def audit_anchor(self) -> tuple[int, str] | None:
        """The last head the province acknowledged; None before the first upload."""
        return _anchor(self.conn)

    def audit_anchored(self, seq: int, digest: str) -> None:
        """The province acknowledged the log up to row `seq` (hash `digest`). Never goes back: an
        answer to an earlier upload arriving late leaves the later anchor."""
        with self._tx() as conn:
            anchor = _anchor(conn)
            if anchor is None or anchor[0] <= seq:
                conn.execute("INSERT INTO meta (key, value) VALUES ('audit_anchor', ?) "
                             "ON CONFLICT(key) DO UPDATE SET value = excluded.value", (f"{int(seq)}:{digest}",))

    def audit_log(self, dossier_id: str | None = None) -> list[dict[str, Any]]:
        sql = "SELECT seq, at, actor, action, dossier_id FROM audit"
        if dossier_id:
            return list(self.db.query(sql + " WHERE dossier_id = ? ORDER BY seq", [dossier_id]))
        return list(self.db.query(sql + " ORDER BY seq"))
