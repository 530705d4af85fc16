"""SIGTERM (systemd stopping the unit, cage closing) and SIGINT end the event loop as a quit would:
STOPPING=1 is sent, workers finish, the store is closed.

Python runs a signal handler only when the interpreter next gets control, and in Qt's event loop it
may not for a long time: the signal's byte, written to a socket by `signal.set_wakeup_fd`, wakes
the loop through a QSocketNotifier.
"""

from __future__ import annotations

import logging
import signal
import socket
import threading

from PySide6.QtCore import QCoreApplication, QSocketNotifier

log = logging.getLogger(__name__)

SIGNALS = (signal.SIGTERM, signal.SIGINT)


class QuitOnSignals:
    """Installed for the event loop's lifetime (`with QuitOnSignals(app): app.exec()`); the previous
    handlers and wake-up descriptor are put back after."""

    def __init__(self, app: QCoreApplication) -> None:
        self.app = app
        self._previous: dict[int, object] = {}
        self._previous_fd = -1
        self._reader = self._writer = None
        self._notifier: QSocketNotifier | None = None

    def __enter__(self) -> "QuitOnSignals":
        if threading.current_thread() is not threading.main_thread():
            return self  # signals can only be handled on the main thread (a test's worker thread)
        self._reader, self._writer = socket.socketpair()
        for end in (self._reader, self._writer):
            end.setblocking(False)
        self._previous_fd = signal.set_wakeup_fd(self._writer.fileno(), warn_on_full_buffer=False)
        for number in SIGNALS:
            self._previous[number] = signal.signal(number, self._quit)
        self._notifier = QSocketNotifier(self._reader.fileno(), QSocketNotifier.Type.Read)
        self._notifier.activated.connect(self._drain)
        return self

    def _drain(self) -> None:
        try:
            while self._reader.recv(64):
                pass
        except BlockingIOError:
            pass

    def _quit(self, number: int, _frame) -> None:
        log.info("%s received: closing", signal.Signals(number).name)
        self.app.quit()

    def __exit__(self, *exc) -> None:
        if self._notifier is None:
            return
        self._notifier.setEnabled(False)
        for number, previous in self._previous.items():
            signal.signal(number, previous)
        signal.set_wakeup_fd(self._previous_fd)
        self._reader.close()
        self._writer.close()
        self._notifier = None
