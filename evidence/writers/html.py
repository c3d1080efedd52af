"""The check report as one self-contained HTML page: inline CSS, inline thumbnails, no scripts.

A buyer reads the summary card first: the verdict, the days left in the claim
window, the next dispute milestone and the three things to do first. Below it:
the findings by severity with their remedies and sources, the facts with their
sources and conflicts, the timeline, the documents (with their SHA-256) and the
photos with their capture dates. The page prints on A4 or Letter (templates/page.css).

Every name and piece of text from the bundle goes through `escape`; the page's
skeleton and stylesheet are package data (templates/), filled with string.Template.
"""

from __future__ import annotations

from collections.abc import Mapping
from functools import cache
from html import escape as escape_html
from importlib.resources import files
from string import Template
from typing import Any

from evidence.findings import SEVERITIES, Finding
from evidence.report import Report
from evidence.summary import next_milestone, top_actions
from evidence.writers.phrasing import kind_name
from evidence.writers.safe import shown
from evidence.writers.style import Style, certainty_mark, counted, places

#: What each verdict means for the buyer, in one sentence under it.
VERDICT_LEADS = {
    "blocked": "The claim fails or is not covered as it stands: deal with the blockers below before filing.",
    "weak": "The claim can be filed but is materially weaker: close the major gaps below first.",
    "ready": "No blocker or major gap found: the evidence is ready to file.",
}
#: Severity -> the heading of its group of findings.
SEVERITY_HEADINGS = {"blocker": "Blockers", "major": "Major gaps", "minor": "Minor gaps", "info": "For information"}
#: Severity -> its plural after a count ("2 blockers", but "2 major").
_PLURALS = {"blocker": "blockers"}
#: How many characters of a SHA-256 the documents table shows (the full value is in the cell's title).
HASH_SHOWN = 12


#: The facts the facts table shows first, in this order; the rest follow by name.
KEY_FACTS = [
    "order_number", "order_date", "supplier_name", "buyer_name", "order_total", "currency", "quantity",
    "ship_by", "shipped_on", "delivery_date", "payment_method", "inspection_company", "inspection_result",
]

def report_to_html(report: Report, style: Style | None = None, thumbnails: Mapping[str, str] | None = None) -> str:
    """Given a Report, return one HTML page (`style` is ignored: the page carries its own CSS).

    `thumbnails` maps a photo's path to an image URI to show; by default they are made from the
    report's bundle (evidence.thumbnails), and `{}` shows none.
    """
    if thumbnails is None:
        from evidence.thumbnails import photo_thumbnails  # Pillow and the bundle: only when a page is made

        thumbnails = photo_thumbnails(report)
    sections = [
        _summary_card(report), _findings(report), _facts(report), _timeline(report),
        _documents(report), _photos(report, thumbnails),
        f"<footer>Checked by evidence as of {report.as_of.isoformat()}: {escape(report.bundle)}</footer>",
    ]
    return page(f"evidence: {report.verdict}: {report.bundle}", "\n".join(s for s in sections if s))


def page(title: str, body: str) -> str:
    """Given a page's title (plain text) and its body (HTML), return the whole page."""
    return _template().substitute(title=escape(title), style=stylesheet(), body=body)


@cache
def _template() -> Template:
    return Template((files("evidence.writers") / "templates" / "page.html").read_text(encoding="utf-8"))


@cache
def stylesheet() -> str:
    """The CSS every page of ours carries inline."""
    return (files("evidence.writers") / "templates" / "page.css").read_text(encoding="utf-8")


# ---------------------------------------------------------------- the summary card


def _summary_card(report: Report) -> str:
    verdict = report.verdict
    glance = [("Claim window", window_text(report.deadlines))]
    milestone = _milestone(report)
    if milestone:
        glance.append(("Next dispute milestone", milestone))
    glance.append(("Findings", _severity_counts(report.findings)))
    items = "".join(f"<div><dt>{escape(name)}</dt><dd>{value}</dd></div>" for name, value in glance)
    return (
        f'<header class="card {verdict}">'
        f'<p class="eyebrow">Trade Assurance claim check: {escape(report.claim_type)} claim, '
        f"as of {report.as_of.isoformat()}</p>"
        f'<h1>Verdict: <span class="verdict">{escape(verdict)}</span></h1>'
        f'<p class="lead">{escape(VERDICT_LEADS[verdict])}</p>'
        f'<dl class="glance">{items}</dl>{_actions(report)}</header>'
    )


def window_text(deadlines: Mapping[str, Any]) -> str:
    """Given a report's deadlines, return the claim window as HTML: days left or how long ago it closed."""
    if "days_left" not in deadlines:
        return "unknown <small>(no delivery date found)</small>"
    left, closes = deadlines["days_left"], escape(str(deadlines["claim_window_closes"]))
    return f"{days_left_text(left)} <small>({'on' if left < 0 else 'closes'} {closes})</small>"


def days_left_text(left: int) -> str:
    """Given the days left in the claim window, return them in words: '12 days left', 'closed 1 day ago'."""
    if left > 0:
        return f"{counted(left, 'day')} left"
    return "last day today" if left == 0 else f"closed {counted(-left, 'day')} ago"


def _milestone(report: Report) -> str:
    if "dispute_opened" not in report.deadlines:
        return ""
    upcoming = next_milestone(report.deadlines, report.as_of)
    opened = escape(str(report.deadlines["dispute_opened"]))
    if upcoming is None:
        return f"all passed <small>(dispute opened {opened})</small>"
    days = upcoming.days_from(report.as_of)
    when = "today" if days == 0 else f"in {counted(days, 'day')}"
    return (f"day {upcoming.day}, {upcoming.on.isoformat()} ({when}) "
            f"<small>{escape(upcoming.what)} (dispute opened {opened})</small>")


def _severity_counts(findings: list[Finding]) -> str:
    counts = [(s, sum(1 for f in findings if f.severity == s)) for s in SEVERITIES]
    said = [counted(n, s, _PLURALS.get(s, s)) for s, n in counts if n]
    return ", ".join(said) if said else "none"


def _actions(report: Report) -> str:
    chosen = top_actions(report.findings)
    if not chosen:
        return "<h2>What to do first</h2><p>Nothing: no finding asks for an action.</p>"
    items = "".join(
        f'<li><span class="sev {f.severity}">{f.severity}</span> {escape(f.remedy)} '
        f"<small>({escape(f.code)} {escape(f.name)})</small></li>"
        for f in chosen
    )
    return f'<h2>What to do first</h2><ol class="actions">{items}</ol>'


# ---------------------------------------------------------------- findings


def _findings(report: Report) -> str:
    out = ["<h2>Findings</h2>"]
    if not report.findings:
        return out[0] + "<p>None.</p>"
    for severity in SEVERITIES:
        group = [f for f in report.findings if f.severity == severity]
        if group:
            out.append(f"<h3>{SEVERITY_HEADINGS[severity]} ({len(group)})</h3>")
            by_code = {code: [f for f in group if f.code == code] for code in dict.fromkeys(f.code for f in group)}
            out.append('<ul class="findings">' + "".join(_finding(same) for same in by_code.values()) + "</ul>")
    return "\n".join(out)


def _finding(same: list[Finding]) -> str:
    """Given the findings of one code and severity, return one entry: each occurrence, then the remedy once."""
    first = same[0]
    times = f'<span class="count">{counted(len(same), "finding")}</span>' if len(same) > 1 else ""
    return (
        f'<li class="{first.severity}"><b>{escape(first.code)} {escape(first.name)}</b> ({first.severity}){times}'
        + "".join(_occurrence(f) for f in same)
        + f'<p class="todo"><b>To do:</b> {escape(first.remedy)}</p></li>'
    )


def _occurrence(f: Finding) -> str:
    count = f'<span class="count">&times; {f.count:,}</span>' if f.count is not None else ""
    where = places(f)
    unsure = "; ".join(f"{b.name.replace('_', ' ')} {b.value}{certainty_mark(b.certainty, b.note)}"
                       for b in f.rests_on if b.certainty != "labeled")
    return (
        f'<p class="msg">{escape(f.message)}{count}</p>'
        + (f'<p class="where">Where: {escape(where)}</p>' if where else "")
        + (f'<p class="rests">Rests on: {escape(unsure)}</p>' if unsure else "")
    )


# ---------------------------------------------------------------- facts, timeline, documents, photos


def _facts(report: Report) -> str:
    if not report.facts:
        return ""
    names = [n for n in KEY_FACTS if n in report.facts] + sorted(n for n in report.facts if n not in KEY_FACTS)
    rows = []
    for name in names:
        fact = report.facts[name]
        mark = certainty_mark(fact.certainty, fact.note)
        unsure = f" <small>{escape(mark.strip())}</small>" if mark else ""
        conflicts = "".join(
            f'<br><span class="conflict">but {escape(_value(c["value"]))}'
            f"{escape(certainty_mark(c.get('certainty', 'labeled'), c.get('note', '')))} in "
            f"{escape('; '.join(str(s) for s in c['sources']))}</span>"
            for c in fact.conflicts
        )
        rows.append(f"<tr><td>{escape(name.replace('_', ' '))}</td><td>{escape(_value(fact.value))}{unsure}"
                    f"{conflicts}</td><td>{escape('; '.join(str(s) for s in fact.sources))}</td></tr>")
    return _table("Facts", {"fact": 18, "value": 42, "shown in": 40}, rows)


def _timeline(report: Report) -> str:
    if not report.timeline:
        return ""
    rows = [
        f'<tr><td class="date">{escape(str(e.date))}</td><td>{escape(e.event)}'
        + (f"<br><small>{escape(e.detail)}</small>" if e.detail else "")
        + f"</td><td>{escape(str(e.source))}</td></tr>"
        for e in report.timeline
    ]
    return _table("Timeline", {"date": 13, "event": 50, "source": 37}, rows)


def _documents(report: Report) -> str:
    rows = []
    for doc, record in zip(report.documents, report.records):
        number = record.get("document_number")
        pages = len(doc.pages) if doc.pages and doc.filetype in {"pdf", "xlsx", "docx"} else ""
        errors = [p.reason for p in [*doc.problems, *record.problems]]
        said = "".join(f"<br><small>{escape(reason)}</small>" for reason in errors)
        rows.append(
            f"<tr><td>{escape(kind_name(record))}</td><td>{escape(doc.path)}{said}</td>"
            f"<td>{escape(str(number)) if number else ''}</td><td class=\"num\">{pages}</td>"
            f'<td class="hash" title="{escape(doc.sha256)}">{escape(doc.sha256[:HASH_SHOWN])}&hellip;</td></tr>'
        )
    columns = {"kind": 17, "file": 37, "number": 20, "pages": 8, "SHA-256": 18}
    return _table(f"Documents ({len(report.documents)})", columns, rows)


def _photos(report: Report, thumbnails: Mapping[str, str]) -> str:
    figures = []
    for doc, record in zip(report.documents, report.records):
        if record.kind != "photo":
            continue
        uri = thumbnails.get(doc.path)
        picture = (f'<img src="{escape(uri)}" alt="{escape(doc.path)}">' if uri
                   else '<div class="none">no preview</div>')
        taken = record.get("captured_at")
        when = f"taken {escape(str(taken).replace('T', ' '))}" if taken else "no capture date in the file"
        figures.append(f"<figure>{picture}<figcaption>{escape(doc.path)}<br><small>{when}</small></figcaption></figure>")
    if not figures:
        return ""
    return f'<h2>Photos ({len(figures)})</h2><div class="photos">{"".join(figures)}</div>'


def table(columns: Mapping[str, int], rows: list[str]) -> str:
    """Given the headings with their widths (percent) and the rows (HTML), return a table whose
    columns keep those widths, on screen and on paper, however long a file name in them."""
    widths = "".join(f'<col style="width:{width}%">' for width in columns.values())
    head = "".join(f"<th>{escape(heading)}</th>" for heading in columns)
    return f"<table><colgroup>{widths}</colgroup><thead><tr>{head}</tr></thead><tbody>{''.join(rows)}</tbody></table>"


def _table(title: str, columns: Mapping[str, int], rows: list[str]) -> str:
    return f"<h2>{escape(title)}</h2>{table(columns, rows)}"


def _value(value: object) -> str:
    if isinstance(value, dict) and {"amount", "currency"} <= set(value):
        return f"{value['currency']} {value['amount']}"
    return str(value)


def escape(text: object) -> str:
    """Given a name or extracted text, return it as HTML text: control characters shown, markup escaped."""
    return escape_html(shown(text))
