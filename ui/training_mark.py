"""Training marked where a trainee or a citizen could mistake it for the real thing: a strip across the top of
the counter's and the kiosk's windows, and on paper (the slips, the kiosk's receipt) a banner and a word
across every page. A training station's config says so (`config.training`)."""

from __future__ import annotations

from PySide6.QtCore import QPointF, QRectF, Qt
from PySide6.QtGui import QColor, QFont, QPainter
from PySide6.QtWidgets import QLabel, QWidget

# black on amber: 12.6:1, and a colour no other part of the station uses
STRIP_INK, STRIP_PAPER = "#000000", "#ffc107"
# on paper the forms are Vietnamese; the English word too, for the trainer of another province's team
PAPER_BANNER = "BẢN IN ĐÀO TẠO (TRAINING) — không phải hồ sơ thật, không có giá trị pháp lý"
PAPER_WATERMARK = "ĐÀO TẠO · TRAINING"


class TrainingStrip(QLabel):
    """The strip across the top of a training station's window: it takes its own row, hiding no control."""

    def __init__(self, font_size: str = "16pt", parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("training_strip")
        self.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.setWordWrap(True)
        # its own style sheet: the kiosk's (large text, high contrast) does not repaint it
        self.setStyleSheet(f"QLabel#training_strip {{ background: {STRIP_PAPER}; color: {STRIP_INK}; "
                           f"font-size: {font_size}; font-weight: bold; padding: 6px 12px; "
                           f"border-bottom: 4px solid {STRIP_INK}; }}")
        self.retranslate()

    def retranslate(self) -> None:
        self.setText(self.tr("TRAINING — not a real dossier"))
        self.setAccessibleName(self.text())


def paint_watermark(painter: QPainter, width: float, height: float) -> None:
    """The training word across a page of `width` × `height` device pixels, light enough to read the
    slip through it; painted before the page's content."""
    painter.save()
    font = QFont("DejaVu Sans")
    font.setBold(True)
    font.setPixelSize(max(8, round(width / 11)))
    painter.setFont(font)
    painter.setPen(QColor(176, 42, 55, 70))
    painter.translate(QPointF(width / 2, height / 2))
    painter.rotate(-55 if height > width else -30)
    span = (width ** 2 + height ** 2) ** 0.5
    painter.drawText(QRectF(-span / 2, -width / 6, span, width / 3), int(Qt.AlignmentFlag.AlignCenter),
                     PAPER_WATERMARK)
    painter.restore()
