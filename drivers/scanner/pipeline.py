"""The page pipeline: every scanned or photographed page is cropped to the paper, deskewed, turned
upright, checked (blank, blur, glare), searched for barcodes, thumbnailed and encoded for the PDF,
on worker processes beside acquisition.

Measurements run on a reduced grey copy (WORK_DPI); the full page is resampled once, at the end, with
the geometry the steps found. Each step's result is kept on the page (ProcessedPage.steps) with what
it takes to undo it (ProcessedPage.geometry.without(step), then render_page).
"""

from __future__ import annotations

import multiprocessing
import os
import signal
import threading
import time
from multiprocessing import shared_memory
from collections.abc import Collection
from concurrent.futures import Future, ProcessPoolExecutor
from dataclasses import dataclass, field
from typing import Any

import cv2
import numpy as np

from .encoding import DEFAULT_ENCODING, EncodedPage, PageEncoding, encode_mixed, encode_page, layer_size
from .geometry import Geometry
from .reduce import reduced, reduced_to
from .steps.barcodes import DEFAULT_ENGINE, Barcode, find_barcodes
from .steps.blank import measure_ink
from .steps.crop import find_paper
from .steps.deskew import estimate_skew
from .steps.orientation import detect_orientation
from .steps.quality import measure_blur, measure_glare
from .steps.result import StepResult
from .steps.thumbnail import thumbnail

WORK_DPI = 100  # crop, deskew, orientation and blank detection measure at this resolution
BARCODE_DPI = 150  # zxing-cpp reads 0.5 mm QR modules here; the full page would cost ~5× the time
SOURCES = ("flatbed", "adf", "camera")
ALL_STEPS = ("crop", "deskew", "orientation", "blank", "quality", "barcodes", "thumbnail", "encode")
MIN_DPI, MAX_DPI = 50, 1200


class PageError(ValueError):
    """The image handed to the pipeline is not a page it can process (for the technician)."""


@dataclass
class ProcessedPage:
    image: np.ndarray | None = field(repr=False)  # the processed page (RGB or grey); None if not kept
    dpi: int
    original_size: tuple[int, int]  # width, height of the delivered image
    source: str
    geometry: Geometry
    steps: list[StepResult]
    flags: dict[str, dict[str, Any]]  # raised warnings ("blank", "blurred", "glare") with their measure
    barcodes: list[Barcode] = field(repr=False)  # positions in the processed page's pixels
    thumbnail: bytes = field(repr=False)
    encoded: EncodedPage | None = field(repr=False)  # the page as it goes into the PDF
    timings: dict[str, float] = field(default_factory=dict)  # ms per step, "total" (wall) and "cpu"

    @property
    def size(self) -> tuple[int, int]:
        """Width, height of the processed page in pixels."""
        w, h = self.geometry.output_size()
        return w, h

    def step(self, name: str) -> StepResult | None:
        return next((s for s in self.steps if s.name == name), None)

    def summary(self) -> dict[str, Any]:
        """JSON-able: what every step found and how long it took. Barcodes by kind and place only."""
        return {
            "dpi": self.dpi, "source": self.source, "original_size": list(self.original_size),
            "size": list(self.size), "geometry": self.geometry.to_dict(),
            "steps": [s.to_dict() for s in self.steps], "flags": self.flags,
            "barcodes": [b.summary() for b in self.barcodes],
            "encoded": None if self.encoded is None else self.encoded.summary(),
            "thumbnail_bytes": len(self.thumbnail), "timings_ms": {k: round(v, 2) for k, v in self.timings.items()},
        }


def _check(image: np.ndarray, dpi: int, source: str) -> None:
    if not isinstance(image, np.ndarray) or image.dtype != np.uint8:
        raise PageError("a page must be a numpy array of 8-bit samples")
    if image.ndim not in (2, 3) or (image.ndim == 3 and image.shape[2] != 3):
        raise PageError(f"a page must be H×W grey or H×W×3 RGB, not shape {image.shape}")
    if min(image.shape[:2]) < 16:
        raise PageError(f"a page of {image.shape[1]}×{image.shape[0]} pixels is too small to process")
    if not MIN_DPI <= dpi <= MAX_DPI:
        raise PageError(f"the resolution {dpi} dpi is outside {MIN_DPI}-{MAX_DPI} dpi")
    if source not in SOURCES:
        raise PageError(f"unknown page source '{source}' (one of {', '.join(SOURCES)})")


def render_page(image: np.ndarray, geometry: Geometry) -> np.ndarray:
    """The delivered `image` cut, straightened and turned as `geometry` says (to redo or undo steps)."""
    return geometry.render(image)


def process_page(image: np.ndarray, dpi: int, *, source: str = "flatbed", steps: Collection[str] = ALL_STEPS,
                 barcode_engine: str = DEFAULT_ENGINE, encoding: PageEncoding = DEFAULT_ENCODING,
                 keep_image: bool = True, geometry: Geometry | None = None) -> ProcessedPage:
    """Run the pipeline on one page in this process. `steps` picks the steps (ALL_STEPS by default;
    blur and glare are measured for the camera only). A given `geometry` replaces what crop, deskew
    and orientation would find (e.g. after the person undid one of them)."""
    _check(image, dpi, source)
    unknown = set(steps) - set(ALL_STEPS)
    if unknown:
        raise PageError(f"unknown pipeline steps: {', '.join(sorted(unknown))}")
    started, cpu_started = time.perf_counter(), time.process_time()
    timings: dict[str, float] = {}
    results: list[StepResult] = []
    flags: dict[str, dict[str, Any]] = {}

    def timed(name: str, fn):
        t = time.perf_counter()
        value = fn()
        timings[name] = timings.get(name, 0.0) + (time.perf_counter() - t) * 1000
        return value

    h, w = image.shape[:2]
    colour = image.ndim == 3
    full_gray: list[np.ndarray] = []  # the scan in grey, made when a step needs it (not the default page)

    def gray() -> np.ndarray:
        if not full_gray:
            full_gray.append(cv2.cvtColor(image, cv2.COLOR_RGB2GRAY) if colour else image)  # timed as its step's
        return full_gray[0]

    scale = min(1.0, WORK_DPI / dpi)
    # A mixed-raster page not kept in full needs its colour at the colour layers' resolution: the scan is
    # reduced to it once, before the warp (warping the full scan down costs twice as much: cache misses),
    # and the working copy is halved from that.
    layers_dpi = encoding.colour_dpi(dpi) if "encode" in steps and encoding.kind == "mixed" and not keep_image else 0
    fine_scale = layers_dpi / dpi if layers_dpi > dpi * scale else 0.0
    # A stencil at the colour layers' resolution (the default: 200 dpi throughout) is cut from the same
    # 200 dpi page as they are, and the barcodes are searched on it: the full page is never resampled.
    stencil_dpi = min(dpi, encoding.dpi or dpi)
    shared = bool(fine_scale) and stencil_dpi == layers_dpi
    work_size = (max(1, round(w * scale)), max(1, round(h * scale)))
    if fine_scale:
        fine_source = timed("prepare", lambda: reduced(image, fine_scale))
        # in grey too when the stencil is cut at this resolution (warped bilinearly, below)
        fine_source_gray = timed("prepare", lambda: cv2.cvtColor(fine_source, cv2.COLOR_RGB2GRAY)
                                 if colour and shared else fine_source if shared else None)
        if fine_source_gray is not None:
            work = timed("prepare", lambda: reduced_to(fine_source_gray, work_size))
        else:
            small = timed("prepare", lambda: reduced_to(fine_source, work_size))
    else:
        small = timed("prepare", lambda: reduced(image, scale))  # colour at the working scale: thumbnail, background
    if not fine_scale or fine_source_gray is None:
        work = timed("prepare", lambda: cv2.cvtColor(small, cv2.COLOR_RGB2GRAY) if colour else small)
    work_dpi = dpi * scale

    if geometry is None:
        geometry = Geometry(w, h)
        if "crop" in steps:
            rect, values = timed("crop", lambda: find_paper(work))
            if rect is not None:
                geometry = Geometry(w, h, rect.scaled(1 / scale), angle=rect.angle)
                values = {**values, "box": list(geometry.rect.box()), "paper_angle": round(rect.angle, 2)}
            results.append(StepResult("crop", rect is not None, values, timings.get("crop", 0.0)))
        vertical = False
        if "deskew" in steps or "orientation" in steps:
            # measured on the sheet already turned by its edges' angle: the text's residual angle adds to it
            straight = timed("deskew", lambda: geometry.render(work, scale))
            skew = timed("deskew", lambda: estimate_skew(straight))
            vertical = skew["vertical"]
            if "deskew" in steps:
                residual = skew["angle"] or 0.0
                angle = round(geometry.angle + residual, 2)
                applied = abs(angle) >= 0.05
                geometry = Geometry(w, h, geometry.rect, angle if applied else 0.0)
                results.append(StepResult("deskew", applied, {**skew, "angle": angle if skew["angle"] is not None
                                                              else None}, timings["deskew"]))
        if "orientation" in steps:
            straight = timed("orientation", lambda: geometry.render(work, scale))
            found = timed("orientation", lambda: detect_orientation(straight, vertical))
            turns = found["quarter_turns"] or 0
            geometry = Geometry(w, h, geometry.rect, geometry.angle, turns)
            results.append(StepResult("orientation", turns != 0, {**found, "rotation": turns * 90},
                                      timings["orientation"]))
    else:
        results.append(StepResult("geometry", True, geometry.to_dict()))

    # the colour layers' page rendered once (never enlarged from the working copy), and the thumbnail's
    # small page halved from it rather than warped again. Nearest samples for the colour: the stencil
    # draws the edges of the marks, the background has them lifted out, and the warp costs half of a
    # bilinear one. A stencil cut at this resolution comes from the grey page warped bilinearly beside
    # it (its strokes not notched; a quarter of the colour's bilinear warp).
    fine = fine_gray = None
    if fine_scale:
        size = layer_size(*geometry.output_size(), dpi, layers_dpi)
        if shared:
            fine_gray = timed("render_colour", lambda: geometry.render(fine_source_gray, fine_scale, size))
        fine = fine_gray if shared and not colour else timed(
            "render_colour", lambda: geometry.render(fine_source, fine_scale, size, cv2.INTER_NEAREST))
        small_out = timed("render_small", lambda: reduced_to(fine, geometry.output_size(scale)))
    else:
        small_out = timed("render_small", lambda: geometry.render(small, scale))
    final_work = timed("render_small", lambda: cv2.cvtColor(small_out, cv2.COLOR_RGB2GRAY) if colour else small_out)
    if "blank" in steps:
        ink = timed("blank", lambda: measure_ink(final_work, work_dpi))
        if ink["blank"]:
            flags["blank"] = {"ink_mm2": ink["ink_mm2"], "marks": ink["marks"]}
        results.append(StepResult("blank", False, ink, timings["blank"]))
    if "quality" in steps and source == "camera":
        sharp = timed("quality", lambda: geometry.render(gray(), 1.0) if max(w, h) <= 1000
                      else geometry.render(cv2.resize(gray(), None, fx=1000 / max(w, h), fy=1000 / max(w, h),
                                                      interpolation=cv2.INTER_AREA), 1000 / max(w, h)))
        blur = timed("quality", lambda: measure_blur(sharp))
        glare = timed("quality", lambda: measure_glare(sharp))
        if blur["blurred"]:
            flags["blurred"] = {"laplacian_var": blur["laplacian_var"]}
        if glare["glare"]:
            flags["glare"] = {"glare_share": glare["glare_share"]}
        results.append(StepResult("quality", False, {**blur, **glare}, timings["quality"]))
    # The full page is resampled once. A mixed-raster page kept only as its PDF layers needs the grey
    # page at the stencil's resolution and the colour page at the colour layers' (above; one render when
    # they are the same): the full colour page, the costliest resampling of all, is rendered only when it
    # is kept or goes in as JPEG.
    encoded = None
    out = gray_out = None
    if keep_image or ("encode" in steps and encoding.kind == "jpeg"):
        out = timed("render", lambda: geometry.render(image))
    elif fine_gray is None and ("encode" in steps or "barcodes" in steps):
        gray_out = timed("render", lambda: geometry.render(gray()))
    if "encode" in steps:
        if out is not None:
            encoded = timed("encode", lambda: encode_page(out, dpi, encoding))
        elif fine_gray is not None:
            out_w, out_h = geometry.output_size()
            encoded = timed("encode", lambda: encode_mixed(fine_gray, stencil_dpi, fine, encoding,
                                                          inches=(out_w / dpi, out_h / dpi)))
        else:
            layers_from = fine if fine is not None else small_out if colour else gray_out
            encoded = timed("encode", lambda: encode_mixed(gray_out, dpi, layers_from, encoding))
    barcodes: list[Barcode] = []
    if "barcodes" in steps:
        # searched on the upright page: positions are the processed page's, linear codes lie flat
        bscale = min(1.0, BARCODE_DPI / dpi)  # of the processed page
        if out is not None:
            upright, upright_scale = timed("barcodes", lambda: cv2.cvtColor(out, cv2.COLOR_RGB2GRAY)) if colour \
                else out, 1.0
        elif gray_out is not None:
            upright, upright_scale = gray_out, 1.0
        else:  # the layers' render, at stencil_dpi
            upright, upright_scale = fine_gray, stencil_dpi / dpi
        # reduced to BARCODE_DPI from the full page (a half, by area averages); a page at less than twice
        # that (the 200 dpi layers' render) is searched as it is: reduced bilinearly to 150 dpi it lost a
        # QR code of 0.33 mm modules in 25, and by area averages it costs more than the larger search
        codes_scale = min(1.0, bscale / upright_scale)
        if upright is fine_gray and codes_scale > 0.5:
            codes_scale = 1.0
        codes_gray = timed("barcodes", lambda: reduced(upright, codes_scale))
        found = timed("barcodes", lambda: find_barcodes(codes_gray, barcode_engine))
        found_scale = codes_scale * upright_scale
        barcodes = [b.moved(np.array(b.points) / found_scale) for b in found]
        results.append(StepResult("barcodes", False, {"engine": barcode_engine, "found": len(barcodes),
                                                      "kinds": sorted({b.kind for b in barcodes})},
                                  timings["barcodes"]))
    thumb = b""
    if "thumbnail" in steps:
        thumb = timed("thumbnail", lambda: thumbnail(small_out))
        results.append(StepResult("thumbnail", True, {"bytes": len(thumb)}, timings["thumbnail"]))
    if encoded is not None:
        results.append(StepResult("encode", True, encoded.summary(), timings["encode"]))
    timings["total"] = (time.perf_counter() - started) * 1000
    timings["cpu"] = (time.process_time() - cpu_started) * 1000  # this process's CPU, whatever else runs
    return ProcessedPage(out if keep_image else None, dpi, (w, h), source, geometry, results, flags, barcodes,
                         thumb, encoded, timings)


def _init_worker() -> None:
    # one OpenCV thread per worker: the pool is the parallelism, more threads only contend
    cv2.setNumThreads(1)
    # Ctrl-C reaches every process of the command: the caller decides what a cancel means for its pages
    signal.signal(signal.SIGINT, signal.SIG_IGN)


def _process_shared(name: str, shape: tuple[int, ...], dtype: str, dpi: int, source: str,
                    options: dict[str, Any]) -> tuple[ProcessedPage, tuple | None]:
    """Worker side: the page arrives and the processed image leaves through shared memory. A 300 dpi
    A4 colour page is ~30 MB; pickled through the pool's pipe it cost ~130 ms each way on this machine,
    more than half the pipeline's own time."""
    image = np.ndarray(shape, np.dtype(dtype), buffer=_attached(name).buf)
    try:
        page = process_page(image, dpi, source=source, **options)
    finally:
        del image
    handle = None
    if page.image is not None:  # copied out: it may be a view of the input
        out = shared_memory.SharedMemory(create=True, size=max(1, page.image.nbytes))
        view = np.ndarray(page.image.shape, page.image.dtype, buffer=out.buf)
        view[...] = page.image
        del view
        handle = (out.name, page.image.shape, page.image.dtype.str)
        out.close()  # the caller's process unlinks it
        page.image = None
    return page, handle


_ATTACHED: dict[str, shared_memory.SharedMemory] = {}  # the caller's input blocks, mapped once per worker


def _attached(name: str) -> shared_memory.SharedMemory:
    block = _ATTACHED.get(name)
    if block is None:
        if len(_ATTACHED) >= 8:
            _ATTACHED.pop(next(iter(_ATTACHED))).close()
        block = _ATTACHED[name] = shared_memory.SharedMemory(name=name)
    return block


def _take_shared(handle: tuple) -> np.ndarray:
    name, shape, dtype = handle
    shm = shared_memory.SharedMemory(name=name)
    try:
        view = np.ndarray(shape, np.dtype(dtype), buffer=shm.buf)
        image = view.copy()
        del view
        return image
    finally:
        shm.close()
        shm.unlink()


class PagePipeline:
    """Worker processes running `process_page` (spawned: safe beside Qt and SANE threads).

        with PagePipeline() as pipeline:
            future = pipeline.submit(image, 300)
            page = future.result()

    Pages travel to and from the workers through shared memory, not the pool's pipe.
    """

    def __init__(self, workers: int | None = None, **options: Any):
        self.workers = workers or os.cpu_count() or 1
        # passed to process_page for every page (steps, barcode_engine, encoding, keep_image…); the full
        # processed image stays in the worker unless asked for: the encoded page and the thumbnail are
        # what the PDF and the lists need, and render_page redoes the image from the scan when wanted
        self.options = {"keep_image": False, **options}
        self._pool: ProcessPoolExecutor | None = None
        # input blocks are reused: a fresh 30 MB block costs ~8,000 zero-filled page faults on each side
        self._free: list[shared_memory.SharedMemory] = []
        self._lock = threading.Lock()

    def _block(self, size: int) -> shared_memory.SharedMemory:
        with self._lock:
            fitting = [b for b in self._free if b.size >= size]
            if fitting:
                block = min(fitting, key=lambda b: b.size)
                self._free.remove(block)
                return block
        return shared_memory.SharedMemory(create=True, size=size)

    def _give_back(self, block: shared_memory.SharedMemory) -> None:
        with self._lock:
            if self._pool is not None and len(self._free) < 2 * self.workers + 2:
                self._free.append(block)
                return
        block.close()
        block.unlink()

    def __enter__(self) -> "PagePipeline":
        self._pool = ProcessPoolExecutor(self.workers, mp_context=multiprocessing.get_context("spawn"),
                                         initializer=_init_worker)
        return self

    def __exit__(self, *exc: Any) -> None:
        self.close()

    def close(self, cancel_pending: bool = False) -> None:
        if self._pool is not None:
            self._pool.shutdown(wait=True, cancel_futures=cancel_pending)
            self._pool = None
        with self._lock:
            blocks, self._free = self._free, []
        for block in blocks:
            block.close()
            block.unlink()

    def submit(self, image: np.ndarray, dpi: int, *, source: str = "flatbed", **options: Any) -> "Future[ProcessedPage]":
        if self._pool is None:
            raise RuntimeError("the page pipeline is not running (use it as a context manager)")
        _check(image, dpi, source)  # a clear error now rather than from inside a worker
        shm = self._block(max(1, image.nbytes))
        view = np.ndarray(image.shape, image.dtype, buffer=shm.buf)
        view[...] = image
        del view
        try:
            inner = self._pool.submit(_process_shared, shm.name, image.shape, image.dtype.str, dpi, source,
                                      {**self.options, **options})
        except BaseException:
            self._give_back(shm)
            raise
        outer: Future[ProcessedPage] = Future()

        def finished(done: Future) -> None:
            self._give_back(shm)
            result = None if done.cancelled() or done.exception() else done.result()
            if result is not None and result[1] is not None:
                image_out = _take_shared(result[1])  # always taken, so that nothing is left behind
                result[0].image = image_out
            if outer.done():  # cancelled by the caller while the page was being processed
                return
            if done.cancelled():
                outer.cancel()
            elif done.exception() is not None:
                outer.set_exception(done.exception())
            else:
                outer.set_result(result[0])

        outer.add_done_callback(lambda f: inner.cancel() if f.cancelled() else None)
        inner.add_done_callback(finished)
        return outer
