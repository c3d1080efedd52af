"""Inspection reports: who inspected which order, when, against which sampling plan, and the verdict.

What the inspection rules rest on (RULES.md I001-I005, D007): the report's
number and dates, the inspection company and whether it is a recognized third
party (data/inspection_companies.json) or the supplier's own QC department, the
order, product and quantity the report names, the AQL plan and the defects
found, and the overall result. Words reports use live in
data/inspection_terms.json. A result is only recorded when the report states
it clearly; otherwise the record's notes say why (I005 then fires).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache
from typing import Any

from evidence.extract.parts import aql
from evidence.extract.parts.aql import inspection_terms
from evidence.kinds import INSPECTION_REPORT
from evidence.phrases import compile_phrases, find_named, phrase_to_pattern, phrases_pattern, required_phrases_pattern
from evidence.extract.labels import ISSUE_DATE_LABELS, Labeled, label_key
from evidence.extract.parts.parties import block_name, letterhead, name_in_items
from evidence.extract.reading import Reading, labeled_note, put, put_date, stand_in, top_lines, whole_file
from evidence.extract.references import PO_LABELS, record_cited_order
from evidence.normalize import json_number
from evidence.normalize.companies import company_key
from evidence.normalize.quantities import integer_in
from evidence.normalize.quantity_sums import goods_total
from evidence.reference_data import load_data
from evidence.records import INFERRED, LABELED, Document, Record, Source, TextLine

_TITLE_LINES = 8  # where a report's letterhead and title sit
_FOOTER_LINES = 4  # where a company's footer or stamp text sits
#: Labeled parties a report names besides its issuer: the factory and the client.
_PARTY_FIELDS = ("supplier_name", "buyer_name", "payer_name")


def extract(reading: Reading) -> Record:
    """Given an inspection report, return its Record (see the module docstring for the fields)."""
    doc = reading.source
    record = Record(kind=INSPECTION_REPORT, path=doc.path)
    found = reading
    record_numbers(record, found)
    record_dates(record, found)
    record_parties(record, found)
    record_issuer(record, found)
    record_type(record, found)
    record_goods(record, found)
    aql.record_sampling(record, found)
    record_result(record, found)
    found.note_date_order(record)
    return record


# ---------------------------------------------------------------- numbers, dates, parties


def record_numbers(record: Record, found: Reading) -> None:
    """Set the report number and the order, PO and PI numbers it names."""
    put(record, "document_number", found.identifier("report_number") or found.identifier("document_number"))
    record_cited_order(record, found)
    put(record, "po_number", found.identifier("contract_number", labels=PO_LABELS))
    put(record, "pi_number", found.identifier("pi_number"))


def record_dates(record: Record, found: Reading) -> None:
    """Set the inspection date and the report's own date (each standing in for the other when alone)."""
    put_date(record, "inspection_date", found, found.date("inspection_date"))
    put_date(record, "document_date", found, found.date("document_date", labels=ISSUE_DATE_LABELS) or found.date("document_date"))
    stand_in(record, "inspection_date", "document_date")
    stand_in(record, "document_date", "inspection_date")


def record_parties(record: Record, found: Reading) -> None:
    """Set the supplier (factory) and the buyer (client) the report names."""
    for name in ("supplier_name", "buyer_name"):
        put(record, name, name_in_items(found.doc, found.values(name)))
    # Inspection companies call their client the applicant (a payer label in labels.json).
    put(record, "buyer_name", found.first("payer_name", block_name, labels=("applicant",)))


def record_goods(record: Record, found: Reading) -> None:
    """Set the product, the order quantity, the quantity presented and the sample size.

    A quantity written as a sum or per product line ("600 + 600 + 600 pcs") is its total.
    """
    products = [item for item in found.values("product") if item.value.strip()]
    # A letterhead line that starts with the word ("Products Inspection Services") is no product label.
    product = next((item for item in products if _label_separated(found, item)), products[0] if products else None)
    if product is not None:
        put(record, "product", (product.value.splitlines()[0].strip(), product))
    put(record, "quantity", found.first("quantity", goods_total), json_number)
    put(record, "quantity_presented", found.first("quantity_presented", goods_total), json_number)
    put(record, "sample_size", found.first("sample_size", integer_in))


def _label_separated(found: Reading, item: Labeled) -> bool:
    """Whether a label is set off from its value on its line (a colon, a cell, a wide gap), as form labels are."""
    line = found.line_text(item.source)
    at = line.lower().find(item.label.lower())
    if not line or at < 0:
        return True
    return bool(re.match(r"\s*[:：|]|\s{2,}|\t|\s*$", line[at + len(item.label) :]))


# ---------------------------------------------------------------- issuer


@dataclass(frozen=True)
class Issuer:
    """Who issued a report: a recognized company's canonical name, or the name as written."""

    name: str
    recognized: bool
    source: Source
    text: str
    certainty: str = INFERRED
    note: str = ""


def record_issuer(record: Record, found: Reading) -> None:
    """Set who issued the report, whether it is a recognized inspection company, and whether
    the supplier inspected its own goods."""
    who = issuer(found)
    marker = supplier_qc_marker(found)
    own = marker is not None or _issuer_is_supplier(record, who)
    where = who.source if who is not None else whole_file(found.doc)
    if who is not None:
        record.set("inspection_company", who.name, who.source, who.text, who.certainty, who.note)
        if own and not who.recognized:
            record.set("supplier_name", who.name, who.source, who.text, who.certainty, who.note)
    recognized = who is not None and who.recognized
    record.set("inspection_company_recognized", recognized, where, "", INFERRED, "a listed company named or not")
    # The report saying it is the supplier's own QC ('QC Department') is its own word; an issuer
    # matched to the supplier's name is as sure as the issuer was read.
    if marker is not None:
        record.set("issued_by_supplier", own, marker.source, marker.text, LABELED, f'the report says "{marker.text.strip()[:60]}"')
    elif who is not None:
        record.set("issued_by_supplier", own, where, who.text, who.certainty, who.note)
    record.set("issued_by_supplier", own, where, "", INFERRED, "no issuer read")
    record.set("third_party", recognized and not own, where, "", INFERRED, "from the issuer")


def issuer(found: Reading) -> Issuer | None:
    """Given a report, return its issuer: a labeled issuer ('Issued by', 'Inspection company'),
    a recognized company in the letterhead or footer, else the letterhead company."""
    for item in found.values("inspection_company"):
        known = find_named(item.value, _companies())
        if known:
            return Issuer(known[0].name, True, item.source, item.value, LABELED, labeled_note(item))
        name = block_name(item.value)
        if name:
            return Issuer(name, False, item.source, item.value, LABELED, labeled_note(item))
    head = letterhead(found.doc)
    # A supplier's own QC report may name a certifier in its letterhead ("ISO 9001 by TÜV"):
    # its issuer is the supplier.
    if head is not None and supplier_qc_marker(found) is not None:
        return Issuer(head.name, False, head.source, head.name, INFERRED, "from the letterhead")
    for line in _head_and_foot(found.doc):
        known = find_named(line.text, _companies())
        if known:
            return Issuer(known[0].name, True, line.source, line.text, INFERRED, "named in the letterhead or footer")
    return Issuer(head.name, False, head.source, head.name, INFERRED, "from the letterhead") if head is not None else None


def supplier_qc_marker(found: Reading) -> TextLine | None:
    """Given a report, return the letterhead or issuer line that shows the supplier's own QC, if any."""
    pattern = required_phrases_pattern(tuple(inspection_terms()["supplier_qc_markers"]["phrases"]))
    # "Factory contact: Ms. Zhou (QC Department)" describes the factory the report names, not its issuer.
    named = {item.source for item in found.values(*_PARTY_FIELDS) if pattern.search(item.value)}
    lines = [line for line in top_lines(found.doc, _TITLE_LINES) if line.source not in named]
    issuers = [TextLine(item.value, item.source) for item in found.values("inspection_company")]
    return next((line for line in [*issuers, *lines] if pattern.search(line.text)), None)


def _issuer_is_supplier(record: Record, who: Issuer | None) -> bool:
    supplier = record.get("supplier_name")
    if who is None or who.recognized or not supplier:
        return False
    return company_key(who.name) == company_key(str(supplier))


def _head_and_foot(doc: Document) -> list[TextLine]:
    """The top lines of every page, then the bottom lines: letterheads first, footers after."""
    heads = [line for page in doc.pages for line in page.lines[:_TITLE_LINES]]
    feet = [line for page in doc.pages for line in page.lines[_TITLE_LINES:][-_FOOTER_LINES:]]
    return heads + feet


# ---------------------------------------------------------------- type


def record_type(record: Record, found: Reading) -> None:
    """Set the inspection type (PSI, DUPRO, IPC, FRI, CLS or other) from its label or the title."""
    labeled = found.text("inspection_type")
    if labeled is not None:
        value, item = labeled
        record.set("inspection_type", inspection_type(value) or "other", item.source, value, LABELED, labeled_note(item))
        return
    for line in top_lines(found.doc, _TITLE_LINES):
        kind = inspection_type(line.text)
        if kind is not None:
            record.set("inspection_type", kind, line.source, line.text, LABELED, "named in the title")
            return


def inspection_type(text: str) -> str | None:
    """Given text ('Pre-Shipment Inspection (PSI)', '中期检验'), return the type it names first."""
    hits = []
    for kind, entry in inspection_terms()["types"].items():
        if kind.startswith("_"):
            continue
        pattern = phrases_pattern(tuple(entry["phrases"]), tuple(entry["acronyms"]))
        match = pattern.search(text) if pattern is not None else None
        if match is not None:
            hits.append((match.start(), -len(match.group(0)), kind))
    return min(hits)[2] if hits else None


# ---------------------------------------------------------------- result


@dataclass(frozen=True)
class Verdict:
    """An overall result (pass, fail, pending) and the line it was read from."""

    value: str
    source: Source
    text: str
    certainty: str = INFERRED
    note: str = ""


def record_result(record: Record, found: Reading) -> None:
    """Set the overall result (pass, fail or pending) and the line it was read from.

    Where the report gives none, or contradicting ones, nothing is set and a note says so.
    """
    verdicts = overall_verdicts(found)
    if len(verdicts) == 1:
        verdict = verdicts[0]
        record.set("inspection_result", verdict.value, verdict.source, verdict.text, verdict.certainty, verdict.note)
        record.set("result_text", verdict.text, verdict.source, verdict.text, verdict.certainty, verdict.note)
    elif verdicts:
        shown = "; ".join(f"{v.value} ({v.text.strip()})" for v in verdicts)
        record.notes.append(f"the report's results disagree, so no overall result is taken: {shown}")
    else:
        record.notes.append("no clear overall result (PASS / FAIL / PENDING) was found in the report")


def overall_verdicts(found: Reading) -> list[Verdict]:
    """Given a report, return its overall verdict (one), its contradicting verdicts, or none.

    Strong labels ('Overall result', 'Conclusion') come first; then labels that may
    also head a checkpoint ('Result'); then a line that holds nothing but a
    verdict or a ticked verdict box; then a certificate's concluding sentence
    ("All units passed ..."). Within each, verdicts count only when they agree.
    """
    weak = {label_key(label) for label in inspection_terms()["weak_result_labels"]["labels"]}
    labeled = found.values("inspection_result")
    strong = [item for item in labeled if label_key(item.label) not in weak]
    for group in (strong, [item for item in labeled if label_key(item.label) in weak]):
        verdicts = [
            Verdict(v, item.source, _quote(found, item.source, item.value), LABELED, labeled_note(item))
            for item in group
            if (v := verdict_in(item.value)) is not None
        ]
        if verdicts:
            return _agreeing(verdicts)
    alone = [Verdict(v, line.source, line.text, INFERRED, "a line that holds only a verdict")
             for line in found.doc.lines if (v := _verdict_alone(line.text))]
    if alone:
        return _agreeing(alone)
    # The listed concluding sentences ('All units passed ...') speak of the whole report, as its label would.
    concluded = [Verdict(v, line.source, line.text, LABELED, "the report's concluding sentence")
                 for line in found.doc.lines if (v := _concluding_verdict(line.text))]
    return _agreeing(concluded)


def _concluding_verdict(text: str) -> str | None:
    """Given a line, return the verdict of a certificate's concluding sentence in it ("All units passed ...")."""
    data = inspection_terms()["conclusion_sentences"]
    phrases = [(phrase, value) for value in ("fail", "pass") for phrase in data[value]]
    match = compile_phrases(tuple(phrase for phrase, _ in phrases)).search(text)
    if match is None:
        return None
    said = match.group(0).lower()
    return next((value for phrase, value in phrases if phrase_to_pattern(phrase).fullmatch(said)), None)


def _agreeing(verdicts: list[Verdict]) -> list[Verdict]:
    """Given verdicts, return the first when all agree, else one of each value."""
    values: dict[str, Verdict] = {}
    for verdict in verdicts:
        values.setdefault(verdict.value, verdict)
    return list(values.values())


def _quote(found: Reading, source: Source, value: str) -> str:
    line = found.line_text(source)
    return line if line else value


def verdict_in(text: str) -> str | None:
    """Given a result value ('合格 PASS', '☐ Pass ☒ Fail', 'Not conform'), return pass, fail or
    pending, or None when it names none or several."""
    ticked = _ticked_verdicts(text)
    values = ticked if ticked is not None else {value for value, _, _ in _verdict_hits(text)}
    return values.pop() if len(values) == 1 else None


def _verdict_alone(text: str) -> str | None:
    """Given a line, return its verdict when the line is only a verdict or a row of ticked boxes."""
    ticked = _ticked_verdicts(text)
    if ticked is not None:
        return ticked.pop() if len(ticked) == 1 else None
    hits = _verdict_hits(text)
    rest = text
    for _, start, end in sorted(hits, key=lambda h: -h[1]):
        rest = rest[:start] + rest[end:]
    standalone = {_fold(p) for p in inspection_terms()["standalone_results"]["phrases"]}
    if not hits or rest.strip(" :：-–—!.|/()（）*"):
        return None
    if any(_fold(text[start:end]) not in standalone for _, start, end in hits):
        return None
    return verdict_in(text)


def _ticked_verdicts(text: str) -> set[str] | None:
    """Given text with check boxes, return the verdicts whose box is ticked; None without boxes."""
    hits = _verdict_hits(text)
    marks = inspection_terms()
    boxed = []
    for value, start, _ in hits:
        before = text[max(0, start - 4) : start].rstrip()
        if any(before.endswith(mark) for mark in marks["checked_marks"]):
            boxed.append((value, True))
        elif any(before.endswith(mark) for mark in marks["unchecked_marks"]):
            boxed.append((value, False))
    if not boxed:
        return None
    return {value for value, ticked in boxed if ticked}


def _verdict_hits(text: str) -> list[tuple[str, int, int]]:
    """Given text, return (verdict, start, end) for each verdict phrase, longer phrases first."""
    pattern, verdicts = _verdict_pattern()
    hits = [(verdicts.get(_fold(m.group(0))), m.start(), m.end()) for m in pattern.finditer(text)]
    return [(value, start, end) for value, start, end in hits if value is not None]


@lru_cache(maxsize=1)
def _verdict_pattern() -> tuple[re.Pattern[str], dict[str, str]]:
    """Return one pattern for every verdict phrase and the verdict of each (folded) phrase.

    Longest phrases first, so 'not conform' and '不合格' are read before 'conform'
    and '合格' could match inside them.
    """
    verdicts = {
        _fold(phrase): value
        for value, phrases in inspection_terms()["results"].items()
        if not value.startswith("_")
        for phrase in phrases
    }
    results = inspection_terms()["results"]
    phrases = tuple(p for value, ps in results.items() if not value.startswith("_") for p in ps)
    return required_phrases_pattern(phrases), verdicts


def _fold(phrase: str) -> str:
    return re.sub(r"[\s\-.]+", "", phrase.lower())


# ---------------------------------------------------------------- data


@lru_cache(maxsize=1)
def _companies() -> tuple[dict[str, Any], ...]:
    return tuple(load_data("inspection_companies.json")["companies"])
