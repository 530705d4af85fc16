"""A slow scanner while the GUI event loop keeps ticking: pages arrive as signals, and a QTimer's ticks
go on between and during pages (the GUI thread never waits on SANE)."""

from __future__ import annotations

import pytest
from PySide6.QtCore import QTimer

from drivers.scanner.acquisition import AcquiredPage
from drivers.scanner.batch import ScanRequest
from drivers.scanner.options import Source
from drivers.scanner.status import ScanStatus
from drivers.scanner.worker import ScannerWorker
from tests.scanner.conftest import write_sane_test_config
from ui.scanning import ScanSession

# the test backend waits 60 ms after each 64 KiB: a 100 × 100 mm colour page at 100 dpi is 8 buffers
SLOW = {"read-delay": True, "read-delay-duration": 60000}
AREA = (100.0, 100.0)


@pytest.fixture
def session(qtbot, tmp_path):
    session = ScanSession(ScannerWorker(write_sane_test_config(tmp_path / "sane")))
    yield session
    session.shutdown()


def record(session: ScanSession, ticks: list[int]):
    """Every signal with the tick count at the moment the GUI thread handled it."""
    seen = []
    for name in ("page_started", "progress", "page_arrived", "page_dropped", "finished"):
        getattr(session, name).connect(lambda event, name=name: seen.append((name, ticks[0], event)))
    return seen


def test_slow_scanner_keeps_the_event_loop_ticking(qtbot, session):
    ticks = [0]
    timer = QTimer()
    timer.setInterval(10)
    timer.timeout.connect(lambda: ticks.__setitem__(0, ticks[0] + 1))
    timer.start()
    seen = record(session, ticks)

    request = ScanRequest("test:0", Source.ADF, dpi=100, area_mm=AREA, pages=3, options_before_page={1: SLOW})
    with qtbot.waitSignal(session.finished, timeout=60000):
        assert session.start(request)
        assert session.running
    timer.stop()

    ended = seen[-1][2]
    assert seen[-1][0] == "finished" and ended.status is ScanStatus.GOOD
    pages = [event for name, _, event in seen if name == "page_arrived"]
    assert [p.index for p in pages] == [1, 2, 3] and all(isinstance(p, AcquiredPage) for p in pages)
    assert all(p.size == (393, 393) for p in pages)
    for number in (1, 2, 3):
        at_progress = [tick for name, tick, e in seen if name == "progress" and e.number == number]
        arrived = next(tick for name, tick, e in seen if name == "page_arrived" and e.index == number)
        assert len(at_progress) > 2
        # ticks went on while the page was being read, and between its first progress and its arrival
        assert at_progress[-1] > at_progress[0]
        assert arrived > at_progress[0]
    started = [tick for name, tick, _ in seen if name == "page_started"]
    assert started == sorted(started) and started[-1] > started[0]


def test_cancel_from_the_gui(qtbot, session):
    ticks = [0]
    seen = record(session, ticks)
    cancelled = []

    def cancel_during_page_two(event):
        if event.number == 2 and 0 < event.lines < event.total_lines and not cancelled:
            cancelled.append(event)
            session.cancel()

    session.progress.connect(cancel_during_page_two)
    request = ScanRequest("test:0", Source.ADF, dpi=100, area_mm=AREA, options_before_page={2: SLOW})
    with qtbot.waitSignal(session.finished, timeout=60000):
        session.start(request)
    ended = seen[-1][2]
    assert ended.status is ScanStatus.CANCELLED and ended.pages == 1
    assert [e.index for name, _, e in seen if name == "page_arrived"] == [1]
    assert [e.number for name, _, e in seen if name == "page_dropped"] == [2]
    # the next batch starts straight from the finished slot's aftermath
    with qtbot.waitSignal(session.finished, timeout=60000) as again:
        assert session.start(ScanRequest("test:0", Source.ADF, dpi=50, area_mm=(30.0, 30.0), pages=2,
                                         options_before_page={1: {"read-delay": False}}))
    assert again.args[0].status is ScanStatus.GOOD and again.args[0].pages == 2


def test_a_second_start_while_scanning_is_refused(qtbot, session):
    messages = []
    session.failed.connect(messages.append)
    request = ScanRequest("test:0", Source.ADF, dpi=100, area_mm=AREA, pages=1, options_before_page={1: SLOW})
    with qtbot.waitSignal(session.finished, timeout=60000):
        assert session.start(request)
        assert not session.start(request)
    assert messages == ["a batch is already being scanned"]
