"""Progress of a reader inside one file, for the time budget of an isolated read.

A reader says what it has done: `page_read(n)` after each page (or sheet, or
other unit of work), `ocr_pass()` when it starts reading a page by OCR, and the
ingest step `extracting()` once the file is read. By default nothing listens;
when a document is read in a worker process with a time budget, the worker
installs one listener, told each event by its name ("page", "ocr",
"extracting") and a number (the page's, else 0), and tells the parent that the
reader is still moving: a long but healthy PDF is never cut short while a page
that hangs is, and a page read by OCR or a file being extracted gets a budget
of its own.
"""

from __future__ import annotations

from collections.abc import Callable

#: Told of each event: its name and a number (the page's for "page", else 0).
Listener = Callable[[str, int], None]
_listener: Listener | None = None


def page_read(number: int) -> None:
    """Say that page `number` (1-based) of the current file has been read."""
    _tell("page", number)


def ocr_pass() -> None:
    """Say that one OCR pass over the current page begins (a few pages' budget of its own)."""
    _tell("ocr", 0)


def extracting() -> None:
    """Say that the current file is read and is now being classified and extracted (a budget of its own)."""
    _tell("extracting", 0)


def listen(listener: Listener | None) -> None:
    """Install (or, with None, remove) the function told of each event."""
    global _listener
    _listener = listener


def _tell(event: str, number: int) -> None:
    if _listener is not None:
        _listener(event, number)
