"""A small horizontal bar chart drawn with QPainter (QtCharts is not installed): each bar with its
label and its value written beside it, so the numbers are read, not guessed from lengths."""

from __future__ import annotations

from PySide6.QtCore import QRectF, QSize, Qt
from PySide6.QtGui import QColor, QPainter, QPalette
from PySide6.QtWidgets import QSizePolicy, QWidget

BAR = QColor("#0b5ed7")  # 5.2:1 on white: a bar is a control-like graphic (≥ 3:1)
ALERT_BAR = QColor("#b02a37")


class BarChart(QWidget):
    def __init__(self, parent=None) -> None:
        super().__init__(parent)
        self.setObjectName("bar-chart")
        self._bars: list[tuple[str, float, str, bool]] = []  # label, value, value as text, alert
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Minimum)

    def set_bars(self, bars: list[tuple[str, float, str] | tuple[str, float, str, bool]], title: str = "") -> None:
        self._bars = [(b[0], float(b[1]), b[2], bool(b[3]) if len(b) > 3 else False) for b in bars]
        self.setAccessibleName(title)
        self.setAccessibleDescription("; ".join(f"{label}: {text}" for label, _, text, _ in self._bars))
        self.setToolTip(self.accessibleDescription())
        self.updateGeometry()
        self.update()

    def bars(self) -> list[tuple[str, float, str, bool]]:
        return list(self._bars)

    def _row_height(self) -> int:
        return self.fontMetrics().height() + 10

    def sizeHint(self) -> QSize:
        return QSize(420, max(1, len(self._bars)) * self._row_height() + 8)

    def minimumSizeHint(self) -> QSize:
        return QSize(240, self.sizeHint().height())

    def paintEvent(self, _event) -> None:
        painter = QPainter(self)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        metrics = self.fontMetrics()
        ink = self.palette().color(QPalette.ColorRole.WindowText)
        row = self._row_height()
        label_width = min(self.width() // 2, max((metrics.horizontalAdvance(b[0]) for b in self._bars), default=0) + 12)
        value_width = max((metrics.horizontalAdvance(b[2]) for b in self._bars), default=0) + 12
        room = max(10, self.width() - label_width - value_width - 8)
        top_value = max((b[1] for b in self._bars), default=0) or 1
        for number, (label, value, text, alert) in enumerate(self._bars):
            y = 4 + number * row
            painter.setPen(ink)
            painter.drawText(QRectF(0, y, label_width - 8, row), Qt.AlignmentFlag.AlignVCenter |
                             Qt.AlignmentFlag.AlignRight, metrics.elidedText(label, Qt.TextElideMode.ElideMiddle,
                                                                            label_width - 8))
            length = room * value / top_value
            painter.fillRect(QRectF(label_width, y + 3, max(length, 1 if value else 0), row - 6),
                             ALERT_BAR if alert else BAR)
            painter.drawText(QRectF(label_width + length + 6, y, value_width, row), Qt.AlignmentFlag.AlignVCenter,
                             text)
        painter.end()
