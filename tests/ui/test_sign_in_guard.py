"""The counter window behind its sign-in page, as `kiosk start` builds it: a real store with real Argon2,
sign-in by keyboard, receptions attributed to the officer, sign-out by key and on idle, both audited."""

from PySide6.QtCore import Qt, QThreadPool

from kiosk.devices import DeviceSetup
from tests.ui.counter_helpers import activate, close_services, store_services
from ui.counter_window import CounterWindow
from ui.devices import DeviceLists
from ui.sign_in import SignInGuard, audit_recorder, authenticator

PASSWORD = "mot-mat-khau-dai"


def test_the_counter_opens_on_sign_in_and_closes_again_on_sign_out_and_on_idle(qtbot, config, languages):
    services = store_services(config)
    services.store.add_officer("lan.nt", "Nguyễn Thị Lan", "officer", PASSWORD)
    services.store.add_officer("hung.tv", "Trần Văn Hùng", "technician", PASSWORD)
    try:
        window = CounterWindow(config, languages, DeviceLists(DeviceSetup()), services=services, officer="")
        qtbot.addWidget(window)
        guard = SignInGuard(window, authenticator(config, "officer"), "officer", idle_minutes=1,
                            record=audit_recorder(config), languages=languages)
        window.show()
        activate(window)
        panel = guard.panel
        assert window.stack.currentWidget() is panel and not guard.sign_out_action.isEnabled()
        assert guard.sign_out_action in window.file_menu.actions()

        def sign_in(login):
            panel.login.setFocus()
            qtbot.keyClicks(panel.login, login)
            qtbot.keyClick(panel.login, Qt.Key.Key_Return)  # Enter moves on to the password
            qtbot.keyClicks(panel.password, PASSWORD)
            qtbot.keyClick(panel.password, Qt.Key.Key_Return)

        sign_in("hung.tv")  # a technician's account does not open the counter
        qtbot.waitUntil(lambda: "technician" in panel.message.text(), timeout=10_000)
        assert window.stack.currentWidget() is panel and window.officer == ""

        sign_in("lan.nt")
        qtbot.waitUntil(lambda: window.stack.currentWidget() is window.content, timeout=10_000)
        assert window.officer == "lan.nt" and guard.idle.is_running()
        assert window.new_reception().intake.setup.received_by == "lan.nt"

        qtbot.keyClick(window, Qt.Key.Key_L, Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier)
        assert window.stack.currentWidget() is panel and window.officer == "" and window.tabs.count() == 1
        assert panel.login.text() == "" and panel.password.text() == ""

        sign_in("lan.nt")
        qtbot.waitUntil(lambda: window.officer == "lan.nt", timeout=10_000)
        guard.idle.expired.emit()  # what `sign_out_idle_minutes` without input does
        assert window.stack.currentWidget() is panel and window.officer == ""
        QThreadPool.globalInstance().waitForDone(10_000)
        actions = [(row["actor"], row["action"]) for row in services.store.audit_log()
                   if row["action"].startswith("sign_")]
        assert actions == [("hung.tv", "sign_in_refused"), ("lan.nt", "sign_in"), ("lan.nt", "sign_out"),
                           ("lan.nt", "sign_in"), ("lan.nt", "sign_out_idle")]
    finally:
        close_services(services)


def test_diagnostics_open_to_a_technician_only(qtbot, config, languages):
    from ui.diagnostics_window import DiagnosticsWindow

    services = store_services(config)
    services.store.add_officer("lan.nt", "Nguyễn Thị Lan", "officer", PASSWORD)
    services.store.add_officer("hung.tv", "Trần Văn Hùng", "technician", PASSWORD)
    services.close()
    window = DiagnosticsWindow(config, languages, DeviceLists(DeviceSetup()))
    qtbot.addWidget(window)
    guard = SignInGuard(window, authenticator(config, "technician"), "technician", idle_minutes=1,
                        record=audit_recorder(config), languages=languages)
    window.show()
    panel = guard.panel
    for login in ("lan.nt", "hung.tv"):
        panel.login.setText(login)
        panel.password.setText(PASSWORD)
        panel.submit()
        if login == "lan.nt":  # an officer's account does not open diagnostics
            qtbot.waitUntil(lambda: "officer" in panel.message.text(), timeout=10_000)
            assert window.stack.currentWidget() is panel
    qtbot.waitUntil(lambda: window.stack.currentWidget() is window.content, timeout=10_000)
    assert window.windowTitle().endswith("Technician: hung.tv")
    guard.sign_out()
    assert window.stack.currentWidget() is panel and "hung.tv" not in window.windowTitle()
    QThreadPool.globalInstance().waitForDone(10_000)
