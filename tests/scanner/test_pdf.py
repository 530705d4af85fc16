"""PDF output: 100 % scale, JPEG streams wrapped as they are, compliance, PDF/A-2b, metadata, the store."""

from __future__ import annotations

import hashlib
import shutil
import subprocess
from datetime import datetime, timezone

import cv2
import numpy as np
import pikepdf
import pytest

from drivers.scanner.encoding import PageEncoding, encode_page
from drivers.scanner.pdf import PRODUCER, PdfError, pdf_bytes, write_pdf
from drivers.scanner.pipeline import process_page
from kiosk.domain import CitizenSnapshot, Component, Document, Dossier
from kiosk.store import MemoryKeyStore, Store
from tests.helpers.documents import on_scanner, text_page

NAME = "Nguyễn Thị Hồng Nhung"
WHEN = datetime(2025, 7, 1, 8, 0, tzinfo=timezone.utc)


JPEG = PageEncoding("jpeg", quality=60)


def scans():
    return [on_scanner(text_page(200, seed=s, paragraphs=1), angle=a, quarter_turns=k, seed=s).image
            for s, (a, k) in enumerate([(0.0, 0), (2.0, 1)])]


@pytest.fixture(scope="module")
def pages():
    """Two compliant colour pages at 200 dpi encoded as JPEG, one of them turned on the glass."""
    return [process_page(image, 200, encoding=JPEG) for image in scans()]


@pytest.fixture(scope="module")
def mixed_pages():
    """The same pages with the default encoding (mixed raster), without their full images."""
    return [process_page(image, 200, keep_image=False) for image in scans()]


def images_of(pdf: pikepdf.Pdf, page_number: int) -> dict[str, pikepdf.Stream]:
    return {str(k): v for k, v in pdf.pages[page_number].Resources.XObject.items()}


def test_pages_are_at_100_percent_scale_and_jpeg_streams_are_not_reencoded(pages, tmp_path):
    result = write_pdf(pages, tmp_path / "c.pdf")
    assert result.pages == 2 and result.compliant and not result.pdfa
    with pikepdf.open(result.path) as pdf:
        assert len(pdf.pages) == 2 and pdf.pdf_version >= "1.4"
        for number, page in enumerate(pages):
            box = [float(v) for v in pdf.pages[number].MediaBox]
            w, h = page.size
            assert box == pytest.approx([0, 0, w * 72 / 200, h * 72 / 200], abs=0.01)
            image = images_of(pdf, number)["/Im0"]
            assert image.Filter == "/DCTDecode" and (int(image.Width), int(image.Height)) == (w, h)
            assert image.read_raw_bytes() == page.encoded.layers[0].data


def test_mixed_raster_layers_are_wrapped_as_encoded(mixed_pages):
    made = pdf_bytes(mixed_pages, created=WHEN)
    assert made.compliant and made.pages == 2
    with pikepdf.open(__import__("io").BytesIO(made.data)) as pdf:
        for number, page in enumerate(mixed_pages):
            background, ink, stencil = page.encoded.layers
            xobjects = images_of(pdf, number)
            assert xobjects["/Bg"].read_raw_bytes() == background.data
            assert xobjects["/Fg"].read_raw_bytes() == ink.data
            assert xobjects["/Fg"].Mask.read_raw_bytes() == stencil.data
            w, h = page.size
            box = [float(v) for v in pdf.pages[number].MediaBox]
            assert box == pytest.approx([0, 0, w * 72 / 200, h * 72 / 200], abs=0.01)
    with pytest.raises(PdfError, match="keep_image=True"):  # no image left to encode differently
        pdf_bytes(mixed_pages, encoding=JPEG)


def test_sha256_and_size_match_the_file(pages, tmp_path):
    result = write_pdf(pages, tmp_path / "c.pdf")
    data = result.path.read_bytes()
    assert result.sha256 == hashlib.sha256(data).hexdigest() and result.size == len(data)
    made = pdf_bytes(pages, created=WHEN)
    assert made.sha256 == hashlib.sha256(made.data).hexdigest()
    assert pdf_bytes(pages, created=WHEN).data == made.data  # same pages, same moment: same bytes


def test_metadata_has_no_personal_data_unless_a_title_is_given(pages):
    made = pdf_bytes(pages, created=WHEN)
    with pikepdf.open(__import__("io").BytesIO(made.data)) as pdf:
        info = {str(k): str(v) for k, v in pdf.docinfo.items()}
        assert set(info) == {"/Producer", "/Creator", "/CreationDate", "/ModDate"}
        assert info["/Producer"] == PRODUCER and info["/CreationDate"].startswith("D:20250701080000")
    assert NAME.encode() not in made.data and NAME.encode("utf-16-be") not in made.data
    titled = pdf_bytes(pages, title="Giấy khai sinh", created=WHEN)
    with pikepdf.open(__import__("io").BytesIO(titled.data)) as pdf:
        assert str(pdf.docinfo["/Title"]) == "Giấy khai sinh"


def test_pdfa_2b_has_its_xmp_identification_and_srgb_output_intent(pages, tmp_path):
    result = write_pdf(pages, tmp_path / "a.pdf", pdfa=True, title="Tờ khai", created=WHEN)
    assert result.pdfa
    with pikepdf.open(result.path) as pdf:
        assert pdf.pdf_version == "1.7"
        meta = pdf.open_metadata()
        assert meta["pdfaid:part"] == "2" and meta["pdfaid:conformance"] == "B"
        assert meta["dc:title"] == "Tờ khai" and str(pdf.docinfo["/Title"]) == "Tờ khai"
        assert meta["pdf:Producer"] == PRODUCER and meta["xmp:CreateDate"].startswith("2025-07-01T08:00:00")
        intent = pdf.Root.OutputIntents[0]
        assert intent.S == "/GTS_PDFA1" and str(intent.OutputConditionIdentifier) == "sRGB IEC61966-2.1"
        icc = intent.DestOutputProfile
        profile = icc.read_bytes()
        assert int(icc.N) == 3 and profile[36:40] == b"acsp" and profile[16:20] == b"RGB "
        assert len(pdf.trailer.ID) == 2
        # still the very same JPEG bytes
        assert images_of(pdf, 0)["/Im0"].read_raw_bytes() == pages[0].encoded.layers[0].data


def test_low_resolution_or_grey_pages_are_refused_for_a_compliant_copy(tmp_path):
    low = process_page(on_scanner(text_page(150, 1, paragraphs=1)).image, 150)
    with pytest.raises(PdfError, match="page 1 is 150 dpi; a digitised copy needs at least 200 dpi"):
        write_pdf([low], tmp_path / "low.pdf")
    assert not (tmp_path / "low.pdf").exists()
    grey = process_page(on_scanner(text_page(200, 1, paragraphs=1)).image[..., 0].copy(), 200)
    with pytest.raises(PdfError, match="page 1 was scanned in grey"):
        pdf_bytes([grey])
    draft = pdf_bytes([low, grey], require_compliant=False)
    assert draft.pages == 2 and not draft.compliant
    with pytest.raises(PdfError, match="at least one page"):
        pdf_bytes([])


def test_downsampling_to_the_compliant_minimum(tmp_path):
    page = process_page(on_scanner(text_page(300, 2, paragraphs=1)).image, 300)
    result = write_pdf([page], tmp_path / "200.pdf", encoding=PageEncoding("jpeg", quality=50, dpi=200))
    with pikepdf.open(result.path) as pdf:
        image = images_of(pdf, 0)["/Im0"]
        w, h = page.size
        assert int(image.Width) == round(w * 2 / 3) or abs(int(image.Width) - w * 2 / 3) <= 1
        box = [float(v) for v in pdf.pages[0].MediaBox]
        assert box[2] == pytest.approx(w * 72 / 300, abs=0.5) and box[3] == pytest.approx(h * 72 / 300, abs=0.5)


@pytest.mark.parametrize("mask", ["g4", "flate"])
def test_mixed_raster_page_renders_like_the_scan(pages, tmp_path, mask):
    page = pages[0]
    result = write_pdf([page], tmp_path / "m.pdf", encoding=PageEncoding("mixed", quality=50, mask=mask))
    with pikepdf.open(result.path) as pdf:
        xobjects = images_of(pdf, 0)
        stencil = xobjects["/Fg"].Mask
        assert stencil.ImageMask is True and int(stencil.Width) == page.size[0]
        assert stencil.Filter == ("/CCITTFaxDecode" if mask == "g4" else "/FlateDecode")
        # a 200 dpi page: background and ink colours at the page's resolution too
        assert int(xobjects["/Bg"].Width) == int(xobjects["/Fg"].Width) == page.size[0]
    assert result.size < len(page.encoded.layers[0].data) + 20_000
    gs = shutil.which("gs")
    assert gs is not None, "Ghostscript (gs) is not installed: run `packaging/dev setup`"
    png = tmp_path / "m.png"
    subprocess.run([gs, "-q", "-dSAFER", "-sDEVICE=png16m", "-r200", "-o", str(png), str(result.path)], check=True)
    rendered = cv2.cvtColor(cv2.imread(str(png)), cv2.COLOR_BGR2GRAY)
    original = cv2.cvtColor(page.image, cv2.COLOR_RGB2GRAY)
    h, w = min(rendered.shape[0], original.shape[0]), min(rendered.shape[1], original.shape[1])
    ink_rendered, ink_original = rendered[:h, :w] < 128, original[:h, :w] < 128
    agreement = np.mean(ink_rendered == ink_original)
    assert agreement > 0.99 and ink_rendered.sum() == pytest.approx(ink_original.sum(), rel=0.15)


def test_encoding_choices_are_checked():
    with pytest.raises(ValueError, match="quality 5"):
        PageEncoding(quality=5)
    with pytest.raises(ValueError, match="unknown page encoding"):
        PageEncoding("png")
    page = encode_page(np.full((300, 200, 3), 250, np.uint8), 200)
    assert page.kind == "mixed" and len(page.layers) == 3 and page.compliant  # the default


def test_pdf_goes_into_the_encrypted_store_with_its_sha256(pages, tmp_path):
    made = pdf_bytes(pages, created=WHEN)
    document = Document.from_pdf(made.data, made.pages, [p.thumbnail for p in pages])
    assert document.sha256 == made.sha256 and document.size == made.size
    citizen = CitizenSnapshot(id_number="001190012345", full_name=NAME)
    dossier = Dossier(procedure_code="1.001193", receiving_unit="06970", competent_unit="06970",
                      citizen=citizen, received_by="officer-7", created_at=WHEN)
    dossier.set_component(Component(name="Tờ khai", document=document), WHEN)
    with Store(tmp_path / "store", MemoryKeyStore(), station_id="SIM-01") as store:
        store.save(dossier, now=WHEN)
        assert store.read_document(document.id) == made.data
        loaded = store.load(dossier.id).components[0].document
        assert loaded.sha256 == made.sha256 and loaded.page_count == 2
        assert loaded.thumbnails == tuple(p.thumbnail for p in pages)
    # the plaintext PDF is nowhere on disk: the store keeps it encrypted
    for file in (tmp_path / "store").rglob("*"):
        if file.is_file():
            assert made.data[:4096] not in file.read_bytes()


def test_a_page_is_encoded_again_only_when_other_settings_are_asked_for(pages):
    page = pages[0]
    same = pdf_bytes([page], encoding=JPEG, created=WHEN)
    assert same.data == pdf_bytes([page], created=WHEN).data  # its own JPEG, as it is
    flate = pdf_bytes([page], encoding=PageEncoding("mixed", mask="flate"), created=WHEN)
    g4 = pdf_bytes([page], encoding=PageEncoding("mixed", mask="g4"), created=WHEN)
    assert len({same.sha256, flate.sha256, g4.sha256}) == 3


def test_an_unwritable_place_gets_a_clear_error(pages, tmp_path):
    with pytest.raises(PdfError, match="cannot write the PDF in .*missing"):
        write_pdf(pages, tmp_path / "missing" / "c.pdf")
    (tmp_path / "dir.pdf").mkdir()
    with pytest.raises(PdfError, match="cannot write the PDF .*dir.pdf"):
        write_pdf(pages, tmp_path / "dir.pdf")
    assert not [p for p in tmp_path.iterdir() if p.name.startswith(".pdf-")]
