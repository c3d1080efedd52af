"""X: consistency across documents, in the spirit of UCP 600 Art. 14(d).

Data in one document need not be identical to the same data in another, but it
must not conflict with it. The facts (evidence/facts.py) already keep every
conflicting statement after normalising (references without spaces and dashes,
company names without suffixes, amounts to the cent); these rules decide which
of those conflicts matter for a claim and read the records directly for what
the facts do not cover (line items and charges, payments in full).

Inspection reports are left out here: a report naming another order, product or
quantity is I004. Shipping documents are left out of the party and quantity
comparisons: a shipper or consignee need not be the seller or buyer (a forwarder,
"to order"; UCP 600 Art. 14(k)), and a bill of lading shows what shipped, not
what was ordered.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from evidence.facts import comparable
from evidence.findings import Finding
from evidence.kinds import (
    CLAIM_MANIFEST,
    INSPECTION_REPORT,
    ORDER_TERMS,
    PAYMENT_RECORD,
    PROFORMA_INVOICE,
    SHIPPING_DOCUMENT,
)
from evidence.records import CERTAINTIES, LABELED, Basis, Record, Source, Value
from evidence.rules.registry import RULES, rule

if TYPE_CHECKING:
    from evidence.rules.context import Context

ORDER_KINDS = ORDER_TERMS
#: The kinds whose statements each rule compares (others are other rules' business).
ORDER_NUMBER_KINDS = {CLAIM_MANIFEST, *ORDER_KINDS, PAYMENT_RECORD, SHIPPING_DOCUMENT}
QUANTITY_KINDS = {*ORDER_KINDS, PAYMENT_RECORD}
PARTY_KINDS = {*ORDER_KINDS, PAYMENT_RECORD}
CURRENCY_KINDS = {*ORDER_KINDS, PAYMENT_RECORD}
CENT = 0.01
_DISCOUNT = re.compile(r"discount|rebate|less\b|deduct|折扣|优惠|减", re.IGNORECASE)
_UNITS = {"pc": "pcs", "pcs": "pcs", "piece": "pcs", "pieces": "pcs", "unit": "pcs", "units": "pcs",
          "件": "pcs", "个": "pcs", "只": "pcs", "set": "sets", "sets": "sets", "套": "sets"}
_LATIN = re.compile(r"[a-z]")
_CJK = re.compile(r"[\u3400-\u9fff]")


@dataclass
class Statement:
    """One value as some documents state it, with where they state it."""

    value: Any
    sources: list[Source] = field(default_factory=list)

    @property
    def paths(self) -> list[str]:
        return list(dict.fromkeys(s.path for s in self.sources))


def _kinds(ctx: Context) -> dict[str, str]:
    return {r.path: r.kind for r in ctx.records}


def _fact_statements(ctx: Context, name: str, kinds: set[str]) -> list[Statement]:
    """Given a fact, return its value and each conflict, keeping only sources from the given kinds."""
    fact = ctx.facts.get(name)
    if fact is None:
        return []
    by_path = _kinds(ctx)
    groups = [(fact.value, fact.sources)] + [(c["value"], c["sources"]) for c in fact.conflicts]
    found = [Statement(value, [s for s in sources if by_path.get(s.path) in kinds]) for value, sources in groups]
    return [s for s in found if s.sources]


def _add(statements: list[Statement], name: str, value: Value) -> None:
    """Add one more stated value, to the statement it agrees with or as a new one."""
    for statement in statements:
        if comparable(name, statement.value) == comparable(name, value.value):
            if value.source not in statement.sources:
                statement.sources.append(value.source)
            return
    statements.append(Statement(value.value, [value.source]))


def _bases(ctx: Context, name: str, statements: list[Statement]) -> list[Basis]:
    """Given the statements a finding compares, return each as a Basis: as sure as its surest reading.

    A statement's sources are looked up among the records' values of `name` (a PI's
    order_total, a payment's amount...); a source no record value has (claim.toml, a fact
    worked out from others) counts as stated.
    """
    found = []
    for statement in statements:
        key = comparable(name, statement.value)
        read = [v for s in statement.sources for _, v in ctx.values_at(s) if comparable(name, v.value) == key]
        surest = min(read, key=lambda v: CERTAINTIES.index(v.certainty), default=None)
        certainty, note = (surest.certainty, surest.note) if surest else (LABELED, "")
        found.append(Basis(name, statement.value, statement.sources[0], certainty, note))
    return found


def _describe(statements: list[Statement], show: Callable[[Any], str] = str) -> str:
    return " vs ".join(f"{show(s.value)} in {', '.join(s.paths)}" for s in statements)


def _sources(statements: list[Statement]) -> list[Source]:
    return [source for s in statements for source in s.sources]


# ------------------------------------------------------------------ X001


def _document_numbers(ctx: Context) -> set[str]:
    return {comparable("order_number", str(r.get("document_number")))
            for r in ctx.records if r.kind in ORDER_KINDS and r.get("document_number")}


@rule(
    "X001",
    "order-number-mismatch",
    "major",
    "The same order reference differs between documents or from claim.toml.",
    "Check which number is the Trade Assurance order (the platform's order page shows it); get the "
    "supplier to correct the document that cites another, or explain the difference in the claim.",
)
def order_number_mismatch(ctx: Context) -> Iterator[Finding]:
    """What it checks: the Trade Assurance order number is the same in claim.toml, the PI, the
    contract, commercial invoice, payment and shipping documents; and a PI number another document
    cites is the number of the PI in the bundle. Spaces, dashes and case are formatting; a PI and a
    contract having their own numbers is normal. A report naming another order is I004.

    Why it matters: the platform ties a claim to one order; a document citing another order
    number may be taken as evidence of a different transaction.
    """
    own_numbers = _document_numbers(ctx)
    statements = [s for s in _fact_statements(ctx, "order_number", ORDER_NUMBER_KINDS)
                  # a document quoting the PI or contract number in its order slot does not conflict
                  if comparable("order_number", str(s.value)) not in own_numbers]
    if len(statements) > 1:
        yield RULES["X001"].finding(f"order number differs: {_describe(statements)}", *_sources(statements),
                                    rests_on=_bases(ctx, "order_number", statements))
    pis = [r for r in ctx.records if r.kind == PROFORMA_INVOICE and r.get("document_number")]
    if not pis:
        return
    pi_numbers = {comparable("order_number", str(r.get("document_number"))) for r in pis}
    for record in sorted(ctx.records, key=lambda r: r.path):
        cited = record.fields.get("pi_number")
        if record.kind in {INSPECTION_REPORT, PROFORMA_INVOICE} or cited is None:
            continue
        key = comparable("order_number", str(cited.value))
        # A reference read only in part ('2609' of 'LT PI 2609 021') is not a different one.
        if len(key) >= 6 and not any(key in number or number in key for number in pi_numbers):
            yield RULES["X001"].finding(
                f"{record.path} cites PI {cited.value}, but the PI in the bundle is "
                f"{', '.join(str(r.get('document_number')) for r in pis)}",
                cited.source, *(r.fields["document_number"].source for r in pis),
                rests_on=[record.basis("pi_number"), *(r.basis("document_number") for r in pis)])


# ------------------------------------------------------------------ X002


def _unit(record: Record | None) -> str | None:
    unit = record.get("quantity_unit") if record else None
    return _UNITS.get(str(unit).strip().lower().rstrip("."), str(unit).strip().lower()) if unit else None


@rule(
    "X002",
    "quantity-mismatch",
    "major",
    "Ordered quantities differ between documents.",
    "Find out which quantity was agreed (the platform order is what the claim enforces) and have the "
    "supplier correct the other document, or explain the difference in the claim.",
)
def quantity_mismatch(ctx: Context) -> Iterator[Finding]:
    """What it checks: the ordered quantity is the same on the PI, the contract, the commercial
    invoice and the platform order/payment record (quantities in different units, pieces vs
    cartons, are not compared). Inspected and shipped quantities are other rules' business.

    Why it matters: a claim enforces what the order says; two ordered quantities leave the
    supplier room to argue the goods delivered were what was agreed.
    """
    records = {r.path: r for r in ctx.records}
    statements = _fact_statements(ctx, "quantity", QUANTITY_KINDS)
    for record in sorted(ctx.records, key=lambda r: r.path):
        value = record.fields.get("quantity")
        if record.kind == PAYMENT_RECORD and value is not None and isinstance(value.value, (int, float)):
            _add(statements, "quantity", value)
    units = {_unit(records.get(p)) for s in statements for p in s.paths} - {None}
    if len(statements) > 1 and len(units) <= 1:
        unit = f" {units.pop()}" if units else ""
        yield RULES["X002"].finding(
            "ordered quantity differs: " + _describe(statements, lambda v: f"{v:,}{unit}"), *_sources(statements),
            rests_on=_bases(ctx, "quantity", statements))


# ------------------------------------------------------------------ X003


def _currency(record: Record | None) -> str | None:
    value = record.get("currency") if record else None
    return str(value).upper() if value else None


def _number(value: Any) -> float | None:
    return float(value) if isinstance(value, (int, float)) and not isinstance(value, bool) else None


def _money(amount: Any, currency: str | None) -> str:
    return f"{currency + ' ' if currency else ''}{amount:,.2f}"


def _item_amount(item: dict[str, Value]) -> float | None:
    amount = _number(item["amount"].value) if "amount" in item else None
    if amount is not None:
        return amount
    quantity = _number(item["quantity"].value) if "quantity" in item else None
    price = _number(item["unit_price"].value) if "unit_price" in item else None
    return quantity * price if quantity is not None and price is not None else None


def _charge_totals(record: Record) -> set[float]:
    """Given a record's charges, return what they add: discounts taken off, or all added as written."""
    charges = record.get("charges") or []
    added = signed = 0.0
    for charge in charges if isinstance(charges, list) else []:
        amount = _number(charge.get("amount")) if isinstance(charge, dict) else None
        if amount is None:
            continue
        added += amount
        discount = amount > 0 and bool(_DISCOUNT.search(str(charge.get("description", ""))))
        signed += -amount if discount else amount
    return {round(added, 2), round(signed, 2)}


def _written_charges(record: Record) -> list[float]:
    """Given a record, return the amounts of its fee and charge lines as extraction read them
    (record.charge_lines: 'Packing charge: 300.00' under the item table, which `charges` may not hold)."""
    amounts = [_number(line.value) for line in record.charge_lines]
    return [a for a in amounts if a is not None]


def _items_mismatch(record: Record) -> Finding | None:
    """Given a PI/contract/invoice, return a finding when its line items and charges miss its total."""
    total = record.fields.get("order_total")
    amounts = [_item_amount(item) for item in record.items]
    if total is None or _number(total.value) is None or not amounts or None in amounts:
        return None
    items = sum(a for a in amounts if a is not None)
    sums = {round(items + charges, 2) for charges in _charge_totals(record)}
    stated = float(total.value)
    if any(abs(s - stated) <= CENT * len(amounts) for s in sums):
        return None
    # Written charge, tax and discount lines (a discount negative) explain the gap one by one or together.
    written = _written_charges(record)
    if any(abs(abs(stated - items) - abs(c)) <= CENT * len(amounts) for c in [*written, sum(written)] if c):
        return None
    currency = _currency(record)
    added = max(sums, key=lambda s: abs(s - items))
    charges = f" plus charges {_money(added - items, currency)}" if added != items else ""
    sources = [total.source] + [item[k].source for item in record.items for k in ("amount",) if k in item]
    return RULES["X003"].finding(
        f"{record.path}: line items {_money(items, currency)}{charges} do not add up to the stated "
        f"total {_money(stated, currency)}",
        *sources, rests_on=[record.basis("order_total"), *_item_bases(record, "amount")])


def _item_bases(record: Record, name: str) -> list[Basis]:
    return [Basis.of(f"line {name}", item[name]) for item in record.items if name in item]


def _line_mismatches(record: Record) -> Iterator[Finding]:
    """Given a record, yield a finding for each line whose quantity x unit price is not its amount."""
    for item in record.items:
        values = {k: _number(item[k].value) if k in item else None for k in ("quantity", "unit_price", "amount")}
        quantity, price, amount = values["quantity"], values["unit_price"], values["amount"]
        # A 'Price' column that holds the line's amount is its total price, not a price a unit.
        if quantity is None or price is None or amount is None or abs(price - amount) <= CENT:
            continue
        # A unit price written to the cent may be rounded by up to half a cent a unit.
        if abs(quantity * price - amount) > quantity * 0.005 + CENT:
            model = item["model"].value if "model" in item else "a line"
            yield RULES["X003"].finding(
                f"{record.path}: {model}: {quantity:,g} x {price:,g} = {quantity * price:,.2f}, "
                f"but the line amount is {amount:,.2f}",
                item["amount"].source,
                rests_on=[Basis.of(f"line {name}", item[name]) for name in ("quantity", "unit_price", "amount")])


def _full_payments(ctx: Context) -> list[Record]:
    return [r for r in sorted(ctx.records, key=lambda r: r.path)
            if r.kind == PAYMENT_RECORD and r.get("payment_purpose") == "full"]


@rule(
    "X003",
    "amount-mismatch",
    "major",
    "Order totals differ between documents, or line items and charges do not add up to the total.",
    "Find out which amount was agreed and have the supplier correct the other document (an amended "
    "PI or contract), or explain the difference (a fee, a discount) in the claim.",
)
def amount_mismatch(ctx: Context) -> Iterator[Finding]:
    """What it checks: the order total is the same on the PI, the contract and the commercial
    invoice, and a payment in full (less a transaction fee it shows separately) pays that total;
    each document's line items plus its stated freight and charges add up to its total. A deposit
    or balance payment alone is not compared; amounts in different currencies are not compared
    (that is X004).

    Why it matters: a refund is computed from the order amount; two totals, or a total its own
    lines do not support, let the supplier dispute what was owed and paid.
    """
    records = {r.path: r for r in ctx.records}
    totals = _fact_statements(ctx, "order_total", set(ORDER_KINDS))
    for record in _full_payments(ctx):
        if record.fields.get("order_total") is not None:
            _add(totals, "order_total", record.fields["order_total"])
    by_currency: dict[str | None, list[Statement]] = {}
    for statement in totals:
        for path in statement.paths:
            currency = _currency(records.get(path))
            group = by_currency.setdefault(currency, [])
            _add(group, "order_total", Value(statement.value, next(s for s in statement.sources if s.path == path)))
    for currency, group in by_currency.items():
        if len(group) > 1:
            shown = " vs ".join(f"{_money(g.value, currency)} in {', '.join(g.paths)}" for g in group)
            yield RULES["X003"].finding(f"order total differs: {shown}", *_sources(group),
                                        rests_on=_bases(ctx, "order_total", group))
    yield from _payment_mismatches(ctx, by_currency)
    for record in sorted(ctx.records, key=lambda r: r.path):
        if record.kind in ORDER_KINDS:
            found = _items_mismatch(record)
            if found is not None:
                yield found
            yield from _line_mismatches(record)


def _payment_mismatches(ctx: Context, by_currency: dict[str | None, list[Statement]]) -> Iterator[Finding]:
    """Given the order totals by currency, yield a finding for each payment in full that pays none of them."""
    for record in _full_payments(ctx):
        paid = record.fields.get("amount_paid")
        amount = _number(paid.value) if paid is not None else None
        currency = _currency(record)
        totals = by_currency.get(currency) or []
        if paid is None or amount is None or not totals:
            continue
        fee = _number(record.get("transaction_fee")) or 0.0
        if any(abs(amount - float(t.value)) <= CENT or abs(amount - fee - float(t.value)) <= CENT
               for t in totals if _number(t.value) is not None):
            continue
        shown = f" (less fee {_money(fee, currency)})" if fee else ""
        yield RULES["X003"].finding(
            f"{record.path} pays {_money(amount, currency)} in full{shown}, but the order total is "
            + " / ".join(f"{_money(t.value, currency)} in {', '.join(t.paths)}" for t in totals),
            paid.source, *_sources(totals),
            rests_on=[record.basis("amount_paid"), *_bases(ctx, "order_total", totals)])


# ------------------------------------------------------------------ X004


@rule(
    "X004",
    "currency-mismatch",
    "major",
    "Documents use different currencies for the same order.",
    "Find out which currency the order is in (the platform order shows it) and have the other "
    "document corrected, or explain the conversion in the claim.",
)
def currency_mismatch(ctx: Context) -> Iterator[Finding]:
    """What it checks: the PI, the contract, the commercial invoice and the payment records
    state amounts in one currency.

    Why it matters: a refund is paid in the order's currency; documents in different currencies
    leave the amount owed open to argument and cannot be compared with each other.
    """
    statements = _fact_statements(ctx, "currency", CURRENCY_KINDS)
    if len(statements) > 1:
        yield RULES["X004"].finding(
            "currency differs: " + _describe(statements, lambda v: str(v).upper()), *_sources(statements),
            rests_on=_bases(ctx, "currency", statements))


# ------------------------------------------------------------------ X005


def _aliases(ctx: Context, name: str) -> list[set[str]]:
    """Given a party field, return the names each document pairs (English with its local name)."""
    pairs = []
    for record in ctx.records:
        english, local = record.get(name), record.get(f"{name}_local")
        if isinstance(english, str) and isinstance(local, str):
            pairs.append({comparable(name, english), comparable(name, local)})
    return pairs


def _same_party(name: str, a: Any, b: Any, aliases: list[set[str]]) -> bool:
    ka, kb = comparable(name, a), comparable(name, b)
    if ka == kb or any(ka in pair and kb in pair for pair in aliases):
        return True
    # One name written only in Chinese, the other only in Latin letters, with no pairing: not comparable.
    scripts = {bool(_CJK.search(str(k))) and not _LATIN.search(str(k)) for k in (ka, kb)}
    return len(scripts) > 1


@rule(
    "X005",
    "party-mismatch",
    "major",
    "Documents name a different legal entity as supplier or buyer.",
    "Check that every document is for the same supplier and buyer as the Trade Assurance order; get "
    "documents issued in the wrong name corrected, or explain (a trading company, a parent) in the claim.",
)
def party_mismatch(ctx: Context) -> Iterator[Finding]:
    """What it checks: the PI, the contract, the commercial invoice and the platform order/payment
    record name the same supplier and the same buyer. Case, punctuation and legal suffixes
    (Co., Ltd. / Company Limited) are formatting, and a document's own Chinese/English pairing of a
    name makes the two one name. Shippers and consignees on transport documents are not compared
    (they need not be the seller and buyer); a payment's beneficiary is E002's business.

    Why it matters: Trade Assurance covers the order with the supplier who holds it; a document
    from another entity may not count as evidence of that order.
    """
    for name, role in (("supplier_name", "supplier"), ("buyer_name", "buyer")):
        aliases = _aliases(ctx, name)
        groups: list[Statement] = []
        stated = _fact_statements(ctx, name, PARTY_KINDS)
        for record in sorted(ctx.records, key=lambda r: r.path):
            value = record.fields.get(name)
            if record.kind == PAYMENT_RECORD and value is not None and isinstance(value.value, str):
                _add(stated, name, value)
        for statement in stated:
            for source in statement.sources:
                same = next((g for g in groups if _same_party(name, g.value, statement.value, aliases)), None)
                if same is None:
                    groups.append(Statement(statement.value, [source]))
                elif source not in same.sources:
                    same.sources.append(source)
        if len(groups) > 1:
            yield RULES["X005"].finding(f"{role} differs: " + _describe(groups), *_sources(groups),
                                        rests_on=_bases(ctx, name, groups))
