"""The check report as one self-contained HTML page (no scripts, no external files)."""

from __future__ import annotations

from html import escape as escape_html

from evidence.findings import SEVERITIES
from evidence.report import Report
from evidence.writers.markdown import KEY_FACTS, KIND_NAMES
from evidence.writers.safe import shown
from evidence.writers.style import Style, certainty_mark, places

_STYLE = """body{font-family:system-ui,sans-serif;max-width:60rem;margin:2rem auto;padding:0 1rem;color:#222}
table{border-collapse:collapse}td,th{border:1px solid #ccc;padding:.3rem .5rem;text-align:left;vertical-align:top}
.blocker{color:#b00020}.major{color:#a15c00}.minor{color:#00607a}.info{color:#555}
.verdict{font-size:1.3rem;font-weight:bold}small{color:#666}"""


def report_to_html(report: Report, style: Style | None = None) -> str:
    """Given a Report, return one HTML page (`style` is ignored: the page carries its own CSS)."""
    parts = [
        "<!DOCTYPE html>",
        '<html lang="en"><head><meta charset="utf-8">',
        f"<title>evidence: {escape(report.bundle)}</title><style>{_STYLE}</style></head><body>",
        f"<h1>Trade Assurance claim: {escape(report.claim_type)}</h1>",
        f'<p class="verdict">Verdict: {escape(report.verdict)}</p>',
        f"<p><small>{escape(report.bundle)}, checked as of {report.as_of.isoformat()}</small></p>",
        *_findings(report), *_facts(report), *_deadlines(report), *_documents(report), *_timeline(report),
        "</body></html>",
    ]
    return "\n".join(parts) + "\n"


def _findings(report: Report) -> list[str]:
    out = ["<h2>Findings</h2>"]
    if not report.findings:
        return out + ["<p>None.</p>"]
    out.append("<ul>")
    for severity in SEVERITIES:
        for f in (f for f in report.findings if f.severity == severity):
            where = places(f)
            unsure = "; ".join(f"{b.name.replace('_', ' ')} {b.value}{certainty_mark(b.certainty, b.note)}"
                               for b in f.rests_on if b.certainty != "labeled")
            rests = f"<br><small>rests on: {escape(unsure)}</small>" if unsure else ""
            out.append(
                f'<li class="{severity}"><b>{escape(f.code)} {escape(f.name)}</b> ({severity}): '
                f"{escape(f.message)} <small>{escape(where)}</small><br>To do: {escape(f.remedy)}{rests}</li>"
            )
    return out + ["</ul>"]


def _facts(report: Report) -> list[str]:
    rows = [n for n in KEY_FACTS if n in report.facts]
    out = ["<h2>Key facts</h2>", "<table><tr><th>fact</th><th>value</th><th>shown in</th></tr>"]
    for name in rows:
        fact = report.facts[name]
        where = "; ".join(str(s) for s in fact.sources)
        conflicts = "".join(
            f"<br>but {escape(str(c['value']))} in {escape('; '.join(str(s) for s in c['sources']))}"
            for c in fact.conflicts
        )
        mark = certainty_mark(fact.certainty, fact.note)
        unsure = f" <small>{escape(mark.strip())}</small>" if mark else ""
        out.append(f"<tr><td>{escape(name)}</td><td>{escape(str(fact.value))}{unsure}{conflicts}</td>"
                   f"<td>{escape(where)}</td></tr>")
    return out + ["</table>"]


def _deadlines(report: Report) -> list[str]:
    if not report.deadlines:
        return []
    items = "".join(f"<li>{escape(k.replace('_', ' '))}: {escape(str(v))}</li>" for k, v in report.deadlines.items())
    return ["<h2>Deadlines</h2>", f"<ul>{items}</ul>"]


def _documents(report: Report) -> list[str]:
    out = ["<h2>Evidence</h2>", "<table><tr><th>kind</th><th>file</th><th>number</th></tr>"]
    for doc, record in zip(report.documents, report.records):
        number = record.get("document_number") or ""
        out.append(f"<tr><td>{escape(KIND_NAMES.get(record.kind, record.kind))}</td>"
                   f"<td>{escape(doc.path)}</td><td>{escape(str(number))}</td></tr>")
    return out + ["</table>"]


def _timeline(report: Report) -> list[str]:
    if not report.timeline:
        return []
    out = ["<h2>Timeline</h2>", "<table><tr><th>date</th><th>event</th><th>source</th></tr>"]
    for e in report.timeline:
        detail = f"<br><small>{escape(e.detail)}</small>" if e.detail else ""
        out.append(f"<tr><td>{escape(str(e.date))}</td><td>{escape(e.event)}{detail}</td><td>{escape(str(e.source))}</td></tr>")
    return out + ["</table>"]


def escape(text: str) -> str:
    """Given a name or extracted text, return it as HTML text: control characters shown, markup escaped."""
    return escape_html(shown(text))
