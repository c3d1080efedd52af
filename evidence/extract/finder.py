"""Labeled values of one document from every layout it uses: table cells first, then lines.

`labels.labeled_values` reads 'label value' pairs from lines. Forms drawn as
grids (inspection reports, bills of lading, bank slips) keep a label and its
value in one cell ("Shipper\\nACME Co.") or in neighbouring cells
("Report No. | VT-1"), which the PDF reader also gives as tables; a grid keeps
them together where a text line may run two columns into one ("Client Kestrel
Pty Ltd Supplier"). So cells are read first and lines after, and every value
is parsed in the document's own day/month order.

The inspection, payment and shipping extractors share this module.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Collection, Iterable
from dataclasses import dataclass, field
from decimal import Decimal
from functools import lru_cache
from typing import Any, TypeVar

from evidence.extract.common import date_in, identifier_in, number
from evidence.extract.labels import GENERIC, Labeled, find_labels, labeled_values
from evidence.extract.parts.parties import company_in, company_name, party_name
from evidence.normalize.dates import document_order, find_dates
from evidence.normalize.quantities import Quantity, find_quantities
from evidence.phrases import Named, alternation, find_named, phrases_pattern
from evidence.reference_data import load_data
from evidence.records import Document, Page, Record, Source, Table, TextLine

T = TypeVar("T")
#: What may be left of a label cell besides its labels ("PO / Trade Assurance order").
_LABEL_RESIDUE_WORDS = 2
_LABEL_CELL_MAX = 60
_BRACKETED = re.compile(r"\([^()]*\)|（[^（）]*）")
#: What follows the quantity of an item line: 'x US $4.85', '× 9.60', '@ USD 4.85'.
_ITEM_TIMES = re.compile(r"\s*[x×*@]\s*(?:[A-Z]{3}|US|[$€£¥￥])")
#: Labels of a document's own date, before a bare 'Date' that may be any date.
ISSUE_DATE_LABELS = (
    "report date",
    "date of report",
    "issue date",
    "date of issue",
    "issued on",
    "报告日期",
    "place and date of issue",
    "place / date of issue",
    "签发日期",
)
#: Labels of a buyer's purchase order number (a contract_number label that is not a contract's).
PO_LABELS = ("po no.", "p.o. no.", "po number", "purchase order no.", "purchase order number")
#: Labels of a Trade Assurance order number (an order_number label that names the platform).
_PLATFORM_WORDS = ("trade assurance", "alibaba", "ta order", "信保", "阿里")


@dataclass
class Finder:
    """A document prepared for extraction: its labeled values and its date order.

    `order_guessed` is True when no date in the document settled whether
    04/08/2026 is day or month first and the order was taken from where the
    document comes from (or day first by default); extractors note it.
    """

    doc: Document
    labeled: list[Labeled]
    order: str | None
    order_guessed: bool = False
    _lines: dict[Source, str] = field(default_factory=dict, repr=False)

    @classmethod
    def of(cls, doc: Document) -> Finder:
        order, guessed = date_order(doc)
        labeled = table_pairs(doc) + labeled_values(doc)
        return cls(doc, labeled, order, guessed, {line.source: line.text for line in doc.lines})

    def values(self, *fields: str, labels: Collection[str] | None = None) -> list[Labeled]:
        """Return the labeled values of `fields`, in reading order (cells first).

        `labels` keeps only values whose label, normalized by `label_key`, is one of them.
        """
        keys = {label_key(label) for label in labels} if labels is not None else None
        return [
            item for item in self.labeled if item.field in fields and (keys is None or label_key(item.label) in keys)
        ]

    def first(
        self, fields: str | Iterable[str], parse: Callable[[str], T | None], **kw: Any
    ) -> tuple[T, Labeled] | None:
        """Return the first value under `fields` labels that `parse` accepts."""
        names = (fields,) if isinstance(fields, str) else tuple(fields)
        for item in self.values(*names, **kw):
            value = parse(item.value)
            if value is not None:
                return value, item
        return None

    def date(self, *fields: str, **kw: Any) -> tuple[str, Labeled] | None:
        return self.first(fields, self.date_of, **kw)

    def date_of(self, text: str) -> str | None:
        """Given text, return its first date as ISO, read in the document's order."""
        return date_in(text, self.order)

    def identifier(self, *fields: str, **kw: Any) -> tuple[str, Labeled] | None:
        return self.first(fields, identifier_in, **kw)

    def text(self, *fields: str, **kw: Any) -> tuple[str, Labeled] | None:
        return self.first(fields, lambda text: text.strip() or None, **kw)

    def note_date_order(self, record: Record) -> None:
        """Say on the record when its day/month order was not settled by the document itself."""
        if self.order_guessed:
            record.notes.append(f"numeric dates could be read day or month first; read as {self.order}")

    def line_text(self, source: Source) -> str:
        """Given a value's source, return the whole line it sits on ('' when it is not a line's)."""
        return self._lines.get(source, "")

    def dates(self) -> list[tuple[str, TextLine]]:
        """Return every date of the document in reading order, with its line."""
        found = []
        for line in self.doc.lines:
            for match in find_dates(line.text, self.order):
                if match.value is not None and not match.ambiguous:
                    found.append((match.value.isoformat(), line))
        return found


# ---------------------------------------------------------------- table cells


def table_pairs(doc: Document) -> list[Labeled]:
    """Given a Document, return the labeled values its tables hold, page by page."""
    found: list[Labeled] = []
    for page in doc.pages:
        for table in page.tables:
            found.extend(table_to_labeled(table, page))
    return found


def table_to_labeled(table: Table, page: Page) -> list[Labeled]:
    """Given a table, return its label/value pairs: a label cell and the cell right of it,
    a cell whose first line is a label and whose other lines are the value, or (a table of
    two rows) a header row of labels over a row of values."""
    rows = [[(cell or "").strip() for cell in row] for row in table.rows]
    found: list[Labeled] = []
    if len(rows) == 2 and _is_header(rows[0]) and not any(cell_label(cell) for cell in rows[1] if cell):
        return _column_pairs(rows[0], rows[1], table, page)
    for row in rows:
        found.extend(_row_pairs(row, table, page))
    return found


def _row_pairs(row: list[str], table: Table, page: Page) -> list[Labeled]:
    found = []
    for position, cell in enumerate(row):
        label = cell_label(cell)
        if label is None:
            continue
        name, label_text, rest = label
        value = rest or _next_value(row, position)
        if value:
            found.append(Labeled(name, label_text, value, _value_source(value, table, page)))
    return found


def _next_value(row: list[str], position: int) -> str:
    """Given a row and a label cell's position, return the next non-empty cell unless it is a label too."""
    for cell in row[position + 1 :]:
        if cell:
            return "" if cell_label(cell) is not None else cell
    return ""


def _is_header(row: list[str]) -> bool:
    labels = [cell for cell in row if cell and cell_label(cell) is not None]
    return len(labels) >= 2 and not any(ch.isdigit() for cell in row for ch in cell)


def _column_pairs(header: list[str], values: list[str], table: Table, page: Page) -> list[Labeled]:
    found = []
    for position, cell in enumerate(header):
        label = cell_label(cell) if cell else None
        value = values[position] if position < len(values) else ""
        if label is not None and value:
            found.append(Labeled(label[0], label[1], value, _value_source(value, table, page)))
    return found


def cell_label(cell: str) -> tuple[str, str, str] | None:
    """Given a cell, return (field, label text, the rest of the cell) when it starts with a label line.

    A label may wrap over the cell's lines ("PO / Alibaba\\norder"): then the
    whole cell is the label and the rest is empty.
    """
    lines = [line.strip() for line in cell.splitlines() if line.strip()]
    if not lines:
        return None
    name = label_field(lines[0])
    if name is not None:
        return name, lines[0], "\n".join(lines[1:])
    whole = " ".join(lines)
    if len(lines) > 1 and not any(ch.isdigit() for ch in whole):
        name = label_field(whole)
        if name is not None:
            return name, whole, ""
    return None


@lru_cache(maxsize=8192)
def label_field(text: str) -> str | None:
    """Given a short text, return the field it labels when it is nothing but labels.

    A word or two besides the labels may stand ("PO / Trade Assurance order");
    the field is that of the longest label, a generic 'No.' giving way to any other.
    """
    # A note in brackets is not part of a label: "Consignee (not negotiable unless consigned to order)".
    text = _BRACKETED.sub(" ", text).strip()
    if not text or len(text) > _LABEL_CELL_MAX or any(ch.isdigit() for ch in text):
        return None
    hits = find_labels(text)
    if not hits:
        return None
    residue = text
    for hit in sorted(hits, key=lambda h: -h.start):
        residue = residue[: hit.start] + " " + residue[hit.end :]
    words = [word for word in re.split(r"[\s:：#.|/\\\-–=>()（）&,]+", residue) if word]
    if len(words) > _LABEL_RESIDUE_WORDS or any(len(word) > 12 for word in words):
        return None
    specific = [hit for hit in hits if hit.field != GENERIC] or hits
    return max(specific, key=lambda h: len(h.text)).field


def _value_source(value: str, table: Table, page: Page) -> Source:
    """Given a cell value, return the source of the page line it appears on (the table's when none)."""
    first = value.splitlines()[0].strip()
    for line in page.lines:
        if first and first in line.text:
            return line.source
    return table.source


@lru_cache(maxsize=8192)
def label_key(label: str) -> str:
    """Given a label as written ('Date of Issue:'), return it for comparison ('date of issue').

    A note in brackets is dropped: 'Consignee (not negotiable...)' is 'consignee'.
    """
    return re.sub(r"[\s\-.:：#]+", " ", _BRACKETED.sub(" ", label).lower()).strip()


# ---------------------------------------------------------------- date order


def date_order(doc: Document) -> tuple[str | None, bool]:
    """Given a Document, return (its day/month order, whether it was guessed).

    A numeric date that can only be read one way settles it (`document_order`);
    else an ambiguous date that matches a date written with a month name
    ("11/05/2026" beside "Nov 5, 2026"); else where the document comes from
    (data/document_hints.json); else day first, as most of the world writes it.
    """
    texts = [line.text for line in doc.lines]
    order = document_order(texts) or _order_by_agreement(texts)
    if order is not None:
        return order, False
    if not any(match.ambiguous for text in texts for match in find_dates(text)):
        return None, False
    return _order_by_origin("\n".join(texts)) or "dmy", True


def _order_by_agreement(texts: list[str]) -> str | None:
    certain = {m.value for text in texts for m in find_dates(text) if not m.ambiguous}
    votes = set()
    for text in texts:
        for match in find_dates(text):
            if not match.ambiguous:
                continue
            month_first = find_dates(match.text, "mdy")[0].value
            if (month_first in certain) != (match.value in certain):
                votes.add("mdy" if month_first in certain else "dmy")
    return votes.pop() if len(votes) == 1 else None


def _order_by_origin(text: str) -> str | None:
    cues = load_data("document_hints.json")["date_order_cues"]
    mdy = sum(len(re.findall(cue, text)) for cue in cues["mdy"])
    dmy = sum(len(re.findall(cue, text)) for cue in cues["dmy"])
    if mdy == dmy:
        return None
    return "mdy" if mdy > dmy else "dmy"


# ---------------------------------------------------------------- references


@dataclass(frozen=True)
class Reference:
    """An order reference read from running text, with the line it sits on."""

    value: str
    platform: bool
    source: Source
    text: str


def order_references(doc: Document) -> list[Reference]:
    """Given a Document, return the order numbers its text cites after an order word,
    Trade Assurance ones first ('Alibaba.com order 2412...', 'PO 2381...')."""
    found = []
    for line in doc.lines:
        for platform, pattern in ((True, _reference_pattern("platform")), (False, _reference_pattern("generic"))):
            for match in pattern.finditer(line.text):
                token = _reference_token(match.group("ref"))
                if token is not None:
                    found.append(Reference(token, platform, line.source, line.text))
    return sorted(found, key=lambda ref: not ref.platform)


def pi_reference(text: str) -> str | None:
    """Given running text ('deposit for PI BW-PI-26-0731'), return the PI number it cites."""
    for match in _pi_pattern().finditer(text):
        token = identifier_in(match.group("ref"))
        if token is not None:
            return token
    return None


@lru_cache(maxsize=1)
def _pi_pattern() -> re.Pattern[str]:
    hints = load_data("document_hints.json")
    cues = alternation(hints["pi_cues"], "layout", "none")
    fillers = alternation(hints["order_cues"]["fillers"], "layout", "none")
    return re.compile(
        rf"(?<![A-Za-z0-9])(?:{cues})(?![A-Za-z])\s*(?:(?:{fillers})(?![A-Za-z])\s*|[:：#]\s*)*"
        rf"(?P<ref>[A-Za-z0-9][A-Za-z0-9\-/]*\d[A-Za-z0-9\-/]*)",
        re.IGNORECASE,
    )


def _reference_token(text: str) -> str | None:
    token = text.strip(".-/#:")
    digits = sum(ch.isdigit() for ch in token)
    if digits < 5 or find_dates(token):
        return None
    return token


@lru_cache(maxsize=None)
def _reference_pattern(kind: str) -> re.Pattern[str]:
    hints = load_data("document_hints.json")["order_cues"]
    cues = alternation(hints[kind], "layout", "none")
    fillers = alternation(hints["fillers"], "layout", "none")
    return re.compile(
        rf"(?<![A-Za-z0-9])(?:{cues})(?![A-Za-z])\s*(?:(?:{fillers})(?![A-Za-z])\s*|[:：#/]\s*)*"
        rf"(?P<ref>[A-Za-z0-9][A-Za-z0-9\-/]*\d[A-Za-z0-9\-/]*)",
        re.IGNORECASE,
    )


def quantities(text: str, kind: str = "count") -> list[Quantity]:
    return [found for found in find_quantities(text) if found.kind == kind]


def integer_in(text: str) -> int | None:
    """Given a value ('200 pcs (code L)', '125'), return its first whole number."""
    found = quantities(text)
    if found:
        return int(found[0].value)
    match = re.search(r"(?<![\w.,/-])(?:\d{1,3}(?:,\d{3})+|\d+)(?![\w.,/-]?\d)", text)
    return int(match.group(0).replace(",", "")) if match else None


def goods_count(text: str) -> Decimal | None:
    """Given a quantity value, return its count of goods (not of cartons), or its bare figure."""
    counts = quantities(text)
    goods = [q for q in counts if q.unit not in package_units()]
    if goods:
        return goods[0].value
    if counts:
        return None
    bare = integer_in(text)
    return Decimal(bare) if bare is not None else None


def json_number(value: object) -> object:
    """Given a parsed value, return a Decimal as a JSON number (an int when whole), anything else as it is."""
    return number(value) if isinstance(value, Decimal) else value


def item_lines_count(doc: Document) -> tuple[Decimal, list[TextLine]] | None:
    """Given a document listing items as '2,000 pieces x US $4.85 = US $9,700.00', return their total count."""
    total, lines = Decimal(0), []
    for line in doc.lines:
        counted = quantities(line.text)
        if counted and counted[0].unit not in package_units() and _ITEM_TIMES.match(line.text, counted[0].end):
            total += counted[0].value
            lines.append(line)
    return (total, lines) if lines else None


@lru_cache(maxsize=1)
def package_units() -> frozenset[str]:
    """Return the units that count packages (cartons, pallets...), not goods."""
    return frozenset(load_data("shipping_terms.json")["package_units"])


# ---------------------------------------------------------------- parties and orders

#: A line that carries on a wrapped company name ("Zhongshan Brightway Lighting Technology" / "Co., Ltd.").
_WRAPPED_SUFFIX = re.compile(
    r"^(?:co\b|co\.|company\b|corp|ltd|limited|inc\b|inc\.|llc|pty|pte|gmbh|有限|股份|公司)", re.IGNORECASE
)
#: Where a one-line party block turns into its address or contact details.
_ADDRESS_CUT = re.compile(
    r"\s*[,，]\s*(?=\+|\d|no\.|room\b|rm\b|unit\b|flat\b|building\b|floor\b|tel\b|attn\b)|\s{2,}|\s+(?=\+\d)", re.I
)


def block_name(value: str) -> str | None:
    """Given a party value or block ("ACME CO., LTD.\\nNo. 8 Road..."), return the party's name.

    The name is the first line, joined to the next when a legal form wrapped
    onto it, and cut after its legal form or before its address; of a Chinese
    and English pair, the English one.
    """
    lines = [line.strip() for line in value.splitlines() if line.strip()]
    if not lines:
        return None
    first = lines[0]
    if len(lines) > 1 and company_name(first) is None and _WRAPPED_SUFFIX.match(lines[1]):
        first = f"{first} {lines[1]}"
    # A bilingual name ('宁波美达五金有限公司 Ningbo Meida Hardware Co., Ltd.') gives its English half,
    # as the other documents of an order usually do.
    paired = company_in(first, Source(""))
    name = (paired.name if paired else None) or party_name(first) or _ADDRESS_CUT.split(first)[0].strip(" ,;:")
    return name or None


def stand_in(record: Record, name: str, other: str) -> None:
    """Set `name` to the value of `other` when the document gives only that one (a report's date
    for its inspection date, a receipt's date for its payment date)."""
    if name not in record.fields and other in record.fields:
        value = record.fields[other]
        record.set(name, value.value, value.source, value.text)


def record_order_number(record: Record, found: Finder) -> None:
    """Set the Trade Assurance order number a document cites: a labeled one naming the
    platform, then one in running text after a platform word, then any labeled or cited order."""
    labeled = found.values("order_number")
    platform = [item for item in labeled if any(word in item.label.lower() for word in _PLATFORM_WORDS)]
    references = order_references(found.doc)
    for group in (platform, [r for r in references if r.platform], labeled, references):
        for item in group:
            value = identifier_in(item.value) if isinstance(item, Labeled) else item.value
            if value is not None:
                text = item.value if isinstance(item, Labeled) else item.text
                record.set("order_number", value, item.source, text)
                return
