"""XLSX workbooks via openpyxl in read-only mode: one Page per sheet, a line per row.

Each row becomes a line of its non-empty cells joined by " | " (so label/value
pairs in neighbouring cells stay together), with the cell reference of its first
value; the whole sheet is also kept as a Table for column-wise extraction.
"""

from __future__ import annotations

import io
import zipfile
from datetime import date, datetime, time
from typing import Any

import openpyxl
from openpyxl.utils import get_column_letter

from evidence.readers import progress
from evidence.records import Document, Page, Source, Table, TextLine

#: Rows read per sheet at most: a safety limit against sheets padded to a million rows.
MAX_ROWS = 20_000


def read(data: bytes, doc: Document) -> None:
    """Fill `doc` with one page per sheet of an XLSX workbook."""
    try:
        workbook = openpyxl.load_workbook(io.BytesIO(data), read_only=True, data_only=True)
    except (zipfile.BadZipFile, KeyError, OSError) as exc:
        doc.add_problem("F001", f"{doc.path} is a damaged workbook ({type(exc).__name__})")
        return
    try:
        for number, sheet in enumerate(workbook.worksheets, start=1):
            doc.pages.append(_read_sheet(sheet, number, doc.path))
            progress.page_read(number)
    finally:
        workbook.close()
    if not any(page.lines for page in doc.pages):
        doc.add_problem("F001", f"{doc.path} is an empty workbook (no cell holds a value)")


def _read_sheet(sheet: Any, number: int, path: str) -> Page:
    page = Page(number=number, name=sheet.title)
    grid: list[list[str | None]] = []
    for row_index, row in enumerate(sheet.iter_rows(values_only=True), start=1):
        if row_index > MAX_ROWS:
            break
        cells = [cell_to_text(value) for value in row]
        grid.append(cells)
        filled = [(col, text) for col, text in enumerate(cells, start=1) if text]
        if filled:
            first_col = filled[0][0]
            cell = f"{sheet.title}!{get_column_letter(first_col)}{row_index}"
            text = " | ".join(text for _, text in filled)
            page.lines.append(TextLine(text, Source(path, page=number, line=row_index, cell=cell)))
    if any(any(c for c in row) for row in grid):
        page.tables.append(Table(rows=_trim(grid), source=Source(path, page=number, cell=f"{sheet.title}!A1")))
    return page


def cell_to_text(value: Any) -> str | None:
    """Given a cell value, return its text as a reader would see it (dates as ISO)."""
    if value is None:
        return None
    if isinstance(value, datetime):
        return value.date().isoformat() if value.time() == time(0) else value.isoformat(sep=" ")
    if isinstance(value, (date, time)):
        return value.isoformat()
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    text = str(value).strip()
    return text or None


def _trim(grid: list[list[str | None]]) -> list[list[str | None]]:
    """Drop trailing empty rows and columns that spreadsheets pad with."""
    while grid and not any(grid[-1]):
        grid.pop()
    width = max((max((i + 1 for i, c in enumerate(row) if c), default=0) for row in grid), default=0)
    return [(row + [None] * width)[:width] for row in grid]
