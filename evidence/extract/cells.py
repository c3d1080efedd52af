"""Labeled values in table cells: forms drawn as grids.

Forms drawn as grids (inspection reports, bills of lading, bank slips) keep a
label and its value in one cell ("Shipper\nACME Co.") or in neighbouring cells
("Report No. | VT-1"), which the PDF reader also gives as tables; a grid keeps
them together where a text line may run two columns into one ("Client Kestrel
Pty Ltd Supplier"). So a Reading takes cells before lines.
"""

from __future__ import annotations

import re
from dataclasses import replace
from decimal import Decimal, InvalidOperation
from functools import lru_cache
from typing import Any

from evidence.extract.labels import BRACKETED, GENERIC, Labeled, find_labels
from evidence.records import Document, Page, Record, Source, Table, Value

#: What may be left of a label cell besides its labels ("PO / Trade Assurance order").
_LABEL_RESIDUE_WORDS = 2
_LABEL_CELL_MAX = 60


def table_pairs(doc: Document) -> list[Labeled]:
    """Given a Document, return the labeled values its tables hold, page by page."""
    found: list[Labeled] = []
    for page in doc.pages:
        for table in page.tables:
            found.extend(table_to_labeled(table, page))
    return found


def table_to_labeled(table: Table, page: Page) -> list[Labeled]:
    """Given a table, return its label/value pairs: a label cell and the cell right of it,
    a cell whose first line is a label and whose other lines are the value, or (a table of
    two rows) a header row of labels over a row of values."""
    rows = [[(cell or "").strip() for cell in row] for row in table.rows]
    found: list[Labeled] = []
    if len(rows) == 2 and _is_header(rows[0]) and not any(cell_label(cell) for cell in rows[1] if cell):
        return _column_pairs(rows[0], rows[1], table, page)
    for index, row in enumerate(rows):
        found.extend(_row_pairs(row, index, table, page))
    return found


def _row_pairs(row: list[str], index: int, table: Table, page: Page) -> list[Labeled]:
    found = []
    for position, cell in enumerate(row):
        label = cell_label(cell)
        if label is None:
            continue
        name, label_text, rest = label
        value, at = (rest, position) if rest else _next_value(row, position)
        if value:
            source = _sheet_cell(table, index, at) or _value_source(value, table, page)
            found.append(Labeled(name, label_text, value, source))
    return found


def _next_value(row: list[str], position: int) -> tuple[str, int]:
    """Given a row and a label cell's position, return the next non-empty cell (and its position)
    unless it is a label too."""
    for at in range(position + 1, len(row)):
        if row[at]:
            return ("" if cell_label(row[at]) is not None else row[at]), at
    return "", position


def _sheet_cell(table: Table, row: int, column: int) -> Source | None:
    """Given a spreadsheet's grid (a table whose source is its sheet's A1), return the source of
    the cell at 0-based (row, column): the value's own cell, not its row's first. None for other tables."""
    where = table.source
    if where.cell is None or not where.cell.endswith("!A1"):
        return None
    return Source(where.path, page=where.page, line=row + 1, cell=f"{where.cell[:-2]}{column_letters(column + 1)}{row + 1}")


def column_letters(number: int) -> str:
    """Given a 1-based column number, return its spreadsheet letters (1 -> A, 28 -> AB)."""
    letters = ""
    while number > 0:
        number, rest = divmod(number - 1, 26)
        letters = chr(ord("A") + rest) + letters
    return letters


def _is_header(row: list[str]) -> bool:
    labels = [cell for cell in row if cell and cell_label(cell) is not None]
    return len(labels) >= 2 and not any(ch.isdigit() for cell in row for ch in cell)


def _column_pairs(header: list[str], values: list[str], table: Table, page: Page) -> list[Labeled]:
    found = []
    for position, cell in enumerate(header):
        label = cell_label(cell) if cell else None
        value = values[position] if position < len(values) else ""
        if label is not None and value:
            source = _sheet_cell(table, 1, position) or _value_source(value, table, page)
            found.append(Labeled(label[0], label[1], value, source))
    return found


def cell_label(cell: str) -> tuple[str, str, str] | None:
    """Given a cell, return (field, label text, the rest of the cell) when it starts with a label line.

    A label may wrap over the cell's lines ("PO / Alibaba\\norder"): then the
    whole cell is the label and the rest is empty.
    """
    lines = [line.strip() for line in cell.splitlines() if line.strip()]
    if not lines:
        return None
    name = label_field(lines[0])
    if name is not None:
        return name, lines[0], "\n".join(lines[1:])
    whole = " ".join(lines)
    if len(lines) > 1 and not any(ch.isdigit() for ch in whole):
        name = label_field(whole)
        if name is not None:
            return name, whole, ""
    return None


@lru_cache(maxsize=8192)
def label_field(text: str) -> str | None:
    """Given a short text, return the field it labels when it is nothing but labels.

    A word or two besides the labels may stand ("PO / Trade Assurance order");
    the field is that of the longest label, a generic 'No.' giving way to any other.
    """
    # A note in brackets is not part of a label: "Consignee (not negotiable unless consigned to order)".
    text = BRACKETED.sub(" ", text).strip()
    if not text or len(text) > _LABEL_CELL_MAX or any(ch.isdigit() for ch in text):
        return None
    hits = find_labels(text)
    if not hits:
        return None
    residue = text
    for hit in sorted(hits, key=lambda h: -h.start):
        residue = residue[: hit.start] + " " + residue[hit.end :]
    words = [word for word in re.split(r"[\s:：#.|/\\\-–=>()（）&,]+", residue) if word]
    if len(words) > _LABEL_RESIDUE_WORDS or any(len(word) > 12 for word in words):
        return None
    specific = [hit for hit in hits if hit.field != GENERIC] or hits
    return max(specific, key=lambda h: len(h.text)).field


def _value_source(value: str, table: Table, page: Page) -> Source:
    """Given a cell value, return the source of the page line it appears on (the table's when none)."""
    first = value.splitlines()[0].strip()
    for line in page.lines:
        if first and first in line.text:
            return line.source
    return table.source


def cite_value_cells(doc: Document, record: Record) -> None:
    """Point each value read from a spreadsheet row at the cell that holds it.

    A sheet's row is one text line citing the row's first filled cell, so a value
    read after its label ("TOTAL | 11000 | 14000") would cite the label's cell
    (PI!C14) rather than its own (PI!E14). A value whose row has a cell whose text
    is the value's text, the value itself or one line of it, cites that cell (the rightmost, as a
    total is); any other keeps its row.
    """
    grids = {page.number: page.tables[0] for page in doc.pages if page.tables and _sheet_cell(page.tables[0], 0, 0)}
    if not grids:
        return

    def own_cell(found: Value) -> Value:
        where = found.source
        table = grids.get(where.page) if where.path == doc.path and where.cell and where.line else None
        if table is None or where.line is None or where.line > len(table.rows) or where.cell == table.source.cell:
            return found
        column = _value_column(table.rows[where.line - 1], found)
        cell = _sheet_cell(table, where.line - 1, column) if column is not None else None
        return replace(found, source=cell) if cell is not None else found

    record.fields = {name: own_cell(found) for name, found in record.fields.items()}
    record.items = [{name: own_cell(found) for name, found in item.items()} for item in record.items]
    record.charge_lines = [own_cell(found) for found in record.charge_lines]


def _value_column(row: list[str | None], found: Value) -> int | None:
    """Given a sheet row and a value, return the 0-based column of the cell holding it, or None."""
    cells = [(column, (text or "").strip()) for column, text in enumerate(row) if text and text.strip()]
    wanted = found.text.strip()
    one_line = [wanted, found.value.strip()] if isinstance(found.value, str) else [wanted]
    for test in (
        lambda text: text == wanted,
        lambda text: _same_value(text, found.value),
        lambda text: any(line.strip() in one_line for line in text.splitlines()),  # one line of a wrapped cell
    ):
        matches = [column for column, text in cells if test(text)]
        if matches:
            return matches[-1]
    return None


def _same_value(text: str, value: Any) -> bool:
    if isinstance(value, bool) or value is None:
        return False
    if isinstance(value, (int, float, Decimal)):
        try:
            return Decimal(re.sub(r"[^\d.\-]", "", text) or "x") == Decimal(str(value))
        except InvalidOperation:
            return False
    return isinstance(value, str) and text == value.strip()
