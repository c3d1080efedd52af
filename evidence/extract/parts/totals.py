"""Currency, order total, total quantity and the amount in words of a PI, contract or invoice.

The order total is the amount to pay: a total label's amount, never a subtotal,
a tax line or a total quantity. Several totals (net and gross, subtotal and
grand total, total and balance due) resolve to the largest one in the
document's currency; an amount written in words that matches one of them
settles it. The total is the rightmost amount of its line, because a total
row repeats the columns of the item table ("Total | 3,000 pcs | USD 14,700").
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass
from decimal import Decimal
from functools import lru_cache

from evidence.extract.reading import Reading, from_note, label_note, labeled_note
from evidence.extract.parts.scan import labels_in, phrase_pattern, terms
from evidence.normalize.money import Money, amount_in_words, currency_in, find_amounts
from evidence.normalize.quantities import find_quantities, parse_quantity
from evidence.phrases import compile_phrases
from evidence.reference_data import load_data
from evidence.records import INFERRED, LABELED, Document, Source, TextLine, Value

_HEADER_CURRENCY = re.compile(
    r"[(（\[]\s*([A-Za-z]{3}|US\$|[$€£¥￥])\s*[)）\]]|(?<=[A-Za-z])/\s*([A-Za-z]{3}|[$€£¥￥])(?![A-Za-z])"
)
_TOTAL_QUANTITY_LABEL = re.compile(r"total|合计|总|gesamt|totaal|razem|summe|sum", re.IGNORECASE)
Count = tuple[Decimal, str | None]
#: Words that make a line about a price with or without tax, not a tax amount.
_TAX_NOTE = re.compile(
    r"(?<![A-Za-z])(?:incl|excl|inkl|exkl|includ\w*|exclud\w*|ttc|ht|taxable|registration|reg\.?|id)(?![A-Za-z])"
    r"|不含税|含税",
    re.IGNORECASE,
)


@dataclass(frozen=True)
class _Candidate:
    money: Money
    strong: bool
    marked: bool
    source: Source
    text: str
    label: str

    def value(self) -> Value[Money]:
        """The candidate as the order total: read under its total label."""
        return Value(self.money, self.source, self.text, LABELED, label_note(self.label))


def find_currency(ldoc: Reading) -> Value[str] | None:
    """Given a labeled document, return its currency: labeled, else in column headers, else the most used."""
    labeled = ldoc.first("currency", currency_in)
    if labeled is not None:
        return Value(labeled[0], labeled[1].source, labeled[1].value, LABELED, labeled_note(labeled[1]))
    for line in ldoc.doc.lines:
        for match in _HEADER_CURRENCY.finditer(line.text):
            code = currency_in(match.group(1) or match.group(2))
            if code:
                # "Amount (USD)" says the currency of the figures under or after it, not a currency field.
                return Value(code, line.source, line.text, INFERRED, from_note("line", line.text))
    return _most_used_currency(ldoc.doc.lines)


def _most_used_currency(lines: list[TextLine]) -> Value[str] | None:
    seen: Counter[str] = Counter()
    first: dict[str, TextLine] = {}
    for line in lines:
        for money in find_amounts(line.text):
            if money.currency:
                seen[money.currency] += 1
                first.setdefault(money.currency, line)
    if not seen:
        return None
    code = seen.most_common(1)[0][0]
    return Value(code, first[code].source, first[code].text, INFERRED, "the currency most amounts are written in")


def find_total(doc: Document, currency: str | None, items_sum: Decimal | None = None) -> Value[Money] | None:
    """Given a Document, its currency and the sum of its line items (if known), return the order total as a Money.

    A total of 0 is no total. A bare figure on a total row (no currency mark)
    below the items' sum is another column's total (quantity, weight, volume,
    cartons), never the amount. The amount in words, else the items' sum under
    a strong total label, picks among the totals; a larger one on the same page
    (the total after tax) still wins over the sum, one on another page belongs
    to another document of the file (a platform invoice for the same order).
    """
    candidates = [c for c in total_candidates(doc.lines, currency) if c.money.amount > 0]
    if currency:
        candidates = [c for c in candidates if c.money.currency in (currency, None)] or candidates
    if items_sum is not None and items_sum > 0:
        candidates = [c for c in candidates if c.marked or c.money.amount >= items_sum]
    if not candidates:
        return _net_total(doc, currency)
    in_words = words_amount(doc)
    if in_words is not None:
        for candidate in candidates:
            if candidate.money.amount == in_words.value:
                return candidate.value()
    pool = [c for c in candidates if c.marked] or candidates
    confirmed = _confirmed_by_sum(pool, items_sum)
    if confirmed is not None:
        return confirmed.value()
    return max(pool, key=lambda c: (c.money.amount, c.strong)).value()


def _confirmed_by_sum(pool: list[_Candidate], items_sum: Decimal | None) -> _Candidate | None:
    """Given totals, return the strong one the items' sum confirms, unless a larger one shares its page."""
    if items_sum is None:
        return None
    matching = [c for c in pool if c.money.amount == items_sum and c.strong]
    if not matching:
        return None
    chosen = matching[0]
    larger = [c for c in pool if c.money.amount > items_sum and c.source.page == chosen.source.page]
    return None if larger else chosen


def _net_total(doc: Document, currency: str | None) -> Value[Money] | None:
    """Given a Document with no total, return its total before tax when it states no tax at all.

    "Total net value excl. tax USD 2,575.50" on a purchase order without a tax
    line is what the buyer pays; beside a tax line it is only a part of it.
    """
    if _states_tax(doc.lines, currency):
        return None
    for line in doc.lines:
        label = _net_label(line.text)
        if label is None:
            continue
        money = _rightmost_amount(line.text[label.end() :], currency)
        if money is None or money.amount <= 0 or not _marked(money):
            continue
        if currency is None or money.currency in (currency, None):
            # A total before tax stands in for the order total: that there is no tax is worked out.
            return Value(money, line.source, line.text, INFERRED, "a total before tax (no tax stated)")
    return None


def _net_label(text: str) -> re.Match[str] | None:
    """Given a line, return a total label that the words after or before it make a total before tax."""
    for match in _total_pattern().finditer(text):
        before = text[: match.start()].lower().split()
        after = re.sub(r"^[\s:：|(（]+", "", text[match.end() :].lower())
        if before and _net_words().fullmatch(before[-1].strip("(|:")):
            return match
        if _net_words().match(after):
            return match  # "Total net weight: 120 kg" has no marked amount, which the caller requires
    return None


def tax_lines(lines: list[TextLine], currency: str | None) -> list[Value[Decimal]]:
    """Given lines, return each tax line's amount ("IGST 18%  Rs. 1,800.00", "VAT: 200.00").

    A tax line names a tax (data/invoice_terms.json `tax_words`), is no total
    line, says nothing of a price including or excluding tax, and holds exactly
    one amount (the rate is a percentage, not an amount).
    """
    found = []
    for line in lines:
        text = line.text
        if not phrase_pattern("tax_words").search(text) or _total_pattern().search(text):
            continue
        if _TAX_NOTE.search(text):
            continue
        amounts = [m for m in find_amounts(text, currency, bare=True) if m.currency in (currency, None) or not currency]
        if len(amounts) == 1 and amounts[0].amount > 0:
            found.append(Value(amounts[0].amount, line.source, text))
    return found


def _states_tax(lines: list[TextLine], currency: str | None) -> bool:
    """Given lines, return True when one states an amount of tax above 0 (a line with no total label)."""
    for line in lines:
        if not phrase_pattern("tax_words").search(line.text) or _total_pattern().search(line.text):
            continue
        if any(m.amount > 0 for m in find_amounts(line.text, currency, bare=True)):
            return True
    return False


@lru_cache(maxsize=1)
def _net_words() -> re.Pattern[str]:
    return re.compile(phrase_pattern("total_excluded.net").pattern, re.IGNORECASE)


def total_candidates(lines: list[TextLine], currency: str | None) -> list[_Candidate]:
    """Given lines, return the amount after each total label (the rightmost amount of its line)."""
    found = []
    for index, line in enumerate(lines):
        label = _total_label(line.text)
        if label is None:
            continue
        rest = line.text[label.end() :]
        source, text = line.source, line.text
        if not rest.strip(" :：|") and index + 1 < len(lines):
            rest, source, text = lines[index + 1].text, lines[index + 1].source, lines[index + 1].text
        money = _rightmost_amount(rest, currency)
        # In a sentence ("pays 0.5% of the contract value ... After 30 days") a bare figure is no total;
        # a sentence that states the total gives its currency ("the total amount is USD 18,960.00").
        if money is not None and _in_sentence(line.text, label.start()) and not _marked(money):
            continue
        if money is not None:
            strong = bool(phrase_pattern("total_strong").fullmatch(label.group(0).strip()))
            found.append(_Candidate(money, strong, _marked(money), source, text, label.group(0)))
    return found


def _in_sentence(text: str, start: int) -> bool:
    """A lower-case word right before the label: it is inside a sentence, not heading a field."""
    return bool(re.search(r"(?<![A-Za-z])[a-z]+\s+$", text[:start]))


@lru_cache(maxsize=8192)
def _total_label(text: str) -> re.Match[str] | None:
    """Given a line, return its first total label that is not a subtotal, tax or quantity total."""
    for match in _total_pattern().finditer(text):
        before = text[: match.start()].lower().split()
        after = re.sub(r"^[\s:：|(（]+", "", text[match.end() :].lower())
        if before and _excluded_before().fullmatch(before[-1].strip("(|:")):
            continue
        if _excluded_after().match(after) or text[match.start() - 3 : match.start()].lower().endswith("sub"):
            continue
        if any(hit.field == "quantity" and hit.start <= match.start() < hit.end for hit in labels_in(text)):
            continue
        return match
    return None


def _rightmost_amount(text: str, currency: str | None) -> Money | None:
    amounts = [m for m in find_amounts(text, currency, bare=True) if m.amount >= 0]
    marked = [m for m in amounts if _marked(m)]
    pool = marked or amounts
    return pool[-1] if pool else None


def _marked(money: Money) -> bool:
    """Return True when the amount carries its currency mark (not a bare figure)."""
    return bool(re.search(r"[^\d\s.,'\-()]", money.text))


def words_amount(doc: Document) -> Value[Decimal] | None:
    """Given a Document, return the amount it writes out in words ("SAY US DOLLARS ... ONLY", "大写")."""
    lines = doc.lines
    for index, line in enumerate(lines):
        label = phrase_pattern("amount_in_words").search(line.text)
        if label is None:
            continue
        for text in (line.text, _joined(lines, index)):
            value = amount_in_words(_after_words_label(text))
            if value is not None:
                return Value(value, line.source, text, LABELED, label_note(label.group(0)))
    return None


def _after_words_label(text: str) -> str:
    match = re.search(r"[:：]", text)
    return text[match.end() :] if match and match.start() < 40 else text


def _joined(lines: list[TextLine], index: int) -> str:
    following = lines[index + 1].text if index + 1 < len(lines) else ""
    return f"{lines[index].text} {following}"


def find_quantity(ldoc: Reading) -> Value[Count] | None:
    """Given a labeled document, return its total quantity as (value, unit) under a total-quantity label."""
    for item in ldoc.values("quantity"):
        if not _TOTAL_QUANTITY_LABEL.search(item.label):
            continue
        parsed = count_in(item.value)
        if parsed is not None:
            return Value(parsed, item.source, item.value, LABELED, labeled_note(item))
    return None


def count_in(text: str) -> Count | None:
    """Given a value, return its count of goods ("125 CTNS / 3,000 PCS" is 3,000 pcs), or a bare figure ("3000")."""
    found = goods_count(text)
    if found is not None:
        return found
    bare = parse_quantity(text)
    return (bare.value, bare.unit) if bare is not None else None


def goods_count(text: str) -> Count | None:
    """Given text, return its first count of goods, a count of packages only when there is no other."""
    counts = [q for q in find_quantities(text) if q.kind == "count"]
    packaging = set(terms()["packaging_units"]["units"])
    goods = [q for q in counts if q.unit not in packaging] or counts
    return (goods[0].value, goods[0].unit) if goods else None


def total_row_quantity(lines: list[TextLine]) -> Value[Count] | None:
    """Given lines, return the count quantity on a total line ("Total: 3,000 pcs  USD 14,700")."""
    for line in lines:
        if _total_pattern().search(line.text):
            parsed = goods_count(line.text)
            if parsed is not None:
                # The line's label is the total's; that this count is the quantity is worked out from its unit.
                return Value(parsed, line.source, line.text, INFERRED, from_note("total line", line.text))
    return None


def _total_pattern() -> re.Pattern[str]:
    return compile_phrases(tuple(_labels("total")))


def _excluded_after() -> re.Pattern[str]:
    return re.compile(phrase_pattern("total_excluded.words").pattern, re.IGNORECASE)


def _excluded_before() -> re.Pattern[str]:
    return phrase_pattern("total_excluded.before")


def _labels(field: str) -> list[str]:
    synonyms: list[str] = load_data("labels.json")[field]
    return synonyms + list(terms()["total_strong"])
