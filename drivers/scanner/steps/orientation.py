"""Orientation: the quarter turns (0, 90, 180, 270° counter-clockwise) that bring a text page upright.

Lines across or down the page come from the deskew step's projection. Up from down comes from the
asymmetry of text lines: more ink sits above the x-height band (capitals, ascenders b d h k l t, and in
Vietnamese the many marks above letters: ´ ` ? ~ ^ ˘) than below it (g p q y and the dot below).
Ruled lines (form leaders, tables) are removed first: they would sit under the text and mislead.
"""

from __future__ import annotations

import cv2
import numpy as np

from .deskew import ink_mask

MIN_LINES = 3  # fewer text lines than this: orientation unknown, the page is left as it is
MIN_MARGIN = 0.04  # |above - below| / (above + below) below this: too close to call


def _without_rules(mask: np.ndarray) -> np.ndarray:
    width = max(15, mask.shape[1] // 12)
    rules = cv2.morphologyEx(mask, cv2.MORPH_OPEN, cv2.getStructuringElement(cv2.MORPH_RECT, (width, 1)))
    return cv2.subtract(mask, cv2.dilate(rules, np.ones((3, 1), np.uint8)))


def _line_asymmetry(mask: np.ndarray) -> tuple[float, int]:
    """(above − below) / (above + below) summed over text lines, and the number of lines used."""
    profile = (mask > 0).sum(axis=1).astype(np.float64)
    if profile.max() <= 0:
        return 0.0, 0
    rows = profile > 0.02 * profile.max()
    edges = np.flatnonzero(np.diff(np.concatenate([[0], rows.astype(np.int8), [0]])))
    segments = [(a, b) for a, b in zip(edges[::2], edges[1::2]) if b - a >= 4]
    if not segments:
        return 0.0, 0
    median_height = float(np.median([b - a for a, b in segments]))
    above = below = 0.0
    used = 0
    for a, b in segments:
        if b - a > 3 * median_height:  # a picture, a signature, merged lines: no clear x-height band
            continue
        line = profile[a:b]
        core = np.flatnonzero(line >= 0.5 * line.max())
        top, bottom = core[0], core[-1]
        above += line[:top].sum()
        below += line[bottom + 1:].sum()
        used += 1
    total = above + below
    return (float((above - below) / total) if total else 0.0), used


def detect_orientation(straight_gray: np.ndarray, lines_vertical: bool) -> dict:
    """{"quarter_turns": CCW quarter turns to apply, "margin": the up/down asymmetry, "lines": count}.
    `straight_gray` is the deskewed page; `lines_vertical` comes from the deskew step.
    "quarter_turns" is None when the page has too little text to tell."""
    mask = ink_mask(straight_gray)
    first = 0
    if lines_vertical:  # turn a quarter so that the lines run across, then decide up or down
        mask = cv2.rotate(mask, cv2.ROTATE_90_COUNTERCLOCKWISE)
        first = 1
    margin, lines = _line_asymmetry(_without_rules(mask))
    if lines < MIN_LINES or abs(margin) < MIN_MARGIN:
        return {"quarter_turns": None, "margin": round(margin, 3), "lines": lines, "lines_vertical": lines_vertical}
    turns = first if margin > 0 else (first + 2) % 4
    return {"quarter_turns": turns, "margin": round(margin, 3), "lines": lines, "lines_vertical": lines_vertical}
