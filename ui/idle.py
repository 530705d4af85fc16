"""Idle timers: the kiosk's (a visible countdown, then the session is wiped) and the sign-out of an
officer or technician who left the counter or diagnostics window."""

from __future__ import annotations

import time

from PySide6.QtCore import QCoreApplication, QEvent, QObject, QTimer, Signal

_ACTIVITY = {
    QEvent.Type.MouseButtonPress, QEvent.Type.MouseMove, QEvent.Type.KeyPress, QEvent.Type.Wheel,
    QEvent.Type.TouchBegin, QEvent.Type.TouchUpdate,
}


class IdleTimer(QObject):
    """Watches every input event of the application while armed.

    `countdown(seconds_left)` is emitted each second of the last `warning` seconds, `activity()` when
    a person touches the screen during the countdown, and `expired()` once at the end.
    """

    countdown = Signal(int)
    activity = Signal()
    expired = Signal()

    def __init__(self, app, timeout: float, warning: float = 20.0, clock=time.monotonic, parent=None) -> None:
        super().__init__(parent)
        self.timeout = timeout
        self.warning = min(warning, timeout)
        self._clock = clock
        self._last_input = clock()
        self._armed = False
        self._counting = False
        self._timer = QTimer(self)
        self._timer.setInterval(250)
        self._timer.timeout.connect(self.tick)
        app.installEventFilter(self)

    def arm(self) -> None:
        self._armed = True
        self.touch()
        self._timer.start()

    def disarm(self) -> None:
        self._armed = False
        self._counting = False
        self._timer.stop()

    def touch(self) -> None:
        self._last_input = self._clock()
        if self._counting:
            self._counting = False
            self.activity.emit()

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if self._armed and event.type() in _ACTIVITY:
            self.touch()
        return False

    def tick(self) -> None:
        if not self._armed:
            return
        left = self.timeout - (self._clock() - self._last_input)
        if left <= 0:
            self.disarm()
            self.expired.emit()
        elif left <= self.warning:
            self._counting = True
            self.countdown.emit(int(left + 0.999))


class IdleSignOut(QObject):
    """Emits `expired` once after `minutes` (config `sign_out_idle_minutes`) with no key press, mouse or
    touch anywhere in the application while started; any input starts the wait again. No countdown: an
    officer who comes back signs in again, nothing is lost. `start()` when someone signs in, `stop()`
    when they sign out."""

    expired = Signal()

    def __init__(self, minutes: float, app: QCoreApplication | None = None, clock=time.monotonic,
                 parent: QObject | None = None) -> None:
        super().__init__(parent)
        if minutes <= 0:
            raise ValueError("the idle time before signing out is a positive number of minutes")
        self.minutes = minutes
        self._timer = IdleTimer(app or QCoreApplication.instance(), minutes * 60, warning=0, clock=clock, parent=self)
        self._timer.expired.connect(self.expired)

    def start(self) -> None:
        self._timer.arm()

    def stop(self) -> None:
        self._timer.disarm()

    def is_running(self) -> bool:
        return self._timer._armed
