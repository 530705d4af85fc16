"""The pages of one dossier component while the person works on them: kept in memory only, edited
(reorder, rotate, retake, delete, move to another component, split, merge), then made into the component's PDF.

Rotation is the person's own (the pipeline has already turned the page upright as best it could):
`Page.quarter_turns` counts clockwise quarter turns and goes into the PDF as the page's /Rotate, so
the encoded layers are never re-encoded (a mixed-raster page is kept without its full image, and
JPEG would lose quality each time). The thumbnail is turned to match, from the pipeline's original.

Nothing here is written to disk; `wipe` drops every image and byte (Python cannot overwrite the
bytes themselves: the references go, and the memory goes with the last of them).
"""

from __future__ import annotations

import io
import threading
import uuid
from dataclasses import dataclass, field
from typing import Iterable

import cv2
import numpy as np
import pikepdf

from drivers.scanner.pdf import PdfError, compliance_problems, pdf_bytes
from drivers.scanner.pipeline import ProcessedPage
from drivers.scanner.steps.thumbnail import THUMB_QUALITY
from kiosk.domain import Document
from kiosk.errors import KioskError

# the flags the person is asked to confirm before the page goes into the document ("glare" is shown
# but not asked about: a glare spot on a scanned page rarely hides anything a retake would fix)
CONFIRM_FLAGS = ("blank", "blurred")


class PageSetError(KioskError):
    """An edit or a document the component's pages cannot make. The message is for the person at the
    station (officer or citizen) and never holds what is on a page."""


class PageNotFound(PageSetError):
    def __init__(self) -> None:
        super().__init__("this page is no longer in this component; it may have been deleted or moved")


class NotACompliantCopy(PageSetError):
    """The pages fall short of a digitised copy (colour, at least 200 dpi); `problems` names each page."""

    def __init__(self, problems: list[str]):
        self.problems = problems
        super().__init__(f"these pages cannot make a digitised copy ({'; '.join(problems)}); scan them again in "
                         "colour at 200 dpi or more")


def turned_thumbnail(jpeg: bytes, quarter_turns: int) -> bytes:
    """The thumbnail turned clockwise by `quarter_turns`, same size, same JPEG quality."""
    turns = quarter_turns % 4
    if not jpeg or not turns:
        return jpeg
    image = cv2.imdecode(np.frombuffer(jpeg, np.uint8), cv2.IMREAD_UNCHANGED)
    if image is None:
        raise PageSetError("a page's thumbnail could not be read")
    ok, data = cv2.imencode(".jpg", np.ascontiguousarray(np.rot90(image, -turns)),
                            [cv2.IMWRITE_JPEG_QUALITY, THUMB_QUALITY])
    if not ok:
        raise PageSetError("a page's thumbnail could not be turned")
    return data.tobytes()


@dataclass(eq=False)  # pages are told apart by id, never by content
class Page:
    """One processed page of a component. Changed only through its PageSet."""

    processed: ProcessedPage = field(repr=False)  # the pipeline's result, with the encoded layers
    quarter_turns: int = 0  # clockwise, 0-3: what the person asked for, on top of the pipeline's
    thumbnail: bytes = field(default=b"", repr=False)  # JPEG, turned by quarter_turns
    confirmed: bool = False  # the person kept a blank or blurred page on purpose
    id: str = field(default_factory=lambda: str(uuid.uuid4()))

    @classmethod
    def of(cls, processed: ProcessedPage) -> "Page":
        return cls(processed, 0, processed.thumbnail)

    @property
    def flags(self) -> frozenset[str]:
        """The pipeline's warnings: "blank", "blurred", "glare"."""
        return frozenset(self.processed.flags)

    @property
    def blank(self) -> bool:
        return "blank" in self.processed.flags

    @property
    def blurred(self) -> bool:
        return "blurred" in self.processed.flags

    @property
    def glare(self) -> bool:
        return "glare" in self.processed.flags

    @property
    def needs_confirmation(self) -> bool:
        return not self.confirmed and any(flag in self.processed.flags for flag in CONFIRM_FLAGS)

    @property
    def dpi(self) -> int:
        return self.processed.dpi

    @property
    def size(self) -> tuple[int, int]:
        """Width, height in pixels as the page is shown (after the person's turns)."""
        w, h = self.processed.size
        return (h, w) if self.quarter_turns % 2 else (w, h)

    def _turn(self, quarter_turns: int) -> None:
        self.quarter_turns = (self.quarter_turns + quarter_turns) % 4
        self.thumbnail = turned_thumbnail(self.processed.thumbnail, self.quarter_turns)

    def _wipe(self) -> None:
        processed = self.processed
        processed.image = None
        processed.encoded = None
        processed.thumbnail = b""
        processed.barcodes = []  # a barcode may hold the citizen's identity (the CCCD's QR)
        self.thumbnail = b""


class PageSet:
    """One component's pages, in order. Edits may come from any thread (one lock)."""

    def __init__(self, pages: Iterable[Page] = ()):
        self._pages: list[Page] = []
        self._lock = threading.RLock()
        for page in pages:
            self.insert(page)

    @property
    def pages(self) -> tuple[Page, ...]:
        with self._lock:
            return tuple(self._pages)

    def __len__(self) -> int:
        return len(self._pages)

    def page(self, page_id: str) -> Page:
        with self._lock:
            return self._pages[self._index(page_id)]

    def _index(self, page_id: str) -> int:
        for index, page in enumerate(self._pages):
            if page.id == page_id:
                return index
        raise PageNotFound()

    # --- edits ------------------------------------------------------------------------------

    def add(self, processed: ProcessedPage) -> Page:
        """A new page at the end."""
        page = Page.of(processed)
        self.insert(page)
        return page

    def insert(self, page: Page, index: int | None = None) -> None:
        """Puts `page` (e.g. taken from another component) at `index` (None: at the end)."""
        with self._lock:
            if any(p.id == page.id for p in self._pages):
                raise PageSetError("this page is already in this component")
            if index is None:
                index = len(self._pages)
            if not 0 <= index <= len(self._pages):
                raise PageSetError(f"there is no place {index + 1} for a page in this component")
            self._pages.insert(index, page)

    def take(self, page_id: str) -> Page:
        """Removes the page and hands it over whole (to insert in another component)."""
        with self._lock:
            return self._pages.pop(self._index(page_id))

    def delete(self, page_id: str) -> None:
        """Removes the page and drops its images at once: a page the person threw away is not kept."""
        self.take(page_id)._wipe()

    def move(self, page_id: str, index: int) -> None:
        """Moves the page to place `index` (0-based) of the component's order."""
        with self._lock:
            if not 0 <= index < len(self._pages):
                raise PageSetError(f"there is no place {index + 1} for a page in this component")
            self._pages.insert(index, self._pages.pop(self._index(page_id)))

    def split_off(self, page_id: str) -> list[Page]:
        """Removes the page and every page after it, in order, and hands them over whole: the pages
        that were scanned into one component but belong to another."""
        with self._lock:
            index = self._index(page_id)
            taken, self._pages = self._pages[index:], self._pages[:index]
            return taken

    def take_all(self) -> list[Page]:
        """Removes every page, in order, and hands them over whole (a merge into another component)."""
        with self._lock:
            taken, self._pages = self._pages, []
            return taken

    def extend(self, pages: Iterable[Page]) -> None:
        """Appends pages taken from another component, in their order."""
        with self._lock:
            for page in pages:
                self.insert(page)

    def rotate(self, page_id: str, quarter_turns: int) -> Page:
        """Turns the page by `quarter_turns` more clockwise quarter turns (negative: anticlockwise)."""
        with self._lock:
            page = self._pages[self._index(page_id)]
            page._turn(quarter_turns)
            return page

    def replace(self, page_id: str, processed: ProcessedPage) -> Page:
        """A retake: the new page takes the old one's place (with a new id); the old one is dropped."""
        with self._lock:
            index = self._index(page_id)
            old, self._pages[index] = self._pages[index], Page.of(processed)
            old._wipe()
            return self._pages[index]

    def confirm(self, page_id: str) -> Page:
        """The person keeps a blank or blurred page as it is (a page meant to be empty, a faint stamp)."""
        with self._lock:
            page = self._pages[self._index(page_id)]
            page.confirmed = True
            return page

    def flagged(self) -> list[Page]:
        """The pages the person should still confirm before the document is made (blank or blurred)."""
        with self._lock:
            return [page for page in self._pages if page.needs_confirmation]

    # --- the document -------------------------------------------------------------------------

    def document(self, title: str | None = None, *, pdfa: bool = False) -> Document:
        """The component's PDF as a Document, with the pages' thumbnails. Refused unless every page makes
        a compliant digitised copy (colour, ≥ 200 dpi, 100 % scale). `title` goes into the PDF's
        metadata: pass no personal data."""
        with self._lock:
            pages = list(self._pages)
            if not pages:
                raise PageSetError("this component has no pages yet: scan at least one page")
            encoded = [p.processed.encoded for p in pages]
            if None in encoded:
                number = encoded.index(None) + 1
                raise PageSetError(f"page {number} was not prepared for a document; scan it again")
            problems = compliance_problems(encoded)
            if problems:
                raise NotACompliantCopy(problems)
            try:
                made = pdf_bytes([p.processed for p in pages], pdfa=pdfa, title=title, require_compliant=True)
            except PdfError as error:
                raise PageSetError(f"the document could not be made: {error}") from None
            content = _rotated(made.data, [p.quarter_turns for p in pages])
            return Document.from_pdf(content, made.pages, [p.thumbnail for p in pages])

    def wipe(self) -> None:
        """Drops every page with its images, layers, thumbnails and barcodes."""
        with self._lock:
            pages, self._pages = self._pages, []
        for page in pages:
            page._wipe()


def _rotated(pdf: bytes, quarter_turns: list[int]) -> bytes:
    """The PDF with each page's /Rotate set (clockwise degrees, as PDF counts them); unchanged when no
    page is turned. Saved as it was made: same version, object streams as they were."""
    if not any(turns % 4 for turns in quarter_turns):
        return pdf
    with pikepdf.open(io.BytesIO(pdf)) as doc:
        for page, turns in zip(doc.pages, quarter_turns):
            if turns % 4:
                page.obj.Rotate = 90 * (turns % 4)
        out = io.BytesIO()
        doc.save(out, min_version=doc.pdf_version, deterministic_id=True,
                 object_stream_mode=pikepdf.ObjectStreamMode.preserve)
        return out.getvalue()
