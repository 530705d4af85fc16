"""How a processed page is compressed for its PDF: plain JPEG, or mixed raster (a colour background
and an ink-colour layer, both at 200 dpi, and a sharp 1-bit stencil of the marks at the page's
resolution, which the default sets to 200 dpi too). Encoding runs on the pipeline's workers, so the PDF
writer only wraps bytes.

Every image that carries colour is at 200 dpi or more (its pixels over the page's size), as Decree
30/2020/NĐ-CP asks of a digitised copy. DRAFT_ENCODING keeps the colour at 100 and 50 dpi for internal
drafts: about half the bytes, and never a digitised copy (EncodedPage.compliant says so).

Figures from `python -m tests.bench.scan_pipeline` (100 generated A4 colour text pages at 300 dpi with
scanner noise; one-page PDFs, median size; Tesseract `vie` character agreement between the page before
and after compression, median / worst of 10 pages; 29 Nov 2026, a busy 2-core machine):

    mixed (default, 200 dpi throughout), as the
    pipeline stores it                          133 KB (max 156)   99.56 % / 94.61 % (one page, like the
                                                                    old default's worst; not examined)
    mixed (default), re-encoded from the image  131 KB (max 146)   99.74 % / 99.35 %
    mixed, stencil at the scan's 300 dpi (the
    default until 29 Nov 2026), as stored       148 KB (max 191)   99.23 % / 94.54 % (earlier run)
    mixed, Flate stencil at 300 dpi             187 KB             99.79 % / 99.14 %
    draft: colour at 100 / 50 dpi, NOT compliant 62 KB             99.74 % / 99.32 %
    JPEG q50 / q60 / q75, 300 dpi               358 / 391 / 475 KB 99.90-99.96 % / ≥ 99.64 %
    JPEG q50 / q60 / q75, 200 dpi               213 / 233 / 285 KB 99.56-99.71 % / ≥ 98.90 %

No JPEG page reaches the 200 KB aim at any compliant resolution (sensor noise is most of a JPEG's
bytes); mixed raster at 200 dpi throughout is the default: smaller and better read than with a
stencil at the scan's resolution, and the pipeline makes all three layers from one 200 dpi page
instead of also resampling the full page. For a page whose pictures matter more than its text (a
photograph) ask for PageEncoding("jpeg", quality=60, dpi=200).
"""

from __future__ import annotations

import math
import zlib
from dataclasses import dataclass, field, replace

import cv2
import numpy as np

from .ccitt import group4
from .reduce import reduced, reduced_to

COMPLIANT_DPI = 200  # Decree 30/2020/NĐ-CP, Appendix I: colour, at least 200 dpi, 100 % scale


@dataclass(frozen=True)
class PageEncoding:
    kind: str = "mixed"  # "mixed" or "jpeg"
    quality: int = 50  # JPEG quality of the page (jpeg) or of its background and ink layers (mixed)
    dpi: int | None = None  # resample the page to this resolution first (None: keep the scan's)
    background_dpi: int = COMPLIANT_DPI  # mixed: resolution of the background layer (at most the page's)
    foreground_dpi: int = COMPLIANT_DPI  # mixed: resolution of the ink-colour layer (at most the page's)
    mask: str = "g4"  # mixed: "g4" (CCITT Group 4 through libtiff) or "flate" (1-bit, zlib)
    ink_contrast: int = 100  # mixed: grey levels below the local paper that make a pixel ink (about half
    # way from paper to black ink: lower thickens the strokes, higher thins and breaks them)

    def __post_init__(self) -> None:
        if self.kind not in ("jpeg", "mixed"):
            raise ValueError(f"unknown page encoding '{self.kind}' (jpeg or mixed)")
        if not 10 <= self.quality <= 95:
            raise ValueError(f"JPEG quality {self.quality} is outside 10-95")
        if self.mask not in ("g4", "flate"):
            raise ValueError(f"unknown stencil compression '{self.mask}' (g4 or flate)")
        if min(self.background_dpi, self.foreground_dpi) < 10:
            raise ValueError("a colour layer needs at least 10 dpi")

    def colour_dpi(self, page_dpi: int) -> int:
        """The resolution the colour page is needed at: the finer colour layer's, never above the page's."""
        page_dpi = min(page_dpi, self.dpi or page_dpi)
        return page_dpi if self.kind == "jpeg" else min(page_dpi, max(self.background_dpi, self.foreground_dpi))


DEFAULT_ENCODING = PageEncoding(dpi=COMPLIANT_DPI)  # mixed raster, 200 dpi throughout (stencil too)
# internal drafts only (`kiosk scan run --draft`): colour at 100 and 50 dpi, not a digitised copy
DRAFT_ENCODING = PageEncoding(background_dpi=100, foreground_dpi=50)


@dataclass(frozen=True)
class Layer:
    data: bytes = field(repr=False)
    width: int
    height: int
    filter: str  # PDF filter: "DCTDecode", "CCITTFaxDecode", "FlateDecode"
    colour: bool = True  # DCT layers: RGB (True) or grey; stencils: False


@dataclass(frozen=True)
class EncodedPage:
    kind: str
    dpi: int  # of the page (the stencil for mixed pages)
    width: int  # pixels at `dpi`
    height: int
    colour: bool
    layers: tuple[Layer, ...] = field(repr=False)  # jpeg: (page,); mixed: (background, foreground, stencil)
    quality: int = 0
    settings: PageEncoding | None = None  # what produced it (dpi filled in), to tell whether it can be reused
    inches: tuple[float, float] | None = None  # the page's size (None: width, height over dpi); a page
    # reduced to `dpi` has its pixels rounded up, and is still drawn at the scanned size (100 % scale)

    @property
    def size_in(self) -> tuple[float, float]:
        """Width, height of the page in inches, as the PDF draws it."""
        return self.inches or (self.width / self.dpi, self.height / self.dpi)

    def made_with(self, encoding: PageEncoding, scan_dpi: int) -> bool:
        return self.settings == replace(encoding, dpi=min(scan_dpi, encoding.dpi or scan_dpi))

    @property
    def size(self) -> int:
        return sum(len(layer.data) for layer in self.layers)

    def layer_dpi(self, layer: Layer) -> float:
        """A layer's effective resolution: its pixels over the page's size in inches (the coarser axis)."""
        width_in, height_in = self.size_in
        return min(layer.width / width_in, layer.height / height_in)

    @property
    def colour_dpi(self) -> float:
        """The effective resolution of the coarsest image that carries colour (0: none does)."""
        return min((self.layer_dpi(layer) for layer in self.layers if layer.colour), default=0.0)

    @property
    def compliant(self) -> bool:
        """Colour, and every layer at 200 dpi or more: the page, and each image that carries colour."""
        return self.colour and self.dpi >= COMPLIANT_DPI and self.colour_dpi >= COMPLIANT_DPI

    def summary(self) -> dict:
        return {"kind": self.kind, "dpi": self.dpi, "colour_dpi": round(self.colour_dpi, 1), "width": self.width,
                "height": self.height, "colour": self.colour, "bytes": self.size, "quality": self.quality,
                "compliant": self.compliant}


def layer_size(width: int, height: int, dpi: int, layer_dpi: int) -> tuple[int, int]:
    """Pixels of a layer at `layer_dpi` over a page of width × height at `dpi`, rounded up so that the
    layer is never below `layer_dpi` (1653.3 px rounded down would make 199.96 dpi)."""
    if layer_dpi >= dpi:
        return width, height
    return math.ceil(width * layer_dpi / dpi - 1e-9), math.ceil(height * layer_dpi / dpi - 1e-9)


def jpeg_bytes(image: np.ndarray, quality: int, dpi: int, bgr: bool = False) -> bytes:
    """Baseline JPEG through OpenCV's libjpeg-turbo (half the time of Pillow's path here), 4:2:0, the
    density in the JFIF header. Huffman tables fitted to the image: a second pass that halves the
    near-flat layers of a mixed page (background, ink colours) and saves a tenth of a noisy page.
    `image` is RGB, or BGR (OpenCV's order) when `bgr` says so."""
    ok, data = cv2.imencode(".jpg", cv2.cvtColor(image, cv2.COLOR_RGB2BGR) if image.ndim == 3 and not bgr else image, [cv2.IMWRITE_JPEG_QUALITY, quality, cv2.IMWRITE_JPEG_OPTIMIZE, 1])
    if not ok:
        raise RuntimeError("the page could not be encoded as JPEG")
    out = bytearray(data.tobytes())
    if out[6:11] == b"JFIF\0":  # units 1 (dots per inch), then X and Y density
        out[13:18] = bytes([1]) + dpi.to_bytes(2, "big") * 2
    return bytes(out)


def paper_level(gray: np.ndarray, factor: float = 1 / 16) -> np.ndarray:
    """The paper's own grey around each pixel (the brightest nearby, smoothed), at `gray`'s size."""
    small = reduced(gray, factor)
    return cv2.resize(cv2.dilate(small, np.ones((5, 5), np.uint8)), (gray.shape[1], gray.shape[0]),
                      interpolation=cv2.INTER_LINEAR)


def ink_stencil(gray: np.ndarray, contrast: int) -> np.ndarray:
    """Marks clearly darker than the paper around them (bool, page resolution)."""
    return cv2.subtract(paper_level(gray), gray) > contrast


def _stencil_layer(mask: np.ndarray, how: str) -> Layer:
    h, w = mask.shape
    if how == "flate":  # PDF image masks: 1 = paint by default (with /Decode [1 0] for ink = 1)
        return Layer(zlib.compress(np.packbits(mask, axis=1).tobytes(), 6), w, h, "FlateDecode", False)
    return Layer(group4(mask), w, h, "CCITTFaxDecode", False)


def encode_page(image: np.ndarray, dpi: int, encoding: PageEncoding = DEFAULT_ENCODING) -> EncodedPage:
    """The processed page compressed for its PDF."""
    colour = image.ndim == 3
    target = min(dpi, encoding.dpi or dpi)
    page = reduced_to(image, layer_size(image.shape[1], image.shape[0], dpi, target)) if target < dpi else image
    h, w = page.shape[:2]
    inches = (image.shape[1] / dpi, image.shape[0] / dpi)
    if encoding.kind == "jpeg":
        layer = Layer(jpeg_bytes(page, encoding.quality, target), w, h, "DCTDecode", colour)
        return EncodedPage("jpeg", target, w, h, colour, (layer,), encoding.quality, replace(encoding, dpi=target),
                           inches)
    gray = cv2.cvtColor(page, cv2.COLOR_RGB2GRAY) if colour else page
    return encode_mixed(gray, target, page, encoding, inches=inches)


class _Marks:
    """The marks of a colour image at one resolution, found against the paper around them: what the
    background lifts out and what the ink colours are taken from (shared when both layers are at the
    same resolution). The image is kept in OpenCV's BGR order, and so are the layers made from it."""

    def __init__(self, image: np.ndarray, contrast: int, gray: np.ndarray | None = None):
        if gray is None:
            gray = cv2.cvtColor(image, cv2.COLOR_RGB2GRAY) if image.ndim == 3 else image
        # in OpenCV's channel order: the layers made from it go to JPEG as they are (one conversion for both)
        self.image = cv2.cvtColor(image, cv2.COLOR_RGB2BGR) if image.ndim == 3 else image
        self.darkness = cv2.subtract(paper_level(gray, 1 / 8), gray)
        self.contrast = contrast

    def over(self, fraction: float) -> np.ndarray:
        """uint8 1 where the mark is darker than the paper by `fraction` of the stencil's contrast."""
        return cv2.threshold(self.darkness, self.contrast * fraction, 1, cv2.THRESH_BINARY)[1]


def background(marks: _Marks) -> np.ndarray:
    """The colour page with its marks lifted out (each takes its brightest neighbour), so that no dark
    halo shows around the ink the stencil paints. Reduction fades the edges of strokes, hence the lower
    contrast than the stencil's, and the widening by a pixel."""
    # the paper kept where no mark is near (a 3×3 neighbourhood: the dilated marks' complement), into the
    # lifted copy: no other copy of the page; cv2.copyTo with a mask, as numpy's copyto(where=) takes
    # ~50 ms on a 200 dpi A4 page against ~1 ms
    paper = cv2.erode(cv2.threshold(marks.darkness, marks.contrast / 4, 1, cv2.THRESH_BINARY_INV)[1],
                      np.ones((3, 3), np.uint8), borderValue=1)
    return cv2.copyTo(marks.image, paper, cv2.dilate(marks.image, np.ones((5, 5), np.uint8)))


def ink_colours(marks: _Marks, stencil: np.ndarray | None) -> np.ndarray:
    """The ink-colour layer at the marks' resolution: wherever the stencil (at the page's resolution)
    paints, the darkest neighbour's colour (the scanner greys the edges of a thin stroke: painted with
    their own colour, black text would come out grey), so a blue signature, a red stamp or a grey form
    line keeps its own colour to the pixel. Every other pixel takes the page's usual ink, so that JPEG
    has no edges to smear there. `stencil` None: it was cut from these marks (at their full contrast,
    so within the half contrast taken here)."""
    darkest = cv2.erode(marks.image, np.ones((3, 3), np.uint8))
    size = (darkest.shape[1], darkest.shape[0])
    # the marks found at this resolution, and every pixel the stencil paints (sampled): a stencil pixel
    # painted with the page's usual ink instead of its own colour turns a thin grey form line black
    ink = marks.over(1 / 2)
    if stencil is not None:
        painted = stencil.view(np.uint8)
        if painted.shape != ink.shape:
            painted = cv2.resize(painted, size, interpolation=cv2.INTER_NEAREST)
        ink = cv2.bitwise_or(ink, painted)
    usual = cv2.mean(darkest[::4, ::4], mask=ink[::4, ::4])  # one pixel in 16 is plenty for a mean
    # one row of the usual ink repeated by OpenCV: numpy's broadcast of a colour over the page is ten
    # times slower, and filling planes then interleaving them twice as slow
    channels = darkest.shape[2] if darkest.ndim == 3 else 1
    row = np.array([round(v) for v in usual[:channels]] * size[0], np.uint8).reshape(1, size[0], channels)
    return cv2.copyTo(darkest, ink, cv2.repeat(row if channels > 1 else row[..., 0], size[1], 1))


def encode_mixed(gray: np.ndarray, dpi: int, colour: np.ndarray, encoding: PageEncoding = DEFAULT_ENCODING, *,
                 inches: tuple[float, float] | None = None) -> EncodedPage:
    """A mixed-raster page from its grey image at `dpi` (for the stencil) and its colour image at the
    colour layers' resolution or finer (for the background and the ink colours; never enlarged: a layer
    made bigger than its source would claim a resolution it does not have). The pipeline renders the
    colour page once at the layers' resolution, never at the page's, which is where the time goes."""
    target = min(dpi, encoding.dpi or dpi)
    inches = inches or (gray.shape[1] / dpi, gray.shape[0] / dpi)
    if target < dpi:
        gray = reduced_to(gray, layer_size(gray.shape[1], gray.shape[0], dpi, target))
    h, w = gray.shape
    sizes = {k: layer_size(w, h, target, min(k, target)) for k in (encoding.background_dpi, encoding.foreground_dpi)}
    if any(colour.shape[1] < s[0] - 1 or colour.shape[0] < s[1] - 1 for s in sizes.values()):  # a pixel: rounding
        raise ValueError(f"the colour page ({colour.shape[1]}×{colour.shape[0]} px) is coarser than the colour "
                         f"layers asked for ({encoding.background_dpi} and {encoding.foreground_dpi} dpi)")
    # a layer as big as the stencil (200 dpi throughout) takes its marks from the stencil's grey page
    marks = {s: _Marks(reduced_to(colour, s) if (colour.shape[1], colour.shape[0]) != s else colour,
                       encoding.ink_contrast, gray if s == (w, h) else None) for s in set(sizes.values())}
    bg_marks, fg_marks = marks[sizes[encoding.background_dpi]], marks[sizes[encoding.foreground_dpi]]
    is_colour = colour.ndim == 3
    # the stencil as the marks found at its own size, when a layer is that size (the paper level differs
    # from ink_stencil's, a little finer: a few pixels in 10,000 of a text page's stencil)
    same = marks.get((w, h))
    stencil = same.darkness > encoding.ink_contrast if same is not None else ink_stencil(gray, encoding.ink_contrast)
    bg, fg = background(bg_marks), ink_colours(fg_marks, None if fg_marks is same else stencil)
    bg_dpi, fg_dpi = min(encoding.background_dpi, target), min(encoding.foreground_dpi, target)
    layers = (
        Layer(jpeg_bytes(bg, encoding.quality, bg_dpi, bgr=True), bg.shape[1], bg.shape[0], "DCTDecode", is_colour),
        Layer(jpeg_bytes(fg, encoding.quality, fg_dpi, bgr=True), fg.shape[1], fg.shape[0], "DCTDecode", is_colour),
        _stencil_layer(stencil, encoding.mask),
    )
    return EncodedPage("mixed", target, w, h, is_colour, layers, encoding.quality, replace(encoding, dpi=target),
                       inches)
