"""E: eligibility and coverage. Was the order placed and paid on the platform, and is it covered?"""

from __future__ import annotations

from collections.abc import Iterator
from typing import TYPE_CHECKING, Any

from evidence.findings import Finding
from evidence.kinds import (
    CLAIM_MANIFEST,
    COMMERCIAL_INVOICE,
    CONTRACT,
    MESSAGE_LOG,
    PAYMENT_RECORD,
    PROFORMA_INVOICE,
)
from evidence.normalize.companies import company_key, is_person, is_platform_account
from evidence.normalize.complaints import complaint_out_of_scope, scope_category
from evidence.records import Basis, Event, Record, Source
from evidence.rules.registry import RULES, rule

if TYPE_CHECKING:
    from evidence.rules.context import Context

PAYMENT, MANIFEST, MESSAGES = PAYMENT_RECORD, CLAIM_MANIFEST, MESSAGE_LOG
#: Where bank instructions and the order's terms are read; E002 reports them in this order.
ORDER_KINDS = (PROFORMA_INVOICE, CONTRACT, COMMERCIAL_INVOICE)
#: payment_method values that mean the money went around the platform ("unknown" decides nothing).
OFF_PLATFORM_METHODS = {
    "bank_transfer_direct": "a direct bank transfer (T/T)",
    "paypal": "PayPal",
    "western_union": "Western Union",
    "cash": "cash",
    "other": "an off-platform channel (MoneyGram, crypto...)",
}
#: The platform's own cap range starts here: above it a coverage limit matters (E007).
USD_THRESHOLD = 10_000
QUOTE_CHARS = 120
_OTHER_COMPANY = "a company other than the supplier"


def _quote(text: str) -> str:
    text = " ".join(text.split())
    return text if len(text) <= QUOTE_CHARS else text[: QUOTE_CHARS - 3] + "..."


def _records(ctx: Context, kind: str) -> list[Record]:
    return sorted((r for r in ctx.records if r.kind == kind), key=lambda r: r.path)


def _events(ctx: Context, kind: str) -> list[Event]:
    return [e for r in _records(ctx, MESSAGES) for e in r.events if e.kind == kind]


def _anchor(ctx: Context) -> list[Source]:
    """Where a finding about something absent points: the order documents, else the manifest, else the bundle."""
    order = [Source(r.path) for r in ctx.records if r.kind in ORDER_KINDS]
    manifest = [Source(r.path) for r in ctx.records if r.kind == MANIFEST]
    return sorted(order) or manifest or [Source(d.path) for d in ctx.documents[:1]] or [Source(".")]


def _money(amount: Any, currency: str | None) -> str:
    try:
        return f"{currency or ''} {float(amount):,.2f}".strip()
    except (TypeError, ValueError):
        return f"{currency or ''} {amount}".strip()


@rule(
    "E001",
    "off-platform-payment",
    "blocker",
    "The order (or a deposit) was paid outside the platform.",
    "Trade Assurance covers only orders paid through the platform. Ask the supplier to refund the "
    "off-platform payment and pay again through the Trade Assurance order; otherwise pursue the "
    "supplier directly (bank recall, chargeback, legal demand), not through a Trade Assurance claim.",
)
def off_platform_payment(ctx: Context) -> Iterator[Finding]:
    """What it checks: no payment record and no message shows money for this order going
    around the platform: a direct T/T to the supplier's or anyone's own bank account,
    PayPal, Western Union, cash, MoneyGram or crypto.

    Why it matters: Trade Assurance protects only orders paid through the platform (card,
    platform transfer to the designated collection account, Pay Later). One deposit paid
    off-platform voids the protection for the order. Payment instructions printed on a PI are
    not a payment: this rule looks at what was actually paid (M003 covers requests).
    """
    this = RULES["E001"]
    for record in _records(ctx, PAYMENT):
        method = record.fields.get("payment_method")
        if method is None or method.value not in OFF_PLATFORM_METHODS:
            continue
        amount = record.get("amount_paid")
        paid = f" of {_money(amount, record.get('currency'))}" if amount is not None else ""
        to = record.fields.get("beneficiary_name")
        sources = [method.source] + ([to.source] if to is not None and to.source != method.source else [])
        yield this.finding(
            f"{record.path}: payment{paid} made by {OFF_PLATFORM_METHODS[str(method.value)]}"
            + (f" to {to.value}" if to is not None else "") + ", not through the platform",
            *sources, rests_on=[record.basis("payment_method"), record.basis("beneficiary_name")],
        )
    for event in _events(ctx, "off-platform-payment-made"):
        yield this.finding(
            f"{event.source.path}: the buyer says a payment went outside the platform: \"{_quote(event.quote)}\"",
            event.source,
        )


def _supplier_keys(ctx: Context) -> set[str]:
    fact = ctx.facts.get("supplier_name")
    if fact is None:
        return set()
    names = [fact.value, *(c["value"] for c in fact.conflicts)]
    return {company_key(str(n)) for n in names if n}


def _fact_basis(ctx: Context, name: str) -> Basis | None:
    fact = ctx.facts.get(name)
    return fact.basis() if fact is not None else None


def _supplier_basis(ctx: Context, why: str) -> Basis | None:
    """A beneficiary is 'a company other than the supplier' only as surely as the supplier's name was read."""
    return _fact_basis(ctx, "supplier_name") if why == _OTHER_COMPANY else None


def _beneficiary_problem(name: str, is_person_flag: Any, suppliers: set[str]) -> str | None:
    """Given a beneficiary, return why it is not the supplier (or None when it may be)."""
    if is_platform_account(name):
        return None
    if is_person_flag is True or (is_person_flag is None and is_person(name)):
        return "a private person"
    key = company_key(name)
    if suppliers and key and not any(key == s or key in s or s in key for s in suppliers):
        return _OTHER_COMPANY
    return None


def _paid_on_platform(ctx: Context) -> bool:
    platform = any(r.get("payment_method") == "platform" for r in _records(ctx, PAYMENT))
    return platform or bool(_events(ctx, "platform-payment"))


@rule(
    "E002",
    "personal-beneficiary",
    "blocker",
    "Money went (or is to go) to a private person or a company other than the supplier.",
    "Stop paying to that account. Pay only through the Trade Assurance order page; if money was "
    "already sent, ask your bank to recall it and report the account to the platform.",
)
def personal_beneficiary(ctx: Context) -> Iterator[Finding]:
    """What it checks: the beneficiary of every payment actually made (payment records), and of
    the PI/contract bank instructions when nothing shows the order was paid on the platform, is
    the supplier itself or the platform's designated collection account (Alibaba.com Singapore
    E-Commerce...), which is never flagged.

    Why it matters: a payment to a private person's account, or to a third company, is the
    classic off-platform trap: it is not covered, and often not even recoverable from the
    supplier, who can deny receiving it.
    """
    payments = _records(ctx, PAYMENT)
    yield from _wrong_beneficiaries(ctx, payments, "the payment went to {to}, {why}, not the supplier")
    if any(r.get("beneficiary_name") for r in payments) or _paid_on_platform(ctx):
        return
    instructions = [record for kind in ORDER_KINDS for record in _records(ctx, kind)]
    yield from _wrong_beneficiaries(ctx, instructions, "the bank instructions name {to}, {why}, as beneficiary, "
                                    "and nothing shows the order was paid on the platform")


def _wrong_beneficiaries(ctx: Context, records: list[Record], message: str) -> Iterator[Finding]:
    """E002 for each record whose beneficiary is a person or a company other than the supplier."""
    suppliers = _supplier_keys(ctx)
    for record in records:
        to = record.fields.get("beneficiary_name")
        why = _beneficiary_problem(str(to.value), record.get("beneficiary_is_person"), suppliers) if to else None
        if why:
            yield RULES["E002"].finding(f"{record.path}: " + message.format(to=to.value, why=why), to.source,
                                        rests_on=[record.basis("beneficiary_name"), _supplier_basis(ctx, why)])


def _order_number_anywhere(ctx: Context) -> bool:
    if "order_number" in ctx.facts:
        return True
    for record in ctx.records:
        if record.get("order_number") or record.get("order_numbers"):
            return True
    return bool(_events(ctx, "order-placed"))


@rule(
    "E003",
    "no-platform-order",
    "major",
    "No Trade Assurance order number or online order is found anywhere in the bundle.",
    "Add the Trade Assurance order page (a printout or PDF of the order with its number) and set "
    "order_number in claim.toml. If the order was never placed on the platform, it is not covered.",
)
def no_platform_order(ctx: Context) -> Iterator[Finding]:
    """What it checks: a Trade Assurance order number (or a message saying the online order was
    placed) appears in some document, message or the manifest.

    Why it matters: only Trade Assurance online orders are protected; the claim is filed
    against the order number, and a deal agreed only by PI and e-mail has nothing to claim on.
    """
    if ctx.records and not _order_number_anywhere(ctx):
        where = _anchor(ctx)
        yield RULES["E003"].finding(
            f"no Trade Assurance order number in {', '.join(s.path for s in where)} or any other document",
            *where,
        )


def _coverage_limit(ctx: Context) -> tuple[float, str | None, list[Source]] | None:
    """The supplier's coverage limit as (amount, currency or None, sources), or None when not given."""
    fact = ctx.facts.get("coverage_limit")
    if fact is None:
        return None
    value = fact.value
    amount: Any = value.get("amount") if isinstance(value, dict) else value
    currency = value.get("currency") if isinstance(value, dict) else None
    if isinstance(amount, bool):
        return None
    try:
        return float(amount), (str(currency).upper() if currency else None), list(fact.sources)
    except (TypeError, ValueError):
        return None


def _order_total(ctx: Context) -> tuple[float, str | None, list[Source]] | None:
    fact = ctx.facts.get("order_total")
    if fact is None or isinstance(fact.value, bool):
        return None
    try:
        total = float(fact.value)
    except (TypeError, ValueError):
        return None
    currency = ctx.facts.get("currency")
    code = str(currency.value).upper() if currency is not None and currency.value else None
    return total, code, list(fact.sources)


@rule(
    "E004",
    "coverage-cap-exceeded",
    "major",
    "The order total exceeds the supplier's coverage limit.",
    "Only the coverage limit is recoverable through Trade Assurance; claim up to the cap and pursue "
    "the rest with the supplier directly (or split future orders to stay under the cap).",
)
def coverage_cap_exceeded(ctx: Context) -> Iterator[Finding]:
    """What it checks: the order total against the supplier's Trade Assurance coverage limit
    (claim.toml `coverage_limit`), when both are in the same currency. A limit without a
    currency is taken to be in the order's currency; different currencies are not converted.

    Why it matters: each supplier has a cap per order (typically US$10,000-30,000); above it
    only the cap is recoverable. The message gives the uncovered amount.
    """
    limit, total = _coverage_limit(ctx), _order_total(ctx)
    if limit is None or total is None:
        return
    cap, cap_currency, cap_sources = limit
    amount, currency, total_sources = total
    if cap_currency and currency and cap_currency != currency:
        return
    currency = currency or cap_currency
    if amount > cap:
        yield RULES["E004"].finding(
            f"order total {_money(amount, currency)} ({total_sources[0].path}) exceeds the coverage limit "
            f"{_money(cap, currency)} ({cap_sources[0].path}) by {_money(amount - cap, currency)}, which is not covered",
            total_sources[0], cap_sources[0],
            rests_on=[_fact_basis(ctx, "order_total"), _fact_basis(ctx, "currency"), _fact_basis(ctx, "coverage_limit")],
        )


@rule(
    "E005",
    "out-of-scope-dispute",
    "major",
    "The complaint is of a kind Trade Assurance does not cover.",
    "Restate the complaint as a measurable deviation from the order's specification (dimensions, "
    "weight, material, test result) backed by a third-party inspection report; IP disputes and "
    "design complaints where the bulk matches an approved sample are not covered at all.",
)
def out_of_scope_dispute(ctx: Context) -> Iterator[Finding]:
    """What it checks: the complaint (claim.toml `complaint`, and the buyer's complaint
    messages) is not an IP/counterfeit dispute, not a design complaint where the bulk matches
    an approved sample, and not purely subjective ("colour looks cheap", "feels light").
    A complaint that also gives a measured figure or an objective defect (cracked, leaking,
    wrong size) is not flagged.

    Why it matters: Trade Assurance covers shipment dates and quality as the order defines
    it. A complaint no inspector can measure, or one about a design the buyer approved, is
    refused however much evidence comes with it.
    """
    texts: list[tuple[str, Source, str]] = []
    for record in _records(ctx, MANIFEST):
        complaint = record.fields.get("complaint")
        if complaint is not None and isinstance(complaint.value, str):
            texts.append((complaint.value, complaint.source, "claim.toml complaint"))
    texts += [(e.quote, e.source, "the buyer's message") for e in _events(ctx, "complaint") if e.actor != "supplier"]
    for text, source, what in texts:
        found = complaint_out_of_scope(text)
        if found is None:
            continue
        kind, phrase = found
        yield RULES["E005"].finding(
            f"{source.path}: {what} \"{_quote(text)}\" is {scope_category(kind)} (\"{phrase}\")",
            source,
        )


@rule(
    "E006",
    "payment-proof-missing",
    "major",
    "No payment record in the bundle.",
    "Add the payment proof: the Trade Assurance order page showing the order paid (amount and "
    "date), the card or platform payment receipt, or the bank's transfer confirmation.",
)
def payment_proof_missing(ctx: Context) -> Iterator[Finding]:
    """What it checks: the bundle holds at least one payment record (a bank transfer slip, a
    platform payment receipt, or an order printout that shows the order paid, with amount and date).

    Why it matters: the platform refunds what was paid through it; without proof of payment
    neither the amount at stake nor the payment channel can be shown.
    """
    if ctx.records and not _records(ctx, PAYMENT):
        where = _anchor(ctx)
        yield RULES["E006"].finding(
            "no payment record (payment receipt, transfer slip or paid order page) in the bundle", *where,
        )


@rule(
    "E007",
    "coverage-limit-unknown",
    "minor",
    "The order total is above US$10,000 and no coverage limit is given.",
    "Look up the supplier's Trade Assurance limit on its profile or the order page and set "
    "coverage_limit = { amount = ..., currency = \"USD\" } in claim.toml.",
)
def coverage_limit_unknown(ctx: Context) -> Iterator[Finding]:
    """What it checks: when the order total is above US$10,000, the claim states the supplier's
    coverage limit (claim.toml `coverage_limit`). Only USD totals are compared: no exchange
    rates are kept, so a total in another currency is treated as unknown and not flagged.

    Why it matters: supplier caps typically start at US$10,000; above that, part of the order
    may not be recoverable, and the buyer should know how much before filing.
    """
    if _coverage_limit(ctx) is not None:
        return
    total = _order_total(ctx)
    if total is None:
        return
    amount, currency, sources = total
    if currency == "USD" and amount > USD_THRESHOLD:
        yield RULES["E007"].finding(
            f"order total {_money(amount, currency)} ({sources[0].path}) is above USD {USD_THRESHOLD:,} "
            "and no coverage limit is given in claim.toml",
            sources[0], rests_on=[_fact_basis(ctx, "order_total"), _fact_basis(ctx, "currency")],
        )
