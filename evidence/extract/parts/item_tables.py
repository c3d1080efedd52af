"""Line items from tables (PDF ruling, spreadsheet and DOCX tables) under an item header row.

Rows after a subtotal, and rows with an amount but no unit price, are charges;
a total row gives the total quantity, and ends the items when it carries money.
"""

from __future__ import annotations

import re

from evidence.normalize.quantities import quantity_in
from evidence.extract.parts.item_headers import header_roles
from evidence.extract.parts.item_rows import SUBTOTAL_ROW, TOTAL_ROW, ItemsFound, Row, cell_quantity, set_cell
from evidence.extract.parts.scan import phrase_pattern
from evidence.extract.parts.totals import goods_count
from evidence.normalize.money import parse_amount
from evidence.normalize.quantities import canonical_unit
from evidence.records import Document, Source, Table, TextLine

_UNIT_IN_HEADER = re.compile(r"[(（\[]\s*([A-Za-z]{2,6}|[\u3400-\u9fff]{1,2})\s*[)）\]]")


def items_from_tables(doc: Document) -> ItemsFound:
    """Given a Document, return the items, charges and total quantity of its item tables."""
    found = ItemsFound()
    for page in doc.pages:
        for table in page.tables:
            _read_table(table, page.lines, found)
    return found


def _read_table(table: Table, lines: list[TextLine], found: ItemsFound) -> None:
    """Given a table, add its item rows, charges and total quantity to `found`."""
    for start, row in enumerate(table.rows):
        roles = header_roles([cell or "" for cell in row])
        if roles is not None:
            header_unit = _header_unit(row, roles)
            _read_table_body(table.rows[start + 1 :], roles, header_unit, table.source, lines, found)
            return


def _read_table_body(
    rows: list[list[str | None]],
    roles: dict[int, str],
    header_unit: str | None,
    source: Source,
    lines: list[TextLine],
    found: ItemsFound,
) -> None:
    after_subtotal = False
    for raw in rows:
        cells = [cell or "" for cell in raw]
        joined = " ".join(cells)
        if SUBTOTAL_ROW.search(joined):
            after_subtotal = True
            continue
        row = _table_row(cells, roles, header_unit, _row_source(cells, lines, source))
        if TOTAL_ROW.search(joined) and (row is None or row.unit_price is None or row.amount is None):
            _record_total_quantity(cells, roles, header_unit, source, found)
            if _ends_items(cells, roles):
                return
            continue
        if row is None:
            _continue_description(cells, roles, found)
        elif _is_charge(row, after_subtotal):
            _as_charge(row, cells)
            found.charges.append(row)
        else:
            found.items.append(row)


def _table_row(cells: list[str], roles: dict[int, str], header_unit: str | None, source: Source) -> Row | None:
    """Given a body row, return it as a Row if it holds a quantity, unit price or amount."""
    row = Row(source)
    for index, role in roles.items():
        cell = cells[index].strip() if index < len(cells) else ""
        if not cell or cell in ("-", "—", "/"):
            continue
        set_cell(row, role, cell)
    if row.quantity is None and row.unit_price is None and row.amount is None:
        return None
    row.unit = row.unit or header_unit
    return row

def _header_unit(row: list[str | None], roles: dict[int, str]) -> str | None:
    """Given a header row, return the unit its quantity column names ("Qty (pcs)")."""
    for index, role in roles.items():
        if role == "quantity":
            match = _UNIT_IN_HEADER.search(row[index] or "")
            if match:
                return canonical_unit(match.group(1).lower())
    return None


def _is_charge(row: Row, after_subtotal: bool) -> bool:
    """Return True for a fee or charge row: after the subtotal, or an amount with no unit price."""
    if after_subtotal:
        return True
    if row.unit_price is not None or row.amount is None:
        return False
    return row.quantity is None or row.quantity <= 1 or bool(phrase_pattern("charge_words").search(row.description))


def _as_charge(row: Row, cells: list[str]) -> None:
    """Given a charge row, put a fee written in the price column into its amount and name it from its label cell."""
    if row.amount is None and row.quantity is None:
        row.amount, row.unit_price = row.unit_price, None
    if not row.description and not row.description_local:
        label = next((cell for cell in cells if re.search(r"[A-Za-z\u3400-\u9fff]{2}", cell or "")), "")
        row.description = " ".join(label.split()).rstrip(":： ")


def _continue_description(cells: list[str], roles: dict[int, str], found: ItemsFound) -> None:
    """Given a row without figures, add its description to the last item (a cell broken over rows)."""
    if not found.items:
        return
    text = " ".join(cells[i] for i, role in roles.items() if role == "description" and i < len(cells) and cells[i])
    if text and not TOTAL_ROW.search(text):
        found.items[-1].add_text(text)


def _record_total_quantity(
    cells: list[str], roles: dict[int, str], header_unit: str | None, source: Source, found: ItemsFound
) -> None:
    """Given a total row, record its quantity: under the quantity column, or any count with a unit."""
    for index, role in roles.items():
        if role == "quantity" and index < len(cells) and cells[index].strip():
            value, unit = cell_quantity(cells[index], header_unit)
            if value is not None:
                found.total_quantity = (value, unit, source)
                return
    if found.total_quantity is not None:
        return  # a count read under the quantity column outweighs one met in a later row's text
    parsed = goods_count(" | ".join(cells))
    if parsed is not None:
        found.total_quantity = (parsed[0], parsed[1], source)


def _ends_items(cells: list[str], roles: dict[int, str]) -> bool:
    """Return True when a total row carries money (a grand total), not only a total quantity."""
    for index, role in roles.items():
        cell = cells[index] if index < len(cells) else ""
        if (
            role in ("amount", "unit_price")
            and cell.strip()
            and quantity_in(cell) is None
            and parse_amount(cell) is not None
        ):
            return True
    return False


def _row_source(cells: list[str], lines: list[TextLine], fallback: Source) -> Source:
    """Given a table row, return the source of the page line that shows its amount (else the table's)."""
    keys = [cell.strip() for cell in reversed(cells) if cell and re.search(r"\d", cell)]
    for key in keys[:1]:
        for line in lines:
            if key in line.text:
                return line.source
    return fallback
