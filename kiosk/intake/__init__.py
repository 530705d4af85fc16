"""The intake workflow's Qt-free parts: a component's pages and the scan batches that fill them."""

from .pages import CONFIRM_FLAGS, NotACompliantCopy, Page, PageNotFound, PageSet, PageSetError, turned_thumbnail

__all__ = ["CONFIRM_FLAGS", "NotACompliantCopy", "Page", "PageNotFound", "PageSet", "PageSetError",
           "turned_thumbnail"]
