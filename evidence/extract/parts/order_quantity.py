"""The ordered quantity of a PI, contract or invoice: the total units and their unit.

In order: a labeled total quantity, the item table's total row, the sum of the line
items (of one unit), a count on a total line. A sum is only as sure as its rows are
complete: it is inferred, unless the rows' amounts make the labeled total.
"""

from __future__ import annotations

from decimal import Decimal

from evidence.extract.parts.item_rows import Marks, Row
from evidence.extract.parts.line_items import ItemsFound
from evidence.extract.parts.scan import phrase_pattern
from evidence.extract.parts.totals import Count, find_quantity, total_row_quantity
from evidence.extract.reading import Reading
from evidence.normalize import json_number
from evidence.records import INFERRED, LABELED, Record, Value


def record_quantity(ldoc: Reading, record: Record, items: ItemsFound, marks: Marks) -> None:
    """Set quantity (total units) and quantity_unit: labeled total, table total row, sum of items, total line.

    `marks` says what the item table's columns are headed (items.item_marks).
    """
    found = find_quantity(ldoc) or _table_total(items, marks) or _items_quantity(items, record)
    found = found or total_row_quantity(ldoc.doc.lines)
    if found is not None:
        value, unit = found.value
        record.set("quantity", json_number(value), found.source, found.text, found.certainty, found.note)
        record.set("quantity_unit", unit, found.source, found.text, found.certainty, found.note)
    if "quantity_unit" not in record.fields and items.items and _one_unit(items) and items.items[0].unit:
        record.set("quantity_unit", items.items[0].unit, items.items[0].source, "", INFERRED, "the line items' unit")


def _table_total(items: ItemsFound, marks: Marks) -> Value[Count] | None:
    """Given the items of a table, return the quantity of its total row: under the quantity column, beside 'Total'."""
    if items.total_quantity is None:
        return None
    value, unit, source = items.total_quantity
    header = marks.labeled.get("quantity")
    note = f"{header} on the total row" if header else "on the total row of the item table"
    return Value((value, unit), source, "total row", LABELED, note)


def _items_quantity(items: ItemsFound, record: Record) -> Value[Count] | None:
    """Given line items of one unit, return the sum of their quantities.

    A row without a quantity that names a charge ('shipping cost 14.50') is not
    goods; any other row without one leaves the sum unknown. The sum is inferred (a row
    may be missing) unless the rows' amounts add up to the labeled total: then none is.
    """
    goods = [row for row in items.items if row.quantity is not None or not _names_charge(row)]
    if not goods or any(row.quantity is None for row in goods) or not _one_unit(items):
        return None
    total = sum((row.quantity for row in goods if row.quantity is not None), Decimal(0))
    unit = next((row.unit for row in goods if row.unit), None)
    if _rows_make_the_total(items, record):
        return Value((total, unit), goods[0].source, "sum of the line items", LABELED,
                     "sum of the line items, whose amounts make the labeled total")
    return Value((total, unit), goods[0].source, "sum of the line items", INFERRED, "sum of the line items")


def _rows_make_the_total(items: ItemsFound, record: Record) -> bool:
    """True when the item and charge rows' amounts (with the charge lines) add up to a labeled total."""
    total = record.fields.get("order_total")
    rows = items.items + items.charges
    if total is None or total.certainty != LABELED or any(row.amount is None for row in rows):
        return False
    amounts = sum((row.amount for row in rows if row.amount is not None), Decimal(0))
    extra = [Decimal(str(line.value)) for line in record.charge_lines]
    return any(abs(amounts + add - Decimal(str(total.value))) <= Decimal("0.01") * len(rows) for add in {0, sum(extra)})


def _names_charge(row: Row) -> bool:
    return bool(phrase_pattern("charge_words").search(f"{row.description} {row.description_local}"))


def _one_unit(items: ItemsFound) -> bool:
    return len({row.unit for row in items.items if row.unit}) <= 1


# ------------------------------------------------------------------ terms
