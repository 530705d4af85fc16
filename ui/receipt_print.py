"""The receipt the citizen takes away, "Giấy tiếp nhận hồ sơ và hẹn trả kết quả": painted with QPainter on
any paint device, so one drawing feeds a printer (QPrinter), a PDF kept in memory (QPdfWriter) and an
image (QImage, for a preview or a test).

Its QR code sits in the top-left corner as Circular No. 01/2023/TT-VPCP of the Government Office asks
(issued 5 April 2023, in force 25 May 2023; summarised in LuatVietnam's English legal update "Application
of QR codes in receiving and handling administrative procedures"): a QR code of TCVN 7322:2009 (ISO/IEC
18004:2006), here at error correction level M with a quiet zone of 4 modules, whose text
(`kiosk.intake.receipt.qr_payload`) gives the dossier code, the procedure's code, the holder's
identification number, the document's name, the system's name, the time of issue and the appointment date.

The citizen's name and address are not printed: the circular asks for the holder's identification code
in the QR, nothing more, and a receipt is easily lost. That ID makes the receipt personal data all the
same: its PDF is made in memory and never written to a file (`Intake.keep_receipt` seals it in the
citizen's e-wallet on the station when no printer took it).

Vietnamese is always printed; when the kiosk speaks English, English goes under it. The labels are
English in the code (for Qt's lupdate, context "ReceiptPrint") and their Vietnamese comes from the
kiosk's translation file whatever language the application shows.

Page: A5 portrait. The kiosk paints it on a worker (Qt paints on printers, images and PDF writers off
the GUI thread too); the drawing is kept light all the same: about ten text blocks and the QR's modules
as one path of a rectangle per horizontal run.
"""

from __future__ import annotations

import logging
import math
from dataclasses import dataclass
from datetime import datetime
from enum import Enum
from functools import lru_cache
from typing import Callable

import segno
from PySide6.QtCore import (QT_TRANSLATE_NOOP, QBuffer, QByteArray, QIODevice, QMarginsF, QPointF, QRectF, Qt,
                            QTranslator)
from PySide6.QtGui import (QColor, QFont, QImage, QPageLayout, QPagedPaintDevice, QPageSize, QPainter, QPainterPath,
                           QPaintDevice, QPdfWriter, QPen)
from PySide6.QtPrintSupport import QPrinter, QPrinterInfo

from kiosk import SYSTEM_NAME
from kiosk.intake.receipt import RECEIPT_DOCUMENT_NAME, VIETNAM, Receipt, qr_payload
from kiosk.resources import TRANSLATIONS

from .training_mark import PAPER_BANNER, STRIP_PAPER, paint_watermark

log = logging.getLogger(__name__)

CONTEXT = "ReceiptPrint"
LANGUAGES = ("vi", "en")
PAGE_SIZE = QPageSize.PageSizeId.A5
PAGE_MM = (148.0, 210.0)  # A5 portrait
MARGIN_MM = 10.0
QR_MM = 27.0  # the symbol's side without its quiet zone, at least (the circular's summary fixes no size)
QR_QUIET_ZONE = 4  # modules, as ISO/IEC 18004 asks
QR_ERROR = "M"
PDF_DPI = 600
FONT_FAMILY = "DejaVu Sans"  # Debian's fonts-dejavu-core: every Vietnamese letter, with its marks
LABEL_MM = 40.0  # the labels' column
GAP_MM = 2.0

# the labels, English in the code; their Vietnamese from resources/translations/kiosk_vi.ts
TITLE = QT_TRANSLATE_NOOP("ReceiptPrint", "Receipt of the dossier and appointment for the result")
DOSSIER_CODE = QT_TRANSLATE_NOOP("ReceiptPrint", "Dossier code")
LOCAL_REFERENCE = QT_TRANSLATE_NOOP("ReceiptPrint", "Reference at this station")
LOCAL_REFERENCE_NOTE = QT_TRANSLATE_NOOP(
    "ReceiptPrint", "The official dossier code is given when the province's system receives the dossier.")
RECEIVED_AT = QT_TRANSLATE_NOOP("ReceiptPrint", "Received at")
PROCEDURE = QT_TRANSLATE_NOOP("ReceiptPrint", "Procedure")
RECEIVING_UNIT = QT_TRANSLATE_NOOP("ReceiptPrint", "Receiving unit")
DECIDING_UNIT = QT_TRANSLATE_NOOP("ReceiptPrint", "Deciding unit")
EXPECTED_RESULT = QT_TRANSLATE_NOOP("ReceiptPrint", "Expected result date")
NOT_FIXED = QT_TRANSLATE_NOOP("ReceiptPrint", "Not fixed")
WEEKENDS_ONLY = QT_TRANSLATE_NOOP("ReceiptPrint", "Counted in working days; public holidays are not counted yet.")
COMPONENTS = QT_TRANSLATE_NOOP("ReceiptPrint", "Components of the dossier")
HOW_PROVIDED = QT_TRANSLATE_NOOP("ReceiptPrint", "How provided")
PAGES = QT_TRANSLATE_NOOP("ReceiptPrint", "Pages")
HOW = {
    "scanned": QT_TRANSLATE_NOOP("ReceiptPrint", "Scanned at the station"),
    "e-wallet": QT_TRANSLATE_NOOP("ReceiptPrint", "From the e-wallet"),
    "shown in original": QT_TRANSLATE_NOOP("ReceiptPrint", "Original shown"),
    "not provided": QT_TRANSLATE_NOOP("ReceiptPrint", "Not provided"),
}
LOOK_UP = QT_TRANSLATE_NOOP(
    "ReceiptPrint", "To look up the dossier's status, scan the QR code in the top-left corner: it carries the "
    "dossier code and the date.")
ISSUED_BY = QT_TRANSLATE_NOOP("ReceiptPrint", "Issued by %1 at %2")


class PrintResult(str, Enum):
    PRINTED = "printed"
    NO_PRINTER = "no_printer"  # none set up, or not the one named: the caller keeps the PDF
    FAILED = "failed"


@dataclass(frozen=True)
class PrintOutcome:
    result: PrintResult
    printer: str | None = None
    detail: str = ""  # for the log: never personal data

    @property
    def printed(self) -> bool:
        return self.result is PrintResult.PRINTED


@lru_cache(maxsize=1)
def _vietnamese() -> QTranslator | None:
    translator = QTranslator()
    if translator.load(str(TRANSLATIONS / "kiosk_vi.qm")):
        return translator
    log.warning("receipt: %s is missing (run `packaging/dev setup`): labels in English", TRANSLATIONS / "kiosk_vi.qm")
    return None


class _Words:
    """The labels in Vietnamese, and in English too when the kiosk speaks English."""

    def __init__(self, language: str) -> None:
        if language not in LANGUAGES:
            raise ValueError(f"the receipt is printed in {' or '.join(LANGUAGES)}, not {language!r}")
        self.english = language == "en"
        self._translator = _vietnamese()

    def vi(self, source: str) -> str:
        return (self._translator.translate(CONTEXT, source) if self._translator else "") or source

    def lines(self, source: str) -> list[str]:
        return [self.vi(source), source] if self.english else [self.vi(source)]

    def both(self, source: str) -> str:
        return " / ".join(self.lines(source))


class _Page:
    """Drawing in millimetres on the device, a cursor going down the page, a new page when one is full."""

    def __init__(self, painter: QPainter, device: QPaintDevice, training: bool = False) -> None:
        self.painter, self.device = painter, device
        self.dpi = device.logicalDpiX()
        self.y = MARGIN_MM
        self.width = PAGE_MM[0] - 2 * MARGIN_MM
        self.training = training  # the training word across every page, beneath what is drawn on it
        self._mark()

    def _mark(self) -> None:
        if self.training:
            paint_watermark(self.painter, self.px(PAGE_MM[0]), self.px(PAGE_MM[1]))

    def px(self, mm: float) -> float:
        return mm * self.dpi / 25.4

    def mm(self, px: float) -> float:
        return px * 25.4 / self.dpi

    def font(self, points: float, bold: bool = False, italic: bool = False) -> QFont:
        font = QFont(FONT_FAMILY)
        font.setPointSizeF(points)
        font.setBold(bold)
        font.setItalic(italic)
        return font

    def text(self, x: float, width: float, text: str, font: QFont, y: float | None = None,
             align: Qt.AlignmentFlag = Qt.AlignmentFlag.AlignLeft, colour: QColor = QColor("black")) -> float:
        """Draws wrapped text in the box at (x, y or the cursor), `width` mm wide; its height in mm."""
        self.painter.setFont(font)
        self.painter.setPen(colour)
        box = QRectF(self.px(x), self.px(self.y if y is None else y), self.px(width), self.px(PAGE_MM[1]))
        flags = int(align | Qt.AlignmentFlag.AlignTop | Qt.TextFlag.TextWordWrap)
        return self.mm(self.painter.drawText(box, flags, text).height())  # what it drew: laid out once

    def measure(self, width: float, text: str, font: QFont) -> float:
        self.painter.setFont(font)
        box = QRectF(0, 0, self.px(width), self.px(PAGE_MM[1]))
        flags = int(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignTop | Qt.TextFlag.TextWordWrap)
        return self.mm(self.painter.boundingRect(box, flags, text).height())

    def room_for(self, height: float) -> None:
        """Goes to a new page when `height` mm do not fit on this one (paged devices; an image is one page)."""
        if self.y + height > PAGE_MM[1] - MARGIN_MM and isinstance(self.device, QPagedPaintDevice):
            if self.device.newPage():
                self.y = MARGIN_MM
                self._mark()

    def rule(self) -> None:
        """A thin line across the page at the cursor."""
        pen = QPen(QColor("black"))
        pen.setWidthF(self.px(0.2))
        self.painter.setPen(pen)
        y = self.px(self.y)
        self.painter.drawLine(QPointF(self.px(MARGIN_MM), y), QPointF(self.px(MARGIN_MM + self.width), y))


def _draw_qr(page: _Page, text: str) -> float:
    """The QR code at the page's top-left corner (its quiet zone inside the margin's corner), as filled
    rectangles on the device: vector on a printer or a PDF. Its side with the quiet zone, in mm."""
    code = segno.make(text, error=QR_ERROR, micro=False, boost_error=False)
    matrix = code.matrix  # rows of modules, 1 dark, without the quiet zone
    count = len(matrix)
    module = math.ceil(page.px(QR_MM) / count)  # whole device pixels: even modules on a raster device
    left = top = page.px(MARGIN_MM)  # the quiet zone's outer corner
    side = module * (count + 2 * QR_QUIET_ZONE)
    painter = page.painter
    painter.save()
    painter.setRenderHint(QPainter.RenderHint.Antialiasing, False)
    painter.fillRect(QRectF(left, top, side, side), QColor("white"))
    dark = QPainterPath()  # one path, one fill: a small PDF, a quick print job
    for row, modules in enumerate(matrix):
        y = top + (row + QR_QUIET_ZONE) * module
        column = 0
        while column < count:
            if modules[column]:
                run = column
                while run < count and modules[run]:
                    run += 1
                dark.addRect(QRectF(left + (column + QR_QUIET_ZONE) * module, y, (run - column) * module, module))
                column = run
            else:
                column += 1
    painter.fillPath(dark, QColor("black"))
    painter.restore()
    return page.mm(side)


def _set_a5(device: QPagedPaintDevice) -> None:
    """A5 portrait; no margins where the device allows it (a printer may refuse, which does not matter: it
    is set to paint from the paper's corner)."""
    device.setPageSize(QPageSize(PAGE_SIZE))
    device.setPageOrientation(QPageLayout.Orientation.Portrait)
    device.setPageMargins(QMarginsF(0, 0, 0, 0), QPageLayout.Unit.Millimeter)


def render_receipt(painter_device: QPaintDevice, receipt: Receipt, holder_id: str, official_code: str | None,
                   issued_at: datetime, language: str, training: bool = False) -> None:
    """Paints the receipt on the device: a printer or a PDF writer (set to A5 portrait here, and a new
    page if the components run over), or an image the size of an A5 page at its dots per metre (see
    `receipt_image`). `official_code`: the province's dossier code when it answered during the session,
    else None (the local reference stands in). `language`: "vi", or "en" for English under the Vietnamese.
    `training`: made at a training station, marked as such (a banner and the word across the page)."""
    words = _Words(language)
    payload = qr_payload(receipt, holder_id, official_code, issued_at, SYSTEM_NAME)
    if isinstance(painter_device, QPagedPaintDevice):
        _set_a5(painter_device)
    painter = QPainter()
    if not painter.begin(painter_device):
        raise RuntimeError("the receipt cannot be painted on this device")
    try:
        painter.setRenderHint(QPainter.RenderHint.TextAntialiasing, True)
        _paint(_Page(painter, painter_device, training), words, receipt, official_code, payload, issued_at)
    finally:
        painter.end()


def _paint(page: _Page, words: _Words, receipt: Receipt, official_code: str | None, payload: str,
           issued_at: datetime) -> None:
    small, body = page.font(7), page.font(8.5)
    label, label_en = page.font(8, bold=True), page.font(7, italic=True)
    grey = QColor(70, 70, 70)

    # the header: the QR code in the top-left corner, the receiving office and the system beside it
    qr_side = _draw_qr(page, payload)
    beside = MARGIN_MM + qr_side + 4
    width = PAGE_MM[0] - MARGIN_MM - beside
    y = MARGIN_MM + 2
    y += page.text(beside, width, receipt.receiving_unit_name.upper(), page.font(9, bold=True), y=y) + 1
    page.text(beside, width, SYSTEM_NAME, small, y=y, colour=grey)
    page.y = MARGIN_MM + qr_side + 3
    if page.training:
        banner = page.font(8.5, bold=True)
        height = page.measure(page.width - 4, PAPER_BANNER, banner) + 3
        page.painter.fillRect(QRectF(page.px(MARGIN_MM), page.px(page.y), page.px(page.width), page.px(height)),
                              QColor(STRIP_PAPER))
        page.text(MARGIN_MM + 2, page.width - 4, PAPER_BANNER, banner, y=page.y + 1.5,
                  align=Qt.AlignmentFlag.AlignHCenter)
        page.y += height + 3

    # the title: the document's name as Circular 01/2023/TT-VPCP names it, in English under it if asked
    page.y += page.text(MARGIN_MM, page.width, RECEIPT_DOCUMENT_NAME.upper(), page.font(11.5, bold=True),
                        align=Qt.AlignmentFlag.AlignHCenter) + 0.5
    if words.english:
        page.y += page.text(MARGIN_MM, page.width, TITLE, page.font(9, italic=True),
                            align=Qt.AlignmentFlag.AlignHCenter)
    page.y += 3

    received = receipt.received_at.astimezone(VIETNAM)
    if official_code:
        code_label, code, note = DOSSIER_CODE, official_code.upper(), None
    else:
        code_label, code, note = LOCAL_REFERENCE, receipt.local_reference, words.both(LOCAL_REFERENCE_NOTE)
    if receipt.expected_result is None:
        expected, expected_note = words.both(NOT_FIXED), None
    else:
        expected = receipt.expected_result.strftime("%d/%m/%Y")
        expected_note = None if receipt.holidays_counted else words.both(WEEKENDS_ONLY)
    rows = [
        (code_label, code, note, True),
        (RECEIVED_AT, received.strftime("%H:%M, %d/%m/%Y"), None, False),
        (PROCEDURE, f"{receipt.procedure_code} – {receipt.procedure_name}", None, False),
        (RECEIVING_UNIT, f"{receipt.receiving_unit_name} ({receipt.receiving_unit})", None, False),
        (DECIDING_UNIT, f"{receipt.competent_unit_name} ({receipt.competent_unit})", None, False),
        (EXPECTED_RESULT, expected, expected_note, True),
    ]
    value_x, value_width = MARGIN_MM + LABEL_MM + GAP_MM, page.width - LABEL_MM - GAP_MM
    for source, value, value_note, strong in rows:
        value_font = page.font(9, bold=True) if strong else body
        labels = words.lines(source)
        height = max(sum(page.measure(LABEL_MM, t, f) for t, f in zip(labels, (label, label_en))),
                     page.measure(value_width, value, value_font)
                     + (page.measure(value_width, value_note, small) if value_note else 0))
        page.room_for(height)
        top = page.y
        for text, font in zip(labels, (label, label_en)):
            page.y += page.text(MARGIN_MM, LABEL_MM, text, font, colour=QColor("black") if font is label else grey)
        y = top + page.text(value_x, value_width, value, value_font, y=top)
        if value_note:
            page.text(value_x, value_width, value_note, small, y=y, colour=grey)
        page.y = top + height + 1.8

    # the components: name, how each was provided, pages
    page.room_for(12)
    page.y += 1
    page.y += page.text(MARGIN_MM, page.width, words.both(COMPONENTS), label) + 1
    pages_width, how_width = 12.0, 34.0
    name_width = page.width - pages_width - how_width - 2 * GAP_MM
    how_x, pages_x = MARGIN_MM + name_width + GAP_MM, MARGIN_MM + name_width + how_width + 2 * GAP_MM
    head = [(how_x, how_width, words.both(HOW_PROVIDED), Qt.AlignmentFlag.AlignLeft),
            (pages_x, pages_width, words.both(PAGES), Qt.AlignmentFlag.AlignRight)]
    page.y += max(page.text(x, w, t, label_en, align=a, colour=grey) for x, w, t, a in head) + 0.8
    page.rule()
    page.y += 1
    for number, component in enumerate(receipt.components, start=1):
        name = f"{number}. {component.name}"
        how = words.both(HOW.get(component.how, component.how))
        pages = str(component.pages) if component.pages else "–"
        height = max(page.measure(name_width, name, body), page.measure(how_width, how, small))
        page.room_for(height)
        page.text(MARGIN_MM, name_width, name, body)
        page.text(how_x, how_width, how, small)
        page.text(pages_x, pages_width, pages, body, align=Qt.AlignmentFlag.AlignRight)
        page.y += height + 1.2
    page.rule()
    page.y += 3

    # how to look the dossier up, and who issued the receipt when
    for i, text in enumerate(words.lines(LOOK_UP)):
        page.room_for(page.measure(page.width, text, body))
        page.y += page.text(MARGIN_MM, page.width, text, page.font(8.5, italic=i > 0)) + 0.8
    page.y += 2
    when = issued_at.astimezone(VIETNAM).strftime("%H:%M:%S, %d/%m/%Y")
    for i, text in enumerate(words.lines(ISSUED_BY)):
        text = text.replace("%1", SYSTEM_NAME).replace("%2", when)
        page.room_for(page.measure(page.width, text, small))
        page.y += page.text(MARGIN_MM, page.width, text, page.font(7, italic=i > 0), colour=grey)


def receipt_image(receipt: Receipt, holder_id: str, official_code: str | None, issued_at: datetime,
                  language: str, dpi: int = 150, training: bool = False) -> QImage:
    """The receipt as an A5 image at `dpi` (a preview; the tests read its QR code back)."""
    image = page_image(PAGE_MM, dpi)
    render_receipt(image, receipt, holder_id, official_code, issued_at, language, training)
    return image


def page_image(page_mm: tuple[float, float], dpi: int) -> QImage:
    """A white page of `page_mm` at `dpi`, its dots per metre set: what a preview is painted on."""
    width, height = (round(mm * dpi / 25.4) for mm in page_mm)
    image = QImage(width, height, QImage.Format.Format_RGB32)
    image.setDotsPerMeterX(round(dpi / 0.0254))
    image.setDotsPerMeterY(round(dpi / 0.0254))
    image.fill(QColor("white"))
    return image


def receipt_pdf(receipt: Receipt, holder_id: str, official_code: str | None, issued_at: datetime,
                language: str, training: bool = False) -> bytes:
    """The receipt as a PDF (A5, fonts embedded), made in memory: it holds the holder's ID in its QR code,
    so it is never written to a file; `Intake.keep_receipt` seals it in the citizen's e-wallet."""
    data = QByteArray()
    buffer = QBuffer(data)
    buffer.open(QIODevice.OpenModeFlag.WriteOnly)
    writer = QPdfWriter(buffer)
    writer.setResolution(PDF_DPI)
    writer.setTitle(RECEIPT_DOCUMENT_NAME)  # the metadata names the document and the system, nobody
    writer.setCreator(SYSTEM_NAME)
    try:
        render_receipt(writer, receipt, holder_id, official_code, issued_at, language, training)  # ends the PDF
    finally:
        buffer.close()
    return bytes(data.data())


def print_receipt(receipt: Receipt, holder_id: str, official_code: str | None, issued_at: datetime,
                  language: str, printer_name: str | None = None, training: bool = False) -> PrintOutcome:
    """Prints the receipt on the named printer, or the default one when no name is given. Any thread may
    call it (Qt paints on printers, images and PDF writers outside the GUI thread too): it takes as long
    as `receipt_pdf`, the spooling is the print system's. A named printer that is not there is not replaced by another: NO_PRINTER, and the
    caller keeps the PDF."""
    return print_on(printer_name, "receipt",
                    lambda printer: render_receipt(printer, receipt, holder_id, official_code, issued_at, language,
                                                   training))


def find_printer(printer_name: str | None) -> QPrinterInfo | None:
    """The printer of that name, or the default one (else the first set up) when no name is given; None
    when there is none. A named printer that is not there is not replaced by another."""
    if printer_name:
        info = QPrinterInfo.printerInfo(printer_name)
        return None if info.isNull() else info
    info = QPrinterInfo.defaultPrinter()
    if info.isNull():
        available = QPrinterInfo.availablePrinters()
        return available[0] if available else None
    return info


def print_on(printer_name: str | None, job_name: str, render: Callable[[QPrinter], None]) -> PrintOutcome:
    """Paints one document with `render` on the printer `find_printer` gives, painting from the paper's
    corner as on the PDF. `job_name` is what the print system logs: nothing personal."""
    info = find_printer(printer_name)
    if info is None:
        return PrintOutcome(PrintResult.NO_PRINTER, printer_name or None,
                            "no printer of that name" if printer_name else "no printer set up")
    printer = QPrinter(info, QPrinter.PrinterMode.HighResolution)
    printer.setFullPage(True)  # coordinates from the paper's corner, as on the PDF
    printer.setDocName(job_name)
    printer.setCreator(SYSTEM_NAME)
    try:
        render(printer)
    except RuntimeError as error:
        log.warning("%s not printed on %s: %s", job_name, info.printerName(), error)
        return PrintOutcome(PrintResult.FAILED, info.printerName(), str(error))
    if printer.printerState() == QPrinter.PrinterState.Error:
        log.warning("%s not printed on %s: the print system reported an error", job_name, info.printerName())
        return PrintOutcome(PrintResult.FAILED, info.printerName(), "the print system reported an error")
    return PrintOutcome(PrintResult.PRINTED, info.printerName())
