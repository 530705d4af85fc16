"""The diagnostics screens in one widget: a list of screens on the left, the screen on the right, the
station in the header. The window (or a sign-in page in front of it) holds this widget."""

from __future__ import annotations

from pathlib import Path
from typing import Callable

from PySide6.QtCore import Qt
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QHBoxLayout, QLabel, QListWidget, QPushButton, QStackedWidget, QVBoxLayout, QWidget,
)

from kiosk.config import Config
from kiosk.devices import DeviceSetup
from ui.devices import DeviceLists
from ui.diagnostics.camera_page import CameraPage
from ui.diagnostics.card_test_page import CardTestPage
from ui.diagnostics.common import fill
from ui.diagnostics.doctor_page import DoctorPage
from ui.diagnostics.logs_page import LogsPage
from ui.diagnostics.readers_page import ReadersPage
from ui.diagnostics.scanners_page import ScannersPage
from ui.diagnostics.sync_page import SyncPage
from ui.i18n import Languages

SCREENS = ("readers", "card", "scanners", "camera", "sync", "doctor", "logs")


class DiagnosticsContent(QWidget):
    def __init__(self, config: Config, languages: Languages, device_lists: DeviceLists, setup: DeviceSetup,
                 choose_log_path: Callable[[Path], Path | None] | None = None) -> None:
        super().__init__(objectName="diagnostics-content")
        self.config, self.languages, self.device_lists = config, languages, device_lists
        self.readers = ReadersPage(device_lists)
        self.card = CardTestPage(config)
        self.scanners = ScannersPage(setup.sane_config_dir)
        self.camera = CameraPage(config)
        self.sync = SyncPage(config)
        self.doctor = DoctorPage(config, setup)
        self.logs = LogsPage(config, setup, choose_log_path)
        self.card.tested.connect(self.readers.card_tested)
        self.pages = dict(zip(SCREENS, (self.readers, self.card, self.scanners, self.camera, self.sync,
                                        self.doctor, self.logs)))
        self.trees = {"readers": self.readers.tree, "scanners": self.scanners.tree, "cameras": self.camera.tree}
        self.states = {"readers": self.readers.state, "scanners": self.scanners.state, "cameras": self.camera.state}
        self._state_text: dict[str, tuple[str, object]] = {}

        self.station_label = QLabel(objectName="diagnostics-station")
        self.refresh_button = QPushButton(objectName="diagnostics-refresh", clicked=lambda: device_lists.refresh())
        self.language_button = QPushButton(objectName="diagnostics-language", clicked=self._switch_language)
        header = QHBoxLayout()
        header.addWidget(self.station_label, 1)
        header.addWidget(self.language_button)
        header.addWidget(self.refresh_button)
        self.nav = QListWidget(objectName="diagnostics-screens")
        self.nav.addItems([""] * len(SCREENS))
        self.nav.setFixedWidth(210)
        self.stack = QStackedWidget()
        for page in self.pages.values():
            self.stack.addWidget(page)
        self.nav.currentRowChanged.connect(self._screen_changed)
        body = QHBoxLayout()
        body.addWidget(self.nav)
        body.addWidget(self.stack, 1)
        layout = QVBoxLayout(self)
        layout.addLayout(header)
        layout.addLayout(body, 1)
        QShortcut(QKeySequence("F5"), self, activated=lambda: device_lists.refresh(),
                  context=Qt.ShortcutContext.WindowShortcut)
        for number, _name in enumerate(SCREENS, start=1):
            QShortcut(QKeySequence(f"Ctrl+{number}"), self, activated=lambda row=number - 1: self.nav.setCurrentRow(row),
                      context=Qt.ShortcutContext.WindowShortcut)

        device_lists.loading.connect(self._loading)
        device_lists.listed.connect(self._listed)
        device_lists.failed.connect(self._failed)
        languages.changed.connect(self.retranslate)
        self.nav.setCurrentRow(0)
        self.retranslate()

    def show_screen(self, name: str) -> None:
        self.nav.setCurrentRow(SCREENS.index(name))

    def current_screen(self) -> str:
        return SCREENS[self.stack.currentIndex()]

    def stop(self) -> None:
        """Stops what runs on its own (the camera's preview): when the window closes or is signed out."""
        self.camera.stop_preview()

    def _screen_changed(self, row: int) -> None:
        if row < 0:
            return
        if self.stack.currentWidget() is self.camera and SCREENS[row] != "camera":
            self.camera.stop_preview()
        self.stack.setCurrentIndex(row)
        if SCREENS[row] == "sync":
            self.sync.refresh()

    def _switch_language(self) -> None:
        self.languages.switch("en" if self.languages.current == "vi" else "vi")

    # --- the device lists ----------------------------------------------------------------------

    def _loading(self, kind: str) -> None:
        self._set_state(kind, "loading")

    def _failed(self, kind: str, message: str) -> None:
        self._set_state(kind, "failed", message)

    def _listed(self, kind: str, items: list) -> None:
        if kind == "scanners":
            fill(self.trees[kind], [[item.name, f"{item.vendor} {item.model}", item.kind] for item in items])
        elif kind == "cameras":
            fill(self.trees[kind], [[item.name, item.id] for item in items])
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
        self.station_label.setText(self.tr("Station %1, center unit %2 — diagnostics")
                                   .replace("%1", self.config.station_id).replace("%2", self.config.center_unit))
        self.refresh_button.setText(self.tr("Refresh devices (F5)"))
        self.language_button.setText("English" if self.languages.current == "vi" else "Tiếng Việt")
        self.language_button.setAccessibleName(self.tr("Language"))
        titles = [self.tr("Card readers"), self.tr("Card test"), self.tr("Scanners"), self.tr("Camera"),
                  self.tr("Sync"), self.tr("Doctor"), self.tr("Logs")]
        for row, title in enumerate(titles):
            item = self.nav.item(row)
            item.setText(f"{title}  (Ctrl+{row + 1})")
            item.setToolTip(self.tr("Go to %1 (Ctrl+%2)").replace("%1", title).replace("%2", str(row + 1)))
        for page in self.pages.values():
            page.retranslate()
        for kind, (state, detail) in self._state_text.items():
            self._set_state(kind, state, detail)
