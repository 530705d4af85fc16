"""A trainee's report as a PDF: every scenario they played, each expected action done or missing and when,
what must not happen and did, and the summary; marked as a training report on every page.

Drawn with Qt from `kiosk.training.report_lines` (the same lines as the CSV the training station writes),
as HTML in a QTextDocument painted on an A4 QPdfWriter, in the panel's language. It names the trainee and
fictitious citizens' scenarios only, so it goes to a plain file next to the CSV, written whole or not at
all. Any thread may call these functions (Qt paints PDFs and images off the GUI thread).

    report_pdf(outcomes, trainee, language)                 -> bytes
    write_report_pdf(outcomes, trainee, folder, language)   -> Path   folder / report_name(trainee) + ".pdf"
    report_image(outcomes, trainee, language, dpi)          -> QImage the first page (screenshots)
"""

from __future__ import annotations

import html
import os
from datetime import datetime
from pathlib import Path

from PySide6.QtCore import QBuffer, QByteArray, QIODevice, QMarginsF, QObject, QSizeF
from PySide6.QtGui import QFont, QImage, QPageLayout, QPageSize, QPaintDevice, QPdfWriter, QTextDocument

from kiosk import SYSTEM_NAME
from kiosk.intake.receipt import VIETNAM
from kiosk.training import Outcome, report_lines, report_name

from .receipt_print import page_image
from .slips import paint_pages

PAGE_MM = (210.0, 297.0)  # A4 portrait
MARGIN_MM = 18.0
PDF_DPI = 300
FONT_FAMILY = "DejaVu Sans"  # every Vietnamese letter with its marks
FONT_POINTS = 10.0
PASSED_INK, FAILED_INK, MARK_PAPER = "#0f5132", "#842029", "#ffc107"


def _e(value: object) -> str:
    return html.escape(str(value), quote=True)


def _clock(seconds: float | None) -> str:
    if seconds is None:
        return "—"
    whole = int(round(seconds))
    return f"{whole // 60}:{whole % 60:02d}"


class TrainingReport(QObject):
    """The report's words (translated, context TrainingReport) and its HTML, in the language installed."""

    def __init__(self, outcomes: list[Outcome], trainee: str, language: str, written_at: datetime | None = None):
        super().__init__()
        self.outcomes, self.trainee, self.language = list(outcomes), trainee, language
        self.written_at = (written_at or datetime.now(VIETNAM)).astimezone(VIETNAM)

    def title(self) -> str:
        return self.tr("Training report")

    def _words(self) -> dict[str, str]:
        """The labels, translated outside the HTML's f-strings (where lupdate would not find them)."""
        return {"mark": self.tr("TRAINING REPORT — the citizens and dossiers in it are fictitious"),
                "trainee": self.tr("Trainee"), "date": self.tr("Date"), "passed": self.tr("Scenarios passed"),
                "of": self.tr("%1 of %2"), "summary": self.tr("Summary"), "scenario": self.tr("Scenario"),
                "result": self.tr("Result"), "time": self.tr("Time"), "limit": self.tr("Time limit"),
                "started": self.tr("Started"), "action": self.tr("Expected action"), "seconds": self.tr("Seconds")}

    def _result(self, result: str) -> str:
        return {"done": self.tr("done"), "missing": self.tr("missing"), "happened": self.tr("happened"),
                "passed": self.tr("passed"), "failed": self.tr("not passed")}.get(result, result)

    def _ended(self, how: str | None) -> str:
        return {"completed": self.tr("completed"), "stopped": self.tr("stopped by the trainer"),
                "timed_out": self.tr("time ran out")}.get(how or "", self.tr("under way"))

    def html(self) -> str:
        lines = report_lines(self.outcomes, self.language)
        w = self._words()
        passed = sum(1 for outcome in self.outcomes if outcome.passed)
        parts = [
            f'<table width="100%" cellpadding="6" cellspacing="0"><tr><td align="center" bgcolor="{MARK_PAPER}">'
            f'<b>{_e(w["mark"])}</b></td></tr></table>',
            f'<h1 style="font-size:18pt">{_e(self.title())}</h1>',
            '<table cellpadding="3" cellspacing="0">',
            f'<tr><td><b>{_e(w["trainee"])}</b></td><td>{_e(self.trainee)}</td></tr>',
            f'<tr><td><b>{_e(w["date"])}</b></td><td>{self.written_at:%d/%m/%Y %H:%M}</td></tr>',
            f'<tr><td><b>{_e(w["passed"])}</b></td>'
            f'<td>{_e(w["of"].replace("%1", str(passed)).replace("%2", str(len(self.outcomes))))}</td></tr>',
            "</table>"]
        for number, outcome in enumerate(self.outcomes, start=1):
            own = [line for line in lines if line.outcome is outcome]
            parts.append(self._scenario(number, outcome, own))
        parts.append(f'<h2 style="font-size:13pt">{_e(w["summary"])}</h2>')
        parts.append('<table width="100%" border="1" cellpadding="4" cellspacing="0" style="border-collapse:collapse">'
                     f'<tr bgcolor="#e9ecef"><th align="left">{_e(w["scenario"])}</th>'
                     f'<th align="left">{_e(w["result"])}</th><th align="right">{_e(w["time"])}</th>'
                     f'<th align="right">{_e(w["limit"])}</th></tr>')
        for outcome in self.outcomes:
            parts.append(f'<tr><td>{_e(outcome.scenario.title.text(self.language))}</td>'
                         f'<td>{self._verdict(outcome)}</td><td align="right">{_clock(outcome.duration)}</td>'
                         f'<td align="right">{_clock(outcome.scenario.time_limit)}</td></tr>')
        parts.append("</table>")
        parts.append(f'<p style="color:#495057; font-size:8pt">{_e(SYSTEM_NAME)}</p>')
        return "".join(parts)

    def _verdict(self, outcome: Outcome) -> str:
        ink = PASSED_INK if outcome.passed else FAILED_INK
        return f'<b style="color:{ink}">{_e(self._result("passed" if outcome.passed else "failed"))}</b>'

    def _scenario(self, number: int, outcome: Outcome, lines) -> str:
        scenario = outcome.scenario
        w = self._words()
        reasons = []
        if not outcome.completed:
            reasons.append(self.tr("expected actions missing"))
        if outcome.forbidden:
            reasons.append(self.tr("a forbidden action happened"))
        if not outcome.within_time:
            reasons.append(self.tr("over the time limit"))
        started = outcome.started_at.astimezone(VIETNAM)
        parts = [
            f'<h2 style="font-size:13pt">{number}. {_e(scenario.title.text(self.language))}</h2>',
            f'<p>{_e(scenario.goal.text(self.language))}</p>',
            f'<p>{_e(w["started"])} {started:%d/%m/%Y %H:%M} · {_e(w["time"])} {_clock(outcome.duration)}'
            f' / {_clock(scenario.time_limit)} · {_e(self._ended(outcome.ended))} · {self._verdict(outcome)}'
            + (f' ({_e("; ".join(reasons))})' if reasons else "") + "</p>",
            '<table width="100%" border="1" cellpadding="4" cellspacing="0" style="border-collapse:collapse">',
            f'<tr bgcolor="#e9ecef"><th align="left" width="62%">{_e(w["action"])}</th>'
            f'<th align="left">{_e(w["result"])}</th><th align="right">{_e(w["seconds"])}</th></tr>']
        for line in lines:
            if line.line == "summary":
                continue
            action = line.action if line.line == "expected" else self.tr("Forbidden: %1").replace("%1", line.action)
            ink = PASSED_INK if line.result == "done" else FAILED_INK
            seconds = "—" if line.seconds is None else f"{line.seconds:.0f}"
            parts.append(f'<tr><td>{_e(action)}</td><td style="color:{ink}">{_e(self._result(line.result))}</td>'
                         f'<td align="right">{seconds}</td></tr>')
        parts.append("</table>")
        return "".join(parts)


def _document(report: TrainingReport, device: QPaintDevice, width: float, height: float) -> QTextDocument:
    document = QTextDocument()
    document.documentLayout().setPaintDevice(device)
    font = QFont(FONT_FAMILY)
    font.setPointSizeF(FONT_POINTS)
    document.setDefaultFont(font)
    document.setDocumentMargin(0)
    document.setMetaInformation(QTextDocument.MetaInformation.DocumentTitle, report.title())
    document.setHtml(report.html())
    document.setPageSize(QSizeF(width, height))
    return document


def _render(device: QPaintDevice, report: TrainingReport, paged: bool) -> int:
    """Paints the report on a PDF writer (every page) or an A4 image (its first page); the pages painted."""
    dpi = device.logicalDpiX()
    px = lambda mm: mm * dpi / 25.4  # noqa: E731
    margin = px(MARGIN_MM)
    width, height = px(PAGE_MM[0]) - 2 * margin, px(PAGE_MM[1]) - 2 * margin
    document = _document(report, device, width, height)
    pages = document.pageCount() if paged else 1
    paint_pages(device, document, pages, (margin, margin), (px(PAGE_MM[0]), px(PAGE_MM[1])), watermark=True,
                what="the training report")
    return pages


def report_pdf(outcomes: list[Outcome], trainee: str, language: str = "vi",
               written_at: datetime | None = None) -> bytes:
    """The trainee's report as an A4 PDF made in memory."""
    report = TrainingReport(outcomes, trainee, language, written_at)
    data = QByteArray()
    buffer = QBuffer(data)
    buffer.open(QIODevice.OpenModeFlag.WriteOnly)
    writer = QPdfWriter(buffer)
    writer.setResolution(PDF_DPI)
    writer.setPageSize(QPageSize(QPageSize.PageSizeId.A4))
    writer.setPageOrientation(QPageLayout.Orientation.Portrait)
    writer.setPageMargins(QMarginsF(0, 0, 0, 0), QPageLayout.Unit.Millimeter)
    writer.setTitle(report.title())
    writer.setCreator(SYSTEM_NAME)
    try:
        _render(writer, report, paged=True)
    finally:
        buffer.close()
    return bytes(data.data())


def write_report_pdf(outcomes: list[Outcome], trainee: str, folder: Path, language: str = "vi",
                     written_at: datetime | None = None) -> Path:
    """Writes the report to `folder` as `report_name(trainee)`.pdf, beside the CSV: replaced whole, never
    half-written. Its path."""
    pdf = report_pdf(outcomes, trainee, language, written_at)
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / f"{report_name(trainee)}.pdf"
    partial = path.with_name(path.name + ".partial")
    with open(partial, "wb") as file:
        file.write(pdf)
        file.flush()
        os.fsync(file.fileno())
    os.replace(partial, path)
    return path


def report_image(outcomes: list[Outcome], trainee: str, language: str = "vi", dpi: int = 100,
                 written_at: datetime | None = None) -> QImage:
    """The report's first page as an A4 image (a preview; the screenshots)."""
    image = page_image(PAGE_MM, dpi)
    _render(image, TrainingReport(outcomes, trainee, language, written_at), paged=False)
    return image
