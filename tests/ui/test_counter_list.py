"""The counter's dossier list on a real store: today or every day, search by name (marks aside), ID
number and code, a state filter, the wait column with its alert, the relay's live progress, paging as
the officer scrolls, and Enter opening a dossier in its own tab with its history."""

from __future__ import annotations

import threading
from datetime import date, timedelta

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QColor

from kiosk.devices import DeviceSetup
from sync.relay import Progress
from tests.store.conftest import T0
from tests.ui.counter_helpers import activate, submit
from ui.counter import dossier_list
from ui.counter.dossier_list import CITIZEN, CODE, ID_NUMBER, STATE, WAIT
from ui.counter.dossier_tab import DossierTab
from ui.counter_window import CounterWindow
from ui.devices import DeviceLists

DAY = date(2025, 7, 1)  # T0 is 08:00 UTC that day: 15:00 in Vietnam


@pytest.fixture
def dossiers(services):
    store = services.store
    return {
        "an": submit(store, "Nguyễn Văn An", "001190000001", T0, first_contact=T0 - timedelta(minutes=5)),
        "binh": submit(store, "Trần Thị Bình", "001190000002", T0 + timedelta(minutes=1),
                       first_contact=T0 - timedelta(minutes=29)),
        "cuong": submit(store, "Lê Đức Cường", "001190000003", T0 - timedelta(days=1)),
    }


def make_window(qtbot, config, languages, services):
    window = CounterWindow(config, languages, DeviceLists(DeviceSetup()), services=services, officer="can-bo-01",
                           today=lambda: DAY)
    qtbot.addWidget(window)
    window.show()
    activate(window)
    return window


def shown(window, column=CITIZEN):
    model = window.model
    return [model.index(row, column).data() for row in range(model.rowCount())]


def search(qtbot, window, text):
    window.panel.search.setText(text)
    window.panel.apply()  # what the debounce does after a short pause
    qtbot.waitUntil(lambda: not window.model.loading, timeout=10_000)


def test_todays_dossiers_with_state_and_wait_then_search_filter_and_every_day(qtbot, config, languages, services,
                                                                               dossiers):
    languages.switch("vi")
    window = make_window(qtbot, config, languages, services)
    qtbot.waitUntil(lambda: window.model.rowCount() == 2, timeout=10_000)
    assert shown(window) == ["Trần Thị Bình", "Nguyễn Văn An"]  # newest first, today only
    assert shown(window, ID_NUMBER) == ["001190000002", "001190000001"]
    assert shown(window, STATE) == ["chờ gửi", "chờ gửi"]
    model = window.model
    assert model.index(1, WAIT).data() == "5 phút"
    alert = model.index(0, WAIT)
    assert alert.data() == "30 phút — quá thời hạn"  # over the 20 minutes: said in words and in colour
    assert alert.data(Qt.ItemDataRole.BackgroundRole) == QColor(dossier_list.ALERT_COLOURS[1])
    assert window.empty_note.text().startswith("Đang hiển thị 2 hồ sơ")

    search(qtbot, window, "tran thi binh")  # no marks typed: found all the same
    assert shown(window) == ["Trần Thị Bình"]
    search(qtbot, window, "001190000001")
    assert shown(window) == ["Nguyễn Văn An"]
    search(qtbot, window, "Cường")
    assert shown(window) == [] and window.empty_note.text() == "Không có hồ sơ nào phù hợp."
    window.panel.scope.setCurrentIndex(1)  # every day
    qtbot.waitUntil(lambda: not model.loading and model.rowCount() == 1, timeout=10_000)
    assert shown(window) == ["Lê Đức Cường"]
    search(qtbot, window, "")
    assert shown(window) == ["Trần Thị Bình", "Nguyễn Văn An", "Lê Đức Cường"]
    window.panel.badge.setCurrentIndex(window.panel.badge.findText("đã tiếp nhận"))
    qtbot.waitUntil(lambda: not model.loading, timeout=10_000)
    assert shown(window) == []
    languages.switch("en")
    assert window.panel.badge.currentText() == "accepted"


def test_the_relays_progress_changes_a_badge_in_place(qtbot, config, languages, services, dossiers):
    window = make_window(qtbot, config, languages, services)
    qtbot.waitUntil(lambda: window.model.rowCount() == 2, timeout=10_000)
    row = window.model.row_of(dossiers["an"].id)
    relay = threading.Thread(target=window.on_relay_progress, args=(dossiers["an"].id, Progress("uploading", 40)))
    relay.start()  # from the relay's own thread, as RelayService calls it
    relay.join()
    qtbot.waitUntil(lambda: window.model.index(row, STATE).data() == "sending 40 %", timeout=5_000)
    window.on_relay_progress(dossiers["an"].id, Progress("accepted", 100, code="000.00.13.H22-250701-0001"))
    qtbot.waitUntil(lambda: window.model.index(row, CODE).data() == "000.00.13.H22-250701-0001", timeout=5_000)
    assert window.model.index(row, STATE).data() == "accepted"


def test_enter_opens_a_dossier_with_its_history_in_its_own_tab(qtbot, config, languages, services, dossiers):
    window = make_window(qtbot, config, languages, services)
    qtbot.waitUntil(lambda: window.model.rowCount() == 2, timeout=10_000)
    window.show_list()
    table = window.panel.table
    table.setCurrentIndex(window.model.index(1, 0))
    qtbot.keyClick(table, Qt.Key.Key_Return)
    tab = window.tabs.currentWidget()
    assert isinstance(tab, DossierTab) and tab.dossier_id == dossiers["an"].id
    qtbot.waitUntil(lambda: tab.history.rowCount() > 0, timeout=10_000)
    assert "Nguyễn Văn An" in tab.summary.text() and "1.001193" in tab.summary.text()
    assert tab.components.count() == 2  # one scanned component and the optional one
    actions = [tab.history.item(row, 2).text() for row in range(tab.history.rowCount())]
    assert "submit" in " ".join(actions)
    table.setCurrentIndex(window.model.index(0, 0))
    qtbot.keyClick(table, Qt.Key.Key_Return)  # a second dossier beside the first
    qtbot.keyClick(table, Qt.Key.Key_Return)  # the same one again: its tab comes forward, no new one
    assert window.tabs.count() == 3
    qtbot.keyClick(window, Qt.Key.Key_W, Qt.KeyboardModifier.ControlModifier)
    assert window.tabs.count() == 2


def test_the_list_reads_a_page_at_a_time_as_the_officer_scrolls(qtbot, config, languages, services, monkeypatch):
    monkeypatch.setattr(dossier_list, "PAGE", 20)
    store = services.store
    for number in range(45):
        submit(store, f"Phạm Văn Số {number}", f"0011900{number:05d}", T0 + timedelta(seconds=number))
    reads = []
    rows = store.counter_rows

    def counted(search="", *, day=None, offset=0, limit=200):
        reads.append((offset, limit))
        return rows(search, day=day, offset=offset, limit=limit)

    monkeypatch.setattr(store, "counter_rows", counted)
    window = make_window(qtbot, config, languages, services)
    window.resize(1000, 400)  # a screenful is fewer rows than a page
    model = window.model
    qtbot.waitUntil(lambda: model.rowCount() == 20 and not model.loading, timeout=10_000)
    assert reads == [(0, 20)] and model.canFetchMore()
    window.panel.table.scrollToBottom()  # the view asks for more at the bottom
    qtbot.waitUntil(lambda: model.rowCount() == 40 and not model.loading, timeout=10_000)
    window.panel.table.scrollToBottom()
    qtbot.waitUntil(lambda: model.rowCount() == 45 and not model.loading, timeout=10_000)
    assert reads == [(0, 20), (20, 20), (40, 20)] and not model.canFetchMore()
    assert shown(window)[0] == "Phạm Văn Số 44" and shown(window)[-1] == "Phạm Văn Số 0"
    assert len({model.index(row, 0).data(dossier_list.DOSSIER_ID_ROLE) for row in range(45)}) == 45
