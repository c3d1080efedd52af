"""Findings: what the check reports, each with its sources and a remedy."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from evidence.records import Source

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
        }


def verdict(findings: list[Finding]) -> str:
    """Given the findings, return blocked (any blocker), weak (any major) or ready."""
    severities = {f.severity for f in findings}
    if "blocker" in severities:
        return "blocked"
    if "major" in severities:
        return "weak"
    return "ready"
