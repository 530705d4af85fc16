"""The centre's signature on each copy of an opened dossier (Decree 30/2020/NĐ-CP): valid with its signer,
time and level, not signed (a copy made before signing existed), or not valid and why. Shows the
core's verdicts (kiosk.signing_messages); it checks nothing itself."""

from __future__ import annotations

from typing import Callable

from PySide6.QtGui import QColor
from PySide6.QtWidgets import QAbstractItemView, QHeaderView, QLabel, QTableWidget, QTableWidgetItem, QVBoxLayout, QWidget

from kiosk.intake.messages import Message
from kiosk.signing_messages import INVALID, UNCHECKED, UNSIGNED, VALID, CopyVerdict, level_message
from ui.counter.dossier_list import VIETNAM
from ui.counter.fonts import sized

COMPONENT, VERDICT, SIGNER, SIGNED_AT, LEVEL = range(5)
# text colours on the table's white: each ≥ 4.5:1 (the words say it too, colour only helps the eye)
MAX_HEIGHT = 260  # px: about five copies with a problem line each; more scroll
COLOURS = {VALID: "#1b5e20", INVALID: "#b71c1c", UNCHECKED: "#8a4b00", UNSIGNED: "#4a4a4a"}


class CopySignatures(QWidget):
    """`show(copies, verdicts, note)`: `copies` are (number, component name, document id) of the dossier's
    copies; `verdicts` those known so far by document id (the others are being checked); `note` a
    Message shown instead of verdicts (no trusted CAs to check against), or None."""

    def __init__(self, language: Callable[[], str], parent=None) -> None:
        super().__init__(parent)
        self.setObjectName("signatures")
        self._language = language
        self._copies: list[tuple[int, str, str]] = []
        self._verdicts: dict[str, CopyVerdict] = {}
        self._note: Message | None = None
        self.label = QLabel()
        self.note = QLabel(objectName="signatures_note", wordWrap=True)
        self.note.hide()
        self.table = QTableWidget(0, 5, objectName="signature_table")
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.NoSelection)  # keeps the colours readable
        self.table.setWordWrap(True)
        self.table.verticalHeader().hide()
        header = self.table.horizontalHeader()
        header.setFont(sized())
        for column, width in ((COMPONENT, 240), (SIGNER, 260)):
            self.table.setColumnWidth(column, width)
        header.setSectionResizeMode(VERDICT, QHeaderView.ResizeMode.Stretch)
        for column in (SIGNED_AT, LEVEL):  # short values, read whole
            header.setSectionResizeMode(column, QHeaderView.ResizeMode.ResizeToContents)
        self.label.setBuddy(self.table)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.label)
        layout.addWidget(self.note)
        layout.addWidget(self.table, 1)
        self.retranslate()

    def show_copies(self, copies: list[tuple[int, str, str]], verdicts: dict[str, CopyVerdict],
                    note: Message | None = None) -> None:
        self._copies, self._verdicts, self._note = list(copies), dict(verdicts), note
        self._fill()

    def verdict_text(self, row: int) -> str:
        item = self.table.item(row, VERDICT)
        return item.text() if item is not None else ""

    def _fill(self) -> None:
        language = self._language()
        self.note.setVisible(self._note is not None)
        self.note.setText(self._note.text(language) if self._note is not None else "")
        self.table.setRowCount(len(self._copies))
        for row, (number, name, document_id) in enumerate(self._copies):
            verdict = self._verdicts.get(document_id)
            values = [f"{number}. {name}", self._verdict_words(verdict, language), "", "", ""]
            level_tip = ""
            if verdict is not None and verdict.signer:
                values[SIGNER] = verdict.signer
                values[SIGNED_AT] = (verdict.signed_at.astimezone(VIETNAM).strftime("%d/%m/%Y %H:%M:%S")
                                     if verdict.signed_at else "—")
                values[LEVEL] = verdict.level
                meaning = level_message(verdict.level)
                level_tip = meaning.text(language) if meaning is not None else ""
            for column, value in enumerate(values):
                item = QTableWidgetItem(value)
                item.setToolTip(level_tip if column == LEVEL else
                                self.tr("Copies made before the station signed them carry no signature.")
                                if column == VERDICT and verdict is not None and verdict.state == UNSIGNED else value)
                if column == VERDICT and verdict is not None:
                    item.setForeground(QColor(COLOURS[verdict.state]))
                self.table.setItem(row, column, item)
        self.table.resizeRowsToContents()
        self._fit_height()

    def _fit_height(self) -> None:
        """As tall as its rows (up to MAX_HEIGHT): the components' thumbnails above keep the room."""
        rows = sum(self.table.rowHeight(row) for row in range(self.table.rowCount()))
        wanted = self.table.horizontalHeader().sizeHint().height() + rows + 2 * self.table.frameWidth() + 2
        self.table.setFixedHeight(min(max(wanted, 60), MAX_HEIGHT))

    def _verdict_words(self, verdict: CopyVerdict | None, language: str) -> str:
        if verdict is None:
            return self.tr("Not checked") if self._note is not None else self.tr("Checking the signature…")
        headline = {VALID: self.tr("Digitally signed, valid"), UNSIGNED: self.tr("Not signed"),
                    INVALID: self.tr("Signature NOT valid"), UNCHECKED: self.tr("Not checked")}[verdict.state]
        return "\n".join([headline, *(f"• {problem.text(language)}" for problem in verdict.problems)])

    def retranslate(self) -> None:
        self.label.setText(self.tr("Digital &signatures of the copies:"))
        self.table.setAccessibleName(self.tr("Digital signatures of the copies"))
        self.table.setHorizontalHeaderLabels([self.tr("Component"), self.tr("Signature"), self.tr("Signed by"),
                                              self.tr("Signed at"), self.tr("Level")])
        self.table.horizontalHeaderItem(SIGNED_AT).setToolTip(self.tr("Vietnam time (UTC+7)"))
        self.table.horizontalHeaderItem(LEVEL).setToolTip(
            self.tr("PAdES level: B-B basic, B-T with a timestamp, B-LT with a timestamp and revocation data"))
        self._fill()
