"""A dossier whose stored rows fail their integrity check (kiosk/store/rowmacs.py), at the counter, on a
real store tampered with by SQL: the list shows it with its own badge, colour and explanation; opening
it shows the explanation instead of an error; the other dossiers still open; the relay's DAMAGED has
its own words."""

from __future__ import annotations

import os
import sqlite3
from datetime import date, timedelta
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QColor

from kiosk.devices import DeviceSetup
from sync.relay import DAMAGED, Progress
from tests.store.conftest import T0
from tests.ui.accessibility import contrast_ratio
from tests.ui.counter_helpers import activate, submit
from ui.counter import dossier_list
from ui.counter.dossier_list import CITIZEN, STATE
from ui.counter.dossier_tab import DossierTab
from ui.counter_window import CounterWindow
from ui.devices import DeviceLists

DAY = date(2025, 7, 1)  # T0 is 08:00 UTC that day: 15:00 in Vietnam
BADGE_VI = "bị sửa đổi hoặc hỏng"
WARNING_VI = "không vượt qua kiểm tra toàn vẹn"


@pytest.fixture
def dossiers(services):
    store = services.store
    made = {"forged": submit(store, "Nguyễn Văn An", "001190000001", T0),
            "sound": submit(store, "Trần Thị Bình", "001190000002", T0 + timedelta(minutes=1)),
            "other": submit(store, "Lê Đức Cường", "001190000003", T0 + timedelta(minutes=2))}
    # what someone who can write the database file does: marks a queued dossier accepted (never sent)
    conn = sqlite3.connect(store.path)
    with conn:
        conn.execute("UPDATE dossiers SET state = 'accepted' WHERE id = ?", (made["forged"].id,))
    conn.close()
    return made


def make_window(qtbot, config, languages, services):
    window = CounterWindow(config, languages, DeviceLists(DeviceSetup()), services=services, officer="can-bo-01",
                           today=lambda: DAY)
    qtbot.addWidget(window)
    window.resize(1280, 800)
    window.show()
    activate(window)
    qtbot.waitUntil(lambda: window.model.rowCount() == 3, timeout=10_000)
    return window


def open_row(qtbot, window, dossier_id) -> DossierTab:
    window.show_list()
    table = window.panel.table
    table.setCurrentIndex(window.model.index(window.model.row_of(dossier_id), 0))
    qtbot.keyClick(table, Qt.Key.Key_Return)
    tab = window.tabs.currentWidget()
    assert isinstance(tab, DossierTab) and tab.dossier_id == dossier_id
    return tab


def screenshots(tmp_path) -> Path:
    folder = Path(os.environ.get("KIOSK_SCREENSHOTS") or tmp_path)
    folder.mkdir(parents=True, exist_ok=True)
    return folder


def test_a_tampered_dossier_is_badged_explained_and_opens_to_the_warning(qtbot, config, languages, services,
                                                                          dossiers, tmp_path):
    languages.switch("vi")
    window = make_window(qtbot, config, languages, services)
    model = window.model
    forged = model.index(model.row_of(dossiers["forged"].id), STATE)
    assert forged.data() == BADGE_VI  # not "đã tiếp nhận", which its forged state says
    assert WARNING_VI in forged.data(Qt.ItemDataRole.ToolTipRole)
    assert "kiosk store check" in forged.data(Qt.ItemDataRole.ToolTipRole)
    text, background = (forged.data(role) for role in (Qt.ItemDataRole.ForegroundRole,
                                                       Qt.ItemDataRole.BackgroundRole))
    assert background == QColor(dossier_list.BADGE_COLOURS["damaged"][1])
    assert contrast_ratio(text, background) >= 4.5
    others = {colours for badge, colours in dossier_list.BADGE_COLOURS.items() if badge != "damaged"}
    assert dossier_list.BADGE_COLOURS["damaged"] not in others  # told apart from a refusal at a glance
    sound = model.index(model.row_of(dossiers["sound"].id), STATE)
    assert sound.data() == "chờ gửi" and WARNING_VI not in sound.data(Qt.ItemDataRole.ToolTipRole)
    window.panel.table.setCurrentIndex(model.index(model.row_of(dossiers["sound"].id), 0))
    qtbot.wait(50)
    assert window.grab().save(str(screenshots(tmp_path) / "counter-vi-damaged-list.png"))

    tab = open_row(qtbot, window, dossiers["forged"].id)
    qtbot.waitUntil(lambda: tab.damaged, timeout=10_000)
    assert WARNING_VI in tab.summary.text() and "kiosk store check" in tab.summary.text()
    assert "Nguyễn Văn An" not in tab.summary.text() and tab.history.rowCount() == 0
    assert tab.components.isHidden() and not tab.history.isVisible()  # nothing of it can be believed
    qtbot.wait(50)  # the layout settles around the hidden parts before the photograph
    assert window.grab().save(str(screenshots(tmp_path) / "counter-vi-damaged-dossier.png"))
    languages.switch("en")  # the warning follows the language
    assert "failed its integrity check" in tab.summary.text()
    assert model.index(forged.row(), STATE).data() == "data altered or damaged"

    for name in ("sound", "other"):  # the officer goes on with the others
        opened = open_row(qtbot, window, dossiers[name].id)
        qtbot.waitUntil(lambda: opened.history.rowCount() > 0, timeout=10_000)
        assert not opened.damaged and dossiers[name].citizen.full_name in opened.summary.text()
    assert window.tabs.indexOf(tab) >= 0 and tab.damaged


def test_the_state_filter_finds_the_damaged_dossiers(qtbot, config, languages, services, dossiers):
    window = make_window(qtbot, config, languages, services)
    window.panel.badge.setCurrentIndex(window.panel.badge.findText("data altered or damaged"))
    qtbot.waitUntil(lambda: not window.model.loading and window.model.rowCount() == 1, timeout=10_000)
    assert window.model.index(0, CITIZEN).data() == "Nguyễn Văn An"


def test_the_relays_damaged_has_its_own_words_and_nothing_else_overrides_it(qtbot, config, languages, services,
                                                                            dossiers):
    languages.switch("vi")
    window = make_window(qtbot, config, languages, services)
    model = window.model
    sound, forged = model.row_of(dossiers["sound"].id), model.row_of(dossiers["forged"].id)
    window.on_relay_progress(dossiers["sound"].id, Progress(DAMAGED, reason="document x: its content"))
    qtbot.waitUntil(lambda: model.index(sound, STATE).data() == BADGE_VI, timeout=5_000)
    assert WARNING_VI in model.index(sound, STATE).data(Qt.ItemDataRole.ToolTipRole)
    window.on_relay_progress(dossiers["forged"].id, Progress("accepted", 100, code="000.00.13.H22-250701-0001"))
    window.on_relay_progress(dossiers["other"].id, Progress("uploading", 40))
    qtbot.waitUntil(lambda: model.index(model.row_of(dossiers["other"].id), STATE).data() == "đang gửi 40 %",
                    timeout=5_000)  # the signals arrive in order: the forged one's came before
    assert model.index(forged, STATE).data() == BADGE_VI
