"""The counter window's frame: menus with their shortcuts, languages, the station's line, a sign-in page
in front of the work, and the officer the receptions are attributed to."""

from PySide6.QtCore import Qt, QThreadPool
from PySide6.QtWidgets import QLabel

from kiosk.devices import DeviceSetup
from tests.ui.counter_helpers import activate, close_services, store_services
from ui.counter_window import CounterWindow
from ui.devices import DeviceLists


def test_counter_menus_shortcuts_and_language(qtbot, config, languages):
    languages.switch("vi")
    window = CounterWindow(config, languages, DeviceLists(DeviceSetup()))
    qtbot.addWidget(window)
    window.show()
    activate(window)
    assert window.file_menu.title() == "&Tệp"
    assert window.empty_note.text() == "Chưa có hồ sơ nào trên máy này."
    assert "TEST-01" in window.station_status.text() and "06970" in window.station_status.text()
    shortcuts = {action.shortcut().toString() for menu in (window.file_menu, window.view_menu, window.help_menu)
                 for action in menu.actions() if not action.isSeparator()}
    assert {"Ctrl+N", "Ctrl+E", "Ctrl+W", "Ctrl+Q", "Ctrl+L", "Ctrl+F", "Ctrl+D", "F5", "F1"} <= shortcuts
    assert "(Ctrl+N)" in window.new_action.toolTip()  # the key is told where the action is

    qtbot.keyClick(window, Qt.Key.Key_E, Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier)
    assert window.file_menu.title() == "&File" and window.heading.text() == "Dossiers received at this station"
    assert window.language_actions["en"].isChecked()
    qtbot.keyClick(window, Qt.Key.Key_N, Qt.KeyboardModifier.ControlModifier)  # no store yet: said, nothing opens
    assert window.tabs.count() == 1 and "opening" in window.statusBar().currentMessage()

    with qtbot.waitSignal(window.destroyed, timeout=1000, raising=False):
        window.quit_action.trigger()
    assert not window.isVisible()


def test_a_sign_in_page_stands_in_front_of_the_work_and_sign_out_ends_the_receptions(qtbot, config, languages):
    services = store_services(config)
    try:
        window = CounterWindow(config, languages, DeviceLists(DeviceSetup()), services=services, officer="")
        qtbot.addWidget(window)
        front = QLabel("sign in")
        window.add_front_page(front)
        window.show_front_page(front)
        assert window.stack.currentWidget() is front and window.officer_status.text() == "No officer signed in"
        window.signed_in_as("can-bo-01")
        assert window.stack.currentWidget() is window.content and window.officer_status.text().endswith("Officer: can-bo-01")
        tab = window.new_reception()
        assert tab.intake.setup.received_by == "can-bo-01" and tab.intake.setup.channel == "counter"
        intake = tab.intake
        window.sign_out()
        assert window.tabs.count() == 1 and window.officer == ""
        qtbot.waitUntil(lambda: intake.ended is not None, timeout=10_000)
        QThreadPool.globalInstance().waitForDone(10_000)  # the end is audited on a worker: read after it
        ended_by = [row["actor"] for row in services.store.audit_log() if row["action"] == "intake_cancelled"]
        assert intake.ended.value == "cancelled" and ended_by == ["can-bo-01"]
    finally:
        close_services(services)
