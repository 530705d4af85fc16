"""Doctor: `kiosk doctor`'s checks, run on a worker, each with its result and its fix."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QHBoxLayout, QLabel, QPushButton, QVBoxLayout, QWidget

from kiosk.config import Config
from kiosk.devices import DeviceSetup
from kiosk.doctor import run_checks, worst
from ui.diagnostics.common import add_shortcut, fill, table
from ui.workers import run_in_background


class DoctorPage(QWidget):
    def __init__(self, config: Config, setup: DeviceSetup) -> None:
        super().__init__()
        self.config, self.setup = config, setup
        self.run_button = QPushButton(objectName="doctor-run", clicked=self.run)
        add_shortcut(self, "Ctrl+D", self.run)
        self.status = QLabel(objectName="doctor-status", wordWrap=True)
        self.checks_tree = table(4, "doctor-checks")
        self.details = QLabel(objectName="doctor-details", wordWrap=True)
        self.details.setTextInteractionFlags(self.details.textInteractionFlags() | Qt.TextInteractionFlag.TextSelectableByMouse)
        self.checks_tree.currentItemChanged.connect(lambda *_: self._show_details())
        top = QHBoxLayout()
        top.addWidget(self.run_button)
        top.addWidget(self.status, 1)
        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addWidget(self.checks_tree, 1)
        layout.addWidget(self.details)
        self.checks: list | None = None
        self._state: tuple[str, object] = ("idle", None)

    def run(self) -> None:
        if not self.run_button.isEnabled():
            return
        self.run_button.setEnabled(False)
        self._state = ("running", None)
        self._render()
        run_in_background(lambda: run_checks(self.config, self.setup), self._done, self._failed, self)

    def _done(self, checks: list) -> None:
        self.run_button.setEnabled(True)
        self.checks, self._state = checks, ("done", checks)
        self._render()

    def _failed(self, error: Exception) -> None:
        self.run_button.setEnabled(True)
        self._state = ("failed", error)
        self._render()

    def _render(self) -> None:
        results = {"ok": self.tr("ok"), "warning": self.tr("warning"), "failed": self.tr("failed")}
        state, detail = self._state
        if state == "idle":
            text = self.tr("Checks the readers, scanners, cameras, face model, endpoint, data folder, trust store "
                           "and catalogs.")
        elif state == "running":
            text = self.tr("Running the checks…")
        elif state == "failed":
            text = self.tr("The checks could not run: %1").replace("%1", str(detail))
        else:
            text = self.tr("Overall: %1").replace("%1", results[worst(detail)])
        self.status.setText(text)
        if self.checks is not None:
            fill(self.checks_tree, [[results.get(c.result, c.result), c.name, c.detail, c.fix] for c in self.checks])
            worst_first = next((i for i, c in enumerate(self.checks) if c.result != "ok"), 0)
            self.checks_tree.setCurrentItem(self.checks_tree.topLevelItem(worst_first))
        self._show_details()

    def _show_details(self) -> None:
        """The whole detail and fix of the chosen check (the table cuts long ones short)."""
        row = self.checks_tree.indexOfTopLevelItem(self.checks_tree.currentItem()) if self.checks_tree.currentItem() else -1
        if self.checks is None or row < 0:
            self.details.setText(self.tr("Choose a check to read its detail and fix in full."))
            return
        check = self.checks[row]
        text = f"{check.name}: {check.detail}"
        if check.fix:
            text += "\n" + self.tr("Fix: %1").replace("%1", check.fix)
        self.details.setText(text)

    def retranslate(self) -> None:
        self.run_button.setText(self.tr("Run kiosk doctor (Ctrl+D)"))
        self.run_button.setToolTip(self.tr("The same checks as `kiosk doctor` on the command line (Ctrl+D)"))
        self.checks_tree.setHeaderLabels([self.tr("Result"), self.tr("Check"), self.tr("Detail"), self.tr("Fix")])
        self._render()
