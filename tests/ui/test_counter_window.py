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
