"""Specifications laid out a column per attribute: "Model | Capacity (ml) | Height (mm)" over a row per product.

Exporters put a product's measures in columns: beside the item table's description (a
"Capacity" column between "Description" and "Qty") or in a table of their own under it, often
with the unit only in the column header and no "Specification" heading anywhere. A header line
counts when its cells name attributes of data/units.json on their own ("Capacity (ml)",
"Weight 重量"): two of them, or one in an item table's header. Each row under it gives one
specification per attribute column, read as "<header>: <cell>" (so the header's unit applies
to a bare figure) and tied to the row's model. A table of cartons and gross weights is
packing, not a specification of the goods, and is left alone.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from evidence.extract.parts.item_headers import QUANTITY_ROLES, line_roles
from evidence.extract.parts.item_rows import MODEL, SUBTOTAL_ROW, TOTAL_ROW
from evidence.normalize.specs import SpecItem, attribute_key, is_attribute_name, parse_spec_line
from evidence.records import Document, Source, TextLine

_MAX_ROWS = 40
_GAP = re.compile(r"\S+(?: \S+)*")  # a cell of aligned text: words one space apart
_ALIGN_SLACK = 3  # characters a cell may sit off its header's start
#: Columns that make a table a packing list (cartons, gross weight, volume), not a specification.
_PACKING = re.compile(
    r"carton|\bctns?\b|\bg\.?\s?w\b|gross|\bcbm\b|\bmeas|packing|外箱|箱规|毛重|体积|包装", re.IGNORECASE
)
#: Attributes whose column names the row rather than measuring it.
_NAMING = frozenset({"model", "brand", "size", "tolerance", "standard", "quality"})


@dataclass(frozen=True)
class ColumnSpec:
    """A specification read from an attribute column, with the row's model and where it was read."""

    item: SpecItem
    source: Source
    product: str | None


@dataclass(frozen=True)
class _Cell:
    text: str
    start: int


def column_specs(doc: Document) -> list[ColumnSpec]:
    """Given a Document, return the specifications of its attribute columns, row by row."""
    lines = doc.lines
    found: list[ColumnSpec] = []
    index = 0
    while index < len(lines):
        header = _cells(lines[index].text)
        columns = _attribute_columns(header, lines[index].text)
        if not columns:
            index += 1
            continue
        rows = _rows(lines[index + 1 : index + 1 + _MAX_ROWS])
        in_items = _item_header(lines[index].text)
        for line in rows:
            found.extend(spec for spec in _row_specs(header, columns, line) if not (in_items and _unitless(spec.item)))
        index += 1 + len(rows)
    return found


def _cells(text: str) -> list[_Cell]:
    """Given a line, return its cells: between '|' when it has them, else runs of words one space apart."""
    if text.count("|") >= 2:
        body = text.strip()
        parts = body.strip("|").split("|")
        return [_Cell(part.strip(), number) for number, part in enumerate(parts)]
    return [_Cell(match.group(0), match.start()) for match in _GAP.finditer(text)]


def _attribute_columns(header: list[_Cell], text: str) -> dict[int, str]:
    """Given a header line's cells, return column index -> attribute label, when the line heads attribute columns."""
    if len(header) < 2 or any(_PACKING.search(cell.text) for cell in header):
        return {}
    columns = {
        number: cell.text
        for number, cell in enumerate(header)
        if _is_attribute_cell(cell.text) and attribute_key(cell.text) not in _NAMING
    }
    return columns if len(columns) >= 2 or (columns and _item_header(text)) else {}


def _item_header(text: str) -> bool:
    return len(set(line_roles(text)) & set(QUANTITY_ROLES)) >= 2


def _unitless(item: SpecItem) -> bool:
    """A bare figure under a measured attribute: in an item table, a line's weight or volume as likely as a spec."""
    return item.expects is not None and item.number is not None and item.unit is None


def _is_attribute_cell(text: str) -> bool:
    """A header cell that is only an attribute's name, with its unit or Chinese twin ("Capacity (ml)", "容量")."""
    bare = re.sub(r"[(\[（][^)\]）]{0,12}[)\]）]", "", text).strip()
    return bool(bare) and is_attribute_name(bare)


def _rows(lines: list[TextLine]) -> list[TextLine]:
    """The table's rows: the lines up to a blank line, a total line or a line of one cell."""
    rows = []
    for line in lines:
        if not line.text.strip() or TOTAL_ROW.search(line.text) or SUBTOTAL_ROW.search(line.text):
            break
        if len(_cells(line.text)) < 2:
            break
        rows.append(line)
    return rows


def _row_specs(header: list[_Cell], columns: dict[int, str], line: TextLine) -> list[ColumnSpec]:
    """Given a row, return one spec per attribute column it fills."""
    cells = _under(header, _cells(line.text))
    models = [n for n, cell in enumerate(header) if attribute_key(cell.text) == "model"]
    product = next((cells[n] for n in models if MODEL.match(cells.get(n, ""))), None)
    specs = []
    for number, label in columns.items():
        value = cells.get(number, "").strip()
        if not value or value in ("-", "/", "—", "N/A", "n/a"):
            continue
        item = parse_spec_line(f"{label}: {value}")
        if item.number is not None or (item.expects is None and re.search(r"[^\W\d_]", value)):
            specs.append(ColumnSpec(item, line.source, product))
    return specs


def _under(header: list[_Cell], row: list[_Cell]) -> dict[int, str]:
    """Given header and row cells, return header column index -> the row's cell under it."""
    if len(row) == len(header):
        return {number: cell.text for number, cell in enumerate(row)}
    placed: dict[int, str] = {}
    for cell in row:
        nearest = min(range(len(header)), key=lambda n: abs(header[n].start - cell.start))
        if abs(header[nearest].start - cell.start) <= _ALIGN_SLACK and nearest not in placed:
            placed[nearest] = cell.text
    return placed
