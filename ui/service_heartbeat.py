"""The window's side of the service manager: READY=1 once it shows, WATCHDOG=1 from the GUI
thread's event loop, STOPPING=1 at quit.

The pings come from a QTimer on the GUI thread, never from a thread of their own: an event loop
that hangs (a blocking call by mistake, a deadlock) stops them, and systemd restarts the station.
"""

from __future__ import annotations

import logging
from typing import Mapping

from PySide6.QtCore import QObject, QTimer
from PySide6.QtWidgets import QWidget

from kiosk import service_manager

log = logging.getLogger(__name__)


class ServiceHeartbeat(QObject):
    def __init__(self, parent: QObject | None = None, env: Mapping[str, str] | None = None) -> None:
        super().__init__(parent)
        self._env = env  # None: the process's environment
        self._timer = QTimer(self)
        self._timer.timeout.connect(self.ping)
        self.interval = service_manager.watchdog_interval(env)  # seconds; None: no watchdog wanted

    def start(self, window: QWidget, status: str) -> None:
        """READY=1 (with `status`) from the event loop's first turn after `window` was shown; pings from
        then on at half the watchdog's interval, as systemd advises."""
        QTimer.singleShot(0, lambda: self._ready(window, status))
        if self.interval is not None:
            self._timer.start(max(1, int(self.interval * 1000 / 2)))
            log.info("watchdog: a ping every %.1f s", self.interval / 2)

    def _ready(self, window: QWidget, status: str) -> None:
        if not window.isVisible():  # closed before the loop turned: nothing to announce
            return
        service_manager.notify("READY=1", "STATUS=" + status, env=self._env)
        self.ping()

    def ping(self) -> None:
        service_manager.watchdog_ping(self._env)

    def stop(self) -> None:
        """STOPPING=1: the quiet that follows is a shutdown, not a hang."""
        self._timer.stop()
        service_manager.stopping(self._env)
