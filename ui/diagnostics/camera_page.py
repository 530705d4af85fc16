"""Camera: a coarse preview (light, framing and movement show; no face can be recognised and no code
read from it), its sharpness, the QR test (how many codes, how long: never what they say) and the face
model check."""

from __future__ import annotations

import numpy as np
from PySide6.QtCore import QObject, Qt, Signal
from PySide6.QtWidgets import QGridLayout, QHBoxLayout, QLabel, QPushButton, QVBoxLayout, QWidget

from kiosk.config import Config
from kiosk.diagnostics.camera_test import PREVIEW_WIDTH, QrTestResult, camera_qr_test, coarse_preview, sharpness
from kiosk.diagnostics.face_check import FaceCheckResult, face_model_check
from ui.diagnostics.common import CAMERA_MOSAIC, add_shortcut, ms, rgb_pixmap, show_picture, table
from ui.workers import run_in_background


class _Frames(QObject):
    """Hands the stream thread's previews to the GUI thread."""

    frame = Signal(object, float)
    status = Signal(str)


class CameraPage(QWidget):
    def __init__(self, config: Config) -> None:
        super().__init__()
        self.config = config
        self.tree = table(2, "cameras-list")
        self.state = QLabel(objectName="cameras-state", wordWrap=True)
        self.preview = QLabel(objectName="camera-preview", alignment=Qt.AlignmentFlag.AlignCenter)
        self.preview.setFixedSize(PREVIEW_WIDTH, PREVIEW_WIDTH * 3 // 4)
        self.preview.setStyleSheet("background: #202020; color: #f0f0f0;")
        self.preview_button = QPushButton(objectName="camera-preview-button", clicked=self.toggle_preview,
                                          checkable=True)
        add_shortcut(self, "Ctrl+P", self.toggle_preview)
        self.qr_button = QPushButton(objectName="camera-qr-test", clicked=self.qr_test)
        add_shortcut(self, "Ctrl+Q", self.qr_test)
        self.face_button = QPushButton(objectName="face-check", clicked=self.face_check)
        add_shortcut(self, "Ctrl+F", self.face_check)
        self.sharpness = QLabel(objectName="camera-sharpness")
        self.in_use = QLabel(objectName="camera-in-use", wordWrap=True)
        self.qr_result = QLabel(objectName="camera-qr-result", wordWrap=True)
        self.face_result = QLabel(objectName="face-result", wordWrap=True)

        buttons = QGridLayout()
        buttons.addWidget(self.preview_button, 0, 0)
        buttons.addWidget(self.sharpness, 1, 0)
        buttons.addWidget(self.qr_button, 2, 0)
        buttons.addWidget(self.qr_result, 3, 0)
        buttons.addWidget(self.face_button, 4, 0)
        buttons.addWidget(self.face_result, 5, 0)
        buttons.setRowStretch(6, 1)
        lower = QHBoxLayout()
        lower.addWidget(self.preview, 0, Qt.AlignmentFlag.AlignTop)
        lower.addLayout(buttons, 1)
        layout = QVBoxLayout(self)
        self.tree.setMaximumHeight(120)
        layout.addWidget(self.tree)
        layout.addWidget(self.state)
        layout.addWidget(self.in_use)
        layout.addLayout(lower, 1)

        self._frames = _Frames(self)
        self._frames.frame.connect(self._show_frame)
        self._frames.status.connect(self._camera_status)
        self._stream = None
        self._sharpness: float | None = None
        self._camera_code = ""
        self._qr: tuple[str, object] = ("idle", None)
        self._face: tuple[str, object] = ("idle", None)

    # --- preview -------------------------------------------------------------------------------

    def toggle_preview(self) -> None:
        if self._stream is None:
            self.start_preview()
        else:
            self.stop_preview()

    def start_preview(self) -> None:
        from drivers.camera.capture import FrameStream

        if self._stream is not None:
            return
        frames = self._frames

        def on_frame(image: np.ndarray, at: float) -> None:  # the stream's thread: the frame never leaves it
            frames.frame.emit(coarse_preview(image), sharpness(image))

        self._stream = FrameStream(self.config.camera or 0, on_frame, frames.status.emit, max_fps=5)
        self._stream.start()
        self.preview_button.setChecked(True)
        self._render()

    def stop_preview(self) -> None:
        stream, self._stream = self._stream, None
        self.preview_button.setChecked(False)
        if stream is not None:
            run_in_background(stream.stop, lambda _: None, lambda _: None, self)
        self.preview.clear()
        self.preview.setProperty("pixmap_source", None)
        self._render()

    def _show_frame(self, mosaic: np.ndarray, measured: float) -> None:
        if self._stream is None:
            return  # a frame sent just before the preview was stopped
        show_picture(self.preview, rgb_pixmap(mosaic).scaled(self.preview.size(), Qt.AspectRatioMode.KeepAspectRatio),
                     CAMERA_MOSAIC)
        self._sharpness = measured
        self._render()

    def _camera_status(self, code: str) -> None:
        self._camera_code = code
        self._render()

    # --- QR test and face check ----------------------------------------------------------------

    def qr_test(self) -> None:
        if not self.qr_button.isEnabled():
            return
        self.qr_button.setEnabled(False)
        self._qr = ("running", None)
        self._render()
        run_in_background(lambda: camera_qr_test(self.config.camera or 0), self._qr_done, self._qr_failed, self)

    def _qr_done(self, result: QrTestResult) -> None:
        self.qr_button.setEnabled(True)
        self._qr = ("done", result)
        self._render()

    def _qr_failed(self, error: Exception) -> None:
        self.qr_button.setEnabled(True)
        self._qr = ("failed", error)
        self._render()

    def face_check(self) -> None:
        if not self.face_button.isEnabled():
            return
        self.face_button.setEnabled(False)
        self._face = ("running", None)
        self._render()
        run_in_background(lambda: face_model_check(self.config.face_threshold, own_process=True), self._face_done,
                          self._face_failed, self)

    def _face_done(self, result: FaceCheckResult) -> None:
        self.face_button.setEnabled(True)
        self._face = ("done", result)
        self._render()

    def _face_failed(self, error: Exception) -> None:
        self.face_button.setEnabled(True)
        self._face = ("failed", error)
        self._render()

    # --- texts ---------------------------------------------------------------------------------

    def _render(self) -> None:
        if self._stream is None:
            self.preview.setText(self.tr("Preview stopped"))
        problems = {"camera.missing": self.tr("no camera"), "camera.busy": self.tr("the camera is busy"),
                    "camera.lost": self.tr("the camera was lost"), "camera.corrupt_frame": self.tr("a frame was corrupt"),
                    "camera.ended": self.tr("the video ended")}
        sharp = self.tr("Sharpness: %1").replace("%1", "—" if self._sharpness is None else f"{self._sharpness:,.0f}")
        if self._camera_code in problems:
            sharp += " · " + problems[self._camera_code]
        self.sharpness.setText(sharp)
        state, detail = self._qr
        if state == "idle":
            text = self.tr("Hold a test card's front to the camera.")
        elif state == "running":
            text = self.tr("Looking for a QR code…")
        elif state == "failed":
            text = self.tr("The camera gave no picture: %1").replace("%1", str(detail))
        elif not detail.codes:
            text = (self.tr("No QR code found (%1 × %2 pixels, %3).").replace("%1", str(detail.frame_size[0]))
                    .replace("%2", str(detail.frame_size[1])).replace("%3", ms(detail.ms)))
        else:
            text = (self.tr("QR found, %n characters, read in %1.", "", detail.characters[0])
                    .replace("%1", ms(detail.ms)))
        self.qr_result.setText(text)
        state, detail = self._face
        if state == "idle":
            text = self.tr("Loads the face model and encodes a sample face (not shown).")
        elif state == "running":
            text = self.tr("Loading the face model…")
        elif state == "failed":
            text = self.tr("The face model check failed: %1").replace("%1", str(detail))
        else:
            text = (self.tr("Face model OK: loaded in %1, face found in %2, encoded in %3 (%4 values), "
                            "threshold %5.").replace("%1", ms(detail.load_ms)).replace("%2", ms(detail.find_ms))
                    .replace("%3", ms(detail.encode_ms)).replace("%4", str(detail.values))
                    .replace("%5", f"{detail.threshold:.2f}"))
        self.face_result.setText(text)

    def retranslate(self) -> None:
        self.tree.setHeaderLabels([self.tr("Camera"), self.tr("Source")])
        self.in_use.setText(self.tr("Camera in use (setting camera): %1")
                            .replace("%1", self.config.camera or self.tr("the first camera")))
        self.preview_button.setText(self.tr("Preview (Ctrl+P)"))
        self.preview_button.setToolTip(self.tr("A coarse preview: enough to check light and framing, too coarse "
                                               "to recognise a face or read a code (Ctrl+P)"))
        self.preview.setAccessibleName(self.tr("Coarse camera preview"))
        self.qr_button.setText(self.tr("QR test (Ctrl+Q)"))
        self.qr_button.setToolTip(self.tr("Look for a QR code in the camera's frames: only its length is shown "
                                          "(Ctrl+Q)"))
        self.face_button.setText(self.tr("Face model check (Ctrl+F)"))
        self.face_button.setToolTip(self.tr("Load the face model and encode a sample face (Ctrl+F)"))
        self._render()
