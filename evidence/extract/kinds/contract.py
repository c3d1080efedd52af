"""Sales and purchase contracts.

A contract states the same commercial terms as a PI, so its fields are read
by the invoice extractor (`invoice.read_commercial_terms`), with the
contract's own number first. On top of them a contract gives: the quality
standard (also read for PIs), the inspection clause, the penalties for late
delivery, and whether it is signed and by whom.
"""

from __future__ import annotations

import re
from functools import lru_cache
from typing import Any

from evidence.extract.kinds.invoice import read_commercial_terms
from evidence.extract.reading import TERMS_LAYOUTS, Reading, from_note
from evidence.extract.parts.parties import company_name
from evidence.extract.parts.scan import labels_in
from evidence.extract.parts.sections import topic_sections
from evidence.kinds import CONTRACT
from evidence.phrases import compile_phrases, literal_alternation
from evidence.reference_data import load_data
from evidence.records import INFERRED, Document, Record, TextLine, Value

#: Label fields for a contract's own number, most specific first.
CONTRACT_NUMBERS = ("contract_number", "pi_number", "invoice_number")
_MAX_CLAUSE = 800
_SIGNATURE_TAIL = 10
#: Sentences end at a full stop and a space ("0.3%" and "Z1.4" go on), or at a Chinese full stop.
_SENTENCE = re.compile(r"(?<=[.;])\s+(?=\S)|(?<=[。；])\s*(?=\S)")
_NAME = r"(?:[A-Z][a-z]+(?:-[A-Z][a-z]+)?|[A-Z]{2,})"
_CJK_NAME = re.compile(r"^[\u3400-\u9fff]{2,4}$")
_PERSON = re.compile(rf"{_NAME}(?:\s{_NAME}){{1,3}}(?:\s*\([^)]{{1,20}}\))?")
#: Whether and by whom a contract is signed is read from the layout of its signature block.
_SIGNATURE_NOTE = "from the signature block"


#: A contract states terms as an invoice does (see reading.TERMS_LAYOUTS).
LAYOUTS = TERMS_LAYOUTS


def extract(reading: Reading) -> Record:
    """Given a contract, return its Record: the commercial terms plus clauses and signatures."""
    record = Record(kind=CONTRACT, path=reading.source.path)
    ldoc = read_commercial_terms(reading, record, CONTRACT_NUMBERS)
    record_clauses(ldoc.doc, record)
    record_signatures(ldoc.doc, record)
    return record


# ------------------------------------------------------------------ clauses


def record_clauses(doc: Document, record: Record) -> None:
    """Set inspection_clause and penalties: the section about each, else the sentences that speak of it."""
    for name, topic, words in (
        ("inspection_clause", "inspection", "inspection_words"),
        ("penalties", "penalty", "penalty_words"),
    ):
        found = _section_text(doc, topic) or _sentences_with(doc, _phrases(words))
        if found is not None:
            record.set(name, found.value, found.source, found.text, found.certainty, found.note)


def _section_text(doc: Document, topic: str) -> Value[str] | None:
    """Given a Document and a topic, return the text of its section on it (up to a signature block)."""
    markers = _phrases("signature_markers")
    for section in topic_sections(doc, topic):
        body = []
        for line in section.lines:
            if markers.search(line.text) or _only_party_labels(line.text):
                break
            body.append(line.text.strip())
        text = " ".join(part for part in body if part)
        if text:
            note = from_note("section", section.heading.text)  # a clause under its heading: prose, not a value
            return Value(text[:_MAX_CLAUSE], section.lines[0].source, section.heading.text, INFERRED, note)
    return None


def _sentences_with(doc: Document, pattern: re.Pattern[str]) -> Value[str] | None:
    """Given a Document and a pattern, return the sentences that match it, joined, from the first line that has one."""
    sentences: list[str] = []
    first: TextLine | None = None
    for line in doc.lines:
        for sentence in _SENTENCE.split(line.text):
            if pattern.search(sentence) and _is_sentence(sentence):
                sentences.append(sentence.strip())
                first = first or line
    if not sentences or first is None:
        return None
    note = from_note("sentence", sentences[0])
    return Value(" ".join(sentences)[:_MAX_CLAUSE], first.source, first.text, INFERRED, note)


def _is_sentence(text: str) -> bool:
    """Return True for a clause, not a heading or a label: three words, or six Chinese characters."""
    return len(text.split()) >= 3 or bool(re.search(r"[\u3400-\u9fff]{6}", text))


# ------------------------------------------------------------------ signatures


def record_signatures(doc: Document, record: Record) -> None:
    """Set signed (a signature block with names, or a 'signed' mark) and signatories (the names in it)."""
    block = signature_block(doc)
    names = signatories(block)
    marked = any(_phrases("signed_marks").search(line.text) for line in block)
    source = block[0].source if block else (doc.lines[-1].source if doc.lines else None)
    if source is None:
        return
    record.set("signed", bool(names) or marked, source, block[0].text if block else "", INFERRED, _SIGNATURE_NOTE)
    if names:
        record.set("signatories", names, source, block[0].text, INFERRED, _SIGNATURE_NOTE)
        record.set("signed_by", names, source, block[0].text, INFERRED, _SIGNATURE_NOTE)


def signature_block(doc: Document) -> list[TextLine]:
    """Given a Document, return the lines of its signature block: from the first signature marker near the end."""
    lines = doc.lines
    markers = _phrases("signature_markers")
    start = None
    for index, line in enumerate(lines):
        if markers.search(line.text) or _only_party_labels(line.text):
            start = index
    if start is None:
        return lines[-_SIGNATURE_TAIL:]
    first = start
    for index in range(start, max(-1, start - _SIGNATURE_TAIL), -1):
        if markers.search(lines[index].text) or _only_party_labels(lines[index].text):
            first = index
    return lines[first : first + _SIGNATURE_TAIL + 2]


def _only_party_labels(text: str) -> bool:
    """Return True for a line that holds nothing but party labels ("THE BUYER THE SELLER", "甲方 乙方")."""
    hits = labels_in(text)
    if len(hits) < 2 or any(hit.field not in ("supplier_name", "buyer_name") for hit in hits):
        return False
    rest = text
    for hit in sorted(hits, key=lambda h: -h.start):
        rest = rest[: hit.start] + rest[hit.end :]
    return not re.sub(r"[\s:：|()（）]", "", rest)


def signatories(block: list[TextLine]) -> list[str]:
    """Given a signature block, return the people named in it ("Megan Lowell, Purchasing Manager"), in order."""
    names: list[str] = []
    for line in block:
        for name in [*_titled_names(line.text), *_labeled_names(line.text)]:
            if name not in names:
                names.append(name)
    return names


def _titled_names(text: str) -> list[str]:
    """Given a line, return the names followed by a job title ("Kevin Chen, Sales Manager")."""
    return [
        match.group("name").strip()
        for match in _titled_pattern().finditer(text)
        if company_name(match.group("name")) is None
    ]


def _labeled_names(text: str) -> list[str]:
    """Given a line, return the names after a name label ("Name: Kevin Chen", "签字：张伟")."""
    found = []
    for match in _name_label_pattern().finditer(text):
        value = re.split(
            r"\s{2,}|\||,|，|\bdate\b|日期|title|职务", text[match.end() :].strip(" :："), flags=re.IGNORECASE
        )[0].strip()
        is_name = bool(_PERSON.fullmatch(value) or _CJK_NAME.match(value))
        if is_name and company_name(value) is None:
            found.append(value)
    return found


@lru_cache(maxsize=1)
def _titled_pattern() -> re.Pattern[str]:
    titles = literal_alternation(_data()["job_titles"])
    return re.compile(
        rf"(?<![A-Za-z])(?P<name>{_NAME}(?:\s{_NAME}){{1,3}}(?:\s*\([^)]{{1,20}}\))?)\s*[,，/]\s*"
        rf"(?P<title>(?:[A-Z][A-Za-z&/.\-]*\s+){{0,3}}?(?i:{titles}))(?![A-Za-z])"
    )


@lru_cache(maxsize=1)
def _name_label_pattern() -> re.Pattern[str]:
    """A name or party label, perhaps with a note before its colon ("甲方（签字盖章）：", "Signature (stamp):")."""
    labels = list(_data()["name_labels"]) + list(_data()["party_words"])
    return re.compile(rf"{compile_phrases(tuple(labels)).pattern}[^:：\n]{{0,12}}[:：]", re.IGNORECASE)


def _phrases(key: str) -> re.Pattern[str]:
    return compile_phrases(tuple(_data()[key]))


def _data() -> dict[str, Any]:
    data: dict[str, Any] = load_data("contract_terms.json")
    return data
