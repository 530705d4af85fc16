"""Card test: a test read with the test card's CAN (typed, hidden) or the keys from its QR code through
the camera; the time of each step, what the reading proved, and the APDU trace with every data field
masked. The holder's identity never reaches this screen."""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QGridLayout, QHBoxLayout, QLabel, QLineEdit, QPlainTextEdit, QPushButton, QSplitter, QVBoxLayout, QWidget,
)

from kiosk.config import Config
from kiosk.diagnostics.card_test import CardTestResult, keys_from_can, run_card_test
from ui.diagnostics.common import add_shortcut, fill, monospace, ms, table
from ui.workers import run_in_background


def _trust(config: Config):
    from drivers.card.trust import TrustStore, TrustStoreError
    from kiosk.content import active_content

    folder = active_content(config).trust_store  # the province's content's, else trust_store
    if not folder.is_dir():
        return None
    try:
        return TrustStore.load(folder)
    except TrustStoreError:
        return None  # reported by the reading as "passive authentication not done"


def _test_read(config: Config, keys) -> CardTestResult:
    return run_card_test(keys, trust=_trust(config))


def _keys_from_camera(config: Config):
    """The card's keys from its QR code: frames are read until one holds it (a video or a folder may show
    the card's face a few frames in), from one opening of the camera."""
    from drivers.camera.capture import CameraError, open_camera
    from kiosk.intake.card import CardProblem, keys_from_qr

    camera = open_camera(config.camera or 0, loop=True)
    last: Exception | None = None
    try:
        for _ in range(30):
            try:
                frame = camera.read().image
            except CameraError as error:
                last = error
                continue
            try:
                return keys_from_qr(frame)
            except CardProblem as problem:
                last = problem
            finally:
                frame.fill(0)
    finally:
        camera.close()
    raise last or RuntimeError("the camera gave no frame")


class CardTestPage(QWidget):
    """`tested(CardTestResult)` after each test read that succeeded."""

    tested = Signal(object)

    def __init__(self, config: Config) -> None:
        super().__init__()
        self.config = config
        self.can = QLineEdit(objectName="card-can", maxLength=6, echoMode=QLineEdit.EchoMode.Password)
        self.can_label = QLabel()
        self.can_label.setBuddy(self.can)
        self.from_camera = QPushButton(objectName="card-keys-from-camera", clicked=self.keys_from_camera)
        self.read_button = QPushButton(objectName="card-read", clicked=self.test_read)
        add_shortcut(self, "Ctrl+R", self.test_read)
        self.can.returnPressed.connect(self.test_read)
        self.status = QLabel(objectName="card-status", wordWrap=True)
        self.timings = table(2, "card-timings")
        self.checks = table(2, "card-checks")
        self.trace = QPlainTextEdit(objectName="card-trace", readOnly=True)
        self.trace.setFont(monospace())
        self.trace.setLineWrapMode(QPlainTextEdit.LineWrapMode.NoWrap)

        keys = QGridLayout()
        keys.addWidget(self.can_label, 0, 0)
        keys.addWidget(self.can, 0, 1)
        keys.addWidget(self.from_camera, 0, 2)
        keys.addWidget(self.read_button, 0, 3)
        keys.setColumnStretch(1, 1)
        tables = QHBoxLayout()
        tables.addWidget(self.timings, 1)
        tables.addWidget(self.checks, 1)
        upper = QWidget()
        upper_layout = QVBoxLayout(upper)
        upper_layout.setContentsMargins(0, 0, 0, 0)
        upper_layout.addLayout(keys)
        upper_layout.addWidget(self.status)
        upper_layout.addLayout(tables)
        split = QSplitter(Qt.Orientation.Vertical)
        split.addWidget(upper)
        split.addWidget(self.trace)
        layout = QVBoxLayout(self)
        layout.addWidget(split)
        self._camera_keys = None
        self._state: tuple[str, object] = ("idle", None)
        self.result: CardTestResult | None = None

    def keys_from_camera(self) -> None:
        self._set("camera", None)
        self.from_camera.setEnabled(False)
        run_in_background(lambda: _keys_from_camera(self.config), self._camera_keys_came, self._camera_failed, self)

    def _camera_keys_came(self, keys) -> None:
        self.from_camera.setEnabled(True)
        self._camera_keys = keys
        self.can.clear()
        self._set("camera-keys", None)

    def _camera_failed(self, error: Exception) -> None:
        self.from_camera.setEnabled(True)
        self._set("camera-failed", error)

    def test_read(self) -> None:
        if not self.read_button.isEnabled():
            return
        keys, self._camera_keys = self._camera_keys, None
        if self.can.text():
            try:
                keys = keys_from_can(self.can.text())
            except ValueError:
                self.can.clear()
                self._set("bad-can", None)
                return
        self.can.clear()  # the CAN is part of an ID number: not kept on screen
        if keys is None:
            self._set("no-keys", None)
            return
        self.read_button.setEnabled(False)
        self._set("reading", None)
        run_in_background(lambda: _test_read(self.config, keys), self._read, self._failed, self)

    def _read(self, result: CardTestResult) -> None:
        self.read_button.setEnabled(True)
        self.result = result
        self._set("read", result)
        self.trace.setPlainText("\n".join(f"{line.at_ms:9.1f} ms  {line.line}  ({line.ms:.1f} ms)"
                                          for line in result.trace))
        self.tested.emit(result)

    def _failed(self, error: Exception) -> None:
        self.read_button.setEnabled(True)
        self._set("failed", error)

    def _set(self, state: str, detail: object) -> None:
        self._state = (state, detail)
        self._render()

    def _render(self) -> None:
        state, detail = self._state
        texts = {
            "idle": self.tr("Put a test card on the reader, type its CAN or read its keys from the camera, then "
                            "start the test read."),
            "camera": self.tr("Looking for the card's QR code…"),
            "camera-keys": self.tr("The keys were read from the card's QR code: start the test read."),
            "bad-can": self.tr("A CAN is 6 digits."),
            "no-keys": self.tr("Type the test card's CAN, or read its keys from the camera first."),
            "reading": self.tr("Reading the card…"),
        }
        if state == "camera-failed":
            text = self.tr("No card keys from the camera: %1").replace("%1", str(detail))
        elif state == "failed":
            text = self.tr("The test read failed: %1").replace("%1", str(detail))
        elif state == "read":
            result: CardTestResult = detail
            text = (self.tr("Read OK in %1 with %2, %3 commands (%4 extended-length), %5 bytes.")
                    .replace("%1", ms(result.total_ms)).replace("%2", result.access)
                    .replace("%3", str(len(result.trace))).replace("%4", str(result.extended_commands))
                    .replace("%5", f"{result.bytes_read:,}"))
            text += " " + (self.tr("The card is proven genuine.") if result.genuine
                           else self.tr("The card is NOT proven genuine."))
            if result.resumed:
                text += " " + self.tr("The card left the field %n time(s) and the reading went on.", "",
                                      result.resumed)
        else:
            text = texts[state]
        self.status.setText(text)
        result = self.result
        names = {"access": self.tr("Opening the chip (PACE or BAC)"),
                 "chip_authentication": self.tr("Chip authentication"),
                 "active_authentication": self.tr("Active authentication"),
                 "passive_authentication": self.tr("Passive authentication")}
        outcomes = {"passed": self.tr("passed"), "failed": self.tr("failed"), "not_done": self.tr("not done"),
                    "unavailable": self.tr("unavailable")}
        checks = {"passive_auth": self.tr("Passive authentication (data signed by the issuer)"),
                  "chip_auth": self.tr("Chip authentication (not a copy)"),
                  "active_auth": self.tr("Active authentication (not a copy)")}
        if result is not None:
            fill(self.timings, [[names.get(step, self.tr("Reading %1").replace("%1", step)), ms(value)]
                                for step, value in result.timings_ms.items()] + [[self.tr("Total"), ms(result.total_ms)]])
            fill(self.checks, [[checks.get(name, name), outcomes.get(value, value)]
                               for name, value in result.checks.items()])

    def retranslate(self) -> None:
        self.can_label.setText(self.tr("Test card's &CAN:"))
        self.can.setPlaceholderText(self.tr("6 digits, hidden"))
        self.can.setAccessibleName(self.tr("Test card's CAN"))
        self.from_camera.setText(self.tr("Keys from the camera"))
        self.from_camera.setToolTip(self.tr("Read the access keys from the QR code on the test card's front"))
        self.read_button.setText(self.tr("Test read (Ctrl+R)"))
        self.read_button.setToolTip(self.tr("Read the test card once and time each step (Ctrl+R)"))
        self.timings.setHeaderLabels([self.tr("Step"), self.tr("Time")])
        self.checks.setHeaderLabels([self.tr("Check"), self.tr("Result")])
        self.trace.setPlaceholderText(self.tr("The APDU trace appears here: header, sizes and status word of "
                                              "each command; data is never shown."))
        self._render()
