"""Scanners: the SANE devices, the options of the one chosen with what each accepts, and a test scan
with the time of each pipeline step and the page it made."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QHBoxLayout, QLabel, QPushButton, QSpinBox, QVBoxLayout, QWidget

from kiosk.diagnostics.scan_test import ScanTestResult, run_scan_test, scanner_options
from ui.diagnostics.common import SCAN_THUMBNAIL, add_shortcut, fill, jpeg_pixmap, ms, show_picture, table
from ui.workers import run_in_background

THUMBNAIL_HEIGHT = 300


class ScannersPage(QWidget):
    def __init__(self, sane_config_dir: Path | None) -> None:
        super().__init__()
        self.sane_config_dir = sane_config_dir
        self.tree = table(3, "scanners-list")
        self.state = QLabel(objectName="scanners-state", wordWrap=True)
        self.options = table(3, "scanner-options")
        self.options_button = QPushButton(objectName="scanner-options-button", clicked=self.show_options)
        self.dpi_label = QLabel()
        self.dpi = QSpinBox(objectName="scan-dpi", minimum=75, maximum=600, value=150, singleStep=25)
        self.dpi_label.setBuddy(self.dpi)
        self.scan_button = QPushButton(objectName="scan-test", clicked=self.test_scan)
        add_shortcut(self, "Ctrl+T", self.test_scan)
        self.status = QLabel(objectName="scan-status", wordWrap=True)
        self.timings = table(2, "scan-timings")
        self.page = QLabel(objectName="scan-page", alignment=Qt.AlignmentFlag.AlignCenter)
        self.page.setMinimumSize(THUMBNAIL_HEIGHT * 210 // 297, THUMBNAIL_HEIGHT)

        controls = QHBoxLayout()
        controls.addWidget(self.options_button)
        controls.addStretch(1)
        controls.addWidget(self.dpi_label)
        controls.addWidget(self.dpi)
        controls.addWidget(self.scan_button)
        results = QHBoxLayout()
        results.addWidget(self.timings, 1)
        results.addWidget(self.page)
        layout = QVBoxLayout(self)
        self.tree.setMaximumHeight(120)
        layout.addWidget(self.tree)
        layout.addWidget(self.state)
        layout.addLayout(controls)
        layout.addWidget(self.options, 2)
        layout.addWidget(self.status)
        layout.addLayout(results, 2)
        self._state: tuple[str, object] = ("idle", None)
        self.result: ScanTestResult | None = None

    def chosen_device(self) -> str | None:
        item = self.tree.currentItem() or self.tree.topLevelItem(0)
        return item.text(0) if item is not None else None

    def show_options(self) -> None:
        device = self.chosen_device()
        if device is None:
            self._set("no-scanner", None)
            return
        self.options_button.setEnabled(False)
        run_in_background(lambda: scanner_options(self.sane_config_dir, device), self._options_came,
                          self._options_failed, self)

    def _options_came(self, options: list) -> None:
        self.options_button.setEnabled(True)
        fill(self.options, [[option.name, "" if option.value is None else option.value, self._accepts(option)]
                            for option in options])

    def _options_failed(self, error: Exception) -> None:
        self.options_button.setEnabled(True)
        self._set("failed", error)

    def _accepts(self, option) -> str:
        if option.is_range:
            low, high, step = option.constraint
            return f"{low:g} … {high:g}" + (f" (± {step:g})" if step else "")
        if option.choices:
            return " | ".join(map(str, option.choices))
        return "" if option.active else self.tr("(inactive)")

    def test_scan(self) -> None:
        if not self.scan_button.isEnabled():
            return
        device, dpi = self.chosen_device(), self.dpi.value()
        self.scan_button.setEnabled(False)
        self._set("scanning", None)
        run_in_background(lambda: run_scan_test(self.sane_config_dir, device, dpi=dpi), self._scanned,
                          self._scan_failed, self)

    def _scanned(self, result: ScanTestResult) -> None:
        self.scan_button.setEnabled(True)
        self.result = result
        pixmap = jpeg_pixmap(result.thumbnail_jpeg)
        show_picture(self.page, pixmap.scaledToHeight(THUMBNAIL_HEIGHT, Qt.TransformationMode.SmoothTransformation),
                     SCAN_THUMBNAIL)
        self._set("scanned", result)

    def _scan_failed(self, error: Exception) -> None:
        self.scan_button.setEnabled(True)
        self._set("failed", error)

    def _set(self, state: str, detail: object) -> None:
        self._state = (state, detail)
        self._render()

    def _render(self) -> None:
        state, detail = self._state
        if state == "idle":
            text = self.tr("Put a test sheet (not a citizen's document) on the flatbed, then start a test scan.")
        elif state == "no-scanner":
            text = self.tr("No scanner is listed.")
        elif state == "scanning":
            text = self.tr("Scanning a test page…")
        elif state == "failed":
            text = self.tr("The scanner failed: %1").replace("%1", str(detail))
        else:
            result: ScanTestResult = detail
            text = (self.tr("Scanned on %1 at %2 dpi: %3 × %4 pixels.").replace("%1", result.device)
                    .replace("%2", str(result.dpi)).replace("%3", str(result.size[0])).replace("%4", str(result.size[1])))
            if result.flags:
                text += " " + self.tr("The pipeline flagged: %1.").replace("%1", ", ".join(result.flags))
        self.status.setText(text)
        if self.result is not None:
            steps = {"total": self.tr("Pipeline, in all")}
            fill(self.timings, [[self.tr("Scanning (the scanner's time)"), ms(self.result.acquire_ms)]]
                 + [[steps.get(name, name), ms(value)] for name, value in self.result.steps_ms.items()])

    def retranslate(self) -> None:
        self.tree.setHeaderLabels([self.tr("Device"), self.tr("Model"), self.tr("Type")])
        self.options.setHeaderLabels([self.tr("Option"), self.tr("Value"), self.tr("Accepts")])
        self.timings.setHeaderLabels([self.tr("Step"), self.tr("Time")])
        self.options_button.setText(self.tr("Show options"))
        self.options_button.setToolTip(self.tr("The chosen scanner's options and the values each accepts"))
        self.dpi_label.setText(self.tr("&Resolution (dpi):"))
        self.scan_button.setText(self.tr("Test scan (Ctrl+T)"))
        self.scan_button.setToolTip(self.tr("Scan one page from the flatbed and time each pipeline step (Ctrl+T)"))
        self.page.setAccessibleName(self.tr("The test page"))
        self._render()
