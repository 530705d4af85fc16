"""How a processed page is compressed for its PDF: plain JPEG, or mixed raster (a colour background
at a lower resolution, a low-resolution ink-colour layer, and a sharp 1-bit stencil of the marks at the
page's resolution). Encoding runs on the pipeline's workers, so the PDF writer only wraps bytes.

Defaults chosen from `python -m tests.bench.scan_pipeline` (100 generated A4 colour text pages at
300 dpi with scanner noise; one-page PDFs, median size; Tesseract `vie` character agreement between the
page before and after compression, median / worst of 10 pages):

    JPEG q50 / q60 / q75 / q85, 300 dpi     414 / 447 / 530 / 651 KB    99.9 % / ≥ 99.6 %
    JPEG q50 / q60 / q75, 200 dpi           234 / 255 / 306 KB          99.6-99.7 % / ≥ 97.8 %
    mixed, G4 stencil 300 dpi, q50           73 KB                      99.89 % / 99.61 %
    mixed, Flate stencil 300 dpi, q50       108 KB                      the same pixels
    mixed, G4 stencil 200 dpi, q50           59 KB                      99.79 % / 99.46 %

No JPEG page reaches the 200 KB aim at any compliant resolution (sensor noise is most of a JPEG's
bytes); mixed raster at the scan's resolution with a G4 stencil is the default. Its colour is kept at
100 dpi (background) and 50 dpi (ink colours): for a page whose pictures matter (a photograph, a
coloured map) ask for PageEncoding("jpeg", quality=60, dpi=200).
"""

from __future__ import annotations

import io
import zlib
from dataclasses import dataclass, field, replace

import cv2
import numpy as np
from PIL import Image

from .reduce import reduced, reduced_to

COMPLIANT_DPI = 200  # Decree 30/2020/NĐ-CP, Appendix I: colour, at least 200 dpi, 100 % scale


@dataclass(frozen=True)
class PageEncoding:
    kind: str = "mixed"  # "mixed" or "jpeg"
    quality: int = 50  # JPEG quality of the page (jpeg) or of its background and ink layers (mixed)
    dpi: int | None = None  # resample the page to this resolution first (None: keep the scan's)
    background_dpi: int = 100  # mixed: resolution of the background layer
    foreground_dpi: int = 50  # mixed: resolution of the ink-colour layer
    mask: str = "g4"  # mixed: "g4" (CCITT Group 4 via Pillow's TIFF writer) or "flate" (1-bit, zlib)
    ink_contrast: int = 100  # mixed: grey levels below the local paper that make a pixel ink (about half
    # way from paper to black ink: lower thickens the strokes, higher thins and breaks them)

    def __post_init__(self) -> None:
        if self.kind not in ("jpeg", "mixed"):
            raise ValueError(f"unknown page encoding '{self.kind}' (jpeg or mixed)")
        if not 10 <= self.quality <= 95:
            raise ValueError(f"JPEG quality {self.quality} is outside 10-95")
        if self.mask not in ("g4", "flate"):
            raise ValueError(f"unknown stencil compression '{self.mask}' (g4 or flate)")


DEFAULT_ENCODING = PageEncoding()


@dataclass(frozen=True)
class Layer:
    data: bytes = field(repr=False)
    width: int
    height: int
    filter: str  # PDF filter: "DCTDecode", "CCITTFaxDecode", "FlateDecode"
    colour: bool = True  # DCT layers: RGB (True) or grey


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

    def made_with(self, encoding: PageEncoding, scan_dpi: int) -> bool:
        return self.settings == replace(encoding, dpi=min(scan_dpi, encoding.dpi or scan_dpi))

    @property
    def size(self) -> int:
        return sum(len(layer.data) for layer in self.layers)

    @property
    def compliant(self) -> bool:
        """Colour and at least 200 dpi (the page's effective resolution for mixed pages)."""
        return self.colour and self.dpi >= COMPLIANT_DPI

    def summary(self) -> dict:
        return {"kind": self.kind, "dpi": self.dpi, "width": self.width, "height": self.height, "colour": self.colour,
                "bytes": self.size, "quality": self.quality, "compliant": self.compliant}


def jpeg_bytes(image: np.ndarray, quality: int, dpi: int) -> bytes:
    """Baseline JPEG (libjpeg-turbo through Pillow: RGB in directly), 4:2:0, density in the JFIF header."""
    out = io.BytesIO()
    Image.fromarray(image).save(out, "JPEG", quality=quality, dpi=(dpi, dpi), optimize=False)
    return out.getvalue()


def _resized(image: np.ndarray, dpi: int, target: int) -> np.ndarray:
    return reduced(image, target / dpi) if target < dpi else image


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
    out = io.BytesIO()
    # one strip: its data is exactly the CCITT G4 stream the PDF filter expects
    Image.fromarray(~mask).save(out, "TIFF", compression="group4", tiffinfo={278: h})
    tiff = Image.open(io.BytesIO(out.getvalue()))
    offsets, counts = tiff.tag_v2[273], tiff.tag_v2[279]
    raw = out.getvalue()
    return Layer(raw[offsets[0]:offsets[0] + counts[0]], w, h, "CCITTFaxDecode", False)


def encode_page(image: np.ndarray, dpi: int, encoding: PageEncoding = DEFAULT_ENCODING) -> EncodedPage:
    """The processed page compressed for its PDF."""
    colour = image.ndim == 3
    target = min(dpi, encoding.dpi or dpi)
    page = _resized(image, dpi, target)
    h, w = page.shape[:2]
    if encoding.kind == "jpeg":
        layer = Layer(jpeg_bytes(page, encoding.quality, target), w, h, "DCTDecode", colour)
        return EncodedPage("jpeg", target, w, h, colour, (layer,), encoding.quality, replace(encoding, dpi=target))
    gray = cv2.cvtColor(page, cv2.COLOR_RGB2GRAY) if colour else page
    return encode_mixed(gray, target, _resized(page, target, encoding.background_dpi), encoding)


def ink_colours(gray: np.ndarray, mask: np.ndarray, small: np.ndarray, small_dpi: int, fg_dpi: int) -> np.ndarray:
    """The ink-colour layer at `fg_dpi`: the hue of the darkest colour nearby on the reduced colour page,
    brought to the lightness the ink really has under the stencil at full resolution (thin strokes are
    greyed by any reduction: painted with the reduced colour, black text would come out grey). Where
    there is no ink the layer takes the page's usual ink, so that JPEG has no edges to smear."""
    darkest = _resized(cv2.erode(small, np.ones((3, 3), np.uint8)), small_dpi, fg_dpi)
    size = (darkest.shape[1], darkest.shape[0])
    ink = mask.astype(np.uint8) * np.uint8(255)
    darkness = cv2.bitwise_and(cv2.subtract(255, gray), ink)
    # one exact halving in 8 bits (cheap at full size), the rest in floating point (precise)
    ink_share = reduced_to(cv2.resize(ink, None, fx=0.5, fy=0.5, interpolation=cv2.INTER_AREA).astype(np.float32), size)
    ink_dark = reduced_to(cv2.resize(darkness, None, fx=0.5, fy=0.5, interpolation=cv2.INTER_AREA)
                          .astype(np.float32), size)
    has_ink = ink_share > 1.0
    lightness = np.full(ink_share.shape, 255.0, np.float32)
    lightness[has_ink] = 255.0 - ink_dark[has_ink] * 255.0 / ink_share[has_ink]
    typical = float(np.median(lightness[has_ink])) if has_ink.any() else 0.0
    found = (cv2.cvtColor(darkest, cv2.COLOR_RGB2GRAY) if darkest.ndim == 3 else darkest).astype(np.float32)
    gain = np.clip(lightness / np.maximum(found, 1.0), 0.0, 1.0)
    out = darkest.astype(np.float32) * (gain[..., None] if darkest.ndim == 3 else gain)
    out[~has_ink] = typical
    return np.clip(out, 0, 255).astype(np.uint8)


def encode_mixed(gray: np.ndarray, dpi: int, small: np.ndarray, encoding: PageEncoding = DEFAULT_ENCODING
                 ) -> EncodedPage:
    """A mixed-raster page from its grey image at `dpi` (for the stencil) and its colour image reduced
    to about `encoding.background_dpi` (for the background and the ink colours). The pipeline hands
    both in without ever resampling the full colour page, which is where the time goes."""
    target = min(dpi, encoding.dpi or dpi)
    gray = _resized(gray, dpi, target)
    h, w = gray.shape
    colour = small.ndim == 3
    bg_size = (max(1, round(w * encoding.background_dpi / target)), max(1, round(h * encoding.background_dpi / target)))
    if (small.shape[1], small.shape[0]) != bg_size:
        small = reduced_to(small, bg_size)
    mask = ink_stencil(gray, encoding.ink_contrast)
    # background: the marks lifted out (their brightest neighbour), so no dark halo shows around the ink;
    # the marks found again at the background's scale (cheaper than reducing the full stencil), where
    # averaging has faded them, hence the lower contrast and the widening
    small_gray = cv2.cvtColor(small, cv2.COLOR_RGB2GRAY) if small.ndim == 3 else small
    bg_mask = cv2.dilate((cv2.subtract(paper_level(small_gray, 1 / 4), small_gray) > encoding.ink_contrast // 4)
                         .astype(np.uint8), np.ones((3, 3), np.uint8)) > 0
    lifted = cv2.dilate(small, np.ones((5, 5), np.uint8))
    bg = np.where(bg_mask[..., None] if colour else bg_mask, lifted, small)
    fg = ink_colours(gray, mask, small, encoding.background_dpi, encoding.foreground_dpi)
    layers = (
        Layer(jpeg_bytes(bg, encoding.quality, encoding.background_dpi), bg.shape[1], bg.shape[0], "DCTDecode", colour),
        Layer(jpeg_bytes(fg, encoding.quality, encoding.foreground_dpi), fg.shape[1], fg.shape[0], "DCTDecode", colour),
        _stencil_layer(mask, encoding.mask),
    )
    return EncodedPage("mixed", target, w, h, colour, layers, encoding.quality, replace(encoding, dpi=target))
