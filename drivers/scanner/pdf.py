"""The PDF of one dossier component, from processed pages.

Pages go in as they were encoded on the pipeline's workers: a JPEG page is wrapped as it is (its
bytes are the PDF's image stream, no re-encoding), a mixed-raster page as its three layers (colour
background and ink colours at 200 dpi, 1-bit stencil at the page's resolution: 200 dpi by default). Each
page is drawn at the size it was scanned (100 % scale; a page reduced to 200 dpi has its pixels rounded
up, never its size). A copy that is to count as a digitised copy (Decree
30/2020/NĐ-CP: colour, at least 200 dpi for every image that carries colour, 100 % scale, PDF 1.4 or
later) is refused when a page falls short (a draft's 100 and 50 dpi colour layers do); PDF/A-2b
(TCVN 14159 adopts PDF/A) adds XMP metadata and an sRGB output intent.

Metadata: producer and dates only; a title only when the caller passes one (no personal data by default).
"""

from __future__ import annotations

import hashlib
import io
import os
import tempfile
from dataclasses import dataclass, field
from datetime import datetime, timezone
from pathlib import Path
from typing import TYPE_CHECKING, Sequence

import pikepdf
from pikepdf import Array, Dictionary, Name, Stream
from PIL import ImageCms

from .encoding import COMPLIANT_DPI, DEFAULT_ENCODING, EncodedPage, PageEncoding, encode_page

if TYPE_CHECKING:
    from .pipeline import ProcessedPage

PRODUCER = "Digitisation point (drivers.scanner.pdf)"
PDF_VERSION = "1.4"  # the decree's minimum; PDF/A-2b files are written as 1.7, which PDF/A-2 is based on
SRGB_CONDITION = "sRGB IEC61966-2.1"


class PdfError(ValueError):
    """The pages cannot make the PDF asked for; the message says which page and why (for the officer)."""


@dataclass(frozen=True)
class PdfBytes:
    data: bytes = field(repr=False)
    sha256: str
    size: int
    pages: int
    compliant: bool  # colour, every colour image ≥ 200 dpi, 100 % scale, PDF ≥ 1.4
    pdfa: bool


@dataclass(frozen=True)
class PdfResult:
    path: Path
    sha256: str
    size: int
    pages: int
    compliant: bool
    pdfa: bool


def compliance_problems(encoded: Sequence[EncodedPage]) -> list[str]:
    """Why the pages would not make a compliant digitised copy (empty: they would)."""
    problems = []
    for number, page in enumerate(encoded, 1):
        if not page.colour:
            problems.append(f"page {number} was scanned in grey; a digitised copy must be in colour")
        if page.dpi < COMPLIANT_DPI:
            problems.append(f"page {number} is {page.dpi} dpi; a digitised copy needs at least {COMPLIANT_DPI} dpi")
        elif page.colour and page.colour_dpi < COMPLIANT_DPI:
            problems.append(f"page {number} keeps its colour at {page.colour_dpi:.0f} dpi (a draft); a digitised copy "
                            f"needs every colour image at {COMPLIANT_DPI} dpi or more")
    return problems


def _encoded(page: "ProcessedPage", encoding: PageEncoding | None) -> EncodedPage:
    """The page's own encoding when it matches (no re-encoding), else encoded now from its image."""
    have = page.encoded
    if have is not None and (encoding is None or have.made_with(encoding, page.dpi)):
        return have
    if page.image is None:
        raise PdfError("a page was processed without keeping its image and its encoding differs from the one asked "
                       "for; process it again with keep_image=True")
    return encode_page(page.image, page.dpi, encoding or DEFAULT_ENCODING)


def _image(pdf: pikepdf.Pdf, layer, *, colour: bool | None = None, stencil: bool = False) -> Stream:
    stream = Stream(pdf, layer.data)
    stream.Type, stream.Subtype = Name.XObject, Name.Image
    stream.Width, stream.Height = layer.width, layer.height
    stream.Filter = Name("/" + layer.filter)
    if stencil:
        stream.ImageMask = True
        stream.BitsPerComponent = 1
        if layer.filter == "CCITTFaxDecode":
            stream.DecodeParms = Dictionary(K=-1, Columns=layer.width, Rows=layer.height, BlackIs1=False)
        # the ink decodes to 1 (packed bits: ink = 1; G4 from Pillow's TIFF: ink as the black runs,
        # which PDF decodes to 1 with BlackIs1 false); a stencil paints its 0 samples, hence the inversion
        stream.Decode = Array([1, 0])
        return stream
    stream.ColorSpace = Name.DeviceRGB if layer.colour else Name.DeviceGray
    stream.BitsPerComponent = 8
    return stream


def _add_page(pdf: pikepdf.Pdf, page: EncodedPage) -> None:
    width_pt, height_pt = (v * 72 for v in page.size_in)  # 100 % scale: the scanned size
    w, h = f"{width_pt:.4f}", f"{height_pt:.4f}"
    if page.kind == "jpeg":
        resources = Dictionary(XObject=Dictionary(Im0=_image(pdf, page.layers[0])))
        content = f"q {w} 0 0 {h} 0 0 cm /Im0 Do Q".encode()
    else:
        background, ink, stencil = page.layers
        fg = _image(pdf, ink)
        fg.Mask = pdf.make_indirect(_image(pdf, stencil, stencil=True))
        resources = Dictionary(XObject=Dictionary(Bg=_image(pdf, background), Fg=fg))
        content = f"q {w} 0 0 {h} 0 0 cm /Bg Do /Fg Do Q".encode()
    pdf.pages.append(pikepdf.Page(Dictionary(
        Type=Name.Page, MediaBox=Array([0, 0, width_pt, height_pt]), Resources=resources,
        Contents=Stream(pdf, content),
    )))


def _pdf_date(moment: datetime) -> str:
    return moment.strftime("D:%Y%m%d%H%M%SZ")


def _make_pdfa(pdf: pikepdf.Pdf, title: str | None, created: datetime) -> None:
    icc = Stream(pdf, ImageCms.ImageCmsProfile(ImageCms.createProfile("sRGB")).tobytes())
    icc.N = 3
    pdf.Root.OutputIntents = Array([Dictionary(
        Type=Name.OutputIntent, S=Name.GTS_PDFA1, OutputConditionIdentifier=SRGB_CONDITION,
        Info=SRGB_CONDITION, DestOutputProfile=pdf.make_indirect(icc),
    )])
    with pdf.open_metadata(set_pikepdf_as_editor=False, update_docinfo=True) as meta:
        meta["pdfaid:part"] = "2"
        meta["pdfaid:conformance"] = "B"
        meta["pdf:Producer"] = PRODUCER
        meta["xmp:CreatorTool"] = PRODUCER
        meta["xmp:CreateDate"] = created.isoformat()
        meta["xmp:ModifyDate"] = created.isoformat()
        meta["xmp:MetadataDate"] = created.isoformat()
        if title:
            meta["dc:title"] = title


def pdf_bytes(pages: Sequence["ProcessedPage"], *, pdfa: bool = False, title: str | None = None,
              encoding: PageEncoding | None = None, require_compliant: bool = True,
              created: datetime | None = None) -> PdfBytes:
    """The PDF as bytes with its SHA-256, ready for the store (kiosk.domain.Document.from_pdf).
    `encoding` None keeps each page's own encoding; `require_compliant` refuses grey or < 200 dpi pages."""
    if not pages:
        raise PdfError("a PDF needs at least one page")
    encoded = [_encoded(page, encoding) for page in pages]
    problems = compliance_problems(encoded)
    if problems and require_compliant:
        raise PdfError("not a compliant digitised copy: " + "; ".join(problems))
    created = (created or datetime.now(timezone.utc)).astimezone(timezone.utc).replace(microsecond=0)
    pdf = pikepdf.new()
    for page in encoded:
        _add_page(pdf, page)
    pdf.docinfo[Name.Producer] = PRODUCER
    pdf.docinfo[Name.Creator] = PRODUCER
    pdf.docinfo[Name.CreationDate] = _pdf_date(created)
    pdf.docinfo[Name.ModDate] = _pdf_date(created)
    if title:
        pdf.docinfo[Name.Title] = title
    if pdfa:
        _make_pdfa(pdf, title, created)
    out = io.BytesIO()
    pdf.save(out, min_version="1.7" if pdfa else PDF_VERSION, deterministic_id=True,
             object_stream_mode=pikepdf.ObjectStreamMode.disable if pdfa else pikepdf.ObjectStreamMode.preserve)
    data = out.getvalue()
    return PdfBytes(data, hashlib.sha256(data).hexdigest(), len(data), len(encoded), not problems, pdfa)


def write_pdf(pages: Sequence["ProcessedPage"], out: Path | str, *, pdfa: bool = False, title: str | None = None,
              encoding: PageEncoding | None = None, require_compliant: bool = True,
              created: datetime | None = None) -> PdfResult:
    """Write the PDF to `out` atomically (a file the technician asked for: e.g. `kiosk scan run --out`).
    A citizen's documents go to the store through pdf_bytes instead."""
    made = pdf_bytes(pages, pdfa=pdfa, title=title, encoding=encoding, require_compliant=require_compliant,
                     created=created)
    out = Path(out)
    try:
        fd, tmp = tempfile.mkstemp(prefix=".pdf-", dir=out.parent)
    except OSError as error:
        raise PdfError(f"cannot write the PDF in {out.parent}: {error.strerror}") from None
    try:
        with os.fdopen(fd, "wb") as f:
            f.write(made.data)
            f.flush()
            os.fsync(f.fileno())
        os.replace(tmp, out)
    except OSError as error:
        Path(tmp).unlink(missing_ok=True)
        raise PdfError(f"cannot write the PDF {out}: {error.strerror}") from None
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise
    return PdfResult(out, made.sha256, made.size, made.pages, made.compliant, made.pdfa)
