"""XLSX workbooks via openpyxl in read-only mode: one Page per sheet, a line per row.

Each row becomes a line of its non-empty cells joined by " | " (so label/value
pairs in neighbouring cells stay together), with the cell reference of its first
value; the whole sheet is also kept as a Table for column-wise extraction. The
main sheet is chosen in `workbook`.
"""

from __future__ import annotations

import io
import zipfile

import openpyxl

from evidence.readers import progress
from evidence.readers.workbook import MAX_ROWS, cell_to_text, choose_main_sheet, sheet_page
from evidence.records import Document

__all__ = ["MAX_ROWS", "cell_to_text", "read"]


def read(data: bytes, doc: Document) -> None:
    """Fill `doc` with one page per sheet of an XLSX workbook."""
    try:
        workbook = openpyxl.load_workbook(io.BytesIO(data), read_only=True, data_only=True)
    except (zipfile.BadZipFile, KeyError, OSError) as exc:
        doc.add_problem("F001", f"{doc.path} is a damaged workbook ({type(exc).__name__})")
        return
    try:
        for number, sheet in enumerate(workbook.worksheets, start=1):
            doc.pages.append(sheet_page(sheet.iter_rows(values_only=True), number, sheet.title, doc.path))
            progress.page_read(number)
    finally:
        workbook.close()
    if not any(page.lines for page in doc.pages):
        doc.add_problem("F001", f"{doc.path} is an empty workbook (no cell holds a value)")
        return
    choose_main_sheet(doc)
