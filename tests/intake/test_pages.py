"""A component's pages: edits, the compliant PDF read back (order, rotation, resolution), flags, wipe."""

from __future__ import annotations

import io
import shutil
import subprocess

import cv2
import numpy as np
import pikepdf
import pytest

from drivers.scanner.encoding import PageEncoding
from drivers.scanner.pipeline import process_page
from kiosk.errors import KioskError
from kiosk.intake import NotACompliantCopy, Page, PageNotFound, PageSet, PageSetError

JPEG = PageEncoding("jpeg", quality=60)
# no crop, deskew or orientation: the test pages come out exactly as drawn, so order and turns can be checked
STEPS = ("blank", "thumbnail", "encode")


def sheet(width: int, height: int = 420, *, colour: bool = True, blank: bool = False) -> np.ndarray:
    """White paper with lines of dark marks and a black corner block at the top left (to tell turns)."""
    image = np.full((height, width, 3), 245, np.uint8)
    if not blank:
        image[10:60, 10:60] = 0
        for y in range(90, height - 20, 30):
            cv2.putText(image, "Ho so so 12", (20, y), cv2.FONT_HERSHEY_SIMPLEX, 0.6, (20, 20, 90), 2)
    return image if colour else cv2.cvtColor(image, cv2.COLOR_RGB2GRAY)


def processed(width: int = 300, dpi: int = 200, encoding: PageEncoding = JPEG, **kw):
    return process_page(sheet(width, **kw), dpi, steps=STEPS, encoding=encoding)


def three() -> tuple[PageSet, list[Page]]:
    """A set of three pages told apart by their widths: 300, 340, 380 px."""
    pages = PageSet()
    return pages, [pages.add(processed(300 + 40 * n)) for n in range(3)]


def widths(pages: PageSet) -> list[int]:
    return [p.processed.size[0] for p in pages.pages]


def pdf_of(document) -> pikepdf.Pdf:
    return pikepdf.open(io.BytesIO(document.content))


def dark_corner(image: np.ndarray) -> str:
    """Which corner of `image` holds the black block: "tl", "tr", "bl" or "br"."""
    gray = image if image.ndim == 2 else cv2.cvtColor(image, cv2.COLOR_BGR2GRAY)
    h, w = gray.shape
    corners = {"tl": gray[: h // 6, : w // 6], "tr": gray[: h // 6, -w // 6:],
               "bl": gray[-h // 6:, : w // 6], "br": gray[-h // 6:, -w // 6:]}
    return min(corners, key=lambda name: corners[name].mean())


def decoded(jpeg: bytes) -> np.ndarray:
    return cv2.imdecode(np.frombuffer(jpeg, np.uint8), cv2.IMREAD_COLOR)


# --- edits ---------------------------------------------------------------------------------------

def test_pages_keep_the_order_they_were_added_and_reorder():
    pages, (a, b, c) = three()
    assert [p.id for p in pages.pages] == [a.id, b.id, c.id] and len(pages) == 3
    pages.move(c.id, 0)
    assert [p.id for p in pages.pages] == [c.id, a.id, b.id]
    pages.move(c.id, 2)
    assert [p.id for p in pages.pages] == [a.id, b.id, c.id]
    with pytest.raises(PageSetError, match="no place 4"):
        pages.move(a.id, 3)


def test_delete_drops_the_page_and_its_images():
    pages, (a, b, c) = three()
    pages.delete(b.id)
    assert [p.id for p in pages.pages] == [a.id, c.id]
    assert b.processed.encoded is None and b.thumbnail == b"" and b.processed.thumbnail == b""
    with pytest.raises(PageNotFound) as caught:
        pages.delete(b.id)
    assert isinstance(caught.value, KioskError) and b.id not in str(caught.value)


def test_retake_takes_the_same_place():
    pages, (a, b, c) = three()
    new = pages.replace(b.id, processed(500))
    assert [p.id for p in pages.pages] == [a.id, new.id, c.id] and new.id != b.id
    assert widths(pages) == [300, 500, 380]
    assert b.processed.encoded is None  # the page retaken is not kept
    with pytest.raises(PageNotFound):
        pages.page(b.id)


def test_rotate_counts_clockwise_quarter_turns_and_turns_the_thumbnail():
    pages, (a, _, _) = three()
    before = decoded(a.thumbnail)
    assert dark_corner(before) == "tl"
    assert pages.rotate(a.id, 1) is a and a.quarter_turns == 1
    after = decoded(a.thumbnail)
    assert after.shape[:2] == before.shape[1::-1] and dark_corner(after) == "tr"  # clockwise
    assert a.size == (420, 300)
    pages.rotate(a.id, 2)
    assert a.quarter_turns == 3 and dark_corner(decoded(a.thumbnail)) == "bl"
    pages.rotate(a.id, -3)
    assert a.quarter_turns == 0 and a.thumbnail == a.processed.thumbnail  # back to the pipeline's own


def test_a_page_moves_to_another_component_whole():
    first, (a, b, c) = three()
    second = PageSet([Page.of(processed(600))])
    first.rotate(b.id, 1)
    moved = first.take(b.id)
    second.insert(moved, 0)
    assert moved is b and b.quarter_turns == 1 and b.processed.encoded is not None
    assert [p.id for p in first.pages] == [a.id, c.id]
    assert [p.id for p in second.pages][0] == b.id and len(second) == 2
    with pytest.raises(PageSetError, match="already"):
        second.insert(b)
    assert first.document().page_count == 2 and second.document().page_count == 2


# --- the document --------------------------------------------------------------------------------

def test_document_pages_in_order_with_rotation_and_thumbnails():
    pages, (a, b, c) = three()
    pages.move(c.id, 0)
    pages.rotate(a.id, 1)
    document = pages.document(title="Giấy khai sinh")
    assert document.page_count == 3 and document.content.startswith(b"%PDF-1.")
    assert document.thumbnails == (c.thumbnail, a.thumbnail, b.thumbnail)
    with pdf_of(document) as pdf:
        assert len(pdf.pages) == 3 and pdf.pdf_version >= "1.4"
        # order: each page's MediaBox is its width at 200 dpi in points
        assert [round(float(p.MediaBox[2]) * 200 / 72) for p in pdf.pages] == [380, 300, 340]
        assert [int(p.obj.get("/Rotate", 0)) for p in pdf.pages] == [0, 90, 0]
        assert str(pdf.docinfo["/Title"]) == "Giấy khai sinh"


def test_a_pdfa_document_keeps_its_rotation_and_output_intent():
    pages, (a, _, _) = three()
    pages.rotate(a.id, 3)
    with pdf_of(pages.document(pdfa=True)) as pdf:
        assert int(pdf.pages[0].obj.Rotate) == 270 and "/Rotate" not in pdf.pages[1].obj
        assert pdf.Root.OutputIntents[0].S == "/GTS_PDFA1" and pdf.pdf_version == "1.7"
        assert pdf.open_metadata()["pdfaid:part"] == "2"


def test_rotation_is_visible_when_the_pdf_is_rendered(tmp_path):
    pages, (a, _, _) = three()
    pages.rotate(a.id, 1)
    path = tmp_path / "c.pdf"
    path.write_bytes(pages.document().content)
    gs = shutil.which("gs")
    assert gs is not None, "Ghostscript (gs) is not installed: run `packaging/dev setup`"
    png = tmp_path / "p1.png"
    subprocess.run([gs, "-q", "-dSAFER", "-sDEVICE=png16m", "-r50", "-dFirstPage=1", "-dLastPage=1",
                    "-o", str(png), str(path)], check=True)
    rendered = cv2.imread(str(png))
    assert rendered.shape[1] > rendered.shape[0]  # a portrait page shown landscape
    assert dark_corner(rendered) == "tr"


def test_every_colour_image_in_the_document_is_at_least_200_dpi():
    pages = PageSet()
    for width in (300, 360):
        pages.add(processed(width, dpi=200))
    pages.add(processed(320, dpi=300))
    with pdf_of(pages.document()) as pdf:
        for page in pdf.pages:
            for image in page.Resources.XObject.values():
                assert image.ColorSpace == "/DeviceRGB" and image.BitsPerComponent == 8
                dpi = int(image.Width) / (float(page.MediaBox[2]) / 72)  # drawn over the whole page
                assert dpi >= 200 - 0.5


def test_mixed_raster_pages_are_compliant_at_the_stencil_resolution():
    # the pipeline's default encoding: a sharp 1-bit stencil at the scan's resolution, colour layers lower
    pages = PageSet()
    pages.add(processed(300, dpi=200, encoding=PageEncoding()))
    with pdf_of(pages.document()) as pdf:
        page = pdf.pages[0]
        xobjects = page.Resources.XObject
        stencil = xobjects["/Fg"].Mask
        assert int(stencil.Width) / (float(page.MediaBox[2]) / 72) == pytest.approx(200, abs=0.5)
        assert xobjects["/Bg"].ColorSpace == xobjects["/Fg"].ColorSpace == "/DeviceRGB"


@pytest.mark.parametrize("kind, match", [({"colour": False}, "grey"), ({"dpi": 150}, "150 dpi")])
def test_a_page_short_of_a_digitised_copy_is_refused(kind, match):
    pages = PageSet()
    pages.add(processed(300))
    pages.add(processed(300, **kind))
    with pytest.raises(NotACompliantCopy, match=f"page 2 .*{match}") as caught:
        pages.document()
    assert len(caught.value.problems) == 1


def test_no_pages_no_document():
    with pytest.raises(PageSetError, match="no pages"):
        PageSet().document()


# --- flags and wipe ------------------------------------------------------------------------------

def test_blank_pages_are_flagged_for_the_person_to_confirm():
    pages = PageSet()
    written = pages.add(processed(300))
    blank = pages.add(processed(300, blank=True))
    assert blank.blank and blank.flags == {"blank"} and blank.needs_confirmation
    assert not written.blank and not written.needs_confirmation
    assert pages.flagged() == [blank]
    assert pages.document().page_count == 2  # flagged, never dropped by itself
    assert pages.confirm(blank.id) is blank and not blank.needs_confirmation and pages.flagged() == []


def test_wipe_drops_every_image_and_byte():
    pages, held = three()
    pages.rotate(held[0].id, 1)
    pages.wipe()
    assert pages.pages == () and len(pages) == 0
    for page in held:
        assert page.thumbnail == b"" and page.processed.thumbnail == b""
        assert page.processed.encoded is None and page.processed.image is None and page.processed.barcodes == []
    with pytest.raises(PageSetError):
        pages.document()


class _Scanned:
    """What `kiosk intake run` sees of the intake after a scan: the line and its pages."""

    def __init__(self, pages: PageSet) -> None:
        self.pages, self.name, self.confirmed = pages, "Tờ khai", []

    def scan(self, component, request, progress):
        from concurrent.futures import Future
        from types import SimpleNamespace

        done = Future()
        done.set_result(SimpleNamespace(ended=SimpleNamespace(status=SimpleNamespace(value="good"))))
        return done

    def slot(self, component):
        return self

    def confirm_page(self, component, page_id):
        self.confirmed.append(page_id)
        self.pages.confirm(page_id)


@pytest.mark.parametrize("keep", [False, True])
def test_the_command_line_stops_at_a_blank_page_unless_told_to_keep_it(keep, capsys):
    from argparse import Namespace

    from kiosk.cli.intake import _scan
    from kiosk.errors import KioskError

    pages = PageSet()
    pages.add(processed(300))
    blank = pages.add(processed(300, blank=True))
    intake = _Scanned(pages)
    args = Namespace(device=None, dpi=200, keep_flagged=keep)
    if not keep:
        with pytest.raises(KioskError, match="page 2 of 'Tờ khai' looks blank: scan it again, or pass --keep-flagged"):
            _scan(intake, "1", "flatbed", 1, args)
        assert intake.confirmed == []
    else:
        _scan(intake, "1", "flatbed", 1, args)
        assert intake.confirmed == [blank.id] and "kept (--keep-flagged)" in capsys.readouterr().err
