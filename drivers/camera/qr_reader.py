"""Reading QR codes from a camera frame or an image file (pyzbar, with OpenCV's detector as a second try)."""

from __future__ import annotations

from pathlib import Path

import cv2
import numpy as np
from pyzbar import pyzbar


class UnreadableImage(Exception):
    pass


def load_image(path: Path | str) -> np.ndarray:
    image = cv2.imread(str(path), cv2.IMREAD_GRAYSCALE)
    if image is None:
        raise UnreadableImage(f"{Path(path).name} is not an image we can read")
    return image


def decode_qr(image: np.ndarray | Path | str) -> list[str]:
    """Texts of the QR codes in the image (UTF-8), possibly none. Frames are tried as they are, then
    downscaled (camera frames are large and noisy) and with OpenCV's own detector."""
    gray = load_image(image) if isinstance(image, (str, Path)) else _gray(image)
    for candidate in (gray, _scaled(gray, 0.5)):
        found = [symbol.data for symbol in pyzbar.decode(candidate, symbols=[pyzbar.ZBarSymbol.QRCODE])]
        if found:
            return [_text(data) for data in found]
    text, _points, _ = cv2.QRCodeDetector().detectAndDecode(gray)
    return [text] if text else []


def _gray(image: np.ndarray) -> np.ndarray:
    return cv2.cvtColor(image, cv2.COLOR_BGR2GRAY) if image.ndim == 3 else image


def _scaled(image: np.ndarray, factor: float) -> np.ndarray:
    return cv2.resize(image, None, fx=factor, fy=factor, interpolation=cv2.INTER_AREA)


def _text(data: bytes) -> str:
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError:  # zbar sometimes re-encodes bytes it took for another charset
        return data.decode("latin-1").encode("latin-1").decode("utf-8", errors="replace")
