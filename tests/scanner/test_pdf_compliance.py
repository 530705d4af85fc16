"""The default output is a digitised copy as Decree 30/2020/NĐ-CP asks: read back from the PDF, every
image that carries colour is at 200 dpi or more over the page's physical size, the page is the scanned
area at 100 % scale, the PDF is 1.4 or later and qpdf finds nothing wrong in it. PDF/A-2b: what can be
checked without veraPDF (no registry here offers it)."""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

import pikepdf
import pytest

from drivers.scanner.acquisition import AcquiredPage
from drivers.scanner.batch import ScanRequest
from drivers.scanner.encoding import COMPLIANT_DPI, DRAFT_ENCODING
from drivers.scanner.options import Source
from drivers.scanner.pdf import PdfError, pdf_bytes, write_pdf
from drivers.scanner.pipeline import ALL_STEPS, PagePipeline, process_page
from tests.helpers.documents import on_scanner, text_page

from .conftest import TEST_DEVICE

A4_MM = (210.0, 297.0)


def carries_colour(image: pikepdf.Stream) -> bool:
    """A stencil (ImageMask) or a grey image carries no colour; anything else does."""
    if image.get("/ImageMask", False):
        return False
    space = image.get("/ColorSpace")
    return space is not None and space != pikepdf.Name.DeviceGray


def placements(page: pikepdf.Page) -> dict[str, tuple[float, float]]:
    """Each image XObject drawn by the page, with the width and height (pt) the content stream gives it."""
    drawn, matrix = {}, None
    for operands, operator in pikepdf.parse_content_stream(page):
        if str(operator) == "cm":
            matrix = [float(v) for v in operands]
        elif str(operator) == "Do":
            assert matrix is not None and matrix[1] == matrix[2] == 0, "images are drawn upright, unrotated"
            drawn[str(operands[0])] = (matrix[0], matrix[3])
    return drawn


def check_digitised_copy(path: Path, areas_in: list[tuple[float, float]]) -> list[float]:
    """Asserts the decree's checks on the PDF at `path` whose pages should measure `areas_in` (inches);
    returns the effective resolution of every colour image."""
    found = []
    with pikepdf.open(path) as pdf:
        assert pdf.pdf_version >= "1.4" and path.read_bytes()[:8] >= b"%PDF-1.4"
        assert len(pdf.pages) == len(areas_in)
        for page, (width_in, height_in) in zip(pdf.pages, areas_in):
            x0, y0, x1, y1 = (float(v) for v in page.MediaBox)
            assert (x1 - x0) / 72 == pytest.approx(width_in, abs=1e-3)
            assert (y1 - y0) / 72 == pytest.approx(height_in, abs=1e-3)
            drawn = placements(page)
            for name, image in page.Resources.XObject.items():
                # each image covers the whole page (100 % scale): pixels over the page are its resolution
                assert drawn[str(name)] == pytest.approx((x1 - x0, y1 - y0), abs=1e-3)
                if carries_colour(image):
                    dpi = min(int(image.Width) / width_in, int(image.Height) / height_in)
                    assert dpi >= COMPLIANT_DPI, f"{name} is {dpi:.2f} dpi"
                    found.append(dpi)
    assert found, "no colour image at all"
    qpdf = shutil.which("qpdf")
    assert qpdf is not None, "qpdf is not installed: run `packaging/dev setup`"
    check = subprocess.run([qpdf, "--check", str(path)], capture_output=True, text=True)
    assert check.returncode == 0, check.stdout + check.stderr
    assert "No syntax or stream encoding errors found" in check.stdout and "WARNING" not in check.stdout + check.stderr
    return found


# the test backend's colour bars have no sheet edge: the crop step may take a bar for the sheet (it did
# at 200 dpi), so the scans skip the geometry steps and the page is the whole scanned area; the turned
# pages below go through every step
NO_GEOMETRY = tuple(s for s in ALL_STEPS if s not in ("crop", "deskew", "orientation"))


@pytest.fixture(scope="module")
def sane_scans(sane_dir) -> list[AcquiredPage]:
    """A4 colour pages (colour bars) from libsane's test backend at 200 and 300 dpi."""
    from drivers.scanner.worker import ScannerWorker

    pages = []
    with ScannerWorker(sane_dir, hang_timeout=10.0, stall_timeout=30.0) as worker:
        for dpi in (200, 300):
            request = ScanRequest(TEST_DEVICE, Source.FLATBED, dpi=dpi, area_mm=A4_MM,
                                  options_before_page={1: {"test-picture": "Color pattern"}})
            pages += [e for e in worker.scan(request) if isinstance(e, AcquiredPage)]
    assert [p.dpi for p in pages] == [200, 300]
    return pages


def test_default_output_of_a_real_scan_is_a_digitised_copy(sane_scans, tmp_path):
    processed = [process_page(p.image, p.dpi, steps=NO_GEOMETRY, keep_image=False) for p in sane_scans]
    assert all(page.encoded.compliant for page in processed)
    result = write_pdf(processed, tmp_path / "scan.pdf")  # refuses anything short of compliant
    assert result.compliant
    areas = [(p.size[0] / p.dpi, p.size[1] / p.dpi) for p in sane_scans]
    for (width_in, height_in), page in zip(areas, sane_scans):  # the A4 asked for, to the pixel SANE rounds off
        assert abs(width_in * 25.4 - A4_MM[0]) <= 25.4 / page.dpi and abs(height_in * 25.4 - A4_MM[1]) <= 25.4 / page.dpi
    resolutions = check_digitised_copy(result.path, areas)
    assert len(resolutions) == 4  # background and ink colours on each page


def test_default_output_of_the_worker_pool_on_turned_pages_is_a_digitised_copy(tmp_path):
    scans = [on_scanner(text_page(300, seed=s, paragraphs=2), angle=a, quarter_turns=k, seed=s).image
             for s, (a, k) in enumerate([(3.5, 0), (-6.0, 1), (0.0, 2)])]
    with PagePipeline(workers=2) as pipeline:
        processed = [f.result() for f in [pipeline.submit(image, 300) for image in scans]]
    result = write_pdf(processed, tmp_path / "turned.pdf")
    assert result.compliant
    check_digitised_copy(result.path, [(p.size[0] / 300, p.size[1] / 300) for p in processed])


def test_a_draft_says_it_is_not_a_digitised_copy(tmp_path):
    scan = on_scanner(text_page(300, seed=4, paragraphs=1), angle=2.0).image
    draft = process_page(scan, 300, keep_image=False, encoding=DRAFT_ENCODING)
    assert draft.encoded.dpi == 300 and not draft.encoded.compliant and draft.encoded.colour_dpi < 100
    with pytest.raises(PdfError, match="page 1 keeps its colour at 50 dpi"):
        pdf_bytes([draft])
    made = pdf_bytes([draft], require_compliant=False)
    assert not made.compliant
    path = tmp_path / "draft.pdf"
    path.write_bytes(made.data)
    with pytest.raises(AssertionError, match=r"/Bg is 100\.\d+ dpi"):  # the first colour image read
        check_digitised_copy(path, [(draft.size[0] / 300, draft.size[1] / 300)])


def test_pdfa_2b_output_passes_the_checks_that_can_be_made_here(sane_scans, tmp_path):
    processed = [process_page(p.image, p.dpi, steps=NO_GEOMETRY, keep_image=False) for p in sane_scans]
    result = write_pdf(processed, tmp_path / "a.pdf", pdfa=True, title="Tờ khai")
    assert result.pdfa and result.compliant
    data = result.path.read_bytes()
    assert data[:8] == b"%PDF-1.7" and data[9:10] == b"%" and all(b >= 128 for b in data[10:14])  # binary marker
    check_digitised_copy(result.path, [(p.size[0] / p.dpi, p.size[1] / p.dpi) for p in sane_scans])
    with pikepdf.open(result.path) as pdf:
        assert pdf.Root.Metadata.Subtype == "/XML"
        meta = pdf.open_metadata()
        assert meta["pdfaid:part"] == "2" and meta["pdfaid:conformance"] == "B"
        assert meta["pdf:Producer"] == str(pdf.docinfo["/Producer"])  # the document info agrees with the XMP
        assert meta["dc:title"] == str(pdf.docinfo["/Title"])
        intents = [i for i in pdf.Root.OutputIntents if i.S == "/GTS_PDFA1"]
        assert len(intents) == 1
        profile = intents[0].DestOutputProfile.read_bytes()
        assert profile[36:40] == b"acsp" and profile[16:20] == b"RGB " and int(intents[0].DestOutputProfile.N) == 3
        assert len(pdf.trailer.ID) == 2 and "/Encrypt" not in pdf.trailer
        for obj in pdf.objects:
            if not isinstance(obj, (pikepdf.Dictionary, pikepdf.Stream)):
                continue
            # no transparency: no soft masks, no transparency groups, no constant alpha below 1
            assert "/SMask" not in obj or obj.SMask == pikepdf.Name("/None")
            assert obj.get("/Group") is None or obj.Group.get("/S") != "/Transparency"
            assert float(obj.get("/CA", 1)) == 1 and float(obj.get("/ca", 1)) == 1
            assert obj.get("/BM", pikepdf.Name.Normal) in (pikepdf.Name.Normal, pikepdf.Name.Compatible)
            assert obj.get("/Interpolate", False) is False  # PDF/A forbids interpolated images
            if obj.get("/Type") == "/Font":  # every font embedded (the copy has none today)
                descriptor = obj.FontDescriptor
                assert any(k in descriptor for k in ("/FontFile", "/FontFile2", "/FontFile3"))
            if obj.get("/Subtype") == "/Image" and not obj.get("/ImageMask", False):
                assert obj.ColorSpace in (pikepdf.Name.DeviceRGB, pikepdf.Name.DeviceGray)  # the output intent's
