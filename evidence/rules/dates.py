"""D: dates and deadlines. The 30-day window after delivery, shipping dates."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date, timedelta
from typing import TYPE_CHECKING

from evidence.deadlines import (
    CLAIM_WINDOW_DAYS,
    DISPUTE_MILESTONES,
    claim_window_closes,
    days_left,
    dispute_milestones,
)
from evidence.findings import Finding
from evidence import facts
from evidence.kinds import CLAIM_MANIFEST, CONTRACT, PROFORMA_INVOICE, SHIPPING_DOCUMENT
from evidence.records import Basis, Record, Source
from evidence.rules.registry import RULES, rule
from evidence.wording import counted

if TYPE_CHECKING:
    from evidence.rules.context import Context

CLOSING_DAYS = 7  # D002 warns in the last week of the window
ORDER_KINDS = {PROFORMA_INVOICE, CONTRACT}  # where the agreed shipping date is stated
DISPUTE_LOOKAHEAD_DAYS = 3  # "within the next 3 days": from the as-of date to 3 days after, both included


def _basis(ctx: Context, name: str) -> Basis | None:
    fact = ctx.facts.get(name)
    return fact.basis() if fact is not None else None


def _fact_sources(ctx: Context, name: str) -> list[Source]:
    fact = ctx.facts.get(name)
    return list(fact.sources) if fact is not None else []


def _delivery_sources(ctx: Context) -> tuple[Source, ...]:
    fact = ctx.facts.get("delivery_date")
    return tuple(fact.sources) if fact else ()


@rule(
    "D001",
    "claim-window-expired",
    "blocker",
    "The as-of date is more than 30 days after the delivery date.",
    "A quality claim must be requested within 30 days after delivery. If the goods were received "
    "later than the documents show, add proof of the real receipt date (a signed delivery note, "
    "the courier's proof of delivery); otherwise ask the supplier directly for a remedy.",
)
def claim_window_expired(ctx: Context) -> Iterator[Finding]:
    """What it checks: the 30-day window for quality claims, counted from the delivery
    (receipt) date, has not closed on the as-of date.

    Why it matters: the platform does not accept a quality claim requested more
    than 30 days after delivery, however strong the evidence.
    """
    delivery = ctx.fact_date("delivery_date")
    if delivery is None or days_left(delivery, ctx.as_of) >= 0:
        return
    closed = claim_window_closes(delivery)
    yield RULES["D001"].finding(
        f"the claim window closed on {closed.isoformat()} ({CLAIM_WINDOW_DAYS} days after delivery on "
        f"{delivery.isoformat()}), {counted(-days_left(delivery, ctx.as_of), 'day')} before {ctx.as_of.isoformat()}",
        *_delivery_sources(ctx), rests_on=[_basis(ctx, "delivery_date")],
    )


@rule(
    "D002",
    "claim-window-closing",
    "major",
    "Seven days or fewer are left in the 30-day window after delivery.",
    "File the claim now, before the closing date; add missing evidence afterwards if the platform asks.",
)
def claim_window_closing(ctx: Context) -> Iterator[Finding]:
    """What it checks: whether the 30-day window after delivery closes within a week
    of the as-of date (never together with D001).

    Why it matters: a claim requested one day late is refused; the last week is
    the time to file, not to gather more paperwork.
    """
    delivery = ctx.fact_date("delivery_date")
    if delivery is None:
        return
    left = days_left(delivery, ctx.as_of)
    if 0 <= left <= CLOSING_DAYS:
        yield RULES["D002"].finding(
            f"{counted(left, 'day')} left: the claim window closes on {claim_window_closes(delivery).isoformat()} "
            f"(delivered {delivery.isoformat()})",
            *_delivery_sources(ctx), rests_on=[_basis(ctx, "delivery_date")],
        )


@rule(
    "D003",
    "delivery-date-unknown",
    "major",
    "No delivery (receipt) date can be established.",
    "Add the courier's proof of delivery or a signed delivery note, or set delivery_date in "
    "claim.toml, so the 30-day window can be counted.",
)
def delivery_date_unknown(ctx: Context) -> Iterator[Finding]:
    """What it checks: some document (or the manifest) shows when the goods were received.

    Why it matters: the 30-day window for a quality claim runs from delivery; without
    the date neither the buyer nor the platform can tell whether the claim is in time.
    """
    if ctx.fact_date("delivery_date") is None:
        sources = [Source(r.path) for r in ctx.records if r.kind == SHIPPING_DOCUMENT]
        where = sources or [Source(d.path) for d in ctx.documents[:1]] or [Source(".")]
        yield RULES["D003"].finding(
            "no document or claim.toml states when the goods were received"
            + (" (the shipping documents show no delivery date)" if sources else ""),
            *where,
        )


def _ship_date_records(ctx: Context) -> list[Record]:
    return sorted((r for r in ctx.records if r.kind in ORDER_KINDS), key=lambda r: r.path)


@rule(
    "D004",
    "ship-date-missing",
    "blocker",
    "The PI and contract state no shipping date or lead time at all.",
    "Get the supplier to confirm a shipping date in writing on the platform (an amended PI, or a "
    "Message Center message); without one, lateness cannot be shown.",
)
def ship_date_missing(ctx: Context) -> Iterator[Finding]:
    """What it checks: the PI or the contract states when the goods ship, as a date or a lead time.

    Why it matters: an on-time-shipment claim enforces the date the order states; with
    none, there is nothing to be late against.
    """
    records = _ship_date_records(ctx)
    stated = [r for r in records if r.get("ship_by") or r.get("lead_time") or r.get("ship_date_text")]
    if records and not stated and "ship_by" not in ctx.facts:
        yield RULES["D004"].finding(
            f"no shipping date or lead time in {', '.join(r.path for r in records)}",
            *(Source(r.path) for r in records),
        )


@rule(
    "D005",
    "ship-date-vague",
    "major",
    "The shipping date is vague, or a lead time whose anchor date is not in the bundle.",
    "Add the record of the anchor event (the deposit's payment record), or get the supplier to "
    "confirm a fixed shipping date in writing on the platform.",
)
def ship_date_vague(ctx: Context) -> Iterator[Finding]:
    """What it checks: the agreed shipping date can be pinned to a calendar day: a fixed
    date, or a lead time counted from an event whose date the bundle shows.

    Why it matters: "about 30 days" or "35 days after deposit" with no deposit record
    lets the supplier argue about when the goods were due.
    """
    if "ship_by" in ctx.facts:
        return
    for record in _ship_date_records(ctx):
        lead = record.fields.get("lead_time")
        if lead is None or not isinstance(lead.value, dict):
            continue
        text = lead.value.get("text") or lead.text
        if lead.value.get("vague"):
            reason = f"the shipping date is only vague: \"{text}\""
        else:
            reason = f"the lead time \"{text}\" counts from an event ({lead.value.get('anchor')}) whose date is not in the bundle"
        yield RULES["D005"].finding(f"{record.path}: {reason}", lead.source, rests_on=[record.basis("lead_time")])
        return


@rule(
    "D007",
    "dates-inconsistent",
    "major",
    "Documents contradict each other on a date.",
    "Find out which date is right and get the supplier to confirm it in writing; explain the "
    "difference in the claim so the reviewer does not have to.",
)
def dates_inconsistent(ctx: Context) -> Iterator[Finding]:
    """What it checks: the ship-by date is the same in the PI and the contract, the goods
    were not delivered before they shipped, and the inspection did not happen before the order.

    Why it matters: contradictory dates let the supplier pick the one that suits them.
    """
    ship_by = ctx.facts.get("ship_by")
    if ship_by is not None:
        for conflict in ship_by.conflicts:
            yield RULES["D007"].finding(
                f"ship-by {ship_by.value} in {ship_by.sources[0].path} but {conflict['value']} in "
                f"{conflict['sources'][0].path}",
                ship_by.sources[0], *conflict["sources"],
                rests_on=[ship_by.basis(), *ship_by.conflict_bases()],
            )
    yield from _order_of(ctx, "shipped_on", "delivery_date", "delivered on {b} before it shipped on {a}")
    yield from _order_of(ctx, "order_date", "inspection_date", "inspected on {b}, before the order date {a}")


def _order_of(ctx: Context, earlier: str, later: str, template: str) -> Iterator[Finding]:
    first, second = ctx.fact_date(earlier), ctx.fact_date(later)
    if first is None or second is None or second >= first:
        return
    sources = [*ctx.facts[earlier].sources[:1], *ctx.facts[later].sources[:1]]
    yield RULES["D007"].finding(template.format(a=first.isoformat(), b=second.isoformat()), *sources,
                                rests_on=[_basis(ctx, earlier), _basis(ctx, later)])


@rule(
    "D008",
    "shipped-on-time",
    "blocker",
    "Shipping documents show shipment on or before the agreed date in force.",
    "A late-shipment claim cannot succeed when the goods shipped on time; check the shipped-on-board "
    "date, and whether the claim is really about quality.",
)
def shipped_on_time(ctx: Context) -> Iterator[Finding]:
    """What it checks: the shipped-on-board date against the agreed ship-by date in force.

    Why it matters: shipping "by" a date means that day is still on time; a claim for
    late shipment against an on-time B/L fails.
    """
    shipped, in_force = ctx.fact_date("shipped_on"), ship_by_in_force(ctx)
    if shipped is None or in_force is None or shipped > in_force[0]:
        return
    due, due_source = in_force
    yield RULES["D008"].finding(
        f"shipped on {shipped.isoformat()}, on or before the agreed ship-by date {due.isoformat()}",
        *ctx.facts["shipped_on"].sources[:1], due_source,
        rests_on=[_basis(ctx, "shipped_on"), _basis(ctx, "ship_by") if due_source in _fact_sources(ctx, "ship_by") else None],
    )


def ship_by_in_force(ctx: Context) -> tuple[date, Source] | None:
    """The agreed ship-by date in force: the latest one the buyer agreed to (RULES.md D006)."""
    return facts.ship_by_in_force(ctx.facts, ctx.records)


@rule(
    "D006",
    "ship-date-extended",
    "minor",
    "Messages show the buyer agreed to a later shipping date; the claim must use the new date.",
    "Claim against the latest date you agreed to, not the original one; keep the message where "
    "you agreed it in the evidence.",
)
def ship_date_extended(ctx: Context) -> Iterator[Finding]:
    """What it checks: whether the buyer accepted a later shipping date in the messages.

    Why it matters: the date in force is the latest one the buyer agreed to; a
    late-shipment claim counted from the original date will be rejected.
    """
    original = ctx.fact_date("ship_by")
    for agreed, source, quote in facts.agreed_ship_dates(ctx.records):
        if original is not None and agreed <= original:
            continue
        before = f" (was {original.isoformat()})" if original else ""
        yield RULES["D006"].finding(
            f"the buyer agreed to ship by {agreed.isoformat()}{before}: \"{quote[:120]}\"", source
        )


@rule(
    "D009",
    "dispute-milestone-due",
    "major",
    "A dispute is open and one of its milestones falls within the next 3 days.",
    "Act before the milestone date named in the message: escalate, answer the supplier's "
    "proposal, or have the evidence ready to upload within 5 working days of the platform's request.",
)
def dispute_milestone_due(ctx: Context) -> Iterator[Finding]:
    """What it checks: with `dispute_opened` in claim.toml, whether day 4, day 7 or day 30
    of the dispute falls between the as-of date and 3 days after it.

    Why it matters: on day 7 an unanswered supplier proposal cancels the dispute, and
    in mediation evidence is due within 5 working days; missing either loses the claim.
    """
    opened = ctx.manifest_date("dispute_opened")
    if opened is None:
        return
    manifest = next(r for r in ctx.records if r.kind == CLAIM_MANIFEST)
    source = manifest.fields["dispute_opened"].source
    for day, when in dispute_milestones(opened).items():
        if ctx.as_of <= when <= ctx.as_of + timedelta(days=DISPUTE_LOOKAHEAD_DAYS):
            yield RULES["D009"].finding(
                f"dispute day {day} is {when.isoformat()} (opened {opened.isoformat()}): "
                f"{DISPUTE_MILESTONES[day]}",
                source,
            )
