"""Logs: one archive of the station's log files, redacted again, with a manifest (station, version,
`kiosk doctor`'s checks), written where the technician chooses."""

from __future__ import annotations

from datetime import datetime
from pathlib import Path
from typing import Callable

from PySide6.QtWidgets import QFileDialog, QHBoxLayout, QLabel, QPushButton, QVBoxLayout, QWidget

from kiosk.config import Config
from kiosk.devices import DeviceSetup
from kiosk.diagnostics.export import export_station_logs
from ui.diagnostics.common import add_shortcut
from ui.workers import run_in_background


class LogsPage(QWidget):
    """`choose_path(suggested)` asks where to write (a save dialog by default; None: cancelled)."""

    def __init__(self, config: Config, setup: DeviceSetup,
                 choose_path: Callable[[Path], Path | None] | None = None) -> None:
        super().__init__()
        self.config, self.setup = config, setup
        self.choose_path = choose_path or self._ask
        self.export_button = QPushButton(objectName="logs-export", clicked=self.export)
        add_shortcut(self, "Ctrl+E", self.export)
        self.about = QLabel(wordWrap=True)
        self.status = QLabel(objectName="logs-status", wordWrap=True)
        top = QHBoxLayout()
        top.addWidget(self.export_button)
        top.addStretch(1)
        layout = QVBoxLayout(self)
        layout.addWidget(self.about)
        layout.addLayout(top)
        layout.addWidget(self.status)
        layout.addStretch(1)
        self.archive: Path | None = None
        self._state: tuple[str, object] = ("idle", None)

    def _ask(self, suggested: Path) -> Path | None:
        chosen, _ = QFileDialog.getSaveFileName(self, self.tr("Export the logs"), str(suggested),
                                                self.tr("Zip archives (*.zip)"))
        return Path(chosen) if chosen else None

    def export(self) -> None:
        if not self.export_button.isEnabled():
            return
        stamp = datetime.now().strftime("%Y%m%d-%H%M")
        destination = self.choose_path(Path.home() / f"logs-{self.config.station_id}-{stamp}.zip")
        if destination is None:
            return
        self.export_button.setEnabled(False)
        self._state = ("exporting", destination)
        self._render()
        run_in_background(lambda: export_station_logs(self.config, self.setup, destination), self._done,
                          self._failed, self)

    def _done(self, archive: Path) -> None:
        self.export_button.setEnabled(True)
        self.archive, self._state = archive, ("done", archive)
        self._render()

    def _failed(self, error: Exception) -> None:
        self.export_button.setEnabled(True)
        self._state = ("failed", error)
        self._render()

    def _render(self) -> None:
        state, detail = self._state
        if state == "idle":
            text = self.tr("Log folder: %1").replace("%1", str(self.config.log_dir))
        elif state == "exporting":
            text = self.tr("Running the checks and writing %1…").replace("%1", str(detail))
        elif state == "failed":
            text = self.tr("The archive could not be written: %1").replace("%1", str(getattr(detail, "strerror", None)
                                                                                    or detail))
        else:
            text = self.tr("Written: %1").replace("%1", str(detail))
        self.status.setText(text)

    def retranslate(self) -> None:
        self.about.setText(self.tr("The archive holds the station's log files, masked again for personal data, "
                                   "and a manifest: station, version and the doctor's checks."))
        self.export_button.setText(self.tr("Export the logs… (Ctrl+E)"))
        self.export_button.setToolTip(self.tr("Write the redacted logs and the manifest as one .zip (Ctrl+E)"))
        self._render()
