"""One batch for a component through the real scanner worker, libsane's `test` backend and the page
pipeline's processes: pages in order, a jam, a cancel from another thread, an empty feeder, a pipeline
that fails, and the pages made into a compliant document."""

from __future__ import annotations

import threading
from concurrent.futures import Future
from concurrent.futures.process import BrokenProcessPool

import pytest

from drivers.scanner.options import ColourMode, Source
from drivers.scanner.pipeline import PagePipeline
from drivers.scanner.status import ScanStatus
from kiosk.intake import (BatchRequest, BatchScan, PageSet, ScanEnded, ScanPageDropped, ScanPageProgress,
                          ScanPageReady, ScanPageStarted, ScanSettingsError)

from tests.scanner.conftest import SMALL_AREA, TEST_DEVICE, expected_pixels

JAM_BEFORE_3 = {3: {"read-return-value": "SANE_STATUS_JAMMED"}}
# the test backend waits this long (µs) after each 64 KiB: a 100 dpi colour page of 100 × 100 mm takes ~0.8 s
SLOW = {"read-delay": True, "read-delay-duration": 100000}


def adf(pages=None, **kw) -> BatchRequest:
    return BatchRequest(kw.pop("device", TEST_DEVICE), Source.ADF, kw.pop("dpi", 75), pages=pages,
                        area_mm=kw.pop("area_mm", SMALL_AREA), **kw)


def scan(worker, pipeline, request):
    events = []
    outcome = BatchScan(worker, pipeline, request, events.append).run()
    assert events[-1] == outcome.ended and isinstance(outcome.ended, ScanEnded)
    return outcome, events


def of(kind, events):
    return [e for e in events if isinstance(e, kind)]


def test_three_feeder_pages_in_order_with_progress(scanner, pipeline):
    outcome, events = scan(scanner, pipeline, adf(3))
    ended = outcome.ended
    assert ended.status is ScanStatus.GOOD and ended.pages_kept == 3 and not ended.prompt
    assert ended.message.kind == "ok" and ended.message.vi == "Đã quét xong."
    assert len(outcome.pages) == 3 and [p.processed for p in outcome.pages] == outcome.processed
    assert [e.number for e in of(ScanPageStarted, events)] == [1, 2, 3]
    ready = of(ScanPageReady, events)
    assert [e.index for e in ready] == [1, 2, 3] and [e.page for e in ready] == list(outcome.pages)
    side = expected_pixels(SMALL_AREA[0], 75)
    for page in outcome.pages:
        assert page.processed.source == "adf" and page.dpi == 75 and page.processed.original_size == (side, side)
        assert page.thumbnail.startswith(b"\xff\xd8") and page.processed.encoded is not None
    progress = of(ScanPageProgress, events)
    assert all(0 <= e.percent <= 100 for e in progress)
    assert {e.number for e in progress if e.percent == 100} == {1, 2, 3}
    # each page is reported ready after it started, and after the pages before it
    order = [(type(e).__name__, getattr(e, "number", getattr(e, "index", None))) for e in events
             if isinstance(e, (ScanPageStarted, ScanPageReady))]
    assert order.index(("ScanPageReady", 1)) > order.index(("ScanPageStarted", 1))


def test_a_jam_before_page_3_keeps_pages_1_and_2(scanner, pipeline):
    outcome, events = scan(scanner, pipeline, adf(options_before_page=JAM_BEFORE_3))
    ended = outcome.ended
    assert ended.status is ScanStatus.JAMMED and ended.pages_kept == 2 and len(outcome.pages) == 2
    assert not ended.prompt and ended.message.kind == "error"
    assert "kẹt" in ended.message.text("vi") and "Đã giữ 2 trang" in ended.message.text("vi")
    assert "jammed" in ended.message.text("en") and "2 page(s)" in ended.message.text("en")
    assert [e.index for e in of(ScanPageReady, events)] == [1, 2]
    # the worker is ready for the next batch: the jam is cleared (the test device keeps an injected
    # status until it is reset) and the person goes on
    again, _ = scan(scanner, pipeline, adf(1, options_before_page={1: {"read-return-value": "Default"}}))
    assert again.ended.status is ScanStatus.GOOD and len(again.pages) == 1


def test_cancel_from_another_thread_keeps_the_pages_scanned(scanner, pipeline):
    first_ready = threading.Event()
    events = []

    def on_event(event):
        events.append(event)
        if isinstance(event, ScanPageReady):
            first_ready.set()

    batch = BatchScan(scanner, pipeline, adf(dpi=100, area_mm=(100.0, 100.0), options_before_page={1: SLOW}),
                      on_event)
    result = {}
    runner = threading.Thread(target=lambda: result.setdefault("outcome", batch.run()))  # as the intake runs it
    runner.start()
    assert first_ready.wait(30)
    batch.cancel()
    runner.join(30)
    assert not runner.is_alive()
    outcome = result["outcome"]
    assert batch.cancelled and outcome.ended.status is ScanStatus.CANCELLED
    assert outcome.ended.message.kind == "info" and 1 <= len(outcome.pages) < 10
    assert outcome.ended.pages_kept == len(outcome.pages)
    assert [e.index for e in of(ScanPageReady, events)] == list(range(1, len(outcome.pages) + 1))
    assert all(e.status is ScanStatus.CANCELLED for e in of(ScanPageDropped, events))


def test_cancel_before_the_batch_starts(scanner, pipeline):
    batch = BatchScan(scanner, pipeline, adf(3))
    batch.cancel()
    outcome = batch.run()
    assert outcome.ended.status is ScanStatus.CANCELLED and outcome.pages == ()
    with pytest.raises(RuntimeError):
        batch.run()


def test_an_empty_feeder_is_a_prompt(scanner, pipeline):
    outcome, _ = scan(scanner, pipeline, adf(options_before_page={1: {"read-return-value": "SANE_STATUS_NO_DOCS"}}))
    assert outcome.ended.status is ScanStatus.NO_DOCS and outcome.ended.prompt and outcome.pages == ()
    assert "feeder is empty" in outcome.ended.message.text("en")


def test_no_device_named_takes_the_first_scanner(scanner, pipeline):
    outcome, _ = scan(scanner, pipeline, BatchRequest(None, Source.FLATBED, 50, area_mm=SMALL_AREA))
    assert outcome.ended.status is ScanStatus.GOOD and len(outcome.pages) == 1
    assert outcome.pages[0].processed.source == "flatbed"


def test_pages_are_processed_here_when_the_pipeline_fails(scanner, pipeline, monkeypatch):
    def broken(image, dpi, **options):
        future = Future()
        future.set_exception(BrokenProcessPool("a pipeline worker died"))
        return future

    monkeypatch.setattr(pipeline, "submit", broken)
    outcome, _ = scan(scanner, pipeline, adf(2))
    assert outcome.ended.status is ScanStatus.GOOD and len(outcome.pages) == 2
    assert all(p.processed.encoded is not None and p.thumbnail for p in outcome.pages)

    idle = PagePipeline(workers=1)  # never started: submit refuses every page
    outcome, _ = scan(scanner, idle, adf(1))
    assert len(outcome.pages) == 1 and outcome.pages[0].processed.encoded is not None


def test_a_failing_callback_ends_the_batch_and_leaves_the_worker_ready(scanner, pipeline):
    def on_event(event):
        if isinstance(event, ScanPageReady):
            raise ValueError("the window went away")

    with pytest.raises(ValueError):
        BatchScan(scanner, pipeline, adf(dpi=100, area_mm=(100.0, 100.0), options_before_page={1: SLOW}),
                  on_event).run()
    outcome, _ = scan(scanner, pipeline, adf(1))
    assert outcome.ended.status is ScanStatus.GOOD and len(outcome.pages) == 1


def test_a_flatbed_page_at_200_dpi_colour_makes_a_compliant_document(scanner, pipeline):
    outcome, _ = scan(scanner, pipeline, BatchRequest(TEST_DEVICE, Source.FLATBED, 200, ColourMode.COLOR,
                                                      area_mm=(40.0, 60.0)))
    pages = PageSet(outcome.pages)
    document = pages.document()
    assert document.page_count == 1 and document.thumbnails == (outcome.pages[0].thumbnail,)
    assert outcome.pages[0].processed.encoded.compliant


def test_a_page_the_pipeline_cannot_take_is_dropped(scanner, pipeline):
    outcome, events = scan(scanner, pipeline, BatchRequest(TEST_DEVICE, Source.FLATBED, 50, area_mm=(5.0, 5.0)))
    assert outcome.pages == () and outcome.ended.pages_kept == 0  # 9 × 9 pixels: too small to be a page
    assert of(ScanPageDropped, events) == [ScanPageDropped(1, ScanStatus.UNSUPPORTED)]


@pytest.mark.parametrize("settings, match", [({"dpi": 10}, "resolution"), ({"pages": 0}, "at least one")])
def test_settings_no_scan_can_start_with(settings, match):
    with pytest.raises(ScanSettingsError, match=match):
        BatchRequest(**settings)
