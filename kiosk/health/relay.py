"""The relay's own figures, kept in the process that runs both the relay and the exporter (`kiosk sync
run`, or the application when its relay runs in the window): errors by class and the last time the
province answered. Sync feeds them (it sits above the core); the collector reads them."""

from __future__ import annotations

import threading
import time
from typing import Callable

# Why a delivery or a probe failed, as sync.relay classifies it: a closed set, never the error's text.
ERROR_CLASSES = ("offline", "transient", "audit_refused", "signature_refused", "conflict", "refused", "damaged")


class RelayFigures:
    def __init__(self, clock: Callable[[], float] = time.time) -> None:
        self.clock = clock
        self._lock = threading.Lock()
        self._errors = dict.fromkeys(ERROR_CLASSES, 0)
        self._reached: float | None = None
        self.running = False  # a relay feeds these figures in this process

    def error(self, error_class: str) -> None:
        with self._lock:
            key = error_class if error_class in self._errors else "transient"
            self._errors[key] += 1

    def reached(self) -> None:
        """The province answered (its pre-check, or a delivery went through)."""
        with self._lock:
            self._reached = self.clock()

    def errors(self) -> dict[str, int]:
        with self._lock:
            return dict(self._errors)

    @property
    def last_reached(self) -> float | None:
        with self._lock:
            return self._reached
