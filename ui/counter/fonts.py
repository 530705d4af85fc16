"""Fonts of the counter's widgets: only what differs from the window's font is set, so that the size the
window gives (COUNTER_POINTS in ui.counter_window) still reaches every label."""

from __future__ import annotations

from PySide6.QtGui import QFont

HEADING_POINTS = 15


def bold(points: int | None = None) -> QFont:
    """A font that sets only the weight (and the size when given): the rest is inherited."""
    font = QFont()
    font.setBold(True)
    if points is not None:
        font.setPointSize(points)
    return font
