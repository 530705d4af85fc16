"""One batch: pages from a flatbed or a document feeder, streamed as they arrive, with progress and cancel.

The loop runs inside the scanner worker process against `BatchDevice`, a small interface the worker
implements over python-sane (and tests implement with a fake duplex scanner). Rules it keeps:
- a page is whole only when the backend ended the frame (SANE EOF) after the lines it announced;
  a cancelled or cut page is dropped, never passed on as if whole (python-sane returns a cut image
  without an error when cancelled from another thread);
- every outcome (jam, cover open, I/O error…) ends the batch with the pages already delivered kept;
- an empty feeder before the first page is a prompt, after some pages the normal end of a batch;
- duplex pages leave in reading order (front, back, front, back…) whatever order the device uses;
- after any error the device is cancelled: with no_cancel scans, python-sane leaves the backend in a
  state where every option change fails until sane_cancel.
"""

from __future__ import annotations

import enum
import threading
from dataclasses import asdict, dataclass, field
from typing import Any, Callable, Mapping, Protocol

from .options import ColourMode, Plan, Source
from .status import ScanStatus, StatusMessage, describe


class DeviceError(Exception):
    """A SANE call failed with `status` (raised by BatchDevice implementations)."""

    def __init__(self, status: ScanStatus, detail: str = ""):
        super().__init__(detail or status.value)
        self.status = status


@dataclass(frozen=True)
class FrameParameters:
    width: int
    lines: int  # -1: not known before the end (hand scanners)
    bytes_per_line: int
    channels: int  # 1 grey, 3 RGB


@dataclass(frozen=True)
class Frame:
    data: Any = field(repr=False)  # bytes-like, height × width × channels uint8
    width: int
    height: int
    channels: int


class BatchDevice(Protocol):
    def set_option(self, name: str, value: Any) -> None: ...
    def start(self) -> None: ...
    def parameters(self) -> FrameParameters: ...
    def read_frame(self, progress: Callable[[int], None]) -> Frame: ...
    def cancel(self) -> None: ...


class DuplexOrder(enum.Enum):
    """The order a duplex device delivers the two sides of each sheet."""

    FRONT_FIRST = "front_first"  # most SANE backends: front, back, front, back…
    BACK_FIRST = "back_first"  # some single-pass scanners deliver the back image first


@dataclass(frozen=True)
class ScanRequest:
    device: str
    source: Source = Source.FLATBED
    dpi: int = 300
    mode: ColourMode = ColourMode.COLOR
    pages: int | None = None  # flatbed: pages to scan (default 1); ADF: stop after this many sheets
    area_mm: tuple[float, float] | None = (210.0, 297.0)  # A4; None: the device's own default area
    duplex_order: DuplexOrder = DuplexOrder.FRONT_FIRST
    # raw SANE option values set before page N (1-based, device order): the technician's fault
    # injection on the test backend (read-return-value, read-delay…)
    options_before_page: Mapping[int, Mapping[str, Any]] = field(default_factory=dict)
    progress_every: float = 0.02  # share of a page between progress reports

    def to_dict(self) -> dict[str, Any]:
        data = asdict(self)
        data.update(source=self.source.value, mode=self.mode.value, duplex_order=self.duplex_order.value,
                    area_mm=list(self.area_mm) if self.area_mm else None,
                    options_before_page={str(k): dict(v) for k, v in self.options_before_page.items()})
        return data

    @classmethod
    def from_dict(cls, data: Mapping[str, Any]) -> "ScanRequest":
        return cls(device=data["device"], source=Source(data["source"]), dpi=int(data["dpi"]),
                   mode=ColourMode(data["mode"]), pages=data.get("pages"),
                   area_mm=tuple(data["area_mm"]) if data.get("area_mm") else None,
                   duplex_order=DuplexOrder(data.get("duplex_order", "front_first")),
                   options_before_page={int(k): dict(v) for k, v in (data.get("options_before_page") or {}).items()},
                   progress_every=float(data.get("progress_every", 0.02)))


# --- events, in the order a batch emits them ---------------------------------------------------

@dataclass(frozen=True)
class PageStarted:
    number: int  # the device's page count in this batch, from 1
    width: int
    lines: int
    bytes_per_line: int


@dataclass(frozen=True)
class PageProgress:
    number: int
    lines: int
    total_lines: int  # -1 when the device does not know
    bytes: int
    total_bytes: int


@dataclass(frozen=True)
class PageDropped:
    number: int
    status: ScanStatus
    lines: int
    expected_lines: int


@dataclass(frozen=True)
class PageReady:
    """A whole page, in reading order; the worker sends its pixels right after this header."""

    index: int
    sheet: int
    side: str
    source: str
    dpi: int
    width: int
    height: int
    channels: int
    frame: Frame | None = field(default=None, repr=False, compare=False)


@dataclass(frozen=True)
class BatchEnded:
    status: ScanStatus
    message: StatusMessage
    pages: int
    dpi: int
    detail: str = ""  # the backend's own words, for the log


Event = PageStarted | PageProgress | PageDropped | PageReady | BatchEnded


class DuplexOrderer:
    """Puts the pages of a batch in reading order and names their sides, holding back a page only
    when the device delivers the back of a sheet before its front."""

    def __init__(self, source: Source, order: DuplexOrder):
        self.source, self.order = source, order
        self._held: tuple[int, Frame] | None = None
        self._delivered = 0

    def push(self, number: int, frame: Frame) -> list[tuple[int, str, Frame]]:
        """(sheet, side, frame) ready to go out after the device's page `number` (from 1)."""
        if self.source is not Source.DUPLEX:
            return [(number, "front", frame)]
        sheet = (number + 1) // 2
        first_of_sheet = number % 2 == 1
        if self.order is DuplexOrder.FRONT_FIRST:
            return [(sheet, "front" if first_of_sheet else "back", frame)]
        if first_of_sheet:  # the back: wait for its front
            self._held = (sheet, frame)
            return []
        held, self._held = self._held, None
        out = [(sheet, "front", frame)]
        if held is not None:
            out.append((held[0], "back", held[1]))
        return out

    def flush(self) -> list[tuple[int, str, Frame]]:
        """The back of a sheet whose front never came (a jam between them): kept, named as a back."""
        held, self._held = self._held, None
        return [] if held is None else [(held[0], "back", held[1])]


def run_batch(device: BatchDevice, request: ScanRequest, plan: Plan, emit: Callable[[Event], None],
              cancelled: threading.Event) -> BatchEnded:
    """Scans until the batch is done, fails or is cancelled; emits every event, the BatchEnded last (before
    the device is cancelled), and returns it."""
    feeder = request.source in (Source.ADF, Source.DUPLEX)
    limit = request.pages if request.pages is not None else (None if feeder else 1)
    if limit is not None and plan.duplex:
        limit *= 2  # --pages counts sheets
    orderer = DuplexOrderer(request.source, request.duplex_order)
    delivered = 0
    number = 0
    status, detail = ScanStatus.GOOD, ""

    def deliver(ready: list[tuple[int, str, Frame]]) -> None:
        nonlocal delivered
        for sheet, side, frame in ready:
            delivered += 1
            emit(PageReady(delivered, sheet, side, request.source.value, plan.dpi, frame.width, frame.height,
                           frame.channels, frame))

    try:
        for name, value in plan.settings:
            device.set_option(name, value)
        while True:
            if cancelled.is_set():
                status = ScanStatus.CANCELLED
                break
            if limit is not None and number >= limit:
                break
            number += 1
            for name, value in request.options_before_page.get(number, {}).items():
                device.set_option(name, value)
            try:
                device.start()
            except DeviceError as error:
                if error.status is ScanStatus.NO_DOCS and feeder and number > 1 and request.pages is None:
                    break  # the feeder emptied: the batch is done
                status = ScanStatus.CANCELLED if cancelled.is_set() else error.status
                detail = str(error)
                break
            params = device.parameters()
            emit(PageStarted(number, params.width, params.lines, params.bytes_per_line))
            step = max(1, int(params.lines * request.progress_every)) if params.lines > 0 else 64
            seen = [0]

            def progress(lines: int, number=number, params=params, step=step, seen=seen) -> None:
                seen[0] = lines
                if lines % step == 0 or lines == params.lines:
                    total = params.lines * params.bytes_per_line if params.lines > 0 else -1
                    emit(PageProgress(number, lines, params.lines, lines * params.bytes_per_line, total))

            try:
                frame = device.read_frame(progress)
            except DeviceError as error:
                # after sane_cancel, backends end the read with CANCELLED, INVAL or a cut frame alike
                status = ScanStatus.CANCELLED if cancelled.is_set() else error.status
                emit(PageDropped(number, status, seen[0], params.lines))
                detail = str(error)
                break
            if cancelled.is_set() and (params.lines <= 0 or frame.height != params.lines):
                emit(PageDropped(number, ScanStatus.CANCELLED, frame.height, params.lines))
                status = ScanStatus.CANCELLED
                break
            if params.lines > 0 and frame.height != params.lines:
                # cut short without a status (some backends end a frame early on a fault)
                emit(PageDropped(number, ScanStatus.EOF, frame.height, params.lines))
                status, detail = ScanStatus.EOF, f"{frame.height} of {params.lines} lines"
                break
            deliver(orderer.push(number, frame))
    except DeviceError as error:  # an option the device refused
        status, detail = error.status, str(error)
    finally:
        deliver(orderer.flush())
    ended = BatchEnded(status, describe(status, pages_kept=delivered, before_first_page=number <= 1), delivered,
                       plan.dpi, detail)
    # the outcome goes out before the cancel: a backend that is slow to cancel (libsane's test backend
    # has been seen to hang in it) must not hold back what the person is told
    emit(ended)
    try:
        device.cancel()  # ends the feeder session; needed after errors before any option change
    except DeviceError:
        pass
    return ended
