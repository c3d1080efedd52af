"""Scanned PDF pages: rendered with pdfium and read by OCR, then reported in one place.

A page whose text layer holds fewer than `min_page_chars` characters (data/ocr.json)
but draws something is a scan, perhaps with a page number stamped on it. It is
rendered at `render_dpi` and read by OCR (evidence.ocr) into lines, words and
tables in the page's own points, so sources cite its page and line as for any
PDF, with the confidence OCR had in each line. At most `max_ocr_pages` pages of
a file are read this way (a claim's scans run to a few pages; each takes one to
three seconds): the rest are noted as not read.

`Scans.report` says what became of them on the Document: which pages OCR read
and how sure it was (metadata), or F002 when a file has no text at all, with the
mean confidence of what OCR saw or the command that installs the engine.

A page is rendered in a forked process where fork is available (Linux, as for
the reader child), not in the process that reads the text. Rendering loads fonts
into pdfium's process-wide caches, and the glyph boxes of a PDF read afterwards
with the same unembedded font then differ (a word's right edge moved 0.2 pt): a
file's words would depend on which files that process had read before it.
"""

from __future__ import annotations

import os
import signal
import sys
from dataclasses import dataclass, field
from typing import Any

from PIL import Image

from evidence import ocr
from evidence.records import Document, Page

PAGE_CODE = "F002"


@dataclass
class Scans:
    """What OCR did with one file's scanned pages."""

    read: list[int] = field(default_factory=list)  # pages OCR found legible text on
    illegible: list[int] = field(default_factory=list)
    skipped: list[int] = field(default_factory=list)  # past max_ocr_pages, or no engine
    confidences: list[float] = field(default_factory=list)

    def needs_ocr(self, chars: list[dict[str, Any]]) -> bool:
        """Whether a page with these chars is a scan: fewer than `min_page_chars` that are not blank.

        Counting stops at `min_page_chars`: a page of text is told from its first words.
        """
        enough = ocr.settings()["min_page_chars"]
        printed = 0
        for char in chars:
            if printed >= enough:
                return False
            if not char["text"].isspace():
                printed += 1
        return printed < enough

    def read_page(self, raw_page: Any, page: Page, path: str) -> Page:
        """Given an open pdfium page whose text layer is (nearly) empty, return it read by OCR, or as it is."""
        attempted = len(self.read) + len(self.illegible)
        if not ocr.available() or attempted >= ocr.settings()["max_ocr_pages"]:
            self.skipped.append(page.number)
            return page
        dpi = ocr.settings()["render_dpi"]
        image = render_apart(raw_page, dpi / 72)
        if image is None:
            self.illegible.append(page.number)
            return page
        text = ocr.read_image(image, path, number=page.number, scale=72 / dpi)
        self.confidences.append(text.mean_confidence)
        if text.page is None:
            self.illegible.append(page.number)
            return page
        self.read.append(page.number)
        return text.page

    def report(self, doc: Document) -> None:
        """Note on `doc` what OCR read, and F002 when no page has any text."""
        mean = sum(self.confidences) / len(self.confidences) if self.confidences else 0.0
        if self.read:
            doc.metadata["ocr"] = (f"{ocr.engine_version()}; pages {_pages(self.read)} read by OCR; "
                                   f"mean confidence {mean:.2f}")
        if self.skipped and ocr.available():
            doc.metadata["ocr_not_read"] = (f"pages {_pages(self.skipped)}: past the limit of "
                                            f"{ocr.settings()['max_ocr_pages']} scanned pages per file")
        chars = sum(len(line.text.strip()) for line in doc.lines)
        if not doc.pages or chars or not doc.readable:
            return
        pages = f"{len(doc.pages)} page{'s' if len(doc.pages) != 1 else ''}"
        if not ocr.available():
            why = f"reading a scan needs the OCR engine, which is not installed ({ocr.INSTALL_HINT})"
        else:
            why = f"OCR recognised nothing legible on it (mean confidence {mean:.2f})"
        doc.add_problem(PAGE_CODE, f"{doc.path} has no text layer ({pages}, likely a scan) and {why}; "
                        "ask for the original PDF or add a text version")


#: Seconds a forked render may take before it ends itself (the reader's page budget usually stops it sooner).
RENDER_SECONDS = 120


def render_apart(raw_page: Any, scale: float) -> Image.Image | None:
    """Given an open pdfium page, return it rendered as RGB, in a forked process where fork is
    available (None when that process failed), else in this one."""
    if not sys.platform.startswith("linux"):
        return _render(raw_page, scale)
    read_end, write_end = os.pipe()
    pid = os.fork()
    if pid == 0:  # the forked process: render, send the pixels, leave at once
        os.close(read_end)
        signal.alarm(RENDER_SECONDS)  # a process orphaned by a stopped reader does not hang on
        try:
            image = _render(raw_page, scale)
            with os.fdopen(write_end, "wb") as pipe:
                pipe.write(f"{image.width} {image.height}\n".encode())
                pipe.write(image.tobytes())
        finally:
            os._exit(0)
    os.close(write_end)
    with os.fdopen(read_end, "rb") as pipe:
        header, pixels = pipe.readline(), pipe.read()
    os.waitpid(pid, 0)
    size = tuple(int(part) for part in header.split())
    if len(size) != 2 or len(pixels) != size[0] * size[1] * 3:
        return None
    return Image.frombytes("RGB", size, pixels)


def _render(raw_page: Any, scale: float) -> Image.Image:
    bitmap = raw_page.render(scale=scale)
    try:
        return bitmap.to_pil().convert("RGB")
    finally:
        bitmap.close()


def _pages(numbers: list[int]) -> str:
    """'1-3, 5' for pages 1, 2, 3 and 5."""
    spans: list[list[int]] = []
    for number in numbers:
        if spans and number == spans[-1][1] + 1:
            spans[-1][1] = number
        else:
            spans.append([number, number])
    return ", ".join(str(a) if a == b else f"{a}-{b}" for a, b in spans)
