"""The page's thumbnail: a small JPEG for lists and for the store's document record."""

from __future__ import annotations

import cv2
import numpy as np

from ..reduce import reduced

THUMB_WIDTH = 240
THUMB_QUALITY = 70


def thumbnail(image: np.ndarray, width: int = THUMB_WIDTH) -> bytes:
    """JPEG bytes of `image` (RGB or grey, any size) scaled to `width` pixels wide."""
    scale = min(1.0, width / image.shape[1])
    # halved by area averages first: OpenCV's area average is several times slower for other factors
    small = reduced(image, scale)
    if small.ndim == 3:
        small = cv2.cvtColor(small, cv2.COLOR_RGB2BGR)
    ok, data = cv2.imencode(".jpg", small, [cv2.IMWRITE_JPEG_QUALITY, THUMB_QUALITY])
    if not ok:
        raise RuntimeError("the thumbnail could not be encoded")
    return data.tobytes()
