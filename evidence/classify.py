"""Recognise what kind of document a file is, from its content.

Titles and labels for each kind live in data/document_kinds.json. A title near
the top of the first page is strong evidence; the same phrase further down, or
a typical label anywhere, is weaker. The file name only breaks near-ties.
Message logs, photos and the claim manifest are known from how they were read.
An image the image reader found to show a document (a scanned page, a screen, a
picture full of text: readers/image.py) is classified by the text OCR read from
it like any other document, and is of no known kind when no text was read.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache
from pathlib import PurePosixPath
from typing import Any

from evidence.kinds import (
    CLAIM_MANIFEST,
    COMMERCIAL_INVOICE,
    CONTRACT,
    INSPECTION_REPORT,
    KINDS,
    MESSAGE_LOG,
    PAYMENT_RECORD,
    PHOTO,
    PROFORMA_INVOICE,
    SHIPPING_DOCUMENT,
    UNKNOWN,
)
from evidence.phrases import PhraseList, memoized_list, phrase_to_pattern
from evidence.reference_data import load_data
from evidence.readers.workbook import document_view
from evidence.records import Document
from evidence.wording import counted

MESSAGE_READERS = {"messages", "whatsapp", "wechat", "transcript", "email"}  # readers that only accept message logs
TOP_LINES = 15  # lines of page 1 where a document's own title sits
TITLE_AT_TOP, TITLE_ELSEWHERE, KEYWORD = 6.0, 1.5, 1.0
# Caps so that a long document mentioning 'contract' on every page is not a contract.
KEYWORD_CAP, ELSEWHERE_CAP = 6, 3
MIN_SCORE = 3.0
#: A title followed by these is a label ('Invoice to:', 'Invoice:'), not the document's heading
#: ('COMMERCIAL INVOICE # 1022' and 'INVOICE NO. 7' are headings with their number).
_LABEL_AFTER = re.compile(r"\s*(?::|：|\bto\b)", re.IGNORECASE)
#: MT103 field tags that make a message a customer credit transfer.
_SWIFT_TAG = re.compile(r"^\s*:(?P<tag>\d{2}[A-Z]?):")
_MT103_TAGS = {"20", "23B", "32A", "33B", "50A", "50F", "50K", "52A", "57A", "59", "59A", "59F", "70", "71A"}
_MT103_NAME = re.compile(r"\bMT\s?103\b", re.IGNORECASE)
#: SWIFT format notation ('16x', '3!a', '6!n', '4*35x', '15d'): a text full of it describes the format.
_FORMAT_WORD = re.compile(r"(?<![\w/])(?:\d\*)?\d{1,2}!?[nxacd](?![\w])")
FORMAT_WORDS = 4
#: Placeholders a form generator leaves in unfilled fields ('undefined', '{{name}}', 'noOfPieces').
_PLACEHOLDER = re.compile(r"\bundefined\b|\bNaN\b|\{\{[^}]*\}\}|\$\{[^}]*\}|<<[^>]*>>|\blorem ipsum\b")
#: A field's variable name ('noOfPieces'); not in text read by OCR, which glues words ('fromAmazonWebServices').
_VARIABLE_NAME = re.compile(r"\b[a-z]+(?:[A-Z][a-z]+){3,}\b")
PLACEHOLDERS = 2
#: A long form with hardly a date, amount or number in it is a blank template.
_VALUE = re.compile(r"\d[\d,./\-]{2,}\d|\d{3,}")
BLANK_FORM_LINES, BLANK_FORM_VALUES, BLANK_FORM_LABELS = 20, 5, 5
#: A field left to fill in by hand: a rule of underscores or dots ('Beneficiary name: ________').
_FILL_IN = re.compile(r"_{4,}|\.{8,}|…{3,}")
BLANK_FIELDS = 4
_FILENAME_HINTS = {
    PROFORMA_INVOICE: ("proforma", "pi", "形式发票"),
    COMMERCIAL_INVOICE: ("invoice", "ci", "发票"),
    CONTRACT: ("contract", "agreement", "合同"),
    INSPECTION_REPORT: ("inspection", "report", "qc", "psi", "检验", "验货"),
    PAYMENT_RECORD: ("payment", "receipt", "tt", "slip", "remittance", "付款", "水单"),
    SHIPPING_DOCUMENT: ("bl", "bol", "lading", "awb", "waybill", "packing", "delivery", "提单"),
}


@dataclass(frozen=True)
class Classification:
    kind: str
    confidence: float
    reason: str


@dataclass(frozen=True)
class _Phrase:
    kind: str
    strength: str  # "title" or "keyword"


def classify(doc: Document) -> Classification:
    """Given a read Document, return its kind, a confidence in [0, 1] and why."""
    if doc.messages or doc.reader in MESSAGE_READERS:
        return Classification(MESSAGE_LOG, 1.0, f"{counted(len(doc.messages), 'message')} read by the {doc.reader} reader")
    if doc.image is not None:
        return _image_kind(doc)
    if doc.reader == "video":
        return Classification(PHOTO, 1.0, "a video file")
    if PurePosixPath(doc.path).name.lower() == "claim.toml":
        return Classification(CLAIM_MANIFEST, 1.0, "the claim manifest")
    return _text_kind(doc)


def _image_kind(doc: Document) -> Classification:
    """A photo of the goods, unless the reader found it shows a document or its text names a kind."""
    shows = doc.image.document if doc.image is not None else None
    if not doc.pages:
        if shows is None:
            return Classification(PHOTO, 1.0, "an image file")
        return Classification(UNKNOWN, 0.0, f"an image of {shows}, not a photo of the goods, with no text read from it")
    found = _text_kind(doc)
    if shows is None and found.kind == UNKNOWN:
        # A shipping mark or a label on the goods: some text, but no document of any kind.
        return Classification(PHOTO, 1.0, f"an image file ({counted(len(doc.lines), 'line')} of text in it {'names' if len(doc.lines) == 1 else 'name'} no document)")
    return found


def _text_kind(doc: Document) -> Classification:
    doc = document_view(doc)  # a workbook's other documents (its invoice sheet, its packing list) are parts
    by_substance = _by_substance(doc)
    if by_substance is not None:
        return by_substance
    scores, evidence = score_text(doc)
    if _not_a_record(scores, evidence):
        return Classification(UNKNOWN, 0.0, "; ".join(evidence[UNKNOWN][:2]) + ": describes or plans a trade, records none")
    scores.pop(UNKNOWN, None)
    blank = _blank_form(doc, evidence)
    if blank is not None:
        return blank
    _add_filename_hint(doc.path, scores)
    ranked = sorted(scores.items(), key=lambda item: (-item[1], KINDS.index(item[0])))
    if not ranked or ranked[0][1] < MIN_SCORE:
        return Classification(UNKNOWN, 0.0, "no title or labels of a known document kind")
    (kind, top), second = ranked[0], (ranked[1][1] if len(ranked) > 1 else 0.0)
    if kind == _paid_rule()["from"] and _shows_paid(doc):
        return Classification(_paid_rule()["to"], 0.9, "an order printout that shows the order paid")
    # A title at the top plus a couple of labels (score 8) is full strength.
    confidence = round(min(1.0, top / 8) * top / (top + second), 2)
    return Classification(kind, confidence, "; ".join(evidence[kind][:4]))


def _by_substance(doc: Document) -> Classification | None:
    """A SWIFT message is a payment whatever its title; a blank or placeholder form is no record at all."""
    tags = {match["tag"] for line in doc.lines if (match := _SWIFT_TAG.match(line.text))}
    if len(tags & _MT103_TAGS) >= 3 and "32A" in tags:
        if _format_words(doc) >= FORMAT_WORDS:
            return Classification(UNKNOWN, 0.0, "describes the SWIFT MT103 format (field specifications), not a payment")
        return Classification(PAYMENT_RECORD, 0.95, "a SWIFT MT103 message (fields " + ", ".join(sorted(tags & _MT103_TAGS)) + ")")
    if _format_words(doc) >= FORMAT_WORDS and any(_MT103_NAME.search(line.text) for line in doc.lines):
        return Classification(UNKNOWN, 0.0, "describes the SWIFT MT103 format (field specifications), not a payment")
    placeholders = sum(len(_PLACEHOLDER.findall(line.text)) for line in doc.lines)
    placeholders += sum(len(_VARIABLE_NAME.findall(line.text)) for line in doc.lines if line.source.ocr_confidence is None)
    if placeholders >= PLACEHOLDERS:
        return Classification(UNKNOWN, 0.0, f"a form filled with {placeholders} placeholders, not a record")
    return None


def _blank_form(doc: Document, evidence: dict[str, list[str]]) -> Classification | None:
    """A form whose fields are still blank lines to fill in, or a long form full of a kind's labels
    with hardly a date, amount or number filled in, is a template."""
    texts = [line.text for line in doc.lines]
    labels = sum(len(items) for kind, items in evidence.items() if kind != UNKNOWN)
    values = sum(len(_VALUE.findall(text)) for text in texts)
    blanks = sum(1 for text in texts if _FILL_IN.search(text))
    if blanks >= BLANK_FIELDS and blanks * 3 >= len(texts) and values <= BLANK_FORM_VALUES:
        return Classification(UNKNOWN, 0.0, f"{blanks} of {len(texts)} lines are fields left blank: a blank form")
    if len(texts) < BLANK_FORM_LINES or labels < BLANK_FORM_LABELS:
        return None
    if values <= BLANK_FORM_VALUES and values * 10 < len(texts):
        return Classification(UNKNOWN, 0.0, f"{labels} labels and {values} filled numbers in {len(texts)} lines: a blank form")
    return None


def _format_words(doc: Document) -> int:
    return sum(len(_FORMAT_WORD.findall(line.text)) for line in doc.lines)


def _not_a_record(scores: dict[str, float], evidence: dict[str, list[str]]) -> bool:
    """A quotation's or an instruction's title at the top, with no record's title there, is no record."""
    if not any(item.startswith("title '") for item in evidence.get(UNKNOWN, [])):
        return False
    return not any(
        item.startswith("title '") for kind, items in evidence.items() if kind != UNKNOWN for item in items
    )


def score_text(doc: Document) -> tuple[dict[str, float], dict[str, list[str]]]:
    """Given a Document, return a score per kind and the phrases that earned it."""
    scores: dict[str, float] = {}
    evidence: dict[str, list[str]] = {}
    keywords_seen: set[tuple[str, str]] = set()
    title = doc.metadata.get("title", "") or doc.metadata.get("subject", "")
    lines = ([title] if title else []) + [ln.text for ln in doc.lines]
    for index, text in enumerate(lines):
        at_top = index < TOP_LINES + (1 if title else 0)
        for phrase, matched, labelled in _matches(text):
            if phrase.strength == "title":
                # 'Invoice to:', 'Quotation No.': a title used as a label is no heading.
                weight = TITLE_AT_TOP if at_top and not labelled else TITLE_ELSEWHERE
            elif (phrase.kind, matched.lower()) in keywords_seen:
                continue
            else:
                keywords_seen.add((phrase.kind, matched.lower()))
                weight = KEYWORD
            if _count(evidence, phrase.kind, phrase.strength, weight) >= _cap(phrase.strength, weight):
                continue
            scores[phrase.kind] = scores.get(phrase.kind, 0.0) + weight
            evidence.setdefault(phrase.kind, []).append(f"{_label(phrase.strength, weight)} '{matched}'")
    return scores, evidence


def _label(strength: str, weight: float) -> str:
    return "title" if weight == TITLE_AT_TOP else ("keyword" if strength == "keyword" else "title (body)")


def _count(evidence: dict[str, list[str]], kind: str, strength: str, weight: float) -> int:
    label = _label(strength, weight)
    return sum(1 for item in evidence.get(kind, []) if item.startswith(label + " '"))


def _cap(strength: str, weight: float) -> float:
    label = _label(strength, weight)
    return {"keyword": KEYWORD_CAP, "title (body)": ELSEWHERE_CAP}.get(label, float("inf"))


@memoized_list
def _matches(text: str) -> list[tuple[_Phrase, str, bool]]:
    """Given a line, return the phrases in it and whether each is used as a label; a longer phrase hides those inside it."""
    return [(m.tag, m.text, bool(_LABEL_AFTER.match(text, m.end))) for m in _phrases().find(text)]


def _add_filename_hint(path: str, scores: dict[str, float]) -> None:
    tokens = set(re.split(r"[^0-9a-z\u4e00-\u9fff]+", PurePosixPath(path).stem.lower()))
    stem = PurePosixPath(path).stem
    for kind, hints in _FILENAME_HINTS.items():
        if kind in scores and any(h in tokens or (not h.isascii() and h in stem) for h in hints):
            scores[kind] += 0.5


def _paid_rule() -> dict[str, Any]:
    rule: dict[str, Any] = load_data("document_kinds.json")["_paid_order_printout"]
    return rule


def _shows_paid(doc: Document) -> bool:
    patterns = [phrase_to_pattern(p) for p in _paid_rule()["phrases"]]
    return any(p.search(line.text) for line in doc.lines for p in patterns)


@lru_cache(maxsize=1)
def _phrases() -> PhraseList:
    data = load_data("document_kinds.json")
    return PhraseList(
        (_Phrase(UNKNOWN if kind == "_not_a_record" else kind, strength.rstrip("s")), text)
        for kind, groups in data.items()
        if not kind.startswith("_") or kind == "_not_a_record"
        for strength in ("titles", "keywords")
        for text in groups.get(strength, [])
    )
