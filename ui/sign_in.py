"""The sign-in panel of the counter (officers) and diagnostics (technicians) windows.

The window supplies `authenticate(login, password) -> Officer`, a blocking call (it opens the store and
runs one Argon2 verify, about 90 ms) that raises `kiosk.store.SignInRefused`; it runs on a worker. Which
role may sign in is the core's decision (`Store.authenticate(..., role=...)`): the panel only words each
refusal. `IdleSignOut` (ui/idle.py) is what signs the person out again.
"""

from __future__ import annotations

import logging
import math
from datetime import datetime, timezone
from typing import Callable

from PySide6.QtCore import QEvent, QObject, Qt, QTimer, Signal
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import QFrame, QLabel, QLineEdit, QPushButton, QVBoxLayout, QWidget

from kiosk.config import Config
from kiosk.store import Officer, open_station_store
from ui.idle import IdleSignOut
from ui.workers import run_in_background

__all__ = ["SignInPanel", "SignInGuard", "IdleSignOut", "authenticator"]

log = logging.getLogger(__name__)

STYLE = """
QFrame#sign-in-form { background: #ffffff; border: 1px solid #c4c4c4; border-radius: 8px; }
#sign-in-form QLabel, #sign-in-form QLineEdit, #sign-in-form QPushButton { font-size: 18px; }
#sign-in-form QLineEdit, #sign-in-form QPushButton { min-height: 44px; }
#sign-in-form QLineEdit { padding: 0 8px; }
#sign-in-form QPushButton { padding: 0 24px; }
#sign-in-form QLabel#sign-in-title { font-size: 26px; font-weight: bold; }
#sign-in-form QLabel#sign-in-role { color: #444444; }
#sign-in-form QLabel#sign-in-message[problem="true"] { color: #a30000; }
"""


def authenticator(config: Config, role: str) -> Callable[[str, str], Officer]:
    """The blocking `authenticate(login, password)` a window gives its panel: the station's store, opened
    on the worker that calls it, with the configured attempts and lockout, for `role` only."""
    def authenticate(login: str, password: str) -> Officer:
        with open_station_store(config) as store:
            return store.authenticate(login, password, role=role, max_attempts=config.sign_in_attempts,
                                      lockout_minutes=config.lockout_minutes)

    return authenticate


def audit_recorder(config: Config) -> Callable[[str, str], None]:
    """A blocking `record(action, actor)` into the station's audit log (run on a worker)."""
    def record(action: str, actor: str) -> None:
        with open_station_store(config) as store:
            store.record(action, actor=actor)

    return record


class SignInGuard(QObject):
    """Keeps a window's work behind the sign-in panel: at start, after "Sign out" (Ctrl+Shift+L) and after
    `idle_minutes` without input. The window provides `add_front_page`, `show_front_page`,
    `signed_in_as(login)` (shows its work) and `sign_out()` (ends what the officer had open); a sign-out
    is audited under the login that signed out."""

    def __init__(self, window: QWidget, authenticate: Callable[[str, str], Officer], role: str,
                 idle_minutes: float, record: Callable[[str, str], None] | None = None, languages=None) -> None:
        super().__init__(window)
        self.window = window
        self.login: str | None = None
        self._record = record
        self.panel = SignInPanel(authenticate, role)
        window.add_front_page(self.panel)
        self.idle = IdleSignOut(idle_minutes, parent=self)
        self.idle.expired.connect(self._idle)
        self.panel.signed_in.connect(self._signed_in)
        self.sign_out_action = QAction(window, shortcut=QKeySequence("Ctrl+Shift+L"), enabled=False,
                                       triggered=self.sign_out)
        window.addAction(self.sign_out_action)
        menu = getattr(window, "file_menu", None)
        if menu is not None:
            menu.insertAction(menu.actions()[-1] if menu.actions() else None, self.sign_out_action)
        if languages is not None:
            languages.changed.connect(self.retranslate)
        self.retranslate()
        self._show_panel()

    def _show_panel(self) -> None:
        self.panel.reset()
        self.window.show_front_page(self.panel)
        self.panel.login.setFocus()

    def _signed_in(self, officer: Officer) -> None:
        self.login = officer.login
        self.sign_out_action.setEnabled(True)
        self.window.signed_in_as(officer.login)
        self.idle.start()

    def _idle(self) -> None:
        self.sign_out(idle=True)

    def sign_out(self, idle: bool = False) -> None:
        login, self.login = self.login, None
        self.idle.stop()
        self.sign_out_action.setEnabled(False)
        self.window.sign_out()
        self._show_panel()
        if login and self._record is not None:
            action = "sign_out_idle" if idle else "sign_out"
            run_in_background(lambda: self._record(action, login), lambda _done: None,
                              lambda error: log.error("sign-out not audited: %s", error.__class__.__name__), self)

    def retranslate(self) -> None:
        self.sign_out_action.setText(self.tr("Sign &out"))
        self.sign_out_action.setToolTip(self.tr("Sign out (Ctrl+Shift+L)"))


class SignInPanel(QWidget):
    """Login, password, a Sign in button (Enter in either field works); `signed_in(Officer)` on success.

    `role` ('officer' or 'technician') only words the panel; the window's `authenticate` enforces it.
    The password field is emptied at every attempt. While an account is locked, the time left is shown
    and counts down."""

    signed_in = Signal(object)

    def __init__(self, authenticate: Callable[[str, str], Officer], role: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        if role not in ("officer", "technician"):
            raise ValueError("role is officer or technician")
        self.setObjectName("sign-in")
        self.setStyleSheet(STYLE)
        self._authenticate = authenticate
        self.role = role
        self._busy = False
        self._message: tuple = ()  # what the message line says, kept to re-word it in another language
        self._locked_until: datetime | None = None

        form = QFrame(objectName="sign-in-form")
        form.setMinimumWidth(420)
        form.setMaximumWidth(520)
        self.title = QLabel(objectName="sign-in-title")
        self.role_label = QLabel(objectName="sign-in-role", wordWrap=True)
        self.login_label = QLabel(objectName="login-label")
        self.login = QLineEdit(objectName="login")
        self.login.setMaxLength(64)
        self.login.setInputMethodHints(Qt.InputMethodHint.ImhNoAutoUppercase | Qt.InputMethodHint.ImhLatinOnly)
        self.login_label.setBuddy(self.login)
        self.password_label = QLabel(objectName="password-label")
        self.password = QLineEdit(objectName="password", echoMode=QLineEdit.EchoMode.Password)
        self.password.setMaxLength(256)
        self.password_label.setBuddy(self.password)
        self.button = QPushButton(objectName="sign-in-button")
        self.button.setDefault(True)
        self.message = QLabel(objectName="sign-in-message", wordWrap=True)
        self.message.setMinimumHeight(60)  # two lines: the form does not jump when a message appears

        column = QVBoxLayout(form)
        column.setContentsMargins(32, 24, 32, 24)
        column.setSpacing(12)
        column.addWidget(self.title)
        column.addWidget(self.role_label)
        column.addSpacing(8)
        for widget in (self.login_label, self.login, self.password_label, self.password):
            column.addWidget(widget)
        column.addSpacing(8)
        column.addWidget(self.button)
        column.addWidget(self.message)
        outer = QVBoxLayout(self)
        outer.addStretch(1)
        outer.addWidget(form, 0, Qt.AlignmentFlag.AlignHCenter)
        outer.addStretch(2)

        self.login.returnPressed.connect(self._login_entered)
        self.password.returnPressed.connect(self.submit)
        self.button.clicked.connect(self.submit)
        self.login.textEdited.connect(self._login_edited)
        self._lock_timer = QTimer(self, interval=1000)
        self._lock_timer.timeout.connect(self._show_lock)
        self.retranslate()

    # what the person does

    def reset(self) -> None:
        """Back to empty fields and no message (after a sign-out), the cursor in the login field."""
        self.login.clear()
        self.password.clear()
        self._lock_timer.stop()
        self._locked_until = None
        self._say()
        self.login.setFocus()

    def _login_entered(self) -> None:
        if self.password.text():
            self.submit()
        else:
            self.password.setFocus()

    def _login_edited(self) -> None:
        if self._message and self._message[0] in ("locked", "unlocked"):  # another account now
            self._lock_timer.stop()
            self._say()

    def submit(self) -> None:
        if self._busy:
            return
        login, password = self.login.text().strip(), self.password.text()
        self.password.clear()
        if not login:
            self._say("no_login", problem=True)
            self.login.setFocus()
            return
        if not password:
            self._say("no_password", problem=True)
            self.password.setFocus()
            return
        self._lock_timer.stop()
        self._set_busy(True)
        self._say("checking")
        authenticate = self._authenticate
        run_in_background(lambda: authenticate(login, password), self._accepted, self._refused, self)

    def _set_busy(self, busy: bool) -> None:
        self._busy = busy
        for widget in (self.login, self.password, self.button):
            widget.setEnabled(not busy)

    def _accepted(self, officer: Officer) -> None:
        self._set_busy(False)
        self._say()
        self.signed_in.emit(officer)

    def _refused(self, error: Exception) -> None:
        self._set_busy(False)
        code = getattr(error, "code", None)
        if code == "sign_in.locked" and getattr(error, "until", None) is not None:
            self._locked_until = error.until
            self._show_lock()
            self._lock_timer.start()
        elif code in ("sign_in.wrong", "sign_in.disabled", "sign_in.wrong_role"):
            self._say(code.removeprefix("sign_in."), problem=True)
        else:  # the store cannot be opened, or a bug: its message has no personal data
            log.warning("sign-in failed: %s", error.__class__.__name__)
            self._say("unavailable", str(error), problem=True)
        if code in ("sign_in.disabled", "sign_in.wrong_role"):
            self.login.setFocus()
            self.login.selectAll()
        else:
            self.password.setFocus()

    def _show_lock(self) -> None:
        left = (self._locked_until - datetime.now(timezone.utc)).total_seconds() if self._locked_until else 0
        if left > 0:
            self._say("locked", max(1, math.ceil(left / 60)), problem=True)
        else:
            self._lock_timer.stop()
            self._say("unlocked")

    # words

    def _say(self, *message, problem: bool = False) -> None:
        self._message = message
        self.message.setProperty("problem", problem)
        self.message.style().unpolish(self.message)
        self.message.style().polish(self.message)
        self._word_message()

    def _word_message(self) -> None:
        key, *args = self._message or ("",)
        wrong_role = (self.tr("This is a technician's account: technicians sign in in diagnostics mode.")
                      if self.role == "officer" else
                      self.tr("This is a counter officer's account: only technicians sign in here."))
        texts = {
            "": "",
            "no_login": self.tr("Type your login."),
            "no_password": self.tr("Type your password."),
            "checking": self.tr("Checking…"),
            "wrong": self.tr("Wrong login or password."),
            "disabled": self.tr("This account is disabled. Ask the station's administrator."),
            "wrong_role": wrong_role,
            "unlocked": self.tr("The lock is over: you can sign in again."),
        }
        if key == "locked":
            text = self.tr("Too many wrong passwords: this account is locked. Try again in %n minute(s).", "", args[0])
        elif key == "unavailable":
            text = self.tr("Sign-in is not available: %1").replace("%1", args[0])
        else:
            text = texts[key]
        self.message.setText(text)
        self.message.setAccessibleName(text or self.tr("Sign-in messages"))

    def retranslate(self) -> None:
        self.title.setText(self.tr("Sign in"))
        self.role_label.setText(self.tr("For counter officers") if self.role == "officer"
                                else self.tr("For technicians (diagnostics)"))
        self.login_label.setText(self.tr("&Login"))
        self.password_label.setText(self.tr("&Password"))
        self.login.setAccessibleName(self.tr("Login"))
        self.password.setAccessibleName(self.tr("Password"))
        self.button.setText(self.tr("Sign in"))
        self.button.setAccessibleName(self.tr("Sign in"))
        self._word_message()

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
        super().changeEvent(event)
