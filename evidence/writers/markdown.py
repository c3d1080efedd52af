"""The check report as Markdown: a summary a buyer can paste into the dispute form.

It states the claim, the key facts with the documents that show them, the
evidence list, the deadlines, and the gaps still open (blockers and majors
first, each with what to do).
"""

from __future__ import annotations

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
from evidence.writers.style import Style, certainty_mark

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
KEY_FACTS = [
    "order_number", "order_date", "supplier_name", "buyer_name", "order_total", "currency", "quantity",
    "ship_by", "shipped_on", "delivery_date", "payment_method", "inspection_company", "inspection_result",
]


def report_to_markdown(report: Report, style: Style | None = None) -> str:
    """Given a Report, return it as Markdown (`style` is ignored: Markdown is never coloured)."""
    out = [f"# Trade Assurance claim: {report.claim_type}", ""]
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
        value = f"{_cell(fact.value)}{certainty_mark(fact.certainty, fact.note)}"
        out.append(f"| {name.replace('_', ' ')} | {value} | {_cell(where)} |")
    return out + [""]


def _deadlines(report: Report) -> list[str]:
    if not report.deadlines:
        return []
    out = ["## Deadlines", ""]
    out += [f"- {name.replace('_', ' ')}: {value}" for name, value in report.deadlines.items()]
    return out + [""]


def _evidence(report: Report) -> list[str]:
    out = ["## Evidence", ""]
    for doc, record in zip(report.documents, report.records):
        number = record.get("document_number")
        label = KIND_NAMES.get(record.kind, record.kind)
        out.append(f"- {label}: `{doc.path}`" + (f" ({number})" if number else ""))
    return out + [""]


def _gaps(report: Report) -> list[str]:
    open_gaps = [f for f in report.findings if f.severity != "info"]
    helpful = [f for f in report.findings if f.severity == "info"]
    out = ["## Open gaps", ""]
    if not open_gaps:
        out.append("None found.")
    for severity in SEVERITIES[:-1]:
        for finding in (f for f in open_gaps if f.severity == severity):
            where = "; ".join(str(s) for s in finding.sources)
            out.append(f"- **{finding.code} {finding.name}** ({severity}): {finding.message} ({where})")
            out.append(f"  - To do: {finding.remedy}")
    if helpful:
        out += ["", "## Evidence that helps", ""]
        out += [f"- {f.code} {f.name}: {f.message}" for f in helpful]
    return out + [""]


def _cell(value: object) -> str:
    if isinstance(value, dict) and {"amount", "currency"} <= set(value):
        value = f"{value['currency']} {value['amount']}"
    return str(value).replace("|", "\\|")
