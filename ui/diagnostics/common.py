"""Small pieces the diagnostics screens share: tables filled from rows, pictures made from arrays, and
where each picture came from (the no-personal-data test asks every picture for its source)."""

from __future__ import annotations

from typing import Iterable

import numpy as np
from typing import Callable

from PySide6.QtCore import Qt
from PySide6.QtGui import QFont, QImage, QKeySequence, QPixmap, QShortcut
from PySide6.QtWidgets import QLabel, QTreeWidget, QTreeWidgetItem, QWidget

PIXMAP_SOURCE = "pixmap_source"  # a dynamic property of every label given a picture on these screens
SCAN_THUMBNAIL = "scan-test-thumbnail"  # the test scan's page, made by the page pipeline
CAMERA_MOSAIC = "camera-coarse-preview"  # kiosk.diagnostics.camera_test.coarse_preview


MAX_COLUMN_WIDTH = 460  # longer texts are cut short on screen; each cell's tooltip holds the whole


def add_shortcut(page: QWidget, keys: str, action: Callable[[], None]) -> QShortcut:
    """A key for a screen's action, live while the screen is shown. Not the button's own shortcut: a
    button's setText replaces that with its text's mnemonic at every retranslation."""
    return QShortcut(QKeySequence(keys), page, activated=action, context=Qt.ShortcutContext.WindowShortcut)


def table(columns: int, name: str) -> QTreeWidget:
    tree = QTreeWidget(rootIsDecorated=False, objectName=name, alternatingRowColors=True, wordWrap=True)
    tree.setColumnCount(columns)
    return tree


def fill(tree: QTreeWidget, rows: Iterable[Iterable[object]]) -> None:
    tree.clear()
    for row in rows:
        texts = ["" if value is None else str(value) for value in row]
        item = QTreeWidgetItem(texts)
        for column, text in enumerate(texts):
            item.setToolTip(column, text)
        tree.addTopLevelItem(item)
    for column in range(tree.columnCount()):
        tree.resizeColumnToContents(column)
        tree.setColumnWidth(column, min(tree.columnWidth(column), MAX_COLUMN_WIDTH))


def ms(value: float | None) -> str:
    return "" if value is None else f"{value:,.1f} ms"


def monospace() -> QFont:
    font = QFont("monospace")
    font.setStyleHint(QFont.StyleHint.Monospace)
    return font


def show_picture(label: QLabel, pixmap: QPixmap, source: str) -> None:
    label.setPixmap(pixmap)
    label.setProperty(PIXMAP_SOURCE, source)


def rgb_pixmap(rgb: np.ndarray) -> QPixmap:
    rgb = np.ascontiguousarray(rgb)
    height, width = rgb.shape[:2]
    image = QImage(rgb.data, width, height, rgb.strides[0], QImage.Format.Format_RGB888)
    return QPixmap.fromImage(image.copy())  # copied: the array may be reused or wiped


def jpeg_pixmap(data: bytes) -> QPixmap:
    pixmap = QPixmap()
    pixmap.loadFromData(data, "JPEG")
    return pixmap
