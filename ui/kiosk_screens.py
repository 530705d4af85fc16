"""The kiosk's screens, one question each. They only show what the kiosk window hands them and say what
the citizen touched; the window drives the intake."""

from __future__ import annotations

import io

import numpy as np
from PySide6.QtCore import Qt, QTimer, Signal
from PySide6.QtGui import QImage, QPixmap
from PySide6.QtWidgets import (QGridLayout, QHBoxLayout, QLabel, QPushButton, QScrollArea, QVBoxLayout, QWidget)

from ui.keyboard import OnScreenKeyboard
from ui.paper_guide import PaperGuide
from ui.speech import LongPressButton

PREVIEW_WIDTH = 480
TILES_PER_TURN = 6  # new tiles made per turn of the event loop: a few milliseconds each
SPACING = 16  # px between touch targets: at least 2.5 mm at kiosk distance


def pixmap_of_rgb(rgb: np.ndarray) -> QPixmap:
    """A copy of RGB pixels as a pixmap (the array may be wiped right after)."""
    height, width = rgb.shape[:2]
    image = QImage(np.ascontiguousarray(rgb).data, width, height, 3 * width, QImage.Format.Format_RGB888)
    return QPixmap.fromImage(image.copy())


def pixmap_of_file(data: bytes) -> QPixmap:
    """A JPEG or JPEG 2000 image (Qt reads no JPEG 2000: Pillow decodes it)."""
    from PIL import Image

    with Image.open(io.BytesIO(data)) as image:
        return pixmap_of_rgb(np.array(image.convert("RGB")))


def _scrolling(content: QWidget, name: str) -> QScrollArea:
    """A touch-scrolled area; it and its scroll bar are named for screen readers by `retranslate`."""
    area = QScrollArea(widgetResizable=True, objectName=name)
    area.setWidget(content)
    return area


def _name_area(area: QScrollArea, name: str) -> None:
    area.setAccessibleName(name)
    area.verticalScrollBar().setAccessibleName(name)
    area.horizontalScrollBar().setAccessibleName(name)


def _label(name: str = "", wrap: bool = True, centre: bool = True) -> QLabel:
    label = QLabel(objectName=name, wordWrap=wrap)
    # centred for headings and prompts; text to read (consent, receipt) starts at the top left
    top_left = Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignTop
    label.setAlignment(Qt.AlignmentFlag.AlignCenter if centre else top_left)
    return label


class Screen(QWidget):
    """A title, the screen's own content, and its buttons at the bottom."""

    def __init__(self, name: str) -> None:
        super().__init__(objectName=name)
        self.title = _label("title")
        self.body = QVBoxLayout()
        self.buttons = QHBoxLayout()
        self.buttons.setSpacing(SPACING)
        layout = QVBoxLayout(self)
        layout.setSpacing(SPACING)
        layout.addWidget(self.title)
        layout.addLayout(self.body, 1)
        layout.addLayout(self.buttons)

    def button(self, name: str) -> QPushButton:
        button = QPushButton(objectName=name)
        self.buttons.addWidget(button)
        return button


class WelcomeScreen(Screen):
    """The greeting, and how the citizen wants the kiosk: larger text, high contrast, speech. A long press
    on Start (or the keypad's * key) starts the visit spoken, for a citizen who cannot read the screen."""

    def __init__(self) -> None:
        super().__init__("welcome")
        self.prompt = _label()
        self.hint = _label()
        options = QHBoxLayout()
        options.setSpacing(SPACING)
        self.larger = QPushButton(objectName="option", checkable=True)
        self.contrast = QPushButton(objectName="option", checkable=True)
        self.speech = QPushButton(objectName="option", checkable=True)
        for button in (self.larger, self.contrast, self.speech):
            options.addWidget(button)
        self.body.addStretch(1)
        self.body.addWidget(self.prompt)
        self.body.addStretch(1)
        self.body.addLayout(options)
        self.body.addWidget(self.hint)
        self.start = LongPressButton()
        self.start.setObjectName("start")
        self.buttons.addWidget(self.start)

    def retranslate(self) -> None:
        self.title.setText(self.tr("Welcome"))
        self.prompt.setText(self.tr("Show the front of your chip ID card (with the QR code) to the camera, "
                                    "then place the card on the reader."))
        self.larger.setText(self.tr("Larger text"))
        self.contrast.setText(self.tr("High contrast"))
        self.speech.setText(self.tr("Read aloud"))
        self.hint.setText(self.tr("To hear the screens read aloud, hold the Start button or press the * key."))
        self.start.setText(self.tr("Start"))


class CameraScreen(Screen):
    """A step that shows the camera: the card's QR code, or the citizen's face."""

    def __init__(self, name: str) -> None:
        super().__init__(name)
        self.instruction = _label()
        self.preview = _label("preview")
        self.preview.setMinimumSize(PREVIEW_WIDTH, PREVIEW_WIDTH * 3 // 4)
        self.status = _label("status")
        self.body.addWidget(self.instruction)
        self.body.addWidget(self.preview, 1)
        self.body.addWidget(self.status)

    def show_frame(self, rgb: np.ndarray) -> None:
        self.preview.setPixmap(pixmap_of_rgb(rgb))

    def clear(self) -> None:
        self.preview.clear()
        self.status.clear()


class CardScreen(CameraScreen):
    def __init__(self) -> None:
        super().__init__("card")

    def retranslate(self) -> None:
        self.title.setText(self.tr("Your ID card"))
        self.instruction.setText(self.tr("Show the front of your card, with the QR code, to the camera. Then "
                                         "place the card on the reader and keep it there."))


class IdentityScreen(Screen):
    def __init__(self) -> None:
        super().__init__("identity")
        self.portrait = _label("portrait")
        self.name = _label("name")
        self.id_number = _label("id_number")
        self.verification = _label("verification")
        row = QHBoxLayout()
        row.addWidget(self.portrait)
        facts = QVBoxLayout()
        for label in (self.name, self.id_number, self.verification):
            facts.addWidget(label)
        row.addLayout(facts, 1)
        self.body.addLayout(row)
        self.proceed = self.button("continue")

    def show_citizen(self, name: str, id_number: str, verification: str, portrait: bytes | None) -> None:
        self.name.setText(name)
        self.id_number.setText(masked(id_number))
        self.verification.setText(verification)
        if portrait:
            self.portrait.setPixmap(pixmap_of_file(portrait).scaledToHeight(320))
        else:
            self.portrait.clear()

    def clear(self) -> None:
        for label in (self.portrait, self.name, self.id_number, self.verification):
            label.clear()

    def retranslate(self) -> None:
        self.title.setText(self.tr("Is this you?"))
        self.proceed.setText(self.tr("Yes, continue"))


def masked(id_number: str) -> str:
    """The ID number as shown on a screen others may see: its first 3 and last 3 digits."""
    if len(id_number) <= 6:
        return "•" * len(id_number)
    return id_number[:3] + "•" * (len(id_number) - 6) + id_number[-3:]


class PresenceScreen(CameraScreen):
    def __init__(self) -> None:
        super().__init__("presence")
        self.again = self.button("try_again")
        self.again.hide()
        self.fingerprint = self.button("fingerprint")  # shown where the station has a reader
        self.fingerprint.hide()

    def retranslate(self) -> None:
        self.title.setText(self.tr("Is it you at the station?"))
        self.instruction.setText(self.tr("Look at the camera and follow the instructions."))
        self.again.setText(self.tr("Try again"))
        self.fingerprint.setText(self.tr("Use my fingerprint"))


class ChoiceScreen(Screen):
    """Large tiles, two to a row, in a scrolling area: procedures, then units; and a search by the
    on-screen keyboard (`searched(text)` as the citizen types)."""

    chosen = Signal(str)
    searched = Signal(str)

    def __init__(self, name: str) -> None:
        super().__init__(name)
        self.note = _label("note")
        self.body.addWidget(self.note)
        self.keyboard = OnScreenKeyboard()
        self.keyboard.hide()
        self.keyboard.text_changed.connect(self.searched)
        self.search = self.button("search")
        self.search.setCheckable(True)
        self.search.toggled.connect(self._toggle_search)
        holder = QWidget()
        self.grid = QGridLayout(holder)
        self.grid.setSpacing(SPACING)
        self.grid.setContentsMargins(SPACING, SPACING, SPACING, SPACING)
        self.area = _scrolling(holder, "choices")
        self.body.addWidget(self.area, 1)
        self.body.addWidget(self.keyboard)
        self.tiles: dict[str, QPushButton] = {}  # shown now, in order
        self._kept: dict[str, QPushButton] = {}  # every tile made so far, by key
        self._pending: list[tuple[str, str]] = []
        self._columns = 2
        self.filled = True

    def _toggle_search(self, on: bool) -> None:
        self.keyboard.setVisible(on)
        self.note.setVisible(not on)  # room for the results above the keyboard
        self.keyboard.reset()
        self.searched.emit("")
        self.retranslate()

    def set_choices(self, choices: list[tuple[str, str]]) -> None:
        """Shows `choices` (key, text) as tiles, in order. Tiles are kept for the next time a key is
        offered (a province's units, the procedures); new ones are made a few per turn of the event loop,
        so that a long list never holds up the screen (`filled` once all are there)."""
        for tile in self.tiles.values():
            self.grid.removeWidget(tile)
            tile.hide()
        self.tiles = {}
        for row in range(self.grid.rowCount()):
            self.grid.setRowStretch(row, 0)
        self._pending = list(choices)
        self._columns = 1 if self.keyboard.isVisibleTo(self) else 2  # beside the keyboard, names need width
        self.filled = False
        self._fill()

    def _fill(self) -> None:
        made = 0
        while self._pending and made < TILES_PER_TURN:
            key, text = self._pending.pop(0)
            tile = self._kept.get(key)
            if tile is None:
                tile = self._kept[key] = _tile(text)
                tile.clicked.connect(lambda _=False, k=key: self.chosen.emit(k))
                made += 1
            elif tile.accessibleName() != text:
                tile.setAccessibleName(text)
                tile.findChild(QLabel).setText(text)
            index = len(self.tiles)
            self.grid.addWidget(tile, index // self._columns, index % self._columns)
            tile.show()
            self.tiles[key] = tile
        if self._pending:
            QTimer.singleShot(0, self._fill)
            return
        rows = -(-len(self.tiles) // self._columns)
        self.grid.setRowStretch(rows, 1)  # tiles keep their height; the space goes below
        self.filled = True


def _tile(text: str, name: str = "tile") -> QPushButton:
    """A large button whose text wraps (a procedure's name can be long); the name is its accessible name."""
    tile = QPushButton(objectName=name)
    tile.setAccessibleName(text)
    label = QLabel(text, objectName=f"{name}_text", wordWrap=True)
    label.setAttribute(Qt.WidgetAttribute.WA_TransparentForMouseEvents)
    layout = QVBoxLayout(tile)
    layout.addWidget(label)
    return tile


class ProcedureScreen(ChoiceScreen):
    def __init__(self) -> None:
        super().__init__("procedure")

    def retranslate(self) -> None:
        self.title.setText(self.tr("What would you like to file?"))
        self.note.setText(self.tr("Touch the procedure, or search for it by its name."))
        self.search.setText(self.tr("Close the search") if self.search.isChecked() else self.tr("Search"))
        self.keyboard.retranslate()
        _name_area(self.area, self.tr("Procedures"))


class UnitScreen(ChoiceScreen):
    def __init__(self) -> None:
        super().__init__("unit")
        self.confirm = self.button("confirm_unit")

    def retranslate(self) -> None:
        self.title.setText(self.tr("Which office decides?"))
        self.confirm.setText(self.tr("Confirm this office"))
        self.search.setText(self.tr("Close the search") if self.search.isChecked() else self.tr("Search"))
        self.keyboard.retranslate()
        _name_area(self.area, self.tr("Offices of the province"))


class ComponentsScreen(Screen):
    """The procedure's checklist: each line with its state, a scan button and the pages scanned."""

    scan = Signal(int)  # the line's number, from 1
    reuse = Signal(int, str)  # line, e-wallet item id
    open_page = Signal(int, str)  # line, page id

    def __init__(self) -> None:
        super().__init__("components")
        self.rows = QVBoxLayout()
        self.rows.setSpacing(SPACING)
        self.rows.setContentsMargins(SPACING, SPACING, SPACING, SPACING)
        holder = QWidget()
        holder.setLayout(self.rows)
        self.area = _scrolling(holder, "documents")
        self.body.addWidget(self.area, 1)
        self.guide = PaperGuide()
        self.guide_text = _label(centre=False)
        guide = QHBoxLayout()
        guide.setSpacing(SPACING)
        guide.addWidget(self.guide)
        guide.addWidget(self.guide_text, 1)
        self.body.addLayout(guide)
        self.status = _label("status")
        self.body.addWidget(self.status)
        self.proceed = self.button("continue")
        self.lines: list[dict] = []

    def set_scanner(self, kind: str) -> None:
        """"flatbed" or "feeder": what the drawing and the words beside it show."""
        self.guide.source = kind
        self.retranslate()

    def showEvent(self, event) -> None:  # noqa: N802 (Qt's name)
        self.guide.start()
        super().showEvent(event)

    def hideEvent(self, event) -> None:  # noqa: N802
        self.guide.stop()
        super().hideEvent(event)

    def set_slots(self, slots, reusable: dict | None = None) -> None:
        """Rebuilds the checklist from the intake's slots; `reusable`: for a line's number, the citizen's
        e-wallet item that can stand for it."""
        reusable = reusable or {}
        while self.rows.count():
            item = self.rows.takeAt(0)
            if item.widget():
                item.widget().deleteLater()
        self.lines = []
        for number, slot in enumerate(slots, start=1):
            row = QWidget(objectName="component")
            layout = QVBoxLayout(row)
            head = QHBoxLayout()
            head.setSpacing(SPACING)
            name = _label("component_name", centre=False)
            name.setText(slot.name)
            state = _label("component_state", centre=False)
            scan = QPushButton(objectName="scan")
            scan.clicked.connect(lambda _=False, n=number: self.scan.emit(n))
            layout.addWidget(name)  # a line of its own: a long name wraps at any text size
            head.addWidget(state, 1)
            item = reusable.get(number)
            reuse = None
            if item is not None and slot.wallet_item is None:
                reuse = QPushButton(objectName="reuse")
                reuse.clicked.connect(lambda _=False, n=number, i=item.id: self.reuse.emit(n, i))
                head.addWidget(reuse)
            head.addWidget(scan)
            pages = QHBoxLayout()
            pages.setSpacing(SPACING)
            layout.addLayout(head)
            layout.addLayout(pages)
            for page in slot.pages.pages:
                # a page to look at again (blank or blurred) is marked by its frame and its name
                thumb = QPushButton(objectName="flagged_page" if page.needs_confirmation else "page")
                pixmap = QPixmap()
                pixmap.loadFromData(page.thumbnail)
                thumb.setIcon(pixmap)
                thumb.setIconSize(pixmap.size().scaled(96, 128, Qt.AspectRatioMode.KeepAspectRatio))
                thumb.setProperty("flagged", page.needs_confirmation)
                thumb.clicked.connect(lambda _=False, n=number, p=page.id: self.open_page.emit(n, p))
                pages.addWidget(thumb)
            pages.addStretch(1)
            self.rows.addWidget(row)
            self.lines.append({"slot": slot, "state": state, "scan": scan, "pages": pages, "reuse": reuse,
                               "item": item})
        self.rows.addStretch(1)
        self.retranslate()

    def retranslate(self) -> None:
        self.title.setText(self.tr("Your documents"))
        if self.guide.source == "feeder":
            self.guide_text.setText(self.tr("Put the pages face up in the feeder's tray, top edge first, where "
                                            "the red arrow points. Then touch Scan."))
        else:
            self.guide_text.setText(self.tr("Put the page face down on the glass, its top edge in the corner "
                                            "with the red arrow, and close the lid. Then touch Scan."))
        self.proceed.setText(self.tr("Continue"))
        _name_area(self.area, self.tr("Documents of the procedure"))
        for line in self.lines:
            slot = line["slot"]
            if slot.wallet_item is not None:
                state = self.tr("From your e-wallet")
            elif len(slot.pages):
                state = self.tr("Pages scanned: %n", "", len(slot.pages))
            elif slot.required:
                state = self.tr("Required")
            else:
                state = self.tr("Optional")
            line["state"].setText(state)
            line["scan"].setText(self.tr("Scan") if not len(slot.pages) else self.tr("Scan more"))
            if line["reuse"] is not None:
                line["reuse"].setText(self.tr("Use my copy of %1").replace(
                    "%1", line["item"].created_at.strftime("%d/%m/%Y")))
            for index in range(line["pages"].count()):
                widget = line["pages"].itemAt(index).widget()
                if widget is None:
                    continue
                name = (self.tr("Page %1, to be checked: touch to see it") if widget.property("flagged")
                        else self.tr("Page %1: touch to see it"))
                widget.setAccessibleName(name.replace("%1", str(index + 1)))


class PageScreen(Screen):
    """One scanned page, large: keep it (when it looked blank or blurred), scan it again, or remove it."""

    def __init__(self) -> None:
        super().__init__("page_view")
        self.picture = _label("page_picture")
        self.status = _label("status")
        self.body.addWidget(self.picture, 1)
        self.body.addWidget(self.status)
        self.keep = self.button("keep_page")
        self.retake = self.button("retake_page")
        self.remove = self.button("remove_page")
        self.back = self.button("back")
        self.line = 0
        self.page_id = ""

    def show_page(self, line: int, page, problem: str) -> None:
        """`problem`: what is wrong with the page, in words; empty when nothing is."""
        self.line, self.page_id = line, page.id
        pixmap = QPixmap()
        pixmap.loadFromData(page.thumbnail)
        self.picture.setPixmap(pixmap.scaled(360, 480, Qt.AspectRatioMode.KeepAspectRatio,
                                             Qt.TransformationMode.SmoothTransformation))
        self.status.setText(problem)
        self.keep.setVisible(page.needs_confirmation)
        self.back.setVisible(not page.needs_confirmation)  # a page to check is kept, retaken or removed

    def clear(self) -> None:
        self.picture.clear()
        self.status.clear()
        self.line, self.page_id = 0, ""

    def retranslate(self) -> None:
        self.title.setText(self.tr("Your page"))
        self.keep.setText(self.tr("Keep this page"))
        self.retake.setText(self.tr("Scan it again"))
        self.remove.setText(self.tr("Remove it"))
        self.back.setText(self.tr("Back"))


class ConsentScreen(Screen):
    def __init__(self) -> None:
        super().__init__("consent")
        self.text = _label("consent_text", centre=False)
        self.area = _scrolling(self.text, "consent")
        self.body.addWidget(self.area, 1)
        self.status = _label("status")  # why a submit failed (the consent text stays readable above)
        self.body.addWidget(self.status)
        self.agree = self.button("agree")

    def retranslate(self) -> None:
        self.title.setText(self.tr("Your consent"))
        self.agree.setText(self.tr("I agree and submit"))
        _name_area(self.area, self.tr("Consent text"))


class LeftCardScreen(Screen):
    """The card was taken off the reader after it was read: end the visit, or go on without it."""

    def __init__(self) -> None:
        super().__init__("left_card")
        self.question = _label()
        self.body.addStretch(1)
        self.body.addWidget(self.question)
        self.body.addStretch(1)
        self.end = self.button("end_visit")
        self.resume = self.button("resume")

    def retranslate(self) -> None:
        self.title.setText(self.tr("Your card was taken off the reader"))
        self.question.setText(self.tr("Do you want to end your visit? If you do not answer, it ends by itself "
                                      "and nothing of yours stays on the kiosk."))
        self.end.setText(self.tr("End my visit"))
        self.resume.setText(self.tr("Continue"))


class ReceiptScreen(Screen):
    def __init__(self) -> None:
        super().__init__("receipt")
        self.lines = _label("receipt_lines", centre=False)
        self.area = _scrolling(self.lines, "receipt")
        self.body.addWidget(self.area, 1)
        self.status = _label("status")
        self.body.addWidget(self.status)
        self.finish = self.button("finish")

    def show_receipt(self, rows: list[tuple[str, str]]) -> None:
        self.lines.setText("\n".join(f"{key}: {value}" for key, value in rows))

    def retranslate(self) -> None:
        self.title.setText(self.tr("Your dossier is received"))
        self.finish.setText(self.tr("Finish"))
        _name_area(self.area, self.tr("Your receipt"))


class RatingScreen(Screen):
    """How satisfied the citizen is (5 to 1), and why when 3 or below; never required."""

    scored = Signal(int)
    SCORES = (5, 4, 3, 2, 1)

    def __init__(self) -> None:
        super().__init__("rating")
        self.scores: dict[int, QPushButton] = {}
        column = QVBoxLayout()
        column.setSpacing(SPACING)
        for score in self.SCORES:
            button = QPushButton(objectName="score")
            button.clicked.connect(lambda _=False, s=score: self.scored.emit(s))
            self.scores[score] = button
            column.addWidget(button)
        self.question = _label()
        self.reason_box = QWidget()
        self.reason_rows = QGridLayout(self.reason_box)
        self.reason_rows.setSpacing(SPACING)
        holder = QWidget()
        stack = QVBoxLayout(holder)
        stack.setSpacing(SPACING)
        stack.setContentsMargins(SPACING, SPACING, SPACING, SPACING)  # clear of the scroll bar
        stack.addLayout(column)
        stack.addWidget(self.question)
        stack.addWidget(self.reason_box)
        stack.addStretch(1)
        self.area = _scrolling(holder, "rating")
        self.body.addWidget(self.area, 1)
        self.reasons: dict[str, QPushButton] = {}
        self.send = self.button("send")
        self.skip = self.button("skip")
        self.ask_reasons([])

    def ask_reasons(self, reasons: list[tuple[str, str]]) -> None:
        """Shows `reasons` (code, text) to pick from; none: the scores only."""
        for button in self.reasons.values():
            button.deleteLater()
        self.reasons = {}
        for index, (code, text) in enumerate(reasons):
            button = _tile(text, "reason")
            button.setCheckable(True)
            self.reasons[code] = button
            self.reason_rows.addWidget(button, index, 0)
        asking = bool(reasons)
        self.question.setVisible(asking)
        self.reason_box.setVisible(asking)
        self.send.setVisible(asking)
        for button in self.scores.values():
            button.setVisible(not asking)

    def chosen(self) -> list[str]:
        return [code for code, button in self.reasons.items() if button.isChecked()]

    def retranslate(self) -> None:
        self.title.setText(self.tr("How satisfied are you with this visit?"))
        words = {5: self.tr("Very satisfied"), 4: self.tr("Satisfied"), 3: self.tr("Neither satisfied nor "
                 "dissatisfied"), 2: self.tr("Dissatisfied"), 1: self.tr("Very dissatisfied")}
        for score, button in self.scores.items():
            button.setText(f"{score} – {words[score]}")
        self.question.setText(self.tr("What went wrong? Touch one or more reasons, then Send."))
        self.send.setText(self.tr("Send"))
        self.skip.setText(self.tr("Skip"))
        _name_area(self.area, self.tr("Satisfaction"))
