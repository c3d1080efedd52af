"""Dates the claim turns on: the 30-day window after delivery.

The window closes at the end of delivery_date + 30 days; days_left counts whole
days from the as-of date to that closing day (0 on the last day, negative once
it has closed), as RULES.md defines them. A date so late that counting on from
it would pass the calendar's end (9999-12-31) stops at that end instead of failing.
"""

from __future__ import annotations

from datetime import date, timedelta
from typing import Any

CLAIM_WINDOW_DAYS = 30


def add_days(day: date, days: int) -> date:
    """Given a date and a number of days, return the date that many days later (at most date.max)."""
    try:
        return day + timedelta(days=days)
    except OverflowError:
        return date.max if days > 0 else date.min


def claim_window_closes(delivery: date) -> date:
    """Given the delivery date, return the last day a claim can be opened."""
    return add_days(delivery, CLAIM_WINDOW_DAYS)


def days_left(delivery: date, as_of: date) -> int:
    """Given the delivery and as-of dates, return the whole days left to claim (negative once closed)."""
    return (claim_window_closes(delivery) - as_of).days


#: Dispute milestones, counted from the day the dispute was opened (day 0), and what happens then.
DISPUTE_MILESTONES: dict[int, str] = {
    4: "the buyer may escalate the dispute to the platform if the supplier has not responded",
    7: "an unanswered buyer proposal escalates automatically; an unanswered supplier proposal "
    "cancels the dispute, so answer any supplier proposal before then",
    30: "the platform mediates and typically asks both sides for evidence within 5 working days",
}


def dispute_milestones(opened: date) -> dict[int, date]:
    """Given the day the dispute was opened, return each milestone day's date."""
    return {day: add_days(opened, day) for day in DISPUTE_MILESTONES}


def deadlines(delivery: date | None, as_of: date, dispute_opened: date | None = None) -> dict[str, Any]:
    """Given the delivery date and dispute date (if known) and the as-of date, return the report's deadlines."""
    found: dict[str, Any] = {}
    if delivery is not None:
        found["delivery_date"] = delivery.isoformat()
        found["claim_window_closes"] = claim_window_closes(delivery).isoformat()
        found["days_left"] = days_left(delivery, as_of)
    if dispute_opened is not None:
        found["dispute_opened"] = dispute_opened.isoformat()
        for day, when in dispute_milestones(dispute_opened).items():
            found[f"dispute_day_{day}"] = when.isoformat()
    return found
