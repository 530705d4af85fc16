"""A test scan for the technician: one flatbed page through the scanner worker and the page pipeline,
with the time of each step and the page's thumbnail. On the simulated station the page is SANE's test
pattern; on a real station the technician scans a test sheet. The pipeline's steps name no content:
barcodes are counted, never read out."""

from __future__ import annotations

import time
from dataclasses import dataclass
from pathlib import Path

from drivers.scanner.options import OptionInfo


class ScanTestFailed(Exception):
    """The scanner did not deliver a page: `str()` is the sentence for the technician."""


@dataclass(frozen=True)
class ScanTestResult:
    device: str
    dpi: int
    mode: str
    size: tuple[int, int]  # width, height of the page as scanned, in pixels
    acquire_ms: float  # from the request to the whole page in this process (the scanner's own time)
    steps_ms: dict[str, float]  # the pipeline's steps, in order, then total
    flags: tuple[str, ...]  # what the pipeline found: blank, blurred…
    barcodes: int
    thumbnail_jpeg: bytes  # the page, 240 px wide

    def summary(self) -> dict:
        return {"device": self.device, "dpi": self.dpi, "mode": self.mode, "size": list(self.size),
                "acquire_ms": self.acquire_ms, "steps_ms": self.steps_ms, "flags": list(self.flags),
                "barcodes": self.barcodes}


def scanner_options(sane_config_dir: Path | None, device: str) -> list[OptionInfo]:
    """The device's options with their values and what each accepts. Raises ScanTestFailed."""
    from drivers.scanner.worker import ScannerWorker, ScannerWorkerError

    try:
        with ScannerWorker(sane_config_dir) as worker:
            return [option for option in worker.options(device) if option.name]
    except ScannerWorkerError as error:
        raise ScanTestFailed(f"{error.message.en} ({error})") from None


def run_scan_test(sane_config_dir: Path | None, device: str | None = None, *, dpi: int = 150,
                  mode: str = "color") -> ScanTestResult:
    """Scans one flatbed page and runs it through every pipeline step in this thread. Raises
    ScanTestFailed."""
    from drivers.scanner.acquisition import AcquiredPage
    from drivers.scanner.batch import BatchEnded, ScanRequest
    from drivers.scanner.options import ColourMode, Source
    from drivers.scanner.pipeline import process_page
    from drivers.scanner.worker import ScannerWorker, ScannerWorkerError

    page: AcquiredPage | None = None
    ended: BatchEnded | None = None
    try:
        with ScannerWorker(sane_config_dir) as worker:
            if device is None:
                listed = worker.list_devices()
                if not listed:
                    raise ScanTestFailed("no scanner found: check the cable and power")
                device = listed[0].name
            started = time.perf_counter()
            for event in worker.scan(ScanRequest(device, Source.FLATBED, dpi, ColourMode(mode), pages=1)):
                if isinstance(event, AcquiredPage):
                    page = event
                    acquired = time.perf_counter()
                elif isinstance(event, BatchEnded):
                    ended = event
    except ScannerWorkerError as error:
        raise ScanTestFailed(f"{error.message.en} ({error})") from None
    if page is None:
        status = ended.message.text("en") if ended is not None else "the scanner delivered no page"
        detail = f" ({ended.detail})" if ended is not None and ended.detail else ""
        raise ScanTestFailed(f"{status}{detail}")
    processed = process_page(page.image, page.dpi, source=page.pipeline_source, keep_image=False)
    steps = {name: round(ms, 1) for name, ms in processed.timings.items() if name not in ("total", "cpu")}
    steps["total"] = round(processed.timings.get("total", sum(steps.values())), 1)
    return ScanTestResult(device=device, dpi=page.dpi, mode=mode, size=page.size,
                          acquire_ms=round((acquired - started) * 1000, 1), steps_ms=steps,
                          flags=tuple(sorted(processed.flags)), barcodes=len(processed.barcodes),
                          thumbnail_jpeg=processed.thumbnail)
