"""Proforma invoices, Trade Assurance order printouts and commercial invoices.

One reader serves all three, and the contract extractor builds on it: they
state the same commercial terms (parties, goods, money, Incoterm, shipping
date, payment) in different layouts. Each field is read from its labels first
(data/labels.json), then from the layout (letterhead, item table, total row,
prose clauses). What cannot be read is left out; the rules say what is missing.

Fields: document_number, document_date, order_number (the Trade Assurance
order), supplier_name (+ supplier_name_local), buyer_name, currency,
order_total, quantity, quantity_unit, incoterm, ship_by / lead_time /
ship_date_text, payment_terms, payment_method, beneficiary_name,
beneficiary_bank, beneficiary_account, swift, amount_in_words, charges, specs,
quality_standard, aql, and the line items.
"""

from __future__ import annotations

import re
from decimal import Decimal
from functools import lru_cache
from typing import Any

from evidence.extract.columns import column_labeled
from evidence.extract.common import LabeledDoc, date_in, identifier_in, top_lines
from evidence.extract.labels import Labeled, labeled_values, values_for
from evidence.extract.parts.line_items import ItemsFound, find_line_items, item_sources, item_specifications
from evidence.extract.parts.parties import find_party, labeled_party, letterhead, preferred_casing
from evidence.extract.parts.scan import repaired, terms
from evidence.extract.parts.specifications import (
    find_defect_definitions,
    find_quality_standard,
    find_specs,
    find_test_standards,
    item_column_specs,
    parse_aql,
)
from evidence.extract.parts.terms import (
    find_bank_details,
    find_incoterm,
    find_payment_method,
    find_payment_terms,
    find_ship_date,
    is_platform_account,
)
from evidence.extract.parts.totals import (
    Count,
    Found,
    as_number,
    find_currency,
    find_quantity,
    find_total,
    total_row_quantity,
    words_amount,
)
from evidence.normalize.dates import document_order, find_dates
from evidence.phrases import compile_phrases, literal_alternation
from evidence.records import Document, Record

#: Label fields for the document's own number, most specific first, per document. An
#: invoice's "PO No." is the buyer's order, never the invoice's own number.
INVOICE_NUMBERS = ("invoice_number", "pi_number")
PROFORMA_NUMBERS = ("pi_number", "invoice_number", "contract_number")
_PROFORMA_TITLE = re.compile(
    r"pro\s*-?\s*forma|performa|形式发票|形式發票|quotation|报价单|order details|订单详情", re.IGNORECASE
)
_ORDER_TITLE = re.compile(r"order details|trade assurance order|订单详情|信保订单|order summary", re.IGNORECASE)
_TA_LABEL = re.compile(r"trade\s*assurance|\bta\b|alibaba|信保|信用保障|阿里", re.IGNORECASE)
_TA_MENTION = re.compile(
    r"trade\s*assurance|alibaba\.com\s+order|\bTA\s+order|信保|信用保障|阿里巴巴订单", re.IGNORECASE
)
_NUMBER_TOKEN = re.compile(r"(?=[A-Za-z0-9\-/_.#]*\d)[A-Za-z0-9][A-Za-z0-9\-/_.#]*[A-Za-z0-9]")
#: A long order number written in groups ("1098 7654 3210 9876", "2381-0936-1740-5528").
_GROUPED_DIGITS = re.compile(r"\d{3,6}(?:[ \-]\d{3,6}){2,5}(?![\d])")
_TA_NUMBER = re.compile(r"(?<![\d-])(\d{12,20})(?![\d-])")
_PI_REFERENCE = re.compile(
    r"(?:\bPI\b|\bP/I\b|proforma invoice|pro forma invoice|形式发票)\s*(?:no\.?|number|#)?\s*[:：]?\s*"
    r"([A-Z0-9][A-Z0-9\-/]*\d[A-Z0-9\-/]*)",
    re.IGNORECASE,
)


def extract(doc: Document) -> Record:
    """Given a PI, TA order printout or commercial invoice, return its Record."""
    record = Record(kind="proforma_invoice", path=doc.path)
    read_commercial_terms(doc, record)
    return record


def read_commercial_terms(doc: Document, record: Record, number_fields: tuple[str, ...] | None = None) -> LabeledDoc:
    """Given a document stating commercial terms, set their fields on `record`; return the labeled document.

    `number_fields` orders the label fields of the document's own number
    (default: by its title, a proforma's PI number or an invoice's number first).
    """
    prepared = repaired(doc)
    columns = column_labeled(prepared)
    order = document_order(line.text for line in prepared.lines)
    ldoc = LabeledDoc(prepared, labeled_values(prepared) + columns, order)
    record_numbers(ldoc, record, number_fields or _number_fields(prepared))
    record_dates(ldoc, record)
    record_parties(prepared, columns, record)
    items = find_line_items(prepared)
    record_money(ldoc, record, items)
    record_quantity(ldoc, record, items)
    record_terms(ldoc, record)
    record_specs(prepared, record, items)
    record.items = [row.to_values() for row in items.items]
    return ldoc


# ------------------------------------------------------------------ numbers and dates


def _number_fields(doc: Document) -> tuple[str, ...]:
    return PROFORMA_NUMBERS if _PROFORMA_TITLE.search(_title(doc)) else INVOICE_NUMBERS


def _title(doc: Document) -> str:
    return " ".join(line.text for line in top_lines(doc, 15))


def record_numbers(ldoc: LabeledDoc, record: Record, number_fields: tuple[str, ...]) -> None:
    """Set document_number (the document's own), order_number (the TA order) and cited references."""
    own: tuple[str, Labeled] | None = None
    for field in (*number_fields, "document_number"):
        own = own or _own_number_under(ldoc, field)
    _put(record, "document_number", own)
    if own is None:
        _put_found(record, "document_number", _number_in_title(ldoc.doc))
    for field in ("pi_number", "invoice_number", "contract_number"):
        cited = ldoc.first(field, own_number)
        if cited is not None and (own is None or cited[0] != own[0]):
            _put(record, field, cited)
    record_order_number(ldoc, record)
    if (
        "document_number" not in record.fields
        and _ORDER_TITLE.search(_title(ldoc.doc))
        and "order_number" in record.fields
    ):
        order = record.fields["order_number"]
        record.set("document_number", order.value, order.source, order.text)  # an order printout's own number
    if "pi_number" not in record.fields:
        _put_found(record, "pi_number", _pi_reference(ldoc.doc, record.get("document_number")))


def _own_number_under(ldoc: LabeledDoc, field: str) -> tuple[str, Labeled] | None:
    generic = field == "document_number"
    return ldoc.first(field, lambda text: own_number(text, generic))


def own_number(text: str, generic: bool = False) -> str | None:
    """Given a labeled value, return the document number it starts with, or None.

    Under a generic label ("No.") the value must be the number alone: "No. 88
    Jinhai Road" is an address. Under a specific label a short series letter
    stays with its number ("F 1234K20/1234/12") and a short number counts ("42").
    """
    value = text.strip().lstrip("#:：.").strip()
    words = value.split()
    if not words:
        return None
    if generic:
        token = identifier_in(value)
        return token if token is not None and value.startswith(token[:3]) and len(words) <= 2 else None
    if len(words) > 1 and re.fullmatch(r"[A-Z]{1,3}", words[0]) and _NUMBER_TOKEN.fullmatch(words[1]):
        return f"{words[0]} {words[1]}"
    first = words[0].strip(".,;")
    return first if _NUMBER_TOKEN.fullmatch(first) and not find_dates(first) else None


def _number_in_title(doc: Document) -> Found[str] | None:
    """Given a Document, return the number written right after its title ("Invoice FA-2017-0008", "Rechnung Nr. 42")."""
    titles = compile_phrases(tuple(terms()["invoice_titles"]["words"]))
    for line in top_lines(doc, 15):
        for match in titles.finditer(line.text):
            rest = re.sub(
                r"^\s*(?:\([^)]{0,40}\))?\s*(?:nr\.?|no\.?|n°|#|number|nummer|numéro|编号|号)?\s*[:：]?\s*",
                "",
                line.text[match.end() :],
                flags=re.IGNORECASE,
            )
            number = own_number(rest) if rest[:1].isalnum() else None
            if number is not None and any(ch.isdigit() for ch in number):
                return Found(number, line.source, line.text)
    return None


def record_order_number(ldoc: LabeledDoc, record: Record) -> None:
    """Set order_number: a Trade Assurance order label, a long platform order number, or one named in prose."""
    mentions_platform = any(_TA_MENTION.search(line.text) for line in ldoc.doc.lines)
    for item in values_for(ldoc.labeled, "order_number"):
        grouped = _GROUPED_DIGITS.match(item.value.strip())
        token = grouped.group(0) if grouped else identifier_in(item.value)
        if token is None:
            continue
        digits = re.sub(r"[\s\-]", "", token)
        if (
            _TA_LABEL.search(item.label)
            or (digits.isdigit() and len(digits) >= 12)
            or (mentions_platform and len(digits) >= 8)
        ):
            record.set("order_number", token, item.source, item.value)
            return
        record.set("order_reference", token, item.source, item.value)
    _put_found(record, "order_number", _order_in_prose(ldoc.doc))


def _order_in_prose(doc: Document) -> Found[str] | None:
    """Given a Document, return a long order number on (or right under) a line naming Trade Assurance."""
    lines = doc.lines
    for index, line in enumerate(lines):
        if not _TA_MENTION.search(line.text):
            continue
        for nearby in lines[index : index + 2]:
            match = _TA_NUMBER.search(nearby.text)
            if match:
                return Found(match.group(1), nearby.source, nearby.text)
    return None


def _pi_reference(doc: Document, own: str | None) -> Found[str] | None:
    """Given a Document, return a PI number it cites in prose ("forms one agreement with PI HY-PI-2026-0817")."""
    for line in doc.lines:
        for match in _PI_REFERENCE.finditer(line.text):
            if match.group(1) != own and len(match.group(1)) >= 4:
                return Found(match.group(1), line.source, line.text)
    return None


def record_dates(ldoc: LabeledDoc, record: Record) -> None:
    """Set document_date, order_date and due_date (ISO); an undecidable numeric date is read day first and flagged."""
    for field in ("document_date", "order_date", "due_date"):
        _put(record, field, ldoc.first(field, lambda text: date_in(english_months(text), ldoc.date_order)))
    if "document_date" not in record.fields:
        _put_found(record, "document_date", _top_line_date(ldoc))
    if "document_date" not in record.fields:
        ambiguous = _ambiguous_document_date(ldoc)
        _put_found(record, "document_date", ambiguous)
        if ambiguous is not None:  # 05/09/2026 with nothing in the document to settle day or month first
            record.set("document_date_ambiguous", True, ambiguous.source, ambiguous.text)


def english_months(text: str) -> str:
    """Given a date as written, return it with German, French, Dutch or Polish month names in English.

    The date normalizer reads English month names only ("7. Mai 2014" is not a date to it).
    """
    return _foreign_months().sub(lambda m: terms()["foreign_months"][m.group(0).lower()], text)


@lru_cache(maxsize=1)
def _foreign_months() -> re.Pattern[str]:
    names = [name for name in terms()["foreign_months"] if not name.startswith("_")]
    return re.compile(
        r"(?<![^\W\d_])" + literal_alternation(names) + r"(?![^\W\d_])",
        re.IGNORECASE,
    )


def _top_line_date(ldoc: LabeledDoc) -> Found[str] | None:
    """Given a document without a date label, return the first clear date of its top lines ("Facture du 12/03/2026")."""
    if values_for(ldoc.labeled, "document_date") or values_for(ldoc.labeled, "due_date"):
        return None
    for line in top_lines(ldoc.doc, 15):
        iso = date_in(english_months(line.text), ldoc.date_order)
        if iso is not None:
            return Found(iso, line.source, line.text)
    return None


def _ambiguous_document_date(ldoc: LabeledDoc) -> Found[str] | None:
    """Given a document whose date label holds only an ambiguous numeric date, return it read day first."""
    for item in values_for(ldoc.labeled, "document_date"):
        for found in find_dates(english_months(item.value)):
            if found.value is not None:
                return Found(found.value.isoformat(), item.source, item.value)
    return None


# ------------------------------------------------------------------ parties


def record_parties(doc: Document, columns: list[Labeled], record: Record) -> None:
    """Set supplier_name and buyer_name (and their Chinese names when the document pairs them).

    A party comes from its label (and the block under it), else from a header
    row of labels (`columns`: "PI No. | Date | Customer" over its values); the
    seller also from the letterhead.
    """
    supplier = find_party(doc, "supplier_name") or labeled_party(columns, "supplier_name")
    avoid = supplier.name if supplier else None
    buyer = find_party(doc, "buyer_name", avoid=avoid) or labeled_party(columns, "buyer_name", avoid=avoid)
    if supplier is None:
        supplier = letterhead(doc, avoid=buyer.name if buyer else None)
    for field, party in (("supplier_name", supplier), ("buyer_name", buyer)):
        if party is not None:
            party = preferred_casing(doc, party)
            record.set(field, party.name, party.source, party.name)
            record.set(f"{field}_local", party.local, party.source, party.local or "")


# ------------------------------------------------------------------ money and quantity


def record_money(ldoc: LabeledDoc, record: Record, items: ItemsFound) -> None:
    """Set currency, order_total, amount_in_words and charges."""
    currency = find_currency(ldoc)
    total = find_total(ldoc.doc, currency.value if currency else None)
    if currency is None and total is not None and total.value.currency:
        currency = Found(total.value.currency, total.source, total.text)
    _put_found(record, "currency", currency)
    if total is not None:
        record.set("order_total", as_number(total.value.amount), total.source, total.text)
    else:
        _put_found(record, "order_total", _items_sum(items))
    words = words_amount(ldoc.doc)
    if words is not None:
        record.set("amount_in_words", as_number(words.value), words.source, words.text)
    if items.charges:
        charges = [{k: v.value for k, v in row.to_values(charge=True).items()} for row in items.charges]
        record.set("charges", charges, items.charges[0].source, items.charges[0].description)


def _items_sum(items: ItemsFound) -> Found[int | float] | None:
    """Given line items, return their amounts plus charges as the total when no total is written."""
    rows = items.items + items.charges
    if not items.items or any(row.amount is None for row in rows):
        return None
    total = sum((row.amount for row in rows if row.amount is not None), Decimal(0))
    return Found(as_number(total), items.items[0].source, "sum of the line items")


def record_quantity(ldoc: LabeledDoc, record: Record, items: ItemsFound) -> None:
    """Set quantity (total units) and quantity_unit: labeled total, table total row, sum of items, total line."""
    found = find_quantity(ldoc) or _table_total(items) or _items_quantity(items) or total_row_quantity(ldoc.doc.lines)
    if found is not None:
        value, unit = found.value
        record.set("quantity", as_number(value), found.source, found.text)
        record.set("quantity_unit", unit, found.source, found.text)
    if "quantity_unit" not in record.fields and items.items and _one_unit(items) and items.items[0].unit:
        record.set("quantity_unit", items.items[0].unit, items.items[0].source)


def _table_total(items: ItemsFound) -> Found[Count] | None:
    if items.total_quantity is None:
        return None
    value, unit, source = items.total_quantity
    return Found((value, unit), source, "total row")


def _items_quantity(items: ItemsFound) -> Found[Count] | None:
    """Given line items of one unit, return the sum of their quantities."""
    if not items.items or any(row.quantity is None for row in items.items) or not _one_unit(items):
        return None
    total = sum((row.quantity for row in items.items if row.quantity is not None), Decimal(0))
    unit = next((row.unit for row in items.items if row.unit), None)
    return Found((total, unit), items.items[0].source, "sum of the line items")


def _one_unit(items: ItemsFound) -> bool:
    return len({row.unit for row in items.items if row.unit}) <= 1


# ------------------------------------------------------------------ terms


def record_terms(ldoc: LabeledDoc, record: Record) -> None:
    """Set incoterm, the shipping date fields, payment terms and method, and the bank details."""
    _put_found(record, "incoterm", find_incoterm(ldoc))
    for name, found in find_ship_date(ldoc).items():
        _put_found(record, name, found)
    _put_found(record, "payment_terms", find_payment_terms(ldoc))
    bank = find_bank_details(ldoc)
    for name, found in bank.items():
        _put_found(record, name, found)
    method = find_payment_method(ldoc, bank)
    record.set("payment_method", method.value, method.source, method.text)
    if "beneficiary_name" in bank or "beneficiary_account" in bank:
        context = " ".join(found.text for found in bank.values())
        first = next(iter(bank.values()))
        record.set("beneficiary_is_platform", is_platform_account(bank, context), first.source, first.text)


# ------------------------------------------------------------------ specifications


def record_specs(doc: Document, record: Record, items: ItemsFound) -> None:
    """Set specs, quality_standard, aql, defect_definitions and test_standards."""
    specs = find_specs(doc, skip=item_sources(items)) + item_column_specs(item_specifications(items))
    if specs:
        record.set("specs", [spec.to_value() for spec in specs], specs[0].source, specs[0].item.text)
    standard = find_quality_standard(doc)
    if standard is not None:
        _put_found(record, "quality_standard", standard)
        record.set("aql", parse_aql(str(standard.value)), standard.source, standard.text)
    _put_found(record, "defect_definitions", find_defect_definitions(doc))
    standards = find_test_standards(doc)
    if standards and doc.lines:
        record.set("test_standards", standards, doc.lines[0].source)


# ------------------------------------------------------------------ helpers


def _put(record: Record, name: str, found: tuple[Any, Labeled] | None) -> None:
    if found is not None:
        value, labeled = found
        record.set(name, value, labeled.source, labeled.value)


def _put_found(record: Record, name: str, found: Found[Any] | None) -> None:
    if found is not None:
        record.set(name, found.value, found.source, found.text)
