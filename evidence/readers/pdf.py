"""PDF: per page, text lines, words with positions and tables, via pdfplumber.

Pages are closed as soon as they are read, because pdfplumber caches every
character object of a page until then. Fake-bold duplicate glyphs (common in
Chinese reports) are removed with `dedupe_chars`. Where a font has no Unicode
map, pdfminer writes `(cid:NNN)`; pdfium often still knows the characters, so
such a page's text is taken from pypdfium2 instead.
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

from evidence.records import Document, Page, Source, Table, TextLine, Word

_CID = re.compile(r"\(cid:\d+\)")
#: Below this many characters on every page, a PDF counts as having no text layer.
MIN_TEXT_CHARS = 1


def read(data: bytes, doc: Document) -> None:
    """Fill `doc` with the pages of a PDF, or say why it cannot be read."""
    try:
        pdf = pdfplumber.open(io.BytesIO(data))
    except PdfminerException as exc:
        doc.add_problem("F001", f"{doc.path}: {_open_failure(exc.args[0] if exc.args else exc)}")
        return
    except (PDFSyntaxError, PSException) as exc:
        doc.add_problem("F001", f"{doc.path}: {_open_failure(exc)}")
        return
    with pdf:
        _read_metadata(pdf, doc)
        try:
            page_count = len(pdf.pages)
        except Exception as exc:  # pdfminer walks the page tree lazily
            doc.add_problem("F001", f"{doc.path}: {_open_failure(exc)}")
            return
        if page_count == 0:
            doc.add_problem("F001", f"{doc.path} is damaged or has no pages")
            return
        for index in range(page_count):
            doc.pages.append(_read_page(pdf, index, data, doc))
    _check_text_layer(doc)


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


def _read_page(pdf: Any, index: int, data: bytes, doc: Document) -> Page:
    number = index + 1
    raw = pdf.pages[index]
    page = Page(number=number, width=float(raw.width), height=float(raw.height))
    try:
        clean = _dedupe(raw)
        page.lines = _lines(clean.extract_text_lines(strip=True), doc.path, number)
        page.words = [_word(w) for w in clean.extract_words(keep_blank_chars=False)]
        page.tables = [
            Table(rows=_clean_rows(t.extract()), source=Source(doc.path, page=number))
            for t in clean.find_tables()
        ]
    except Exception as exc:  # pdfminer chokes on some objects pdfium can still render
        page.lines = _pdfium_lines(data, index, doc.path)
        if not page.lines:
            reason = f"{doc.path} page {number} cannot be read ({type(exc).__name__})"
            doc.add_problem("F001", reason, page=number)
    finally:
        raw.close()
    if _CID.search(page.text):
        page.lines = _pdfium_lines(data, index, doc.path) or page.lines
    return page


def _dedupe(raw: Any) -> Any:
    """Drop fake-bold duplicate glyphs, but only on pages that have them.

    pdfplumber's dedupe costs most of a page's reading time, so a cheap count of
    glyphs drawn twice at the same spot decides first. Fake bold sometimes draws
    the copy in another font resource, so the font is not compared.
    """
    seen: set[tuple[str, int, int]] = set()
    repeats = 0
    for char in raw.chars:
        key = (char["text"], round(char["x0"]), round(char["top"]))
        repeats += key in seen
        seen.add(key)
    return raw.dedupe_chars(extra_attrs=()) if repeats else raw


def _lines(raw_lines: list[dict[str, Any]], path: str, page: int) -> list[TextLine]:
    return [
        TextLine(text=line["text"], source=Source(path, page=page, line=number))
        for number, line in enumerate(raw_lines, start=1)
    ]


def _word(raw: dict[str, Any]) -> Word:
    return Word(
        text=raw["text"],
        x0=round(float(raw["x0"]), 2),
        top=round(float(raw["top"]), 2),
        x1=round(float(raw["x1"]), 2),
        bottom=round(float(raw["bottom"]), 2),
    )


def _clean_rows(rows: list[list[str | None]]) -> list[list[str | None]]:
    return [[cell.strip() if isinstance(cell, str) else None for cell in row] for row in rows]


def _pdfium_lines(data: bytes, index: int, path: str) -> list[TextLine]:
    """Given a PDF and a page index, return pdfium's text lines for that page."""
    try:
        document = pypdfium2.PdfDocument(data)
        try:
            textpage = document[index].get_textpage()
            text = textpage.get_text_range()
        finally:
            document.close()
    except Exception:
        return []
    rows = [row.strip() for row in text.replace("\r\n", "\n").split("\n")]
    return [
        TextLine(text=row, source=Source(path, page=index + 1, line=number))
        for number, row in enumerate((r for r in rows if r), start=1)
    ]


def _check_text_layer(doc: Document) -> None:
    chars = sum(len(line.text.strip()) for line in doc.lines)
    if doc.pages and chars < MIN_TEXT_CHARS and doc.readable:
        doc.add_problem(
            "F002",
            f"{doc.path} has no text layer ({len(doc.pages)} page(s), likely a scan); "
            "ask for the original PDF or add a text version",
        )
