"""CCITT Group 4 compression of a 1-bit stencil, for the PDF's CCITTFaxDecode filter.

Pillow's TIFF writer hands libtiff the image one row at a time: ~45 ms for an A4 stencil at 300 dpi,
the largest single cost of a page. Handing libtiff the whole image as one strip in one call gives the
same bytes in ~10 ms, so the system's libtiff (Debian libtiff6) is called directly; without it (or off
Linux), Pillow.
"""

from __future__ import annotations

import ctypes
import ctypes.util
import io
import os

import numpy as np
from PIL import Image

_TAGS = {256: "width", 257: "height", 258: 1, 277: 1, 262: 0, 259: 4, 278: "height", 266: 1, 293: 0}
# ImageWidth, ImageLength, BitsPerSample 1, SamplesPerPixel 1, Photometric min-is-white, Compression G4,
# RowsPerStrip (one strip), FillOrder MSB first, T6Options 0


def _libtiff() -> ctypes.CDLL | None:
    name = ctypes.util.find_library("tiff")
    try:
        lib = ctypes.CDLL(name or "libtiff.so.6")
    except OSError:
        return None
    lib.TIFFFdOpen.restype = ctypes.c_void_p
    lib.TIFFFdOpen.argtypes = [ctypes.c_int, ctypes.c_char_p, ctypes.c_char_p]
    lib.TIFFSetField.restype = ctypes.c_int
    lib.TIFFWriteEncodedStrip.restype = ctypes.c_ssize_t
    lib.TIFFWriteEncodedStrip.argtypes = [ctypes.c_void_p, ctypes.c_uint32, ctypes.c_void_p, ctypes.c_ssize_t]
    lib.TIFFClose.argtypes = [ctypes.c_void_p]
    return lib


_LIB = _libtiff()


def _strip(tiff: bytes) -> bytes:
    """The data of a one-strip TIFF: exactly the G4 stream the PDF filter expects."""
    image = Image.open(io.BytesIO(tiff))
    offset, count = image.tag_v2[273][0], image.tag_v2[279][0]
    return tiff[offset:offset + count]


def _with_libtiff(bits: np.ndarray, width: int, height: int) -> bytes:
    fd = os.memfd_create("stencil")  # a file in memory: libtiff writes to a descriptor
    try:
        tif = _LIB.TIFFFdOpen(os.dup(fd), b"stencil", b"w")  # TIFFClose closes the duplicate
        if not tif:
            raise RuntimeError("libtiff could not open a TIFF for the stencil")
        try:
            for tag, value in _TAGS.items():
                value = {"width": width, "height": height}.get(value, value)
                _LIB.TIFFSetField(ctypes.c_void_p(tif), ctypes.c_uint32(tag), ctypes.c_uint32(value))
            if _LIB.TIFFWriteEncodedStrip(tif, 0, bits.ctypes.data, bits.nbytes) < 0:
                raise RuntimeError("libtiff could not compress the stencil")
        finally:
            _LIB.TIFFClose(tif)
        return _strip(os.pread(fd, os.fstat(fd).st_size, 0))
    finally:
        os.close(fd)


def group4(mask: np.ndarray) -> bytes:
    """CCITT G4 of `mask` (bool, True = ink), coded as Pillow codes a mode "1" image of ~mask: the ink
    as 0 bits (with BlackIs1 false, PDF decodes it to 1)."""
    h, w = mask.shape
    if _LIB is not None and hasattr(os, "memfd_create"):
        return _with_libtiff(np.packbits(~mask, axis=1), w, h)
    out = io.BytesIO()
    Image.fromarray(~mask).save(out, "TIFF", compression="group4", tiffinfo={278: h})
    return _strip(out.getvalue())
