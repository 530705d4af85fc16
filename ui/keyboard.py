"""An on-screen keyboard for searching at a kiosk, where there is no keyboard.

Letters without accents are enough: every search of ours ignores diacritics ("khai sinh" finds "Đăng ký
khai sinh"), so the citizen never has to compose "ế" on a touch screen. Keys are large (touch targets).
"""

from __future__ import annotations

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QGridLayout, QLabel, QPushButton, QVBoxLayout, QWidget

ROWS = ("1234567890", "QWERTYUIOP", "ASDFGHJKL", "ZXCVBNM")  # Vietnamese keyboards use this layout too
SPACING = 10  # the smallest gap between touch targets the kiosk allows


class OnScreenKeyboard(QWidget):
    """`text_changed(text)` after every key; `text` is what was typed so far."""

    text_changed = Signal(str)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent, objectName="keyboard")
        self.text = ""
        self.shown = QLabel(objectName="typed")
        self.keys: dict[str, QPushButton] = {}
        grid = QGridLayout()
        grid.setSpacing(SPACING)
        for row, letters in enumerate(ROWS):
            for column, letter in enumerate(letters):
                self._key(grid, letter, letter, row, column)
        self.space = self._key(grid, "space", " ", len(ROWS), 0, span=5)
        self.backspace = self._key(grid, "backspace", None, len(ROWS), 5, span=3)
        self.clear_key = self._key(grid, "clear", "", len(ROWS), 8, span=2)
        layout = QVBoxLayout(self)
        layout.setSpacing(SPACING)
        layout.addWidget(self.shown)
        layout.addLayout(grid)
        self.retranslate()

    def _key(self, grid: QGridLayout, name: str, typed: str | None, row: int, column: int,
             span: int = 1) -> QPushButton:
        key = QPushButton(name if len(name) == 1 else "", objectName="key")
        key.clicked.connect(lambda _=False: self._press(typed))
        grid.addWidget(key, row, column, 1, span)
        self.keys[name] = key
        return key

    def _press(self, typed: str | None) -> None:
        if typed is None:
            self.text = self.text[:-1]
        elif typed == "":
            self.text = ""
        elif typed != " " or (self.text and not self.text.endswith(" ")):
            self.text += typed.lower()
        self.shown.setText(self.text)
        self.text_changed.emit(self.text)

    def reset(self) -> None:
        self.text = ""
        self.shown.clear()

    def retranslate(self) -> None:
        self.space.setText(self.tr("Space"))
        self.backspace.setText(self.tr("Delete"))
        self.clear_key.setText(self.tr("Clear"))
        self.backspace.setAccessibleName(self.tr("Delete the last letter"))
        self.clear_key.setAccessibleName(self.tr("Clear the search"))
