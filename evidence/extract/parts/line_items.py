"""Line items of a PI, contract or invoice: description, quantity, unit, unit price, amount, model.

Three layouts are read, the first that yields items wins:

1. tables (PDF ruling, spreadsheet and DOCX tables) whose header row names
   the columns ("Qty", "Unit Price", "数量", "Menge"...: data/invoice_terms.json);
2. column-aligned text rows under such a header, where the figures of a row
   are told apart by arithmetic: the row's quantity times its unit price is its
   amount, whatever order the columns come in and whatever tax or discount
   columns stand between them;
3. blocks of labeled lines ("Item 1: ...", "Quantity: 4,000 pcs", "Amount: ...").

Rows with an amount but no unit price (tooling, freight, a logo plate) are
charges, not goods. A table's total row gives the total quantity.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from decimal import Decimal
from functools import lru_cache
from itertools import permutations

from evidence.extract.common import quantity_in
from evidence.extract.parts.scan import phrase_pattern, split_languages, terms
from evidence.extract.parts.totals import as_number, goods_count
from evidence.normalize import parse_number
from evidence.normalize.money import find_amounts, parse_amount
from evidence.normalize.quantities import canonical_unit, find_measures, find_quantities, parse_quantity
from evidence.phrases import compile_phrases
from evidence.records import Document, Source, Table, TextLine, Value

_MAX_GAP_LINES = 6
_MODEL = re.compile(r"^(?=[A-Za-z0-9\-_/.#]*\d)(?=[A-Za-z0-9\-_/.#]*[A-Za-z-])[A-Za-z0-9][A-Za-z0-9\-_/.#]{2,}$")
#: A figure not glued to a Latin word or code ("HX200", "CA6707/10"); Chinese units may follow ("2000件").
_FIGURE = re.compile(
    r"(?<![A-Za-z0-9_.,/#-])(\d{1,3}(?:,\d{3})+(?:\.\d+)?|\d{1,3}(?:\.\d{3})+(?:,\d+)?|\d+(?:[.,]\d+)?)(?![A-Za-z0-9_/]|[.,]\d)"
)
_ROW_NUMBER = re.compile(r"^\s*\d{1,3}[.)]?\s+(?=\S)")
_UNIT_IN_HEADER = re.compile(r"[(（\[]\s*([A-Za-z]{2,6}|[\u3400-\u9fff]{1,2})\s*[)）\]]")
_TOTAL_ROW = re.compile(r"\b(?:total|totals|sum|summe|totaal|razem|gesamt|grand total)\b|合计|总计|共计", re.IGNORECASE)
_SUBTOTAL_ROW = re.compile(r"\b(?:sub-?total|zwischensumme|sous-total|subtotaal)\b|小计", re.IGNORECASE)
_QUANTITY_ROLES = ("quantity", "unit_price", "amount")


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
        english, chinese = split_languages(text)
        if english:
            self.description = f"{self.description} {english}".strip()
        if chinese:
            self.description_local = f"{self.description_local} {chinese}".strip()

    def to_values(self, charge: bool = False) -> dict[str, Value]:
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
            plain = as_number(value) if isinstance(value, Decimal) else value
            values[name] = Value(plain, self.source, self.description[:80])
        return values


@dataclass
class ItemsFound:
    """The line items, the charges, and the quantity of a total row, if a table gave one."""

    items: list[Row] = field(default_factory=list)
    charges: list[Row] = field(default_factory=list)
    total_quantity: tuple[Decimal, str | None, Source] | None = None
    method: str = ""


def find_line_items(doc: Document) -> ItemsFound:
    """Given a Document, return its line items from tables, else text rows, else labeled blocks."""
    for method, reader in (("table", _from_tables), ("text", _from_text_rows), ("blocks", _from_blocks)):
        found = reader(doc)
        if found.items:
            found.method = method
            return found
    return ItemsFound()


# ------------------------------------------------------------------ header roles


def header_roles(cells: list[str]) -> dict[int, str] | None:
    """Given a header row's cells, return column index -> role, or None if it is not an item header."""
    roles: dict[int, str] = {}
    for index, cell in enumerate(cells):
        role = _cell_role(cell or "")
        if role is not None:
            roles[index] = role
    kinds = set(roles.values())
    if "item" in kinds:
        item_role = "model" if "description" in kinds else "description"
        roles = {index: (item_role if role == "item" else role) for index, role in roles.items()}
        kinds = set(roles.values())
    numeric = len(kinds & set(_QUANTITY_ROLES))
    if numeric >= 2 or (numeric == 1 and "description" in kinds and len(roles) >= 3):
        return roles
    return None


@lru_cache(maxsize=8192)
def _cell_role(cell: str) -> str | None:
    """Given a header cell, return the role of its longest matching header phrase ('item' only as a last resort)."""
    best: tuple[int, str] | None = None
    text = " ".join(cell.split())
    for role, pattern in _role_patterns():
        for match in pattern.finditer(text):
            score = 0 if role == "item" else len(match.group(0))
            if best is None or score > best[0]:
                best = (score, role)
    return best[1] if best else None


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


@lru_cache(maxsize=1)
def _role_patterns() -> tuple[tuple[str, re.Pattern[str]], ...]:
    columns = terms()["item_columns"]
    return tuple((role, compile_phrases(tuple(words))) for role, words in columns.items() if not role.startswith("_"))


# ------------------------------------------------------------------ tables


def _from_tables(doc: Document) -> ItemsFound:
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
        if _SUBTOTAL_ROW.search(joined):
            after_subtotal = True
            continue
        row = _table_row(cells, roles, header_unit, _row_source(cells, lines, source))
        if _TOTAL_ROW.search(joined) and (row is None or row.unit_price is None or row.amount is None):
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
        _set_cell(row, role, cell)
    if row.quantity is None and row.unit_price is None and row.amount is None:
        return None
    row.unit = row.unit or header_unit
    return row


def _set_cell(row: Row, role: str, cell: str) -> None:
    if role == "description":
        row.add_text(cell)
    elif role == "specification":
        row.specification = f"{row.specification} {' '.join(cell.split())}".strip()
    elif role == "model" and _MODEL.match(cell.split()[0] if cell.split() else ""):
        row.model = row.model or cell.split()[0]
    elif role == "quantity":
        row.quantity, row.unit = _quantity(cell, row.unit)
    elif role == "unit":
        row.unit = canonical_unit(cell.lower()) or cell.lower()
    elif role == "unit_price":
        row.unit_price = parse_amount(cell)
    elif role == "amount":
        row.amount = parse_amount(cell)


def _quantity(cell: str, unit: str | None) -> tuple[Decimal | None, str | None]:
    parsed = quantity_in(cell)
    if parsed is not None:
        return parsed[0], parsed[1]
    bare = parse_quantity(cell)
    return (bare.value, unit) if bare is not None else (None, unit)


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
    if text and not _TOTAL_ROW.search(text):
        found.items[-1].add_text(text)


def _record_total_quantity(
    cells: list[str], roles: dict[int, str], header_unit: str | None, source: Source, found: ItemsFound
) -> None:
    """Given a total row, record its quantity: under the quantity column, or any count with a unit."""
    for index, role in roles.items():
        if role == "quantity" and index < len(cells) and cells[index].strip():
            value, unit = _quantity(cells[index], header_unit)
            if value is not None:
                found.total_quantity = (value, unit, source)
                return
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


# ------------------------------------------------------------------ text rows


def _from_text_rows(doc: Document) -> ItemsFound:
    """Given a Document, return the arithmetic rows under each text header (a table may go on over pages)."""
    lines = doc.lines
    found = ItemsFound()
    index = 0
    while index < len(lines):
        roles = line_roles(lines[index].text)
        numeric = set(roles) & set(_QUANTITY_ROLES)
        if len(numeric) >= 2 or (len(numeric) == 1 and len(roles) >= 3):
            block, used = _read_text_rows(lines[index + 1 :], roles)
            found.items.extend(block.items)
            found.charges.extend(block.charges)
            index += used
        index += 1
    return found


def _read_text_rows(lines: list[TextLine], roles: list[str]) -> tuple[ItemsFound, int]:
    """Given the lines under a text header, return the rows whose figures add up and how many lines they took."""
    found = ItemsFound()
    rows: list[Row] = []
    between: list[list[str]] = [[]]
    gap = used = 0
    for used, line in enumerate(lines, start=1):
        row = arithmetic_row(line.text, roles, line.source)
        if row is not None:
            rows.append(row)
            between.append([])
            gap = 0
            continue
        if line_roles_header(line.text):
            used -= 1  # the next header is read by the caller
            break
        if _SUBTOTAL_ROW.search(line.text):
            charges, taken = _charges_after_subtotal(lines[used:])
            found.charges.extend(charges)
            used += taken
            break
        if _TOTAL_ROW.search(line.text) or gap > _MAX_GAP_LINES:
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
        if _TOTAL_ROW.search(line.text):
            return charges, taken
        amounts = find_amounts(line.text)
        label = re.sub(r"[\d.,:：\s]+$", "", line.text.split(amounts[0].text)[0]).strip() if len(amounts) == 1 else ""
        if label and re.search(r"[A-Za-z\u3400-\u9fff]{2}", label) and not quantity_in(line.text):
            charges.append(Row(line.source, description=label.rstrip(":： "), amount=amounts[0].amount))
    return charges, 0


def line_roles_header(text: str) -> bool:
    """Return True when a line is an item header (a table starting again on the next page)."""
    roles = line_roles(text)
    return len(set(roles) & set(_QUANTITY_ROLES)) >= 2


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
    if len(words) > 1 and _MODEL.match(words[0]):
        row.model, words = words[0], words[1:]
    if len(words) > 1 and canonical_unit(words[-1].lower()):
        row.unit, words = row.unit or canonical_unit(words[-1].lower()), words[:-1]  # a unit column before the figures
    description = " ".join(words)
    row.add_text(description.strip(" |:-"))


def _row_figures(text: str) -> list[tuple[re.Match[str], list[Decimal], str | None]]:
    """Given a row, return its figures that may be quantities or money: each with its readings and count unit."""
    counts = {q.start: q.unit for q in find_quantities(text) if q.kind == "count"}
    measured = [(q.start, q.end) for q in find_quantities(text) if q.kind != "count"]
    measured += [(m.start, m.end) for m in find_measures(text)]
    found = []
    for match in _FIGURE.finditer(text):
        start, end = match.span()
        if text[end : end + 2].strip().startswith("%") or any(s <= start < e for s, e in measured):
            continue
        readings = _readings(match.group(1))
        if readings:
            found.append((match, readings, counts.get(start)))
    return found


def _readings(figure: str) -> list[Decimal]:
    """Given a figure, return its possible values ("54,910" may be 54910 or 54.910)."""
    values = {parse_number(figure, "."), parse_number(figure, ",")}
    single = re.fullmatch(r"(\d{1,3})[.,](\d{3})", figure)
    if single:  # parse_number reads "54,910" as thousands only; a litre count may mean 54.910
        values.add(Decimal(f"{single.group(1)}.{single.group(2)}"))
    return sorted(v for v in values if v is not None)


# ------------------------------------------------------------------ labeled blocks


def _from_blocks(doc: Document) -> ItemsFound:
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
    if _TOTAL_ROW.search(label):
        return "total", ""
    if match.group("number") and compile_phrases(tuple(terms()["item_block_start"])).fullmatch(label):
        return "start", match.group("value")
    role = _cell_role(label)
    if role is None or not _role_patterns_full(label):
        return None
    return role, match.group("value").strip()


def _role_patterns_full(label: str) -> bool:
    """Return True when the whole label is a header phrase (not just contains one)."""
    return any(pattern.fullmatch(label) for _, pattern in _role_patterns())


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
        if _MODEL.match(token) and (role != "item" or len(value.split()) == 1):
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
        _set_cell(row, role, value)


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
