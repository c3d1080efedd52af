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

import re
from collections.abc import Callable
from typing import Any

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
from evidence.records import CERTAINTIES, LABELED, Record, Source, Value
from evidence.report import Report
import evidence.writers.claim_case as case
from evidence.writers.safe import shown
from evidence.writers.style import Style, certainty_mark, counted

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
#: The facts a report shows first (the HTML writer's table of key facts).
KEY_FACTS = [
    "order_number", "order_date", "supplier_name", "buyer_name", "order_total", "currency", "quantity",
    "ship_by", "shipped_on", "delivery_date", "payment_method", "inspection_company", "inspection_result",
]
#: A shipping document's type -> its name.
SHIPPING_NAMES = {
    "bill_of_lading": "Bill of lading",
    "sea_waybill": "Sea waybill",
    "air_waybill": "Air waybill",
    "packing_list": "Packing list",
    "delivery_note": "Proof of delivery",
    "courier": "Courier receipt",
}
#: Claim type -> the claim in one sentence.
CLAIMS = {
    case.QUALITY: "The goods delivered do not meet the specification agreed in the order.",
    case.LATE_SHIPMENT: "The supplier did not ship the goods by the agreed date.",
    case.NON_DELIVERY: "The buyer paid for the goods and the supplier never shipped them.",
}
CLAIM_TITLES = {case.QUALITY: "product quality", case.LATE_SHIPMENT: "late shipment", case.NON_DELIVERY: "non-delivery"}
CHECKLIST_NOTE = ("The buyer's own checklist (gaps and what to do) is in `evidence check` as text or HTML; "
                  "it is not part of this statement.")
#: How long a quoted message may be in the statement.
QUOTE_CHARS = 400
_BACKTICKS = re.compile("`+")


def report_to_markdown(report: Report, style: Style | None = None) -> str:
    """Given a Report, return the dispute statement as Markdown (`style` is ignored: Markdown is never coloured)."""
    sections: list[Callable[[Report], list[str]]] = [
        _heading, _order, _specification, WRONG.get(report.claim_type, _wrong_quality), _key_dates, _evidence,
    ]
    out = [line for section in sections for line in section(report)]
    return "\n".join([*out, CHECKLIST_NOTE]) + "\n"


# ---------------------------------------------------------------- heading and the order


def _heading(report: Report) -> list[str]:
    title = CLAIM_TITLES.get(report.claim_type, report.claim_type)
    order = report.facts.get("order_number")
    of_order = f" for order {order.value}{_mark(order)}" if order is not None else ""
    return [
        shown(f"# Trade Assurance claim{of_order}: {title}"), "",
        CLAIMS.get(report.claim_type, "The buyer claims under Trade Assurance."), "",
        f"Statement prepared on {report.as_of.isoformat()} from the documents listed under Evidence.", "",
    ]


def _order(report: Report) -> list[str]:
    facts = report.facts
    out = ["## What was ordered and agreed", ""]
    if "order_number" in facts:
        placed = f", placed on {_fact(report, 'order_date')}" if "order_date" in facts else ""
        out.append(f"- Trade Assurance order: {_fact(report, 'order_number')}{placed}")
    for name, label in (("supplier_name", "Supplier"), ("buyer_name", "Buyer")):
        if name in facts:
            out.append(f"- {label}: {_fact(report, name)}")
    out += _goods(report)
    if "quantity" in facts:
        unit = _terms_value(report, "quantity_unit")
        out.append(f"- Quantity: {_fact(report, 'quantity')}{shown(' ' + unit) if unit else ''}")
    if "order_total" in facts:
        incoterm = f", {_fact(report, 'incoterm')}" if "incoterm" in facts else ""
        out.append(f"- Order total: {_money(report, facts['order_total'].value)}{_mark(facts['order_total'])}{incoterm}")
    out += _payment(report)
    due = case.ship_by_in_force(report)
    if due is not None:
        out.append(f"- Ship by: {_ship_by(report, due)}")
    return [_end(line) if line.startswith("- ") else line for line in out] + [""]


def _end(line: str) -> str:
    """A sentence ends with one full stop, also after a name that ends with one ('Co., Ltd.')."""
    return line if line.endswith((".", ":")) else line + "."


def _goods(report: Report) -> list[str]:
    record = case.goods_record(report)
    if record is None:
        return []
    subjective = case.subjective_sources(report)
    out = [f"- Goods ({_document_name(record)}):"]
    for item in record.items:
        parts = [shown(item[key].value) for key in ("model", "description")
                 if key in item and item[key].source not in subjective]
        what = ", ".join(parts) or "item"
        amount = ""
        if "quantity" in item:
            unit = f" {item['unit'].value}" if "unit" in item else ""
            amount = f": {_number(item['quantity'].value)}{shown(unit)}"
            if "unit_price" in item:
                amount += f" at {_money(report, item['unit_price'].value)}"
            if "amount" in item:
                amount += f" = {_money(report, item['amount'].value)}"
        out.append(f"  - {what}{amount}{_item_mark(item)}")
    return out


def _item_mark(item: dict[str, Value]) -> str:
    """One certainty mark for a line item: its least sure value's (a row read from layout is inferred as a whole)."""
    unsure = [found for found in item.values() if found.certainty != LABELED]
    weakest = max(unsure, key=lambda found: CERTAINTIES.index(found.certainty), default=None)
    return _mark(weakest) if weakest is not None else ''


def _payment(report: Report) -> list[str]:
    method = report.facts.get("payment_method")
    if method is None or method.value != "platform":
        return []
    paid = [r for r in report.records if r.kind == PAYMENT_RECORD and case.platform_paid(r)]
    out = [f"- Payment: through Alibaba.com Trade Assurance{_mark(method)}"]
    for record in sorted(paid, key=lambda r: (str(r.get("payment_date", "")), r.path)):
        amount = record.fields.get("amount_paid")
        when = record.fields.get("payment_date") or record.fields.get("document_date")
        said = _value(amount, lambda v: _money(report, v, record.get("currency"))) if amount else "paid"
        fee = record.get("transaction_fee")
        with_fee = f" including a fee of {_money(report, fee, record.get('currency'))}" if fee else ""
        on = f" on {_value(when)}" if when else ""
        out.append(f"  - {said}{with_fee}{on} ({_document_name(record)}).")
    return out


def _ship_by(report: Report, due: tuple[str, Source | None, str]) -> str:
    agreed, where, original = due
    if where is not None:
        return f"on or before {shown(agreed)}, the later date the buyer agreed in {_place(where)} (the order said {shown(original)})"
    fact = report.facts["ship_by"]
    return f"on or before {_fact(report, 'ship_by')} ({_stated_in(report, fact.sources)})"


def _specification(report: Report) -> list[str]:
    record = case.specs_record(report)
    out: list[str] = []
    if record is not None:
        out += ["## Agreed specification", "", f"As stated in the {_document_name(record)}{_mark(record.fields['specs'])}:", ""]
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
            out.append(f"- {label} ({_document_name(record)}): {_value(record.fields[name], _quote)}")
    if not any(line.startswith("- Quality standard") for line in out):
        record = case.terms_record(report, "aql")
        aql = record.get("aql") if record is not None else None
        if isinstance(aql, dict) and record is not None:
            levels = ", ".join(f"{k} {v}" for k, v in aql.items() if k != "level")
            level = f"inspection level {aql['level']}, " if aql.get("level") else ""
            out.insert(0, shown(f"- AQL: {level}{levels}") + f" ({_document_name(record)})")
    return out


# ---------------------------------------------------------------- what went wrong, by claim type


def _wrong_quality(report: Report) -> list[str]:
    out = []
    for record in case.supporting_inspections(report):
        out += _inspection_failed(report, record)
    complaint = case.manifest_complaint(report)
    if complaint:
        out.append(f"- The buyer's complaint: {_quote(complaint)}")
    return _wrong_section(out + _messages(report))


def _inspection_failed(report: Report, record: Record) -> list[str]:
    who = _field(record, "inspection_company") or "A third-party inspection company"
    when = f" on {_field(record, 'inspection_date')}" if record.get("inspection_date") else ""
    out = [f"- {who} inspected the goods{when} ({_document_name(record)}): result FAIL{_mark(record.fields['inspection_result'])}."]
    defects, allowed = record.get("defects"), record.get("allowed") or {}
    if isinstance(defects, dict) and defects:
        sample = f" in a sample of {_number(record.get('sample_size'))}" if record.get("sample_size") else ""
        counts = ", ".join(
            f"{_number(n)} {level}" + (f" ({_number(allowed[level])} allowed)" if isinstance(allowed, dict) and level in allowed else "")
            for level, n in defects.items())
        out.append(shown(f"- Defects found{sample}: {counts}."))
    return out


def _wrong_late(report: Report) -> list[str]:
    out = []
    due = case.ship_by_in_force(report)
    shipped = report.facts.get("shipped_on")
    if due is not None:
        out.append(f"- The goods were to ship on or before {shown(due[0])}.")
        late = case.days_between(due[0], str(shipped.value)) if shipped is not None else None
        if shipped is not None and late is not None and late > 0:
            out.append(f"- {_shipped_by(report, shipped.sources)} shows them shipped on {_fact(report, 'shipped_on')}: "
                       f"{counted(late, 'day')} late.")
        elif shipped is None:
            out.append("- No bill of lading or other shipping document in the evidence shows that the goods have shipped.")
    out += _late_inspections(report)
    return _wrong_section(out + _messages(report))


def _wrong_non_delivery(report: Report) -> list[str]:
    out = []
    for record in sorted((r for r in report.records if r.kind == PAYMENT_RECORD and case.platform_paid(r)),
                         key=lambda r: r.path):
        amount, when = record.fields.get("amount_paid"), record.fields.get("payment_date")
        if amount is not None:
            on = f" on {_value(when)}" if when else ""
            out.append(f"- The buyer paid {_value(amount, lambda v: _money(report, v, record.get('currency')))}{on} "
                       f"through Trade Assurance ({_document_name(record)}).")
    due = case.ship_by_in_force(report)
    if due is not None:
        out.append(f"- The goods were to ship on or before {shown(due[0])}.")
    if "shipped_on" not in report.facts and "delivery_date" not in report.facts:
        out.append("- No bill of lading, shipping document or delivery record in the evidence shows "
                   "that the goods were shipped or delivered.")
    out += _late_inspections(report)
    return _wrong_section(out + _messages(report))


WRONG = {case.QUALITY: _wrong_quality, case.LATE_SHIPMENT: _wrong_late, case.NON_DELIVERY: _wrong_non_delivery}


def _late_inspections(report: Report) -> list[str]:
    due = case.ship_by_in_force(report)
    out = []
    for record in case.supporting_inspections(report):
        who = _field(record, "inspection_company") or "A third-party inspection company"
        after = case.days_between(due[0], str(record.get("inspection_date"))) if due else None
        line = (f"- {who} inspected the goods on {_field(record, 'inspection_date')}, "
                f"{counted(after or 0, 'day')} after the ship-by date ({_document_name(record)})")
        presented, ordered = record.get("quantity_presented"), record.get("quantity")
        if isinstance(presented, (int, float)) and isinstance(ordered, (int, float)) and presented < ordered:
            line += f": only {_field(record, 'quantity_presented', _number)} of {_field(record, 'quantity', _number)} were presented"
        out.append(line + ".")
    return out


def _messages(report: Report) -> list[str]:
    out = []
    by_file: dict[tuple[str, bool], list[case.Said]] = {}
    for said in case.buyer_complaints(report):
        by_file.setdefault((said.source.path, said.platform), []).append(said)
    for (path, _), complaints in by_file.items():
        days = list(dict.fromkeys(shown(s.timestamp[:10]) for s in complaints if s.timestamp))
        on = f" on {_and(days)}" if days else ""
        lines = [s.source.line for s in complaints]
        if all(line is not None for line in lines) and not any(s.source.page for s in complaints):
            at = f"line {lines[0]}" if len(lines) == 1 else f"lines {_and([str(n) for n in lines])}"
        else:
            at = _and([_at(s.source) or "whole file" for s in complaints])
        out.append(f"- The buyer reported the problem to the supplier{_channel(complaints[0])}{on} ({_code(path)}, {at}).")
    verbs = {case.ADMISSION: "admitted the fault", case.PROMISE: "promised"}
    for said in case.supplier_statements(report):
        out.append(f"- The supplier {verbs[said.code]}{_when(said)}{_channel(said)} ({_place(said.source)}): {_quote(said.quote)}")
    return out


def _wrong_section(lines: list[str]) -> list[str]:
    return ["## What went wrong", "", *lines, ""] if lines else []


# ---------------------------------------------------------------- key dates and evidence


def _key_dates(report: Report) -> list[str]:
    dates: list[tuple[str, str]] = []
    facts = report.facts
    if "order_date" in facts:
        dates.append((str(facts["order_date"].value), f"order placed{_mark(facts['order_date'])}"))
    if facts.get("payment_method") is not None and facts["payment_method"].value == "platform":
        for record in (r for r in report.records if r.kind == PAYMENT_RECORD and case.platform_paid(r)):
            when = record.fields.get("payment_date") or record.fields.get("document_date")
            if when is not None:
                dates.append((str(when.value), f"paid through Trade Assurance{_mark(when)}"))
    due = case.ship_by_in_force(report)
    if due is not None:
        mark = _mark(facts["ship_by"]) if due[1] is None else ""
        dates.append((due[0], f"agreed ship-by date{mark}"))
    if "shipped_on" in facts and (report.claim_type != case.LATE_SHIPMENT or case.shipped_late(report)):
        dates.append((str(facts["shipped_on"].value), f"shipped on board{_mark(facts['shipped_on'])}"))
    if "delivery_date" in facts:
        dates.append((str(facts["delivery_date"].value), f"delivered{_mark(facts['delivery_date'])}"))
    for record in case.supporting_inspections(report):
        when = record.fields.get("inspection_date")
        if when is not None:
            dates.append((str(when.value), f"inspected by {_field(record, 'inspection_company') or 'a third party'}{_mark(when)}"))
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
            out.append(f"| {_cell(_kind_name(record))} | {_cell(record.get('document_number') or '')} "
                       f"| {_cell(_document_date(record))} | {_code(doc.path, cell=True)} |")
        out.append("")
    if photos:
        out += [f"Photos ({counted(len(photos), 'photo')}):", "", "| photo | taken |", "|---|---|"]
        out += [f"| {_code(doc.path, cell=True)} | {_cell(record.get('capture_date'))} |" for doc, record in photos]
        out.append("")
    return out if len(out) > 2 else []


def _document_date(record: Record) -> str:
    if record.kind == MESSAGE_LOG and record.get("first_message"):
        first, last = str(record.get("first_message"))[:10], str(record.get("last_message") or "")[:10]
        return first if not last or last == first else f"{first} to {last}"
    return str(record.get("document_date") or record.get("payment_date") or "")


# ---------------------------------------------------------------- helpers


def _kind_name(record: Record) -> str:
    if record.kind == SHIPPING_DOCUMENT:
        return SHIPPING_NAMES.get(str(record.get("document_type")), KIND_NAMES[SHIPPING_DOCUMENT])
    return KIND_NAMES.get(record.kind, record.kind)


def _document_name(record: Record) -> str:
    """'contract HY-SC-260819', or the kind and the file when the document has no number."""
    kind = _kind_name(record)
    kind = kind if kind.isupper() else kind[0].lower() + kind[1:]
    number = record.get("document_number")
    return shown(f"{kind} {number}") if number else f"{shown(kind)} {_code(record.path)}"


def _stated_in(report: Report, sources: list[Source]) -> str:
    """Given a fact's sources, return the documents that state it ('contract HY-SC-260819, proforma invoice ...')."""
    by_path = {r.path: r for r in report.records}
    names = []
    for path in dict.fromkeys(s.path for s in sources):
        record = by_path.get(path)
        if record is not None and record.kind == CLAIM_MANIFEST:
            names.append("stated by the buyer")
        elif record is not None:
            names.append(_document_name(record))
    return ", ".join(names[:3])


def _shipped_by(report: Report, sources: list[Source]) -> str:
    said = _stated_in(report, sources)
    return said[0].upper() + said[1:] if said else "The shipping document"


def _fact(report: Report, name: str) -> str:
    """A fact's value as the statement shows it, with its certainty mark."""
    fact = report.facts[name]
    value = _number(fact.value) if isinstance(fact.value, (int, float)) else fact.value
    return shown(value) + _mark(fact)


def _field(record: Record, name: str, render: Callable[[Any], Any] = str) -> str:
    found = record.fields.get(name)
    return _value(found, render) if found is not None else ""


def _value(found: Value, render: Callable[[Any], Any] = str) -> str:
    """A record's value as shown, with its certainty mark."""
    return shown(render(found.value)) + _mark(found)


def _mark(found: Any) -> str:
    certainty = getattr(found, "certainty", LABELED)
    return shown(certainty_mark(certainty, getattr(found, "note", "")))


def _terms_value(report: Report, name: str) -> str:
    record = case.terms_record(report, name)
    return str(record.get(name)) if record is not None else ""


def _money(report: Report, amount: Any, currency: Any = None) -> str:
    fact = report.facts.get("currency")
    code = currency or (fact.value if fact is not None else "")
    try:
        figure = f"{float(amount):,.2f}"
    except (TypeError, ValueError):
        return shown(amount)
    return shown(f"{code} {figure}".strip())


def _number(value: Any) -> str:
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    return f"{value:,}" if isinstance(value, (int, float)) else str(value)


def _when(said: case.Said) -> str:
    return f" on {shown(said.timestamp[:10])}" if said.timestamp else ""


def _channel(said: case.Said) -> str:
    return " in the Alibaba.com Message Center" if said.platform else ""


def _place(source: Source) -> str:
    """A message's place: the file as inline code, then its page and line."""
    at = _at(source)
    return f"{_code(source.path)}, {at}" if at else _code(source.path)


def _at(source: Source) -> str:
    """'p.2, line 7' within a file ('' for a whole file)."""
    where = [f"p.{source.page}"] if source.page is not None else []
    return ", ".join(where + ([f"line {source.line}"] if source.line is not None else []))


def _and(parts: list[str]) -> str:
    """'a', 'a and b', 'a, b and c'."""
    return parts[0] if len(parts) == 1 else ", ".join(parts[:-1]) + " and " + parts[-1]


def _quote(text: Any) -> str:
    """Given a message or a clause, return it on one line in quotes, at most QUOTE_CHARS long."""
    whole = " ".join(str(text).split())
    if len(whole) > QUOTE_CHARS:
        whole = whole[: QUOTE_CHARS - 1].rstrip() + "…"
    return shown(f'"{whole}"')


def _cell(value: object) -> str:
    """Given a value, return it for a table cell: on one line, its pipes escaped."""
    return shown(value).replace("|", "\\|")


def _code(text: str, cell: bool = False) -> str:
    """Given a name, return it as inline code: one line, fenced with more backticks than it holds
    (in a table cell, its pipes escaped too)."""
    text = shown(text)
    if cell:
        text = text.replace("|", "\\|")
    fence = "`" * (max((len(r) for r in _BACKTICKS.findall(text)), default=0) + 1)
    padded = f" {text} " if text.startswith("`") or text.endswith("`") else text
    return f"{fence}{padded}{fence}"
