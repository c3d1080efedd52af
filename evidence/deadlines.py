"""Dates the claim turns on: the 30-day window after delivery.

The window closes at the end of delivery_date + 30 days; days_left counts whole
days from the as-of date to that closing day (0 on the last day, negative once
it has closed), as RULES.md defines them.
"""

from __future__ import annotations

from datetime import date, timedelta
from typing import Any

CLAIM_WINDOW_DAYS = 30


def claim_window_closes(delivery: date) -> date:
    return delivery + timedelta(days=CLAIM_WINDOW_DAYS)


def days_left(delivery: date, as_of: date) -> int:
    return (claim_window_closes(delivery) - as_of).days


def deadlines(delivery: date | None, as_of: date) -> dict[str, Any]:
    """Given the delivery date (if known) and the as-of date, return the report's deadlines."""
    if delivery is None:
        return {}
    return {
        "delivery_date": delivery.isoformat(),
        "claim_window_closes": claim_window_closes(delivery).isoformat(),
        "days_left": days_left(delivery, as_of),
    }
