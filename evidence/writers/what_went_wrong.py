"""What went wrong, by claim type: the part of the dispute statement that argues the claim.

Quality: a third party's FAIL and its defects, the buyer's complaint. Late shipment: the
agreed date against the B/L's shipped-on-board date. Non-delivery: what was paid through the
platform and that nothing shows the goods shipped. For all: when the buyer reported the
problem, and the supplier's admissions and promises. What may be cited is claim_case's choice.
"""

from __future__ import annotations

import evidence.writers.claim_case as case
from evidence.kinds import PAYMENT_RECORD
from evidence.records import Record, Source
from evidence.report import Report
from evidence.writers.phrasing import (
    and_list,
    at_place,
    code,
    document_name,
    fact_text,
    field_text,
    mark,
    money,
    number,
    place,
    quoted,
    stated_in,
    value_text,
)
from evidence.writers.safe import shown
from evidence.writers.style import counted


def wrong_quality(report: Report) -> list[str]:
    """Given a quality claim's report, return its 'What went wrong' section (none when nothing argues it)."""
    out = []
    for record in case.supporting_inspections(report):
        out += _inspection_failed(report, record)
    complaint = case.manifest_complaint(report)
    if complaint:
        out.append(f"- The buyer's complaint: {quoted(complaint)}")
    return _wrong_section(out + _messages(report))


def _inspection_failed(report: Report, record: Record) -> list[str]:
    who = field_text(record, "inspection_company") or "A third-party inspection company"
    when = f" on {field_text(record, 'inspection_date')}" if record.get("inspection_date") else ""
    out = [f"- {who} inspected the goods{when} ({document_name(record)}): result FAIL{mark(record.fields['inspection_result'])}."]
    defects, allowed = record.get("defects"), record.get("allowed") or {}
    if isinstance(defects, dict) and defects:
        sample = f" in a sample of {number(record.get('sample_size'))}" if record.get("sample_size") else ""
        counts = ", ".join(
            f"{number(n)} {level}" + (f" ({number(allowed[level])} allowed)" if isinstance(allowed, dict) and level in allowed else "")
            for level, n in defects.items())
        out.append(shown(f"- Defects found{sample}: {counts}") + f"{mark(record.fields['defects'])}.")
    return out


def wrong_late(report: Report) -> list[str]:
    """Given a late-shipment claim's report, return its 'What went wrong' section: the agreed date, the
    B/L's date and how many days late (never a shipment on time), a third party's inspection after the date."""
    out = []
    due = case.ship_by_in_force(report)
    shipped = report.facts.get("shipped_on")
    if due is not None:
        out.append(f"- The goods were to ship on or before {shown(due[0])}.")
        late = case.days_late(report)
        if shipped is not None and late is not None and late > 0:
            out.append(f"- {_shipped_by(report, shipped.sources)} shows them shipped on {fact_text(report, 'shipped_on')}: "
                       f"{counted(late, 'day')} late.")
        elif shipped is None:
            out.append("- No bill of lading or other shipping document in the evidence shows that the goods have shipped.")
    out += _late_inspections(report)
    return _wrong_section(out + _messages(report))


def wrong_non_delivery(report: Report) -> list[str]:
    """Given a non-delivery claim's report, return its 'What went wrong' section: what was paid through
    the platform, the agreed date, and that no document shows the goods shipped or delivered."""
    out = []
    for record in sorted((r for r in report.records if r.kind == PAYMENT_RECORD and case.platform_paid(r)),
                         key=lambda r: r.path):
        amount, when = record.fields.get("amount_paid"), record.fields.get("payment_date")
        if amount is not None:
            on = f" on {value_text(when)}" if when else ""
            out.append(f"- The buyer paid {value_text(amount, lambda v: money(report, v, record.get('currency')))}{on} "
                       f"through Trade Assurance ({document_name(record)}).")
    due = case.ship_by_in_force(report)
    if due is not None:
        out.append(f"- The goods were to ship on or before {shown(due[0])}.")
    if "shipped_on" not in report.facts and "delivery_date" not in report.facts:
        out.append("- No bill of lading, shipping document or delivery record in the evidence shows "
                   "that the goods were shipped or delivered.")
    out += _late_inspections(report)
    return _wrong_section(out + _messages(report))


#: Claim type -> the section that says what went wrong.
WRONG = {case.QUALITY: wrong_quality, case.LATE_SHIPMENT: wrong_late, case.NON_DELIVERY: wrong_non_delivery}


def _late_inspections(report: Report) -> list[str]:
    due = case.ship_by_in_force(report)
    out = []
    for record in case.supporting_inspections(report):
        who = field_text(record, "inspection_company") or "A third-party inspection company"
        after = case.days_between(due[0], str(record.get("inspection_date"))) if due else None
        line = (f"- {who} inspected the goods on {field_text(record, 'inspection_date')}, "
                f"{counted(after or 0, 'day')} after the ship-by date ({document_name(record)})")
        presented, ordered = record.get("quantity_presented"), record.get("quantity")
        if isinstance(presented, (int, float)) and isinstance(ordered, (int, float)) and presented < ordered:
            line += f": only {field_text(record, 'quantity_presented', number)} of {field_text(record, 'quantity', number)} were presented"
        out.append(line + ".")
    return out


def _messages(report: Report) -> list[str]:
    out = []
    by_file: dict[tuple[str, bool], list[case.Said]] = {}
    for said in case.buyer_complaints(report):
        by_file.setdefault((said.source.path, said.platform), []).append(said)
    for (path, _), complaints in by_file.items():
        days = list(dict.fromkeys(shown(s.timestamp[:10]) for s in complaints if s.timestamp))
        on = f" on {and_list(days)}" if days else ""
        lines = [s.source.line for s in complaints]
        if all(line is not None for line in lines) and not any(s.source.page for s in complaints):
            at = f"line {lines[0]}" if len(lines) == 1 else f"lines {and_list([str(n) for n in lines])}"
        else:
            at = and_list([at_place(s.source) or "whole file" for s in complaints])
        out.append(f"- The buyer reported the problem to the supplier{_channel(complaints[0])}{on} ({code(path)}, {at}).")
    verbs = {case.ADMISSION: "admitted the fault", case.PROMISE: "promised"}
    for said in case.supplier_statements(report):
        out.append(f"- The supplier {verbs[said.code]}{_when(said)}{_channel(said)} ({place(said.source)}): {quoted(said.quote)}")
    return out


def _wrong_section(lines: list[str]) -> list[str]:
    return ["## What went wrong", "", *lines, ""] if lines else []


def _shipped_by(report: Report, sources: list[Source]) -> str:
    said = stated_in(report, sources)
    return said[0].upper() + said[1:] if said else "The shipping document"


def _when(said: case.Said) -> str:
    return f" on {shown(said.timestamp[:10])}" if said.timestamp else ""


def _channel(said: case.Said) -> str:
    return " in the Alibaba.com Message Center" if said.platform else ""
