"""The day view (Ctrl+D): counts by procedure and by hour as bar charts with their numbers written,
the non-territorial dossiers, the median handling time and the waits over the threshold; exported as
CSV (Ctrl+E) from the store's day report."""

from __future__ import annotations

from datetime import date, timedelta

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QFileDialog

from kiosk.devices import DeviceSetup
from tests.store.conftest import T0, make_citizen, make_dossier
from tests.ui.counter_helpers import activate, close_services, store_services
from ui.counter.day_view import DayView
from ui.counter_window import CounterWindow
from ui.devices import DeviceLists

DAY = date(2025, 7, 1)


@pytest.fixture
def services(config):
    opened = store_services(config)
    store = opened.store
    for number, (procedure, competent, waited) in enumerate((("1.001193", "06970", 5), ("1.001193", "06970", 25),
                                                             ("1.000894", "06973", 12))):
        dossier = make_dossier(make_citizen(f"Công Dân {number}", f"00119000000{number}"), documents=1, pages=1,
                               now=T0 + timedelta(minutes=number))
        dossier.procedure_code, dossier.competent_unit = procedure, competent
        dossier.first_contact_at = dossier.created_at - timedelta(minutes=waited)
        store.submit(dossier, now=dossier.created_at)
    yield opened
    close_services(opened)


def test_the_day_in_figures_and_charts_exported_as_csv(qtbot, config, languages, services, tmp_path, monkeypatch):
    languages.switch("vi")
    window = CounterWindow(config, languages, DeviceLists(DeviceSetup()), services=services, officer="can-bo-01",
                           today=lambda: DAY)
    qtbot.addWidget(window)
    window.show()
    activate(window)
    qtbot.keyClick(window, Qt.Key.Key_D, Qt.KeyboardModifier.ControlModifier)
    view = window.tabs.currentWidget()
    assert isinstance(view, DayView) and view.day.hasFocus()
    qtbot.waitUntil(lambda: view.report is not None, timeout=10_000)
    assert view.figures["received"].text() == "3"
    assert view.figures["non-territorial"].text() == "1"
    assert view.figures["median"].text() == "12 phút 00 giây"
    assert view.figures["over-threshold"].text() == "1"
    assert view.by_procedure.bars()[0][:3] == ("1.001193", 2.0, "2")  # the numbers are written beside the bars
    assert view.by_procedure.accessibleName() == "Hồ sơ theo thủ tục"
    assert "1.000894: 1" in view.by_procedure.accessibleDescription()
    assert [bar[0] for bar in view.by_hour.bars()] == ["15:00"]  # 08:00 UTC is 15:00 in Vietnam

    target = tmp_path / "day.csv"
    monkeypatch.setattr(QFileDialog, "getSaveFileName", lambda *args, **kw: (str(target), ""))
    qtbot.keyClick(window, Qt.Key.Key_E, Qt.KeyboardModifier.ControlModifier)
    assert target.read_text(encoding="utf-8") == view.report.to_csv()
    assert "summary,received,3" in target.read_text(encoding="utf-8") and str(target) in view.note.text()
    assert "Công Dân" not in target.read_text(encoding="utf-8")  # counts and codes only

    view.day.setDate(view.day.date().addDays(-1))  # another day: nothing received
    qtbot.waitUntil(lambda: view.report is not None and view.report.day == DAY - timedelta(days=1), timeout=10_000)
    assert view.figures["received"].text() == "0" and "Không có hồ sơ" in view.note.text()
    assert window.tabs.count() == 2
    qtbot.keyClick(window, Qt.Key.Key_D, Qt.KeyboardModifier.ControlModifier)  # the same tab, read again
    assert window.tabs.count() == 2
