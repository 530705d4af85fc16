"""Running blocking calls (devices, disk, network) off the GUI thread."""

from __future__ import annotations

import logging
from typing import Any, Callable

import shiboken6
from PySide6.QtCore import QObject, QRunnable, QThreadPool, Signal

log = logging.getLogger(__name__)


class _Relay(QObject):
    done = Signal(object)
    failed = Signal(object)


class _Job(QRunnable):
    def __init__(self, function: Callable[[], Any], relay: _Relay) -> None:
        super().__init__()
        self._function = function
        self._relay = relay

    def run(self) -> None:
        try:
            signal, value = self._relay.done, self._function()
        except Exception as error:  # handed to the GUI thread, which shows a message
            log.debug("background job failed: %s", error.__class__.__name__)
            signal, value = self._relay.failed, error
        if shiboken6.isValid(self._relay):  # the application may have quit while the job ran
            signal.emit(value)


def run_in_background(
    function: Callable[[], Any],
    on_done: Callable[[Any], None],
    on_error: Callable[[Exception], None],
    owner: QObject,
) -> None:
    """Runs `function` on the shared thread pool; the callbacks run on the GUI thread, and only while
    `owner` (the widget that asked) still exists: a window may close before its device list arrives."""
    relay = _Relay()  # created on the GUI thread, so its signals are delivered there; no parent: it
    # must outlive an owner that is destroyed while the job runs

    def deliver(callback: Callable[[Any], None], value: Any) -> None:
        relay.deleteLater()
        if shiboken6.isValid(owner):
            callback(value)

    relay.done.connect(lambda result: deliver(on_done, result))
    relay.failed.connect(lambda error: deliver(on_error, error))
    QThreadPool.globalInstance().start(_Job(function, relay))
