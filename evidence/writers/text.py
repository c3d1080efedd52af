"""The check report as text for a person at a terminal: findings by severity, then the verdict."""

from __future__ import annotations

from evidence.findings import SEVERITIES
from evidence.report import Report
from evidence.writers.safe import shown
from evidence.writers.style import Style, certainty_mark, places, plain

_COLOURS = {"blocker": "red", "major": "yellow", "minor": "cyan", "info": "white"}


def report_to_text(report: Report, style: Style | None = None) -> str:
    """Given a Report, return it as text; with a `style`, severity headings and the verdict are coloured.

    Every line that holds a name or extracted text is passed through `shown` before it is
    styled, so nothing from the bundle can start a line or send an escape to the terminal.
    """
    style = style or plain
    out = [
        shown(f"evidence check: {report.bundle}"),
        shown(f"claim: {report.claim_type}, as of {report.as_of.isoformat()}, {len(report.documents)} file(s) read"),
        "",
    ]
    out += _documents(report) + _facts(report) + _findings(report, style) + _deadline(report)
    out.append(style(f"verdict: {report.verdict}", _COLOURS[_verdict_severity(report.verdict)]))
    return "\n".join(out) + "\n"


def _findings(report: Report, style: Style) -> list[str]:
    out: list[str] = []
    for severity in SEVERITIES:
        group = [f for f in report.findings if f.severity == severity]
        if not group:
            continue
        out.append(style(f"{severity.upper()} ({len(group)})", _COLOURS[severity]))
        for finding in group:
            where = places(finding)
            out.append(shown(f"  {finding.code} {finding.name}: {finding.message}"))
            if where:
                out.append(shown(f"      at: {where}"))
            unsure = [b for b in finding.rests_on if b.certainty != "labeled"]
            if unsure:
                out.append(shown("      rests on: " + "; ".join(
                    f"{b.name.replace('_', ' ')} {b.value}{certainty_mark(b.certainty, b.note)}" for b in unsure)))
            out.append(shown(f"      do: {finding.remedy}"))
        out.append("")
    return out


def _deadline(report: Report) -> list[str]:
    if not report.deadlines:
        return []
    closes, left = report.deadlines["claim_window_closes"], report.deadlines["days_left"]
    state = f"{left} day(s) left" if left >= 0 else f"closed {-left} day(s) ago"
    return [f"claim window closes {closes} ({state})"]


def _documents(report: Report) -> list[str]:
    out = ["Documents"]
    for doc, record in zip(report.documents, report.records):
        number = record.get("document_number")
        out.append(shown(f"  {record.kind:<19} {doc.path}" + (f"  ({number})" if number else "")))
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
        out.append(shown(f"  {name:<19} {value}{certainty_mark(fact.certainty, fact.note)}  [{fact.sources[0]}{more}]"))
        for conflict in fact.conflicts:
            where = "; ".join(str(s) for s in conflict["sources"])
            mark = certainty_mark(conflict.get("certainty", "labeled"), conflict.get("note", ""))
            out.append(shown(f"  {'':<19} but {conflict['value']}{mark} in {where}"))
    return out + [""]


def _verdict_severity(verdict: str) -> str:
    return {"blocked": "blocker", "weak": "major"}.get(verdict, "info")
