"""Scanning from the Qt windows: a batch runs on a QThread that reads the scanner worker's events and
hands them to the GUI thread as signals. The GUI thread never waits on SANE: SANE itself is in the
worker process, and even the pipe to it is read off the GUI thread."""

from __future__ import annotations

import logging

from PySide6.QtCore import QObject, QThread, Signal

from drivers.scanner.acquisition import AcquiredPage
from drivers.scanner.batch import BatchEnded, PageDropped, PageProgress, PageStarted, ScanRequest
from drivers.scanner.status import ScanStatus, describe
from drivers.scanner.worker import ScannerWorker

log = logging.getLogger(__name__)


class _BatchThread(QThread):
    event = Signal(object)

    def __init__(self, worker: ScannerWorker, request: ScanRequest, parent: QObject | None = None):
        super().__init__(parent)
        self._worker, self._request = worker, request

    def run(self) -> None:
        try:
            for event in self._worker.scan(self._request):
                self.event.emit(event)
        except Exception as error:  # never let a worker fault end the thread silently
            log.exception("scan batch failed")
            status = ScanStatus.UNKNOWN
            self.event.emit(BatchEnded(status, describe(status), 0, self._request.dpi, type(error).__name__))


class ScanSession(QObject):
    """One scanner for a window. `start` a batch; signals arrive on the GUI thread:
    page_started(PageStarted), progress(PageProgress), page_arrived(AcquiredPage),
    page_dropped(PageDropped), finished(BatchEnded) — `finished` also carries every failure, with its
    message in Vietnamese and English; `failed(str)` only when a batch cannot begin at all."""

    page_started = Signal(object)
    progress = Signal(object)
    page_arrived = Signal(object)
    page_dropped = Signal(object)
    finished = Signal(object)
    failed = Signal(str)

    def __init__(self, worker: ScannerWorker, parent: QObject | None = None):
        super().__init__(parent)
        self.worker = worker  # not started here: starting waits for the process, the thread does it
        self._thread: _BatchThread | None = None  # the batch being scanned
        # every batch thread not yet known to have returned: held here (no Qt parent, no deleteLater) so
        # that no thread object is destroyed while it still runs, whatever order Qt and Python clean up in
        self._threads: list[_BatchThread] = []

    @property
    def running(self) -> bool:
        return self._thread is not None and self._thread.isRunning()

    def start(self, request: ScanRequest) -> bool:
        if self.running:
            self.failed.emit("a batch is already being scanned")
            return False
        self._threads = [t for t in self._threads if not t.isFinished()]
        thread = _BatchThread(self.worker, request)
        thread.event.connect(self._deliver)
        self._threads.append(thread)
        self._thread = thread
        thread.start()
        return True

    def cancel(self) -> None:
        """Stops the batch: a message to the worker, no waiting. `finished` follows with CANCELLED."""
        if self.running:
            self.worker.cancel()

    def shutdown(self, timeout_ms: int = 10000) -> None:
        """Before the window goes: cancel, wait for the batch thread, stop the worker process."""
        self.cancel()
        for thread in self._threads:
            thread.wait(timeout_ms)
        self._thread, self._threads = None, []
        self.worker.close()

    def _deliver(self, event: object) -> None:
        if isinstance(event, AcquiredPage):
            self.page_arrived.emit(event)
        elif isinstance(event, PageProgress):
            self.progress.emit(event)
        elif isinstance(event, PageStarted):
            self.page_started.emit(event)
        elif isinstance(event, PageDropped):
            self.page_dropped.emit(event)
        elif isinstance(event, BatchEnded):
            # the thread only has to return now: a slot may start the next batch at once
            self._thread = None
            self.finished.emit(event)
