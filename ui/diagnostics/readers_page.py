"""Readers: every PC/SC reader, the card on it (ATR, following the card events), the protocols its ATR
offers and the one in use, and whether extended-length APDUs can be used."""

from __future__ import annotations

from PySide6.QtWidgets import QLabel, QVBoxLayout, QWidget

from kiosk.diagnostics.readers import NO, YES, ReaderFacts, reader_facts
from ui.devices import DeviceLists
from ui.diagnostics.common import fill, table
from ui.workers import run_in_background


class ReadersPage(QWidget):
    def __init__(self, device_lists: DeviceLists) -> None:
        super().__init__()
        self.tree = table(5, "readers-list")
        self.state = QLabel(objectName="readers-state", wordWrap=True)
        self.note = QLabel(wordWrap=True)
        layout = QVBoxLayout(self)
        layout.addWidget(self.tree, 1)
        layout.addWidget(self.state)
        layout.addWidget(self.note)
        self._listed: list = []
        self._facts: dict[str, ReaderFacts] = {}
        self._tested: dict[str, int] = {}  # reader → extended-length commands in its last test read
        self._asked = 0
        device_lists.listed.connect(self._listed_now)

    def _listed_now(self, kind: str, items: list) -> None:
        if kind != "readers":
            return
        self._listed = items
        self._show()
        self._asked += 1
        run_in_background(reader_facts, lambda facts, n=self._asked: self._facts_came(n, facts),
                          lambda _error: None, self)

    def _facts_came(self, number: int, facts: list[ReaderFacts]) -> None:
        if number == self._asked:
            self._facts = {f.name: f for f in facts}
            self._show()

    def card_tested(self, result) -> None:
        """What a test read found out: extended-length commands used, or not."""
        self._tested[result.reader] = result.extended_commands
        self._show()

    def _show(self) -> None:
        rows = []
        for reader in self._listed:
            facts = self._facts.get(reader.name)
            same_card = facts is not None and facts.atr == reader.atr and reader.atr is not None
            rows.append([reader.name, reader.atr_hex or self.tr("no card"),
                         ", ".join(facts.card.protocols) if same_card and facts.card else "",
                         facts.protocol or "" if same_card else "",
                         self._extended(facts) if facts is not None and (same_card or reader.atr is None) else ""])
        fill(self.tree, rows)

    def _extended(self, facts: ReaderFacts) -> str:
        words = {YES: self.tr("yes"), NO: self.tr("no")}
        reader = words.get(facts.reader_extended, self.tr("not stated"))
        if facts.card is None:
            text = self.tr("reader: %1").replace("%1", reader)
        else:
            card = words.get(facts.card.extended_length, self.tr("not stated"))
            text = self.tr("reader: %1, card: %2").replace("%1", reader).replace("%2", card)
        if facts.name in self._tested:
            text += "; " + self.tr("test read: %n extended-length command(s)", "", self._tested[facts.name])
        return text

    def retranslate(self) -> None:
        self.tree.setHeaderLabels([self.tr("Reader"), self.tr("Card (ATR)"), self.tr("Protocols offered"),
                                   self.tr("In use"), self.tr("Extended length")])
        self.note.setText(self.tr("The card test shows whether extended-length commands were used in a real "
                                  "reading. Cards are followed as they come and go."))
        self._show()
