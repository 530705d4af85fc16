"""The link between a window and the intake: results of device work reach the GUI thread only while the
intake that started the work is still the window's (a scan that ends after Cancel is dropped)."""

from __future__ import annotations

from concurrent.futures import Future
from types import SimpleNamespace

from PySide6.QtCore import QObject

from ui.intake_link import IntakeLink


def follow(link: IntakeLink, owner: QObject):
    results, work = [], Future()
    link.follow(work, lambda value: results.append(("done", value)), lambda error: results.append(("error", error)),
                owner)
    return work, results


def test_a_result_reaches_the_window_on_the_gui_thread(qtbot):
    owner = QObject()
    link = IntakeLink(owner)
    link.intake = SimpleNamespace(ended=None)
    work, results = follow(link, owner)
    work.set_result(3)
    qtbot.waitUntil(lambda: results == [("done", 3)])


def test_work_that_ends_after_the_visit_is_not_delivered(qtbot):
    owner = QObject()
    link = IntakeLink(owner)
    link.intake = SimpleNamespace(ended=None)
    scan, results = follow(link, owner)
    failing, _ = follow(link, owner)
    link.intake = SimpleNamespace(ended=None)  # the visit ended and the next citizen's began
    scan.set_result("pages")
    failing.set_exception(RuntimeError("device gone"))
    done_now, now = follow(link, owner)
    done_now.set_result("next")
    qtbot.waitUntil(lambda: now == [("done", "next")])
    assert results == []
