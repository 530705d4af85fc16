"""One scan batch for a component: pages from the scanner worker, each through the page pipeline, as
Pages in scanning order, with progress events a window or the command line can show.

`BatchScan.run` blocks the calling thread (the intake runs it on a worker thread) while the pipeline's
processes do the image work; `cancel` may come from any thread. Every event goes to the callback on
the thread that called `run`, in order: a page's ScanPageReady comes after the pages before it, as
soon as the pipeline has it and the scanner says anything (progress comes every 2 % of a page).
A page scanned is never lost to the pipeline: one whose worker failed is processed in this process.
"""

from __future__ import annotations

import logging
import threading
from collections import deque
from concurrent.futures import Future
from dataclasses import dataclass, field
from typing import Any, Callable, Mapping

from drivers.scanner.acquisition import AcquiredPage
from drivers.scanner.batch import BatchEnded, PageDropped, PageProgress, PageStarted, ScanRequest
from drivers.scanner.options import ColourMode, Source
from drivers.scanner.pipeline import MAX_DPI, MIN_DPI, PageError, PagePipeline, ProcessedPage, process_page
from drivers.scanner.status import ScanStatus, StatusMessage, describe
from drivers.scanner.worker import ScannerWorker, ScannerWorkerError
from kiosk.errors import KioskError

from .pages import Page

log = logging.getLogger(__name__)


class ScanSettingsError(KioskError):
    """Settings no scan can start with (for the person who chose them)."""


@dataclass(frozen=True)
class BatchRequest:
    """What to scan. `device` None: the first scanner SANE lists. `pages`: flatbed pages to scan
    (default 1) or feeder sheets to stop after (default: until the feeder is empty)."""

    device: str | None = None
    source: Source = Source.FLATBED
    dpi: int = 300
    mode: ColourMode = ColourMode.COLOR
    pages: int | None = None
    area_mm: tuple[float, float] | None = (210.0, 297.0)  # A4; None: the device's own area
    options_before_page: Mapping[int, Mapping[str, Any]] = field(default_factory=dict)  # technician's faults

    def __post_init__(self) -> None:
        object.__setattr__(self, "source", Source(self.source))
        object.__setattr__(self, "mode", ColourMode(self.mode))
        if not MIN_DPI <= self.dpi <= MAX_DPI:  # the page pipeline's own range
            raise ScanSettingsError(f"the resolution must be between {MIN_DPI} and {MAX_DPI} dpi")
        if self.pages is not None and self.pages < 1:
            raise ScanSettingsError("scan at least one page")

    def for_device(self, device: str) -> ScanRequest:
        return ScanRequest(device, self.source, self.dpi, self.mode, self.pages, self.area_mm,
                           options_before_page=self.options_before_page)


# --- events, in the order a batch sends them -------------------------------------------------------

@dataclass(frozen=True)
class ScanPageStarted:
    number: int  # the scanner's page count in this batch, from 1


@dataclass(frozen=True)
class ScanPageProgress:
    number: int
    percent: int | None  # 0-100; None when the scanner does not know the page's length


@dataclass(frozen=True)
class ScanPageReady:
    index: int  # the page's place in this batch's pages, from 1
    page: Page = field(repr=False)  # processed, with its thumbnail and flags


@dataclass(frozen=True)
class ScanPageDropped:
    """A page not kept: cut short by a cancel or a fault (the scanner's status), or one the pipeline
    could not take (UNSUPPORTED: e.g. a few pixels wide)."""

    number: int
    status: ScanStatus


@dataclass(frozen=True)
class ScanEnded:
    status: ScanStatus
    message: StatusMessage  # in Vietnamese and English, with the pages kept
    pages_kept: int
    prompt: bool  # waiting for the person (an empty feeder before the first page), not a fault
    detail: str = ""  # the backend's own words, for the log (never shown to a citizen)


ScanEvent = ScanPageStarted | ScanPageProgress | ScanPageReady | ScanPageDropped | ScanEnded


@dataclass(frozen=True)
class ScanOutcome:
    pages: tuple[Page, ...] = field(repr=False)  # in scanning order
    ended: ScanEnded

    @property
    def processed(self) -> list[ProcessedPage]:
        return [page.processed for page in self.pages]


def processed_or_redone(acquired: AcquiredPage, future: Future | None, options: Mapping[str, Any]) -> ProcessedPage:
    """The page's pipeline result; redone in this process when its worker failed (or never got it):
    a Ctrl-C or a crash reaching the pool's processes must not lose a page already scanned. Raises
    PageError for an image the pipeline cannot take."""
    if future is not None:
        try:
            return future.result()
        except PageError:
            raise
        except Exception as error:
            log.warning("page pipeline worker failed (%s); processing the page here", type(error).__name__)
    return process_page(acquired.image, acquired.dpi, source=acquired.pipeline_source, **options)


class BatchScan:
    """One batch for one component.

        scan = BatchScan(worker, pipeline, BatchRequest(source=Source.ADF), on_event)
        outcome = scan.run()        # on a worker thread; scan.cancel() from any other
    """

    def __init__(self, worker: ScannerWorker, pipeline: PagePipeline, request: BatchRequest,
                 on_event: Callable[[ScanEvent], None] | None = None):
        self.worker, self.pipeline, self.request = worker, pipeline, request
        self._on_event = on_event
        self._cancelled = threading.Event()
        self._lock = threading.Lock()
        self._in_batch = False  # the worker has started the batch (it sent an event)
        self._resend = False
        self._started = False

    def cancel(self) -> None:
        """Stops the batch: the page being scanned is dropped, the pages scanned before are kept."""
        with self._lock:
            self._cancelled.set()
            self._resend = not self._in_batch
        self.worker.cancel()

    def _resend_cancel(self) -> None:
        """The worker forgets a cancel that reached it before the batch's request: one sent before the
        batch's first event is sent again."""
        with self._lock:
            self._in_batch = True
            resend, self._resend = self._resend, False
        if resend:
            self.worker.cancel()

    @property
    def cancelled(self) -> bool:
        return self._cancelled.is_set()

    def run(self) -> ScanOutcome:
        if self._started:
            raise RuntimeError("a BatchScan runs once; make a new one for the next batch")
        self._started = True
        device, failed = self._device()
        if device is None:
            return self._end([], failed, describe(failed), "no scanner to use")
        if self._cancelled.is_set():
            return self._end([], ScanStatus.CANCELLED, describe(ScanStatus.CANCELLED), "")

        pending: deque[tuple[AcquiredPage, Future | None]] = deque()  # acquired, in order, not yet reported
        pages: list[Page] = []
        ended: BatchEnded | None = None
        events = self.worker.scan(self.request.for_device(device))
        try:
            for event in events:
                self._resend_cancel()
                if isinstance(event, AcquiredPage):
                    pending.append((event, self._submit(event)))
                elif isinstance(event, PageStarted):
                    self._emit(ScanPageStarted(event.number))
                elif isinstance(event, PageProgress):
                    percent = (min(100, event.lines * 100 // event.total_lines) if event.total_lines > 0
                               else None)
                    self._emit(ScanPageProgress(event.number, percent))
                elif isinstance(event, PageDropped):
                    self._emit(ScanPageDropped(event.number, event.status))
                elif isinstance(event, BatchEnded):
                    ended = event
                self._report(pending, pages, wait=False)
            self._report(pending, pages, wait=True)
        except BaseException:
            # the callback failed: the batch is cancelled and read to its end, so that the worker's
            # next request does not find this batch's events; the pages not yet reported are dropped
            self.worker.cancel()
            for _ in events:
                pass
            for _, future in pending:
                if future is not None:
                    future.cancel()
            raise
        assert ended is not None  # ScannerWorker.scan always ends with a BatchEnded
        message = describe(ended.status, pages_kept=len(pages), before_first_page=ended.message.kind == "prompt")
        return self._end(pages, ended.status, message, ended.detail)

    # --- steps ------------------------------------------------------------------------------

    def _device(self) -> tuple[str | None, ScanStatus]:
        """The device asked for, else the first listed (SANE re-initialised once if none is: a scanner
        plugged in since shows up then)."""
        if self.request.device is not None:
            return self.request.device, ScanStatus.GOOD
        try:
            listed = self.worker.list_devices() or self.worker.list_devices(rescan=True)
        except ScannerWorkerError as error:
            return None, error.status
        return (listed[0].name, ScanStatus.GOOD) if listed else (None, ScanStatus.DEVICE_GONE)

    def _submit(self, acquired: AcquiredPage) -> Future | None:
        try:
            return self.pipeline.submit(acquired.image, acquired.dpi, source=acquired.pipeline_source)
        except PageError:
            return None  # process_page refuses it again in its turn, and it is reported dropped there
        except Exception as error:  # the pool is broken or closed: the page is processed here, in turn
            log.warning("page pipeline refused a page (%s); it will be processed here", type(error).__name__)
            return None

    def _report(self, pending: deque, pages: list[Page], wait: bool) -> None:
        """Sends ScanPageReady for the pages at the head of `pending` that are processed (all of them
        when `wait`), in scanning order."""
        while pending:
            acquired, future = pending[0]
            if not wait and future is not None and not future.done():
                return
            pending.popleft()
            try:
                processed = processed_or_redone(acquired, future, self.pipeline.options)
            except PageError:
                self._emit(ScanPageDropped(acquired.index, ScanStatus.UNSUPPORTED))
                continue
            page = Page.of(processed)
            pages.append(page)
            self._emit(ScanPageReady(len(pages), page))

    def _end(self, pages: list[Page], status: ScanStatus, message: StatusMessage, detail: str) -> ScanOutcome:
        ended = ScanEnded(status, message, len(pages), message.kind == "prompt", detail)
        self._emit(ended)
        return ScanOutcome(tuple(pages), ended)

    def _emit(self, event: ScanEvent) -> None:
        if self._on_event is not None:
            self._on_event(event)
