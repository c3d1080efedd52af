"""Line items of a PI, contract or invoice: description, quantity, unit, unit price, amount, model.

Three layouts are read, the first that yields items wins:

1. tables (PDF ruling, spreadsheet and DOCX tables) whose header row names
   the columns ("Qty", "Unit Price", "数量", "Menge"...: data/invoice_terms.json),
   in `item_tables`;
2. column-aligned text rows under such a header, where the figures of a row
   are told apart by arithmetic: the row's quantity times its unit price is its
   amount, whatever order the columns come in and whatever tax or discount
   columns stand between them, in `item_text_rows`;
3. blocks of labeled lines ("Item 1: ...", "Quantity: 4,000 pcs", "Amount: ..."),
   in `item_blocks`.

Rows with an amount but no unit price (tooling, freight, a logo plate) are
charges, not goods. A table's total row gives the total quantity. What a header
names is read by `item_headers`; the rows all three produce are `item_rows.Row`.
"""

from __future__ import annotations

from evidence.extract.parts.item_blocks import items_from_blocks
from evidence.extract.parts.item_rows import ItemsFound
from evidence.extract.parts.item_tables import items_from_tables
from evidence.extract.parts.item_text_rows import items_from_text_rows
from evidence.records import Document, Source

#: The layouts in the order they are tried, each with the method name it reports.
_LAYOUTS = (("table", items_from_tables), ("text", items_from_text_rows), ("blocks", items_from_blocks))

def find_line_items(doc: Document) -> ItemsFound:
    """Given a Document, return its line items from tables, else text rows, else labeled blocks."""
    for method, reader in _LAYOUTS:
        found = reader(doc)
        if found.items:
            found.method = method
            return found
    return ItemsFound()


def item_specifications(found: ItemsFound) -> list[tuple[str, str, Source]]:
    """Return (product, specification text, source) for items whose table has a specification column."""
    return [
        (row.model or row.description or row.description_local, row.specification, row.source)
        for row in found.items
        if row.specification
    ]


def item_sources(found: ItemsFound) -> set[Source]:
    """Return the sources of the item rows (spec extraction leaves those lines out)."""
    return {row.source for row in found.items + found.charges}
