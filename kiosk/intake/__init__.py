"""The intake workflow's Qt-free parts: a component's pages and the scan batches that fill them."""

from .pages import CONFIRM_FLAGS, NotACompliantCopy, Page, PageNotFound, PageSet, PageSetError, turned_thumbnail
from .scanning import (BatchRequest, BatchScan, ScanEnded, ScanEvent, ScanOutcome, ScanPageDropped, ScanPageProgress,
                       ScanPageReady, ScanPageStarted, ScanSettingsError, processed_or_redone)

__all__ = ["CONFIRM_FLAGS", "NotACompliantCopy", "Page", "PageNotFound", "PageSet", "PageSetError",
           "turned_thumbnail",
           "BatchRequest", "BatchScan", "ScanEnded", "ScanEvent", "ScanOutcome", "ScanPageDropped",
           "ScanPageProgress", "ScanPageReady", "ScanPageStarted", "ScanSettingsError", "processed_or_redone"]
