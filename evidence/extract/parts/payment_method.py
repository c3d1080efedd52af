"""How a payment record's money moved and what it paid for: `payment_method`, `paid_to_platform`, `payment_purpose`.

Both are decided from words (data/payment_channels.json: channels and purposes),
so they are inferred, unless a payment-method label names the channel
("Payment method: PayPal"): then it was read under that label.
"""

from __future__ import annotations

import re

from evidence.extract.parts.swift import swift_fields
from evidence.extract.reading import Reading, labeled_note, top_lines
from evidence.normalize.companies import is_platform_account
from evidence.phrases import phrases_pattern
from evidence.reference_data import load_data
from evidence.records import INFERRED, LABELED, Record, Source, TextLine, Value

_TITLE_LINES = 6


def record_method(record: Record, found: Reading) -> None:
    """Set how the money moved and whether it went to the platform.

    In order: the platform's collection account as beneficiary; PayPal, Western
    Union, cash or another channel named in the title or payment-method line;
    the platform's own receipt or order page (no other beneficiary named); a
    bank transfer named there; else the first channel named anywhere; else an
    MT103's own form (a SWIFT customer transfer is a bank transfer).
    """
    beneficiary = record.fields.get("beneficiary_name")
    if beneficiary is not None and is_platform_account(str(beneficiary.value)):
        _set_method(record, "platform", Value(beneficiary.text, beneficiary.source, beneficiary.text, INFERRED,
                                              "the beneficiary is the platform's collection account"))
        return
    named = _named_channel(found, beneficiary is not None)
    if named is not None:
        _set_method(record, named[0], _how_named(found, *named))
        return
    swift = swift_fields(found.doc)
    if {"reference", "settlement"} <= set(swift):
        field = swift["settlement"]
        _set_method(record, "bank_transfer_direct",
                    Value(field.text, field.source, field.text, LABELED, "an MT103 customer credit transfer"))
        return
    where = Source(found.doc.path)
    record.set("payment_method", "unknown", where, "", INFERRED, "no payment channel named")
    record.set("paid_to_platform", False, where, "", INFERRED, "no payment channel named")
    record.notes.append("the record does not show how the money was paid")


def _named_channel(found: Reading, has_beneficiary: bool) -> tuple[str, TextLine] | None:
    """The channel the record names (see `record_method` for the order), with the line naming it."""
    titles = top_lines(found.doc, _TITLE_LINES)
    heads = [*titles, *_method_lines(found)]
    channel = _channel_in(heads, only=("paypal", "western_union", "cash", "other"))
    if channel is None and not has_beneficiary:
        channel = _channel_in(titles, only=("platform",))
    channel = channel or _channel_in(heads, only=("bank_transfer_direct",))
    return channel or _channel_in(found.doc.lines, exclude=("platform",) if has_beneficiary else ())


def _how_named(found: Reading, channel: str, line: TextLine) -> Value:
    """The line naming the channel as a Value: labeled when a payment-method label's value names it or
    the document's title does (a bank's 'Outward Telegraphic Transfer' says what it records), else
    inferred from a word anywhere in the text."""
    pattern = _channel_pattern(channel)
    for item in found.values("payment_terms"):
        if item.source == line.source and pattern is not None and pattern.search(item.value):
            return Value(line.text, line.source, line.text, LABELED, labeled_note(item))
    titles = {title.source for title in top_lines(found.doc, _TITLE_LINES)}
    if line.source in titles:
        return Value(line.text, line.source, line.text, LABELED, "named in the title")
    return Value(line.text, line.source, line.text, INFERRED, "named in the text")


def _method_lines(found: Reading) -> list[TextLine]:
    return [TextLine(item.value, item.source) for item in found.values("payment_terms")]


def _channel_in(
    lines: list[TextLine], exclude: tuple[str, ...] = (), only: tuple[str, ...] | None = None
) -> tuple[str, TextLine] | None:
    """Given lines, return the first channel (in data order) any of them names, with the line."""
    for channel in load_data("payment_channels")["channels"]:
        if channel.startswith("_") or channel in exclude or (only is not None and channel not in only):
            continue
        pattern = _channel_pattern(channel)
        for line in lines:
            if pattern is not None and pattern.search(line.text):
                return channel, line
    return None


def _channel_pattern(channel: str) -> re.Pattern[str] | None:
    return phrases_pattern(tuple(load_data("payment_channels")["channels"][channel]))


def _set_method(record: Record, method: str, named: Value) -> None:
    """Set the method and whether it is the platform, both as sure as the words they were decided from."""
    record.set("payment_method", method, named.source, named.text, named.certainty, named.note)
    record.set("paid_to_platform", method == "platform", named.source, named.text, named.certainty, named.note)


# ---------------------------------------------------------------- purpose


def record_purpose(record: Record, found: Reading) -> None:
    """Set what the payment was for (deposit, balance, full or unknown), from its remittance text
    or status words, else from the amount paid covering the order total: inferred either way."""
    texts = []
    if "reference" in record.fields:
        value = record.fields["reference"]
        texts.append((TextLine(str(value.value), value.source), "from the remittance text"))
    texts += [(line, "from the title") for line in top_lines(found.doc, _TITLE_LINES)]
    # Elsewhere only phrases of several words count: 'balance' alone may be 'PayPal balance'.
    lines = [(line, False, note) for line, note in texts] + [(line, True, "named in the text") for line in found.doc.lines]
    for line, phrases_only, note in lines:
        purpose = purpose_in(line.text, phrases_only)
        if purpose is not None:
            record.set("payment_purpose", purpose, line.source, line.text, INFERRED, note)
            return
    paid, total = record.get("amount_paid"), record.get("order_total")
    if paid is not None and total is not None and paid >= total:
        record.set("payment_purpose", "full", record.fields["amount_paid"].source, "amount paid covers the order total",
                   INFERRED, "the amount paid covers the order total")
        return
    record.set("payment_purpose", "unknown", Source(found.doc.path), "", INFERRED, "no purpose named")


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
