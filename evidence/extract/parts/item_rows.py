"""A line item or charge as read (`Row`), what a reader found (`ItemsFound`), filling a Row from a cell,
and how sure the values of rows read each way are (`Marks`).

Shared by the three readers of line items: tables (`item_tables`), text rows
(`item_text_rows`) and labeled blocks (`item_blocks`).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from decimal import Decimal

from evidence.normalize.quantities import quantity_in
from evidence.extract.parts.item_headers import cell_role, header_roles, is_header_phrase
from evidence.extract.parts.scan import split_languages, terms
from evidence.extract.reading import column_note, label_note
from evidence.normalize import json_number
from evidence.normalize.money import parse_amount
from evidence.normalize.quantities import canonical_unit, parse_quantity
from evidence.phrases import compile_phrases
from evidence.records import INFERRED, LABELED, Document, Source, Value

#: A model number: a code of letters, digits and -_/.# with at least one digit and one letter or hyphen.
MODEL = re.compile(r"^(?=[A-Za-z0-9\-_/.#]*\d)(?=[A-Za-z0-9\-_/.#]*[A-Za-z-])[A-Za-z0-9][A-Za-z0-9\-_/.#]{2,}$")
TOTAL_ROW = re.compile(r"\b(?:total|totals|sum|summe|totaal|razem|gesamt|grand total)\b|合计|总计|共计", re.IGNORECASE)
SUBTOTAL_ROW = re.compile(r"\b(?:sub-?total|zwischensumme|sous-total|subtotaal)\b|小计", re.IGNORECASE)
#: A line of an item block: its label (perhaps numbered, "Item 1"), then a colon.
_BLOCK_LABEL = re.compile(r"^\s*(?P<label>[^:：|]{1,40}?)\s*(?P<number>\d{1,3})?\s*[:：]")
#: The role whose header a value falls under when its own has none: a unit is read from the quantity cell.
_FALLBACK_ROLE = {"description_local": "description", "unit": "quantity"}


@dataclass(frozen=True)
class Marks:
    """How sure the values of rows read one way are.

    `labeled` holds the note of each role read under a header or label of its own
    (its values are LABELED); every other value is INFERRED with the note `inferred`.
    """

    labeled: dict[str, str] = field(default_factory=dict)
    inferred: str = ""

    def of(self, name: str) -> tuple[str, str]:
        """Given a field of a row, return its (certainty, note)."""
        note = self.labeled.get(name) or self.labeled.get(_FALLBACK_ROLE.get(name, ""))
        return (LABELED, note) if note else (INFERRED, self.inferred)


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

    def to_values(self, charge: bool = False, marks: Marks | None = None) -> dict[str, Value]:
        """Return the row's filled fields as record Values (a charge keeps description, amount, quantity).

        `marks` says how sure each field is (by default, inferred from a row of items).
        """
        marks = marks or Marks(inferred="from a row of items")
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
            values[name] = Value(plain, self.source, self.description[:80], *marks.of(name))
        return values


@dataclass
class ItemsFound:
    """The line items, the charges, and the quantity of a total row, if a table gave one."""

    items: list[Row] = field(default_factory=list)
    charges: list[Row] = field(default_factory=list)
    total_quantity: tuple[Decimal, str | None, Source] | None = None
    method: str = ""


def item_marks(doc: Document, method: str) -> Marks:
    """Given a Document and how its items were read (line_items: table, text, blocks), return their Marks.

    A table's values sit under its header row's cells, a block's after their labels:
    both are labeled. Text rows are told apart by arithmetic, not by a header over
    each figure: inferred.
    """
    if method == "table":
        return Marks({role: column_note(header) for role, header in _table_headers(doc).items()}, "from the item table")
    if method == "blocks":
        return Marks({role: label_note(label) for role, label in _block_labels(doc).items()}, "from an item block")
    return Marks(inferred="from a text row (quantity x unit price = amount)")


def _table_headers(doc: Document) -> dict[str, str]:
    """Given a Document, return each item column's role and header text, from the first item table's header row on."""
    headers: dict[str, str] = {}
    for table in (table for page in doc.pages for table in page.tables):
        for row in table.rows:
            roles = header_roles([cell or "" for cell in row])
            if roles is not None:  # the first header row of a table is the one its items are read under
                for index, role in roles.items():
                    headers.setdefault(role, row[index] or "")
                break
    return headers


def _block_labels(doc: Document) -> dict[str, str]:
    """Given a Document of item blocks, return each role and the first label of it ("Quantity", "Item")."""
    starts = compile_phrases(tuple(terms()["item_block_start"]))
    labels: dict[str, str] = {}
    for line in doc.lines:
        match = _BLOCK_LABEL.match(line.text)
        label = match.group("label").strip() if match else ""
        role = cell_role(label) if label and is_header_phrase(label) else None
        if match and match.group("number") and starts.fullmatch(label):
            role = "item"  # "Item 1: BW-PL6060-40" starts a block and names its model
        if role is not None:
            labels.setdefault(role, label)
    item = labels.pop("item", None)
    if item is not None:  # an item line gives the model, and the description when no line labels one
        labels.setdefault("model", item)
        labels.setdefault("description", item)
    return labels


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
