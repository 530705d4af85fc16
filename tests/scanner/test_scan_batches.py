"""Batches through the real scanner worker and libsane's `test` backend: flatbed, feeder batches of
chosen lengths, every injected status, cancel, and a worker killed or frozen mid-page. In each, the
pages kept are whole (the size SANE announced) and none is lost."""

from __future__ import annotations

import os
import signal

import numpy as np
import pytest

from drivers.scanner.acquisition import AcquiredPage
from drivers.scanner.batch import BatchEnded, PageDropped, PageProgress, PageStarted, ScanRequest
from drivers.scanner.options import ColourMode, Source
from drivers.scanner.status import ScanStatus
from drivers.scanner.worker import ScannerWorker, ScannerWorkerError

from .conftest import SMALL_AREA, TEST_DEVICE, expected_pixels

# a slow scanner: the test backend waits this long (µs) after each 64 KiB it hands over; a 100 dpi
# colour page of 100 × 100 mm is 8 such buffers
SLOW = {"read-delay": True, "read-delay-duration": 100000}
SLOW_AREA = (100.0, 100.0)


def run(worker: ScannerWorker, request: ScanRequest, on_event=None):
    """All events of one batch; `on_event` may act on the worker as they come (cancel, kill)."""
    events = []
    for event in worker.scan(request):
        events.append(event)
        if on_event is not None:
            on_event(worker, event, events)
    assert isinstance(events[-1], BatchEnded)
    return [e for e in events if isinstance(e, AcquiredPage)], events[-1], events


def assert_whole(pages: list[AcquiredPage], events: list, *, dpi: int, area=SMALL_AREA, channels=3) -> None:
    """Every page is as big as SANE announced and as the area at that resolution."""
    announced = {e.number: e for e in events if isinstance(e, PageStarted)}
    for page in pages:
        width, height = expected_pixels(area[0], dpi), expected_pixels(area[1], dpi)
        assert page.size == (width, height)
        assert page.image.dtype == np.uint8
        assert page.image.shape == ((height, width, 3) if channels == 3 else (height, width))
        assert announced[page.index].lines == height
        assert page.dpi == dpi


def adf(pages=None, **kw) -> ScanRequest:
    return ScanRequest(TEST_DEVICE, Source.ADF, dpi=kw.pop("dpi", 75), area_mm=kw.pop("area_mm", SMALL_AREA),
                       pages=pages, **kw)


def test_flatbed_page_colour_and_grey(scanner):
    pages, ended, events = run(scanner, ScanRequest(TEST_DEVICE, Source.FLATBED, dpi=100, area_mm=SMALL_AREA))
    assert ended.status is ScanStatus.GOOD and ended.message.kind == "ok"
    assert [p.index for p in pages] == [1]
    assert pages[0].source == "flatbed" and pages[0].pipeline_source == "flatbed" and pages[0].side == "front"
    assert_whole(pages, events, dpi=100)
    progress = [e for e in events if isinstance(e, PageProgress)]
    assert progress and progress[-1].lines == progress[-1].total_lines == pages[0].size[1]
    assert progress[-1].bytes == progress[-1].total_bytes == pages[0].image.nbytes

    pages, ended, events = run(scanner, ScanRequest(TEST_DEVICE, Source.FLATBED, dpi=75, mode=ColourMode.GRAY,
                                                    area_mm=SMALL_AREA))
    assert ended.status is ScanStatus.GOOD
    assert_whole(pages, events, dpi=75, channels=1)


def test_flatbed_a4_at_300_dpi_arrives_whole(scanner):
    pages, ended, events = run(scanner, ScanRequest(TEST_DEVICE, Source.FLATBED, dpi=300))
    assert ended.status is ScanStatus.GOOD
    assert_whole(pages, events, dpi=300, area=(210.0, 297.0))
    assert pages[0].image.nbytes == 2480 * 3507 * 3  # ~26 MB through the socket, into the array


def test_flatbed_resolution_snaps_to_what_the_device_offers(scanner):
    pages, ended, _ = run(scanner, ScanRequest(TEST_DEVICE, Source.FLATBED, dpi=5000, area_mm=(5.0, 5.0)))
    assert ended.dpi == 1200 and pages[0].dpi == 1200  # the test backend's range ends at 1200


@pytest.mark.parametrize("length", [2, 5])
def test_feeder_batch_of_chosen_length(scanner, length):
    pages, ended, events = run(scanner, adf(length))
    assert ended.status is ScanStatus.GOOD and ended.pages == length
    assert [p.index for p in pages] == list(range(1, length + 1))
    assert all(p.source == "adf" and p.pipeline_source == "adf" for p in pages)
    assert_whole(pages, events, dpi=75)


def test_feeder_runs_empty_after_the_pages_loaded(scanner):
    # the test backend's feeder holds 10 sheets and counts flatbed scans too: 7 flatbed pages leave 3
    for _ in range(7):
        _, ended, _ = run(scanner, ScanRequest(TEST_DEVICE, Source.FLATBED, dpi=10, area_mm=(5.0, 5.0)))
        assert ended.status is ScanStatus.GOOD
    pages, ended, events = run(scanner, adf())
    assert ended.status is ScanStatus.GOOD and len(pages) == 3
    assert_whole(pages, events, dpi=75)


def test_ten_sheets_then_the_feeder_is_refilled(scanner):
    pages, ended, events = run(scanner, adf())
    assert ended.status is ScanStatus.GOOD and len(pages) == 10
    assert_whole(pages, events, dpi=75)
    again, ended, events = run(scanner, adf(dpi=50))
    assert ended.status is ScanStatus.GOOD and len(again) == 10
    assert_whole(again, events, dpi=50)


def test_empty_feeder_before_the_first_page_is_a_prompt(scanner):
    pages, ended, _ = run(scanner, adf(options_before_page={1: {"read-return-value": "SANE_STATUS_NO_DOCS"}}))
    assert pages == [] and ended.status is ScanStatus.NO_DOCS
    assert ended.message.kind == "prompt"
    assert "khay nạp" in ended.message.text("vi").lower() and "feeder is empty" in ended.message.text("en")


@pytest.mark.parametrize("injected, status", [
    ("SANE_STATUS_JAMMED", ScanStatus.JAMMED),
    ("SANE_STATUS_COVER_OPEN", ScanStatus.COVER_OPEN),
    ("SANE_STATUS_NO_DOCS", ScanStatus.NO_DOCS),
    ("SANE_STATUS_IO_ERROR", ScanStatus.IO_ERROR),
    ("SANE_STATUS_DEVICE_BUSY", ScanStatus.DEVICE_BUSY),
    ("SANE_STATUS_NO_MEM", ScanStatus.NO_MEM),
    ("SANE_STATUS_ACCESS_DENIED", ScanStatus.ACCESS_DENIED),
])
def test_status_after_page_two_keeps_the_first_two_pages(scanner, injected, status):
    request = adf(5, options_before_page={3: {"read-return-value": injected}})
    pages, ended, events = run(scanner, request)
    assert ended.status is status
    assert [p.index for p in pages] == [1, 2]
    assert_whole(pages, events, dpi=75)
    assert ended.message.kind == "error" and ended.message.pages_kept == 2
    assert "2 trang" in ended.message.text("vi") and "2 page(s)" in ended.message.text("en")
    assert any(isinstance(e, PageDropped) and e.number == 3 for e in events)
    # the backend was reset after the error: the next batch runs
    again, ended, _ = run(scanner, adf(1, options_before_page={1: {"read-return-value": "Default"}}))
    assert ended.status is ScanStatus.GOOD and len(again) == 1


def test_cancel_mid_page_drops_that_page_and_keeps_the_others(scanner):
    def cancel_during_page_two(worker, event, events):
        if isinstance(event, PageProgress) and event.number == 2 and 0 < event.lines < event.total_lines \
                and not any(getattr(e, "cancelled", False) for e in events):
            worker.cancel()
            events.append(type("Mark", (), {"cancelled": True})())

    request = adf(area_mm=SLOW_AREA, dpi=100, options_before_page={2: SLOW})
    pages, ended, events = run(scanner, request, cancel_during_page_two)
    assert ended.status is ScanStatus.CANCELLED and ended.message.kind == "info"
    assert [p.index for p in pages] == [1]
    assert_whole(pages, events, dpi=100, area=SLOW_AREA)
    dropped = [e for e in events if isinstance(e, PageDropped)]
    assert len(dropped) == 1 and dropped[0].status is ScanStatus.CANCELLED
    assert dropped[0].lines < dropped[0].expected_lines
    # the worker stays usable
    again, ended, _ = run(scanner, adf(1, options_before_page={1: {"read-delay": False}}))
    assert ended.status is ScanStatus.GOOD and len(again) == 1


def test_worker_killed_mid_page_is_restarted_and_earlier_pages_kept(scanner):
    first_pid = scanner.pid

    def kill_during_page_two(worker, event, events):
        if isinstance(event, PageProgress) and event.number == 2 and 0 < event.lines < event.total_lines:
            os.kill(worker.pid, signal.SIGKILL)

    pages, ended, events = run(scanner, adf(area_mm=SLOW_AREA, dpi=100, options_before_page={2: SLOW}),
                               kill_during_page_two)
    assert ended.status is ScanStatus.WORKER_CRASHED
    assert [p.index for p in pages] == [1]
    assert_whole(pages, events, dpi=100, area=SLOW_AREA)
    assert "signal 9" in ended.detail and "restarted" in ended.detail
    assert "khởi động lại" in ended.message.text("vi") and "restarted" in ended.message.text("en")
    assert "1 trang" in ended.message.text("vi")
    assert scanner.restarts == 1 and scanner.pid not in (None, first_pid)
    again, ended, _ = run(scanner, adf(2))
    assert ended.status is ScanStatus.GOOD and len(again) == 2


def test_frozen_worker_is_killed_and_restarted(sane_dir):
    with ScannerWorker(sane_dir, hang_timeout=1.5, stall_timeout=30.0) as worker:
        frozen = []

        def freeze_during_page_two(worker, event, events):
            if isinstance(event, PageProgress) and event.number == 2 and not frozen:
                frozen.append(worker.pid)
                os.kill(worker.pid, signal.SIGSTOP)  # like a backend holding the GIL: no heartbeat

        pages, ended, events = run(worker, adf(area_mm=SLOW_AREA, dpi=100, options_before_page={2: SLOW}),
                                   freeze_during_page_two)
        assert ended.status is ScanStatus.WORKER_HUNG
        assert [p.index for p in pages] == [1]
        assert_whole(pages, events, dpi=100, area=SLOW_AREA)
        assert "no sign of life for 1.5 s" in ended.detail and ended.message.kind == "error"
        with pytest.raises(ProcessLookupError):
            os.kill(frozen[0], 0)  # the frozen one is gone
        again, ended, _ = run(worker, adf(1))
        assert ended.status is ScanStatus.GOOD and len(again) == 1


def test_scanner_sending_no_data_is_treated_as_hung(sane_dir):
    """The worker stays alive (heartbeats) but the backend delivers nothing for stall_timeout: a
    backend stuck in sane_read with the GIL released. Played by the slowest read delay (0.2 s per
    64 KiB) against a stall timeout shorter than that."""
    with ScannerWorker(sane_dir, hang_timeout=10.0, stall_timeout=0.1) as worker:
        stalling = {"read-delay": True, "read-delay-duration": 200000}
        pages, ended, events = run(worker, adf(3, dpi=100, area_mm=SLOW_AREA, options_before_page={2: stalling}))
        assert ended.status is ScanStatus.WORKER_HUNG
        assert [p.index for p in pages] == [1]
        assert_whole(pages, events, dpi=100, area=SLOW_AREA)
        assert "no data from the scanner for 0.1 s" in ended.detail and worker.restarts == 1


def test_duplex_on_a_scanner_without_duplex_is_refused_plainly(scanner):
    pages, ended, _ = run(scanner, ScanRequest(TEST_DEVICE, Source.DUPLEX, dpi=75, area_mm=SMALL_AREA))
    assert pages == [] and ended.status is ScanStatus.UNSUPPORTED
    assert "both sides" in ended.detail


def test_devices_and_options_through_the_worker(scanner):
    devices = scanner.list_devices()
    assert [d.name for d in devices] == [TEST_DEVICE]
    options = {o.name: o for o in scanner.options(TEST_DEVICE)}
    assert options["source"].choices == ["Flatbed", "Automatic Document Feeder"]
    assert options["resolution"].is_range and options["resolution"].constraint[1] == 1200
    assert options["mode"].value in ("Gray", "Color")


def test_a_device_that_is_not_there_is_reported_gone(scanner):
    with pytest.raises(ScannerWorkerError) as caught:
        scanner.options("test:7")
    assert caught.value.status is ScanStatus.DEVICE_GONE
    assert "Cắm lại" in caught.value.message.text("vi")
    pages, ended, _ = run(scanner, ScanRequest("test:7", Source.FLATBED, dpi=75, area_mm=SMALL_AREA))
    assert pages == [] and ended.status is ScanStatus.DEVICE_GONE
