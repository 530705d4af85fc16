"""Kiosk mode: a citizen alone at a touch screen. Full screen, large type, Vietnamese first.

The session begins when a card touches the reader (or the citizen presses Start) and is wiped when
the card leaves, when the citizen finishes, or after the idle time with a visible countdown.
"""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QHBoxLayout, QLabel, QPushButton, QStackedWidget, QVBoxLayout, QWidget,
)

from drivers.card.pcsc import PcscEvent
from kiosk.config import Config
from kiosk.session import Session
from ui.card_events import CardEvents
from ui.i18n import Languages
from ui.idle import IdleTimer

STYLE = """
QWidget { font-size: 26px; }
QLabel#title { font-size: 48px; font-weight: bold; }
QLabel#countdown { background: #fff3cd; color: #664d03; padding: 16px; font-size: 30px; }
QPushButton { min-height: 88px; min-width: 220px; padding: 8px 24px; border-radius: 12px;
              background: #0b5ed7; color: white; }
QPushButton#language { min-width: 160px; min-height: 64px; background: #e9ecef; color: #212529; }
QPushButton#language:checked { background: #212529; color: white; }
"""


class KioskWindow(QWidget):
    def __init__(self, config: Config, languages: Languages, app, card_events: CardEvents | None = None,
                 idle: IdleTimer | None = None) -> None:
        super().__init__()
        self.setObjectName("kiosk")
        self.setWindowFlag(Qt.WindowType.FramelessWindowHint)
        self.setStyleSheet(STYLE)
        self.config = config
        self.languages = languages
        languages.changed.connect(self.retranslate)
        self.session = Session()
        self.card_reader: str | None = None
        self.idle = idle or IdleTimer(app, timeout=config.idle_timeout, parent=self)
        self.idle.countdown.connect(self._show_countdown)
        self.idle.activity.connect(self._hide_countdown)
        self.idle.expired.connect(self.end_session)

        self.language_buttons: dict[str, QPushButton] = {}
        top = QHBoxLayout()
        top.addStretch(1)
        for code, label in (("vi", "Tiếng Việt"), ("en", "English")):
            button = QPushButton(label)  # each language is named in itself, never translated
            button.setObjectName("language")
            button.setCheckable(True)
            button.clicked.connect(lambda _=False, c=code: self.set_language(c))
            self.language_buttons[code] = button
            top.addWidget(button)

        self.welcome_screen, self.title, self.prompt, self.start_button = _screen("welcome", self.begin_session)
        self.session_screen, self.session_title, self.session_status, self.finish_button = _screen(
            "session", self.end_session)
        self.screens = QStackedWidget()
        self.screens.addWidget(self.welcome_screen)
        self.screens.addWidget(self.session_screen)
        self.countdown_label = QLabel(objectName="countdown", alignment=Qt.AlignmentFlag.AlignCenter, wordWrap=True)
        self.countdown_label.hide()
        self._seconds_left = 0

        outer = QVBoxLayout(self)
        outer.addLayout(top)
        outer.addWidget(self.screens, 1)
        outer.addWidget(self.countdown_label)

        if card_events is not None:
            card_events.changed.connect(self._on_card_event)
        self._sync_language_buttons()
        self.retranslate()

    # --- the session -----------------------------------------------------------------------

    def begin_session(self) -> None:
        self.session.begin()
        self.screens.setCurrentWidget(self.session_screen)
        self.idle.arm()
        self.retranslate()

    def end_session(self) -> None:
        """Wipes everything the visit held and returns to the welcome screen in Vietnamese."""
        self.idle.disarm()
        self.session.wipe()
        self._hide_countdown()
        self.screens.setCurrentWidget(self.welcome_screen)
        self.set_language(self.config.language)
        self.retranslate()

    def _on_card_event(self, event: PcscEvent) -> None:
        if event.kind == "card-inserted":
            self.card_reader = event.reader
            if not self.session.active:
                self.begin_session()
            self.session.put("card_reader", event.reader)
            self.retranslate()
        elif event.kind in ("card-removed", "reader-removed") and event.reader == self.card_reader:
            self.card_reader = None
            if self.session.active:
                self.end_session()

    # --- idle countdown ----------------------------------------------------------------------

    def _show_countdown(self, seconds: int) -> None:
        self._seconds_left = seconds
        self.countdown_label.setText(self.tr("No activity: this session ends in %n second(s). "
                                             "Touch the screen to continue.", "", seconds))
        self.countdown_label.show()

    def _hide_countdown(self) -> None:
        self._seconds_left = 0
        self.countdown_label.hide()

    # --- language ----------------------------------------------------------------------------

    def set_language(self, code: str) -> None:
        self.languages.switch(code)
        self._sync_language_buttons()

    def _sync_language_buttons(self) -> None:
        for code, button in self.language_buttons.items():
            button.setChecked(code == self.languages.current)

    def retranslate(self) -> None:
        self.setWindowTitle(self.tr("Digitisation point"))
        self.title.setText(self.tr("Welcome"))
        self.prompt.setText(self.tr("Place your chip ID card on the reader to begin."))
        self.start_button.setText(self.tr("Start"))
        self.session_title.setText(self.tr("Your session"))
        if self.card_reader:
            self.session_status.setText(self.tr("Your card is on the reader. Keep it there until you finish."))
        else:
            self.session_status.setText(self.tr("Place your chip ID card on the reader."))
        self.finish_button.setText(self.tr("Finish"))
        if self._seconds_left:
            self._show_countdown(self._seconds_left)


def _screen(name: str, on_button) -> tuple[QWidget, QLabel, QLabel, QPushButton]:
    """A full-screen step: a title, a line of text and one large button, centred."""
    screen = QWidget(objectName=name)
    title = QLabel(objectName="title", alignment=Qt.AlignmentFlag.AlignCenter)
    text = QLabel(alignment=Qt.AlignmentFlag.AlignCenter, wordWrap=True)
    button = QPushButton(clicked=on_button)
    layout = QVBoxLayout(screen)
    layout.addStretch(1)
    layout.addWidget(title)
    layout.addWidget(text)
    layout.addWidget(button, alignment=Qt.AlignmentFlag.AlignCenter)
    layout.addStretch(2)
    return screen, title, text, button
