"""Diagnostics mode: the technician's window. Its central widget is a stack whose first page is the
diagnostics content (`content`); `kiosk start` puts the technician's sign-in page in front of it.

It shows device facts only, never a citizen's data.
"""

from __future__ import annotations

from pathlib import Path
from typing import Callable

from PySide6.QtWidgets import QMainWindow, QStackedWidget, QWidget

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
        self.technician = ""  # the login signed in, when a sign-in page guards the window
        self.content = DiagnosticsContent(config, languages, device_lists, setup or DeviceSetup(), choose_log_path)
        self.stack = QStackedWidget(objectName="diagnostics-stack")
        self.stack.addWidget(self.content)
        self.setCentralWidget(self.stack)
        # the device lists, as the window has always offered them
        self.trees, self.states = self.content.trees, self.content.states
        languages.changed.connect(self.retranslate)
        self.retranslate()
        self.resize(1100, 760)

    # --- sign-in (ui.sign_in.SignInGuard) ----------------------------------------------------------

    def add_front_page(self, page: QWidget) -> None:
        self.stack.addWidget(page)

    def show_front_page(self, page: QWidget) -> None:
        self.stack.setCurrentWidget(page)

    def signed_in_as(self, login: str) -> None:
        self.technician = login
        self.retranslate()
        self.stack.setCurrentWidget(self.content)

    def sign_out(self) -> None:
        self.content.stop()
        self.technician = ""
        self.retranslate()

    def retranslate(self) -> None:
        title = self.tr("Digitisation point — diagnostics")
        if self.technician:
            title += " · " + self.tr("Technician: %1").replace("%1", self.technician)
        self.setWindowTitle(title)

    def closeEvent(self, event) -> None:
        self.content.stop()
        super().closeEvent(event)
