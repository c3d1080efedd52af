"""PDF: per page, text lines, words with positions and tables, read with pdfium.

pdfium (C++, through pypdfium2) parses every page; pdfplumber's algorithms then
turn its glyphs into lines, words and tables. Until now pdfplumber read every
page itself, and its Python content-stream parser (pdfminer) made PDFs the
slowest part of a check: the 13 sample PDFs took 0.69 s to read that way, and
take 0.19 s now, against 0.017 s for pdfium's bare text extraction over the same
pages (medians of 9 runs; the rest is the Python work of words, lines and tables).
A 500-page file is read in about 6 s instead of 26 s (`evidence extract` of it, JSON
included: 7.7 s and 149 MB peak RSS; BENCHMARKS.md).

How a page is read:

1. `pdf_pdfium` turns pdfium's text page into pdfplumber-style char dicts
   (pdfminer's box per glyph, page rotation applied as pdfminer does), and
   `pdf_objects` the page's path objects into pdfplumber's table edges (line,
   rect and curve edges, classified as pdfminer does).
2. `pdf_layout` runs pdfplumber's algorithms on those plain lists: the fake-bold
   dedupe, words as `extract_words`, lines as `extract_text_lines(strip=True)`,
   tables as `find_tables()` + `Table.extract()`. On the 13 samples, lines and
   tables are exactly pdfplumber's and words too, with boxes within about 1 pt.

Why table edges come from pdfium's path objects rather than from pdfplumber on
the pages that have ruling lines: nearly every sample page with a table has
ruling lines, and pdfplumber must parse a whole page before it can give its
edges, so that would have kept most of the old cost. Reading path objects
through pdfium costs about 1 ms a page and gives the same edges (same objects,
same classification), hence the same cells.

pdfplumber (`pdf_plumber`) is still the fallback: for a file pdfium refuses to
open for any reason but a password (pdfminer repairs a few that pdfium does
not), and for a page pdfium cannot load.

Where the text differs from what pdfplumber gave (see `pdf_pdfium`), it is
mostly for the better: pdfium sees the spaces that some generators make with
kerning instead of a space glyph, which pdfminer glued into one word
("8Unit(s)" now "8 Unit(s)"; TeX and Word documents, CJK next to Latin text).

Problems: F001 for a password-protected file (an owner password alone, which
only restricts copying or printing, does not stop reading), a damaged file,
a file with no pages or nothing drawn on any page, and a page that cannot be
read; F002 when no page has any text (a scan without a text layer).

Only the first MAX_PAGES (500) pages are read. A claim's documents (a PI, a
contract, an inspection report, a bill of lading) run to a few dozen pages at
most, and 500 pages of the same kind of file take about 8 s and 150 MB; a
2,000-page file took 201 s and 1 GB. A longer file keeps its first 500 pages,
says how many it has in `metadata["pages_read"]`, and gets one problem
(PAGE_CAP_CODE) saying the rest was not read; it stays readable.

Memory stays flat on long files: each page and text page is closed as soon as
it is read, and the document is reopened every `PAGES_PER_OPEN` pages to drop
pdfium's per-document caches. `progress.page_read` is called after each page,
for the batch's per-page time budget. The same file always gives the same
Document.
"""

from __future__ import annotations

from typing import Any

import pypdfium2
import pypdfium2.raw as pdfium_c

from evidence.readers import pdf_layout, pdf_plumber, progress
from evidence.readers.pdf_scans import Scans
from evidence.readers.pdf_objects import page_objects
from evidence.readers.pdf_plumber import MAX_PAGES, PAGE_CAP_CODE, pages_to_read  # noqa: F401 - the cap
from evidence.readers.pdf_pdfium import PageGeometry, add_blanks, page_chars
from evidence.records import Document, Page
from evidence.wording import counted

#: Below this many characters on every page, a PDF counts as having no text layer.
MIN_TEXT_CHARS = 1
_ENCRYPTED = "is encrypted with a password; export an unprotected copy"
_PASSWORD_ERRORS = {pdfium_c.FPDF_ERR_PASSWORD, pdfium_c.FPDF_ERR_SECURITY}
#: pdfium caches every font and image it parses until the document is closed;
#: reopening the file after this many pages keeps memory flat on long files.
PAGES_PER_OPEN = 50
def read(data: bytes, doc: Document) -> None:
    """Fill `doc` with the pages of a PDF, or say why it cannot be read."""
    try:
        pdf = pypdfium2.PdfDocument(data)
    except pypdfium2.PdfiumError as exc:
        if getattr(exc, "err_code", None) in _PASSWORD_ERRORS:
            doc.add_problem("F001", f"{doc.path}: {_ENCRYPTED}")
        else:  # pdfminer repairs some files pdfium refuses
            pdf_plumber.read(data, doc)
            _check_text_layer(doc)
        return
    fallback = _Fallback(data, doc)
    scans = Scans()
    try:
        _read_metadata(pdf, doc)
        page_count = len(pdf)
        if page_count == 0:
            doc.add_problem("F001", f"{doc.path} is damaged or has no pages")
            return
        drawn = False
        for index in range(pages_to_read(page_count, doc)):
            if index and index % PAGES_PER_OPEN == 0:
                pdf.close()  # drops pdfium's per-document caches (fonts, images)
                pdf = pypdfium2.PdfDocument(data)
            page, has_objects = _read_page(pdf, index, doc, fallback, scans)
            drawn = drawn or has_objects
            doc.pages.append(page)
            progress.page_read(index + 1)
        if not drawn:
            doc.pages.clear()
            doc.add_problem("F001", f"{doc.path} is damaged or has no pages (nothing is drawn on any page)")
            return
    finally:
        fallback.close()
        pdf.close()
    scans.report(doc)


def _read_metadata(pdf: pypdfium2.PdfDocument, doc: Document) -> None:
    for key in ("Producer", "Creator", "CreationDate", "Title"):
        value = pdf.get_metadata_value(key)
        text = "".join(ch for ch in value if ch.isprintable()).strip()
        if text:
            doc.metadata[key.lower()] = text


def _read_page(pdf: pypdfium2.PdfDocument, index: int, doc: Document, fallback: _Fallback,
               scans: Scans) -> tuple[Page, bool]:
    """Given an open document, return page `index` and whether it draws anything.

    A page "draws anything" when it has a page object or an annotation; a file
    none of whose pages does is as good as one without pages, and is reported
    as such (pdfminer found no pages at all in the one such file we have).
    """
    number = index + 1
    try:
        raw = pdf[index]
    except pypdfium2.PdfiumError:
        return fallback.page(index), True
    try:
        geometry = PageGeometry(raw.raw)
        has_objects = pdfium_c.FPDFPage_CountObjects(raw.raw) > 0 or pdfium_c.FPDFPage_GetAnnotCount(raw.raw) > 0
        textpage = raw.get_textpage()
        try:
            chars = page_chars(textpage.raw, geometry)
        finally:
            textpage.close()
        edges, blanks = page_objects(raw.raw, geometry)
        page = Page(number=number, width=round(geometry.width, 4), height=round(geometry.height, 4))
        if has_objects and scans.needs_ocr(chars):
            return scans.read_page(raw, page, doc.path), has_objects
    except pypdfium2.PdfiumError:  # no text page for it
        return fallback.page(index), True
    finally:
        raw.close()
    chars = add_blanks(chars, blanks)
    bbox = (geometry.shift_x, geometry.shift_top, geometry.shift_x + geometry.width, geometry.shift_top + geometry.height)
    pdf_layout.lay_out(page, chars, edges, bbox, doc.path)
    return page, has_objects


class _Fallback:
    """Pages pdfium cannot load, read with pdfplumber (opened once, on first need)."""

    def __init__(self, data: bytes, doc: Document) -> None:
        self.data = data
        self.doc = doc
        self.pdf: Any = None
        self.failed = False

    def page(self, index: int) -> Page:
        number = index + 1
        if self.pdf is None and not self.failed:
            try:
                self.pdf = pdf_plumber.open_pdf(self.data)
            except pdf_plumber.OpenFailure:
                self.failed = True
        reason = "pdfminer cannot open the file"
        if self.pdf is not None:
            try:
                return pdf_plumber.read_page(self.pdf, index, self.data, self.doc)
            except Exception as exc:  # noqa: BLE001 - pdfminer fails in many ways; the page is reported
                reason = type(exc).__name__
        self.doc.add_problem("F001", f"{self.doc.path} page {number} cannot be read ({reason})", page=number)
        return Page(number=number)

    def close(self) -> None:
        if self.pdf is not None:
            self.pdf.close()



def _check_text_layer(doc: Document) -> None:
    chars = sum(len(line.text.strip()) for line in doc.lines)
    if doc.pages and chars < MIN_TEXT_CHARS and doc.readable:
        doc.add_problem(
            "F002",
            f"{doc.path} has no text layer ({counted(len(doc.pages), 'page')}, likely a scan); "
            "ask for the original PDF or add a text version",
        )
