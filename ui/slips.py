"""The one-stop slips on A4, from the HTML templates in `resources/slips/` (model forms 01-03 of Circular
01/2018/TT-VPCP; each template names its source): the receipt with the appointment date ("Giấy tiếp nhận
hồ sơ và hẹn trả kết quả", `kiosk.intake.receipt.Receipt`, with the QR code of Circular 01/2023/TT-VPCP in
its top-left corner), the request for supplement and the refusal (`kiosk.intake.slips`).

    slip_document(kind, data, ...)  -> QTextDocument   a preview, or anything Qt prints
    slip_pdf(kind, data, ...)       -> bytes           A4, made in memory
    slip_image(kind, data, ...)     -> QImage          the first page (a preview; the screenshots)
    print_slip(kind, data, printer_name, ...)          a printer through Qt's print system, else a PDF

`kind` is "receipt", "supplement" or "refusal". The dossier code printed is the official one when the
province gave it (`official_code`), else the station's local reference marked as such: reprinting a
receipt with its official code is the same call with `official_code`.

The slips carry the citizen's name and ID number, as the forms ask, and are handed to the citizen: every
value is HTML-escaped into the template, nothing is logged, and a PDF is written to a file only where the
caller names a folder for it (`print_slip(pdf_folder=...)`). Vietnamese is always printed (the slips are
official forms); language "en" adds short English glosses under the Vietnamese.
"""

from __future__ import annotations

import html
import io
import logging
import re
import string
from dataclasses import dataclass
from datetime import date, datetime
from functools import lru_cache
from pathlib import Path
from typing import Any

import segno
from PySide6.QtCore import QBuffer, QByteArray, QIODevice, QMarginsF, QRectF, QSizeF, QUrl
from PySide6.QtGui import (QFont, QImage, QPageLayout, QPagedPaintDevice, QPageSize, QPainter, QPaintDevice,
                           QPdfWriter, QTextDocument)

from kiosk import SYSTEM_NAME
from kiosk.intake.receipt import VIETNAM, Receipt, qr_payload
from kiosk.intake.slips import Refusal, SupplementRequest
from kiosk.private_files import private_folder, private_opener
from kiosk.resources import RESOURCES

from .receipt_print import QR_ERROR, QR_MM, QR_QUIET_ZONE, PrintOutcome, PrintResult, page_image, print_on
from .training_mark import PAPER_BANNER, paint_watermark

log = logging.getLogger(__name__)

TEMPLATES = RESOURCES / "slips"
KINDS = ("receipt", "supplement", "refusal")
LANGUAGES = ("vi", "en")
PAGE_MM = (210.0, 297.0)  # A4 portrait
# Decree 30/2020/NĐ-CP (administrative documents): top and bottom 20-25 mm, left 30-35 mm, right 15-20 mm
MARGINS_MM = (30.0, 20.0, 15.0, 20.0)  # left, top, right, bottom
PDF_DPI = 600
FONT_FAMILIES = ["Times New Roman", "DejaVu Serif"]  # Times as Decree 30/2020 asks, where it is installed
FONT_POINTS = 12.0
QR_URL = "slip:qr"
QR_PX = round((QR_MM + 2 * QR_QUIET_ZONE * 0.4) / 25.4 * 96)  # <img> sizes are CSS pixels (96 per inch)
DOCUMENT_TITLES = {"receipt": "Giấy tiếp nhận hồ sơ và hẹn trả kết quả",
                   "supplement": "Phiếu yêu cầu bổ sung, hoàn thiện hồ sơ",
                   "refusal": "Phiếu từ chối tiếp nhận giải quyết hồ sơ"}
HOW = {"scanned": "bản điện tử quét tại nơi tiếp nhận", "e-wallet": "dùng lại từ kho dữ liệu điện tử của công dân",
       "shown in original": "đã xuất trình bản chính", "not provided": "chưa nộp"}


class SlipError(ValueError):
    """The slip cannot be made of these values (a wrong kind, data of another kind, a malformed ID)."""


@dataclass(frozen=True)
class SlipOutcome(PrintOutcome):
    """How printing went, and where the PDF was written when no printer took the slip (None: nowhere)."""

    pdf_path: Path | None = None


# --- the HTML ----------------------------------------------------------------------------------------

@lru_cache(maxsize=None)
def _template(name: str) -> string.Template:
    text = (TEMPLATES / f"{name}.html").read_text(encoding="utf-8")
    return string.Template(re.sub(r"<!--.*?-->\s*", "", text, flags=re.S))  # the comments name $placeholders


def _e(value: Any) -> str:
    return html.escape(str(value), quote=True)


def _day(day: date) -> str:
    return f"ngày {day.day:02d} tháng {day.month:02d} năm {day.year}"


def _moment(moment: datetime) -> str:
    local = moment.astimezone(VIETNAM)
    return f"{local.hour:02d} giờ {local.minute:02d} phút, {_day(local.date())}"


def _unit(code: str, name: str) -> tuple[str, str]:
    """The unit's name as the header writes it ("ỦY BAN NHÂN DÂN" over "XÃ BA CHẼ") and its place name
    for the date line ("Ba Chẽ"); joined by code (the catalog's short name), the given name else."""
    from kiosk.catalogs.units import CatalogError, units

    try:
        short = units().commune(code).short_name
    except (CatalogError, KeyError, ValueError):
        short = re.sub(r"^(Xã|Phường|Đặc khu)\s+", "", name)
    return name.upper(), short


def _header(unit_code: str, unit_name: str, issued: datetime, with_qr: bool) -> str:
    upper, place = _unit(unit_code, unit_name)
    qr = (f'<p style="margin-bottom:6px"><img src="{QR_URL}" width="{QR_PX}" height="{QR_PX}"/></p>'
          if with_qr else "")
    return _template("_header").substitute(
        qr=qr, authority=f"ỦY BAN NHÂN DÂN<br/>{_e(upper)}", receiving_body="TRUNG TÂM PHỤC VỤ<br/>HÀNH CHÍNH CÔNG",
        place_date=_e(f"{place}, {_day(issued.astimezone(VIETNAM).date())}"))


def _code_line(official_code: str | None, local_reference: str, english: bool) -> str:
    if official_code:
        return f"Mã hồ sơ: <b>{_e(official_code.upper())}</b>"
    note = ('<span class="en"><br/><i>Reference at this station, until the province gives the official '
            'dossier code.</i></span>' if english else "")
    return (f"Số tham chiếu tại nơi tiếp nhận:<br/><b>{_e(local_reference)}</b><br/>"
            f"<i>(chưa có mã hồ sơ chính thức)</i>{note}")


def _signatures(left: tuple[str, str] | None, right: tuple[str, str]) -> str:
    def cell(block: tuple[str, str] | None) -> str:
        if block is None:
            return '<td width="50%"></td>'
        title, name = block
        return (f'<td width="50%" align="center" valign="top"><p align="center" style="margin:0"><b>{title}</b></p>'
                f'<p align="center" style="margin:0"><i>(Ký và ghi rõ họ tên)</i></p>'
                f'<p align="center" style="margin-top:56px"><b>{_e(name)}</b></p></td>')

    return (f'<table width="100%" cellspacing="0" cellpadding="0" style="margin-top:16px"><tr>{cell(left)}'
            f'{cell(right)}</tr></table>')


def _procedure(code: str, name: str) -> str:
    return _e(f"{name} (mã thủ tục {code})")


def _time_limit(procedure_code: str, days: float | None) -> str:
    if days is None:
        from kiosk.catalogs.procedures import procedures

        try:
            days = procedures()[procedure_code].working_days
        except KeyError:
            days = None
    if days is None:
        return "theo quy định của thủ tục hành chính"
    if days < 1:
        return "trong ngày làm việc"
    return f"{days:g} ngày làm việc"


def _receipt_html(receipt: Receipt, official_code: str | None, holder_id: str, holder_name: str, officer: str,
                  issued_at: datetime, time_limit_days: float | None, english: bool) -> str:
    rows = "".join(
        f'<p style="margin-left:24px">({n}) {_e(c.name)} <i>({_e(HOW.get(c.how, c.how))}'
        f'{_e(f", {c.pages} trang") if c.pages else ""})</i></p>'
        for n, c in enumerate(receipt.components, start=1)) or '<p style="margin-left:24px">—</p>'
    if receipt.expected_result is None:
        appointment, note = "theo quy định của thủ tục hành chính", ""
    else:
        appointment = _day(receipt.expected_result)
        note = ("" if receipt.holidays_counted else
                '<p style="margin-left:24px"><i>(Tính theo ngày làm việc; ngày nghỉ lễ, Tết chưa được trừ.)</i></p>')
    return _template("receipt").substitute(
        header=_header(receipt.receiving_unit, receipt.receiving_unit_name, issued_at, with_qr=True),
        code_line=_code_line(official_code, receipt.local_reference, english),
        receiving_unit_name=_e(receipt.receiving_unit_name), holder_name=_e(holder_name or "…………"),
        holder_id=_e(holder_id), procedure=_procedure(receipt.procedure_code, receipt.procedure_name),
        competent_unit_name=_e(receipt.competent_unit_name), components=rows,
        time_limit=_e(_time_limit(receipt.procedure_code, time_limit_days)),
        received_at=_e(_moment(receipt.received_at)), appointment=_e(appointment), appointment_note=note,
        signatures=_signatures(("NGƯỜI NỘP HỒ SƠ", holder_name), ("NGƯỜI TIẾP NHẬN HỒ SƠ", officer)))


def _supplement_html(slip: SupplementRequest, official_code: str | None, english: bool) -> str:
    who = slip.identity
    rows = "".join(
        f'<tr><td align="center">{n}</td><td>{_e(item.component)}</td><td>{_e(item.asked)}</td></tr>'
        for n, item in enumerate(slip.items, start=1))
    table = ('<table width="100%" border="1" cellspacing="0" cellpadding="4" style="border-collapse:collapse">'
             '<tr><th width="8%">TT</th><th width="46%">Thành phần hồ sơ</th>'
             f'<th width="46%">Nội dung yêu cầu bổ sung, hoàn thiện</th></tr>{rows}</table>')
    return _template("supplement").substitute(
        header=_header(who.receiving_unit, who.receiving_unit_name, who.issued_at, with_qr=False),
        code_line=_code_line(official_code, who.local_reference, english),
        receiving_unit_name=_e(who.receiving_unit_name), holder_name=_e(who.holder_name), holder_id=_e(who.holder_id),
        procedure=_procedure(who.procedure_code, who.procedure_name), items=table,
        reason=_e(slip.note or "Hồ sơ chưa đầy đủ, hợp lệ theo quy định của thủ tục hành chính."),
        signatures=_signatures(None, ("NGƯỜI HƯỚNG DẪN", who.officer)))


def _refusal_html(slip: Refusal, official_code: str | None, english: bool) -> str:
    who = slip.identity
    basis = (f'<p style="margin-left:24px">Căn cứ: {_e(slip.basis_text)}</p>' if slip.basis_text else "")
    return _template("refusal").substitute(
        header=_header(who.receiving_unit, who.receiving_unit_name, who.issued_at, with_qr=False),
        code_line=_code_line(official_code, who.local_reference, english),
        receiving_unit_name=_e(who.receiving_unit_name), holder_name=_e(who.holder_name), holder_id=_e(who.holder_id),
        procedure=_procedure(who.procedure_code, who.procedure_name), reason=_e(slip.reason), basis=basis,
        signatures=_signatures(("NGƯỜI NỘP HỒ SƠ", who.holder_name), ("NGƯỜI TIẾP NHẬN HỒ SƠ", who.officer)))


def _training_banner() -> str:
    return ('<table width="100%" border="2" cellspacing="0" cellpadding="6" style="border-collapse:collapse; '
            f'margin-bottom:8px"><tr><td align="center" bgcolor="#ffc107"><b>{_e(PAPER_BANNER)}</b></td></tr></table>')


def _without_english(text: str) -> str:
    return re.sub(r'<span class="en">.*?</span>', "", text, flags=re.S)


# --- the document ------------------------------------------------------------------------------------

@dataclass(frozen=True)
class _Slip:
    html: str
    qr: str | None  # the receipt's QR payload
    title: str
    reference: str  # the local reference, for a file name
    training: bool = False  # made at a training station: a banner on top, the word across every page


def _slip(kind: str, data: Any, official_code: str | None, holder_id: str | None, holder_name: str, officer: str,
          issued_at: datetime | None, time_limit_days: float | None, language: str, training: bool = False) -> _Slip:
    if kind not in KINDS:
        raise SlipError(f"a slip is one of {', '.join(KINDS)}, not {kind!r}")
    if language not in LANGUAGES:
        raise SlipError(f"a slip is printed in {' or '.join(LANGUAGES)}, not {language!r}")
    english = language == "en"
    expected = {"receipt": Receipt, "supplement": SupplementRequest, "refusal": Refusal}[kind]
    if not isinstance(data, expected):
        raise SlipError(f"a {kind} slip is made of a {expected.__name__}, not a {type(data).__name__}")
    if kind == "receipt":
        if issued_at is None:
            issued_at = datetime.now(VIETNAM)
        if not holder_id:
            raise SlipError("the receipt needs the holder's ID number for its QR code")
        from kiosk.domain import DomainError

        try:
            payload = qr_payload(data, holder_id, official_code, issued_at, SYSTEM_NAME)
        except DomainError as error:
            raise SlipError(str(error)) from None
        text = _receipt_html(data, official_code, holder_id, holder_name, officer, issued_at, time_limit_days, english)
        reference = data.local_reference
    else:
        if official_code:
            from kiosk.domain import DomainError, validate_dossier_code

            try:
                validate_dossier_code(official_code)
            except DomainError as error:
                raise SlipError(str(error)) from None
        payload = None
        text = (_supplement_html if kind == "supplement" else _refusal_html)(data, official_code, english)
        reference = data.identity.local_reference
    text = text if english else _without_english(text)
    if training:
        text = _training_banner() + text
    return _Slip(text, payload, DOCUMENT_TITLES[kind], reference, training)


def _qr_image(payload: str) -> QImage:
    """The QR code as a black-and-white image, one pixel per module and its quiet zone: the document
    scales it up without smoothing (sharp on paper and in the PDF)."""
    out = io.BytesIO()
    segno.make(payload, error=QR_ERROR, micro=False, boost_error=False).save(
        out, kind="png", scale=8, border=QR_QUIET_ZONE)
    image = QImage()
    image.loadFromData(out.getvalue(), "PNG")
    return image


def _document(slip: _Slip, device: QPaintDevice | None = None) -> QTextDocument:
    document = QTextDocument()
    if device is not None:
        document.documentLayout().setPaintDevice(device)  # fonts and images measured for the device
    font = QFont()
    font.setFamilies(FONT_FAMILIES)
    font.setPointSizeF(FONT_POINTS)
    document.setDefaultFont(font)
    document.setDocumentMargin(0)
    scale = (device.logicalDpiY() if device is not None else 96) / 96
    document.setDefaultStyleSheet("p { margin-top: 0px; margin-bottom: 5px; }")
    document.setMetaInformation(QTextDocument.MetaInformation.DocumentTitle, slip.title)
    if slip.qr is not None:
        document.addResource(QTextDocument.ResourceType.ImageResource, QUrl(QR_URL), _qr_image(slip.qr))
    document.setHtml(_device_lengths(slip.html, scale))
    return document


def _device_lengths(text: str, scale: float) -> str:
    """The templates' lengths are CSS pixels (1/96 inch), as a browser reads them. Qt 6.9 scales vertical
    margins and cell padding to the layout device, but takes left and right margins in device pixels:
    those are scaled here."""
    return re.sub(r"(margin-(?:left|right)):\s*(\d+(?:\.\d+)?)px",
                  lambda m: f"{m[1]}:{round(float(m[2]) * scale)}px", text)


def slip_document(kind: str, data: Any, official_code: str | None = None, holder_id: str | None = None,
                  language: str = "vi", *, holder_name: str = "", officer: str = "", issued_at: datetime | None = None,
                  time_limit_days: float | None = None, training: bool = False) -> QTextDocument:
    """The slip as a rich-text document (a preview in a QTextBrowser, or anything Qt prints).
    `data`: a Receipt ("receipt"), a SupplementRequest ("supplement") or a Refusal ("refusal").
    For a receipt, which does not carry them: `holder_id` (12 digits, also in its QR code), `holder_name`,
    `officer` (who signs), `issued_at` (the time of issue in the QR code; now when None) and
    `time_limit_days` (the procedure's time limit; the catalog's when None). The other slips carry their
    holder and officer. `official_code`: the province's dossier code once known. `training`: made at a
    training station, marked as such (here and in every function below). Raises SlipError."""
    return _document(_slip(kind, data, official_code, holder_id, holder_name, officer, issued_at, time_limit_days,
                           language, training))


@lru_cache(maxsize=1)
def _reference_device() -> QImage:
    """A paint device at the PDF's resolution for laying a slip out before painting it on an image."""
    image = QImage(1, 1, QImage.Format.Format_RGB32)
    image.setDotsPerMeterX(round(PDF_DPI / 0.0254))
    image.setDotsPerMeterY(round(PDF_DPI / 0.0254))
    return image


def render_slip(device: QPaintDevice, kind: str, data: Any, official_code: str | None = None,
                holder_id: str | None = None, language: str = "vi", training: bool = False, **receipt_fields: Any) -> int:
    """Paints the slip on a printer or PDF writer (set to A4 portrait here, as many pages as it takes), or
    on an image of an A4 page at its dots per metre (the first page, laid out as on the PDF). The number
    of pages painted."""
    slip = _slip(kind, data, official_code, holder_id, receipt_fields.get("holder_name", ""),
                 receipt_fields.get("officer", ""), receipt_fields.get("issued_at"),
                 receipt_fields.get("time_limit_days"), language, training)
    if isinstance(device, QPagedPaintDevice):
        device.setPageSize(QPageSize(QPageSize.PageSizeId.A4))
        device.setPageOrientation(QPageLayout.Orientation.Portrait)
        device.setPageMargins(QMarginsF(0, 0, 0, 0), QPageLayout.Unit.Millimeter)
    # laid out at the PDF's resolution whatever the device: an image (a preview) shows the same lines and
    # pages as the paper, scaled (fonts hinted at a screen's resolution would wrap differently)
    layout = device if isinstance(device, QPagedPaintDevice) else _reference_device()
    dpi = layout.logicalDpiX()
    px = lambda mm: mm * dpi / 25.4  # noqa: E731
    left, top, right, bottom = (px(mm) for mm in MARGINS_MM)
    width, height = px(PAGE_MM[0]) - left - right, px(PAGE_MM[1]) - top - bottom
    document = _document(slip, layout)
    document.setPageSize(QSizeF(width, height))
    pages = document.pageCount() if isinstance(device, QPagedPaintDevice) else 1
    paint_pages(device, document, pages, (left, top), (px(PAGE_MM[0]), px(PAGE_MM[1])), device.logicalDpiX() / dpi,
                slip.training, "the slip")
    return pages


def paint_pages(device: QPaintDevice, document: QTextDocument, pages: int, corner: tuple[float, float],
                page: tuple[float, float], scale: float = 1.0, watermark: bool = False, what: str = "the page") -> None:
    """Paints the first `pages` pages of `document` (paged to its page size) on `device`, each at `corner`
    of a `page`-sized sheet (layout pixels, `scale`d to the device's), a new sheet for each; `watermark`:
    the training word across each sheet, beneath the text."""
    height = document.pageSize().height()
    painter = QPainter()
    if not painter.begin(device):
        raise RuntimeError(f"{what} cannot be painted on this device")
    try:
        painter.setRenderHint(QPainter.RenderHint.TextAntialiasing, True)
        painter.setRenderHint(QPainter.RenderHint.SmoothPixmapTransform, False)  # a sharp QR code
        for number in range(pages):
            if number:
                device.newPage()
            painter.save()
            painter.scale(scale, scale)
            if watermark:
                paint_watermark(painter, *page)
            painter.translate(corner[0], corner[1] - number * height)
            document.drawContents(painter, QRectF(0, number * height, document.pageSize().width(), height))
            painter.restore()
    finally:
        painter.end()


def slip_pdf(kind: str, data: Any, official_code: str | None = None, holder_id: str | None = None,
             language: str = "vi", training: bool = False, **receipt_fields: Any) -> bytes:
    """The slip as a PDF (A4, fonts embedded), made in memory. The metadata names the document and the
    system, nobody."""
    data_bytes = QByteArray()
    buffer = QBuffer(data_bytes)
    buffer.open(QIODevice.OpenModeFlag.WriteOnly)
    writer = QPdfWriter(buffer)
    writer.setResolution(PDF_DPI)
    writer.setTitle(DOCUMENT_TITLES.get(kind, ""))
    writer.setCreator(SYSTEM_NAME)
    try:
        render_slip(writer, kind, data, official_code, holder_id, language, training, **receipt_fields)
    finally:
        buffer.close()
    return bytes(data_bytes.data())


def slip_image(kind: str, data: Any, official_code: str | None = None, holder_id: str | None = None,
               language: str = "vi", dpi: int = 150, training: bool = False, **receipt_fields: Any) -> QImage:
    """The slip's first page as an A4 image at `dpi` (a preview; the screenshots)."""
    image = page_image(PAGE_MM, dpi)
    render_slip(image, kind, data, official_code, holder_id, language, training, **receipt_fields)
    return image


def print_slip(kind: str, data: Any, printer_name: str | None, official_code: str | None = None,
               holder_id: str | None = None, language: str = "vi", pdf_folder: Path | str | None = None,
               training: bool = False, **receipt_fields: Any) -> SlipOutcome:
    """Prints the slip on the named printer (the default one for "" or None; "none": no printer, as the
    config key `receipt_printer` says), through Qt's print system. When no printer took it and
    `pdf_folder` is given, the slip is written there as a PDF (readable by its owner only, named by the
    slip's kind and local reference: nothing personal in the name) and the outcome says where; without a
    folder nothing is written and the caller keeps `slip_pdf` (e.g. sealed in the store). Raises
    SlipError for wrong values before anything is printed. Not on the GUI thread: painting takes a while."""
    slip = _slip(kind, data, official_code, holder_id, receipt_fields.get("holder_name", ""),
                 receipt_fields.get("officer", ""), receipt_fields.get("issued_at"),
                 receipt_fields.get("time_limit_days"), language, training)  # refused now, not half printed
    if "issued_at" not in receipt_fields and kind == "receipt":
        receipt_fields["issued_at"] = datetime.now(VIETNAM)  # one time of issue for the print and its PDF
    if (printer_name or "").lower() == "none":
        outcome = PrintOutcome(PrintResult.NO_PRINTER, None, "printing is off (none)")
    else:
        outcome = print_on(printer_name, kind, lambda printer: render_slip(
            printer, kind, data, official_code, holder_id, language, training, **receipt_fields))
    if outcome.printed or pdf_folder is None:
        return SlipOutcome(outcome.result, outcome.printer, outcome.detail)
    folder = Path(pdf_folder)
    path = folder / f"{kind}-{slip.reference}.pdf"
    pdf = slip_pdf(kind, data, official_code, holder_id, language, training, **receipt_fields)
    try:
        private_folder(folder)  # slips name the citizen: the station's user's only
        with open(path, "wb", opener=private_opener) as file:
            file.write(pdf)
    except OSError as error:
        log.warning("%s slip not written as a PDF in %s: %s", kind, folder, error.__class__.__name__)
        return SlipOutcome(outcome.result, outcome.printer, f"{outcome.detail}; the PDF could not be written")
    log.info("%s slip kept as a PDF (%s)", kind, path.name)
    return SlipOutcome(outcome.result, outcome.printer, f"{outcome.detail}; kept as a PDF", path)
