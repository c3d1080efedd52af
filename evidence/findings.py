"""Findings: what the check reports, each with its sources and a remedy."""

from __future__ import annotations

import re
from collections import defaultdict
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
    #: How many findings of this code and cause this one stands for (`grouped`); None for one.
    count: int | None = None
    #: The most severe the finding may be whatever its pipeline says: a file read in part (its
    #: first 500 pages, a chat's last 10,000 messages) is told, but it weakens no claim.
    ceiling: str | None = None

    def sort_key(self) -> tuple[int, str, tuple[Source, ...], str]:
        return (SEVERITY_RANK[self.severity], self.code, self.sources, self.message)

    def to_dict(self) -> dict[str, Any]:
        data: dict[str, Any] = {
            "code": self.code,
            "name": self.name,
            "severity": self.severity,
            "message": self.message,
        }
        if self.count is not None:
            data["count"] = self.count
        data["sources"] = [s.to_dict() for s in self.sources]
        data["remedy"] = self.remedy
        data["rests_on"] = [basis.to_dict() for basis in self.rests_on]
        return data


def at_severity(finding: Finding, severity: str) -> Finding:
    """Given a finding and the severity its pipeline gives its rule, return it at that severity.

    A finding is only as strong as its evidence: a blocker or major finding that rests on a
    value that was inferred or guessed accuses no one. It becomes info, says what could not be
    verified, and asks for that value to be checked by hand.
    """
    if finding.ceiling is not None and SEVERITY_RANK[severity] < SEVERITY_RANK[finding.ceiling]:
        severity = finding.ceiling
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


#: More findings than this of one code and cause become one finding with a count (`grouped`).
GROUP_LIMIT = 20
#: How many sources, and values it rests on, a grouped finding keeps (the first ones).
GROUP_SOURCES = 50
#: How many more places a grouped finding's message names after its first finding's.
_EXAMPLES = 3
_NUMBER = re.compile(r"\d+")


def grouped(findings: list[Finding], limit: int = GROUP_LIMIT, sources: int = GROUP_SOURCES) -> list[Finding]:
    """Given findings (in report order), return them with every set of more than `limit` findings
    of one code and cause as one finding with a `count`, where the first of them stood.

    Findings share a cause when their messages differ only in the file names or numbers
    (a line, a page) they mention: 95,000 members of an oversized zip, 30,000 encrypted
    e-mails of one mailbox. The grouped finding keeps the first `sources` sources and
    the highest severity of the set; a report with few findings comes back unchanged.
    """
    keys = [(f.code, _cause(f)) for f in findings]
    members: dict[tuple[str, str], list[Finding]] = defaultdict(list)
    for key, finding in zip(keys, findings):
        members[key].append(finding)
    out: list[Finding] = []
    for key, finding in zip(keys, findings):
        group = members[key]
        if len(group) <= limit:
            out.append(finding)
        elif group[0] is finding:
            out.append(_one_for(group, sources))
    return out


def _cause(finding: Finding) -> str:
    """Given a finding, return its message without the file names and numbers it mentions."""
    message = finding.message
    for path in sorted({source.path for source in finding.sources if source.path}, key=len, reverse=True):
        message = message.replace(path, "\0")
    return _NUMBER.sub("#", message)


def _one_for(group: list[Finding], limit: int) -> Finding:
    """Given many findings of one code and cause, return one finding that counts them."""
    first = group[0]
    places = list(dict.fromkeys(source for finding in group for source in finding.sources))
    unit = "files" if len({source.path for source in places}) >= len(group) else "places"
    others = [source for source in places if source not in first.sources][:_EXAMPLES]
    rest = len(group) - 1 - len(others)
    if others:
        more = f" and {rest:,} more" if rest > 0 else ""
        also = f"and the same at {'; '.join(str(source) for source in others)}{more}"
    else:
        also = f"and {len(group) - 1:,} more like it"
    message = f"{len(group):,} {unit}: {first.message} ({also})"
    rests_on: dict[str, Basis] = {}
    for basis in (basis for finding in group for basis in finding.rests_on):
        if len(rests_on) >= limit:
            break
        rests_on.setdefault(repr(basis), basis)
    return replace(
        first,
        severity=min((finding.severity for finding in group), key=SEVERITY_RANK.__getitem__),
        message=message,
        sources=tuple(places[:limit]),
        rests_on=tuple(rests_on.values()),
        count=len(group),
    )
