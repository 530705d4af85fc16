"""What the station knows of its content from the province: the version in use and the last check,
kept in `<data_dir>/content/state.json`; and `content_status`, the same as data for `kiosk doctor`,
`kiosk content status` and the metrics."""

from __future__ import annotations

import json
import os
from dataclasses import asdict, dataclass, fields
from datetime import datetime, timezone
from typing import Any

from kiosk.config import Config
from kiosk.private_files import private_folder, private_opener

from .folder import StationContent

# Why the last check did not bring content in (the station stays on its last good version)
UNREACHABLE = "unreachable"  # the repository did not answer (network, TLS, HTTP error)
EXPIRED = "expired"  # signed metadata past its expiry: a frozen or stale repository
TAMPERED = "tampered"  # a file or metadata that does not match its signed length or hashes
ROLLBACK = "rollback"  # metadata older than what the station already trusts: a replay
WRONG_KEY = "wrong-key"  # metadata not signed by the keys the station trusts
INVALID_CONTENT = "invalid-content"  # signed and intact, but a file the station's loaders refuse
NOT_CONFIGURED = "not-configured"  # no content_root installed, or no address to fetch from
STORAGE = "station-storage"  # the station could not write its own content folder
ERROR_KINDS = (UNREACHABLE, EXPIRED, TAMPERED, ROLLBACK, WRONG_KEY, INVALID_CONTENT, NOT_CONFIGURED, STORAGE)


def utcnow() -> datetime:
    return datetime.now(timezone.utc)


@dataclass
class ContentState:
    version: int | None = None  # the version in use
    updated_at: str | None = None  # when it was swapped in (ISO 8601, UTC)
    last_check: str | None = None  # the last check, whatever its outcome
    last_success: str | None = None  # the last check that verified the repository
    expires: str | None = None  # when the verified timestamp metadata expires
    error_kind: str | None = None  # one of ERROR_KINDS when the last check failed, else None
    error: str | None = None  # the reason, for the technician (no personal data: the content has none)

    @classmethod
    def read(cls, content: StationContent) -> "ContentState":
        try:
            data = json.loads(content.state_file.read_text(encoding="utf-8"))
        except (OSError, ValueError):
            return cls()
        known = {f.name for f in fields(cls)}
        return cls(**{key: value for key, value in data.items() if key in known}) if isinstance(data, dict) else cls()

    def write(self, content: StationContent) -> None:
        """Written beside and renamed over: a reader sees the old state or the new one, never half."""
        private_folder(content.root)
        temporary = content.state_file.with_suffix(".tmp")
        with open(temporary, "w", encoding="utf-8", opener=private_opener) as file:
            json.dump(asdict(self), file, indent=2)
            file.flush()
            os.fsync(file.fileno())
        os.replace(temporary, content.state_file)


def _parse(value: str | None) -> datetime | None:
    try:
        return datetime.fromisoformat(value) if value else None
    except ValueError:
        return None


def content_status(config: Config, now: datetime | None = None) -> dict[str, Any]:
    """The content as data: configured, version in use, its age, the last check and success, the
    metadata's expiry, and the last error with its kind. Seconds are None when the time is unknown."""
    now = now or utcnow()
    content = StationContent(config.data_dir)
    state = ContentState.read(content)
    active = content.active()

    def seconds_since(value: str | None) -> float | None:
        moment = _parse(value)
        return None if moment is None else (now - moment).total_seconds()

    expires = _parse(state.expires)
    return {
        "configured": config.content_root is not None and config.content_root.is_file(),
        "version": active[0] if active else None,
        "folder": str(active[1]) if active else None,
        "updated_at": state.updated_at,
        "age_seconds": seconds_since(state.updated_at) if active else None,
        "last_check": state.last_check,
        "since_check_seconds": seconds_since(state.last_check),
        "last_success": state.last_success,
        "expires": state.expires,
        "expires_in_seconds": None if expires is None else (expires - now).total_seconds(),
        "error_kind": state.error_kind,
        "error": state.error,
    }
