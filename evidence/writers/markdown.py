"""The check report as Markdown: a summary a buyer can paste into the dispute form.

It states the claim, the key facts with the documents that show them, the
evidence list, the deadlines, and the gaps still open (blockers and majors
first, each with what to do).
"""

from __future__ import annotations

import re

from evidence.findings import SEVERITIES
from evidence.kinds import (
    CLAIM_MANIFEST,
    COMMERCIAL_INVOICE,
    CONTRACT,
    INSPECTION_REPORT,
    MESSAGE_LOG,
    PAYMENT_RECORD,
    PHOTO,
    PROFORMA_INVOICE,
    SHIPPING_DOCUMENT,
    UNKNOWN,
)
from evidence.report import Report
from evidence.writers.safe import shown
from evidence.writers.style import Style, certainty_mark, places

#: Document kind -> how a person calls it.
KIND_NAMES = {
    PROFORMA_INVOICE: "Proforma invoice",
    COMMERCIAL_INVOICE: "Commercial invoice",
    CONTRACT: "Contract",
    INSPECTION_REPORT: "Inspection report",
    PAYMENT_RECORD: "Payment record",
    SHIPPING_DOCUMENT: "Shipping document",
    MESSAGE_LOG: "Messages",
    PHOTO: "Photo",
    CLAIM_MANIFEST: "Claim manifest",
    UNKNOWN: "Other file",
}
_BACKTICKS = re.compile("`+")
KEY_FACTS = [
    "order_number", "order_date", "supplier_name", "buyer_name", "order_total", "currency", "quantity",
    "ship_by", "shipped_on", "delivery_date", "payment_method", "inspection_company", "inspection_result",
]


def report_to_markdown(report: Report, style: Style | None = None) -> str:
    """Given a Report, return it as Markdown (`style` is ignored: Markdown is never coloured)."""
    out = [shown(f"# Trade Assurance claim: {report.claim_type}"), ""]
    out += [f"Checked by evidence on {report.as_of.isoformat()}. Verdict: **{report.verdict}**.", ""]
    out += _facts(report) + _deadlines(report) + _evidence(report) + _gaps(report)
    return "\n".join(out).rstrip() + "\n"


def _facts(report: Report) -> list[str]:
    rows = [name for name in KEY_FACTS if name in report.facts]
    if not rows:
        return []
    out = ["## Key facts", "", "| fact | value | shown in |", "|---|---|---|"]
    for name in rows:
        fact = report.facts[name]
        where = "; ".join(str(source) for source in fact.sources[:3])
        value = f"{_money(fact.value)}{certainty_mark(fact.certainty, fact.note)}"
        out.append(f"| {name.replace('_', ' ')} | {_cell(value)} | {_cell(where)} |")
    return out + [""]


def _deadlines(report: Report) -> list[str]:
    if not report.deadlines:
        return []
    out = ["## Deadlines", ""]
    out += [shown(f"- {name.replace('_', ' ')}: {value}") for name, value in report.deadlines.items()]
    return out + [""]


def _evidence(report: Report) -> list[str]:
    out = ["## Evidence", ""]
    for doc, record in zip(report.documents, report.records):
        number = record.get("document_number")
        label = KIND_NAMES.get(record.kind, record.kind)
        out.append(f"- {label}: {_code(doc.path)}" + (shown(f" ({number})") if number else ""))
    return out + [""]


def _gaps(report: Report) -> list[str]:
    open_gaps = [f for f in report.findings if f.severity != "info"]
    helpful = [f for f in report.findings if f.severity == "info"]
    out = ["## Open gaps", ""]
    if not open_gaps:
        out.append("None found.")
    for severity in SEVERITIES[:-1]:
        for finding in (f for f in open_gaps if f.severity == severity):
            out.append(shown(f"- **{finding.code} {finding.name}** ({severity}): {finding.message} ({places(finding)})"))
            out.append(shown(f"  - To do: {finding.remedy}"))
    if helpful:
        out += ["", "## Evidence that helps", ""]
        out += [shown(f"- {f.code} {f.name}: {f.message}") for f in helpful]
    return out + [""]


def _money(value: object) -> object:
    if isinstance(value, dict) and {"amount", "currency"} <= set(value):
        return f"{value['currency']} {value['amount']}"
    return value


def _cell(value: object) -> str:
    """Given a value, return it for a table cell: on one line, its pipes escaped."""
    return shown(value).replace("|", "\\|")


def _code(text: str) -> str:
    """Given a name, return it as inline code: one line, fenced with more backticks than it holds."""
    text = shown(text)
    fence = "`" * (max((len(r) for r in _BACKTICKS.findall(text)), default=0) + 1)
    padded = f" {text} " if text.startswith("`") or text.endswith("`") else text
    return f"{fence}{padded}{fence}"
