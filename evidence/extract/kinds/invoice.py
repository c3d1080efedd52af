"""Proforma invoices, Trade Assurance order printouts and commercial invoices.

One reader serves all three, and the contract extractor builds on it: they
state the same commercial terms (parties, goods, money, Incoterm, shipping
date, payment) in different layouts. Each field is read from its labels first
(data/labels.json), then from the layout (letterhead, item table, total row,
prose clauses). What cannot be read is left out; the rules say what is missing.

Fields: document_number (and the numbers it cites: pi_number, invoice_number,
contract_number, lc_number, customer_reference), document_date, order_number (the Trade Assurance
order), supplier_name (+ supplier_name_local), buyer_name, currency,
order_total, quantity, quantity_unit, incoterm, ship_by / lead_time /
ship_date_text, payment_terms, payment_method, beneficiary_name,
beneficiary_bank, beneficiary_account, swift, amount_in_words, charges,
specs, quality_standard, aql, and the line items (and, as working
evidence for the total, the fee and charge lines outside the item table).
"""

from __future__ import annotations

import re
from decimal import Decimal
from typing import Any

from evidence.extract.labels import Labeled
from evidence.extract.parts.charge_lines import find_charge_lines
from evidence.extract.parts.item_rows import Marks, item_marks
from evidence.extract.parts.line_items import ItemsFound, find_line_items, item_sources, item_specifications
from evidence.extract.parts.order_quantity import record_quantity
from evidence.extract.parts.parties import Party, find_party, labeled_party, letterhead, preferred_casing
from evidence.extract.parts.party_layouts import addressee_under_title, payee_in_terms, preamble_parties
from evidence.extract.parts.scan import labels_in, terms
from evidence.extract.parts.specifications import (
    find_defect_definitions,
    find_quality_standard,
    find_specs,
    find_test_standards,
    item_column_specs,
    quality_aql,
    specs_mark,
)
from evidence.extract.parts.terms import (
    find_bank_details,
    find_incoterm,
    find_payment_method,
    find_payment_terms,
    bank_is_platform,
    find_ship_date,
)
from evidence.extract.parts.totals import find_currency, find_total, tax_lines, words_amount
from evidence.extract.reading import TERMS_LAYOUTS, Reading, column_note, from_note, top_lines
from evidence.extract.reading import label_note, labeled_note, put
from evidence.extract.references import Reference, pi_in_prose, record_stated_order
from evidence.kinds import PROFORMA_INVOICE
from evidence.normalize import json_number
from evidence.normalize.dates import DateMatch, date_in, english_months, find_dates
from evidence.normalize.identifiers import own_number
from evidence.phrases import compile_phrases
from evidence.records import INFERRED, LABELED, Document, Record, Value

#: Label fields for the document's own number, most specific first, per document. An
#: invoice's "PO No." is the buyer's order, never the invoice's own number.
INVOICE_NUMBERS = ("invoice_number", "pi_number")
PROFORMA_NUMBERS = ("pi_number", "invoice_number", "contract_number")
#: Numbers a document cites and never owns: the letter of credit, the customer's reference.
CITED_NUMBERS = ("lc_number", "customer_reference")
#: A purchase order's or contract's own number is its PO or contract number.
ORDER_NUMBERS = ("contract_number", "pi_number", "invoice_number")
_PROFORMA_TITLE = re.compile(
    r"pro\s*-?\s*forma|performa|形式发票|形式發票|quotation|报价单|order details|订单详情", re.IGNORECASE
)
_JOINT_DATE_LABEL = re.compile(r"(?<![A-Za-z])(?:date|dt)(?![A-Za-z])|日期", re.IGNORECASE)
_ORDER_TITLE = re.compile(r"order details|trade assurance order|订单详情|信保订单|order summary", re.IGNORECASE)
_READS_TWO_WAYS = "the date reads day first or month first"
#: How far above a party's name its label may stand: a block under the label, and a name's other-language twin.
_PARTY_BLOCK_LINES = 6
#: A preamble names a party by a role note after its name ("hereinafter the Seller"), not under a label.
_PREAMBLE = "from the contract preamble"


#: A document stating terms reads its lines, then its header rows (see reading.TERMS_LAYOUTS).
LAYOUTS = TERMS_LAYOUTS


def extract(reading: Reading) -> Record:
    """Given a PI, TA order printout or commercial invoice, return its Record."""
    record = Record(kind=PROFORMA_INVOICE, path=reading.source.path)
    read_commercial_terms(reading, record)
    return record


def read_commercial_terms(ldoc: Reading, record: Record, number_fields: tuple[str, ...] | None = None) -> Reading:
    """Given a document stating commercial terms, set their fields on `record`; return the labeled document.

    `number_fields` orders the label fields of the document's own number
    (default: by its title, a proforma's PI number or an invoice's number first).
    """
    prepared = ldoc.doc
    record_numbers(ldoc, record, number_fields or _number_fields(prepared))
    record_dates(ldoc, record)
    record_parties(prepared, ldoc.columns, record)
    items = find_line_items(prepared)
    marks = item_marks(prepared, items.method)
    record_money(ldoc, record, items)
    record_quantity(ldoc, record, items, marks)
    record_terms(ldoc, record)
    record_specs(prepared, record, items, marks)
    record.items = [row.to_values(marks=marks) for row in items.items]
    ldoc.note_date_order(record)
    return ldoc


# ------------------------------------------------------------------ numbers and dates


def _number_fields(doc: Document) -> tuple[str, ...]:
    if _is_order_title(doc):
        return ORDER_NUMBERS
    return PROFORMA_NUMBERS if _PROFORMA_TITLE.search(_title(doc)) else INVOICE_NUMBERS


#: Order titles a buyer issues ("Purchase Order", "采购订单"); a sales contract or confirmation is the seller's.
_BUYERS_TITLE = re.compile(r"purchase|采购|订购", re.IGNORECASE)


def _is_order_title(doc: Document) -> bool:
    """Given a Document, return True when a top line is a buyer's order or contract title alone ("PURCHASE ORDER")."""
    titles = compile_phrases(tuple(terms()["purchase_order_titles"]["words"]))
    return any(titles.fullmatch(line.text.strip(" :：|*-")) for line in top_lines(doc, 15))


def _is_buyers_order(doc: Document) -> bool:
    """Given a Document, return True when a top line is a purchase order's title alone (the buyer issues it)."""
    titles = compile_phrases(tuple(terms()["purchase_order_titles"]["words"]))
    return any(
        titles.fullmatch(text) and _BUYERS_TITLE.search(text)
        for text in (line.text.strip(" :：|*-") for line in top_lines(doc, 15))
    )


def _title(doc: Document) -> str:
    return " ".join(line.text for line in top_lines(doc, 15))


def record_numbers(ldoc: Reading, record: Record, number_fields: tuple[str, ...]) -> None:
    """Set document_number (the document's own), order_number (the TA order) and cited references."""
    own: tuple[str, Labeled] | None = None
    for field in (*number_fields, "document_number"):
        own = own or _own_number_under(ldoc, field)
    put(record, "document_number", own)
    if own is None:
        _put_found(record, "document_number", _number_in_title(ldoc.doc))
    # Each number the document cites stays under its own name, never as the document's own.
    for field in ("pi_number", "invoice_number", "contract_number", *CITED_NUMBERS):
        cited = ldoc.first(field, own_number)
        if cited is not None and (own is None or cited[0] != own[0]):
            put(record, field, cited)
    record_stated_order(record, ldoc)
    if (
        "document_number" not in record.fields
        and _ORDER_TITLE.search(_title(ldoc.doc))
        and "order_number" in record.fields
    ):
        order = record.fields["order_number"]
        # An order printout's own number: the order number stands in for it.
        record.set("document_number", order.value, order.source, order.text, INFERRED, "the printout's order number")
    if "pi_number" not in record.fields:
        _put_found(record, "pi_number", pi_in_prose(ldoc.doc, record.get("document_number")))


def _own_number_under(ldoc: Reading, field: str) -> tuple[str, Labeled] | None:
    generic = field == "document_number"
    return ldoc.first(field, lambda text: own_number(text, generic))


def _number_in_title(doc: Document) -> Value[str] | None:
    """Given a Document, return the number written right after its title ("Invoice FA-2017-0008", "Rechnung Nr. 42")."""
    titles = compile_phrases(tuple(terms()["invoice_titles"]["words"]))
    lines = top_lines(doc, 15)
    for index, line in enumerate(lines):
        for match in titles.finditer(line.text):
            if not line.text[match.end() :].strip(" :：|") and index + 1 < len(lines):
                alone = _lone_number(lines[index + 1].text)  # the title alone, its number on the next line
                if alone is not None:
                    under = lines[index + 1]
                    return Value(alone, under.source, under.text, INFERRED, "from the line under the title")
                continue
            rest = re.sub(
                r"^\s*(?:\([^)]{0,40}\))?\s*(?:nr\.?|no\.?|n°|#|number|nummer|numéro|编号|号)?\s*[:：]?\s*",
                "",
                line.text[match.end() :],
                flags=re.IGNORECASE,
            )
            number = own_number(rest) if rest[:1].isalnum() else None
            if number is not None and any(ch.isdigit() for ch in number):
                return Value(number, line.source, line.text, INFERRED, "from the title line")
    return None


def _lone_number(text: str) -> str | None:
    """Given a line, return it when it is one document number alone with four digits or more ("4509367961")."""
    token = text.strip(" #:：|")
    if " " in token or sum(ch.isdigit() for ch in token) < 4 or find_dates(token):
        return None
    return own_number(token)


def record_dates(ldoc: Reading, record: Record) -> None:
    """Set document_date, order_date and due_date (ISO); an undecidable numeric date is read day first and flagged."""
    for field in ("document_date", "order_date", "due_date"):
        put(record, field, ldoc.settled_date(field))
    if "document_date" not in record.fields:
        _put_found(record, "document_date", _number_label_date(ldoc, ldoc.settled_order))
    if "document_date" not in record.fields:
        _put_found(record, "document_date", _top_line_date(ldoc))
    if "document_date" not in record.fields:
        ambiguous = _ambiguous_document_date(ldoc) or _number_label_date(ldoc, ldoc.order)
        _put_found(record, "document_date", ambiguous)
        if ambiguous is not None:  # 05/09/2026 with nothing in the document to settle day or month first
            record.set("document_date_ambiguous", True, ambiguous.source, ambiguous.text, INFERRED, _READS_TWO_WAYS)


def _number_label_date(ldoc: Reading, order: str | None) -> Value[str] | None:
    """Given a document, return the date under a joint number-and-date label ("Invoice No. & Date: X dt 12.03.2026").

    `order` reads numeric dates (the document's settled order, or its guess).
    """
    for field in ("invoice_number", "pi_number", "contract_number"):
        for item in ldoc.values(field):
            if _JOINT_DATE_LABEL.search(item.label):
                # Settled, a date must be clear; guessed, the first date read in the guessed order counts.
                found = [d for d in find_dates(english_months(item.value), order) if d.value is not None]
                clear = [d for d in found if not d.ambiguous] if order == ldoc.settled_order else found
                if clear and clear[0].value is not None:
                    return _labeled_date(ldoc, clear[0], item)
    return None


def _top_line_date(ldoc: Reading) -> Value[str] | None:
    """Given a document without a date label, return the first clear date of its top lines ("Facture du 12/03/2026")."""
    if ldoc.values("document_date") or ldoc.values("due_date"):
        return None
    for line in top_lines(ldoc.doc, 15):
        iso = date_in(english_months(line.text), ldoc.settled_order)
        if iso is not None:
            return Value(iso, line.source, line.text, INFERRED, from_note("top line", line.text))
    return None


def _ambiguous_document_date(ldoc: Reading) -> Value[str] | None:
    """Given a document whose date label holds only an ambiguous numeric date, return it read in the guessed order.

    The guess is where the document comes from, else day first (Reading); the caller flags it.
    """
    for item in ldoc.values("document_date"):
        for found in find_dates(english_months(item.value), ldoc.order):
            if found.value is not None:
                return _labeled_date(ldoc, found, item)
    return None


def _labeled_date(ldoc: Reading, found: DateMatch, item: Labeled) -> Value[str]:
    """Given a date read under a label, return it as a Value: guessed when it rests on a guessed day/month order."""
    iso = found.value.isoformat() if found.value is not None else ""
    return Value(iso, item.source, item.value, *ldoc.date_certainty(found.text, LABELED, labeled_note(item)))


# ------------------------------------------------------------------ parties


def record_parties(doc: Document, columns: list[Labeled], record: Record) -> None:
    """Set supplier_name and buyer_name (and their Chinese names when the document pairs them).

    A party comes from its label (and the block under it), else from a header
    row of labels (`columns`: "PI No. | Date | Customer" over its values): labeled;
    the seller also from the letterhead, the buyer from the addressee under an invoice's
    title: inferred. A contract's preamble ("ACME Ltd (hereinafter
    called the Seller) and ...") comes first, inferred from its role note.
    """
    # A contract's preamble names each party with its role, more surely than a signature block's labels.
    preamble = preamble_parties(doc)
    supplier = _inferred(preamble.get("supplier_name"), _PREAMBLE) or _labeled_party(doc, columns, "supplier_name")
    buyer = _inferred(preamble.get("buyer_name"), _PREAMBLE)
    buyer = buyer or _labeled_party(doc, columns, "buyer_name", avoid=_name(supplier))
    if _is_buyers_order(doc):
        # A purchase order is on its buyer's letterhead; its seller is the addressee.
        buyer = buyer or _inferred(letterhead(doc, avoid=_name(supplier)), "from the letterhead")
    elif supplier is None:
        supplier = _inferred(letterhead(doc, avoid=_name(buyer)), "from the letterhead")
    if supplier is None and not _is_buyers_order(doc):
        supplier = _inferred(payee_in_terms(doc, avoid=_name(buyer)), 'from "payable to" in the payment terms')
    if buyer is None:
        buyer = _inferred(addressee_under_title(doc, avoid=_name(supplier)), "from the addressee under the title")
    for field, marked in (("supplier_name", supplier), ("buyer_name", buyer)):
        if marked is not None:
            party, certainty, note = marked
            party = preferred_casing(doc, party)
            record.set(field, party.name, party.source, party.name, certainty, note)
            record.set(f"{field}_local", party.local, party.source, party.local or "", certainty, note)


#: A party as found, with its certainty and note.
Marked = tuple[Party, str, str]


def _inferred(party: Party | None, note: str) -> Marked | None:
    return (party, INFERRED, note) if party is not None else None


def _name(marked: Marked | None) -> str | None:
    return marked[0].name if marked is not None else None


def _labeled_party(doc: Document, columns: list[Labeled], field: str, avoid: str | None = None) -> Marked | None:
    """Given a Document and its header-row values, return the party a label of `field` names, with its label's note."""
    party = find_party(doc, field, avoid=avoid)
    if party is not None:
        return party, LABELED, label_note(_label_over(doc, field, party)) or "under its label"
    party = labeled_party(columns, field, avoid=avoid)
    if party is None:
        return None
    header = next((item for item in columns if item.field == field and item.source == party.source), None)
    return party, LABELED, column_note(header.label) if header is not None else "under its column"


def _label_over(doc: Document, field: str, party: Party) -> str:
    """Given a party read under a label of `field`, return that label: on the party's line or the nearest above."""
    lines = doc.lines
    index = next((i for i, line in enumerate(lines) if line.source == party.source), None)
    if index is None:
        return ""
    for line in reversed(lines[max(0, index - _PARTY_BLOCK_LINES) : index + 1]):
        hit = next((hit for hit in labels_in(line.text) if hit.field == field), None)
        if hit is not None:
            return hit.text
    return ""


# ------------------------------------------------------------------ money and quantity


def record_money(ldoc: Reading, record: Record, items: ItemsFound) -> None:
    """Set currency, order_total, amount_in_words and charges; keep the charge lines."""
    currency = find_currency(ldoc)
    summed = _items_sum(items)
    total = find_total(ldoc.doc, currency.value if currency else None, Decimal(str(summed.value)) if summed else None)
    if currency is None and total is not None and total.value.currency:
        # The currency mark of the total amount: as sure as the total it is written with.
        currency = Value(total.value.currency, total.source, total.text, total.certainty, total.note)
    _put_found(record, "currency", currency)
    if total is not None:
        amount = json_number(total.value.amount)
        record.set("order_total", amount, total.source, total.text, total.certainty, total.note)
    elif summed is not None:
        # No total written: the items' sum, plus the tax lines the document adds to it.
        taxes = tax_lines(ldoc.doc.lines, currency.value if currency else None)
        added = sum((tax.value for tax in taxes), Decimal(0))
        text = "sum of the line items and tax lines" if taxes else summed.text
        record.set("order_total", json_number(Decimal(str(summed.value)) + added), summed.source, text, INFERRED, text)
    words = words_amount(ldoc.doc)
    if words is not None:
        record.set("amount_in_words", json_number(words.value), words.source, words.text, words.certainty, words.note)
    if items.charges:
        charges = [{k: v.value for k, v in row.to_values(charge=True).items()} for row in items.charges]
        # Which rows are charges (an amount without a unit price, a row after the subtotal) is worked out.
        note = "item rows read as charges"
        record.set("charges", charges, items.charges[0].source, items.charges[0].description, INFERRED, note)
    record_charge_lines(ldoc, record)


def record_charge_lines(ldoc: Reading, record: Record) -> None:
    """Keep each fee or charge line's amount, with its text and where it sits, on the record.

    They are working evidence for the total (X003), not a fact of the order: the
    test is loose, so they are shown by `evidence extract` but not listed among the
    document's fields in reports.
    """
    # The lines as read, not as repaired for label search, so each text is quoted as the page shows it.
    record.charge_lines = find_charge_lines(ldoc.source.lines, record.get("currency"))


def _items_sum(items: ItemsFound) -> Value[int | float] | None:
    """Given line items, return their amounts plus charges as the total when no total is written."""
    rows = items.items + items.charges
    if not items.items or any(row.amount is None for row in rows):
        return None
    total = sum((row.amount for row in rows if row.amount is not None), Decimal(0))
    if total <= 0:
        return None  # a sum of 0 is items read without their amounts, not a total
    return Value(json_number(total), items.items[0].source, "sum of the line items", INFERRED, "sum of the line items")


def record_terms(ldoc: Reading, record: Record) -> None:
    """Set incoterm, the shipping date fields, payment terms and method, and the bank details."""
    _put_found(record, "incoterm", find_incoterm(ldoc))
    for name, found in find_ship_date(ldoc).items():
        _put_found(record, name, found)
    _put_found(record, "payment_terms", find_payment_terms(ldoc))
    bank = find_bank_details(ldoc)
    for name, found in bank.items():
        _put_found(record, name, found)
    _put_found(record, "payment_method", find_payment_method(ldoc, bank))
    if "beneficiary_name" in bank or "beneficiary_account" in bank:
        context = " ".join(found.text for found in bank.values())
        first = next(iter(bank.values()))
        platform = bank_is_platform(bank, context)
        record.set("beneficiary_is_platform", platform, first.source, first.text, INFERRED, "from the bank details")


# ------------------------------------------------------------------ specifications


def record_specs(doc: Document, record: Record, items: ItemsFound, marks: Marks) -> None:
    """Set specs, quality_standard, aql, defect_definitions and test_standards (`marks`: the item columns' headers)."""
    column = marks.labeled.get("specification", "")
    specs = find_specs(doc, skip=item_sources(items)) + item_column_specs(item_specifications(items), column)
    if specs:
        values = [spec.to_value() for spec in specs]
        record.set("specs", values, specs[0].source, specs[0].item.text, *specs_mark(specs))
    standard = find_quality_standard(doc)
    if standard is not None:
        _put_found(record, "quality_standard", standard)
        _put_found(record, "aql", quality_aql(standard))
    _put_found(record, "defect_definitions", find_defect_definitions(doc))
    standards = find_test_standards(doc)
    if standards and doc.lines:
        record.set("test_standards", standards, doc.lines[0].source, "", INFERRED, "standards cited in the text")


# ------------------------------------------------------------------ helpers


def _put_found(record: Record, name: str, found: Value[Any] | Reference | None) -> None:
    """Given a value read with its source, text and certainty (or None), set it on the record as `name`."""
    if found is not None:
        record.set(name, found.value, found.source, found.text, found.certainty, found.note)
