"""The check report as text for a person at a terminal: findings by severity, then the verdict."""

from __future__ import annotations

import click

from evidence.check import Report
from evidence.findings import SEVERITIES

_COLOURS = {"blocker": "red", "major": "yellow", "minor": "cyan", "info": "white"}


def report_to_text(report: Report, colour: bool = False) -> str:
    out = [
        f"evidence check: {report.bundle}",
        f"claim: {report.claim_type}, as of {report.as_of.isoformat()}, {len(report.documents)} file(s) read",
        "",
    ]
    out += _documents(report) + _facts(report)
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
    if report.deadlines:
        closes, left = report.deadlines["claim_window_closes"], report.deadlines["days_left"]
        state = f"{left} day(s) left" if left >= 0 else f"closed {-left} day(s) ago"
        out.append(f"claim window closes {closes} ({state})")
    out.append(_style(f"verdict: {report.verdict}", _verdict_severity(report.verdict), colour))
    return "\n".join(out) + "\n"


def _documents(report: Report) -> list[str]:
    out = ["Documents"]
    for doc, record in zip(report.documents, report.records):
        number = record.get("document_number")
        out.append(f"  {record.kind:<19} {doc.path}" + (f"  ({number})" if number else ""))
    return out + [""]


def _facts(report: Report) -> list[str]:
    if not report.facts:
        return []
    out = ["Facts"]
    for name, fact in report.facts.items():
        value = fact.value
        if isinstance(value, dict) and {"amount", "currency"} <= set(value):
            value = f"{value['currency']} {value['amount']}"
        more = f" +{len(fact.sources) - 1}" if len(fact.sources) > 1 else ""
        out.append(f"  {name:<19} {value}  [{fact.sources[0]}{more}]")
        for conflict in fact.conflicts:
            where = "; ".join(str(s) for s in conflict["sources"])
            out.append(f"  {'':<19} but {conflict['value']} in {where}")
    return out + [""]


def _style(text: str, severity: str, colour: bool) -> str:
    return click.style(text, fg=_COLOURS.get(severity), bold=True) if colour else text


def _verdict_severity(verdict: str) -> str:
    return {"blocked": "blocker", "weak": "major"}.get(verdict, "info")
