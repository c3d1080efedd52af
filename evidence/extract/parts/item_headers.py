"""Header roles: which column or label of an item table is the description, quantity, price...

The phrases come from `item_columns` in data/invoice_terms.json ("Qty",
"Unit Price", "数量", "Menge"...).
"""

from __future__ import annotations

import re
from functools import lru_cache

from evidence.extract.parts.scan import terms
from evidence.phrases import compile_phrases

QUANTITY_ROLES = ("quantity", "unit_price", "amount")


def header_roles(cells: list[str]) -> dict[int, str] | None:
    """Given a header row's cells, return column index -> role, or None if it is not an item header."""
    roles: dict[int, str] = {}
    for index, cell in enumerate(cells):
        role = cell_role(cell or "")
        if role is not None:
            roles[index] = role
    kinds = set(roles.values())
    if "item" in kinds:
        item_role = "model" if "description" in kinds else "description"
        roles = {index: (item_role if role == "item" else role) for index, role in roles.items()}
        kinds = set(roles.values())
    numeric = len(kinds & set(QUANTITY_ROLES))
    if numeric >= 2 or (numeric == 1 and "description" in kinds and len(roles) >= 3):
        return roles
    return None


@lru_cache(maxsize=8192)
def cell_role(cell: str) -> str | None:
    """Given a header cell, return the role of its longest matching header phrase ('item' only as a last resort)."""
    best: tuple[int, str] | None = None
    text = " ".join(cell.split())
    for role, pattern in _role_patterns():
        for match in pattern.finditer(text):
            score = 0 if role == "item" else len(match.group(0))
            if best is None or score > best[0]:
                best = (score, role)
    return best[1] if best else None


def is_header_phrase(label: str) -> bool:
    """Return True when the whole label is a header phrase (not just contains one)."""
    return any(pattern.fullmatch(label) for _, pattern in _role_patterns())



def line_roles(text: str) -> list[str]:
    """Given a text header line, return the roles of its header phrases, left to right."""
    taken: list[tuple[int, int, str]] = []
    ordered = sorted(
        ((match, role) for role, pattern in _role_patterns() for match in pattern.finditer(text)),
        key=lambda pair: -len(pair[0].group(0)),
    )
    for match, role in ordered:
        start, end = match.span()
        if not any(start < t_end and t_start < end for t_start, t_end, _ in taken):
            taken.append((start, end, role))
    return [role for _, _, role in sorted(taken)]


def line_roles_header(text: str) -> bool:
    """Return True when a line is an item header (a table starting again on the next page)."""
    roles = line_roles(text)
    return len(set(roles) & set(QUANTITY_ROLES)) >= 2


@lru_cache(maxsize=1)
def _role_patterns() -> tuple[tuple[str, re.Pattern[str]], ...]:
    columns = terms()["item_columns"]
    return tuple((role, compile_phrases(tuple(words))) for role, words in columns.items() if not role.startswith("_"))
