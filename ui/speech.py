"""The kiosk's spoken mode for blind or low-literacy citizens: on and off, what to say, and the two tactile
ways to start it — a long press on a button, or the keypad's asterisk key.

SpeechControl holds a drivers.speech.Speaker. Each call starts or kills an espeak-ng process and returns
at once (stop() waits at most half a second for one that ignores SIGTERM), so it runs on the GUI thread.
"""

from __future__ import annotations

import logging

from PySide6.QtCore import QEvent, QObject, Qt, QTimer, Signal
from PySide6.QtWidgets import QPushButton, QWidget

from drivers.speech import Speaker, SpeechError

log = logging.getLogger(__name__)

LONG_PRESS_MS = 1500
TOGGLE_KEY = Qt.Key.Key_Asterisk


class SpeechControl(QObject):
    """Speech on or off for the visit, and the text of each screen spoken while on.

    `toggled(bool)` follows every change of `enabled`; `failed(code)` carries a drivers.speech code
    (speech.missing, speech.voice_missing, speech.failed) when a text could not be spoken.
    """

    toggled = Signal(bool)
    failed = Signal(str)

    def __init__(self, speaker: Speaker | None = None, *, language: str = "vi", enabled: bool = False,
                 parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.speaker = speaker if speaker is not None else Speaker()
        self.language = language
        self._enabled = enabled

    @property
    def enabled(self) -> bool:
        return self._enabled

    def set_enabled(self, enabled: bool) -> None:
        if enabled == self._enabled:
            return
        self._enabled = enabled
        if not enabled:
            self.speaker.stop()
        log.info("speech %s", "on" if enabled else "off")
        self.toggled.emit(enabled)

    def toggle(self) -> None:
        self.set_enabled(not self._enabled)

    def set_language(self, language: str) -> None:
        """The language of the texts that follow ("vi" or "en"), as the citizen switches it."""
        self.language = language

    def speak(self, text: str, language: str | None = None) -> bool:
        """Speaks `text` in place of what is being spoken, if speech is on. False if off or failed."""
        if not self._enabled:
            return False
        return self._run(lambda: self.speaker.say(text, language or self.language))

    def repeat(self) -> bool:
        """The last text again, if speech is on."""
        if not self._enabled:
            return False
        return self._run(self.speaker.repeat)

    def stop(self) -> None:
        self.speaker.stop()

    def close(self) -> None:
        self.speaker.close()

    def _run(self, call) -> bool:
        try:
            return call() is not False
        except SpeechError as error:
            log.warning("speech failed: %s", error.code)  # the code only: the text may be personal
            self.failed.emit(error.code)
            return False


class LongPressButton(QPushButton):
    """A button that emits `long_pressed` once it has been held `hold_ms` (1.5 s by default).

    A short press emits `clicked` as usual; a long press emits `long_pressed` alone, never `clicked`
    too: the button lets go of itself when the time is up, and ignores the finger until it is lifted.
    Works the same for a mouse, a touch (Qt turns it into a mouse press) and the space key.
    """

    long_pressed = Signal()

    def __init__(self, text: str = "", parent=None, *, hold_ms: int = LONG_PRESS_MS) -> None:
        super().__init__(text, parent)
        self._held = False
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.setInterval(hold_ms)
        self._timer.timeout.connect(self._hold_reached)
        self.pressed.connect(self._start)
        self.released.connect(self._timer.stop)

    def _start(self) -> None:
        self._held = False
        self._timer.start()

    def _hold_reached(self) -> None:
        self._held = True
        self.setDown(False)  # released while not down: Qt emits neither released nor clicked
        self.long_pressed.emit()

    def mouseMoveEvent(self, event) -> None:
        if self._held:  # a finger that slides back onto the button would press it again
            event.accept()
            return
        super().mouseMoveEvent(event)

    def mouseReleaseEvent(self, event) -> None:
        if self._held:
            self._held = False
            event.accept()
            return
        super().mouseReleaseEvent(event)


class SpeechKeyFilter(QObject):
    """Toggles speech when the hardware key is pressed anywhere in the application while the window that
    owns the filter (its parent, when a widget) is shown.

    The key is the asterisk `*` (Qt.Key_Asterisk) of a USB numeric keypad, the small tactile keypad of
    audio kiosks: it sends the same key whether Num Lock is on or off (the keypad's 5, the key with the
    raised dot, turns into Clear with Num Lock off), and the kiosk types no numbers, so it means nothing
    else. The key press is consumed; auto-repeat while the key is held toggles nothing more.

        keys = SpeechKeyFilter(control)
        keys.install(app)
    """

    def __init__(self, control: SpeechControl, *, key: Qt.Key = TOGGLE_KEY, parent: QObject | None = None) -> None:
        super().__init__(parent if parent is not None else control)
        self.control = control
        self.key = key

    def install(self, app) -> None:
        app.installEventFilter(self)

    def remove(self, app) -> None:
        app.removeEventFilter(self)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        owner = self.parent()
        if isinstance(owner, QWidget) and not owner.isVisible():
            return False  # a window closed but not yet deleted takes no key from the others
        if event.type() == QEvent.Type.KeyPress and event.key() == self.key:
            if not event.isAutoRepeat():
                self.control.toggle()
            return True
        return False
