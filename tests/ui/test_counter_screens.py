"""Each counter screen photographed in Vietnamese and English for people to look at ($KIOSK_SCREENSHOTS,
else the test's folder): the list with dossiers in several states, a dossier's tab, the day view, and a
reception past the wait threshold with pages in the editor. Checked as well: nothing is cut off in the
list's state and code columns, and every button and field has a name."""

from __future__ import annotations

import os
from datetime import date, datetime, timedelta, timezone
from pathlib import Path

import pytest
from PySide6.QtWidgets import QAbstractButton, QComboBox, QLineEdit

from kiosk.devices import DeviceSetup
from tests.intake.test_pages import processed
from tests.store.conftest import T0
from tests.ui.counter_helpers import activate, close_services, store_services, submit
from ui.counter.dossier_list import CODE, STATE
from ui.counter.dossier_tab import DossierTab
from ui.counter_window import CounterWindow
from ui.devices import DeviceLists

DAY = date(2025, 7, 1)


class Clock:
    def __init__(self) -> None:
        self.now = datetime(2025, 7, 1, 8, 30, tzinfo=timezone.utc)

    def __call__(self) -> datetime:
        return self.now


@pytest.fixture
def services(config):
    opened = store_services(config)
    store = opened.store
    names = ["Nguyễn Thị Hồng Nhung", "Trần Văn Bình", "Lê Đức Cường", "Phạm Thị Dung", "Hoàng Minh Đức"]
    made = [submit(store, name, f"00119000000{n}", T0 + timedelta(minutes=7 * n),
                   first_contact=T0 + timedelta(minutes=7 * n - 6 - 10 * (n == 3))) for n, name in enumerate(names)]
    store.begin_upload(made[0].id, now=T0)
    store.upload_accepted(made[0].id, "000.00.13.H22-250701-0001", now=T0)
    store.begin_upload(made[1].id, now=T0)
    store.upload_failed(made[1].id, "the connection failed", now=T0)
    store.begin_upload(made[2].id, now=T0)
    store.upload_rejected(made[2].id, "conflict: different content", now=T0, conflict=True)
    opened.made = made
    yield opened
    close_services(opened)


@pytest.mark.parametrize("language", ["vi", "en"])
def test_each_counter_screen_is_photographed(qtbot, config, languages, services, tmp_path, language):
    languages.switch(language)
    shots = Path(os.environ.get("KIOSK_SCREENSHOTS") or tmp_path)
    shots.mkdir(parents=True, exist_ok=True)
    clock = Clock()
    window = CounterWindow(config, languages, DeviceLists(DeviceSetup()), services=services, officer="can-bo-01",
                           today=lambda: DAY, clock=clock)
    qtbot.addWidget(window)
    window.resize(1280, 800)
    window.show()
    activate(window)

    def look(name: str) -> None:
        qtbot.wait(50)
        window.grab().save(str(shots / f"counter-{language}-{name}.png"))
        controls = [w for kind in (QAbstractButton, QLineEdit, QComboBox) for w in window.findChildren(kind)]
        unnamed = [w.objectName() or type(w).__name__ for w in controls
                   if w.isVisible() and not (w.accessibleName() or getattr(w, "text", lambda: "")() or w.toolTip())]
        assert not unnamed, f"{name}: {unnamed}"

    model = window.model
    qtbot.waitUntil(lambda: model.rowCount() == 5, timeout=10_000)
    window.panel.table.selectRow(0)
    look("dossiers")
    table = window.panel.table
    metrics = table.fontMetrics()
    for row in range(model.rowCount()):  # the state and the code are read whole, not guessed from "…"
        for column in (STATE, CODE):
            text = model.index(row, column).data() or ""
            assert metrics.horizontalAdvance(text) + 12 <= table.columnWidth(column), (text, column)

    window.open_dossier(services.made[0].id)
    tab = window.tabs.currentWidget()
    assert isinstance(tab, DossierTab)
    qtbot.waitUntil(lambda: tab.history.rowCount() > 0, timeout=10_000)
    look("dossier")

    view = window.show_day()
    qtbot.waitUntil(lambda: view.report is not None, timeout=10_000)
    look("day")

    reception = window.new_reception()
    reception.intake.choose_procedure("1.001193")
    reception._procedure_chosen((reception.intake.unit_suggestion, reception._province_units(reception.intake)))
    reception.intake.confirm_unit("06970")
    pages = reception.intake.slot(1).pages
    for width in (300, 340, 380):
        pages.add(processed(width))
    reception.intake.slot(2).pages.add(processed(blank=True))
    reception._refresh_components()
    reception.choose_line(1)
    clock.now += timedelta(minutes=23)
    reception.show_wait()
    assert reception.banner.isVisible()
    look("reception-pages-wait-alert")
