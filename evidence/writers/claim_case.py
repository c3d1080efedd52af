"""What the dispute statement may cite: the parts of a Report that argue the buyer's case.

The statement (writers/markdown.py) is pasted into the dispute form, so it argues
one side. These functions choose, from the report alone, what supports the claim
and leave out what weakens it: a supplier's own QC report or a PASS, a payment
made outside the platform, an undated photo, a complaint worded subjectively.
The buyer's checklist of those gaps stays in the text and HTML reports.

Each choice rests on the report's own data: a record's fields, its events, and
the findings that name a weakness (a value a finding of WEAKNESS_CODES cites is
not repeated as evidence).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from evidence.facts import ship_by_in_force as date_in_force
from evidence.findings import Finding
from evidence.kinds import (
    COMMERCIAL_INVOICE,
    CONTRACT,
    INSPECTION_REPORT,
    MESSAGE_LOG,
    PAYMENT_RECORD,
    PHOTO,
    PROFORMA_INVOICE,
    SHIPPING_DOCUMENT,
)
from evidence.records import Document, Event, Record, Source
from evidence.report import Report

QUALITY, LATE_SHIPMENT, NON_DELIVERY = "quality", "late-shipment", "non-delivery"
#: Document kinds the statement cites, in the order it lists them.
CITED_KINDS = (PROFORMA_INVOICE, CONTRACT, COMMERCIAL_INVOICE, PAYMENT_RECORD, SHIPPING_DOCUMENT,
               INSPECTION_REPORT, MESSAGE_LOG)
#: Where the agreed terms are read from, most binding first.
TERMS_KINDS = (CONTRACT, PROFORMA_INVOICE, COMMERCIAL_INVOICE)
#: Findings that say a photo cannot show the goods as received: no capture date; taken before delivery.
UNDATED_PHOTO, EARLY_PHOTO = "P002", "P003"
#: A complaint the rules call subjective (not covered) is not quoted as the claim.
SUBJECTIVE_COMPLAINT = "E005"
#: A report for another order (I004) is not this order's inspection.
WRONG_ORDER_REPORT = "I004"
#: Item descriptions and spec lines worded subjectively (S002) are not restated as the agreement.
SUBJECTIVE_SPEC = "S002"
#: The info findings that are evidence in the buyer's favour (RULES.md): the supplier's own word.
ADMISSION, PROMISE = "M006", "M007"
#: Spec keys whose figure means nothing without a unit ('Size: 9 x 8.5').
FIGURE_KEYS = frozenset({"size", "dimensions", "length", "width", "height", "diameter", "thickness",
                         "weight", "capacity"})


@dataclass(frozen=True)
class Said:
    """A message the statement cites: who said what, when, where."""

    code: str  # M006, M007, or "complaint"
    quote: str
    timestamp: str | None
    source: Source
    platform: bool  # said in the Alibaba.com Message Center


def cited_by(report: Report, *codes: str) -> set[Source]:
    """Given finding codes, return every source the report's findings of those codes name."""
    return {source for f in report.findings if f.code in codes for source in f.sources}


def cited_paths(report: Report, *codes: str) -> set[str]:
    """Given finding codes, return every file the report's findings of those codes name."""
    return {source.path for source in cited_by(report, *codes)}


def terms_records(report: Report) -> list[Record]:
    """The records that state the agreement (contract, PI, commercial invoice), most binding first."""
    return sorted((r for r in report.records if r.kind in TERMS_KINDS),
                  key=lambda r: (TERMS_KINDS.index(r.kind), r.path))


def terms_record(report: Report, field: str) -> Record | None:
    """Given a field of the agreement (quality_standard, aql...), return the most binding record stating it."""
    return next((r for r in terms_records(report) if r.get(field)), None)


def goods_record(report: Report) -> Record | None:
    """The record whose line items the statement lists: the one the order's quantity fact is read
    from, so that the goods add up to the quantity and total the statement states."""
    with_items = [r for r in terms_records(report) if r.items]
    quantity = report.facts.get("quantity")
    stating = {source.path for source in quantity.sources} if quantity is not None else set()
    return next((r for r in with_items if r.path in stating), with_items[0] if with_items else None)


def specs_record(report: Report) -> Record | None:
    """The record whose specification the statement lists: the one with the most measurable lines
    (a contract that says 'as per the PI' gives way to the PI), the most binding on a tie."""
    stating = [r for r in terms_records(report) if shown_specs(r)]
    return max(stating, key=lambda r: len(shown_specs(r)), default=None)


def shown_specs(record: Record) -> list[dict]:
    """Given a record's spec lines, return those a dispute handler can measure against.

    A line with subjective words ('high quality') or a size figure with no unit, tolerance
    or test method is left out: it argues nothing, and the checklist already names it.
    """
    specs = record.get("specs") or []
    return [s for s in specs if isinstance(s, dict) and not s.get("subjective") and not _bare_figure(s)]


def _bare_figure(spec: dict) -> bool:
    if spec.get("unit") or spec.get("tolerance") or spec.get("test_method"):
        return False
    return spec.get("number") is not None and spec.get("key") in FIGURE_KEYS


def subjective_sources(report: Report) -> set[Source]:
    """The places (item descriptions, spec blocks) the report calls subjective."""
    return cited_by(report, SUBJECTIVE_SPEC)


def ship_by_in_force(report: Report) -> tuple[str, Source | None, str] | None:
    """The agreed ship-by date in force (RULES.md D006), as the rules take it. Returns (ISO date, the
    message where the buyer agreed it or None, the order's own date or '' when a message set it)."""
    in_force = date_in_force(report.facts, report.records)
    if in_force is None:
        return None
    fact = report.facts.get("ship_by")
    original = str(fact.value) if fact is not None else ""
    due, where = in_force
    if due.isoformat() == original:
        return original, None, ""
    return due.isoformat(), where, original


def days_between(first: str, second: str) -> int | None:
    """Given two ISO dates, return the days from the first to the second (None when either is no date)."""
    try:
        return (date.fromisoformat(second[:10]) - date.fromisoformat(first[:10])).days
    except (TypeError, ValueError):
        return None


def days_late(report: Report) -> int | None:
    """Days from the ship-by date in force to the shipped-on date (None when either is unknown)."""
    due, shipped = ship_by_in_force(report), report.facts.get("shipped_on")
    return days_between(due[0], str(shipped.value)) if due and shipped else None


def shipped_on_time(report: Report) -> bool:
    """Whether the goods shipped on or before the ship-by date in force: a late-shipment claim's gap (D008)."""
    late = days_late(report)
    return late is not None and late <= 0


def platform_paid(record: Record) -> bool:
    """Whether a payment record shows a payment through the platform."""
    return record.get("paid_to_platform") is True or record.get("payment_method") == "platform"


def supporting_inspections(report: Report) -> list[Record]:
    """The inspection reports that argue the claim: a third party's, for this order, and
    for a quality claim a FAIL; for a shipment claim one made after the ship-by date."""
    wrong = cited_paths(report, WRONG_ORDER_REPORT)
    due = ship_by_in_force(report)
    out = []
    for record in sorted((r for r in report.records if r.kind == INSPECTION_REPORT), key=lambda r: r.path):
        if not third_party(record) or record.path in wrong:
            continue
        if report.claim_type == QUALITY:
            keep = record.get("inspection_result") == "fail"
        else:
            after = days_between(due[0], str(record.get("inspection_date", ""))) if due else None
            keep = after is not None and after > 0
        if keep:
            out.append(record)
    return out


def third_party(record: Record) -> bool:
    """Whether an inspection report is a recognized third party's, not the supplier's own QC."""
    if record.get("issued_by_supplier") is True:
        return False
    return record.get("third_party") is True or record.get("inspection_company_recognized") is True


def supplier_statements(report: Report) -> list[Said]:
    """The supplier's admissions (M006) and promises (M007) the report found, with their messages."""
    events = {(e.source, e.kind): (e, r) for r in report.records if r.kind == MESSAGE_LOG for e in r.events}
    kinds = {ADMISSION: "supplier-admission", PROMISE: "supplier-promise"}
    out = []
    for finding in report.findings:
        if finding.code not in kinds or finding.severity != "info" or not finding.sources:
            continue
        found = events.get((finding.sources[0], kinds[finding.code]))
        if found is None:
            out.append(Said(finding.code, _quoted_part(finding), None, finding.sources[0], False))
        else:
            event, log = found
            out.append(Said(finding.code, event.quote, event.timestamp, event.source, on_platform(event, log, report)))
    return out


def _quoted_part(finding: Finding) -> str:
    """The quote at the end of an M006/M007 message ('... (2026-11-09): "We checked..."')."""
    at = finding.message.find(': "')
    return finding.message[at + 3:].rstrip('"') if at >= 0 else finding.message


def buyer_complaints(report: Report) -> list[Said]:
    """The messages in which the buyer reported the problem, but for those the rules call subjective."""
    subjective = cited_by(report, SUBJECTIVE_COMPLAINT)
    return [Said("complaint", e.quote, e.timestamp, e.source, on_platform(e, r, report))
            for r in report.records if r.kind == MESSAGE_LOG for e in r.events
            if e.kind == "complaint" and e.actor == "buyer" and e.source not in subjective]


def on_platform(event: Event, log: Record, report: Report) -> bool:
    """Whether a message was said in the platform's Message Center (the manifest's channel wins)."""
    manifest = next((r for r in report.records if r.kind == "claim_manifest"), None)
    channels = manifest.get("channels") if manifest else None
    declared = channels.get(log.path) if isinstance(channels, dict) else None
    channel = declared or event.channel or log.get("channel")
    return str(channel).strip().lower() == "platform"


def manifest_complaint(report: Report) -> str | None:
    """The claim manifest's `complaint`, unless the rules call it subjective."""
    manifest = next((r for r in report.records if r.kind == "claim_manifest"), None)
    if manifest is None or not manifest.get("complaint") or manifest.path in cited_paths(report, SUBJECTIVE_COMPLAINT):
        return None
    return str(manifest.get("complaint"))


def cited_documents(report: Report) -> list[tuple[Document, Record]]:
    """The documents that support the claim, in CITED_KINDS order (photos apart: `cited_photos`)."""
    inspections = {r.path for r in supporting_inspections(report)}
    said = {s.source.path for s in [*supplier_statements(report), *buyer_complaints(report)]}
    on_time = report.claim_type == LATE_SHIPMENT and shipped_on_time(report)
    keep = {
        PAYMENT_RECORD: platform_paid,
        INSPECTION_REPORT: lambda r: r.path in inspections,
        MESSAGE_LOG: lambda r: r.path in said,
        SHIPPING_DOCUMENT: lambda r: not (on_time and r.get("shipped_on")),
    }
    pairs = [(d, r) for d, r in zip(report.documents, report.records)
             if r.kind in CITED_KINDS and keep.get(r.kind, lambda _: True)(r)]
    return sorted(pairs, key=lambda pair: (CITED_KINDS.index(pair[1].kind), pair[0].path))


def cited_photos(report: Report) -> list[tuple[Document, Record]]:
    """The photos that show the goods: dated, and for a quality claim taken after delivery."""
    unfit = cited_paths(report, UNDATED_PHOTO, *([EARLY_PHOTO] if report.claim_type == QUALITY else []))
    pairs = [(d, r) for d, r in zip(report.documents, report.records)
             if r.kind == PHOTO and r.get("capture_date") and d.path not in unfit]
    return sorted(pairs, key=lambda pair: (str(pair[1].get("captured_at") or pair[1].get("capture_date")), pair[0].path))
