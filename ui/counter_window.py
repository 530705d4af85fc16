"""Counter mode: an officer's desktop window, keyboard first, with the station's state in view."""

from __future__ import annotations

from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import QLabel, QMainWindow, QMessageBox, QTableWidget, QTableWidgetItem, QVBoxLayout, QWidget

from kiosk import __version__
from kiosk.config import Config
from ui.devices import DeviceLists
from ui.i18n import Languages
from ui.workers import run_in_background

DOSSIER_COLUMNS = 5


class CounterWindow(QMainWindow):
    def __init__(self, config: Config, languages: Languages, device_lists: DeviceLists, dossier_source=None) -> None:
        super().__init__()
        self.setObjectName("counter")
        self.config = config
        self.dossier_source = dossier_source  # a blocking callable returning the store's dossier rows
        self._dossier_rows: list[dict] = []
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
        self.refresh_action = QAction(self, shortcut=QKeySequence("F5"), triggered=self.refresh)
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

        # Bound methods, not lambdas: Qt drops these connections when the window is destroyed.
        device_lists.listed.connect(self._devices_listed)
        device_lists.failed.connect(self._devices_failed)
        self._sync_language_actions()
        self.retranslate()
        self.resize(1100, 700)

    def refresh(self) -> None:
        """Devices and dossiers, both read on workers."""
        self.device_lists.refresh()
        if self.dossier_source is not None:
            run_in_background(self.dossier_source, self._show_dossiers,
                              lambda error: self.statusBar().showMessage(str(error), 10_000), self)

    def _show_dossiers(self, rows: list[dict]) -> None:
        self._dossier_rows = rows
        self.dossiers.setRowCount(len(rows))
        for number, row in enumerate(rows):
            citizen = (row.get("citizen") or {}).get("full_name", "")
            values = [row["created_at"][:16].replace("T", " "), citizen, row["procedure_code"],
                      self._state_text(row["state"]), row.get("official_code") or ""]
            for column, value in enumerate(values):
                self.dossiers.setItem(number, column, QTableWidgetItem(value))
        self.retranslate()

    def _state_text(self, state: str) -> str:
        return {"draft": self.tr("draft"), "ready": self.tr("ready"), "queued": self.tr("waiting to be sent"),
                "uploading": self.tr("sending"), "accepted": self.tr("accepted"),
                "rejected": self.tr("rejected")}.get(state, state)

    def set_language(self, code: str) -> None:
        self.languages.switch(code)
        self._sync_language_actions()

    def _sync_language_actions(self) -> None:
        for code, action in self.language_actions.items():
            action.setChecked(code == self.languages.current)

    def _devices_listed(self, kind: str, items: list) -> None:
        self._set_device_count(kind, str(len(items)))

    def _devices_failed(self, kind: str, _message: str) -> None:
        self._set_device_count(kind, "!")

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
        for number, row in enumerate(self._dossier_rows):
            item = self.dossiers.item(number, 3)
            if item is not None:
                item.setText(self._state_text(row["state"]))
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
