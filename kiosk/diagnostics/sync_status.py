"""The outbox as the technician sees it: counts, the oldest dossier waiting, and the last error reduced
to its kind. The error is the relay's text, which may quote the province's own words (a refusal's
reason can name a citizen): it is stored sealed, opened by the store for this summary, and only a
class from a fixed list leaves this module."""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import datetime, timezone

# (class, pattern over the stored text), first match wins; the classes are what the window translates
ERROR_CLASSES = (
    ("interrupted", re.compile(r"^interrupted$")),
    ("audit_refused", re.compile(r"refuses this station's audit log")),  # sync.client.AuditRefused
    ("damaged", re.compile(r"fails its integrity check")),  # sync.relay: the relay's DAMAGED, stays queued
    ("tls", re.compile(r"TLS handshake|secure connection broke|certificate", re.I)),
    ("not_the_province", re.compile(r"pre-check answered|redirected elsewhere|not from the province", re.I)),
    ("timeout", re.compile(r"did not answer in time|timed? ?out", re.I)),
    ("connection", re.compile(r"connection failed|connection refused|unreachable|name resolution", re.I)),
    ("checksum", re.compile(r"checksum mismatch", re.I)),
    ("rate_limited", re.compile(r":\s*429\b")),
    ("server_error", re.compile(r":\s*5\d\d\b")),
    ("refused", re.compile(r":\s*4\d\d\b")),
)


def error_class(text: str | None) -> str | None:
    """The kind of a stored upload error: one of ERROR_CLASSES' names, "other", or None for none."""
    if not text:
        return None
    return next((name for name, pattern in ERROR_CLASSES if pattern.search(text)), "other")


def _status_code(text: str | None) -> int | None:
    found = re.search(r":\s*([45]\d\d)\b", text or "")
    return int(found.group(1)) if found else None


@dataclass(frozen=True)
class SyncStatus:
    states: dict[str, int]  # dossiers by state
    queue: int  # waiting to be sent or being sent
    bytes_pending: int
    oldest_waiting_seconds: float | None  # the oldest dossier in the queue, since it was made
    last_success: str | None  # ISO time of the last dossier the province accepted
    last_error_class: str | None
    last_error_status: int | None  # the HTTP status of the last error, when it was one
    next_attempt: str | None


def sync_status(store, now: datetime | None = None) -> SyncStatus:
    """From an open kiosk.store.Store (of what is unsealed, only the last error's kind is kept)."""
    from kiosk.store.opening import parse_ts

    now = now or datetime.now(timezone.utc)
    summary = store.outbox_summary()
    waiting = [row for state in ("queued", "uploading") for row in store.list_dossiers(state)]
    oldest = min((parse_ts(row["created_at"]) for row in waiting), default=None)
    return SyncStatus(
        states=store.count_by_state(), queue=summary["queue"], bytes_pending=summary["bytes_pending"],
        oldest_waiting_seconds=None if oldest is None else max(0.0, (now - oldest).total_seconds()),
        last_success=summary["last_success"], last_error_class=error_class(summary["last_error"]),
        last_error_status=_status_code(summary["last_error"]), next_attempt=summary["next_attempt"])
