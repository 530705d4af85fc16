"""The sign-in panel on a real store (real Argon2 on a worker), and the idle sign-out."""

import os
import warnings
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QVBoxLayout, QWidget

from kiosk.config import load_config
from kiosk.store import FileKeyStore, Store, open_store as open_station_store
from tests.conftest import write_config
from tests.ui.accessibility import check
from ui.sign_in import IdleSignOut, SignInPanel, authenticator

PASSWORD = "mật khẩu rất dài 7"


@pytest.fixture
def open_store(tmp_path):
    return lambda: Store(tmp_path / "store", FileKeyStore(tmp_path / "keys"), station_id="TEST-01")


@pytest.fixture
def accounts(open_store):
    with open_store() as store:
        store.add_officer("lan.nt", "Nguyễn Thị Lan", "officer", PASSWORD)
        store.add_officer("hung.tv", "Trần Văn Hùng", "technician", PASSWORD)
        store.add_officer("mai.pt", "Phạm Thị Mai", "officer", PASSWORD)
        store.disable_officer("mai.pt")
    return open_store


@pytest.fixture
def panel_for(qtbot):
    hosts = []  # qtbot holds its widgets weakly: the test keeps its windows

    def make(open_store, role="officer", calls=None):
        panel, host = plain_window_with_panel(qtbot, open_store, role, calls)
        hosts.append(host)
        return panel

    yield make
    hosts.clear()


def plain_window_with_panel(qtbot, open_store, role="officer", calls=None):
    """The panel as a window would make it: `authenticate` opens the store on the worker that runs it."""
    def authenticate(login, password):
        if calls is not None:
            calls.append(login)
        with open_store() as store:
            return store.authenticate(login, password, role=role)

    host = QWidget()  # a plain window, as the counter and diagnostics windows will hold it
    panel = SignInPanel(authenticate, role, host)
    QVBoxLayout(host).addWidget(panel)
    host.resize(640, 560)
    qtbot.addWidget(host)
    host.show()
    qtbot.waitExposed(host)
    with warnings.catch_warnings(category=DeprecationWarning, action="ignore"):
        QApplication.setActiveWindow(host)  # offscreen has no window manager to activate it; focus needs it
    panel.login.setFocus()
    return panel, host


def attempt(qtbot, panel, login, password, key=Qt.Key.Key_Return):
    panel.login.setText(login)
    panel.password.setText(password)  # QTest types ASCII only
    qtbot.keyClick(panel.password, key)
    qtbot.waitUntil(lambda: panel.button.isEnabled(), timeout=10_000)
    assert panel.password.text() == ""  # emptied at every attempt


def test_a_right_password_emits_signed_in_with_the_officer(qtbot, panel_for, accounts):
    panel = panel_for(accounts)
    qtbot.keyClicks(panel.login, "lan.nt")
    qtbot.keyClick(panel.login, Qt.Key.Key_Return)  # Enter in the login field moves to the password
    assert panel.password.hasFocus()
    panel.password.setText(PASSWORD)
    with qtbot.waitSignal(panel.signed_in, timeout=10_000) as signed:
        qtbot.keyClick(panel.password, Qt.Key.Key_Return)
    officer = signed.args[0]
    assert (officer.login, officer.display_name, officer.role) == ("lan.nt", "Nguyễn Thị Lan", "officer")
    assert panel.password.text() == "" and panel.message.text() == ""


def test_the_button_signs_in_too(qtbot, panel_for, accounts):
    panel = panel_for(accounts, role="technician")
    panel.login.setText("hung.tv")
    panel.password.setText(PASSWORD)
    with qtbot.waitSignal(panel.signed_in, timeout=10_000) as signed:
        qtbot.mouseClick(panel.button, Qt.MouseButton.LeftButton)
    assert signed.args[0].role == "technician"


def test_a_wrong_password_and_an_unknown_login_get_the_same_message(qtbot, panel_for, accounts, languages):
    languages.switch("vi")
    panel = panel_for(accounts)
    with qtbot.assertNotEmitted(panel.signed_in):
        attempt(qtbot, panel, "lan.nt", "not the password")
        assert panel.message.text() == "Sai tên đăng nhập hoặc mật khẩu."
        attempt(qtbot, panel, "nobody", PASSWORD)
        assert panel.message.text() == "Sai tên đăng nhập hoặc mật khẩu."
    assert panel.password.hasFocus()
    languages.switch("en")
    qtbot.waitUntil(lambda: panel.message.text() == "Wrong login or password.", timeout=2000)


def test_five_wrong_passwords_show_the_lockout_and_its_time_left(qtbot, panel_for, accounts, languages):
    languages.switch("vi")
    panel = panel_for(accounts)
    for _ in range(4):
        attempt(qtbot, panel, "lan.nt", "not the password")
        assert panel.message.text() == "Sai tên đăng nhập hoặc mật khẩu."
    attempt(qtbot, panel, "lan.nt", "not the password")
    locked = "Nhập sai mật khẩu quá nhiều lần: tài khoản tạm bị khóa. Vui lòng thử lại sau 15 phút."
    assert panel.message.text() == locked
    attempt(qtbot, panel, "lan.nt", PASSWORD)  # the right password waits for the end of the lock
    assert panel.message.text() == locked
    qtbot.keyClicks(panel.login, "x")  # another login: the lock of lan.nt is not this one's
    assert panel.message.text() == ""


def test_disabled_accounts_and_the_other_role_are_named(qtbot, panel_for, accounts, languages):
    languages.switch("vi")
    panel = panel_for(accounts)
    attempt(qtbot, panel, "mai.pt", PASSWORD)
    assert panel.message.text() == "Tài khoản này đã bị vô hiệu hóa. Vui lòng liên hệ quản trị viên của trạm."
    attempt(qtbot, panel, "hung.tv", PASSWORD)
    assert panel.message.text() == "Đây là tài khoản kỹ thuật viên: kỹ thuật viên đăng nhập ở chế độ chẩn đoán."
    assert panel.login.hasFocus() and panel.login.selectedText() == "hung.tv"
    diagnostics = panel_for(accounts, role="technician")
    attempt(qtbot, diagnostics, "lan.nt", PASSWORD)
    assert diagnostics.message.text() == ("Đây là tài khoản cán bộ tiếp nhận: chỉ kỹ thuật viên đăng nhập "
                                          "tại đây.")


def test_empty_fields_are_asked_for_without_a_check(qtbot, panel_for, accounts):
    calls = []
    panel = panel_for(accounts, calls=calls)
    qtbot.mouseClick(panel.button, Qt.MouseButton.LeftButton)
    assert panel.message.text() == "Type your login." and panel.login.hasFocus()
    panel.login.setText("lan.nt")
    qtbot.mouseClick(panel.button, Qt.MouseButton.LeftButton)
    assert panel.message.text() == "Type your password." and panel.password.hasFocus()
    assert calls == []


def test_a_store_that_cannot_be_opened_is_reported(qtbot, tmp_path):
    def broken(login, password):
        with Store(tmp_path / "store", FileKeyStore(tmp_path / "other-keys"), station_id="TEST-01"):
            raise AssertionError("unreachable")

    with Store(tmp_path / "store", FileKeyStore(tmp_path / "keys"), station_id="TEST-01"):
        pass
    host = QWidget()
    panel = SignInPanel(broken, "officer", host)
    qtbot.addWidget(host)
    host.show()
    attempt(qtbot, panel, "lan.nt", PASSWORD)
    assert panel.message.text().startswith("Sign-in is not available: the station key does not open this store")


def test_idle_sign_out_fires_after_the_idle_time(qtbot, qapp):
    idle = IdleSignOut(minutes=0.005, app=qapp)  # 0.3 s
    idle.start()
    assert idle.is_running()
    with qtbot.waitSignal(idle.expired, timeout=10_000):
        pass
    assert not idle.is_running()  # once: the window signs out and starts it again at the next sign-in


def test_input_starts_the_idle_wait_again(qtbot, qapp, clock):
    field = QWidget()
    qtbot.addWidget(field)
    field.show()
    idle = IdleSignOut(minutes=10, app=qapp, clock=clock)
    idle.start()
    clock.now += 9 * 60
    qtbot.keyClick(field, Qt.Key.Key_A)
    clock.now += 9 * 60
    with qtbot.assertNotEmitted(idle.expired, wait=600):  # a few ticks of its timer
        pass
    clock.now += 60
    with qtbot.waitSignal(idle.expired, timeout=10_000):
        pass
    idle.stop()
    with pytest.raises(ValueError):
        IdleSignOut(minutes=0, app=qapp)


@pytest.mark.parametrize("language", ["vi", "en"])
def test_screenshot_and_accessibility_of_the_panel(qtbot, panel_for, accounts, languages, language, tmp_path):
    languages.switch(language)
    panel = panel_for(accounts)
    attempt(qtbot, panel, "lan.nt", "not the password")
    panel.login.setText("lan.nt")
    check(panel.window())
    folder = Path(os.environ.get("KIOSK_SCREENSHOTS") or tmp_path)
    folder.mkdir(parents=True, exist_ok=True)
    target = folder / f"sign-in-{language}.png"
    assert panel.window().grab().save(str(target))
    assert target.stat().st_size > 0


def test_the_stations_authenticator_uses_its_store_role_and_lockout(qtbot, panel_for, tmp_path):
    config = load_config(write_config(tmp_path, key_dir=str(tmp_path / "keys"), sign_in_attempts=3,
                                      lockout_minutes=2), env={})
    with open_station_store(config.store_dir, config.key_dir, config.station_id) as store:
        store.add_officer("lan.nt", "Nguyễn Thị Lan", "officer", PASSWORD)
    host = QWidget()
    panel = SignInPanel(authenticator(config, "technician"), "technician", host)
    qtbot.addWidget(host)
    host.show()
    attempt(qtbot, panel, "lan.nt", PASSWORD)
    assert panel.message.text() == "This is a counter officer's account: only technicians sign in here."
    for _ in range(3):
        attempt(qtbot, panel, "lan.nt", "not the password")
    assert panel.message.text() == "Too many wrong passwords: this account is locked. Try again in 2 minute(s)."
    officer_panel = SignInPanel(authenticator(config, "officer"), "officer", host)
    with open_station_store(config.store_dir, config.key_dir, config.station_id) as store:
        store.reset_password("lan.nt", PASSWORD + "!")  # unlocks
    officer_panel.login.setText("lan.nt")
    officer_panel.password.setText(PASSWORD + "!")
    with qtbot.waitSignal(officer_panel.signed_in, timeout=10_000) as signed:
        officer_panel.submit()
    assert signed.args[0].login == "lan.nt"


def test_the_end_of_a_lock_is_shown(qtbot, languages):
    from datetime import datetime, timedelta, timezone

    from kiosk.store import SignInRefused

    def locked_for_a_moment(login, password):
        until = datetime.now(timezone.utc) + timedelta(seconds=1)
        raise SignInRefused("sign_in.locked", "locked", until)

    languages.switch("vi")
    host = QWidget()
    panel = SignInPanel(locked_for_a_moment, "officer", host)
    qtbot.addWidget(host)
    host.show()
    attempt(qtbot, panel, "lan.nt", PASSWORD)
    assert panel.message.text().endswith("Vui lòng thử lại sau 1 phút.")
    qtbot.waitUntil(lambda: panel.message.text() == "Đã hết thời gian tạm khóa: bạn có thể đăng nhập lại.",
                    timeout=10_000)
