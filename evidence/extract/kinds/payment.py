"""Payment records: platform receipts, bank T/T slips and MT103s, PayPal and Western Union receipts.

What the eligibility rules rest on (RULES.md E001, E002, E006, X003, and the
deposit date a lead time counts from): how the money moved (`payment_method`),
whether it went to the platform's collection account
(data/platform_accounts.json), who received it and whether that is a private
person, how much, in which currency, on which day, and for what (deposit,
balance or full). Channel, purpose and party-block words live in
data/payment_channels.json; MT103 fields (:20:, :32A:, :50K:, :59:, :70:)
are read as such.
"""

from __future__ import annotations

import re
from decimal import Decimal
from datetime import date

from evidence.kinds import PAYMENT_RECORD
from evidence.phrases import phrases_pattern
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
from evidence.extract.parts.swift import BIC, SwiftField, swift_fields, swift_name
from evidence.extract.reading import Reading, put, stand_in, top_lines
from evidence.extract.references import pi_reference, record_cited_order
from evidence.normalize import json_number
from evidence.normalize.companies import is_person, is_platform_account
from evidence.normalize.identifiers import identifier_in
from evidence.normalize.money import Money, amount_in, currency_code, currency_in, find_amounts, parse_amount
from evidence.normalize.quantities import quantities_in, goods_count, package_units
from evidence.reference_data import load_data
from evidence.records import Document, Record, Source, TextLine

_TITLE_LINES = 6
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
        record.set("document_number", number, field.source, field.text)
    put(record, "document_number", found.identifier("transaction_number") or found.identifier("document_number"))
    record_cited_order(record, found)
    put(record, "pi_number", found.identifier("pi_number"))
    if "remittance" in swift:
        record.set("reference", swift["remittance"].text, swift["remittance"].source, swift["remittance"].text)
    put(record, "reference", found.text("remittance_info"))
    reference = record.fields.get("reference")
    if reference is not None:
        cited = pi_reference(str(reference.value))
        if cited is not None:
            record.set("pi_number", cited, reference.source, reference.text)


# ---------------------------------------------------------------- amounts


def record_amounts(record: Record, found: Reading, swift: dict[str, SwiftField]) -> None:
    """Set the amount paid and its currency, and a fee charged on top in the same currency."""
    settled = _swift_amount(swift.get("settlement")) or _swift_amount(swift.get("instructed"))
    if settled is not None:
        money, field = settled
        _set_money(record, "amount_paid", money, field.source, field.text)
    paid = _strong_amount(found, "amount_paid") or _weak_amount(found, "amount_paid") or _weak_amount(found, "total")
    if paid is not None:
        _set_money(record, "amount_paid", paid[0], paid[1].source, paid[1].value)
    fee = _strong_amount(found, "fee")
    if fee is not None and fee[0].currency in (None, record.get("currency")):
        _set_money(record, "transaction_fee", fee[0], fee[1].source, fee[1].value, currency=False)
    put(record, "currency", found.first("currency", currency_in))


def record_quantity(record: Record, found: Reading) -> None:
    """Set the quantity of goods an order page or receipt shows: labeled, or summed over its item lines."""
    labeled = found.first("quantity", goods_count)
    if labeled is not None:
        record.set("quantity", json_number(labeled[0]), labeled[1].source, labeled[1].value)
        return
    items = item_lines_count(found.doc)
    if items is not None:
        total, lines = items
        record.set("quantity", json_number(total), lines[0].source, " + ".join(line.text for line in lines))


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
        _set_money(record, "order_total", total[0], total[1].source, total[1].value, currency=False)


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


def _set_money(record: Record, name: str, money: Money, source: Source, text: str, currency: bool = True) -> None:
    if name in record.fields:
        return
    record.set(name, float(money.amount), source, text)  # a float, as payment amounts have always been reported
    if currency and money.currency:
        record.set("currency", money.currency, source, text)


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
    settlement = swift.get("settlement")
    if settlement is not None:
        value = _swift_date(settlement.text) or found.date_of(settlement.text)
        if value is not None:
            record.set("payment_date", value, settlement.source, settlement.text)
    put(record, "payment_date", found.date("payment_date"))
    put(record, "document_date", found.date("document_date"))
    # A platform order printout also says when the order was placed.
    put(record, "order_date", found.date("order_date"))
    stand_in(record, "payment_date", "document_date")
    stand_in(record, "document_date", "payment_date")
    if "document_date" not in record.fields:
        dates = found.dates()
        if dates:
            iso, line = dates[0]
            record.set("document_date", iso, line.source, line.text)
            record.set("payment_date", iso, line.source, line.text)


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
            _set_part(record, name, "name", got.value, got.source)
    put(record, "payer_name", found.first("payer_name", block_name))
    put(record, "supplier_name", found.first("supplier_name", block_name))
    _record_advice_parties(record, found)
    if "payer_name" in record.fields:
        payer = record.fields["payer_name"]
        record.set("payer", payer.value, payer.source, payer.text)
    _record_person(record)


def _record_advice_parties(record: Record, found: Reading) -> None:
    """A payment advice with no labeled parties: the issuer paid (the buyer), the addressee was paid."""
    parties = advice_parties(found.doc)
    if parties is None:
        return
    payer, payee = parties
    if "payer_name" not in record.fields:
        record.set("payer_name", payer.name, payer.source, payer.name)
        if "buyer_name" not in record.fields:
            record.set("buyer_name", payer.name, payer.source, payer.name)
    if payee is not None and "beneficiary_name" not in record.fields:
        record.set("beneficiary_name", payee.name, payee.source, payee.name)


def _record_beneficiary(
    record: Record, found: Reading, blocks: dict[tuple[str, str], Part], payer_lines: set[Source]
) -> None:
    """Set each part of the beneficiary: from a label naming the beneficiary ('Beneficiary bank'),
    then from the beneficiary's block, then from a generic label ('Account number') outside the
    payer's block; the name also from a sentence ('You sent ... to Lin Hao')."""
    for name in ("beneficiary_name", "beneficiary_bank", "beneficiary_account", "swift"):
        part = name.removeprefix("beneficiary_")
        explicit = [item for item in found.values(name) if not _generic(item.label, part)]
        generic = [item for item in found.values(name) if _generic(item.label, part) and item.source not in payer_lines]
        # A generic name label ('Account name') is the payer's as often as not: only after the blocks.
        for item in explicit + ([] if part == "name" else generic):
            if _set_part(record, name, part, item.value, item.source):
                break
        if (got := blocks.get(("beneficiary", part))) is not None:
            _set_part(record, name, part, got.value, got.source)
        for item in generic:
            _set_part(record, name, part, item.value, item.source)
    _record_bic(record, found, payer_lines)
    _record_sentence_beneficiary(record, found)


def _record_swift_parties(record: Record, swift: dict[str, SwiftField]) -> None:
    if "payer" in swift:
        _set_part(record, "payer_name", "name", swift_name(swift["payer"]), swift["payer"].source)
    if "beneficiary" in swift:
        field = swift["beneficiary"]
        account = next((line[1:].strip() for line in field.lines if line.startswith("/")), None)
        _set_part(record, "beneficiary_name", "name", swift_name(field), field.source)
        if account:
            record.set("beneficiary_account", account, field.source, field.text)
    if "beneficiary_bank" in swift:
        field = swift["beneficiary_bank"]
        bic = bic_in(field.text)
        if bic is not None:
            record.set("swift", bic, field.source, field.text)
        name = swift_name(field)
        if name and not BIC.fullmatch(name):
            record.set("beneficiary_bank", name, field.source, field.text)


def _set_part(record: Record, name: str, part: str, value: str, source: Source) -> bool:
    """Given a raw value of a party part, clean it and set it; return True when set."""
    if name in record.fields:
        return True
    cleaned = _clean_part(part, value)
    if cleaned:
        record.set(name, cleaned, source, value)
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
            record.set("swift", bic, line.source, line.text)
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
                record.set("beneficiary_name", name, line.source, line.text)
                return


def _record_person(record: Record) -> None:
    beneficiary = record.fields.get("beneficiary_name")
    if beneficiary is not None and not is_platform_account(str(beneficiary.value)):
        record.set("beneficiary_is_person", is_person(str(beneficiary.value)), beneficiary.source, beneficiary.text)


# ---------------------------------------------------------------- method and purpose


def record_method(record: Record, found: Reading) -> None:
    """Set how the money moved and whether it went to the platform.

    In order: the platform's collection account as beneficiary; PayPal, Western
    Union, cash or another channel named in the title or payment-method line;
    the platform's own receipt or order page (no other beneficiary named); a
    bank transfer named there; else the first channel named anywhere.
    """
    beneficiary = record.fields.get("beneficiary_name")
    if beneficiary is not None and is_platform_account(str(beneficiary.value)):
        _set_method(record, "platform", beneficiary.source, beneficiary.text)
        return
    heads = [*top_lines(found.doc, _TITLE_LINES), *_method_lines(found)]
    others = ("paypal", "western_union", "cash", "other")
    channel = _channel_in(heads, only=others)
    if channel is None and beneficiary is None:
        channel = _channel_in(top_lines(found.doc, _TITLE_LINES), only=("platform",))
    channel = channel or _channel_in(heads, only=("bank_transfer_direct",))
    channel = channel or _channel_in(found.doc.lines, exclude=() if beneficiary is None else ("platform",))
    if channel is None and {"reference", "settlement"} <= set(swift_fields(found.doc)):
        field = swift_fields(found.doc)["settlement"]
        channel = "bank_transfer_direct", TextLine(field.text, field.source)  # a SWIFT MT103 is a bank transfer
    if channel is None:
        where = Source(found.doc.path)
        record.set("payment_method", "unknown", where)
        record.set("paid_to_platform", False, where)
        record.notes.append("the record does not show how the money was paid")
        return
    _set_method(record, channel[0], channel[1].source, channel[1].text)


def _method_lines(found: Reading) -> list[TextLine]:
    return [TextLine(item.value, item.source) for item in found.values("payment_terms")]


def _channel_in(
    lines: list[TextLine], exclude: tuple[str, ...] = (), only: tuple[str, ...] | None = None
) -> tuple[str, TextLine] | None:
    """Given lines, return the first channel (in data order) any of them names, with the line."""
    for channel, phrases in load_data("payment_channels")["channels"].items():
        if channel.startswith("_") or channel in exclude or (only is not None and channel not in only):
            continue
        pattern = phrases_pattern(tuple(phrases))
        for line in lines:
            if pattern is not None and pattern.search(line.text):
                return channel, line
    return None


def _set_method(record: Record, method: str, source: Source, text: str) -> None:
    record.set("payment_method", method, source, text)
    record.set("paid_to_platform", method == "platform", source, text)


def record_purpose(record: Record, found: Reading) -> None:
    """Set what the payment was for (deposit, balance, full or unknown), from its remittance text
    or status words, else from the amount paid covering the order total."""
    texts = []
    if "reference" in record.fields:
        value = record.fields["reference"]
        texts.append(TextLine(str(value.value), value.source))
    texts += top_lines(found.doc, _TITLE_LINES)
    # Elsewhere only phrases of several words count: 'balance' alone may be 'PayPal balance'.
    lines = [(line, False) for line in texts] + [(line, True) for line in found.doc.lines]
    for line, phrases_only in lines:
        purpose = purpose_in(line.text, phrases_only)
        if purpose is not None:
            record.set("payment_purpose", purpose, line.source, line.text)
            return
    paid, total = record.get("amount_paid"), record.get("order_total")
    if paid is not None and total is not None and paid >= total:
        record.set("payment_purpose", "full", record.fields["amount_paid"].source, "amount paid covers the order total")
        return
    record.set("payment_purpose", "unknown", Source(found.doc.path))


def purpose_in(text: str, phrases_only: bool = False) -> str | None:
    """Given a remittance text ('30% deposit for PI BW-PI-26-0731', '尾款'), return the purpose it names.

    With `phrases_only`, single English words ('deposit', 'balance') do not count.
    """
    hits = []
    for purpose, phrases in load_data("payment_channels")["purposes"].items():
        if purpose.startswith("_"):
            continue
        kept = [p for p in phrases if not (phrases_only and p.isascii() and " " not in p)]
        pattern = phrases_pattern(tuple(kept))
        match = pattern.search(text) if pattern is not None else None
        if match is not None:
            hits.append((match.start(), purpose))
    values = {purpose for _, purpose in hits}
    return values.pop() if len(values) == 1 else None
