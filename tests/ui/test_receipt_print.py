"""The printed receipt: its QR code in the top-left corner reads back, with a real decoder, as every field
Circular 01/2023/TT-VPCP asks for; the PDF is one A5 page with its fonts and Vietnamese title, made in
memory; with no printer set up, printing says so and writes nothing anywhere."""

from __future__ import annotations

import io
import json
import os
import re
import subprocess
import sys
import unicodedata
from datetime import date, datetime, timezone

import numpy as np
import pikepdf
import pytest
import zxingcpp
from PySide6.QtGui import QImage
from PySide6.QtPrintSupport import QPrinter, QPrinterInfo

from kiosk import SYSTEM_NAME
from kiosk.domain import DomainError
from kiosk.intake.receipt import RECEIPT_DOCUMENT_NAME, Receipt, ReceiptComponent, parse_qr_payload
from tests.conftest import ROOT
from ui.receipt_print import PrintResult, print_receipt, receipt_image, receipt_pdf, render_receipt

HOLDER = "001190012345"  # fictitious
OFFICIAL = "000.00.13.H22-250701-0001"
ISSUED = datetime(2025, 7, 1, 8, 4, 5, tzinfo=timezone.utc)  # 15:04:05 in Vietnam
A5_POINTS = (148 / 25.4 * 72, 210 / 25.4 * 72)


def make_receipt(expected: date | None = date(2025, 7, 2), components: int = 3) -> Receipt:
    lines = [ReceiptComponent("Tờ khai đăng ký khai sinh", "scanned", 2),
             ReceiptComponent("Giấy chứng sinh hoặc giấy tờ thay giấy chứng sinh", "e-wallet"),
             ReceiptComponent("Văn bản ủy quyền (nếu nộp thay)", "not provided")]
    lines += [ReceiptComponent(f"Giấy tờ số {i}", "shown in original") for i in range(4, components + 1)]
    return Receipt("7c9e6679-7425-40de-944b-e07fc1f90ae7", "1.001193", "Đăng ký khai sinh", "06970", "Xã Ba Chẽ",
                   "06970", "Xã Ba Chẽ", datetime(2025, 7, 1, 8, 0, tzinfo=timezone.utc), expected,
                   tuple(lines[:components]), holidays_counted=False)


def gray(image: QImage) -> np.ndarray:
    image = image.convertToFormat(QImage.Format.Format_Grayscale8)
    rows = np.frombuffer(image.constBits(), np.uint8, image.sizeInBytes()).reshape(image.height(), image.bytesPerLine())
    return rows[:, : image.width()].copy()


def qr_in_top_left_quarter(pixels: np.ndarray) -> zxingcpp.Barcode:
    height, width = pixels.shape
    found = zxingcpp.read_barcodes(np.ascontiguousarray(pixels[: height // 2, : width // 2]),
                                   formats=zxingcpp.BarcodeFormat.QRCode)
    assert len(found) == 1, "one QR code in the top-left quarter"
    return found[0]


def pdf_text(pdf: bytes) -> list[str]:
    """The text of each text object of the PDF, through its fonts' ToUnicode maps (Qt draws one glyph per
    Tj and no glyph for a space, so words run together)."""

    def to_unicode(cmap: bytes) -> dict[int, str]:
        found: dict[int, str] = {}
        text = cmap.decode("latin-1")
        for block in re.findall(r"beginbfrange(.*?)endbfrange", text, re.S):
            for start, end, target in re.findall(r"<(\w+)>\s*<(\w+)>\s*(\[[^\]]*\]|<\w+>)", block):
                first = int(start, 16)
                if target.startswith("["):
                    for offset, code in enumerate(re.findall(r"<(\w+)>", target)):
                        found[first + offset] = bytes.fromhex(code).decode("utf-16-be")
                else:
                    for offset in range(int(end, 16) - first + 1):
                        found[first + offset] = chr(int(target[1:-1], 16) + offset)
        for block in re.findall(r"beginbfchar(.*?)endbfchar", text, re.S):
            for code, target in re.findall(r"<(\w+)>\s*<(\w+)>", block):
                found[int(code, 16)] = bytes.fromhex(target).decode("utf-16-be")
        return found

    texts = []
    with pikepdf.open(io.BytesIO(pdf)) as document:
        for page in document.pages:
            fonts = {str(name): to_unicode(font.ToUnicode.read_bytes()) for name, font in page.resources.Font.items()}
            font, run = {}, []
            for operands, operator in pikepdf.parse_content_stream(page):
                if str(operator) == "Tf":
                    font = fonts[str(operands[0])]
                elif str(operator) == "Tj":
                    glyphs = bytes(operands[0])
                    run += [font.get(int.from_bytes(glyphs[i: i + 2], "big"), "?") for i in range(0, len(glyphs), 2)]
                elif str(operator) == "ET":
                    texts.append("".join(run))
                    run = []
    return texts


def squeezed(text: str) -> str:
    """Without spaces, ligatures undone (Qt draws "fi" as one glyph)."""
    return re.sub(r"\s+", "", unicodedata.normalize("NFKC", text))


def test_the_qr_code_in_the_top_left_corner_gives_every_field_of_the_circular(qapp):
    receipt = make_receipt()
    image = receipt_image(receipt, HOLDER, None, ISSUED, "vi", dpi=150)
    assert (image.width(), image.height()) == (874, 1240)  # A5 at 150 dpi
    code = qr_in_top_left_quarter(gray(image))
    assert code.ec_level == "M"
    fields = parse_qr_payload(code.text)
    assert fields == {
        "version": 1, "dossier_code": receipt.local_reference, "dossier_code_kind": "local",
        "procedure_code": "1.001193", "holder_id": HOLDER, "document_name": RECEIPT_DOCUMENT_NAME,
        "system_name": SYSTEM_NAME, "issued_at": ISSUED, "appointment": date(2025, 7, 2),
    }
    corners = [(p.x, p.y) for p in (code.position.top_left, code.position.top_right, code.position.bottom_left)]
    side_mm = (corners[1][0] - corners[0][0] + 1) * 25.4 / 150
    assert side_mm >= 25, f"the QR code is {side_mm:.1f} mm wide"
    assert corners[0][0] < 150 and corners[0][1] < 150  # within 25 mm of the page's corner


def test_the_official_code_when_the_province_gave_it_and_english_under_the_vietnamese(qapp):
    receipt = make_receipt(expected=None)
    image = receipt_image(receipt, HOLDER, OFFICIAL, ISSUED, "en", dpi=150)
    fields = parse_qr_payload(qr_in_top_left_quarter(gray(image)).text)
    assert (fields["dossier_code"], fields["dossier_code_kind"]) == (OFFICIAL, "official")
    assert fields["appointment"] is None  # the procedure's time limit is not known: "not fixed" on paper
    text = squeezed("".join(pdf_text(receipt_pdf(receipt, HOLDER, OFFICIAL, ISSUED, "en"))))
    for printed in (RECEIPT_DOCUMENT_NAME.upper(), "Receipt of the dossier and appointment for the result",
                    OFFICIAL, "Mã hồ sơ", "Dossier code", "Chưa xác định", "Not fixed", "Đơn vị giải quyết",
                    "Deciding unit"):
        assert squeezed(printed) in text, printed
    assert receipt.local_reference not in text


def test_the_pdf_is_one_a5_page_with_the_vietnamese_title_in_embedded_fonts_and_its_qr_reads_back(qapp, tmp_path):
    receipt = make_receipt()
    pdf = receipt_pdf(receipt, HOLDER, None, ISSUED, "vi")
    assert pdf.startswith(b"%PDF-")
    with pikepdf.open(io.BytesIO(pdf)) as document:
        assert len(document.pages) == 1
        box = [float(v) for v in document.pages[0].mediabox]
        assert box[:2] == [0, 0] and abs(box[2] - A5_POINTS[0]) < 1 and abs(box[3] - A5_POINTS[1]) < 1
        fonts = list(document.pages[0].resources.Font.values())
        assert fonts and all(str(f.BaseFont).startswith("/DejaVuSans") for f in fonts)
        assert all("/FontFile2" in f.DescendantFonts[0].FontDescriptor for f in fonts)  # embedded
        assert str(document.docinfo.Title) == RECEIPT_DOCUMENT_NAME
    text = squeezed("".join(pdf_text(pdf)))
    assert squeezed(RECEIPT_DOCUMENT_NAME.upper()) in text
    assert squeezed("Mã tiếp nhận tại máy") + receipt.local_reference in text  # labelled as the local reference
    assert "Mãhồsơ" + receipt.local_reference not in text
    assert squeezed("Dossier code") not in text and squeezed("Receipt of the dossier") not in text  # no English
    assert HOLDER not in text and "Nguyễn" not in text  # the ID only in the QR code; no name
    # ghostscript draws the PDF as a printer would: the QR code reads back from its top-left quarter
    source = tmp_path / "receipt.pdf"
    source.write_bytes(pdf)
    drawn = tmp_path / "receipt.pgm"
    subprocess.run(["gs", "-q", "-dSAFER", "-dBATCH", "-dNOPAUSE", "-sDEVICE=pgmraw", "-r150",
                    f"-sOutputFile={drawn}", str(source)], check=True, timeout=60)
    pixels = QImage(str(drawn))
    assert abs(pixels.width() - 874) <= 2 and abs(pixels.height() - 1240) <= 2
    fields = parse_qr_payload(qr_in_top_left_quarter(gray(pixels)).text)
    assert (fields["dossier_code"], fields["holder_id"], fields["issued_at"]) == (receipt.local_reference, HOLDER,
                                                                                 ISSUED)


def test_a_printer_gets_the_same_a5_page_from_the_papers_corner(qapp, tmp_path):
    """What print_receipt does after finding the printer, on Qt's own PDF printer (no print system here)."""
    printer = QPrinter(QPrinter.PrinterMode.HighResolution)
    printer.setOutputFormat(QPrinter.OutputFormat.PdfFormat)
    printer.setOutputFileName(str(tmp_path / "printed.pdf"))
    printer.setFullPage(True)
    render_receipt(printer, make_receipt(), HOLDER, OFFICIAL, ISSUED, "vi")
    pdf = (tmp_path / "printed.pdf").read_bytes()
    with pikepdf.open(io.BytesIO(pdf)) as document:
        box = [float(v) for v in document.pages[0].mediabox]
        assert len(document.pages) == 1 and abs(box[2] - A5_POINTS[0]) < 1 and abs(box[3] - A5_POINTS[1]) < 1
    assert squeezed(OFFICIAL) in squeezed("".join(pdf_text(pdf)))


def test_many_components_run_onto_a_second_page(qapp):
    pdf = receipt_pdf(make_receipt(components=30), HOLDER, None, ISSUED, "en")
    with pikepdf.open(io.BytesIO(pdf)) as document:
        assert len(document.pages) == 2
    assert "Giấytờsố30" in squeezed("".join(pdf_text(pdf)))


def test_a_language_other_than_vietnamese_or_english_is_refused(qapp):
    with pytest.raises(ValueError):
        receipt_image(make_receipt(), HOLDER, None, ISSUED, "fr")


@pytest.mark.parametrize("holder, official", [("12345", None), (HOLDER, "not-a-dossier-code")])
def test_a_bad_holder_id_or_official_code_is_refused_before_painting(qapp, holder, official):
    image = QImage(20, 20, QImage.Format.Format_RGB32)
    image.fill(0xFFFFFFFF)
    with pytest.raises(DomainError):
        render_receipt(image, make_receipt(), holder, official, ISSUED, "vi")
    assert gray(image).min() == 255  # nothing painted


@pytest.mark.skipif(bool(QPrinterInfo.availablePrinterNames()), reason="a printer is set up: it would print")
def test_with_no_printer_set_up_printing_says_so(qapp):
    outcome = print_receipt(make_receipt(), HOLDER, None, ISSUED, "vi")
    assert outcome.result is PrintResult.NO_PRINTER and not outcome.printed
    named = print_receipt(make_receipt(), HOLDER, None, ISSUED, "vi", printer_name="Kiosk-Receipt")
    assert (named.result, named.printer) == (PrintResult.NO_PRINTER, "Kiosk-Receipt")


_NO_FILES = """
import json, sys
from datetime import datetime, timezone
from PySide6.QtWidgets import QApplication
app = QApplication([])
from tests.ui.test_receipt_print import make_receipt, HOLDER, ISSUED
from ui.receipt_print import print_receipt, receipt_image, receipt_pdf
pdf = receipt_pdf(make_receipt(), HOLDER, None, ISSUED, "vi")
image = receipt_image(make_receipt(), HOLDER, None, ISSUED, "en")
outcome = print_receipt(make_receipt(), HOLDER, None, ISSUED, "vi")
print(json.dumps({"pdf": len(pdf), "image": image.width(), "printed": outcome.result.value}))
"""


def test_nothing_is_written_to_a_file(tmp_path):
    """The receipt holds the holder's ID: making its PDF, its image and trying to print it leave no file in
    the home folder, the temporary folder or the working folder (a process of its own, each of them empty)."""
    home, temporary, work = (tmp_path / name for name in ("home", "tmp", "work"))
    for folder in (home, temporary, work):
        folder.mkdir()
    env = {**os.environ, "HOME": str(home), "TMPDIR": str(temporary), "XDG_CACHE_HOME": str(home / ".cache"),
           "XDG_CONFIG_HOME": str(home / ".config"), "XDG_DATA_HOME": str(home / ".local/share"),
           "XDG_RUNTIME_DIR": str(temporary), "QT_QPA_PLATFORM": "offscreen", "PYTHONPATH": str(ROOT)}
    done = subprocess.run([sys.executable, "-c", _NO_FILES], cwd=work, env=env, capture_output=True, text=True,
                          timeout=120)
    assert done.returncode == 0, done.stderr
    result = json.loads(done.stdout.strip().splitlines()[-1])
    assert result["pdf"] > 10_000 and result["image"] == 874
    left = [str(p.relative_to(tmp_path)) for p in tmp_path.rglob("*") if p.is_file()]
    assert left == []
    assert HOLDER not in done.stdout + done.stderr


def test_the_receipt_is_quick_enough_for_the_gui_thread(qapp):
    import time

    receipt_pdf(make_receipt(), HOLDER, None, ISSUED, "vi")  # the fonts loaded once
    took = []
    for _ in range(5):
        start = time.perf_counter()
        receipt_pdf(make_receipt(), HOLDER, None, ISSUED, "en")
        took.append(time.perf_counter() - start)
    assert min(took) < 0.5, f"the receipt took {min(took):.3f} s to draw"

