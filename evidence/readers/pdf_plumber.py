"""The slow path: pages read with pdfplumber (pdfminer), for what pdfium cannot open.

pdfium refuses a few damaged files that pdfminer still parses (a broken xref
in a linearized file, for one), and may fail to load a single page. Those
files or pages are read here: pdfplumber's chars go through the same
`pdf_layout` functions as pdfium's, for lines, words and tables.

Pages are closed as soon as they are read, because pdfplumber caches every
character object of a page until then. Where a font has no Unicode map,
pdfminer writes ``(cid:NNN)``; such a page keeps its words and tables but its
lines then come from pdfium's plain text when pdfium has any, or else lose
those codes.
"""

from __future__ import annotations

import io
import re
from typing import Any

import pdfplumber
import pypdfium2
from pdfminer.pdfdocument import PDFEncryptionError, PDFPasswordIncorrect
from pdfminer.pdfparser import PDFSyntaxError
from pdfminer.psparser import PSException
from pdfplumber.utils.exceptions import PdfminerException

from evidence.readers import pdf_layout, progress
from evidence.records import Document, Page, Source, TextLine

_CID = re.compile(r"\(cid:\d+\)")


class OpenFailure(Exception):
    """pdfminer could not open the file; the message is a one-line reason."""


def open_pdf(data: bytes) -> Any:
    """Given PDF bytes, return an open pdfplumber PDF, or raise OpenFailure."""
    try:
        return pdfplumber.open(io.BytesIO(data))
    except PdfminerException as exc:
        raise OpenFailure(_open_failure(exc.args[0] if exc.args else exc)) from exc
    except (PDFSyntaxError, PSException) as exc:
        raise OpenFailure(_open_failure(exc)) from exc


#: Pages read per PDF; the rest of a longer file is not read (see pdf.py's docstring).
MAX_PAGES = 500
#: The problem a capped file gets: F001 read in part (`partial`), so the pages read stay
#: usable (Document.readable) and the finding is at most minor.
PAGE_CAP_CODE = "F001"


def pages_to_read(page_count: int, doc: Document) -> int:
    """Given a file's page count, return how many to read, noting the cap on `doc` when it applies."""
    if page_count <= MAX_PAGES:
        return page_count
    doc.metadata["pages_read"] = f"{MAX_PAGES} of {page_count}"
    doc.add_problem(PAGE_CAP_CODE, f"{doc.path} has {page_count:,} pages; only the first {MAX_PAGES} were read "
                    f"(the limit per PDF): put the pages that matter in a file of their own", partial=True)
    return MAX_PAGES


def read(data: bytes, doc: Document) -> None:
    """Fill `doc` with the pages (up to pdf.MAX_PAGES) of a PDF read by pdfplumber, or say why it cannot be."""
    try:
        pdf = open_pdf(data)
    except OpenFailure as exc:
        doc.add_problem("F001", f"{doc.path}: {exc}")
        return
    with pdf:
        _read_metadata(pdf, doc)
        try:
            page_count = len(pdf.pages)
        except Exception as exc:  # noqa: BLE001 - pdfminer walks the page tree lazily
            doc.add_problem("F001", f"{doc.path}: {_open_failure(exc)}")
            return
        if page_count == 0:
            doc.add_problem("F001", f"{doc.path} is damaged or has no pages")
            return
        for index in range(pages_to_read(page_count, doc)):
            doc.pages.append(read_page(pdf, index, data, doc))
            progress.page_read(index + 1)


def _open_failure(exc: BaseException) -> str:
    """Given the error pdfminer raised on open, return a one-line reason."""
    if isinstance(exc, (PDFPasswordIncorrect, PDFEncryptionError)):
        return "is encrypted with a password; export an unprotected copy"
    name = type(exc).__name__
    if name in {"PDFPasswordIncorrect", "PDFEncryptionError", "PDFEncryptionWarning"}:
        return "is encrypted with a password; export an unprotected copy"
    if isinstance(exc, (PDFSyntaxError, PSException)) or "EOF" in str(exc) or "xref" in str(exc).lower():
        return f"is damaged or truncated and cannot be opened ({name})"
    return f"cannot be opened as a PDF ({name}: {str(exc)[:120]})"


def _read_metadata(pdf: Any, doc: Document) -> None:
    for key in ("Producer", "Creator", "CreationDate", "Title"):
        value = pdf.metadata.get(key)
        if isinstance(value, bytes):
            value = value.decode("latin-1", "replace")
        text = "".join(ch for ch in str(value) if ch.isprintable()).strip() if value is not None else ""
        if text:
            doc.metadata[key.lower()] = text


def read_page(pdf: Any, index: int, data: bytes, doc: Document) -> Page:
    """Given an open pdfplumber PDF, return page `index` (0-based) as a Page."""
    number = index + 1
    raw = pdf.pages[index]
    page = Page(number=number, width=float(raw.width), height=float(raw.height))
    try:
        pdf_layout.lay_out(page, raw.chars, raw.edges, raw.bbox, doc.path)
    except Exception as exc:  # noqa: BLE001 - pdfminer chokes on some objects pdfium can still render
        page.lines = _pdfium_lines(data, index, doc.path)
        if not page.lines:
            reason = f"{doc.path} page {number} cannot be read ({type(exc).__name__})"
            doc.add_problem("F001", reason, page=number)
    finally:
        raw.close()
    if _CID.search(page.text):
        page.lines = _pdfium_lines(data, index, doc.path) or _without_cids(page.lines, doc.path, number)
    return page


def _without_cids(lines: list[TextLine], path: str, page: int) -> list[TextLine]:
    """The lines with their ``(cid:NNN)`` codes taken out (glyph numbers, not text)."""
    texts = (" ".join(_CID.sub(" ", line.text).split()) for line in lines)
    return _lines([text for text in texts if text], path, page)


def _lines(texts: list[str], path: str, page: int) -> list[TextLine]:
    return [TextLine(text=text, source=Source(path, page=page, line=number)) for number, text in enumerate(texts, 1)]



def _pdfium_lines(data: bytes, index: int, path: str) -> list[TextLine]:
    """Given a PDF and a page index, return pdfium's text lines for that page."""
    try:
        document = pypdfium2.PdfDocument(data)
        try:
            page = document[index]
            textpage = page.get_textpage()
            text = textpage.get_text_range()
            textpage.close()
            page.close()
        finally:
            document.close()
    except Exception:  # noqa: BLE001 - no pdfium text either
        return []
    rows = [row.strip() for row in text.replace("\r\n", "\n").split("\n")]
    return _lines([row for row in rows if row], path, index + 1)
