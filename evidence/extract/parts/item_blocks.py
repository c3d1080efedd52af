"""Line items written as blocks of labeled lines ("Item 1: ...", "Quantity: 4,000 pcs", "Amount: ...").

One block per item: a new block starts at an "Item N:" line, or when a label
comes again that the current block already has.
"""

from __future__ import annotations

import re
from decimal import Decimal

from evidence.extract.parts.item_headers import cell_role, is_header_phrase
from evidence.extract.parts.item_rows import MODEL, TOTAL_ROW, ItemsFound, Row, set_cell
from evidence.extract.parts.scan import terms
from evidence.phrases import compile_phrases
from evidence.normalize.money import find_amounts, parse_amount
from evidence.records import Document


def items_from_blocks(doc: Document) -> ItemsFound:
    """Given a Document, return items written as blocks of labeled lines, one block per item."""
    found = ItemsFound()
    current: Row | None = None
    last_role: str | None = None
    for line in doc.lines:
        parsed = _block_line(line.text)
        if parsed is None:
            if current is not None and last_role in ("description", "item") and line.text.strip():
                current.add_text(line.text)
            continue
        role, value = parsed
        if role == "total":
            break
        if current is None or role == "start" or _already_set(current, role):
            _close(current, found)
            current = Row(line.source)
        _set_block(current, role, value)
        last_role = role
    _close(current, found)
    return found


def _block_line(text: str) -> tuple[str, str] | None:
    """Given a line, return (role, value) for 'Label: value' item lines, ('total', '') for totals, else None."""
    match = re.match(r"^\s*(?P<label>[^:：|]{1,40}?)\s*(?P<number>\d{1,3})?\s*[:：]\s*(?P<value>.*)$", text)
    if match is None:
        return None
    label = match.group("label").strip()
    if TOTAL_ROW.search(label):
        return "total", ""
    if match.group("number") and compile_phrases(tuple(terms()["item_block_start"])).fullmatch(label):
        return "start", match.group("value")
    role = cell_role(label)
    if role is None or not is_header_phrase(label):
        return None
    return role, match.group("value").strip()

def _already_set(row: Row, role: str) -> bool:
    return {
        "quantity": row.quantity is not None,
        "unit_price": row.unit_price is not None,
        "amount": row.amount is not None,
        "model": row.model is not None,
    }.get(role, False)


def _set_block(row: Row, role: str, value: str) -> None:
    if role in ("start", "item", "model"):
        token = value.split()[0] if value.split() else ""
        # "Item 1: BW-PL6060-40" and "Model: X-1 ..." name a model; "Item: kraft paper bag" describes the goods.
        if MODEL.match(token) and (role != "item" or len(value.split()) == 1):
            row.model = token
            rest = value[len(token) :].strip(" :-")
            if rest:
                row.add_text(rest)
        elif value:
            row.add_text(value)
    elif role == "amount":
        row.amount = _first_money(value)
    elif role == "unit_price":
        row.unit_price = _first_money(value)
    else:
        set_cell(row, role, value)


def _first_money(value: str) -> Decimal | None:
    """Given a labeled price or amount ("USD 9.60 FOB Zhongshan", "US $0.18"), return its first amount."""
    amounts = find_amounts(value)
    if amounts:
        return amounts[0].amount
    head = re.split(r"\s+(?:FOB|CIF|CFR|EXW|DDP|DAP|FCA|CPT|CIP|per|/)\b", value)[0]
    return parse_amount(head)


def _close(row: Row | None, found: ItemsFound) -> None:
    if row is None:
        return
    if row.quantity is not None and (row.unit_price is not None or row.amount is not None):
        found.items.append(row)
    elif row.amount is not None and row.unit_price is None and found.items:
        found.charges.append(row)
