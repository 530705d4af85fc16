"""Diagnostics mode: the technician's window. Its central widget is a stack whose first page is the
diagnostics content (`content`), so that a sign-in page can be put in front of it.

It shows device facts only, never a citizen's data.
"""

from __future__ import annotations

from pathlib import Path
from typing import Callable

from PySide6.QtWidgets import QMainWindow, QStackedWidget

from kiosk.config import Config
from kiosk.devices import DeviceSetup
from ui.devices import DeviceLists
from ui.diagnostics.content import DiagnosticsContent
from ui.i18n import Languages


class DiagnosticsWindow(QMainWindow):
    def __init__(self, config: Config, languages: Languages, device_lists: DeviceLists,
                 setup: DeviceSetup | None = None,
                 choose_log_path: Callable[[Path], Path | None] | None = None) -> None:
        super().__init__()
        self.setObjectName("diagnostics")
        self.config = config
        self.languages = languages
        self.device_lists = device_lists
        self.content = DiagnosticsContent(config, languages, device_lists, setup or DeviceSetup(), choose_log_path)
        self.stack = QStackedWidget(objectName="diagnostics-stack")
        self.stack.addWidget(self.content)
        self.setCentralWidget(self.stack)
        # the device lists, as the window has always offered them
        self.trees, self.states = self.content.trees, self.content.states
        languages.changed.connect(self.retranslate)
        self.retranslate()
        self.resize(1100, 760)

    def retranslate(self) -> None:
        self.setWindowTitle(self.tr("Digitisation point — diagnostics"))

    def closeEvent(self, event) -> None:
        self.content.stop()
        super().closeEvent(event)
