"""Payment records: platform receipts, bank T/T slips and MT103s, PayPal and Western Union receipts.

What the eligibility rules rest on (RULES.md E001, E002, E006, X003, and the
deposit date a lead time counts from): how the money moved (`payment_method`),
whether it went to the platform's collection account
(data/platform_accounts.json), who received it and whether that is a private
person, how much, in which currency, on which day, and for what (deposit,
balance or full). Channel, purpose and party-block words live in
data/payment_channels.json; MT103 fields (:20:, :32A:, :50K:, :59:, :70:)
are read as such.

How sure each value is: read under its label or MT103 tag, labeled; found in
a party block under its heading, by position (a payment advice's letterhead and
addressee), in a sentence, under a label that names the part but not the party,
or decided from words (method, purpose, whether the beneficiary is a person),
inferred; a numeric date read in a day/month order the document does not
settle, guessed (parts/certainty.py).
"""

from __future__ import annotations

import re
from decimal import Decimal
from datetime import date

from evidence.kinds import PAYMENT_RECORD
from evidence.extract.labels import Labeled, label_key
from evidence.extract.parts.parties import block_name
from evidence.extract.parts.party_layouts import advice_parties
from evidence.extract.parts.party_blocks import (
    Part,
    line_roles,
    party_blocks,
    payer_word,
    section_field_pattern,
)
from evidence.extract.parts.payment_method import purpose_in as purpose_in  # where callers have imported it from
from evidence.extract.parts.payment_method import record_method, record_purpose
from evidence.extract.parts.swift import BIC, SwiftField, swift_fields, swift_name
from evidence.extract.reading import Reading, labeled_note, put, put_date, set_line_date, stand_in
from evidence.extract.references import pi_reference, record_cited_order
from evidence.normalize import json_number
from evidence.normalize.companies import is_person, is_platform_account
from evidence.normalize.identifiers import identifier_in
from evidence.normalize.money import Money, amount_in, currency_code, currency_in, find_amounts, parse_amount
from evidence.normalize.quantities import quantities_in, goods_count, package_units
from evidence.reference_data import load_data
from evidence.records import INFERRED, LABELED, Document, Record, Source, TextLine, weakest

#: What follows the quantity of an item line: 'x US $4.85', '× 9.60', '@ USD 4.85'.
_ITEM_TIMES = re.compile(r"\s*[x×*@]\s*(?:[A-Z]{3}|US|[$€£¥￥])")
_BIC_CUE = re.compile(r"\b(?:swift|bic)\b", re.IGNORECASE)
_SENT_TO = re.compile(
    r"\b(?:you\s+)?(?:sent|paid|transferred|remitted)\b[^\n]{0,60}?\bto\s+(?P<name>[^\n(]{3,80})", re.IGNORECASE
)
_ACCOUNT = re.compile(r"[A-Z]{0,4}\d[\dA-Z\s\-*]*\d|\*+\d+", re.IGNORECASE)


def extract(reading: Reading) -> Record:
    """Given a payment record, return its Record (see the module docstring for the fields)."""
    doc = reading.source
    record = Record(kind=PAYMENT_RECORD, path=doc.path)
    found = reading
    swift = swift_fields(doc)
    record_reference_numbers(record, found, swift)
    record_amounts(record, found, swift)
    record_quantity(record, found)
    record_dates(record, found, swift)
    record_parties(record, found, swift)
    record_method(record, found)
    record_order_total(record, found)
    record_purpose(record, found)
    found.note_date_order(record)
    return record


# ---------------------------------------------------------------- numbers


def record_reference_numbers(record: Record, found: Reading, swift: dict[str, SwiftField]) -> None:
    """Set the transaction number, the order and PI it pays, and the remittance text."""
    if "reference" in swift:
        field = swift["reference"]
        # :20: is the sender's reference as typed (16x, spaces allowed): no identifier to pick out of it.
        typed = field.lines[0].strip()
        number = typed if len(typed) <= 16 else identifier_in(field.text) or field.text.strip()
        record.set("document_number", number, field.source, field.text, LABELED, field.note)
    put(record, "document_number", found.identifier("transaction_number") or found.identifier("document_number"))
    record_cited_order(record, found)
    put(record, "pi_number", found.identifier("pi_number"))
    if "remittance" in swift:
        field = swift["remittance"]
        record.set("reference", field.text, field.source, field.text, LABELED, field.note)
    put(record, "reference", found.text("remittance_info"))
    reference = record.fields.get("reference")
    if reference is not None:
        cited = pi_reference(str(reference.value))
        if cited is not None:
            # The PI is picked out of free text, however the remittance text itself was read.
            record.set("pi_number", cited, reference.source, reference.text, INFERRED, "in the remittance text")


# ---------------------------------------------------------------- amounts


def record_amounts(record: Record, found: Reading, swift: dict[str, SwiftField]) -> None:
    """Set the amount paid and its currency, and a fee charged on top in the same currency."""
    settled = _swift_amount(swift.get("settlement")) or _swift_amount(swift.get("instructed"))
    if settled is not None:
        money, field = settled
        _set_money(record, "amount_paid", money, field.source, field.text, field.note)
    paid = _strong_amount(found, "amount_paid") or _weak_amount(found, "amount_paid") or _weak_amount(found, "total")
    if paid is not None:
        _set_money(record, "amount_paid", paid[0], paid[1].source, paid[1].value, labeled_note(paid[1]))
    fee = _strong_amount(found, "fee")
    if fee is not None and fee[0].currency in (None, record.get("currency")):
        _set_money(record, "transaction_fee", fee[0], fee[1].source, fee[1].value, labeled_note(fee[1]), currency=False)
    put(record, "currency", found.first("currency", currency_in))


def record_quantity(record: Record, found: Reading) -> None:
    """Set the quantity of goods an order page or receipt shows: labeled, or summed over its item lines."""
    labeled = found.first("quantity", goods_count)
    if labeled is not None:
        put(record, "quantity", labeled, json_number)
        return
    items = item_lines_count(found.doc)
    if items is not None:
        total, lines = items
        text = " + ".join(line.text for line in lines)
        record.set("quantity", json_number(total), lines[0].source, text, INFERRED, "the sum of the item lines")


def item_lines_count(doc: Document) -> tuple[Decimal, list[TextLine]] | None:
    """Given a document listing items as '2,000 pieces x US $4.85 = US $9,700.00', return their total count."""
    total, lines = Decimal(0), []
    for line in doc.lines:
        counted = quantities_in(line.text)
        if counted and counted[0].unit not in package_units() and _ITEM_TIMES.match(line.text, counted[0].end):
            total += counted[0].value
            lines.append(line)
    return (total, lines) if lines else None


def record_order_total(record: Record, found: Reading) -> None:
    """Set the order total a record shows: under an order-total label, or, on the platform's
    own order page, under a bare 'Total' (elsewhere a bare total is what was paid)."""
    total = _strong_amount(found, "total")
    if total is None and record.get("payment_method") == "platform":
        total = _weak_amount(found, "total")
    if total is not None:
        _set_money(record, "order_total", total[0], total[1].source, total[1].value, labeled_note(total[1]),
                   currency=False)


def _strong_amount(found: Reading, field: str) -> tuple[Money, Labeled] | None:
    """The first amount under a specific label of `field` ('Amount sent', not a bare 'Amount')."""
    weak = {label_key(label) for label in load_data("payment_channels")["weak_amount_labels"]["labels"]}
    candidates = [item for item in found.values(field) if label_key(item.label) not in weak]
    return _first_amount([item for item in candidates if not _borrowed(found, item)])


def _weak_amount(found: Reading, field: str) -> tuple[Money, Labeled] | None:
    return _first_amount([item for item in found.values(field) if not _borrowed(found, item)])


def _first_amount(items: list[Labeled]) -> tuple[Money, Labeled] | None:
    """The first positive amount among the values: in 'USD 15,264.00 (AUD 23,407.45)' the first is the one sent."""
    for item in items:
        money = next((m for m in find_amounts(item.value) if m.amount > 0), None)
        if money is not None:
            return money, item
    return None


def _borrowed(found: Reading, item: Labeled) -> bool:
    """True when a heading took the next line as its value and that line has a label of its own
    ('Order amount' over 'Product total US $14,550.00')."""
    line = found.line_text(item.source)
    if not line or item.label.lower() in line.lower():
        return False
    head = re.split(r"[\d$€£¥￥]", item.value, maxsplit=1)[0]
    return bool(re.search(r"[A-Za-z]{3,}|[\u4e00-\u9fff]{2,}", head)) and currency_code(head.strip()) is None


def _set_money(
    record: Record, name: str, money: Money, source: Source, text: str, note: str, currency: bool = True
) -> None:
    """Set an amount read under its label (`note` names it), and its currency when it states one."""
    if name in record.fields:
        return
    # A float, as payment amounts have always been reported.
    record.set(name, float(money.amount), source, text, LABELED, note)
    if currency and money.currency:
        record.set("currency", money.currency, source, text, LABELED, note)


def _swift_amount(field: SwiftField | None) -> tuple[Money, SwiftField] | None:
    """Given a :32A:/:33B: field ('260804USD15264,00'), return its amount and currency."""
    if field is None:
        return None
    raw = re.match(r"\s*(?:\d{6})?(?P<cur>[A-Z]{3})(?P<amt>\d+,\d*)\s*$", field.lines[0])
    if raw is not None and currency_code(raw["cur"]) is not None:
        # The FIN notation itself (':32A:061028EUR100000,'): the comma is always the decimal mark.
        amount = parse_amount(raw["amt"].rstrip(",").replace(",", ".") or "0")
        if amount is not None:
            return Money(amount, currency_code(raw["cur"]), raw.group(0).strip(), raw.start("cur"), raw.end()), field
    match = re.search(r"(?P<cur>[A-Z]{3})\s*(?P<amt>\d[\d.,' ]*)", field.text)
    if match is None or currency_code(match["cur"]) is None:
        money = amount_in(field.text)
        return (money, field) if money is not None else None
    amount = parse_amount(match["amt"].strip(), "," if re.search(r",\d{1,2}$", match["amt"].strip()) else None)
    if amount is None:
        return None
    return Money(amount, currency_code(match["cur"]), match.group(0), match.start(), match.end()), field


# ---------------------------------------------------------------- dates


def record_dates(record: Record, found: Reading, swift: dict[str, SwiftField]) -> None:
    """Set the payment (value) date and the record's own date, each standing in for the other."""
    if "settlement" in swift:
        _record_value_date(record, found, swift["settlement"])
    put_date(record, "payment_date", found, found.date("payment_date"))
    put_date(record, "document_date", found, found.date("document_date"))
    # A platform order printout also says when the order was placed.
    put_date(record, "order_date", found, found.date("order_date"))
    stand_in(record, "payment_date", "document_date")
    stand_in(record, "document_date", "payment_date")
    if "document_date" not in record.fields:
        dates = found.dates()
        if dates:
            iso, line = dates[0]
            set_line_date(record, "document_date", found, iso, line, "the first date in the record")
            set_line_date(record, "payment_date", found, iso, line, "the first date in the record")


def _record_value_date(record: Record, found: Reading, field: SwiftField) -> None:
    """Set the payment date from :32A:: its YYMMDD value date, else a date written in it (guessed when
    its day/month order is)."""
    iso = _swift_date(field.text)
    if iso is not None:
        record.set("payment_date", iso, field.source, field.text, LABELED, field.note)
        return
    iso = found.date_of(field.text)
    if iso is not None:
        record.set("payment_date", iso, field.source, field.text, *found.date_certainty(field.text, LABELED, field.note))


def _swift_date(text: str) -> str | None:
    """Given a :32A: value, return its YYMMDD value date as ISO."""
    match = re.match(r"\s*(\d{2})(\d{2})(\d{2})(?=[A-Z]{3})", text)
    if match is None:
        return None
    try:
        return date(2000 + int(match[1]), int(match[2]), int(match[3])).isoformat()
    except ValueError:
        return None


# ---------------------------------------------------------------- parties


def record_parties(record: Record, found: Reading, swift: dict[str, SwiftField]) -> None:
    """Set payer and beneficiary (name, bank, account, SWIFT), and the supplier and buyer a receipt names."""
    blocks = party_blocks(found.doc)
    payer_lines = {source for source, role in line_roles(found.doc).items() if role == "payer"}
    payer_lines |= {line.source for line in found.doc.lines if payer_word().match(line.text.strip())}
    _record_swift_parties(record, swift)
    _record_beneficiary(record, found, blocks, payer_lines)
    for role, name in (("payer", "payer_name"), ("supplier", "supplier_name"), ("buyer", "buyer_name")):
        if (got := blocks.get((role, "name"))) is not None:
            _set_part(record, name, "name", got.value, got.source, INFERRED, got.note)
    put(record, "payer_name", found.first("payer_name", block_name))
    put(record, "supplier_name", found.first("supplier_name", block_name))
    _record_advice_parties(record, found)
    if "payer_name" in record.fields:
        record.keep("payer", record.fields["payer_name"])
    _record_person(record)


def _record_advice_parties(record: Record, found: Reading) -> None:
    """A payment advice with no labeled parties: the issuer paid (the buyer), the addressee was paid."""
    parties = advice_parties(found.doc)
    if parties is None:
        return
    payer, payee = parties
    if "payer_name" not in record.fields:
        record.set("payer_name", payer.name, payer.source, payer.name, INFERRED, "from the letterhead")
        if "buyer_name" not in record.fields:
            record.set("buyer_name", payer.name, payer.source, payer.name, INFERRED, "from the letterhead")
    if payee is not None and "beneficiary_name" not in record.fields:
        record.set("beneficiary_name", payee.name, payee.source, payee.name, INFERRED, "the addressee, by position")


def _record_beneficiary(
    record: Record, found: Reading, blocks: dict[tuple[str, str], Part], payer_lines: set[Source]
) -> None:
    """Set each part of the beneficiary: from a label naming the beneficiary ('Beneficiary bank'),
    then from the beneficiary's block, then from a generic label ('Account number') outside the
    payer's block; the name also from a sentence ('You sent ... to Lin Hao').

    Only a label naming the beneficiary vouches for whose part it is: in a block the heading says
    it, and a generic label's part is the beneficiary's because it is not the payer's (inferred).
    """
    for name in ("beneficiary_name", "beneficiary_bank", "beneficiary_account", "swift"):
        part = name.removeprefix("beneficiary_")
        explicit = [item for item in found.values(name) if not _generic(item.label, part)]
        generic = [item for item in found.values(name) if _generic(item.label, part) and item.source not in payer_lines]
        # A generic name label ('Account name') is the payer's as often as not: only after the blocks.
        for item in explicit + ([] if part == "name" else generic):
            if _set_part(record, name, part, item.value, item.source, *_label_certainty(item, part)):
                break
        if (got := blocks.get(("beneficiary", part))) is not None:
            _set_part(record, name, part, got.value, got.source, INFERRED, got.note)
        for item in generic:
            _set_part(record, name, part, item.value, item.source, *_label_certainty(item, part))
    _record_bic(record, found, payer_lines)
    _record_sentence_beneficiary(record, found)


def _label_certainty(item: Labeled, part: str) -> tuple[str, str]:
    """How sure a beneficiary's part read under `item`'s label is: labeled when the label names the
    beneficiary, inferred when it only names the part ('Account number' outside the payer's block)."""
    if _generic(item.label, part):
        return INFERRED, f"{labeled_note(item)}, outside the payer's block"
    return LABELED, labeled_note(item)


def _record_swift_parties(record: Record, swift: dict[str, SwiftField]) -> None:
    """Set payer and beneficiary from their MT103 fields: each tag is the label of what it holds."""
    if "payer" in swift:
        field = swift["payer"]
        _set_part(record, "payer_name", "name", swift_name(field), field.source, LABELED, field.note)
    if "beneficiary" in swift:
        field = swift["beneficiary"]
        account = next((line[1:].strip() for line in field.lines if line.startswith("/")), None)
        _set_part(record, "beneficiary_name", "name", swift_name(field), field.source, LABELED, field.note)
        if account:
            record.set("beneficiary_account", account, field.source, field.text, LABELED, field.note)
    if "beneficiary_bank" in swift:
        field = swift["beneficiary_bank"]
        bic = bic_in(field.text)
        if bic is not None:
            record.set("swift", bic, field.source, field.text, LABELED, field.note)
        name = swift_name(field)
        if name and not BIC.fullmatch(name):
            record.set("beneficiary_bank", name, field.source, field.text, LABELED, field.note)


def _set_part(record: Record, name: str, part: str, value: str, source: Source, certainty: str, note: str) -> bool:
    """Given a raw value of a party part, clean it and set it as sure as `certainty`; return True when set."""
    if name in record.fields:
        return True
    cleaned = _clean_part(part, value)
    if cleaned:
        record.set(name, cleaned, source, value, certainty, note)
    return bool(cleaned)


def _clean_part(part: str, value: str) -> str | None:
    value = _strip_field_word(value)
    if part == "swift":
        return bic_in(value)
    if part == "account":
        match = _ACCOUNT.search(value.split("(")[0])
        return match.group(0).strip() if match else None
    if part == "bank":
        bank = re.split(r"\s+(?:swift|bic)\b|\s{2,}|\n", value, maxsplit=1, flags=re.IGNORECASE)[0]
        return bank.strip(" ,;:") or None
    return block_name(value)


def bic_in(text: str) -> str | None:
    """Given text, return the first SWIFT/BIC code in it (letters 5-6 a country code)."""
    countries = set(load_data("payment_channels")["bic_countries"]["codes"].split())
    for match in BIC.finditer(text):
        if match.group(0)[4:6] in countries:
            return match.group(0)
    return None


def _strip_field_word(value: str) -> str:
    """Given a value a heading took from the next line ('Company Ningbo Haoyu...'), return it without that label."""
    match = section_field_pattern().match(value.strip())
    return value.strip()[match.end() :].strip(" :：") if match else value.strip()


def _generic(label: str, part: str) -> bool:
    """True when a label names a party part without naming the party ('Account number', not 'Beneficiary account')."""
    key = label_key(label)
    return key in {label_key(word) for word in load_data("payment_channels")["section_fields"][part]}


def _record_bic(record: Record, found: Reading, payer_lines: set[Source]) -> None:
    """Set a SWIFT code written after 'SWIFT' or 'BIC' anywhere outside the payer's block."""
    for line in found.doc.lines:
        cue = _BIC_CUE.search(line.text)
        if cue is None or line.source in payer_lines:
            continue
        bic = bic_in(line.text[cue.end() :])
        if bic is not None:
            note = f'after "{cue.group(0)}", outside the payer\'s block'
            record.set("swift", bic, line.source, line.text, INFERRED, note)
            return


def _record_sentence_beneficiary(record: Record, found: Reading) -> None:
    """A receipt in prose: 'You sent a payment of $1,250.00 USD to Shenzhen Acme Co., Ltd.'"""
    if "beneficiary_name" in record.fields:
        return
    for line in found.doc.lines:
        match = _SENT_TO.search(line.text)
        if match is not None:
            name = block_name(re.split(r"\s+(?:on|for|via|by)\s+|[.,;]\s", match["name"])[0])
            if name:
                record.set("beneficiary_name", name, line.source, line.text, INFERRED, "in a sentence")
                return


def _record_person(record: Record) -> None:
    """Set whether the beneficiary is a private person: decided from the words of its name, so inferred."""
    beneficiary = record.fields.get("beneficiary_name")
    if beneficiary is not None and not is_platform_account(str(beneficiary.value)):
        certainty = weakest(INFERRED, beneficiary.certainty)
        record.set("beneficiary_is_person", is_person(str(beneficiary.value)), beneficiary.source, beneficiary.text,
                   certainty, "from the words of the beneficiary's name")
