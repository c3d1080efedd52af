"""Labeled values in table cells: forms drawn as grids.

Forms drawn as grids (inspection reports, bills of lading, bank slips) keep a
label and its value in one cell ("Shipper\nACME Co.") or in neighbouring cells
("Report No. | VT-1"), which the PDF reader also gives as tables; a grid keeps
them together where a text line may run two columns into one ("Client Kestrel
Pty Ltd Supplier"). So a Reading takes cells before lines.
"""

from __future__ import annotations

import re
from functools import lru_cache

from evidence.extract.labels import BRACKETED, GENERIC, Labeled, find_labels
from evidence.records import Document, Page, Source, Table

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
    for row in rows:
        found.extend(_row_pairs(row, table, page))
    return found


def _row_pairs(row: list[str], table: Table, page: Page) -> list[Labeled]:
    found = []
    for position, cell in enumerate(row):
        label = cell_label(cell)
        if label is None:
            continue
        name, label_text, rest = label
        value = rest or _next_value(row, position)
        if value:
            found.append(Labeled(name, label_text, value, _value_source(value, table, page)))
    return found


def _next_value(row: list[str], position: int) -> str:
    """Given a row and a label cell's position, return the next non-empty cell unless it is a label too."""
    for cell in row[position + 1 :]:
        if cell:
            return "" if cell_label(cell) is not None else cell
    return ""


def _is_header(row: list[str]) -> bool:
    labels = [cell for cell in row if cell and cell_label(cell) is not None]
    return len(labels) >= 2 and not any(ch.isdigit() for cell in row for ch in cell)


def _column_pairs(header: list[str], values: list[str], table: Table, page: Page) -> list[Labeled]:
    found = []
    for position, cell in enumerate(header):
        label = cell_label(cell) if cell else None
        value = values[position] if position < len(values) else ""
        if label is not None and value:
            found.append(Labeled(label[0], label[1], value, _value_source(value, table, page)))
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
