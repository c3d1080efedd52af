"""What every extractor needs: labeled values parsed as dates, amounts, numbers and names.

Extractors stay short by asking here for "the first date under a ship-by label"
or "the largest amount under a total label"; each helper returns the parsed
value with the Labeled it came from, so the record keeps its source.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from decimal import Decimal
from typing import TypeVar

from evidence.extract.labels import Labeled, labeled_values, values_for
from evidence.normalize.dates import document_order, find_dates
from evidence.normalize.money import Money, find_amounts, normalize_currency
from evidence.normalize.quantities import find_quantities
from evidence.records import Document, Record, Source, TextLine

T = TypeVar("T")
_DIGIT_GROUPS = re.compile(r"\d{3,6}(?: \d{3,6}){2,}(?![\d.,])")
_IDENTIFIER = re.compile(r"[A-Za-z0-9][A-Za-z0-9\-/_.#]*[A-Za-z0-9]|[0-9]+")
_COMPANY_SUFFIX = re.compile(
    r"\b(co\.?,?\s*ltd\.?|company\s+limited|limited|ltd\.?|llc|inc\.?|corp\.?|corporation|gmbh|"
    r"pty\.?\s*ltd\.?|s\.?a\.?|b\.?v\.?|plc|有限公司|有限责任公司|股份有限公司|公司|厂)",
    re.IGNORECASE,
)


@dataclass
class LabeledDoc:
    """A document prepared for extraction: its labeled values and its date order."""

    doc: Document
    labeled: list[Labeled]
    date_order: str | None

    @classmethod
    def of(cls, doc: Document) -> LabeledDoc:
        return cls(doc, labeled_values(doc), document_order(line.text for line in doc.lines))

    def first(self, field: str, parse: Callable[[str], T | None]) -> tuple[T, Labeled] | None:
        """Return the first value under `field` labels that `parse` accepts."""
        return first_parsed(values_for(self.labeled, field), parse)

    def date(self, field: str) -> tuple[str, Labeled] | None:
        return self.first(field, lambda text: date_in(text, self.date_order))

    def identifier(self, field: str) -> tuple[str, Labeled] | None:
        return self.first(field, identifier_in)

    def amount(self, field: str, hint: str | None = None) -> tuple[Money, Labeled] | None:
        return self.first(field, lambda text: amount_in(text, hint))

    def text(self, field: str) -> tuple[str, Labeled] | None:
        return self.first(field, lambda text: text.strip() or None)


def first_parsed(candidates: Iterable[Labeled], parse: Callable[[str], T | None]) -> tuple[T, Labeled] | None:
    for item in candidates:
        value = parse(item.value)
        if value is not None:
            return value, item
    return None


def date_in(text: str, order: str | None) -> str | None:
    """Given a value, return the first unambiguous date in it as ISO, else None."""
    for found in find_dates(text, order):
        if found.value is not None and not found.ambiguous:
            return found.value.isoformat()
    return None


def identifier_in(text: str) -> str | None:
    """Given a value, return the first token that looks like a document number (has a digit).

    Long numbers printed in groups ("2381 0936 1740 5528") are one number.
    """
    grouped = _DIGIT_GROUPS.match(text.strip())
    if grouped:
        return re.sub(r"\s", "", grouped.group(0))
    for match in _IDENTIFIER.finditer(text):
        token = match.group(0).strip(".-/#")
        if any(ch.isdigit() for ch in token) and len(token) >= 3 and find_dates(token) == []:
            return token
    return None


def amount_in(text: str, hint: str | None = None) -> Money | None:
    """Given a value, return its largest amount of money (totals often follow subtotals)."""
    amounts = find_amounts(text, hint, bare=hint is not None)
    return max(amounts, key=lambda m: m.amount) if amounts else None


def quantity_in(text: str) -> tuple[Decimal, str] | None:
    """Given a value, return its first count quantity and unit ('3,000 pcs' -> (3000, 'pcs'))."""
    for found in find_quantities(text):
        if found.kind == "count" and found.unit is not None:
            return found.value, found.unit
    return None


def currency_in(text: str) -> str | None:
    for token in re.findall(r"[A-Za-z]{3}|[$€£¥￥]|US\$|RMB|人民币|美元", text):
        code = normalize_currency(token)
        if code:
            return code
    return None


def number(value: Decimal) -> int | float:
    """JSON-ready number: an int when whole."""
    return int(value) if value == value.to_integral_value() else float(value)


def company_key(name: str) -> str:
    """Given a company name, return a key that ignores case, punctuation and legal suffixes."""
    key = _COMPANY_SUFFIX.sub(" ", name.lower())
    return re.sub(r"[^0-9a-z\u4e00-\u9fff]+", " ", key).strip()


def put(record: Record, name: str, found: tuple[object, Labeled] | None, convert: Callable[[object], object] = lambda v: v) -> None:
    """Set `name` on the record from a (value, Labeled) pair, keeping its source."""
    if found is not None:
        value, labeled = found
        record.set(name, convert(value), labeled.source, labeled.value)


def lines_matching(doc: Document, pattern: re.Pattern[str]) -> list[tuple[TextLine, re.Match[str]]]:
    """Return each line with the first match of `pattern` in it."""
    hits = []
    for line in doc.lines:
        match = pattern.search(line.text)
        if match:
            hits.append((line, match))
    return hits


def top_lines(doc: Document, count: int = 12) -> list[TextLine]:
    """The first lines of page 1, where letterheads and titles sit."""
    return doc.pages[0].lines[:count] if doc.pages else []


def whole_file(doc: Document) -> Source:
    return Source(doc.path)
