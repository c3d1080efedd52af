"""DOCX via python-docx: paragraphs and tables in document order, headers and footers too.

A DOCX has no fixed pages, so the body is one Page; each paragraph or table row
is a line numbered in reading order, which is what a citation can point to.
"""

from __future__ import annotations

import io
import zipfile
from collections.abc import Iterator
from typing import Any

import docx
from docx.table import Table as DocxTable
from docx.text.paragraph import Paragraph

from evidence.records import Document, Page, Source, Table, TextLine


def read(data: bytes, doc: Document) -> None:
    """Fill `doc` with the text and tables of a Word document."""
    try:
        document = docx.Document(io.BytesIO(data))
    except (zipfile.BadZipFile, KeyError, ValueError) as exc:
        doc.add_problem("F001", f"{doc.path} is a damaged Word document ({type(exc).__name__})")
        return
    page = Page(number=1)
    for block in _blocks(document):
        if isinstance(block, Paragraph):
            _add_line(page, block.text, doc.path)
        else:
            _add_table(page, block, doc.path)
    for text in _header_footer_texts(document):
        _add_line(page, text, doc.path)
    doc.pages.append(page)
    core = document.core_properties
    for key in ("title", "author"):
        value = getattr(core, key, None)
        if value:
            doc.metadata[key] = str(value)
    if not page.lines:
        doc.add_problem("F001", f"{doc.path} is an empty Word document")


def _blocks(document: Any) -> Iterator[Paragraph | DocxTable]:
    """Yield the body's paragraphs and tables in the order they appear."""
    yield from document.iter_inner_content()


def _add_line(page: Page, text: str, path: str) -> None:
    for part in text.splitlines():
        if part.strip():
            page.lines.append(TextLine(part.strip(), Source(path, page=1, line=len(page.lines) + 1)))


def _add_table(page: Page, table: DocxTable, path: str) -> None:
    first_line = len(page.lines) + 1
    rows: list[list[str | None]] = []
    for row in table.rows:
        cells = _row_texts(row)
        rows.append(cells)
        filled = _dedupe_merged([c for c in cells if c])
        if filled:
            _add_line(page, " | ".join(filled), path)
    page.tables.append(Table(rows=rows, source=Source(path, page=1, line=first_line)))


def _row_texts(row: Any) -> list[str | None]:
    try:
        return [cell.text.strip() or None for cell in row.cells]
    except (IndexError, ValueError):  # rows with fewer cells than the grid declares
        return [None]


def _dedupe_merged(cells: list[str]) -> list[str]:
    """Merged cells repeat their text in every grid column they span: keep one."""
    kept: list[str] = []
    for cell in cells:
        if not kept or kept[-1] != cell:
            kept.append(cell)
    return kept


def _header_footer_texts(document: Any) -> Iterator[str]:
    seen: set[str] = set()
    for section in document.sections:
        for part in (section.header, section.footer):
            for paragraph in part.paragraphs:
                text = paragraph.text.strip()
                if text and text not in seen:
                    seen.add(text)
                    yield text
