"""Barcodes and QR codes on an upright page, with zxing-cpp (the default: in tests/bench/scan_pipeline.py
it read every QR with modules of 0.33-0.6 mm at 150 dpi, pyzbar a third of them, in less time) or pyzbar. The content stays on the object and out of every repr,
log and summary: a citizen's QR carries their ID number, name and address."""

from __future__ import annotations

from dataclasses import dataclass, field

import numpy as np

ENGINES = ("zxing", "pyzbar")
DEFAULT_ENGINE = "zxing"


@dataclass(frozen=True)
class Barcode:
    kind: str  # "QRCode", "Code128", … as the engine names it
    points: tuple[tuple[float, float], ...]  # corners in the coordinates of the image it was found in
    content: bytes = field(repr=False)  # never printed or logged
    engine: str = ""

    def moved(self, points: np.ndarray) -> "Barcode":
        return Barcode(self.kind, tuple((round(float(x), 1), round(float(y), 1)) for x, y in points),
                       self.content, self.engine)

    def summary(self) -> dict:
        return {"kind": self.kind, "points": [list(p) for p in self.points], "bytes": len(self.content),
                "engine": self.engine}


# The codes found on administrative documents: QR (CCCD, e-receipts), DataMatrix, PDF417, Aztec and the
# Code 128 / Code 39 of dossier receipts. Retail codes (EAN/UPC…) are left out: looking for every
# linear symbology is most of the time spent.
DOCUMENT_CODES = ("QRCode", "DataMatrix", "PDF417", "Aztec", "Code128", "Code39")
PYZBAR_CODES = ("QRCODE", "PDF417", "CODE128", "CODE39")  # zbar reads neither DataMatrix nor Aztec


def _zxing(gray: np.ndarray) -> list[Barcode]:
    import zxingcpp

    formats = tuple(getattr(zxingcpp.BarcodeFormat, name) for name in DOCUMENT_CODES)
    found = []
    # the pipeline searches the page once it is upright: no need to try linear codes at 90° (nor to
    # look for white-on-black codes), which takes two thirds of the time
    for r in zxingcpp.read_barcodes(gray, formats=formats, try_rotate=False, try_invert=False):
        p = r.position
        corners = tuple((float(c.x), float(c.y)) for c in (p.top_left, p.top_right, p.bottom_right, p.bottom_left))
        found.append(Barcode(r.format.name if hasattr(r.format, "name") else str(r.format), corners, bytes(r.bytes),
                             "zxing"))
    return found


def _pyzbar(gray: np.ndarray) -> list[Barcode]:
    from pyzbar import pyzbar

    found = []
    from pyzbar.pyzbar import ZBarSymbol

    symbols = [getattr(ZBarSymbol, name) for name in PYZBAR_CODES if hasattr(ZBarSymbol, name)]
    for r in pyzbar.decode(gray, symbols=symbols):
        corners = tuple((float(p.x), float(p.y)) for p in r.polygon)
        found.append(Barcode(r.type, corners, bytes(r.data), "pyzbar"))
    return found


def find_barcodes(gray: np.ndarray, engine: str = DEFAULT_ENGINE) -> list[Barcode]:
    """Every barcode the engine reads in `gray` (2-D uint8)."""
    if engine == "zxing":
        return _zxing(np.ascontiguousarray(gray))
    if engine == "pyzbar":
        return _pyzbar(np.ascontiguousarray(gray))
    raise ValueError(f"unknown barcode engine '{engine}' (choose one of {', '.join(ENGINES)})")
