"""What makes a PDF a digitised copy (Decree 30/2020/NĐ-CP, Appendix I) and a PDF/A-2b file, checked on
the file itself (no veraPDF here), and a real component scanned by libsane's test backend to check: shared
by the scanner's compliance tests, the signed-copy tests and the signing benchmark."""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

import pikepdf
import pytest

from drivers.scanner.acquisition import AcquiredPage
from drivers.scanner.batch import ScanRequest
from drivers.scanner.encoding import COMPLIANT_DPI
from drivers.scanner.options import Source
from drivers.scanner.pipeline import ALL_STEPS, process_page

A4_MM = (210.0, 297.0)
INVISIBLE, HIDDEN, PRINT, NO_VIEW = 1, 2, 4, 32  # annotation flags (ISO 32000-1, 12.5.3)
TEST_DEVICE = "test:0"
# the test backend's colour bars have no sheet edge: the crop step may take a bar for the sheet (it did
# at 200 dpi), so the scans skip the geometry steps and the page is the whole scanned area
NO_GEOMETRY = tuple(s for s in ALL_STEPS if s not in ("crop", "deskew", "orientation"))


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


def check_pdfa_2b(path: Path) -> None:
    """The PDF/A-2b rules that can be checked here: the XMP identification agreeing with the document
    information, one sRGB output intent, an ID, no encryption, no transparency, no interpolation,
    embedded fonts, device colour spaces the output intent covers, and annotations that print."""
    with pikepdf.open(path) as pdf:
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
            if obj.get("/Type") == "/Annot" or obj.get("/Subtype") == "/Widget":  # a signature's widget, say
                flags = int(obj.get("/F", 0))
                assert flags & PRINT and not flags & (HIDDEN | INVISIBLE | NO_VIEW), f"annotation flags {flags}"
                x0, y0, x1, y1 = (float(v) for v in obj.Rect)
                if obj.get("/Subtype") not in ("/Popup", "/Link") and (x1 - x0 or y1 - y0):
                    assert "/AP" in obj, "a visible annotation without an appearance"
                if "/AP" in obj:
                    assert set(obj.AP.keys()) == {"/N"}, "an appearance other than the normal one"


def scan_colour_pages(sane_dir: Path, count: int, dpi: int) -> list[AcquiredPage]:
    """`count` A4 colour pages (colour bars) from libsane's test backend's flatbed at `dpi`."""
    from drivers.scanner.worker import ScannerWorker

    request = ScanRequest(TEST_DEVICE, Source.FLATBED, dpi=dpi, area_mm=A4_MM, pages=count,
                          options_before_page={n: {"test-picture": "Color pattern"} for n in range(1, count + 1)})
    with ScannerWorker(sane_dir, hang_timeout=10.0, stall_timeout=30.0) as worker:
        pages = [e for e in worker.scan(request) if isinstance(e, AcquiredPage)]
    assert len(pages) == count, f"the test scanner gave {len(pages)} pages of {count}"
    return pages


def processed(pages: list[AcquiredPage]) -> list:
    """The pages through the page pipeline, as a component's PDF takes them."""
    return [process_page(p.image, p.dpi, steps=NO_GEOMETRY, keep_image=False) for p in pages]


def page_areas(pages: list[AcquiredPage]) -> list[tuple[float, float]]:
    """Each scanned page's size in inches, as check_digitised_copy takes them."""
    return [(p.size[0] / p.dpi, p.size[1] / p.dpi) for p in pages]
