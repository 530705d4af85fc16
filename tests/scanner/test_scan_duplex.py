"""The batch loop against a fake duplex scanner (libsane's test backend has no duplex): reading order
for both delivery orders, a jam between the two sides of a sheet, cancel, and cut frames."""

from __future__ import annotations

import threading

import numpy as np
import pytest

from drivers.scanner.batch import (BatchEnded, DeviceError, DuplexOrder, Frame, FrameParameters, PageDropped,
                                   PageReady, ScanRequest, run_batch)
from drivers.scanner.options import ColourMode, Plan, Source
from drivers.scanner.status import ScanStatus

W, H = 8, 6


class FakeDuplexScanner:
    """Delivers `sheets` sheets, two images each, in the given order. Each image's pixels carry its
    sheet and side so the test can check where every one ended up."""

    def __init__(self, sheets: int, order: DuplexOrder, *, fail_at: int | None = None,
                 fail_status: ScanStatus = ScanStatus.JAMMED, cut_at: int | None = None, cancel_at=None):
        self.images = []
        for sheet in range(1, sheets + 1):
            sides = ["front", "back"] if order is DuplexOrder.FRONT_FIRST else ["back", "front"]
            self.images += [(sheet, side) for side in sides]
        self.fail_at, self.fail_status, self.cut_at, self.cancel_at = fail_at, fail_status, cut_at, cancel_at
        self.number = 0
        self.settings: list = []
        self.cancels = 0

    def set_option(self, name, value):
        self.settings.append((name, value))

    def start(self):
        if self.number >= len(self.images):
            raise DeviceError(ScanStatus.NO_DOCS)
        self.number += 1

    def parameters(self):
        return FrameParameters(W, H, W * 3, 3)

    def read_frame(self, progress):
        if self.number == self.fail_at:
            progress(2)
            raise DeviceError(self.fail_status, "fake")
        lines = H // 2 if self.number in (self.cut_at, self.cancel_at) else H
        if self.number == self.cancel_at:
            self.cancel_event.set()  # the person pressed cancel while this image was read
        for line in range(1, lines + 1):
            progress(line)
        sheet, side = self.images[self.number - 1]
        image = np.full((lines, W, 3), (sheet, 1 if side == "front" else 2, 0), np.uint8)
        return Frame(image.tobytes(), W, lines, 3)

    def cancel(self):
        self.cancels += 1


def scan(device, request, cancelled=None):
    cancelled = cancelled or threading.Event()
    device.cancel_event = cancelled
    events = []
    plan = Plan((("source", "ADF Duplex"),), request.source, request.mode, request.dpi, request.source is Source.DUPLEX)
    ended = run_batch(device, request, plan, events.append, cancelled)
    pages = [e for e in events if isinstance(e, PageReady)]
    return pages, ended, events


def content(page: PageReady) -> tuple[int, str]:
    pixel = np.frombuffer(page.frame.data, np.uint8)[:3]
    return int(pixel[0]), "front" if pixel[1] == 1 else "back"


def request(**kw):
    return ScanRequest("fake:0", Source.DUPLEX, dpi=200, mode=ColourMode.COLOR, **kw)


@pytest.mark.parametrize("order", list(DuplexOrder))
def test_pages_leave_in_reading_order(order):
    pages, ended, _ = scan(FakeDuplexScanner(3, order), request(duplex_order=order))
    assert ended.status is ScanStatus.GOOD and ended.pages == 6
    assert [(p.sheet, p.side) for p in pages] == [(1, "front"), (1, "back"), (2, "front"), (2, "back"),
                                                   (3, "front"), (3, "back")]
    assert [content(p) for p in pages] == [(p.sheet, p.side) for p in pages]  # the labels are the truth
    assert [p.index for p in pages] == [1, 2, 3, 4, 5, 6]
    assert all(p.source == "duplex" and p.dpi == 200 for p in pages)


def test_pages_count_sheets_in_duplex():
    pages, ended, _ = scan(FakeDuplexScanner(5, DuplexOrder.FRONT_FIRST), request(pages=2))
    assert ended.status is ScanStatus.GOOD and [(p.sheet, p.side) for p in pages][-1] == (2, "back")
    assert len(pages) == 4


def test_jam_between_the_sides_keeps_the_front():
    device = FakeDuplexScanner(3, DuplexOrder.FRONT_FIRST, fail_at=4)  # sheet 2's back
    pages, ended, events = scan(device, request())
    assert ended.status is ScanStatus.JAMMED and ended.message.pages_kept == 3
    assert [(p.sheet, p.side) for p in pages] == [(1, "front"), (1, "back"), (2, "front")]
    assert [e.number for e in events if isinstance(e, PageDropped)] == [4]
    assert device.cancels == 1  # reset after the error, or no option could be set again


def test_jam_after_a_back_delivered_first_still_hands_the_back_over():
    device = FakeDuplexScanner(2, DuplexOrder.BACK_FIRST, fail_at=4)  # sheet 2: back read, front jams
    pages, ended, _ = scan(device, request(duplex_order=DuplexOrder.BACK_FIRST))
    assert ended.status is ScanStatus.JAMMED
    assert [(p.sheet, p.side) for p in pages] == [(1, "front"), (1, "back"), (2, "back")]
    assert [content(p) for p in pages] == [(1, "front"), (1, "back"), (2, "back")]


def test_cancel_while_reading_drops_that_image_only():
    device = FakeDuplexScanner(3, DuplexOrder.FRONT_FIRST, cancel_at=3)
    pages, ended, events = scan(device, request())
    assert ended.status is ScanStatus.CANCELLED and ended.message.kind == "info"
    assert [(p.sheet, p.side) for p in pages] == [(1, "front"), (1, "back")]
    dropped = [e for e in events if isinstance(e, PageDropped)]
    assert dropped[0].status is ScanStatus.CANCELLED and dropped[0].lines == H // 2


def test_cancel_answered_by_the_backend_with_another_error_is_still_a_cancel():
    """The test backend ends a cancelled read with CANCELLED, INVAL or a cut frame, as it happens."""
    class CancelledAsInvalid(FakeDuplexScanner):
        def read_frame(self, progress):
            if self.number == 2:
                self.cancel_event.set()
                progress(1)
                raise DeviceError(ScanStatus.INVAL, "Invalid argument")
            return super().read_frame(progress)

    pages, ended, events = scan(CancelledAsInvalid(2, DuplexOrder.FRONT_FIRST), request())
    assert ended.status is ScanStatus.CANCELLED and len(pages) == 1
    assert [(e.number, e.status) for e in events if isinstance(e, PageDropped)] == [(2, ScanStatus.CANCELLED)]


def test_a_frame_cut_short_without_a_status_is_not_kept():
    device = FakeDuplexScanner(2, DuplexOrder.FRONT_FIRST, cut_at=2)
    pages, ended, _ = scan(device, request())
    assert ended.status is ScanStatus.EOF and [(p.sheet, p.side) for p in pages] == [(1, "front")]
    assert all(p.height == H for p in pages)


def test_cancel_before_start_scans_nothing():
    cancelled = threading.Event()
    cancelled.set()
    pages, ended, _ = scan(FakeDuplexScanner(2, DuplexOrder.FRONT_FIRST), request(), cancelled)
    assert pages == [] and ended.status is ScanStatus.CANCELLED


def test_option_refused_ends_the_batch_with_its_status():
    class Refusing(FakeDuplexScanner):
        def set_option(self, name, value):
            raise DeviceError(ScanStatus.INVAL, "refused")

    pages, ended, _ = scan(Refusing(1, DuplexOrder.FRONT_FIRST), request())
    assert pages == [] and ended.status is ScanStatus.INVAL and isinstance(ended, BatchEnded)


def test_request_round_trips_through_the_pipe_format():
    original = ScanRequest("test:0", Source.ADF, 150, ColourMode.GRAY, 4, (100.0, 50.0), DuplexOrder.BACK_FIRST,
                           {3: {"read-return-value": "SANE_STATUS_JAMMED"}})
    assert ScanRequest.from_dict(original.to_dict()) == original


def test_the_outcome_goes_out_before_the_device_is_cancelled():
    """A backend slow to cancel (libsane's test backend can hang there) must not hold back the outcome."""
    device = FakeDuplexScanner(2, DuplexOrder.FRONT_FIRST, fail_at=3)
    cancels_when_told = []

    def record(event):
        if isinstance(event, BatchEnded):
            cancels_when_told.append(device.cancels)

    plan = Plan((("source", "ADF Duplex"),), Source.DUPLEX, ColourMode.COLOR, 150, True)
    ended = run_batch(device, ScanRequest("fake", Source.DUPLEX, 150), plan, record, threading.Event())
    assert ended.status is ScanStatus.JAMMED
    assert cancels_when_told == [0] and device.cancels == 1
