"""Receiving one citizen at the counter: the core's intake with the officer's controls. Queue ticket,
card (CAN typed or the card's QR through the camera), the officer's look at the chip portrait (and
the face check), procedure and competent unit, the checklist with the scanner's options and the page
editor, the completeness check, the consent read to the citizen, submit, the receipt (reprinted with
the province's code once it arrives). The wait since first contact is shown, with an alert past the
threshold. Decisions are the intake's: this tab sends the officer's choices and shows its events."""

from __future__ import annotations

import logging
from datetime import datetime, timedelta, timezone
from typing import Any, Callable

import numpy as np
from PySide6.QtCore import QObject, Qt, QTimer, Signal
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import (QCheckBox, QComboBox, QFormLayout, QGridLayout, QGroupBox, QHBoxLayout, QLabel, QLineEdit,
                               QListWidget, QListWidgetItem, QPushButton, QScrollArea, QSpinBox, QSplitter,
                               QTextBrowser, QVBoxLayout, QWidget)

from drivers.scanner.options import ColourMode, Source
from drivers.scanner.pipeline import MAX_DPI, MIN_DPI
from kiosk.errors import KioskError
from kiosk.intake import BatchRequest, CardNotGenuine, CardProblem, EndReason, Event, IntakeError
from kiosk.intake.messages import MESSAGES
from ui.counter.dossier_list import minutes_of
from ui.counter.page_editor import PageEditor
from ui.intake_link import IntakeLink
from ui.workers import run_in_background
from ui.counter.fonts import bold

log = logging.getLogger(__name__)

RESOLUTIONS = tuple(dpi for dpi in (200, 300, 400, 600) if MIN_DPI <= dpi <= MAX_DPI)  # 200+: a compliant copy
WAIT_TICK_MS = 10_000
CODE_POLL_MS = 2_000
LINE_ROLE = Qt.ItemDataRole.UserRole + 1
PROCEDURE_ROLE = Qt.ItemDataRole.UserRole + 2
SEARCH_RESULTS = 30
SUBMIT_FAILED_STYLE = "color: #b71c1c; font-weight: bold;"  # 5.7:1 on the window's grey: a refusal to store


class _Camera(QObject):
    keys = Signal(object)  # the card's keys from its QR code, from the camera's thread


def utcnow() -> datetime:
    return datetime.now(timezone.utc)


class ReceptionTab(QWidget):
    """One citizen. `submitted(dossier_id)` once the dossier is stored; `wait_alert(str)` with the alert's
    text when the wait passes the threshold ("" when there is none); `title_changed(str)` for the tab;
    `finished()` when the officer is done with the citizen (the intake has ended)."""

    submitted = Signal(str)
    wait_alert = Signal(str)
    title_changed = Signal(str)
    finished = Signal()

    def __init__(self, services, config, officer: str, language: Callable[[], str], *, wait_alert_minutes: int = 20,
                 clock: Callable[[], datetime] = utcnow, printer: Callable[..., Any] | None = None,
                 slip_printer: Callable[..., Any] | None = None, parent=None) -> None:
        super().__init__(parent)
        self.setObjectName("reception")
        self.services, self.config, self.officer = services, config, officer
        self._language = language
        self.clock = clock
        self.wait_limit = timedelta(minutes=wait_alert_minutes)
        self._printer = printer  # (intake, receipt, code, language) → PrintResult; on a worker
        self._slip_printer = slip_printer  # (kind, slip, language) → PrintResult; on a worker
        self._started = clock()
        self._alerting = False
        self._units: list[tuple[str, str]] = []
        self._receipt = None
        self._code: str | None = None
        self._stream = None
        # no Qt parent: the intake's last event ("ended", sent from a worker) may come after the tab is gone
        self.link = IntakeLink()
        self.link.event.connect(self._on_event)
        self.link.begin(services.intake_setup(officer, channel="counter", clock=clock))
        self.camera = _Camera(self)
        self.camera.keys.connect(self._read_with)

        # --- the citizen
        self.banner = QLabel(objectName="wait-banner", wordWrap=True)
        # colours only: a font set in a style sheet would drop the window's text size
        self.banner.setStyleSheet("background: #f8d7da; color: #58151c; border: 2px solid #58151c; padding: 6px;")
        self.banner.setFont(bold())
        self.banner.hide()
        self.wait_label = QLabel(objectName="wait")
        self.citizen_box = QGroupBox()
        self.ticket_label, self.can_label = QLabel(), QLabel()
        self.ticket = QLineEdit(objectName="ticket")
        self.ticket.returnPressed.connect(self.take_ticket)
        self.can = QLineEdit(objectName="can", maxLength=6)
        self.can.setInputMask("999999;_")
        self.can.setMinimumWidth(110)
        self.can.returnPressed.connect(self.read_card)
        self.ticket_label.setBuddy(self.ticket)
        self.can_label.setBuddy(self.can)
        self.read_button = QPushButton(objectName="read-card", clicked=self.read_card)
        self.qr_button = QPushButton(objectName="read-qr", clicked=self.read_card_qr)
        self.card_status = QLabel(objectName="card-status", wordWrap=True)
        self.portrait = QLabel(objectName="portrait", alignment=Qt.AlignmentFlag.AlignCenter)
        self.portrait.setFixedSize(120, 160)
        self.portrait.setStyleSheet("border: 1px solid #6c757d;")
        self.name = QLabel(objectName="name", wordWrap=True)
        self.name.setFont(bold())
        self.id_number = QLabel(objectName="id-number")
        self.matches_button = QPushButton(objectName="matches", clicked=lambda: self.confirm_person(True))
        self.differs_button = QPushButton(objectName="differs", clicked=lambda: self.confirm_person(False))
        self.face_button = QPushButton(objectName="face", clicked=self.check_face)
        self.presence_status = QLabel(objectName="presence-status", wordWrap=True)
        form = QFormLayout()
        form.addRow(self.ticket_label, self.ticket)
        can_row = QHBoxLayout()
        can_row.addWidget(self.can, 1)
        can_row.addWidget(self.read_button)
        form.addRow(self.can_label, can_row)
        form.addRow("", self.qr_button)
        person = QHBoxLayout()
        person.addWidget(self.portrait)
        who = QVBoxLayout()
        who.addWidget(self.name)
        who.addWidget(self.id_number)
        who.addWidget(self.card_status)
        who.addStretch(1)
        person.addLayout(who, 1)
        checks = QGridLayout()
        checks.addWidget(self.matches_button, 0, 0)
        checks.addWidget(self.differs_button, 0, 1)
        checks.addWidget(self.face_button, 1, 0)
        citizen = QVBoxLayout(self.citizen_box)
        citizen.addLayout(form)
        citizen.addLayout(person)
        citizen.addLayout(checks)
        citizen.addWidget(self.presence_status)

        # --- procedure and unit
        self.procedure_box = QGroupBox()
        self.procedure_label = QLabel()
        self.procedure_search = QLineEdit(objectName="procedure-search", clearButtonEnabled=True)
        self.procedure_label.setBuddy(self.procedure_search)
        self.procedures = QListWidget(objectName="procedures")
        self.procedures.setMinimumHeight(120)
        self.procedures.setMaximumHeight(200)
        self.procedure_search.textChanged.connect(self._search_procedures)
        self.procedure_search.returnPressed.connect(lambda: self.procedures.setFocus())
        self.procedures.itemActivated.connect(lambda item: self.choose_procedure(item.data(PROCEDURE_ROLE)))
        self.unit_label = QLabel()
        self.unit = QComboBox(objectName="unit", editable=True)
        self.unit.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon)
        self.unit.setMinimumContentsLength(12)
        self.unit.setInsertPolicy(QComboBox.InsertPolicy.NoInsert)
        self.unit_label.setBuddy(self.unit)
        self.unit_button = QPushButton(objectName="confirm-unit", clicked=self.confirm_unit)
        self.unit_note = QLabel(objectName="unit-note", wordWrap=True)
        procedure = QVBoxLayout(self.procedure_box)
        procedure.addWidget(self.procedure_label)
        procedure.addWidget(self.procedure_search)
        procedure.addWidget(self.procedures, 1)
        unit_row = QHBoxLayout()
        unit_row.addWidget(self.unit, 1)
        unit_row.addWidget(self.unit_button)
        procedure.addWidget(self.unit_label)
        procedure.addLayout(unit_row)
        procedure.addWidget(self.unit_note)

        # --- components: the checklist, the scanner's options, the pages
        self.components_box = QGroupBox()
        self.checklist = QListWidget(objectName="checklist")
        self.checklist.setMinimumHeight(90)
        self.checklist.setMaximumHeight(170)
        self.checklist.currentRowChanged.connect(self._line_chosen)
        self.source_label, self.mode_label, self.dpi_label, self.count_label = QLabel(), QLabel(), QLabel(), QLabel()
        self.source = QComboBox(objectName="source")
        self.mode = QComboBox(objectName="mode")
        self.dpi = QComboBox(objectName="dpi")
        self.dpi.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToContents)
        for dpi in RESOLUTIONS:
            self.dpi.addItem(f"{dpi} dpi", dpi)
        self.count = QSpinBox(objectName="count", minimum=0, maximum=100, value=1)
        for label, field in ((self.source_label, self.source), (self.mode_label, self.mode),
                             (self.dpi_label, self.dpi), (self.count_label, self.count)):
            label.setBuddy(field)
        self.scan_button = QPushButton(objectName="scan", clicked=self.scan)
        self.original_button = QPushButton(objectName="original", clicked=self.shown_in_original)
        self.clear_button = QPushButton(objectName="clear", clicked=self.clear_component)
        self.scan_status = QLabel(objectName="scan-status", wordWrap=True)
        self.editor = PageEditor()
        self.editor.changed.connect(self._refresh_components)
        self.editor.rescan.connect(self.rescan)
        self.editor.problem.connect(self.scan_status.setText)
        options = QHBoxLayout()
        for label, field in ((self.source_label, self.source), (self.mode_label, self.mode),
                             (self.dpi_label, self.dpi), (self.count_label, self.count)):
            options.addWidget(label)
            options.addWidget(field)
        options.addStretch(1)
        line_buttons = QHBoxLayout()
        for button in (self.scan_button, self.original_button, self.clear_button):
            line_buttons.addWidget(button)
        line_buttons.addStretch(1)
        components = QVBoxLayout(self.components_box)
        components.addWidget(self.checklist)
        components.addLayout(options)
        components.addLayout(line_buttons)
        components.addWidget(self.scan_status)
        components.addWidget(self.editor, 1)

        # --- completeness, consent, submit, receipt
        self.finish_box = QGroupBox()
        self.completeness = QLabel(objectName="completeness", wordWrap=True)
        self.consent_text = QTextBrowser(objectName="consent-text")
        self.consent_text.setMinimumHeight(90)
        self.consent_text.setMaximumHeight(130)
        self.consent = QCheckBox(objectName="consent")
        self.consent.toggled.connect(lambda _: self._refresh_components())
        self.submit_button = QPushButton(objectName="submit", clicked=self.submit)
        self.receipt_lines = QLabel(objectName="receipt", wordWrap=True)
        self.receipt_lines.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.receipt_lines.setStyleSheet("QLabel#receipt { border: 1px solid #6c757d; padding: 6px; }")
        self.receipt_status = QLabel(objectName="receipt-status", wordWrap=True)
        self.print_button = QPushButton(objectName="print", clicked=self.print_receipt)
        self.supplement_button = QPushButton(objectName="supplement", clicked=self.request_supplement)
        self.refusal_button = QPushButton(objectName="refusal", clicked=self.refuse)
        self.finish_button = QPushButton(objectName="finish", clicked=self.finish)
        finish = QVBoxLayout(self.finish_box)
        finish.addWidget(self.completeness)
        finish.addWidget(self.consent_text, 1)
        finish.addWidget(self.consent)
        slips = QGridLayout()
        slips.addWidget(self.submit_button, 0, 0)
        slips.addWidget(self.print_button, 0, 1, 1, 2)
        slips.addWidget(self.supplement_button, 1, 0)
        slips.addWidget(self.refusal_button, 1, 1)
        slips.addWidget(self.finish_button, 1, 2)
        finish.addLayout(slips)
        finish.addWidget(self.receipt_lines)
        finish.addWidget(self.receipt_status)

        left = QWidget()
        left_layout = QVBoxLayout(left)
        left_layout.addWidget(self.citizen_box)
        left_layout.addWidget(self.procedure_box)
        left_layout.addWidget(self.finish_box, 1)
        right = QWidget()
        right_layout = QVBoxLayout(right)
        right_layout.addWidget(self.components_box, 1)
        self.scroll_left = scroll_left = QScrollArea(widgetResizable=True)
        scroll_left.setWidget(left)
        scroll_right = QScrollArea(widgetResizable=True)
        scroll_right.setWidget(right)
        for scroll in (scroll_left, scroll_right):  # the columns fit their width; they scroll down only
            scroll.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.splitter = QSplitter()
        self.splitter.addWidget(scroll_left)
        self.splitter.addWidget(scroll_right)
        self.splitter.setStretchFactor(0, 2)
        self.splitter.setStretchFactor(1, 3)
        self.splitter.setSizes([520, 760])
        scroll_left.setMinimumWidth(440)
        outer = QVBoxLayout(self)
        outer.setContentsMargins(4, 4, 4, 4)
        outer.addWidget(self.banner)
        outer.addWidget(self.wait_label)
        outer.addWidget(self.splitter, 1)

        # the officer's keys: shown in each button's tooltip; active while this tab is the one shown
        self.shortcuts: dict[str, QAction] = {}
        for button, keys in ((self.read_button, "Ctrl+R"), (self.qr_button, "Ctrl+Shift+Q"),
                             (self.matches_button, "Ctrl+Shift+Y"), (self.differs_button, "Ctrl+Shift+N"),
                             (self.face_button, "Ctrl+Shift+F"), (self.unit_button, "Ctrl+U"),
                             (self.scan_button, "Ctrl+S"), (self.original_button, "Ctrl+Shift+O"),
                             (self.clear_button, "Ctrl+Shift+Backspace"), (self.submit_button, "Ctrl+Return"),
                             (self.print_button, "Ctrl+P"), (self.supplement_button, "Ctrl+Shift+B"),
                             (self.refusal_button, "Ctrl+Shift+X"), (self.finish_button, "Ctrl+Shift+Return")):
            action = QAction(self, shortcut=QKeySequence(keys), triggered=button.click)
            self.addAction(action)
            self.shortcuts[button.objectName()] = action
        self.consent_action = QAction(self, shortcut=QKeySequence("Ctrl+Shift+A"), triggered=self._toggle_consent)
        self.addAction(self.consent_action)
        for number in range(1, 10):  # Ctrl+1…9: that line of the checklist
            action = QAction(self, shortcut=QKeySequence(f"Ctrl+{number}"),
                             triggered=lambda _=False, n=number: self.choose_line(n))
            self.addAction(action)
        self._tab_order()

        self._wait_timer = QTimer(self, interval=WAIT_TICK_MS)
        self._wait_timer.timeout.connect(self.show_wait)
        self._wait_timer.start()
        self._code_timer = QTimer(self, interval=CODE_POLL_MS)
        self._code_timer.timeout.connect(self._ask_code)
        self.retranslate()
        self._search_procedures("")
        self._refresh_components()
        self.show_wait()

    def _tab_order(self) -> None:
        chain = [self.ticket, self.can, self.read_button, self.qr_button, self.matches_button, self.differs_button,
                 self.face_button, self.procedure_search, self.procedures, self.unit, self.unit_button,
                 self.checklist, self.source, self.mode, self.dpi, self.count, self.scan_button,
                 self.original_button, self.clear_button, self.editor.pages, self.editor.target, self.consent,
                 self.submit_button, self.print_button, self.supplement_button, self.refusal_button,
                 self.finish_button]
        for before, after in zip(chain, chain[1:]):
            QWidget.setTabOrder(before, after)

    @property
    def intake(self):
        return self.link.intake

    # --- the wait ----------------------------------------------------------------------------------

    def waited(self) -> timedelta:
        """Since first contact (the core's, once it records one; else since the tab opened), to the receipt."""
        intake = self.intake
        if intake is not None and hasattr(intake, "waited"):
            try:
                return intake.waited(self.clock())
            except Exception:  # no first contact yet
                pass
        end = self._receipt.received_at if self._receipt is not None else self.clock()
        return max(timedelta(0), end - self._started)

    def show_wait(self) -> None:
        waited = self.waited()
        over = waited > self.wait_limit and self._receipt is None
        self.wait_label.setText(self.tr("Waiting since first contact: %1").replace("%1", self.wait_text(waited)))
        if over:
            text = self.tr("Alert: this citizen has waited %1, more than %2 minutes. Finish the reception "
                           "first.").replace("%1", self.wait_text(waited)).replace(
                               "%2", str(int(self.wait_limit.total_seconds() // 60)))
            self.banner.setText("⚠ " + text)
            self.banner.show()
        else:
            self.banner.hide()
        if over != self._alerting or over:
            self._alerting = over
            self.wait_alert.emit(self.banner.text() if over else "")

    def wait_text(self, wait: timedelta) -> str:
        hours, minutes = minutes_of(wait)
        return (self.tr("%1 h %2 min").replace("%1", str(hours)).replace("%2", f"{minutes:02d}") if hours
                else self.tr("%1 min").replace("%1", str(minutes)))

    # --- 1. the citizen ---------------------------------------------------------------------------

    def take_ticket(self) -> None:
        ticket = self.ticket.text().strip()
        if not ticket or self.intake is None:
            return
        if hasattr(self.intake, "set_queue_ticket"):
            try:
                self.intake.set_queue_ticket(ticket)
            except IntakeError as error:
                self.card_status.setText(self._text(error.code, True))
                return
        self.card_status.setText(self.tr("Queue ticket %1 recorded.").replace("%1", ticket))
        self.show_wait()
        self.can.setFocus()

    def read_card(self) -> None:
        from drivers.card.access import AccessKeys

        if not self.link.active:
            return
        try:
            keys = AccessKeys.from_can(self.can.text().strip())
        except Exception:  # ParseError: its message is the officer's
            self.card_status.setText(self.tr("Type the card's CAN: the last 6 digits of the 12-digit ID number."))
            self.can.setFocus()
            return
        self._read_with(keys)

    def read_card_qr(self) -> None:
        """The card's front (its QR code) through the camera, as the kiosk does."""
        from drivers.camera.capture import FrameStream
        from kiosk.intake import keys_from_qr

        if not self.link.active or self._stream is not None:
            return
        camera = self.camera

        def on_frame(preview: np.ndarray, at: float) -> None:  # the camera's thread
            try:
                keys = keys_from_qr(preview)
            except CardProblem:
                return
            camera.keys.emit(keys)

        self.card_status.setText(self.tr("Show the card's front to the camera."))
        self._stream = FrameStream(self.config.camera or 0, on_frame, lambda code: None, max_fps=5)
        self._stream.start()

    def _stop_camera(self) -> None:
        stream, self._stream = self._stream, None
        if stream is not None:
            run_in_background(stream.stop, lambda _: None, lambda _: None, self)

    def _read_with(self, keys) -> None:
        self._stop_camera()
        if not self.link.active:
            return
        self.read_button.setEnabled(False)
        self.qr_button.setEnabled(False)
        self.card_status.setText(self._text("card.reading"))
        self.link.follow(self.intake.read_card(keys), self._card_read, self._card_failed, self)

    def _card_read(self, citizen) -> None:
        from ui.kiosk_screens import pixmap_of_file

        self.read_button.setEnabled(True)
        self.qr_button.setEnabled(True)
        self.name.setText(citizen.full_name)
        self.id_number.setText(self.tr("ID number: %1").replace("%1", citizen.id_number))
        self.card_status.setText(self._text("card.genuine"))
        portrait = self.intake.portrait
        if portrait:
            try:
                self.portrait.setPixmap(pixmap_of_file(portrait).scaled(
                    self.portrait.size(), Qt.AspectRatioMode.KeepAspectRatio,
                    Qt.TransformationMode.SmoothTransformation))
            except Exception as error:  # a portrait Pillow cannot read: the officer compares with the card
                log.warning("portrait not shown: %s", error.__class__.__name__)
        self.presence_status.setText(self.tr("Compare the person with the chip portrait, then confirm."))
        self.title_changed.emit(citizen.full_name)
        self._refresh_components()
        self.matches_button.setFocus()

    def _card_failed(self, error: Exception) -> None:
        self.read_button.setEnabled(True)
        self.qr_button.setEnabled(True)
        if isinstance(error, CardNotGenuine):
            self.card_status.setText(self._text("card.not_genuine", True))
            self.title_changed.emit(self.tr("Card not genuine"))
            return
        code = getattr(error, "code", "card.unreadable")
        self.card_status.setText(self._text(code if code in MESSAGES else "card.unreadable", True))

    def confirm_person(self, passed: bool) -> None:
        if not self.link.active:
            return
        try:
            self.intake.confirm_by_officer(passed)
        except IntakeError as error:
            self.presence_status.setText(self._text(error.code, True))
            return
        self.presence_status.setText(self.tr("You confirmed the person is the card holder.") if passed else
                                     self.tr("You found the person is not the card holder."))
        self._refresh_components()
        if passed:
            self.procedure_search.setFocus()

    def check_face(self) -> None:
        if not self.link.active or self.intake.citizen is None:
            self.presence_status.setText(self._text("step.order"))
            return
        self.face_button.setEnabled(False)
        self.link.follow(self.intake.check_face(), self._face_done, self._face_failed, self)

    def _face_done(self, outcome) -> None:
        self.face_button.setEnabled(True)
        self.presence_status.setText(self.tr("The face matches the chip portrait.") if outcome.passed else
                                     self._text(outcome.reason or "presence.failed", True))
        self._refresh_components()

    def _face_failed(self, error: Exception) -> None:
        self.face_button.setEnabled(True)
        self.presence_status.setText(self._text(getattr(error, "code", "camera.busy"), True))

    # --- 2. procedure and unit --------------------------------------------------------------------

    def _search_procedures(self, text: str) -> None:
        catalog = self.services.procedures
        if text.strip():
            found = catalog.search(text)[:SEARCH_RESULTS]
        else:
            found = catalog.verified() + [p for p in catalog.procedures.values() if not p.verified]
            found = found[:SEARCH_RESULTS]
        english = self._language() == "en"
        self.procedures.clear()
        for procedure in found:
            name = procedure.name_en if english and procedure.name_en else procedure.name
            item = QListWidgetItem(f"{procedure.code} — {name}")
            item.setData(PROCEDURE_ROLE, procedure.code)
            item.setToolTip(name)
            self.procedures.addItem(item)
        if self.procedures.count():
            self.procedures.setCurrentRow(0)

    def choose_procedure(self, code: str) -> None:
        if not self.link.active:
            return
        intake = self.intake
        self.unit_note.setText(self.tr("Finding the competent unit…"))
        run_in_background(lambda: (intake.choose_procedure(code), self._province_units(intake)),
                          self._procedure_chosen, self._procedure_failed, self)

    def _province_units(self, intake) -> list[tuple[str, str]]:
        if not self._units:
            units = intake.setup.units
            province = units.commune(intake.setup.center_unit).province_code
            self._units = [(c.code, c.name) for c in units.communes_of(province)]
        return self._units

    def _procedure_chosen(self, result) -> None:
        suggestion, units = result
        if not self.link.active:
            return
        self.unit.clear()
        for code, name in units:
            self.unit.addItem(f"{name} ({code})", code)
        index = self.unit.findData(suggestion.code) if suggestion.code else -1
        self.unit.setCurrentIndex(index if index >= 0 else self.unit.findData(self.intake.setup.center_unit))
        self.unit_note.setText(self._text(suggestion.reason, next_step=not suggestion.code))
        self._refresh_components()
        self.unit.setFocus()

    def _procedure_failed(self, error: Exception) -> None:
        self.unit_note.setText(self._text(getattr(error, "code", "procedure.unknown"), True))

    def confirm_unit(self) -> None:
        if not self.link.active:
            return
        code = self.unit.currentData()
        if code is None:  # typed, not picked: the officer's text names a unit of the province
            from kiosk.text import fold

            typed = fold(self.unit.currentText())
            code = next((c for c, name in self._units if typed and typed in fold(f"{name} ({c})")), None)
        try:
            self.intake.confirm_unit(code)
        except IntakeError as error:
            self.unit_note.setText(self._text(error.code, True))
            return
        self.unit_note.setText(self.tr("Competent unit: %1").replace("%1", self.unit.currentText()))
        self._refresh_components()
        self.checklist.setFocus()
        if self.checklist.count():
            self.checklist.setCurrentRow(0)

    # --- 3. components ----------------------------------------------------------------------------

    def current_line(self) -> int:
        item = self.checklist.currentItem()
        return item.data(LINE_ROLE) if item is not None else 0

    def choose_line(self, number: int) -> None:
        if 0 < number <= self.checklist.count():
            self.checklist.setCurrentRow(number - 1)
            self.checklist.setFocus()

    def _line_chosen(self, _row: int) -> None:
        line = self.current_line()
        if line and self.intake is not None:
            self.editor.show_component(self.intake, line)
        else:
            self.editor.clear()
        self._enable()

    def scan_request(self, pages: int | None = None) -> BatchRequest:
        source = Source(self.source.currentData() or "flatbed")
        count = pages if pages is not None else self.count.value() or None
        if source is Source.FLATBED and count is None:
            count = 1
        return BatchRequest(source=source, dpi=self.dpi.currentData() or RESOLUTIONS[0],
                            mode=ColourMode(self.mode.currentData() or "color"), pages=count)

    def scan(self) -> None:
        line = self.current_line()
        if not line or not self.link.active:
            self.scan_status.setText(self.tr("Choose a component of the checklist first."))
            return
        try:
            batch = self.intake.scan(line, self.scan_request())
        except KioskError as error:
            self.scan_status.setText(str(error))
            return
        self._scanning(batch)

    def rescan(self, line: int, page_id: str) -> None:
        try:
            batch = self.intake.retake_page(line, page_id, self.scan_request(1))
        except KioskError as error:
            self.scan_status.setText(str(error))
            return
        self._scanning(batch)

    def _scanning(self, batch) -> None:
        self.scan_status.setText(self._text("scan.started"))
        self.scan_button.setEnabled(False)
        self.editor.setEnabled(False)
        self.link.follow(batch, self._scanned, self._scan_failed, self)

    def _scanned(self, outcome) -> None:
        self.scan_button.setEnabled(True)
        self.editor.setEnabled(True)
        ended = getattr(outcome, "ended", None)
        if ended is not None and getattr(ended.status, "value", "good") != "good":
            self.scan_status.setText(ended.message.text(self._language()) if hasattr(ended, "message")
                                     else self._text("scan.problem"))
        elif outcome is None:
            self.scan_status.setText(self._text("scan.problem"))
        else:
            count = len(outcome.pages) if hasattr(outcome, "pages") else 1
            self.scan_status.setText(self.tr("%n page(s) scanned.", "", count))
        self._refresh_components()
        self.editor.pages.setFocus()

    def _scan_failed(self, error: Exception) -> None:
        self.scan_button.setEnabled(True)
        self.editor.setEnabled(True)
        self.scan_status.setText(str(error) if isinstance(error, KioskError) else self._text("scan.problem"))
        self._refresh_components()

    def shown_in_original(self) -> None:
        self._line_edit(lambda line: self.intake.mark_shown_in_original(line))

    def clear_component(self) -> None:
        self._line_edit(lambda line: self.intake.clear_component(line))

    def _line_edit(self, edit) -> None:
        line = self.current_line()
        if not line or not self.link.active:
            return
        try:
            edit(line)
        except IntakeError as error:
            self.scan_status.setText(self._text(error.code, True))
        self._refresh_components()

    def _refresh_components(self) -> None:
        """The checklist, the completeness check and what may be done next, from the intake."""
        intake = self.intake
        slots = intake.slots if intake is not None and intake.ended is None else []
        line = self.current_line()
        self.checklist.blockSignals(True)
        self.checklist.clear()
        for number, slot in enumerate(slots, start=1):
            state = (self.tr("%n page(s)", "", len(slot.pages)) if len(slot.pages) else
                     self.tr("from the e-wallet") if slot.wallet_item is not None else
                     self.tr("shown in original") if slot.shown_in_original else
                     self.tr("missing") if slot.required else self.tr("not provided"))
            need = self.tr("required") if slot.required else self.tr("optional")
            mark = "✔" if slot.provided else ("✖" if slot.required else "–")
            item = QListWidgetItem(f"{mark} {number}. {slot.name} — {need}: {state}")
            item.setData(LINE_ROLE, number)
            item.setToolTip(item.text())
            self.checklist.addItem(item)
            if number == line:
                self.checklist.setCurrentItem(item)
        self.checklist.blockSignals(False)
        if slots and self.checklist.currentRow() < 0:
            self.checklist.setCurrentRow(0)
        self._line_chosen(self.checklist.currentRow())
        self.completeness.setStyleSheet("")
        self.completeness.setText(self._completeness_text())
        self._enable()

    def _completeness_text(self) -> str:
        intake = self.intake
        if intake is None or intake.procedure is None:
            return self.tr("Completeness: choose the procedure first.")
        missing, unconfirmed = intake.missing(), intake.unconfirmed()
        lines = []
        if missing:
            lines.append(self.tr("Missing: %1").replace("%1", "; ".join(missing)))
        if unconfirmed:
            lines.append(self.tr("%n page(s) flagged blank or blurred to check.", "", len(unconfirmed)))
        if intake.competent_unit is None:
            lines.append(self.tr("Confirm the competent unit."))
        if not intake.present:
            lines.append(self.tr("Confirm the person against the chip portrait."))
        if not lines:
            return self.tr("Complete: every required component is provided.")
        return self.tr("Not complete.") + " " + " ".join(lines)

    def _toggle_consent(self) -> None:
        if self.consent.isEnabled():
            self.consent.toggle()
            self.consent.setFocus()

    def _ready(self) -> bool:
        intake = self.intake
        return (intake is not None and intake.ended is None and intake.procedure is not None
                and intake.competent_unit is not None and intake.present and not intake.missing()
                and not intake.unconfirmed())

    def _enable(self) -> None:
        active = self.link.active and self._receipt is None
        line = bool(self.current_line())
        self.scan_button.setEnabled(active and line and self.intake.setup.scanner is not None)
        self.original_button.setEnabled(active and line)
        self.clear_button.setEnabled(active and line)
        self.consent.setEnabled(active and self._ready())
        self.submit_button.setEnabled(active and self._ready() and self.consent.isChecked())
        self.print_button.setEnabled(self._receipt is not None)
        has_citizen = self.link.active and self.intake.citizen is not None and self._receipt is None
        chosen = has_citizen and self.intake.procedure is not None  # the slips name the procedure
        self.supplement_button.setEnabled(chosen and bool(self.intake.missing()))
        self.refusal_button.setEnabled(chosen)

    # --- 4. consent, submit, receipt ---------------------------------------------------------------

    def submit(self) -> None:
        if not self.submit_button.isEnabled():
            return
        try:
            self.intake.accept_consent(self._language())
        except IntakeError as error:
            self.completeness.setText(self._text(error.code, True))
            return
        self.submit_button.setEnabled(False)
        self.completeness.setStyleSheet("")
        self.completeness.setText(self.tr("Storing the dossier…"))
        self.link.follow(self.intake.submit(), self._submitted, self._submit_failed, self)

    def _submitted(self, receipt) -> None:
        self._receipt = receipt
        self._refresh_components()
        self.completeness.setText(self.tr("The dossier is stored. Give the citizen the receipt."))
        self._show_receipt()
        QTimer.singleShot(0, lambda: self.scroll_left.ensureWidgetVisible(self.receipt_status))  # once laid out
        self.show_wait()
        self._wait_timer.stop()
        self.wait_alert.emit("")
        self._code_timer.start()
        self.submitted.emit(receipt.local_reference)
        self.print_receipt()

    def _submit_failed(self, error: Exception) -> None:
        """Nothing is stored and the intake keeps the pages: the reason (a signing token missing, locked,
        its PIN wrong: each its own message) stands out until the officer submits again."""
        self._enable()
        text = self._text(error.code, True) if isinstance(error, IntakeError) else str(error)
        self.completeness.setStyleSheet(SUBMIT_FAILED_STYLE)
        self.completeness.setText(text or error.__class__.__name__)

    def _show_receipt(self) -> None:
        receipt = self._receipt
        if receipt is None:
            self.receipt_lines.clear()
            return
        expected = receipt.expected_result.strftime("%d/%m/%Y") if receipt.expected_result else "—"
        rows = [(self.tr("Reference"), receipt.local_reference)]
        if self._code:
            rows.append((self.tr("Dossier code of the province"), self._code))
        else:
            rows.append((self.tr("Dossier code of the province"), self.tr("not yet assigned")))
        rows += [(self.tr("Procedure"), receipt.procedure_name),
                 (self.tr("Competent unit"), receipt.competent_unit_name),
                 (self.tr("Expected result"), expected)]
        self.receipt_lines.setText("\n".join(f"{label}: {value}" for label, value in rows))

    def _ask_code(self) -> None:
        intake = self.intake
        if intake is None or intake.dossier is None:
            self._code_timer.stop()
            return
        run_in_background(intake.official_code, self._code_arrived,
                          lambda error: log.warning("dossier code not read: %s", error.__class__.__name__), self)

    def _code_arrived(self, code: str | None) -> None:
        if not code or self._code:
            return
        self._code = code
        self._code_timer.stop()
        self._show_receipt()
        self.print_button.setText(self.tr("Reprint the receipt with the code"))
        self.receipt_status.setText(self.tr("The province assigned the dossier code %1.").replace("%1", code))

    def print_receipt(self) -> None:
        if self._receipt is None or self.intake is None or self._printer is None:
            return
        intake, receipt, code, language = self.intake, self._receipt, self._code, self._language()
        printer = self._printer
        self.print_button.setEnabled(False)
        self.receipt_status.setText(self.tr("Printing the receipt…"))
        run_in_background(lambda: printer(intake, receipt, code, language), self._printed, self._printed, self)

    def _printed(self, outcome) -> None:
        self.print_button.setEnabled(self._receipt is not None)
        value = getattr(outcome, "value", "")
        if value == "printed":
            self.receipt_status.setText(self.tr("The receipt was printed."))
        elif isinstance(outcome, Exception):
            log.error("receipt not printed: %s", outcome.__class__.__name__)
            self.receipt_status.setText(self.tr("The receipt could not be printed: %1").replace(
                "%1", outcome.__class__.__name__))
        else:
            self.receipt_status.setText(self.tr("No printer took the receipt: it is kept in the citizen's "
                                                "e-wallet on this station, to print later."))

    def request_supplement(self) -> None:
        """The request for supplement for the required components still missing (form no. 02): made by
        the intake (audited), then printed; the reception goes on."""
        if not self.supplement_button.isEnabled():
            return
        intake = self.intake
        self._issue_slip("supplement", lambda: intake.request_supplement())

    def refuse(self) -> None:
        """The refusal (form no. 03): the officer picks the ground and writes the reason; the intake ends."""
        from PySide6.QtWidgets import QInputDialog

        from kiosk.intake.slips import REFUSAL_BASES

        if not self.refusal_button.isEnabled():
            return
        bases = list(REFUSAL_BASES)
        basis, chosen = QInputDialog.getItem(self, self.tr("Refuse the dossier"), self.tr("Ground for the refusal:"),
                                             [REFUSAL_BASES[key] for key in bases], 0, False)
        if not chosen:
            return
        reason, given = QInputDialog.getText(self, self.tr("Refuse the dossier"),
                                             self.tr("What exactly is wrong (printed on the slip):"))
        if not given:
            return
        intake, key = self.intake, bases[[REFUSAL_BASES[k] for k in bases].index(basis)]
        self._issue_slip("refusal", lambda: intake.refuse(reason, key))

    def _issue_slip(self, kind: str, make: Callable[[], Any]) -> None:
        language, printer = self._language(), self._slip_printer

        def issue():
            slip = make()  # writes the store (the audit): on the worker
            return slip, (printer(kind, slip, language) if printer is not None else None)

        self.supplement_button.setEnabled(False)
        self.refusal_button.setEnabled(False)
        self.receipt_status.setText(self.tr("Making the slip…"))
        run_in_background(issue, lambda result: self._slip_issued(kind, result), self._slip_failed, self)

    def _slip_issued(self, kind: str, result) -> None:
        _slip, printed = result
        made = (self.tr("The request for supplement is made.") if kind == "supplement"
                else self.tr("The refusal is made: the reception has ended."))
        where = (self.tr("It was printed.") if getattr(printed, "value", "") == "printed"
                 else self.tr("No printer took it: print it again once a printer is ready."))
        self.receipt_status.setText(f"{made} {where}")
        if kind == "refusal":
            self._wait_timer.stop()
            self.wait_alert.emit("")
        self._refresh_components()

    def _slip_failed(self, error: Exception) -> None:
        text = self._text(error.code, True) if isinstance(error, IntakeError) else error.__class__.__name__
        self.receipt_status.setText(self.tr("The slip could not be made: %1").replace("%1", text))
        self._enable()

    def finish(self) -> None:
        """The officer is done with this citizen: the intake ends (it wipes what it held)."""
        self.end(EndReason.FINISHED if self._receipt is not None else EndReason.CANCELLED)
        self.finished.emit()

    def end(self, reason: EndReason | str = EndReason.CANCELLED) -> bool:
        """Ends the intake on a worker; True when it is under way (`link.ended` follows): the tab must live
        until then, the intake's last event is sent to it."""
        active = self.link.active
        self._stop_camera()
        self._wait_timer.stop()
        self._code_timer.stop()
        if self.link.active:
            self.link.end(reason)
        self.editor.clear()
        for label in (self.name, self.id_number, self.portrait, self.receipt_lines):
            label.clear()
        self.wait_alert.emit("")
        return active

    # --- what the intake says --------------------------------------------------------------------

    def _on_event(self, event: Event) -> None:
        if event.code.startswith(("face.", "camera.", "fingerprint.")):
            self.presence_status.setText(self._text(event.code, True))
        elif event.code == "card.lifted":
            self.card_status.setText(self._text(event.code, True))
        elif event.code == "ended":
            self._enable()

    def _text(self, code: str, next_step: bool = False) -> str:
        message = MESSAGES.get(code)
        if message is None:
            return code
        language = self._language()
        text = message.text(language)
        return f"{text} {message.next(language)}" if next_step and message.next(language) else text

    def retranslate(self) -> None:
        self.citizen_box.setTitle(self.tr("1. Citizen"))
        self.procedure_box.setTitle(self.tr("2. Procedure and competent unit"))
        self.components_box.setTitle(self.tr("3. Components and pages"))
        self.finish_box.setTitle(self.tr("4. Completeness, consent and receipt"))
        self.ticket_label.setText(self.tr("&Queue ticket:"))
        self.ticket.setPlaceholderText(self.tr("typed or scanned, then Enter"))
        self.can_label.setText(self.tr("Card &CAN:"))
        self.can.setToolTip(self.tr("The last 6 digits of the ID number; Enter reads the card"))
        texts = {
            "read-card": self.tr("Read card"), "read-qr": self.tr("Card QR by camera"),
            "matches": self.tr("Person matches portrait"), "differs": self.tr("Does not match"),
            "face": self.tr("Face check"), "confirm-unit": self.tr("Confirm unit"), "scan": self.tr("Scan"),
            "original": self.tr("Shown in original"), "clear": self.tr("Clear component"),
            "submit": self.tr("Submit dossier"), "print": self.tr("Print receipt"),
            "supplement": self.tr("Request supplement"), "refusal": self.tr("Refuse"),
            "finish": self.tr("Finish"),
        }
        for name, action in self.shortcuts.items():
            button = self.findChild(QPushButton, name)
            keys = action.shortcut().toString(QKeySequence.SequenceFormat.NativeText)
            if name != "print" or self._code is None:
                button.setText(texts[name])
            button.setToolTip(f"{texts[name]} ({keys})")
            action.setText(texts[name])
        if self._code:
            self.print_button.setText(self.tr("Reprint the receipt with the code"))
        self.procedure_label.setText(self.tr("&Procedure (search by name or code, Enter to choose):"))
        self.procedures.setAccessibleName(self.tr("Procedures"))
        self.unit_label.setText(self.tr("Competent &unit:"))
        self.unit.setToolTip(self.tr("Suggested from the citizen's address; any unit of the province"))
        self.checklist.setAccessibleName(self.tr("Components of the dossier"))
        self.checklist.setToolTip(self.tr("Ctrl+1 to Ctrl+9 choose a line; Ctrl+S scans into it"))
        self.source_label.setText(self.tr("&Source:"))
        self.mode_label.setText(self.tr("Colou&r:"))
        self.dpi_label.setText(self.tr("Resolution:"))
        self.count_label.setText(self.tr("Pa&ges:"))
        self.count.setSpecialValueText(self.tr("all"))
        self.count.setToolTip(self.tr("Pages to scan; \"all\" empties the feeder"))
        for combo, items in ((self.source, (("flatbed", self.tr("Flatbed")), ("adf", self.tr("Feeder")))),
                             (self.mode, (("color", self.tr("Colour")), ("gray", self.tr("Grey"))))):
            current = max(0, combo.currentIndex())
            combo.blockSignals(True)
            combo.clear()
            for data, text in items:
                combo.addItem(text, data)
            combo.setCurrentIndex(current)
            combo.blockSignals(False)
        self.consent.setText(self.tr("The citizen heard it and &agrees"))
        if self.intake is not None and self.intake.ended is None:
            self.consent_text.setPlainText(self.intake.consent_text(self._language()))
        self.consent_text.setAccessibleName(self.tr("Consent text"))
        self.consent.setToolTip(self.tr("Consent given (Ctrl+Shift+A)"))
        for field, label in ((self.ticket, self.ticket_label), (self.can, self.can_label),
                             (self.procedure_search, self.procedure_label), (self.unit, self.unit_label),
                             (self.source, self.source_label), (self.mode, self.mode_label),
                             (self.dpi, self.dpi_label), (self.count, self.count_label)):
            field.setAccessibleName(label.text().replace("&", "").rstrip(":"))  # as the buddy label reads
        self.editor.retranslate()
        self._show_receipt()
        self.show_wait()
        self.completeness.setStyleSheet("")
        self.completeness.setText(self._completeness_text())


def receipt_printer(printer_name: str, training: bool = False) -> Callable[..., Any]:
    """What prints a receipt at this counter (on a worker): the one-stop receipt (ui.slips, form no. 01) on
    the configured printer ("" the default one, "none" no printer); a receipt no printer took is sealed
    in the citizen's e-wallet on this station (it holds the citizen's ID in its QR code: never written
    to a file), to print later."""

    def deliver(intake, receipt, code: str | None, language: str):
        from ui.slips import print_slip, slip_pdf

        citizen, issued = intake.citizen, utcnow()
        fields = {"holder_name": citizen.full_name, "officer": intake.setup.received_by, "issued_at": issued,
                  "time_limit_days": getattr(intake.procedure, "working_days", None)}
        outcome = print_slip("receipt", receipt, printer_name, code, citizen.id_number, language, training=training,
                             **fields)
        if not outcome.printed:
            log.warning("receipt not printed (%s): kept in the store", outcome.result.value)
            intake.keep_receipt(slip_pdf("receipt", receipt, code, citizen.id_number, language, training,
                                         **fields)).result(60)
        return outcome.result

    return deliver


def slip_printer(printer_name: str, training: bool = False) -> Callable[..., Any]:
    """Prints a request for supplement or a refusal (ui.slips, forms no. 02 and 03) on a worker; gives how
    it went. A slip no printer took is not written anywhere (it names the citizen): the officer prints it
    again once a printer is there."""

    def deliver(kind: str, slip, language: str):
        from ui.slips import print_slip

        return print_slip(kind, slip, printer_name, None, None, language, training=training).result

    return deliver
