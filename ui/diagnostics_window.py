"""Diagnostics mode: a technician's view of readers (with ATR), scanners and cameras.

It shows device facts only, never a citizen's data.
"""

from __future__ import annotations

from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QGroupBox, QHBoxLayout, QLabel, QMainWindow, QPushButton, QTreeWidget, QTreeWidgetItem, QVBoxLayout, QWidget,
)

from kiosk.config import Config
from ui.devices import KINDS, DeviceLists
from ui.i18n import Languages


class DiagnosticsWindow(QMainWindow):
    def __init__(self, config: Config, languages: Languages, device_lists: DeviceLists) -> None:
        super().__init__()
        self.setObjectName("diagnostics")
        self.config = config
        self.languages = languages
        languages.changed.connect(self.retranslate)
        self.device_lists = device_lists
        self.boxes: dict[str, QGroupBox] = {}
        self.trees: dict[str, QTreeWidget] = {}
        self.states: dict[str, QLabel] = {}
        self._state_text: dict[str, tuple[str, object]] = {}

        central = QWidget()
        layout = QVBoxLayout(central)
        header = QHBoxLayout()
        self.station_label = QLabel()
        self.refresh_button = QPushButton(clicked=lambda: self.device_lists.refresh())
        header.addWidget(self.station_label, 1)
        header.addWidget(self.refresh_button)
        layout.addLayout(header)
        for kind in KINDS:
            box = QGroupBox()
            inner = QVBoxLayout(box)
            tree = QTreeWidget(rootIsDecorated=False, objectName=f"{kind}-list")
            state = QLabel(objectName=f"{kind}-state", wordWrap=True)
            inner.addWidget(tree)
            inner.addWidget(state)
            layout.addWidget(box)
            self.boxes[kind], self.trees[kind], self.states[kind] = box, tree, state
        self.setCentralWidget(central)
        QShortcut(QKeySequence("F5"), self, activated=lambda: self.device_lists.refresh())

        # Bound methods, not lambdas: Qt drops these connections when the window is destroyed.
        device_lists.loading.connect(self._loading)
        device_lists.listed.connect(self._show)
        device_lists.failed.connect(self._failed)
        self.retranslate()
        self.resize(900, 700)

    def _loading(self, kind: str) -> None:
        self._set_state(kind, "loading")

    def _failed(self, kind: str, message: str) -> None:
        self._set_state(kind, "failed", message)

    def _show(self, kind: str, items: list) -> None:
        tree = self.trees[kind]
        tree.clear()
        for item in items:
            if kind == "readers":
                columns = [item.name, item.atr_hex or self.tr("no card")]
            elif kind == "scanners":
                columns = [item.name, f"{item.vendor} {item.model}", item.kind]
            else:
                columns = [item.name, item.id]
            tree.addTopLevelItem(QTreeWidgetItem(columns))
        for column in range(tree.columnCount()):
            tree.resizeColumnToContents(column)
        self._set_state(kind, "listed", len(items))

    def _set_state(self, kind: str, state: str, detail: object = None) -> None:
        self._state_text[kind] = (state, detail)
        label = self.states[kind]
        if state == "loading":
            label.setText(self.tr("Looking for devices…"))
        elif state == "failed":
            label.setText(self.tr("Cannot list devices: %1").replace("%1", str(detail)))
        else:
            label.setText(self.tr("%n device(s) found", "", int(detail)))

    def retranslate(self) -> None:
        self.setWindowTitle(self.tr("Digitisation point — diagnostics"))
        self.station_label.setText(self.tr("Station %1, center unit %2")
                                   .replace("%1", self.config.station_id).replace("%2", self.config.center_unit))
        self.refresh_button.setText(self.tr("Refresh (F5)"))
        titles = {"readers": self.tr("Card readers (PC/SC)"), "scanners": self.tr("Scanners (SANE)"),
                  "cameras": self.tr("Cameras")}
        headers = {"readers": [self.tr("Reader"), self.tr("Card (ATR)")],
                   "scanners": [self.tr("Device"), self.tr("Model"), self.tr("Type")],
                   "cameras": [self.tr("Camera"), self.tr("Source")]}
        for kind in KINDS:
            self.boxes[kind].setTitle(titles[kind])
            self.trees[kind].setHeaderLabels(headers[kind])
            if kind in self._state_text:
                self._set_state(kind, *self._state_text[kind])
