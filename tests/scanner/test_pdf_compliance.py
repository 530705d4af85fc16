"""The default output is a digitised copy as Decree 30/2020/NĐ-CP asks: read back from the PDF, every
image that carries colour is at 200 dpi or more over the page's physical size, the page is the scanned
area at 100 % scale, the PDF is 1.4 or later and qpdf finds nothing wrong in it. PDF/A-2b: what can be
checked without veraPDF (no registry here offers it)."""

from __future__ import annotations

import pytest

from drivers.scanner.acquisition import AcquiredPage
from drivers.scanner.batch import ScanRequest
from drivers.scanner.encoding import DRAFT_ENCODING
from drivers.scanner.options import Source
from drivers.scanner.pdf import PdfError, pdf_bytes, write_pdf
from drivers.scanner.pipeline import PagePipeline, process_page
from tests.helpers.documents import on_scanner, text_page
from tests.helpers.pdf_compliance import A4_MM, NO_GEOMETRY, check_digitised_copy, check_pdfa_2b

from .conftest import TEST_DEVICE

# the test backend's colour bars have no sheet edge: the scans skip the geometry steps (NO_GEOMETRY);
# the turned pages below go through every step

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
    check_pdfa_2b(result.path)
