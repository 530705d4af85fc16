"""Deskew: the small angle (±15°) by which the text lines are turned, from projection profiles.

The ink pixels of a reduced, binarised page are projected onto the axis across the lines for each
trial angle; the profile is sharpest (largest sum of squares) when the lines lie flat. Lines may run
across the page or, on a sheet turned by a quarter, down it: both families are tried and the sharper
one wins, which also tells the orientation step whether the lines run vertically.
"""

from __future__ import annotations

import cv2
import numpy as np

MAX_ANGLE = 15.0
MAX_POINTS = 20_000  # ink pixels kept for the fine search (evenly sampled): plenty for a sharp profile
COARSE_POINTS = 8_000  # and for the 1° steps over ±15°
MIN_POINTS = 200  # fewer ink pixels than this: nothing to measure (blank or near-blank page)


EDGE = 0.03  # share of each side left out: the sheet's edges and the background's slivers are straight
# lines that would outvote the text
MIN_CONFIDENCE = 1.5  # best profile vs the median one: text lines score 2.5-3.5, a signature about 1.2


def ink_mask(gray: np.ndarray) -> np.ndarray:
    """Dark marks on the paper (255) against a locally estimated background (0), edges left out."""
    block = max(15, (min(gray.shape) // 30) | 1)
    mask = cv2.adaptiveThreshold(gray, 255, cv2.ADAPTIVE_THRESH_MEAN_C, cv2.THRESH_BINARY_INV, block, 15)
    edge = max(2, round(EDGE * min(gray.shape)))
    mask[:edge], mask[-edge:], mask[:, :edge], mask[:, -edge:] = 0, 0, 0, 0
    return mask


def _points(mask: np.ndarray, limit: int = MAX_POINTS) -> np.ndarray:
    found = cv2.findNonZero(mask)  # x, y in row order, as numpy's nonzero gives them at a third of the time
    if found is None:
        return np.zeros((2, 0), np.float32)
    found = found.reshape(-1, 2)
    step = max(1, len(found) // limit)
    pts = np.ascontiguousarray(found[::step].T).astype(np.float32)
    return pts - pts.mean(axis=1, keepdims=True)


def _sharpness(pts: np.ndarray, angles: np.ndarray, vertical: bool) -> np.ndarray:
    """Sum of squares of the projection profile for each angle (degrees, counter-clockwise)."""
    x, y = pts
    radians = np.radians(np.asarray(angles, dtype=np.float64))
    cos, sin = np.cos(radians).astype(x.dtype)[:, None], np.sin(radians).astype(x.dtype)[:, None]
    # coordinate across the lines once the page is turned back by each angle (one row per angle), and
    # every angle's profile counted at once: each row's bins shifted past the previous rows'
    across = (x * cos + y * sin) if vertical else (y * cos - x * sin)
    bins = np.round(across).astype(np.int64)
    low = bins.min(axis=1)
    widths = bins.max(axis=1) - low + 1
    starts = np.concatenate(([0], np.cumsum(widths)[:-1]))
    hist = np.bincount((bins + (starts - low)[:, None]).ravel(), minlength=int(widths.sum()))
    return np.add.reduceat(hist * hist, starts).astype(np.float64)


def estimate_skew(gray: np.ndarray, max_angle: float = MAX_ANGLE) -> dict:
    """{"angle": degrees CCW the lines are turned, "vertical": lines run down the page,
    "confidence": how much sharper the best profile is than the flat one, "points": ink used}.
    "angle" is None when there is too little ink, or no clear lines, to tell."""
    mask = ink_mask(gray)
    pts = _points(mask)
    if pts.shape[1] < MIN_POINTS:
        return {"angle": None, "vertical": False, "confidence": 0.0, "points": int(pts.shape[1])}
    few = pts[:, :: max(1, pts.shape[1] // COARSE_POINTS)]  # the coarse search needs far fewer points
    coarse = np.arange(-max_angle, max_angle + 0.01, 1.0)
    families = {vertical: _sharpness(few, coarse, vertical) for vertical in (False, True)}
    vertical = max(families, key=lambda v: families[v].max())
    angle = float(coarse[int(np.argmax(families[vertical]))])
    for span, step in ((1.0, 0.1), (0.1, 0.02)):
        trial = np.arange(angle - span, angle + span + step / 2, step)
        scores = _sharpness(pts, trial, vertical)
        angle = float(trial[int(np.argmax(scores))])
    flat = float(np.median(families[vertical]))
    peak = float(_sharpness(few, np.array([angle]), vertical)[0])
    confidence = peak / flat if flat else 0.0
    if confidence < MIN_CONFIDENCE:  # no text lines to speak of (a signature, a photo): leave the page
        return {"angle": None, "vertical": False, "confidence": round(confidence, 2), "points": int(pts.shape[1])}
    return {"angle": round(angle, 2), "vertical": vertical, "confidence": round(confidence, 2),
            "points": int(pts.shape[1])}
