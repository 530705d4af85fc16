"""A page as the scanner delivered it: the hand-off from acquisition to the page pipeline."""

from __future__ import annotations

from dataclasses import dataclass, field

import numpy as np

SIDES = ("front", "back")


@dataclass(frozen=True, eq=False)  # pages are compared by identity, never pixel by pixel
class AcquiredPage:
    """One whole page: SANE said end-of-frame after the number of lines it announced.

    `image` is H×W×3 uint8 RGB, or H×W uint8 grey (lineart arrives as grey 0/255).
    `index` counts pages in reading order from 1; `sheet` counts sheets (duplex: two pages each).
    `source` is how it was scanned: "flatbed", "adf" or "duplex".
    """

    image: np.ndarray = field(repr=False)
    dpi: int
    index: int
    sheet: int
    side: str
    source: str

    @property
    def pipeline_source(self) -> str:
        """The page source as drivers.scanner.pipeline names it (a duplex page is an ADF page)."""
        return "flatbed" if self.source == "flatbed" else "adf"

    @property
    def size(self) -> tuple[int, int]:
        """Width, height in pixels."""
        return self.image.shape[1], self.image.shape[0]

    def summary(self) -> dict[str, object]:
        """JSON-able, no pixels."""
        return {"index": self.index, "sheet": self.sheet, "side": self.side, "source": self.source,
                "dpi": self.dpi, "width": self.size[0], "height": self.size[1],
                "channels": 1 if self.image.ndim == 2 else self.image.shape[2]}
