"""The check report as text for a person at a terminal: findings by severity, then the verdict."""

from __future__ import annotations

from evidence.findings import SEVERITIES, Finding
from evidence.report import Report
from evidence.writers.safe import shown
from evidence.writers.style import Style, certainty_mark, counted, places, plain

_COLOURS = {"blocker": "red", "major": "yellow", "minor": "cyan", "info": "white"}


def report_to_text(report: Report, style: Style | None = None) -> str:
    """Given a Report, return it as text; with a `style`, severity headings and the verdict are coloured.

    Every line that holds a name or extracted text is passed through `shown` before it is
    styled, so nothing from the bundle can start a line or send an escape to the terminal.
    """
    style = style or plain
    out = [
        shown(f"evidence check: {report.bundle}"),
        shown(f"claim: {report.claim_type}, as of {report.as_of.isoformat()}, {counted(len(report.documents), 'file')} read"),
        "",
    ]
    out += _documents(report) + _facts(report) + _findings(report, style) + _deadline(report)
    out.append(style(f"verdict: {report.verdict}", _COLOURS[_verdict_severity(report.verdict)]))
    return "\n".join(out) + "\n"


def _findings(report: Report, style: Style) -> list[str]:
    """Findings by severity; within one, the findings of a code together: a code seen once reads
    as one entry, a repeated code as one heading with its count, each occurrence, and its remedy once."""
    out: list[str] = []
    for severity in SEVERITIES:
        group = [f for f in report.findings if f.severity == severity]
        if not group:
            continue
        out.append(style(f"{severity.upper()} ({len(group)})", _COLOURS[severity]))
        by_code: dict[str, list[Finding]] = {}
        for finding in group:
            by_code.setdefault(finding.code, []).append(finding)
        for same in by_code.values():
            out += _one_code(same)
        out.append("")
    return out


def _one_code(findings: list[Finding]) -> list[str]:
    first = findings[0]
    if len(findings) == 1:
        return [shown(f"  {first.code} {first.name}: {first.message}"), *_occurrence(first, "      "),
                shown(f"      do: {first.remedy}")]
    out = [shown(f"  {first.code} {first.name} ({counted(len(findings), 'finding')})")]
    for finding in findings:
        out.append(shown(f"    - {finding.message}"))
        out += _occurrence(finding, "      ")
    out += [shown(f"    do: {remedy}") for remedy in dict.fromkeys(f.remedy for f in findings)]
    return out


def _occurrence(finding: Finding, indent: str) -> list[str]:
    """Where one finding was seen, and the values it rests on that were not read under their label."""
    out = []
    where = places(finding)
    if where:
        out.append(shown(f"{indent}at: {where}"))
    unsure = [b for b in finding.rests_on if b.certainty != "labeled"]
    if unsure:
        out.append(shown(f"{indent}rests on: " + "; ".join(
            f"{b.name.replace('_', ' ')} {b.value}{certainty_mark(b.certainty, b.note)}" for b in unsure)))
    return out


def _deadline(report: Report) -> list[str]:
    if not report.deadlines:
        return []
    closes, left = report.deadlines["claim_window_closes"], report.deadlines["days_left"]
    state = f"{counted(left, 'day')} left" if left >= 0 else f"closed {counted(-left, 'day')} ago"
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
