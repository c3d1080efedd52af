"""Line items from column-aligned text rows under a text header line.

The figures of a row are told apart by arithmetic: the row's quantity times its
unit price is its amount, whatever order the columns come in and whatever tax
or discount columns stand between them. A description wrapped over several
lines is given back to its row.
"""

from __future__ import annotations

import re
from decimal import Decimal
from itertools import permutations

from evidence.normalize.quantities import quantity_in
from evidence.extract.parts.item_headers import QUANTITY_ROLES, line_roles, line_roles_header
from evidence.extract.parts.item_rows import MODEL, SUBTOTAL_ROW, TOTAL_ROW, ItemsFound, Row
from evidence.normalize import parse_number
from evidence.normalize.money import find_amounts
from evidence.normalize.quantities import canonical_unit, find_measures, find_quantities, units
from evidence.records import Document, Source, TextLine

_MAX_GAP_LINES = 6
#: A figure not glued to a Latin word or code ("HX200", "CA6707/10"); Chinese units may follow ("2000件").
_FIGURE = re.compile(
    r"(?<![A-Za-z0-9_.,/#-])(\d{1,3}(?:,\d{3})+(?:\.\d+)?|\d{1,3}(?:\.\d{3})+(?:,\d+)?|\d+(?:[.,]\d+)?)(?![A-Za-z0-9_/]|[.,]\d)"
)
#: A whole figure glued to the word after it: a count when that word is a count unit ("1,500pcs", "20sets").
_GLUED_COUNT = re.compile(r"(?<![A-Za-z0-9_.,/#-])(\d{1,3}(?:,\d{3})+|\d+)(?=[A-Za-z])")
#: A quantity column's unit in a text header: "Qty (pcs)", "Quantity（套）".
_QUANTITY_UNIT = re.compile(r"(?i)\b(?:qty|quantity|数量)\s*[(（]\s*([^\W\d_]+)\s*[)）]")
#: A header's second line of units or currencies alone ("(USD) (USD)", "(pcs)"): no row's description.
_HEADER_NOTES = re.compile(r"\s*(?:[(（][^()（）]{1,15}[)）]\s*)+")
_ROW_NUMBER = re.compile(r"^\s*\d{1,3}[.)]?\s+(?=\S)")
#: "510/EA", "20/PCS": a whole count written with its unit after a slash, not after a currency ("$5/pc" is a price).
_SLASHED_COUNT = re.compile(r"(?<![$€£¥￥.,\d])(?<![A-Z]{3} )(?<![A-Z]{3})(\d{1,3}(?:,\d{3})+|\d+)/(?=[A-Za-z\u3400-\u9fff])")


def items_from_text_rows(doc: Document) -> ItemsFound:
    """Given a Document, return the arithmetic rows under each text header (a table may go on over pages)."""
    lines = doc.lines
    found = ItemsFound()
    index = 0
    while index < len(lines):
        roles = line_roles(lines[index].text)
        numeric = set(roles) & set(QUANTITY_ROLES)
        if len(numeric) >= 2 or (len(numeric) == 1 and len(roles) >= 3):
            block, used = _read_text_rows(lines[index + 1 :], roles, _header_unit(lines[index].text))
            found.items.extend(block.items)
            found.charges.extend(block.charges)
            index += used
        index += 1
    return found


def _header_unit(header: str) -> str | None:
    """The unit a text header gives its quantity column ("Qty (pcs)"), or None."""
    match = _QUANTITY_UNIT.search(header)
    return canonical_unit(match.group(1).lower()) if match else None


def _read_text_rows(lines: list[TextLine], roles: list[str],
                    header_unit: str | None = None) -> tuple[ItemsFound, int]:
    """Given the lines under a text header, return the rows whose figures add up and how many lines they took."""
    found = ItemsFound()
    rows: list[Row] = []
    between: list[list[str]] = [[]]
    gap = used = 0
    for used, line in enumerate(lines, start=1):
        row = arithmetic_row(line.text, roles, line.source)
        if row is not None:
            row.unit = row.unit or header_unit
            rows.append(row)
            between.append([])
            gap = 0
            continue
        if line_roles_header(line.text):
            used -= 1  # the next header is read by the caller
            break
        if SUBTOTAL_ROW.search(line.text):
            charges, taken = _charges_after_subtotal(lines[used:])
            found.charges.extend(charges)
            used += taken
            break
        if TOTAL_ROW.search(line.text) or gap > _MAX_GAP_LINES:
            break
        if line.text.strip():
            between[-1].append(line.text)
            gap += 1
    _assign_wrapped(rows, between)
    found.items = rows
    return found, used


def _charges_after_subtotal(lines: list[TextLine]) -> tuple[list[Row], int]:
    """Given the lines after a subtotal, return the charges (one amount, no quantity) up to the total line."""
    charges: list[Row] = []
    for taken, line in enumerate(lines[:_MAX_GAP_LINES], start=1):
        if TOTAL_ROW.search(line.text):
            return charges, taken
        amounts = find_amounts(line.text)
        label = re.sub(r"[\d.,:：\s]+$", "", line.text.split(amounts[0].text)[0]).strip() if len(amounts) == 1 else ""
        if label and re.search(r"[A-Za-z\u3400-\u9fff]{2}", label) and not quantity_in(line.text):
            charges.append(Row(line.source, description=label.rstrip(":： "), amount=amounts[0].amount))
    return charges, 0

def _assign_wrapped(rows: list[Row], between: list[list[str]]) -> None:
    """Given rows and the text lines around them, give each row the lines of its wrapped description.

    Where cells are centred, a row's description starts on the lines above
    it: the lines before the first row then recur, as many, before each next
    row. Otherwise lines before the first row are the header's, and lines
    between rows continue the row above; the last row takes as many lines as
    the others did (what follows is the page's, not the row's).
    """
    if not rows:
        return
    between[0] = [text for text in between[0] if not _HEADER_NOTES.fullmatch(text)]
    prefix = len(between[0])
    gaps = [len(gap) for gap in between[1:-1]]
    centred = prefix > 0 and bool(gaps) and all(size >= 2 * prefix for size in gaps)
    if centred:
        _prepend(rows[0], between[0])
    trailing = (min(gaps) - (prefix if centred else 0)) if gaps else 0
    for index, row in enumerate(rows):
        following = between[index + 1]
        if index == len(rows) - 1:
            for text in following[:trailing]:
                row.add_text(text)
            continue
        cut = len(following) - prefix if centred else len(following)
        for text in following[:cut]:
            row.add_text(text)
        _prepend(rows[index + 1], following[cut:])


def _prepend(row: Row, texts: list[str]) -> None:
    own = row.description
    row.description = ""
    for text in texts:
        row.add_text(text)
    row.description = f"{row.description} {own}".strip()


def arithmetic_row(text: str, roles: list[str], source: Source) -> Row | None:
    """Given a text row, return it as a Row if two of its figures multiply to a third (qty x price = amount)."""
    figures = _row_figures(text)
    best: tuple[tuple[int, int], int, int, int, Decimal, Decimal] | None = None
    for (i, a), (j, b) in permutations(enumerate(figures), 2):
        for k in range(max(i, j) + 1, len(figures)):
            for x in a[1]:
                for y in b[1]:
                    for z in figures[k][1]:
                        if _multiplies(x, y, z):
                            rank = (k, min(i, j))
                            if best is None or rank > best[0]:
                                best = (rank, i, j, k, x, y)
    if best is None:
        return None
    _, i, j, k, x, y = best
    return _text_row(text, figures, (i, j, k), (x, y), roles, source)


def _multiplies(x: Decimal, y: Decimal, z: Decimal) -> bool:
    tolerance = max(Decimal("0.011"), abs(z) * Decimal("0.002"))
    return abs(x * y - z) <= tolerance and (z != 0 or x == 0 or y == 0)


def _text_row(
    text: str,
    figures: list[tuple[re.Match[str], list[Decimal], str | None]],
    used: tuple[int, int, int],
    values: tuple[Decimal, Decimal],
    roles: list[str],
    source: Source,
) -> Row:
    i, j, k = used
    first_is_quantity = _first_is_quantity(figures[i], figures[j], values, roles, i < j)
    q_index, p_index = (i, j) if first_is_quantity else (j, i)
    q_value, p_value = values if first_is_quantity else (values[1], values[0])
    amount = _closest(figures[k][1], q_value * p_value)
    row = Row(source, quantity=q_value, unit=figures[q_index][2], unit_price=p_value, amount=amount)
    _describe(row, text, sorted((figures[q_index][0], figures[p_index][0], figures[k][0]), key=lambda m: m.start()))
    return row


def _first_is_quantity(
    first: tuple[re.Match[str], list[Decimal], str | None],
    second: tuple[re.Match[str], list[Decimal], str | None],
    values: tuple[Decimal, Decimal],
    roles: list[str],
    in_order: bool,
) -> bool:
    """Given the two factors of a row, decide which is the quantity: the one with a count unit, else by the header."""
    if first[2] and not second[2]:
        return True
    if second[2] and not first[2]:
        return False
    numeric_roles = [role for role in roles if role in ("quantity", "unit_price")]
    if set(numeric_roles) == {"quantity", "unit_price"}:
        quantity_first = numeric_roles[0] == "quantity"
        return quantity_first == in_order
    return in_order  # most layouts put the quantity before the price


def _closest(candidates: list[Decimal], target: Decimal) -> Decimal:
    return min(candidates, key=lambda value: abs(value - target))


def _describe(row: Row, text: str, used: list[re.Match[str]]) -> None:
    """Given a row's text and its used figures, set its description (the wordiest span) and model."""
    cuts = [0] + [edge for match in used for edge in match.span()] + [len(text)]
    spans = [text[cuts[n] : cuts[n + 1]] for n in range(0, len(cuts), 2)]
    description = max(spans, key=lambda span: len(re.findall(r"[A-Za-z\u3400-\u9fff]", span)))
    description = _ROW_NUMBER.sub("", description.strip())
    # The marks of the price column stay behind when its figure is cut out ("Service A $").
    description = re.sub(
        r"(?:\s+(?:[$€£¥￥]|US\$|USD|EUR|RMB|CNY|Rs|PLN))+\s*$|^\s*(?:[$€£¥￥]|US\$)\s*", "", description
    )
    words = description.split()
    if len(words) > 1 and MODEL.match(words[0]):
        row.model, words = words[0], words[1:]
    if len(words) > 1 and canonical_unit(words[-1].lower()):
        row.unit, words = row.unit or canonical_unit(words[-1].lower()), words[:-1]  # a unit column before the figures
    description = " ".join(words)
    row.add_text(description.strip(" |:-"))


def _row_figures(text: str) -> list[tuple[re.Match[str], list[Decimal], str | None]]:
    """Given a row, return its figures that may be quantities or money: each with its readings and count unit."""
    text = _unslashed(text)
    counts = {q.start: q.unit for q in find_quantities(text) if q.kind == "count"}
    measured = [(q.start, q.end) for q in find_quantities(text) if q.kind != "count"]
    measured += [(m.start, m.end) for m in find_measures(text)]
    found = []
    glued = [m for m in _GLUED_COUNT.finditer(text) if m.start() in counts]  # "1,500pcs": a count all the same
    for match in sorted([*_FIGURE.finditer(text), *glued], key=lambda m: m.start()):
        start, end = match.span()
        if text[end : end + 2].strip().startswith("%") or any(s <= start < e for s, e in measured):
            continue
        readings = _readings(match.group(1))
        if readings:
            found.append((match, readings, counts.get(start)))
    return found


def _unslashed(text: str) -> str:
    """Given a row, return it with "510/EA" read as "510 EA" when what follows the slash is a count unit (same length)."""

    def blank(match: re.Match[str]) -> str:
        after = re.match(r"[^\s/|]+", text[match.end() :])
        unit = canonical_unit(after.group(0)) if after else None
        return f"{match.group(1)} " if unit is not None and units()[unit].kind == "count" else match.group(0)

    return _SLASHED_COUNT.sub(blank, text)


def _readings(figure: str) -> list[Decimal]:
    """Given a figure, return its possible values ("54,910" may be 54910 or 54.910)."""
    values = {parse_number(figure, "."), parse_number(figure, ",")}
    single = re.fullmatch(r"(\d{1,3})[.,](\d{3})", figure)
    if single:  # parse_number reads "54,910" as thousands only; a litre count may mean 54.910
        values.add(Decimal(f"{single.group(1)}.{single.group(2)}"))
    return sorted(v for v in values if v is not None)
