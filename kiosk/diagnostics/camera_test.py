"""The camera for the technician: a preview coarse enough that no face can be recognised and no code
read from it (the camera looks where citizens stand and hold up their cards), a focus measure, and the
QR test, which says how many codes were found and how long they are, never what they say."""

from __future__ import annotations

import os
import time
from dataclasses import dataclass

import cv2
import numpy as np

PREVIEW_WIDTH = 320
PREVIEW_BLOCKS = 24  # blocks across the preview: a face is two or three blocks wide, a QR code one or two


def coarse_preview(image: np.ndarray, width: int = PREVIEW_WIDTH, blocks: int = PREVIEW_BLOCKS) -> np.ndarray:
    """A BGR (or grey) frame as an RGB mosaic `width` pixels wide: light, colour, framing and movement
    show; faces and codes do not."""
    if image.ndim == 2:
        image = cv2.cvtColor(image, cv2.COLOR_GRAY2BGR)
    h, w = image.shape[:2]
    across, down = blocks, max(1, round(blocks * h / w))
    tiny = cv2.resize(image, (across, down), interpolation=cv2.INTER_AREA)
    height = max(1, round(width * h / w))
    return np.ascontiguousarray(cv2.cvtColor(cv2.resize(tiny, (width, height), interpolation=cv2.INTER_NEAREST),
                                             cv2.COLOR_BGR2RGB))


def sharpness(image: np.ndarray) -> float:
    """The variance of the Laplacian of the frame in grey: higher is sharper (for focusing the camera)."""
    gray = cv2.cvtColor(image, cv2.COLOR_BGR2GRAY) if image.ndim == 3 else image
    return float(cv2.Laplacian(gray, cv2.CV_64F).var())


@dataclass(frozen=True)
class QrTestResult:
    codes: int
    characters: tuple[int, ...]  # the length of each code's text: its text is a citizen's data
    ms: float
    frame_size: tuple[int, int]
    sharpness: float


def qr_test(image: np.ndarray) -> QrTestResult:
    from drivers.camera.qr_reader import decode_qr

    started = time.perf_counter()
    texts = decode_qr(image)
    ms = round((time.perf_counter() - started) * 1000, 1)
    lengths = tuple(len(text) for text in texts)
    del texts
    return QrTestResult(len(lengths), lengths, ms, (image.shape[1], image.shape[0]), round(sharpness(image), 1))


def camera_qr_test(source: str | int | os.PathLike, frames: int = 30) -> QrTestResult:
    """Reads frames from the camera until one holds a QR code, or `frames` were tried; the result of the
    last frame tried. Raises drivers.camera.capture.CameraError."""
    from drivers.camera.capture import CameraError, open_camera

    camera = open_camera(source, loop=True)
    result: QrTestResult | None = None
    problem: CameraError | None = None
    try:
        for _ in range(frames):
            try:
                frame = camera.read().image
            except CameraError as error:
                problem = error
                time.sleep(0.05)
                continue
            result = qr_test(frame)
            frame.fill(0)  # it may show a face or a card
            if result.codes:
                break
    finally:
        camera.close()
    if result is None:
        raise problem or CameraError("camera.missing", "the camera gave no frame")
    return result


def grab_frame(source: str | int | os.PathLike, attempts: int = 20) -> np.ndarray:
    """One frame (BGR) from the camera, opened and closed here. Raises drivers.camera.capture.CameraError."""
    from drivers.camera.capture import CameraError, open_camera

    camera = open_camera(source, loop=True)
    try:
        for attempt in range(attempts):
            try:
                return camera.read().image
            except CameraError:
                if attempt == attempts - 1:
                    raise
                time.sleep(0.05)
        raise AssertionError("unreachable")
    finally:
        camera.close()
