"""What a buyer reads first: the most important things to do, and the next dispute milestone.

The HTML report's summary card and the batch index both show these, so they are
chosen here, once, from the report's findings and deadlines (a user can import
them too). Nothing here formats text for a page.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import Any

from evidence.deadlines import DISPUTE_MILESTONES
from evidence.findings import SEVERITY_RANK, Finding

#: How many things to do the summary card lists.
TOP_ACTIONS = 3


def top_actions(findings: list[Finding], limit: int = TOP_ACTIONS) -> list[Finding]:
    """Given a report's findings, return the `limit` whose remedies matter most: one per code,
    the most severe first (blockers, then majors...), in report order within a severity.

    A code that fires several times (three off-platform payments) has one remedy, so it takes
    one place and leaves the others for different things to do.
    """
    by_severity = sorted(findings, key=lambda f: SEVERITY_RANK[f.severity])  # stable: report order kept
    chosen: dict[str, Finding] = {}
    for finding in by_severity:
        if finding.code not in chosen:
            chosen[finding.code] = finding
        if len(chosen) == limit:
            break
    return list(chosen.values())


@dataclass(frozen=True)
class Milestone:
    """A dispute milestone: its day counted from the opening (day 0), its date, and what happens then."""

    day: int
    on: date
    what: str

    def days_from(self, as_of: date) -> int:
        """Given the as-of date, return the whole days until the milestone (0 on its day)."""
        return (self.on - as_of).days


def next_milestone(deadlines: dict[str, Any], as_of: date) -> Milestone | None:
    """Given a report's deadlines and its as-of date, return the first dispute milestone on or after
    the as-of date, or None (no dispute open, or every milestone passed)."""
    for day, what in sorted(DISPUTE_MILESTONES.items()):
        when = deadlines.get(f"dispute_day_{day}")
        if when is None:
            continue
        on = date.fromisoformat(when)
        if on >= as_of:
            return Milestone(day, on, what)
    return None
