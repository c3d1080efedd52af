"""The dispute statement, in Markdown: the buyer's case, to paste into Alibaba.com's dispute form.

It states what was ordered and agreed, what went wrong for the claim type, the
key dates and the evidence (documents, photos). It argues one side: what it may
cite is chosen by writers/claim_case.py, and the buyer's own gaps (a closed
window, a supplier's QC report, an off-platform payment...) are never listed
here; they stay in the checklist of the text and HTML reports.

Every piece of bundle text goes through `shown`; file names are inline code;
table cells have their pipes escaped. A value that was inferred or guessed
carries its certainty mark.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import evidence.writers.claim_case as case
from evidence.kinds import MESSAGE_LOG, PAYMENT_RECORD
from evidence.records import CERTAINTIES, LABELED, Record, Source, Value
from evidence.report import Report
from evidence.writers.phrasing import (
    cell,
    code,
    document_name,
    fact_text,
    field_text,
    kind_name,
    mark,
    money,
    number,
    place,
    quoted,
    stated_in,
    value_text,
)
from evidence.writers.safe import shown
from evidence.writers.style import Style, counted
from evidence.writers.what_went_wrong import WRONG, wrong_quality

__all__ = ["CHECKLIST_NOTE", "report_to_markdown"]

#: Claim type -> the claim in one sentence.
CLAIMS = {
    case.QUALITY: "The goods delivered do not meet the specification agreed in the order.",
    case.LATE_SHIPMENT: "The supplier did not ship the goods by the agreed date.",
    case.NON_DELIVERY: "The buyer paid for the goods and the supplier never shipped them.",
}
CLAIM_TITLES = {case.QUALITY: "product quality", case.LATE_SHIPMENT: "late shipment", case.NON_DELIVERY: "non-delivery"}
CHECKLIST_NOTE = ("The buyer's own checklist (gaps and what to do) is in `evidence check` as text or HTML; "
                  "it is not part of this statement.")


def report_to_markdown(report: Report, style: Style | None = None) -> str:
    """Given a Report, return the dispute statement as Markdown (`style` is ignored: Markdown is never coloured)."""
    sections: list[Callable[[Report], list[str]]] = [
        _heading, _order, _specification, WRONG.get(report.claim_type, wrong_quality), _key_dates, _evidence,
    ]
    out = [line for section in sections for line in section(report)]
    return "\n".join([*out, CHECKLIST_NOTE]) + "\n"


# ---------------------------------------------------------------- heading and the order


def _heading(report: Report) -> list[str]:
    title = CLAIM_TITLES.get(report.claim_type, report.claim_type)
    order = report.facts.get("order_number")
    of_order = f" for order {order.value}{mark(order)}" if order is not None else ""
    return [
        shown(f"# Trade Assurance claim{of_order}: {title}"), "",
        CLAIMS.get(report.claim_type, "The buyer claims under Trade Assurance."), "",
        f"Statement prepared on {report.as_of.isoformat()} from the documents listed under Evidence.", "",
    ]


def _order(report: Report) -> list[str]:
    facts = report.facts
    out = ["## What was ordered and agreed", ""]
    if "order_number" in facts:
        placed = f", placed on {fact_text(report, 'order_date')}" if "order_date" in facts else ""
        out.append(f"- Trade Assurance order: {fact_text(report, 'order_number')}{placed}")
    for name, label in (("supplier_name", "Supplier"), ("buyer_name", "Buyer")):
        if name in facts:
            out.append(f"- {label}: {fact_text(report, name)}")
    out += _goods(report)
    if "quantity" in facts:
        unit = _terms_value(report, "quantity_unit")
        out.append(f"- Quantity: {fact_text(report, 'quantity')}{shown(' ' + unit) if unit else ''}")
    if "order_total" in facts:
        incoterm = f", {fact_text(report, 'incoterm')}" if "incoterm" in facts else ""
        out.append(f"- Order total: {money(report, facts['order_total'].value)}{mark(facts['order_total'])}{incoterm}")
    out += _payment(report)
    due = case.ship_by_in_force(report)
    if due is not None:
        out.append(f"- Ship by: {_ship_by(report, due)}")
    if len(out) == 2:
        return []  # the documents state none of it: no heading over nothing
    return [_end(line) if line.startswith("- ") else line for line in out] + [""]


def _end(line: str) -> str:
    """A sentence ends with one full stop, also after a name that ends with one ('Co., Ltd.')."""
    return line if line.endswith((".", ":")) else line + "."


def _goods(report: Report) -> list[str]:
    record = case.goods_record(report)
    if record is None:
        return []
    subjective = case.subjective_sources(report)
    out = [f"- Goods ({document_name(record)}):"]
    for item in record.items:
        parts = [shown(item[key].value) for key in ("model", "description")
                 if key in item and item[key].source not in subjective]
        what = ", ".join(parts) or "item"
        amount = ""
        if "quantity" in item:
            unit = f" {item['unit'].value}" if "unit" in item else ""
            amount = f": {number(item['quantity'].value)}{shown(unit)}"
            if "unit_price" in item:
                amount += f" at {money(report, item['unit_price'].value)}"
            if "amount" in item:
                amount += f" = {money(report, item['amount'].value)}"
        out.append(f"  - {what}{amount}{_item_mark(item)}")
    return out


def _item_mark(item: dict[str, Value]) -> str:
    """One certainty mark for a line item: its least sure value's (a row read from layout is inferred as a whole)."""
    unsure = [found for found in item.values() if found.certainty != LABELED]
    weakest = max(unsure, key=lambda found: CERTAINTIES.index(found.certainty), default=None)
    return mark(weakest) if weakest is not None else ''


def _payment(report: Report) -> list[str]:
    method = report.facts.get("payment_method")
    if method is None or method.value != "platform":
        return []
    paid = [r for r in report.records if r.kind == PAYMENT_RECORD and case.platform_paid(r)]
    out = [f"- Payment: through Alibaba.com Trade Assurance{mark(method)}"]
    for record in sorted(paid, key=lambda r: (str(r.get("payment_date", "")), r.path)):
        amount = record.fields.get("amount_paid")
        when = record.fields.get("payment_date") or record.fields.get("document_date")
        said = value_text(amount, lambda v: money(report, v, record.get("currency"))) if amount else "paid"
        fee = record.get("transaction_fee")
        with_fee = f" including a fee of {money(report, fee, record.get('currency'))}" if fee else ""
        on = f" on {value_text(when)}" if when else ""
        out.append(f"  - {said}{with_fee}{on} ({document_name(record)}).")
    return out


def _ship_by(report: Report, due: tuple[str, Source | None, str]) -> str:
    agreed, where, original = due
    if where is not None:
        return f"on or before {shown(agreed)}, the later date the buyer agreed in {place(where)} (the order said {shown(original)})"
    fact = report.facts["ship_by"]
    return f"on or before {fact_text(report, 'ship_by')} ({stated_in(report, fact.sources)})"


def _specification(report: Report) -> list[str]:
    record = case.specs_record(report)
    out: list[str] = []
    if record is not None:
        out += ["## Agreed specification", "", f"As stated in the {document_name(record)}{mark(record.fields['specs'])}:", ""]
        out += [f"- {shown(_spec_line(spec))}" for spec in case.shown_specs(record)] + [""]
    terms = _inspection_terms(report)
    if terms:
        out += ["## Agreed quality and inspection terms", "", *terms, ""]
    return out


def _spec_line(spec: dict[str, Any]) -> str:
    product = f"{spec['product']}: " if spec.get("product") else ""
    said = f"{spec['attribute']}: {spec.get('value', '')}" if spec.get("attribute") else str(spec.get("text", ""))
    test = f" (test: {spec['test_method']})" if spec.get("test_method") else ""
    return f"{product}{said}{test}"


def _inspection_terms(report: Report) -> list[str]:
    out = []
    for name, label in (("quality_standard", "Quality standard"), ("defect_definitions", "Defect definitions"),
                        ("inspection_clause", "Inspection clause")):
        record = case.terms_record(report, name)
        if record is not None:
            out.append(f"- {label} ({document_name(record)}): {value_text(record.fields[name], quoted)}")
    if not any(line.startswith("- Quality standard") for line in out):
        record = case.terms_record(report, "aql")
        aql = record.get("aql") if record is not None else None
        if isinstance(aql, dict) and record is not None:
            levels = ", ".join(f"{k} {v}" for k, v in aql.items() if k != "level")
            level = f"inspection level {aql['level']}, " if aql.get("level") else ""
            out.insert(0, shown(f"- AQL: {level}{levels}") + f" ({document_name(record)})")
    return out


# ---------------------------------------------------------------- what went wrong, by claim type


















# ---------------------------------------------------------------- key dates and evidence


def _key_dates(report: Report) -> list[str]:
    dates: list[tuple[str, str]] = []
    facts = report.facts
    if "order_date" in facts:
        dates.append((str(facts["order_date"].value), f"order placed{mark(facts['order_date'])}"))
    if facts.get("payment_method") is not None and facts["payment_method"].value == "platform":
        for record in (r for r in report.records if r.kind == PAYMENT_RECORD and case.platform_paid(r)):
            when = record.fields.get("payment_date") or record.fields.get("document_date")
            if when is not None:
                dates.append((str(when.value), f"paid through Trade Assurance{mark(when)}"))
    due = case.ship_by_in_force(report)
    if due is not None:
        unsure = mark(facts["ship_by"]) if due[1] is None else ""
        dates.append((due[0], f"agreed ship-by date{unsure}"))
    if "shipped_on" in facts and not (report.claim_type == case.LATE_SHIPMENT and case.shipped_on_time(report)):
        dates.append((str(facts["shipped_on"].value), f"shipped on board{mark(facts['shipped_on'])}"))
    if "delivery_date" in facts:
        dates.append((str(facts["delivery_date"].value), f"delivered{mark(facts['delivery_date'])}"))
    for record in case.supporting_inspections(report):
        when = record.fields.get("inspection_date")
        if when is not None:
            dates.append((str(when.value), f"inspected by {field_text(record, 'inspection_company') or 'a third party'}{mark(when)}"))
    if not dates:
        return []
    return ["## Key dates", "", *(f"- {shown(day)}: {what}" for day, what in sorted(dates)), ""]


def _evidence(report: Report) -> list[str]:
    documents = case.cited_documents(report)
    photos = case.cited_photos(report)
    out = ["## Evidence", ""]
    if documents:
        out += ["| document | number | date | file |", "|---|---|---|---|"]
        for doc, record in documents:
            out.append(f"| {cell(kind_name(record))} | {cell(record.get('document_number') or '')} "
                       f"| {cell(_document_date(record))} | {code(doc.path, cell=True)} |")
        out.append("")
    if photos:
        out += [f"Photos ({counted(len(photos), 'photo')}):", "", "| photo | taken |", "|---|---|"]
        out += [f"| {code(doc.path, cell=True)} | {cell(record.get('capture_date'))} |" for doc, record in photos]
        out.append("")
    return out if len(out) > 2 else []


def _document_date(record: Record) -> str:
    if record.kind == MESSAGE_LOG and record.get("first_message"):
        first, last = str(record.get("first_message"))[:10], str(record.get("last_message") or "")[:10]
        return first if not last or last == first else f"{first} to {last}"
    return str(record.get("document_date") or record.get("payment_date") or "")


# ---------------------------------------------------------------- helpers


















def _terms_value(report: Report, name: str) -> str:
    record = case.terms_record(report, name)
    return str(record.get(name)) if record is not None else ""




















