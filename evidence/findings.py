"""Findings: what the check reports, each with its sources and a remedy."""

from __future__ import annotations

from dataclasses import dataclass, field, replace
from typing import Any

from evidence.records import LABELED, Basis, Source

SEVERITIES = ("blocker", "major", "minor", "info")
SEVERITY_RANK = {name: rank for rank, name in enumerate(SEVERITIES)}


@dataclass(frozen=True)
class Finding:
    """One gap (or helpful fact) in a bundle, tied to where it was seen."""

    code: str
    name: str
    severity: str
    message: str
    remedy: str
    sources: tuple[Source, ...] = field(default_factory=tuple)
    #: The values the finding was decided from, with how sure each is (INTERFACE.md `rests_on`).
    rests_on: tuple[Basis, ...] = field(default_factory=tuple)

    def sort_key(self) -> tuple[int, str, tuple[Source, ...], str]:
        return (SEVERITY_RANK[self.severity], self.code, self.sources, self.message)

    def to_dict(self) -> dict[str, Any]:
        return {
            "code": self.code,
            "name": self.name,
            "severity": self.severity,
            "message": self.message,
            "sources": [s.to_dict() for s in self.sources],
            "remedy": self.remedy,
            "rests_on": [basis.to_dict() for basis in self.rests_on],
        }


def at_severity(finding: Finding, severity: str) -> Finding:
    """Given a finding and the severity its pipeline gives its rule, return it at that severity.

    A finding is only as strong as its evidence: a blocker or major finding that rests on a
    value that was inferred or guessed accuses no one. It becomes info, says what could not be
    verified, and asks for that value to be checked by hand.
    """
    unsure = [found for found in finding.rests_on if found.certainty != LABELED]
    if not unsure or severity not in ("blocker", "major"):
        return replace(finding, severity=severity)
    return replace(
        finding,
        severity="info",
        message=f"not verified ({_unsure_text(unsure)}): {finding.message}",
        remedy=f"Check the {_names(unsure)} by hand in {unsure[0].source}; if it holds: {finding.remedy}",
    )


#: How many unsure values a message names before it only counts the rest (rests_on lists them all).
_UNSURE_SHOWN = 2


def _unsure_text(unsure: list[Basis]) -> str:
    """'the supplier name was inferred (from the letterhead)' for each value not read under its label."""
    said = list(dict.fromkeys(
        f"the {found.name.replace('_', ' ')} was {found.certainty}" + (f" ({found.note})" if found.note else "")
        for found in unsure
    ))
    more = len(said) - _UNSURE_SHOWN
    return "; ".join(said[:_UNSURE_SHOWN]) + (f"; and {more} more" if more > 0 else "")


def _names(unsure: list[Basis]) -> str:
    names = sorted({found.name.replace("_", " ") for found in unsure})
    return " and ".join(names) if len(names) < 3 else ", ".join(names[:-1]) + " and " + names[-1]


def verdict(findings: list[Finding]) -> str:
    """Given the findings, return blocked (any blocker), weak (any major) or ready."""
    severities = {f.severity for f in findings}
    if "blocker" in severities:
        return "blocked"
    if "major" in severities:
        return "weak"
    return "ready"
