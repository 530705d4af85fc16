"""Kiosk mode: a citizen alone at a touch screen. Full screen, large type, Vietnamese first.

A thin front end of the core's intake: welcome → the card (its QR code shown to the camera, then the
chip read) → identity → presence (the face) → procedure → unit → documents → consent → receipt. The
window sends the citizen's touches to the intake and shows its events; device work runs on the intake's
worker or the camera's thread. Lifting the card, finishing, or the idle time ends the intake, which wipes
what it held; the screens are cleared and the welcome screen returns in Vietnamese.
"""

from __future__ import annotations

import gc
import logging
import sys
from typing import Any, Callable

import numpy as np
from PySide6.QtCore import QObject, Qt, QTimer, Signal
from PySide6.QtWidgets import (QApplication, QGridLayout, QHBoxLayout, QLabel, QPushButton, QStackedWidget,
                               QVBoxLayout, QWidget)

from drivers.card.pcsc import PcscEvent
from kiosk.config import Config
from kiosk.intake import BatchRequest, CardNotGenuine, CardProblem, EndReason, Event, IntakeError
from kiosk.intake.messages import MESSAGES
from kiosk.intake.rating import REASONS, reasons_asked
from ui.card_events import CardEvents
from ui.i18n import Languages
from ui.idle import IdleTimer
from ui.intake_link import IntakeLink
from ui.kiosk_screens import (PREVIEW_WIDTH, CardScreen, ComponentsScreen, ConsentScreen, IdentityScreen,
                              LeftCardScreen, PageScreen, PresenceScreen, ProcedureScreen, RatingScreen,
                              ReceiptScreen, UnitScreen, WelcomeScreen)
from ui.speech import SpeechControl, SpeechKeyFilter
from ui.training_mark import TrainingStrip
from ui.workers import run_in_background

log = logging.getLogger(__name__)

TILES = 8  # procedures shown as tiles: the verified ones first
SEARCH_RESULTS = 20
LEFT_CARD_WAIT_MS = 30_000  # a card taken away unanswered ends the visit after this
# what one touch on Scan takes, at the compliant resolution: one sheet on the glass, or the feeder's tray
SCANS = {"flatbed": BatchRequest(dpi=200, pages=1), "feeder": BatchRequest(source="adf", dpi=200)}
CODE_POLL_MS = 2_000  # how often the receipt asks the store whether the province has given its code


def kiosk_style(larger: bool = False, contrast: bool = False) -> str:
    """The kiosk's look: text twice as large when asked (every size below is text), and yellow on black
    for high contrast (21:1 for text; controls framed in white)."""
    def px(size: int) -> str:
        return f"{size * 2 if larger else size}px"

    ink, paper, action, action_ink, quiet, quiet_ink, frame, note, note_ink, status = (
        ("#ffff00", "#000000", "#ffff00", "#000000", "#000000", "#ffff00", "#ffffff", "#000000", "#ffff00",
         "#ffff00") if contrast else
        ("#212529", "#ffffff", "#0b5ed7", "#ffffff", "#e9ecef", "#212529", "#084298", "#fff3cd", "#664d03",
         "#0a3622"))
    # the frame is drawn inside the button: more padding keeps the text clear of it
    border = f"border: 3px solid {frame}; padding: 8px 28px;" if contrast else ""
    return f"""
QWidget {{ font-size: {px(26)}; color: {ink}; background: {paper}; }}
QLabel#title {{ font-size: {px(44)}; font-weight: bold; }}
QLabel#status {{ font-size: {px(30)}; color: {status}; }}
QLabel#countdown {{ background: {note}; color: {note_ink}; padding: 16px; font-size: {px(30)}; }}
QPushButton {{ min-height: 88px; min-width: 220px; padding: 8px 24px; border-radius: 12px;
              background: {action}; color: {action_ink}; {border} }}
QPushButton#tile {{ min-height: {"200px" if larger else "120px"}; }}
QLabel#tile_text {{ color: {action_ink}; background: transparent; padding: 0 12px; }}
QPushButton#reason {{ min-height: {"64px" if not larger else "136px"}; }}
QLabel#reason_text {{ color: {quiet_ink}; background: transparent; padding: 0 12px; }}
QPushButton#page, QPushButton#flagged_page {{ min-height: 136px; min-width: 104px; background: {quiet}; }}
QPushButton#flagged_page {{ border: 6px solid {"#ff6b6b" if contrast else "#b02a37"}; }}
QPushButton#language, QPushButton#officer, QPushButton#cancel, QPushButton#option, QPushButton#repeat,
QPushButton#reason {{ min-width: 160px; min-height: 64px; background: {quiet}; color: {quiet_ink}; {border} }}
QPushButton#language:checked, QPushButton#option:checked, QPushButton#reason:checked {{
              background: {"#000000" if contrast else "#cfe2ff"}; border: {"8px" if contrast else "3px"} solid {frame}; }}
QPushButton:disabled {{ background: #6c757d; color: white; }}
QPushButton#key {{ min-width: 64px; min-height: 60px; padding: 0; background: {quiet}; color: {quiet_ink}; }}
QLabel#typed {{ font-size: {px(30)}; min-height: 56px; border: 2px solid {ink}; border-radius: 8px; padding: 0 12px; }}
QScrollBar:vertical {{ width: 48px; }}
QScrollBar:horizontal {{ height: 48px; }}
""" + ("""
QScrollBar { background: #000000; border: 2px solid #ffffff; }
QScrollBar::handle { background: #ffff00; min-height: 48px; min-width: 48px; }
""" if contrast else "")


_frozen = False  # the objects of the station's start kept out of the garbage collector's passes (gc.freeze)
SPACING = 16  # px between touch targets: at least 2.5 mm at kiosk distance


class _Camera(QObject):
    """Hands what the camera's thread or the intake's worker sees to the GUI thread."""

    frame = Signal(object)  # RGB preview
    keys = Signal(object)  # the card's keys from its QR code


class KioskWindow(QWidget):
    def __init__(self, config: Config, languages: Languages, app, card_events: CardEvents | None = None,
                 idle: IdleTimer | None = None, services: Callable[[], Any] | None = None, speaker=None) -> None:
        """`services`: what gives the station's StationServices (opened once, on a worker, as the window
        is made); None: the window shows the welcome screen only (no intake can start). `speaker`: a
        drivers.speech.Speaker (default: espeak-ng on the sound device)."""
        super().__init__()
        # the GUI thread shares the interpreter with the intake's workers (scans, PDFs, the store): it gets
        # its turn back within 1 ms instead of Python's 5 ms, each time it waits for one
        sys.setswitchinterval(0.001)
        self.setObjectName("kiosk")
        self.setWindowFlag(Qt.WindowType.FramelessWindowHint)
        self.setStyleSheet(kiosk_style())
        self.config = config
        self.training_strip = TrainingStrip("26px") if config.training else None  # above every screen
        self.languages = languages
        languages.changed.connect(self.retranslate)
        self._services_factory = services
        self.services = None
        self._opening = False
        self.link = IntakeLink(self)
        self.link.event.connect(self._on_event)
        self.camera = _Camera(self)
        self.camera.frame.connect(self._show_frame)
        self.camera.keys.connect(self._read_card)
        self._stream = None
        self.card_reader: str | None = None
        self.idle = idle or IdleTimer(app, timeout=config.idle_timeout)
        self.idle.setParent(self)  # its filter on the application goes with the window
        self.idle.countdown.connect(self._show_countdown)
        self.idle.activity.connect(self._hide_countdown)
        self.idle.expired.connect(lambda: self.end_session(EndReason.IDLE))

        self.speech = SpeechControl(speaker, language=languages.current, parent=self)
        self.speech.toggled.connect(self._speech_toggled)
        self.speech_keys = SpeechKeyFilter(self.speech, parent=self)
        self.speech_keys.install(app)

        self.language_buttons: dict[str, QPushButton] = {}
        self.top = QGridLayout()
        self.top.setSpacing(SPACING)
        self.officer_button = QPushButton(objectName="officer", clicked=self.call_officer)
        self.cancel_button = QPushButton(objectName="cancel", clicked=lambda: self.end_session(EndReason.CANCELLED))
        self.repeat_button = QPushButton(objectName="repeat", clicked=lambda: self.speech.repeat())
        for column, button in enumerate((self.officer_button, self.cancel_button, self.repeat_button)):
            self.top.addWidget(button, 0, column)
        self.top.setColumnStretch(3, 1)
        self.language_bar = QHBoxLayout()
        self.language_bar.setSpacing(SPACING)
        self.language_bar.addStretch(1)
        for code, label in (("vi", "Tiếng Việt"), ("en", "English")):
            button = QPushButton(label)  # each language is named in itself, never translated
            button.setObjectName("language")
            button.setCheckable(True)
            button.clicked.connect(lambda _=False, c=code: self.set_language(c))
            self.language_buttons[code] = button
            self.language_bar.addWidget(button)
        self._arrange_top(larger=False)

        self.welcome = WelcomeScreen()
        self.card = CardScreen()
        self.identity = IdentityScreen()
        self.presence = PresenceScreen()
        self.procedure = ProcedureScreen()
        self.unit = UnitScreen()
        self.components = ComponentsScreen()
        self.page = PageScreen()
        self.consent = ConsentScreen()
        self.receipt = ReceiptScreen()
        self.left = LeftCardScreen()
        self.rating = RatingScreen()
        self.screens = QStackedWidget()
        for screen in (self.welcome, self.card, self.identity, self.presence, self.procedure, self.unit,
                       self.components, self.page, self.consent, self.receipt, self.rating,
                       self.left):
            self.screens.addWidget(screen)
        self.welcome.start.clicked.connect(self.begin_session)
        self.welcome.start.long_pressed.connect(self._begin_spoken)
        self.welcome.larger.toggled.connect(self._restyle)
        self.welcome.contrast.toggled.connect(self._restyle)
        self.welcome.speech.toggled.connect(self.speech.set_enabled)
        self.identity.proceed.clicked.connect(self._check_presence)
        self.presence.again.clicked.connect(self._check_presence)
        self.presence.fingerprint.clicked.connect(self._check_fingerprint)
        self.procedure.chosen.connect(self._choose_procedure)
        self.procedure.searched.connect(self._search_procedures)
        self.unit.searched.connect(self._search_units)
        self.unit.chosen.connect(self._confirm_unit)
        self.unit.confirm.clicked.connect(lambda: self._confirm_unit(None))
        self.components.scan.connect(self._scan)
        self.components.reuse.connect(self._reuse)
        self.components.open_page.connect(self._open_page)
        self.page.keep.clicked.connect(self._keep_page)
        self.page.retake.clicked.connect(self._retake_page)
        self.page.remove.clicked.connect(self._remove_page)
        self.page.back.clicked.connect(self._back_to_components)
        self.components.proceed.clicked.connect(self._show_consent)
        self.consent.agree.clicked.connect(self._submit)
        self.receipt.finish.clicked.connect(self._ask_rating)
        self.rating.scored.connect(self._scored)
        self.rating.send.clicked.connect(self._send_rating)
        self.rating.skip.clicked.connect(lambda: self.end_session(EndReason.FINISHED))
        self._score = 0
        self.left.end.clicked.connect(lambda: self.end_session(EndReason.CARD_REMOVED))
        self.left.resume.clicked.connect(self._resume)
        self._before_leaving: QWidget | None = None
        self._reusable: dict = {}  # line number → the citizen's e-wallet item that can stand for it
        self._province_units: list[tuple[str, str, str]] = []  # code, name, folded name of the centre's province
        self._leave_timer = QTimer(self, singleShot=True, interval=LEFT_CARD_WAIT_MS)
        self._leave_timer.timeout.connect(lambda: self.end_session(EndReason.CARD_REMOVED))
        self._code_timer = QTimer(self, interval=CODE_POLL_MS)
        self._code_timer.timeout.connect(self._ask_official_code)
        self._receipt_rows: list[tuple[str, str]] = []
        self.scan_request = SCANS[config.kiosk_scanner]
        self.components.set_scanner(config.kiosk_scanner)
        self.countdown_label = QLabel(objectName="countdown", alignment=Qt.AlignmentFlag.AlignCenter, wordWrap=True)
        self.countdown_label.hide()
        self._seconds_left = 0

        outer = QVBoxLayout(self)
        if self.training_strip is not None:
            outer.addWidget(self.training_strip)
        outer.addLayout(self.top)
        outer.addWidget(self.screens, 1)
        outer.addWidget(self.countdown_label)

        if card_events is not None:
            card_events.changed.connect(self._on_card_event)
        self._sync_language_buttons()
        self._show(self.welcome)
        if services is not None:
            self._open_services()

    # --- the visit -----------------------------------------------------------------------------

    @property
    def intake(self):
        return self.link.intake

    def begin_session(self) -> None:
        if self.link.active:
            return
        self.idle.arm()
        self._show(self.card)
        self.card.status.setText(self.tr("Show the front of your card to the camera."))
        if self.services is not None:
            self._begin_intake()
        elif self._services_factory is None:
            self._tell(self.card.status, self.tr("This kiosk is not ready. Please see an officer."))
        elif not self._opening:
            self._open_services()  # it failed at the start: tried again; the visit begins once it is open

    def _open_services(self) -> None:
        """The station's services (store, catalogs, scanner, face engine) opened on a worker as the kiosk
        starts, so that the first citizen does not wait for them."""
        self._opening = True
        run_in_background(self._services_factory, self._services_ready, self._services_failed, self)

    def _services_ready(self, services) -> None:
        global _frozen
        self._opening = False
        if not _frozen:
            # the catalogs, the models and the screens live as long as the station: kept out of the
            # collector's full passes, which walked them all for 70-400 ms in the middle of a visit
            # (collected first: garbage frozen would never be freed); once per process
            gc.collect()
            gc.freeze()
            _frozen = True
        self.services = services
        if self.screens.currentWidget() is self.card and not self.link.active:
            self._begin_intake()  # a citizen started while the station was opening

    def _begin_intake(self) -> None:
        self.link.begin(self.services.intake_setup(self.config.station_id, reader=self.card_reader))
        self._start_camera()

    def _services_failed(self, error: Exception) -> None:
        self._opening = False
        log.error("station services unavailable: %s", error.__class__.__name__)
        if self.screens.currentWidget() is self.card:
            self._tell(self.card.status, self.tr("This kiosk is not ready. Please see an officer."))

    def end_session(self, reason: EndReason | str = EndReason.CANCELLED) -> None:
        """Ends the intake (it wipes what it held), clears every screen and greets the next citizen."""
        self.idle.disarm()
        self._leave_timer.stop()
        self._code_timer.stop()
        self._receipt_rows = []
        self._stop_camera()
        self.link.end(reason)
        for screen in (self.card, self.identity, self.presence):
            screen.clear()
        self._reusable = {}
        self.components.set_slots([])
        self.page.clear()
        self.consent.text.clear()
        self.consent.status.clear()
        self.receipt.lines.clear()
        self.receipt.status.clear()
        self.rating.ask_reasons([])
        self._score = 0
        for option in (self.welcome.larger, self.welcome.contrast, self.welcome.speech):
            option.setChecked(False)  # the next citizen starts from the usual kiosk
        self._hide_countdown()
        self._show(self.welcome)
        self.set_language(self.config.language)

    def call_officer(self) -> None:
        """The way out of every screen: the citizen waits for an officer, who takes over at the counter."""
        current = self.screens.currentWidget()
        status = getattr(current, "status", None)
        text = self.tr("An officer has been called and will come to you.")
        self._tell(status if isinstance(status, QLabel) else self.countdown_label, text)
        if status is None:
            self.countdown_label.show()
        log.info("kiosk: the citizen called an officer on the %s screen", current.objectName())

    def _on_card_event(self, event: PcscEvent) -> None:
        if event.kind == "card-inserted":
            self.card_reader = event.reader
            if not self.link.active and self.screens.currentWidget() is self.welcome:
                self.begin_session()
        elif event.kind in ("card-removed", "reader-removed") and event.reader == self.card_reader:
            self.card_reader = None
            # on the card screen the card comes and goes (its front is shown to the camera, a lifted card is
            # waited for while the chip is read); once it is read, taking it away asks whether to end the visit
            current = self.screens.currentWidget()
            if current not in (self.card, self.welcome, self.left):
                self._before_leaving = current
                self._show(self.left)
                self._leave_timer.start()

    def _resume(self) -> None:
        self._leave_timer.stop()
        self._show(self._before_leaving or self.identity)

    # --- 1. the card ---------------------------------------------------------------------------

    def _start_camera(self) -> None:
        from drivers.camera.capture import FrameStream
        from kiosk.intake import keys_from_qr

        camera = self.camera

        def on_frame(preview: np.ndarray, at: float) -> None:  # the stream's thread
            rgb = np.ascontiguousarray(preview[:, :, ::-1])
            camera.frame.emit(_scaled(rgb))
            try:
                keys = keys_from_qr(preview)
            except CardProblem:
                return
            camera.keys.emit(keys)

        self._stream = FrameStream(self.config.camera or 0, on_frame, lambda code: None, max_fps=5)
        self._stream.start()

    def _stop_camera(self) -> None:
        stream, self._stream = self._stream, None
        if stream is not None:
            run_in_background(stream.stop, lambda _: None, lambda _: None, self)

    def _read_card(self, keys) -> None:
        if self._stream is None or not self.link.active:
            return  # a second QR frame after the first was taken
        self._stop_camera()
        self._tell(self.card.status, self._text("card.reading"))
        self.link.follow(self.intake.read_card(keys), self._card_read, self._card_failed, self)

    def _card_read(self, citizen) -> None:
        self.card.clear()
        self.identity.show_citizen(citizen.full_name, citizen.id_number, self._text("card.genuine"),
                                   self.intake.portrait)
        self._show(self.identity)

    def _card_failed(self, error: Exception) -> None:
        if isinstance(error, CardNotGenuine):
            self._tell(self.card.status, self._text("card.not_genuine", next_step=True))
            return  # the intake has ended; the citizen goes to an officer or touches Cancel
        code = getattr(error, "code", "card.unreadable")
        self._tell(self.card.status, self._text(code if code in MESSAGES else "card.unreadable", next_step=True))
        if self.link.active:
            self._start_camera()  # show the card again

    # --- 2. presence ---------------------------------------------------------------------------

    def _check_presence(self) -> None:
        self._show(self.presence)
        self.presence.again.hide()
        self.presence.fingerprint.hide()
        if self.intake.setup.face is None:
            if self.intake.setup.fingerprint is not None:
                self._check_fingerprint()  # no face engine here: the finger is the way
                return
            self._tell(self.presence.status, self._text("face.unavailable", next_step=True))
            return
        self.link.follow(self.intake.check_face(frames=self._face_frames()), self._presence_done,
                         self._presence_failed, self)

    def _check_fingerprint(self) -> None:
        self.presence.again.hide()
        self.presence.fingerprint.hide()
        self.presence.preview.clear()
        self.link.follow(self.intake.check_fingerprint(), self._presence_done, self._presence_failed, self)

    def _face_frames(self):
        """The camera's frames for the face check, on the intake's worker, each also shown as a preview."""
        from drivers.camera.capture import open_camera
        from kiosk.intake.presence import camera_frames

        source, signal = self.config.camera or 0, self.camera.frame
        camera = open_camera(source)
        try:
            for frame in camera_frames(camera):
                signal.emit(_scaled(np.ascontiguousarray(frame.image[:, :, ::-1])))
                yield frame
        finally:
            camera.close()

    def _presence_done(self, outcome) -> None:
        self.presence.preview.clear()
        if outcome.passed:
            self._show_procedures()
            return
        reason = getattr(outcome, "reason", "") or "fingerprint.mismatch"
        self._tell(self.presence.status, self._text(reason, next_step=True))
        self._offer_other_tries()

    def _presence_failed(self, error: Exception) -> None:
        code = getattr(error, "code", "")
        self._tell(self.presence.status, self._text(code if code in MESSAGES else "camera.busy", next_step=True))
        self._offer_other_tries()

    def _offer_other_tries(self) -> None:
        """After a check that did not pass: the face again, the finger where there is a reader, and the
        officer (the top bar's button) always."""
        self.presence.again.setVisible(self.intake.setup.face is not None)
        self.presence.fingerprint.setVisible(self.intake.setup.fingerprint is not None)

    # --- 3. procedure and unit -----------------------------------------------------------------

    def _show_procedures(self) -> None:
        self.procedure.search.setChecked(False)
        self._search_procedures("")
        self._show(self.procedure)

    def _search_procedures(self, text: str) -> None:
        """The most used procedures (the verified ones first), or those whose name holds `text`, accents
        and case aside."""
        catalog = self.intake.setup.procedures
        everything = catalog.verified() + [p for p in catalog.procedures.values() if not p.verified]
        matching = {p.code for p in catalog.search(text)}
        found = [p for p in everything if p.code in matching] if text.strip() else everything
        english = self.languages.current == "en"
        self.procedure.set_choices([(p.code, p.name_en if english and p.name_en else p.name)
                                    for p in found[:TILES if not text.strip() else SEARCH_RESULTS]])

    def _search_units(self, text: str) -> None:
        from kiosk.text import fold

        key = fold(text.strip())
        self.unit.set_choices([(code, name) for code, name, folded in self._units_of_province() if key in folded])

    def _units_of_province(self) -> list[tuple[str, str, str]]:
        """Code, name and folded name of every unit of the centre's province: the same for every visit,
        listed once (on the worker that chooses the first procedure)."""
        if not self._province_units:
            from kiosk.text import fold

            units = self.intake.setup.units
            province = units.commune(self.config.center_unit).province_code
            self._province_units = [(c.code, c.name, fold(c.name)) for c in units.communes_of(province)]
        return self._province_units

    def _choose_procedure(self, code: str) -> None:
        intake = self.intake  # the address is parsed for the suggestion: not on the GUI thread

        def choose():
            self._units_of_province()  # for the unit screen that follows
            return intake.choose_procedure(code)

        run_in_background(choose, self._procedure_chosen,
                          lambda error: self.procedure.note.setText(self._text(getattr(error, "code", ""), True)),
                          self)

    def _procedure_chosen(self, suggestion) -> None:
        if not self.link.active:
            return
        units = self.intake.setup.units
        self.unit.search.setChecked(False)
        self._search_units("")
        if suggestion.code:
            self.unit.note.setText(self._text(suggestion.reason) + "\n" + units.commune(suggestion.code).name)
            self.unit.confirm.show()
        else:
            self.unit.note.setText(self._text(suggestion.reason, next_step=True))
            self.unit.confirm.hide()
        self._show(self.unit)

    def _confirm_unit(self, code: str | None) -> None:
        try:
            self.intake.confirm_unit(code)
        except IntakeError as error:
            self.unit.note.setText(self._text(error.code, next_step=True))
            return
        self._reusable = {}
        self._refresh_components()
        self._show(self.components)
        run_in_background(self.intake.reusable_items, self._wallet_found,  # reads the store: off the GUI thread
                          lambda error: log.warning("e-wallet not read: %s", error.__class__.__name__), self)

    # --- 4. documents --------------------------------------------------------------------------

    def _wallet_found(self, reusable: dict) -> None:
        if self.link.active:
            self._reusable = reusable
            self._refresh_components()

    def _reuse(self, number: int, item_id: str) -> None:
        try:
            self.intake.reuse_wallet_item(number, item_id)
        except IntakeError as error:
            self._tell(self.components.status, self._text(error.code, next_step=True))
            return
        self._refresh_components()

    def _scan(self, number: int) -> None:
        self._scanning(self.intake.scan(number, self.scan_request))

    def _scanning(self, batch) -> None:
        """A scan or a retake under way: said, the Scan buttons held until it ends."""
        self._tell(self.components.status, self._text("scan.started", next_step=True))
        for line in self.components.lines:
            line["scan"].setEnabled(False)
        self.link.follow(batch, self._scanned, self._scan_failed, self)

    def _scanned(self, outcome) -> None:
        self._refresh_components()
        self._check_next_page()

    def _scan_failed(self, error: Exception) -> None:
        self._back_to_components()
        self._tell(self.components.status, self._text(getattr(error, "code", "scan.problem"), next_step=True))

    def _check_next_page(self) -> None:
        """A blank or blurred page is shown at once: the citizen keeps it, scans it again or removes it."""
        unconfirmed = self.intake.unconfirmed()
        if unconfirmed:
            self._open_page(*unconfirmed[0])

    def _open_page(self, number: int, page_id: str) -> None:
        page = self.intake.slot(number).pages.page(page_id)
        problem = next((self._text(f"page.{flag}", next_step=True) for flag in ("blank", "blurred")
                        if page.needs_confirmation and flag in page.flags), "")
        self.page.show_page(number, page, problem)
        self._show(self.page)

    def _keep_page(self) -> None:
        self.intake.confirm_page(self.page.line, self.page.page_id)
        self._back_to_components()
        self._check_next_page()

    def _remove_page(self) -> None:
        self.intake.delete_page(self.page.line, self.page.page_id)
        self._back_to_components()
        self._check_next_page()

    def _retake_page(self) -> None:
        line, page_id = self.page.line, self.page.page_id
        self._back_to_components()
        self._scanning(self.intake.retake_page(line, page_id, self.scan_request))

    def _back_to_components(self) -> None:
        self.page.clear()
        self._refresh_components()
        self._show(self.components)

    def _refresh_components(self) -> None:
        self.components.set_slots(self.intake.slots, self._reusable)
        missing, unconfirmed = self.intake.missing(), self.intake.unconfirmed()
        self.components.proceed.setEnabled(not missing and not unconfirmed)
        problem = "component.missing" if missing else "page.unconfirmed" if unconfirmed else ""
        self._tell(self.components.status, self._text(problem, next_step=True) if problem else "")

    # --- 5. consent and submit -----------------------------------------------------------------

    def _show_consent(self) -> None:
        self.consent.text.setText(self.intake.consent_text(self.languages.current))
        self.consent.status.clear()
        self._show(self.consent)

    def _submit(self) -> None:
        self.consent.agree.setEnabled(False)
        self._tell(self.consent.status, self.tr("Storing your dossier…"))
        self.intake.accept_consent(self.languages.current)
        self.link.follow(self.intake.submit(), self._submitted, self._submit_failed, self)

    def _submitted(self, receipt) -> None:
        self.consent.agree.setEnabled(True)
        expected = receipt.expected_result.strftime("%d/%m/%Y") if receipt.expected_result else "—"
        self._receipt_rows = [
            (self.tr("Reference"), receipt.local_reference),
            (self.tr("Procedure"), receipt.procedure_name),
            (self.tr("Deciding office"), receipt.competent_unit_name),
            (self.tr("Expected result"), expected),
        ]
        self.receipt.show_receipt(self._receipt_rows)
        self.receipt.status.setText(self.tr("Printing your receipt…"))
        self.receipt.finish.setEnabled(False)  # until the receipt is printed or kept
        self._show(self.receipt)
        self._code_timer.start()
        intake, language = self.intake, self.languages.current
        printer = self.config.receipt_printer
        training = self.config.training
        run_in_background(lambda: _deliver_receipt(intake, receipt, language, printer, training), self._receipt_delivered,
                          self._receipt_delivered, self)

    def _receipt_delivered(self, outcome) -> None:
        from ui.receipt_print import PrintResult

        self.receipt.finish.setEnabled(True)
        if outcome is PrintResult.PRINTED:
            text = self.tr("Take your receipt from the printer.")
        else:
            if isinstance(outcome, Exception):
                log.error("receipt neither printed nor kept: %s", outcome.__class__.__name__)
            text = self.tr("Your receipt could not be printed here. It is kept with your dossier: an officer "
                           "can print it for you.")
        self._tell(self.receipt.status, text)

    def _ask_official_code(self) -> None:
        intake = self.intake
        if intake is None:
            return
        run_in_background(intake.official_code, self._official_code,
                          lambda error: log.warning("dossier code not read: %s", error.__class__.__name__), self)

    def _official_code(self, code: str | None) -> None:
        if not code or not self._receipt_rows or self.screens.currentWidget() is not self.receipt:
            return
        self._code_timer.stop()
        self._receipt_rows.insert(1, (self.tr("Dossier code of the province"), code))
        self.receipt.show_receipt(self._receipt_rows)

    def _submit_failed(self, error: Exception) -> None:
        # the intake keeps the pages: once the cause is fixed (a signing token plugged back in), the same
        # button submits again
        self.consent.agree.setEnabled(True)
        self._tell(self.consent.status, self._text(getattr(error, "code", "submit.failed"), next_step=True)
                   or self._text("submit.failed", next_step=True))

    # --- 6. rating -----------------------------------------------------------------------------

    def _ask_rating(self) -> None:
        self._code_timer.stop()
        self.rating.ask_reasons([])
        self._show(self.rating)

    def _scored(self, score: int) -> None:
        self._score = score
        if not reasons_asked(score):
            self._send_rating()
            return
        language = self.languages.current
        self.rating.ask_reasons([(code, message.text(language)) for code, message in REASONS.items()])
        self._say_screen(self.rating)

    def _send_rating(self) -> None:
        intake, score, reasons = self.intake, self._score, self.rating.chosen()
        self.rating.setEnabled(False)

        def done(result) -> None:
            self.rating.setEnabled(True)
            if isinstance(result, Exception):
                log.warning("rating not stored: %s", getattr(result, "code", result.__class__.__name__))
            self.end_session(EndReason.FINISHED)

        run_in_background(lambda: intake.rate(score, reasons), done, done, self)

    # --- what the intake says ------------------------------------------------------------------

    def _on_event(self, event: Event) -> None:
        self.idle.arm()  # the station is working for the citizen: not idle
        if event.code.startswith(("face.", "camera.", "presence.", "fingerprint.")):
            self._tell(self.presence.status, self._text(event.code, next_step=True))
        elif event.code.startswith("card."):
            self._tell(self.card.status, self._text(event.code, next_step=True))

    def _show_frame(self, rgb: np.ndarray) -> None:
        screen = self.screens.currentWidget()
        if screen in (self.card, self.presence):
            screen.show_frame(rgb)

    def _text(self, code: str, next_step: bool = False) -> str:
        """The intake's message for `code` in the current language (the core holds both languages)."""
        message = MESSAGES.get(code)
        if message is None:
            return ""
        language = self.languages.current
        text = message.text(language)
        return f"{text}\n{message.next(language)}" if next_step and message.next(language) else text

    # --- speech and look ------------------------------------------------------------------------

    def _begin_spoken(self) -> None:
        self.speech.set_enabled(True)
        self.begin_session()

    def _speech_toggled(self, on: bool) -> None:
        self.welcome.speech.blockSignals(True)
        self.welcome.speech.setChecked(on)
        self.welcome.speech.blockSignals(False)
        self.repeat_button.setVisible(on)
        if on:
            self._say_screen(self.screens.currentWidget())

    def _tell(self, label: QLabel, text: str) -> None:
        """A status for the citizen: shown, and spoken in speech mode when it is new (a list refreshed with
        the same status, or a status cleared, must not cut short what is being said)."""
        new = bool(text) and text != label.text()
        label.setText(text)
        if new:
            self.speech.speak(text)

    def _say_screen(self, screen: QWidget) -> None:
        """In speech mode, the screen's words: its texts, then the buttons that can be touched."""
        if not self.speech.enabled:
            return
        texts = [w.text() for w in screen.findChildren(QLabel) if w.isVisibleTo(self) and w.text()
                 and w.objectName() != "tile_text"]
        buttons = [w.text() or w.accessibleName() for w in screen.findChildren(QPushButton)
                   if w.isVisibleTo(self) and w.isEnabled() and w.objectName() != "key"]
        self.speech.speak("\n".join(texts + [self.tr("You can touch:")] + [b for b in buttons if b]))

    def _restyle(self) -> None:
        larger = self.welcome.larger.isChecked()
        self.setStyleSheet(kiosk_style(larger, self.welcome.contrast.isChecked()))
        self._arrange_top(larger)

    def _arrange_top(self, larger: bool) -> None:
        """The languages beside the visit's buttons; on a row of their own when the text is larger."""
        self.top.removeItem(self.language_bar)
        if larger:
            self.top.addLayout(self.language_bar, 1, 0, 1, 4)
        else:
            self.top.addLayout(self.language_bar, 0, 3)

    # --- idle countdown ------------------------------------------------------------------------

    def _show_countdown(self, seconds: int) -> None:
        first = not self._seconds_left
        self._seconds_left = seconds
        self.countdown_label.setText(self.tr("No activity: this session ends in %n second(s). "
                                             "Touch the screen to continue.", "", seconds))
        self.countdown_label.show()
        if first:  # heard as well as seen: the citizen may not be looking at the screen
            QApplication.beep()
            self.speech.speak(self.countdown_label.text())

    def _hide_countdown(self) -> None:
        self._seconds_left = 0
        self.countdown_label.hide()

    # --- screens and language ------------------------------------------------------------------

    def _show(self, screen: QWidget) -> None:
        self.screens.setCurrentWidget(screen)
        in_visit = screen is not self.welcome
        self.officer_button.setVisible(in_visit)
        self.cancel_button.setVisible(in_visit)
        self.repeat_button.setVisible(self.speech.enabled)
        self._retranslate_chrome()
        screen.retranslate()  # the others when they are shown, or when the language changes
        self._say_screen(screen)

    def set_language(self, code: str) -> None:
        self.languages.switch(code)
        self.speech.set_language(code)
        self._sync_language_buttons()

    def _sync_language_buttons(self) -> None:
        for code, button in self.language_buttons.items():
            button.setChecked(code == self.languages.current)

    def retranslate(self) -> None:
        self._retranslate_chrome()
        for index in range(self.screens.count()):
            self.screens.widget(index).retranslate()

    def _retranslate_chrome(self) -> None:
        self.setWindowTitle(self.tr("Digitisation point"))
        self.officer_button.setText(self.tr("Call an officer"))
        self.cancel_button.setText(self.tr("Cancel"))
        self.repeat_button.setText(self.tr("Repeat"))
        if self.training_strip is not None:
            self.training_strip.retranslate()
        if self._seconds_left:
            self._show_countdown(self._seconds_left)


def _deliver_receipt(intake, receipt, language: str, printer: str, training: bool = False):
    """Prints the receipt on `printer` (on a worker: Qt paints on printers off the GUI thread too); with
    no printer ("none", or none set up), or a failed one, seals its PDF in the citizen's e-wallet for an
    officer to print. Gives PrintResult."""
    from datetime import datetime, timezone

    from ui.receipt_print import PrintResult, print_receipt, receipt_pdf

    holder, issued = intake.citizen.id_number, datetime.now(timezone.utc)
    result = (PrintResult.NO_PRINTER if printer == "none" else
              print_receipt(receipt, holder, None, issued, language, printer_name=printer or None,
                            training=training).result)
    if result is not PrintResult.PRINTED:
        log.warning("receipt not printed (%s): kept in the store", result.value)
        intake.keep_receipt(receipt_pdf(receipt, holder, None, issued, language, training)).result(60)
    return result


def _scaled(rgb: np.ndarray) -> np.ndarray:
    import cv2

    height, width = rgb.shape[:2]
    if width <= PREVIEW_WIDTH:
        return rgb.copy()
    return cv2.resize(rgb, (PREVIEW_WIDTH, round(height * PREVIEW_WIDTH / width)), interpolation=cv2.INTER_AREA)
