"""A line item or charge as read (`Row`), what a reader found (`ItemsFound`), and filling a Row from a cell.

Shared by the three readers of line items: tables (`item_tables`), text rows
(`item_text_rows`) and labeled blocks (`item_blocks`).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from decimal import Decimal

from evidence.normalize.quantities import quantity_in
from evidence.extract.parts.scan import split_languages
from evidence.normalize import json_number
from evidence.normalize.money import parse_amount
from evidence.normalize.quantities import canonical_unit, parse_quantity
from evidence.records import Source, Value

#: A model number: a code of letters, digits and -_/.# with at least one digit and one letter or hyphen.
MODEL = re.compile(r"^(?=[A-Za-z0-9\-_/.#]*\d)(?=[A-Za-z0-9\-_/.#]*[A-Za-z-])[A-Za-z0-9][A-Za-z0-9\-_/.#]{2,}$")
TOTAL_ROW = re.compile(r"\b(?:total|totals|sum|summe|totaal|razem|gesamt|grand total)\b|合计|总计|共计", re.IGNORECASE)
SUBTOTAL_ROW = re.compile(r"\b(?:sub-?total|zwischensumme|sous-total|subtotaal)\b|小计", re.IGNORECASE)


@dataclass
class Row:
    """One line item or charge as read, before it becomes record values."""

    source: Source
    description: str = ""
    description_local: str = ""
    specification: str = ""
    model: str | None = None
    quantity: Decimal | None = None
    unit: str | None = None
    unit_price: Decimal | None = None
    amount: Decimal | None = None

    def add_text(self, text: str) -> None:
        """Add `text` to the description: its Chinese to `description_local`, the rest to `description`."""
        english, chinese = split_languages(text)
        if english:
            self.description = f"{self.description} {english}".strip()
        if chinese:
            self.description_local = f"{self.description_local} {chinese}".strip()

    def to_values(self, charge: bool = False) -> dict[str, Value]:
        """Return the row's filled fields as record Values (a charge keeps description, amount, quantity)."""
        data: dict[str, object] = {"description": self.description or self.description_local or None}
        if not charge:
            data.update(model=self.model, quantity=self.quantity, unit=self.unit, unit_price=self.unit_price)
        data["amount"] = self.amount
        if self.description_local and self.description:
            data["description_local"] = self.description_local
        if self.specification and not charge:
            data["specification"] = self.specification
        if charge and self.quantity is not None:
            data["quantity"] = self.quantity
        values = {}
        for name, value in data.items():
            if value is None or value == "":
                continue
            plain = json_number(value) if isinstance(value, Decimal) else value
            values[name] = Value(plain, self.source, self.description[:80])
        return values


@dataclass
class ItemsFound:
    """The line items, the charges, and the quantity of a total row, if a table gave one."""

    items: list[Row] = field(default_factory=list)
    charges: list[Row] = field(default_factory=list)
    total_quantity: tuple[Decimal, str | None, Source] | None = None
    method: str = ""


def set_cell(row: Row, role: str, cell: str) -> None:
    """Given a row, a column role and that column's cell, set the field the role names."""
    if role == "description":
        row.add_text(cell)
    elif role == "specification":
        row.specification = f"{row.specification} {' '.join(cell.split())}".strip()
    elif role == "model" and MODEL.match(cell.split()[0] if cell.split() else ""):
        row.model = row.model or cell.split()[0]
    elif role == "quantity":
        row.quantity, row.unit = cell_quantity(cell, row.unit)
    elif role == "unit" and not re.fullmatch(r"[\d.,\s]+", cell):
        # A figure under a 'Unit' header is a unit cube or weight, never a unit of count.
        row.unit = canonical_unit(cell.lower()) or cell.lower()
    elif role == "unit_price":
        row.unit_price = parse_amount(cell)
    elif role == "amount":
        row.amount = parse_amount(cell)


def cell_quantity(cell: str, unit: str | None) -> tuple[Decimal | None, str | None]:
    """Given a quantity cell and the unit known so far, return (quantity, unit); a bare number keeps `unit`."""
    parsed = quantity_in(cell)
    if parsed is not None:
        return parsed[0], parsed[1]
    bare = parse_quantity(cell)
    if bare is None:
        return None, unit
    # "100 m" keeps its metres: a length or mass is never summed with pieces.
    return bare.value, bare.unit or unit
