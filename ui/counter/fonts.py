"""Fonts of the counter's widgets: only what differs from the window's font is set, so that the size the
window gives (COUNTER_POINTS in ui.counter_window) still reaches every label."""

from __future__ import annotations

from PySide6.QtGui import QFont

COUNTER_POINTS = 12  # text size for an officer at a desktop screen
HEADING_POINTS = 15


def sized(points: int = COUNTER_POINTS) -> QFont:
    """A font that sets only the size: for widgets whose style gives them a font of their own class (a
    table's header) instead of the window's."""
    font = QFont()
    font.setPointSize(points)
    return font


def bold(points: int | None = None) -> QFont:
    """A font that sets only the weight (and the size when given): the rest is inherited."""
    font = QFont()
    font.setBold(True)
    if points is not None:
        font.setPointSize(points)
    return font
