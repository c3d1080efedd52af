"""The cargo a shipping document states: pieces, packages, gross weight (kg) and container numbers.

Pieces are goods (sets, pieces), never cartons: a 'TOTAL 5,200 PCS' line, a
labeled quantity, a goods table's total row or rows in one goods unit, or a
count in the goods description. Packages and the gross weight are labeled, or
the first carton count (and the weight beside it) in the text. Container numbers
are known by their ISO 6346 form and its check digit. Total and package words
live in data/shipping_terms.json.
"""

from __future__ import annotations

import re
from decimal import Decimal
from functools import lru_cache
from typing import Any

from evidence.extract.labels import Labeled
from evidence.extract.parts.line_items import find_line_items
from evidence.extract.reading import Reading, labeled_note, put_inferred, put_read
from evidence.normalize import json_number
from evidence.normalize.quantities import goods_count, in_base, package_units, quantities_in, units
from evidence.phrases import phrases_pattern
from evidence.reference_data import load_data
from evidence.records import INFERRED, Document, Record, TextLine

#: ISO 6346: owner code (3 letters), category (U, J or Z), serial (6 digits), check digit.
_CONTAINER = re.compile(r"(?<![A-Z0-9])([A-Z]{3}[UJZ])\s?-?(\d{6})\s?-?(\d)(?![0-9])")


def record_cargo(record: Record, found: Reading) -> None:
    """Set packages, pieces, gross weight (kg) and container numbers.

    A count or weight under its label (a 'TOTAL' line's, a total row's) is labeled; a sum of goods rows,
    a count in the goods description, the first carton count or weight anywhere, and container
    numbers known by their form are inferred.
    """
    pieces = _total_pieces(found) or found.first("quantity", goods_count) or _table_pieces(found)
    if pieces is not None:
        put_read(record, "quantity", pieces, "the sum of the goods rows", json_number)
    else:
        described = found.first("product", _goods_in_text)
        note = f"in the goods description {labeled_note(described[1])}".strip() if described else ""
        put_inferred(record, "quantity", described, note, json_number)
    put_read(record, "packages", _packages(found), "the first package count in the text", json_number)
    put_read(record, "gross_weight", _gross_weight(found), "the weight beside a package count", json_number)
    containers = container_numbers(found.doc)
    if containers:
        values = [container for container, _ in containers]
        record.set("container_numbers", values, containers[0][1].source, containers[0][1].text, INFERRED,
                   "by their ISO 6346 form")
        bad = [value for value in values if not check_digit_ok(value)]
        if bad:
            shown = ", ".join(bad)
            said = "container number" if len(bad) == 1 else "container numbers"
            record.notes.append(f"{said} {shown} {'fails' if len(bad) == 1 else 'fail'} the ISO 6346 check digit: misread or mistyped")


def _total_pieces(found: Reading) -> tuple[Decimal, Labeled] | None:
    """The pieces on a 'TOTAL 5,200 PCS' line."""
    totals = phrases_pattern(tuple(_shipping_terms()["total_words"]))
    for line in found.doc.lines:
        match = totals.search(line.text) if totals is not None else None
        if match is None:
            continue
        goods = [q for q in quantities_in(line.text[match.end() :]) if q.unit not in package_units()]
        if goods:
            return goods[0].value, Labeled("quantity", match.group(0), line.text, line.source)
    return None


def _table_pieces(found: Reading) -> tuple[Decimal, Labeled] | None:
    """The pieces of a goods table: its total row, else the sum of its rows, when they count goods in one unit.

    Rows in cartons, pallets or no stated unit are not pieces: a packing list's
    quantity column may count packages, and cartons are never pieces.
    """
    items = find_line_items(found.doc)
    rows = [row for row in items.items if row.quantity is not None]
    row_units = {row.unit for row in items.items}
    if not rows or len(row_units) != 1 or not _goods_unit(next(iter(row_units))):
        return None
    if items.total_quantity is not None:
        value, unit, source = items.total_quantity
        if unit in (None, *row_units):
            return value, Labeled("quantity", "total", "total row", source)
        return None
    if len(rows) != len(items.items):
        return None
    total = sum((row.quantity for row in rows if row.quantity is not None), Decimal(0))
    return total, Labeled("quantity", "", "sum of the goods rows", rows[0].source)


def _goods_unit(unit: str | None) -> bool:
    known = units().get(unit or "")
    return known is not None and known.kind == "count" and unit not in package_units()


def _goods_in_text(text: str) -> Decimal | None:
    """Given a description of goods ('Cookware sets, 3,200 SETS'), return the goods count it states."""
    goods = [q for q in quantities_in(text) if q.unit not in package_units()]
    return goods[0].value if goods else None


def _packages(found: Reading) -> tuple[Decimal, Labeled] | None:
    """The number of packages: labeled ('Packages 375 CARTONS', 'Pieces: 2'), else the first carton count."""
    package_labels = _shipping_terms()["package_labels"]
    for item in found.values("quantity"):
        counted = [q for q in quantities_in(item.value) if q.unit in package_units()]
        if counted:
            return counted[0].value, item
        bare = re.fullmatch(r"\s*(\d{1,6})\s*", item.value)
        if bare and item.label.lower().strip(" :") in package_labels:
            return Decimal(bare.group(1)), item
    for line in found.doc.lines:
        counted = [q for q in quantities_in(line.text) if q.unit in package_units()]
        if counted:
            return counted[0].value, Labeled("packages", "", line.text, line.source)
    return None


def _gross_weight(found: Reading) -> tuple[Decimal, Labeled] | None:
    """The gross weight in kg: labeled, else the first weight beside a package count."""
    for item in found.values("gross_weight"):
        weight = _kilograms(item.value)
        if weight is not None:
            return weight, item
    for line in found.doc.lines:
        if any(q.unit in package_units() for q in quantities_in(line.text)):
            weight = _kilograms(line.text)
            if weight is not None:
                return weight, Labeled("gross_weight", "", line.text, line.source)
    return None


def _kilograms(text: str) -> Decimal | None:
    masses = quantities_in(text, "mass")
    if not masses:
        return None
    base = in_base(masses[0].value, masses[0].unit or "kg")
    if base is None or base[1] != "g":
        return None  # a unit this build cannot convert is no weight, never an error
    grams = base[0]
    return (grams / 1000).quantize(Decimal("0.001")).normalize()


def container_numbers(doc: Document) -> list[tuple[str, TextLine]]:
    """Given a document, return its container numbers (ISO 6346 form), each once, with its line."""
    found: dict[str, TextLine] = {}
    tables = [table for page in doc.pages for table in page.tables]
    cells = [TextLine(cell, table.source) for table in tables for row in table.rows for cell in row if cell]
    for line in [*doc.lines, *cells]:
        for match in _CONTAINER.finditer(line.text):
            found.setdefault("".join(match.groups()), line)
    return list(found.items())


def check_digit_ok(container: str) -> bool:
    """Given 'CSQU3054383', return True when its last digit is the ISO 6346 check digit."""
    values, code = {}, 10
    for letter in "ABCDEFGHIJKLMNOPQRSTUVWXYZ":
        code += code % 11 == 0  # values that are multiples of 11 are skipped
        values[letter] = code
        code += 1
    total = sum((values[ch] if ch.isalpha() else int(ch)) * 2**i for i, ch in enumerate(container[:10]))
    return total % 11 % 10 == int(container[10])


@lru_cache(maxsize=1)
def _shipping_terms() -> dict[str, Any]:
    data: dict[str, Any] = load_data("shipping_terms.json")
    return data
