"""PC/SC reader and card events as a Qt signal on the GUI thread."""

from __future__ import annotations

import logging

from PySide6.QtCore import QObject, Signal

from drivers.card.pcsc import PcscUnavailable, PcscWatcher
from ui.workers import run_in_background

log = logging.getLogger(__name__)


class CardEvents(QObject):
    """Emits `changed(PcscEvent)` for every reader or card that comes or goes.

    pyscard's monitors call from their own threads; emitting a signal of a QObject that lives on the
    GUI thread queues the call there.
    """

    changed = Signal(object)
    unavailable = Signal(str)

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._watcher = PcscWatcher(self.changed.emit)

    def start(self) -> None:
        run_in_background(self._watcher.start, lambda _: None, self._failed, self)

    def stop(self) -> None:
        self._watcher.stop()

    def _failed(self, error: Exception) -> None:
        if not isinstance(error, PcscUnavailable):
            log.warning("card events unavailable: %s", error.__class__.__name__)
        self.unavailable.emit(str(error))
