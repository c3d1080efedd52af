"""D: dates and deadlines. The 30-day window after delivery, shipping dates."""

from __future__ import annotations

from collections.abc import Iterator
from typing import TYPE_CHECKING

from evidence.deadlines import CLAIM_WINDOW_DAYS, claim_window_closes, days_left
from evidence.findings import Finding
from evidence.records import Source
from evidence.rules import RULES, rule

if TYPE_CHECKING:
    from evidence.check import Context

CLOSING_DAYS = 7  # D002 warns in the last week of the window


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

    Remedy: prove a later receipt date if there is one; otherwise the claim is out of time.
    """
    delivery = ctx.fact_date("delivery_date")
    if delivery is None or days_left(delivery, ctx.as_of) >= 0:
        return
    closed = claim_window_closes(delivery)
    yield RULES["D001"].finding(
        f"the claim window closed on {closed.isoformat()} ({CLAIM_WINDOW_DAYS} days after delivery on "
        f"{delivery.isoformat()}), {-days_left(delivery, ctx.as_of)} day(s) before {ctx.as_of.isoformat()}",
        *_delivery_sources(ctx),
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

    Remedy: file before the closing date named in the message.
    """
    delivery = ctx.fact_date("delivery_date")
    if delivery is None:
        return
    left = days_left(delivery, ctx.as_of)
    if 0 <= left <= CLOSING_DAYS:
        yield RULES["D002"].finding(
            f"{left} day(s) left: the claim window closes on {claim_window_closes(delivery).isoformat()} "
            f"(delivered {delivery.isoformat()})",
            *_delivery_sources(ctx),
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

    Remedy: add a proof of delivery, or state delivery_date in claim.toml.
    """
    if ctx.fact_date("delivery_date") is None:
        sources = [Source(r.path) for r in ctx.records if r.kind == "shipping_document"]
        where = sources or [Source(d.path) for d in ctx.documents[:1]] or [Source(".")]
        yield RULES["D003"].finding(
            "no document or claim.toml states when the goods were received"
            + (" (the shipping documents show no delivery date)" if sources else ""),
            *where,
        )
