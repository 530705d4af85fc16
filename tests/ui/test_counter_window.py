import warnings

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication

from kiosk.devices import DeviceSetup
from ui.counter_window import CounterWindow
from ui.devices import DeviceLists


def test_counter_menus_shortcuts_and_language(qtbot, config, languages):
    languages.switch("vi")
    window = CounterWindow(config, languages, DeviceLists(DeviceSetup()))
    qtbot.addWidget(window)
    window.show()
    with warnings.catch_warnings(category=DeprecationWarning, action="ignore"):
        QApplication.setActiveWindow(window)  # offscreen has no window manager to activate it; shortcuts need it
    assert window.file_menu.title() == "&Tệp"
    assert window.empty_note.text() == "Chưa có hồ sơ nào trên máy này."
    assert "TEST-01" in window.station_status.text() and "06970" in window.station_status.text()
    assert window.quit_action.shortcut().toString() == "Ctrl+Q"
    assert window.refresh_action.shortcut().toString() == "F5"

    qtbot.keyClick(window, Qt.Key.Key_E, Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier)
    assert window.file_menu.title() == "&File" and window.heading.text() == "Dossiers received at this station"
    assert window.language_actions["en"].isChecked()

    with qtbot.waitSignal(window.destroyed, timeout=1000, raising=False):
        window.quit_action.trigger()
    assert not window.isVisible()


def test_counter_lists_the_stores_dossiers_with_their_state(qtbot, config, languages):
    from kiosk.store import open_store
    from tests.sync.factories import Clock, submitted
    from ui.app import _dossier_rows

    with open_store(config.store_dir, config.key_dir, config.station_id) as store:
        submitted(store, Clock())
    languages.switch("vi")
    window = CounterWindow(config, languages, DeviceLists(DeviceSetup()), dossier_source=lambda: _dossier_rows(config))
    qtbot.addWidget(window)
    window.refresh()
    qtbot.waitUntil(lambda: window.dossiers.rowCount() == 1, timeout=10_000)
    row = [window.dossiers.item(0, column).text() for column in range(5)]
    assert row[1:4] == ["Nguyễn Thị Hồng Nhung", "1.001193", "chờ gửi"]
    assert window.empty_note.text() == ""
    languages.switch("en")
    assert window.dossiers.item(0, 3).text() == "waiting to be sent"
