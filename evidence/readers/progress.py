"""Progress of a reader inside one file, for the time budget of an isolated read.

A reader calls `page_read()` after each page (or sheet, or other unit of work).
By default nothing listens; when a document is read in a worker process with a
time budget per page, the worker installs a listener that tells the parent the
reader is still moving, so a long but healthy PDF is never cut short while a
page that hangs is.
"""

from __future__ import annotations

from collections.abc import Callable

_listener: Callable[[int], None] | None = None


def page_read(number: int) -> None:
    """Say that page `number` (1-based) of the current file has been read."""
    if _listener is not None:
        _listener(number)


def listen(listener: Callable[[int], None] | None) -> None:
    """Install (or, with None, remove) the function told of each page read."""
    global _listener
    _listener = listener


_extracting: Callable[[], None] | None = None


def extracting() -> None:
    """Say that the current file is read and is now being classified and extracted (a budget of its own)."""
    if _extracting is not None:
        _extracting()


def listen_extracting(listener: Callable[[], None] | None) -> None:
    """Install (or, with None, remove) the function told when extraction starts."""
    global _extracting
    _extracting = listener



_ocr_pass: Callable[[], None] | None = None


def ocr_pass() -> None:
    """Say that one OCR pass over the current page begins: it has a budget of its own (a few pages' worth)."""
    if _ocr_pass is not None:
        _ocr_pass()


def listen_ocr(listener: Callable[[], None] | None) -> None:
    """Install (or, with None, remove) the function told when an OCR pass begins."""
    global _ocr_pass
    _ocr_pass = listener
