"""The check report as text for a person at a terminal: findings by severity, then the verdict."""

from __future__ import annotations

import click

from evidence.check import Report
from evidence.findings import SEVERITIES

_COLOURS = {"blocker": "red", "major": "yellow", "minor": "cyan", "info": "white"}


def report_to_text(report: Report, colour: bool = False) -> str:
    out = [f"evidence check: {report.bundle}", f"{len(report.documents)} file(s) read", ""]
    for severity in SEVERITIES:
        group = [f for f in report.findings if f.severity == severity]
        if not group:
            continue
        out.append(_style(f"{severity.upper()} ({len(group)})", severity, colour))
        for finding in group:
            where = "; ".join(str(s) for s in finding.sources)
            out.append(f"  {finding.code} {finding.name}: {finding.message}")
            if where:
                out.append(f"      at: {where}")
            out.append(f"      do: {finding.remedy}")
        out.append("")
    out.append(_style(f"verdict: {report.verdict}", _verdict_severity(report.verdict), colour))
    return "\n".join(out) + "\n"


def _style(text: str, severity: str, colour: bool) -> str:
    return click.style(text, fg=_COLOURS.get(severity), bold=True) if colour else text


def _verdict_severity(verdict: str) -> str:
    return {"blocked": "blocker", "weak": "major"}.get(verdict, "info")
