"""Where the paper goes, drawn and moving: a sheet slides face down onto the scanner's glass into the
corner with the arrow (flatbed), or into the feeder's tray, top first, face up (feeder). A picture says
it to a citizen who reads little; the words beside it say it to one who cannot see it."""

from __future__ import annotations

from PySide6.QtCore import QEasingCurve, QPointF, QRectF, Qt, QVariantAnimation
from PySide6.QtGui import QColor, QPainter, QPainterPath, QPen, QPolygonF
from PySide6.QtWidgets import QWidget

SCANNER = QColor("#495057")
GLASS = QColor("#cfe2ff")
SHEET = QColor("#ffffff")
MARK = QColor("#b02a37")  # the corner the sheet goes to: also drawn as an arrow, never colour alone


class PaperGuide(QWidget):
    def __init__(self, source: str = "flatbed", parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("paper_guide")
        self.setFixedSize(240, 180)
        self.source = source
        self._progress = 0.0  # 0: the sheet beside the scanner; 1: in place
        self._animation = QVariantAnimation(self, startValue=0.0, endValue=1.0, duration=2400, loopCount=-1)
        self._animation.setEasingCurve(QEasingCurve.Type.InOutCubic)
        self._animation.valueChanged.connect(self._step)

    def start(self) -> None:
        self._animation.start()

    def stop(self) -> None:
        self._animation.stop()
        self._progress = 1.0
        self.update()

    def _step(self, value: float) -> None:
        # the sheet moves for the first two thirds of the loop and rests in place for the last third
        self._progress = min(1.0, value * 1.5)
        self.update()

    def paintEvent(self, event) -> None:  # noqa: N802 (Qt's name)
        painter = QPainter(self)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        if self.source == "feeder":
            self._paint_feeder(painter)
        else:
            self._paint_flatbed(painter)
        painter.end()

    def _paint_flatbed(self, painter: QPainter) -> None:
        body = QRectF(20, 50, 200, 120)
        glass = body.adjusted(12, 12, -12, -12)
        painter.setPen(QPen(SCANNER, 3))
        painter.setBrush(SCANNER.lighter(250))
        painter.drawRoundedRect(body, 10, 10)
        painter.setBrush(GLASS)
        painter.drawRect(glass)
        self._corner_arrow(painter, glass.topLeft())
        # the sheet comes from above, turning over (face down: its lines hidden) as it lands in the corner
        start, end = QPointF(glass.left() + 100, 0), glass.topLeft()
        at = start + (end - start) * self._progress
        sheet = QRectF(at, glass.size() * 0.8)
        self._sheet(painter, sheet, face_up=self._progress < 0.5)

    def _paint_feeder(self, painter: QPainter) -> None:
        tray = QPolygonF([QPointF(40, 20), QPointF(200, 20), QPointF(220, 120), QPointF(20, 120)])
        painter.setPen(QPen(SCANNER, 3))
        painter.setBrush(SCANNER.lighter(250))
        painter.drawRoundedRect(QRectF(10, 120, 220, 50), 10, 10)
        painter.drawPolygon(tray)
        self._corner_arrow(painter, QPointF(120, 126), down=True)
        # the sheets slide down the tray top first, face up
        top = 20 + 60 * self._progress
        self._sheet(painter, QRectF(60, top, 120, 70), face_up=True)

    def _sheet(self, painter: QPainter, rect: QRectF, face_up: bool) -> None:
        painter.setPen(QPen(SCANNER, 2))
        painter.setBrush(SHEET)
        painter.drawRect(rect)
        if face_up:  # lines of text: the side that is read
            painter.setPen(QPen(SCANNER.lighter(160), 2))
            for row in range(1, 5):
                y = rect.top() + row * rect.height() / 6
                painter.drawLine(QPointF(rect.left() + 8, y), QPointF(rect.right() - 8, y))

    def _corner_arrow(self, painter: QPainter, corner: QPointF, down: bool = False) -> None:
        painter.setPen(QPen(MARK, 4, Qt.PenStyle.SolidLine, Qt.PenCapStyle.RoundCap))
        painter.setBrush(MARK)
        path = QPainterPath()
        if down:
            path.moveTo(corner + QPointF(0, -30))
            path.lineTo(corner)
            head = [corner + QPointF(-8, -10), corner, corner + QPointF(8, -10)]
        else:
            path.moveTo(corner + QPointF(24, 24))
            path.lineTo(corner + QPointF(4, 4))
            head = [corner + QPointF(4, 18), corner + QPointF(4, 4), corner + QPointF(18, 4)]
        painter.drawPath(path)
        painter.drawPolyline(QPolygonF(head))
