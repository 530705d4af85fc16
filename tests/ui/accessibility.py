"""A headless check of a shown Qt window against the numbers of DESIGN.md, "Screens people can use":
accessible names, touch targets and the gaps between them, text size, cut-off or overlapping text and
WCAG 2.x contrast. For tests: `check(window)` after `qtbot.waitExposed(window)`.

Colours for the contrast rule: the text colour is the widget's palette colour (style sheets write their
`color:` into the palette when the widget is polished, which tests/ui/test_accessibility_checks.py
pins); the background is the most common pixel of the widget's area in a grab of the whole window.
A grab of the widget alone would not do: it paints a widget without a background of its own on the
default palette, not on whatever its parents paint behind it.
"""

from __future__ import annotations

import itertools
import math
from collections import Counter

from PySide6 import QtGui
from PySide6.QtCore import QMargins, QPoint, QRect, Qt
from PySide6.QtGui import QAccessible, QColor, QFont, QFontInfo, QFontMetrics, QImage
from PySide6.QtWidgets import (
    QAbstractButton,
    QAbstractItemView,
    QAbstractSlider,
    QAbstractSpinBox,
    QCheckBox,
    QComboBox,
    QLabel,
    QLineEdit,
    QPushButton,
    QRadioButton,
    QStyle,
    QStyleOptionButton,
    QTabBar,
    QWidget,
)

INTERACTIVE = (QAbstractButton, QLineEdit, QComboBox, QAbstractSpinBox, QAbstractSlider, QAbstractItemView, QTabBar)
# Their inner editors are parts of one control, which speaks for them to assistive technology.
COMPOSITE = (QComboBox, QAbstractSpinBox)
BUTTON_CONTENTS = {
    QPushButton: QStyle.SubElement.SE_PushButtonContents,
    QCheckBox: QStyle.SubElement.SE_CheckBoxContents,
    QRadioButton: QStyle.SubElement.SE_RadioButtonContents,
}


def contrast_ratio(rgb1, rgb2) -> float:
    """WCAG 2.x contrast ratio of two colours, each (r, g, b) in 0..255 or a QColor: 1 to 21."""
    light, dark = sorted((_luminance(rgb1), _luminance(rgb2)), reverse=True)
    return (light + 0.05) / (dark + 0.05)


def check(window: QWidget, **limits) -> None:
    """Raise AssertionError listing every problem that `problems` finds."""
    found = problems(window, **limits)
    if found:
        raise AssertionError(f"{len(found)} accessibility problem(s):\n" + "\n".join(found))


def problems(window: QWidget, *, min_target_px: int = 44, min_gap_px: int = 10, min_text_px: int = 18) -> list[str]:
    """One line per problem of the window as shown now (only widgets visible in it)."""
    if not window.isVisible():
        raise ValueError("show the window (and wait until it is exposed) before checking it")
    # a widget scrolled out of its area is not seen; one scrolled partly out is judged by what shows
    widgets = [
        w
        for w in window.findChildren(QWidget)
        if w.isVisibleTo(window) and w.window() is window.window() and not _inside_composite(w, window)
        and not _shown(w, window).isEmpty()
    ]
    controls = [w for w in widgets if _interactive(w)]
    texts = [w for w in widgets if isinstance(w, (QLabel, QAbstractButton)) and w.text()]
    is_control, measured = set(controls), set(controls) | set(texts)
    rects = {w: _shown(w, window) for w in widgets if w in measured}
    found = []

    for w in controls:
        if not _accessible_name(w):
            found.append(f"{describe(w)}: no accessible name")
        if w.width() < min_target_px or w.height() < min_target_px:
            found.append(f"{describe(w)}: {w.width()}×{w.height()} px, smaller than {min_target_px}×{min_target_px} px")

    for a, b in itertools.combinations(rects, 2):
        if a.isAncestorOf(b) or b.isAncestorOf(a):
            continue
        if rects[a].intersects(rects[b]):
            found.append(f"{describe(a)} and {describe(b)}: overlap")
        elif a in is_control and b in is_control and (gap := _gap(rects[a], rects[b])) < min_gap_px:
            found.append(f"{describe(a)} and {describe(b)}: {gap:.0f} px apart, closer than {min_gap_px} px")

    image = window.grab().toImage().convertToFormat(QImage.Format.Format_RGB32)
    for w in texts:
        size = QFontInfo(w.font()).pixelSize()
        if size < min_text_px:
            found.append(f"{describe(w)}: text {size} px, smaller than {min_text_px} px")
        if cut := _cut_off(w):
            found.append(f"{describe(w)}: text cut off, {cut}")
        if low := _low_contrast(w, image, rects[w]):
            found.append(f"{describe(w)}: {low}")
    return found


def _shown(widget: QWidget, window: QWidget) -> QRect:
    """The part of the widget its ancestors leave in view (a scroll area clips what is scrolled away),
    in the window's coordinates; siblings drawn over it do not count (overlaps are a rule of their own)."""
    rect = QRect(widget.mapTo(window, QPoint(0, 0)), widget.size())
    parent = widget.parentWidget()
    while parent is not None and parent is not window:
        rect = rect.intersected(QRect(parent.mapTo(window, QPoint(0, 0)), parent.size()))
        parent = parent.parentWidget()
    return rect


def describe(widget: QWidget, length: int = 30) -> str:
    """Class, object name and the start of the text: `QPushButton#back "Quay lại"`."""
    name = type(widget).__name__ + (f"#{widget.objectName()}" if widget.objectName() else "")
    text = " ".join(_text(widget).split())
    if len(text) > length:
        text = text[: length - 1] + "…"
    return f'{name} "{text}"' if text else name


def _text(widget: QWidget) -> str:
    if isinstance(widget, QComboBox):
        return widget.currentText()
    if isinstance(widget, QLineEdit):
        return widget.text() or widget.placeholderText()
    if isinstance(widget, (QLabel, QAbstractButton)):
        return widget.text()
    return ""


def _interactive(widget: QWidget) -> bool:
    return isinstance(widget, INTERACTIVE) or widget.focusPolicy() != Qt.FocusPolicy.NoFocus


def _inside_composite(widget: QWidget, window: QWidget) -> bool:
    parent = widget.parentWidget()
    while parent is not None and parent is not window:
        if isinstance(parent, COMPOSITE):
            return True
        parent = parent.parentWidget()
    return False


def _accessible_name(widget: QWidget) -> str:
    interface = QAccessible.queryAccessibleInterface(widget)
    return interface.text(QAccessible.Text.Name).strip() if interface is not None else ""


def _gap(a: QRect, b: QRect) -> float:
    """Shortest distance between two rectangles that do not intersect (0 when they touch)."""
    dx = max(b.x() - (a.x() + a.width()), a.x() - (b.x() + b.width()), 0)
    dy = max(b.y() - (a.y() + a.height()), a.y() - (b.y() + b.height()), 0)
    return math.hypot(dx, dy)


def _cut_off(widget: QLabel | QAbstractButton) -> str:
    """What the text needs and what it has, or '' when it fits."""
    if isinstance(widget, QLabel) and widget.wordWrap():
        need = widget.heightForWidth(widget.width())
        return f"needs {need} px high, has {widget.height()} px" if need > widget.height() else ""
    if isinstance(widget, QLabel):
        if widget.textFormat() == Qt.TextFormat.RichText or (
            widget.textFormat() == Qt.TextFormat.AutoText and QtGui.Qt.mightBeRichText(widget.text())
        ):
            need, have = widget.sizeHint(), widget.size()  # the label's own layout of its HTML
        else:
            need = QFontMetrics(widget.font()).size(Qt.TextFlag.TextShowMnemonic, widget.text())
            m = widget.margin()
            have = widget.contentsRect().marginsRemoved(QMargins(m, m, m, m)).size()
    else:
        need = QFontMetrics(widget.font()).size(Qt.TextFlag.TextShowMnemonic, widget.text())
        if not widget.icon().isNull():
            need.setWidth(need.width() + widget.iconSize().width() + 4)  # Qt's gap between icon and text
        have = _button_contents(widget).size()
    if need.width() > have.width() or need.height() > have.height():
        return f"needs {need.width()}×{need.height()} px, has {have.width()}×{have.height()} px"
    return ""


def _button_contents(button: QAbstractButton) -> QRect:
    """The rectangle the style draws the label in (inside the bevel, the padding of a style sheet)."""
    element = next((e for cls, e in BUTTON_CONTENTS.items() if isinstance(button, cls)), None)
    if element is None:
        return button.contentsRect()
    option = QStyleOptionButton()
    option.initFrom(button)
    option.text, option.icon, option.iconSize = button.text(), button.icon(), button.iconSize()
    return button.style().subElementRect(element, option, button)


def _low_contrast(widget: QLabel | QAbstractButton, image: QImage, rect: QRect) -> str:
    if not widget.isEnabled():
        return ""  # WCAG 1.4.3 exempts inactive controls
    dpr = image.devicePixelRatio()
    area = QRect(round(rect.x() * dpr), round(rect.y() * dpr), round(rect.width() * dpr), round(rect.height() * dpr))
    area = area.intersected(image.rect())
    if area.isEmpty():
        return ""
    crop = image.copy(area)  # kept in a name: the memoryview does not keep the image alive
    background = QColor.fromRgb(Counter(memoryview(crop.constBits()).cast("I")).most_common(1)[0][0])
    text = widget.palette().color(widget.foregroundRole())
    info = QFontInfo(widget.font())
    large = info.pixelSize() >= 24 or (info.weight() >= QFont.Weight.Bold and info.pixelSize() >= 19)
    needed = 3.0 if large or isinstance(widget, QAbstractButton) else 4.5
    ratio = contrast_ratio(text, background)
    if ratio >= needed:
        return ""
    return f"contrast {ratio:.2f}:1, below {needed:g}:1 (text {text.name()} on {background.name()})"


def _luminance(colour) -> float:
    r, g, b = colour.getRgb()[:3] if isinstance(colour, QColor) else colour
    # the sRGB curve; WCAG 2.x prints 0.03928 for the threshold, which differs only below 1/255
    linear = [c / 255 / 12.92 if c / 255 <= 0.04045 else ((c / 255 + 0.055) / 1.055) ** 2.4 for c in (r, g, b)]
    return 0.2126 * linear[0] + 0.7152 * linear[1] + 0.0722 * linear[2]
