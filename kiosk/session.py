"""One citizen's visit at a kiosk: what it holds is wiped when it ends."""

from __future__ import annotations

import time
from typing import Any

from kiosk.logs import Redactor, redactor


class Session:
    """Holds the visit's data; every personal value is also handed to the log redactor.

    `wipe()` forgets both. A session ends when the card leaves, when the citizen finishes, or when
    the station has been idle for too long.
    """

    def __init__(self, redact: Redactor = redactor, clock=time.monotonic) -> None:
        self._redact = redact
        self._clock = clock
        self._data: dict[str, Any] = {}
        self.started_at: float | None = None

    @property
    def active(self) -> bool:
        return self.started_at is not None

    def begin(self) -> None:
        self.wipe()
        self.started_at = self._clock()

    def put(self, key: str, value: Any, personal: bool = False) -> None:
        if personal and isinstance(value, str):
            self._redact.add([value])
        self._data[key] = value

    def get(self, key: str, default: Any = None) -> Any:
        return self._data.get(key, default)

    def __len__(self) -> int:
        return len(self._data)

    def wipe(self) -> None:
        self._data.clear()
        self._redact.clear()
        self.started_at = None
