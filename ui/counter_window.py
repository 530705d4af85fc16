"""Counter mode: an officer's desktop window, keyboard first, with the station's state in view."""

from __future__ import annotations

from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import QLabel, QMainWindow, QMessageBox, QTableWidget, QVBoxLayout, QWidget

from kiosk import __version__
from kiosk.config import Config
from ui.devices import DeviceLists
from ui.i18n import Languages

DOSSIER_COLUMNS = 5


class CounterWindow(QMainWindow):
    def __init__(self, config: Config, languages: Languages, device_lists: DeviceLists) -> None:
        super().__init__()
        self.setObjectName("counter")
        self.config = config
        self.languages = languages
        languages.changed.connect(self.retranslate)
        self.device_lists = device_lists
        self._device_counts: dict[str, str] = {}

        central = QWidget()
        layout = QVBoxLayout(central)
        self.heading = QLabel(objectName="heading")
        self.heading.setStyleSheet("font-size: 20px; font-weight: bold;")
        self.dossiers = QTableWidget(0, DOSSIER_COLUMNS, objectName="dossiers")
        self.dossiers.horizontalHeader().setStretchLastSection(True)
        self.empty_note = QLabel(objectName="empty-note")
        layout.addWidget(self.heading)
        layout.addWidget(self.dossiers, 1)
        layout.addWidget(self.empty_note)
        self.setCentralWidget(central)

        self.station_status = QLabel()
        self.device_status = QLabel()
        self.statusBar().addWidget(self.station_status)
        self.statusBar().addPermanentWidget(self.device_status)

        self.file_menu = self.menuBar().addMenu("")
        self.quit_action = QAction(self, shortcut=QKeySequence("Ctrl+Q"), triggered=self.close)
        self.file_menu.addAction(self.quit_action)
        self.view_menu = self.menuBar().addMenu("")
        self.refresh_action = QAction(self, shortcut=QKeySequence("F5"),
                                      triggered=lambda: self.device_lists.refresh())
        self.view_menu.addAction(self.refresh_action)
        self.language_menu = self.menuBar().addMenu("")
        self.language_actions = {}
        for code, label, keys in (("vi", "Tiếng Việt", "Ctrl+Shift+V"), ("en", "English", "Ctrl+Shift+E")):
            action = QAction(label, self, checkable=True, shortcut=QKeySequence(keys),
                             triggered=lambda _=False, c=code: self.set_language(c))
            self.language_menu.addAction(action)
            self.language_actions[code] = action
        self.help_menu = self.menuBar().addMenu("")
        self.about_action = QAction(self, shortcut=QKeySequence("F1"), triggered=self.show_about)
        self.help_menu.addAction(self.about_action)

        device_lists.listed.connect(lambda kind, items: self._set_device_count(kind, str(len(items))))
        device_lists.failed.connect(lambda kind, _message: self._set_device_count(kind, "!"))
        self._sync_language_actions()
        self.retranslate()
        self.resize(1100, 700)

    def set_language(self, code: str) -> None:
        self.languages.switch(code)
        self._sync_language_actions()

    def _sync_language_actions(self) -> None:
        for code, action in self.language_actions.items():
            action.setChecked(code == self.languages.current)

    def _set_device_count(self, kind: str, count: str) -> None:
        self._device_counts[kind] = count
        self._show_device_status()

    def _show_device_status(self) -> None:
        counts = {kind: self._device_counts.get(kind, "…") for kind in ("readers", "scanners", "cameras")}
        self.device_status.setText(self.tr("Readers: %1 · Scanners: %2 · Cameras: %3")
                                   .replace("%1", counts["readers"]).replace("%2", counts["scanners"])
                                   .replace("%3", counts["cameras"]))

    def show_about(self) -> None:
        QMessageBox.about(self, self.tr("About"), self.tr("Digitisation point, version %1").replace("%1", __version__))

    def retranslate(self) -> None:
        self.setWindowTitle(self.tr("Digitisation point — counter"))
        self.heading.setText(self.tr("Dossiers received at this station"))
        self.dossiers.setHorizontalHeaderLabels([self.tr("Received"), self.tr("Citizen"), self.tr("Procedure"),
                                                 self.tr("State"), self.tr("Dossier code")])
        self.empty_note.setText(self.tr("No dossiers on this station yet.") if self.dossiers.rowCount() == 0 else "")
        self.station_status.setText(self.tr("Station %1 · center unit %2")
                                    .replace("%1", self.config.station_id).replace("%2", self.config.center_unit))
        self.file_menu.setTitle(self.tr("&File"))
        self.quit_action.setText(self.tr("&Quit"))
        self.view_menu.setTitle(self.tr("&View"))
        self.refresh_action.setText(self.tr("&Refresh devices"))
        self.language_menu.setTitle(self.tr("&Language"))
        self.help_menu.setTitle(self.tr("&Help"))
        self.about_action.setText(self.tr("&About"))
        self._show_device_status()
