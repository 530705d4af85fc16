"""Crop to the paper: find the sheet against the scanner's background or the camera's table.

The sheet is the largest bright region of a reduced grey copy; its minimum-area rectangle gives the
crop (centre, size, angle of the paper's edges). A page that fills the frame (white lid, pre-cropped
image) or no clear sheet leaves the image as it is.
"""

from __future__ import annotations

from dataclasses import dataclass

import cv2
import numpy as np

MIN_AREA = 0.20  # a sheet covers at least this share of the frame
FULL_FRAME = 0.985  # above this share of the frame the image is already the sheet
MIN_CONTRAST = 25  # grey levels between sheet and background


@dataclass(frozen=True)
class PaperRect:
    """The sheet in the coordinates of the image it was found in (x right, y down, degrees CCW)."""

    cx: float
    cy: float
    width: float
    height: float
    angle: float  # the sheet's edges are turned this many degrees counter-clockwise (|angle| ≤ 45)

    def scaled(self, factor: float) -> "PaperRect":
        return PaperRect(self.cx * factor, self.cy * factor, self.width * factor, self.height * factor, self.angle)

    def box(self) -> tuple[int, int, int, int]:
        """Axis-aligned x, y, w, h around the sheet."""
        corners = cv2.boxPoints(((self.cx, self.cy), (self.width, self.height), -self.angle))
        x0, y0 = np.floor(corners.min(axis=0))
        x1, y1 = np.ceil(corners.max(axis=0))
        return int(x0), int(y0), int(x1 - x0), int(y1 - y0)


def _median(gray: np.ndarray, mask: np.ndarray) -> float | None:
    """numpy's median of the grey levels where `mask` is set (None: nowhere), from their histogram: no
    copy of the pixels, no partition."""
    counts = np.cumsum(cv2.calcHist([gray], [0], mask, [256], [0, 256]).ravel().astype(np.int64))
    n = int(counts[-1])
    if n == 0:
        return None
    low, high = np.searchsorted(counts, [(n - 1) // 2 + 1, n // 2 + 1])  # the middle values' levels
    return (float(low) + float(high)) / 2


def find_paper(gray: np.ndarray) -> tuple[PaperRect | None, dict]:
    """The sheet in `gray` (reduced size), or None with the reason in the values."""
    h, w = gray.shape
    smooth = cv2.GaussianBlur(gray, (5, 5), 0)
    level, mask = cv2.threshold(smooth, 0, 255, cv2.THRESH_BINARY | cv2.THRESH_OTSU)
    bright, dark = _median(smooth, mask), _median(smooth, cv2.bitwise_not(mask))
    if bright is None or dark is None or bright - dark < MIN_CONTRAST:
        return None, {"reason": "no sheet stands out from the background"}
    # close the holes text makes in the sheet, open away bright specks on the background
    k = max(3, (min(h, w) // 100) | 1)
    mask = cv2.morphologyEx(mask, cv2.MORPH_CLOSE, cv2.getStructuringElement(cv2.MORPH_RECT, (k, k)))
    mask = cv2.morphologyEx(mask, cv2.MORPH_OPEN, cv2.getStructuringElement(cv2.MORPH_RECT, (k, k)))
    contours, _ = cv2.findContours(mask, cv2.RETR_EXTERNAL, cv2.CHAIN_APPROX_SIMPLE)
    if not contours:
        return None, {"reason": "no sheet found"}
    sheet = max(contours, key=cv2.contourArea)
    share = cv2.contourArea(sheet) / (h * w)
    if share < MIN_AREA:
        return None, {"reason": "the brightest region is too small to be the sheet", "share": round(share, 3)}
    (cx, cy), (rw, rh), angle = cv2.minAreaRect(sheet)
    # OpenCV's angle turns the width axis clockwise on screen (range [-90, 0) in 5.x, (0, 90] in 4.x):
    # make it counter-clockwise within ±45°, swapping the sides with each quarter
    angle = -angle
    while angle > 45:
        angle, rw, rh = angle - 90, rh, rw
    while angle < -45:
        angle, rw, rh = angle + 90, rh, rw
    rect = PaperRect(cx, cy, rw, rh, angle)
    if rw * rh / (h * w) > FULL_FRAME:
        return None, {"reason": "the sheet fills the frame", "share": round(share, 3)}
    return rect, {"share": round(share, 3)}
