"""A goods count written as a sum or per product line: '600 + 600 + 600 pcs', 'lamp 300 pcs; adaptor 300 pcs'.

A document that states an order's quantity in one value (an inspection report's "Order
quantity") may split it: by colour as a sum of figures, or by product as a count per product
line. RULES.md I004 compares such a quantity as its total, which `goods_total` gives. A value
that names its total ("Total 600 pcs (lamp 300, adaptor 300)") is that total; counts that are
not one per product ("5,000 pcs, presented 4,800 pcs") are not added up: the first is the
value's count, as `quantities.goods_count` reads it.
"""

from __future__ import annotations

import re
from decimal import Decimal

from evidence.normalize import parse_number
from evidence.normalize.quantities import Quantity, canonical_unit, goods_count, package_units, quantities_in, units

_FIGURE = r"\d{1,3}(?:,\d{3})+|\d+"
_WORD_UNIT = r"[^\W\d_]{1,8}\.?"
#: Figures joined by '+', each with or without a unit: "600 + 600 + 600 pcs", "600pcs+600pcs".
_PLUS_RUN = re.compile(
    rf"(?<![\w.,/-])(?:{_FIGURE})(?:\s*{_WORD_UNIT})?(?:\s*\+\s*(?:{_FIGURE})(?:\s*{_WORD_UNIT})?)+"
)
#: Where one product line's count ends and the next begins ("5,000" keeps its comma).
_LINE_BREAK = re.compile(r"[;；\n、]|,\s*(?=\D)|，|\s/\s|\band\b")
_TOTAL = re.compile(r"\b(?:total|in total|sum)\b|合计|总计|共计", re.IGNORECASE)
_NAME = re.compile(r"[^\W\d_]{2,}")


def goods_total(text: str) -> Decimal | None:
    """Given a quantity value, return its count of goods: the total of a sum or of a count per product line."""
    total = _total_named(text)
    if total is not None:
        return total
    summed = _plus_total(text)
    if summed is not None:
        return summed
    per_line = _per_line_total(text)
    return per_line if per_line is not None else goods_count(text)


def _goods(text: str) -> list[Quantity]:
    return [q for q in quantities_in(text) if q.unit not in package_units()]


def _total_named(text: str) -> Decimal | None:
    """The count right after a 'Total' word, when the value names one."""
    match = _TOTAL.search(text)
    if match is None:
        return None
    after = _goods(text[match.end() :])
    return after[0].value if after else None


def _plus_total(text: str) -> Decimal | None:
    """The sum of the first run of figures joined by '+' whose units are one count unit of goods."""
    for run in _PLUS_RUN.finditer(text):
        values: list[Decimal] = []
        unit: str | None = None
        for part in re.split(r"\s*\+\s*", run.group(0)):
            figure = re.match(_FIGURE, part)
            written = part[figure.end() :].strip() if figure else ""
            named = canonical_unit(written.lower().rstrip(".")) if written else None
            if figure is None or (written and not _goods_unit(named)) or (unit and named and named != unit):
                break
            unit = unit or named
            value = parse_number(figure.group(0), ",")
            if value is None:
                break
            values.append(value)
        else:
            if unit is not None:
                return sum(values, Decimal(0))
    return None


def _goods_unit(unit: str | None) -> bool:
    return unit is not None and units()[unit].kind == "count" and unit not in package_units()


def _per_line_total(text: str) -> Decimal | None:
    """The sum of one count per product line ("lamp 300 pcs; adaptor 300 pcs"), each after its product's name."""
    lines = [part for part in _LINE_BREAK.split(text) if part.strip()]
    counted = [(line, _goods(line)) for line in lines]
    counted = [(line, found) for line, found in counted if found]
    if len(counted) < 2:
        return None
    unit = counted[0][1][0].unit
    for line, found in counted:
        if len(found) != 1 or found[0].unit != unit or not _NAME.search(line[: found[0].start]):
            return None
    return sum((found[0].value for _, found in counted), Decimal(0))
