"""Recognise what kind of document a file is, from its content.

Titles and labels for each kind live in data/document_kinds.json. A title near
the top of the first page is strong evidence; the same phrase further down, or
a typical label anywhere, is weaker. The file name only breaks near-ties.
Message logs, photos and the claim manifest are known from how they were read.
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
from evidence.records import Document

MESSAGE_READERS = {"messages", "whatsapp", "transcript", "email"}  # readers that only accept message logs
TOP_LINES = 15  # lines of page 1 where a document's own title sits
TITLE_AT_TOP, TITLE_ELSEWHERE, KEYWORD = 6.0, 1.5, 1.0
# Caps so that a long document mentioning 'contract' on every page is not a contract.
KEYWORD_CAP, ELSEWHERE_CAP = 6, 3
MIN_SCORE = 3.0
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
        return Classification(MESSAGE_LOG, 1.0, f"{len(doc.messages)} messages read by the {doc.reader} reader")
    if doc.image is not None or doc.reader == "video":
        return Classification(PHOTO, 1.0, "an image or video file")
    if PurePosixPath(doc.path).name.lower() == "claim.toml":
        return Classification(CLAIM_MANIFEST, 1.0, "the claim manifest")
    scores, evidence = score_text(doc)
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


def score_text(doc: Document) -> tuple[dict[str, float], dict[str, list[str]]]:
    """Given a Document, return a score per kind and the phrases that earned it."""
    scores: dict[str, float] = {}
    evidence: dict[str, list[str]] = {}
    keywords_seen: set[tuple[str, str]] = set()
    title = doc.metadata.get("title", "") or doc.metadata.get("subject", "")
    lines = ([title] if title else []) + [ln.text for ln in doc.lines]
    for index, text in enumerate(lines):
        at_top = index < TOP_LINES + (1 if title else 0)
        for phrase, matched in _matches(text):
            if phrase.strength == "title":
                weight = TITLE_AT_TOP if at_top else TITLE_ELSEWHERE
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
def _matches(text: str) -> list[tuple[_Phrase, str]]:
    """Given a line, return the phrases in it; a longer phrase hides those inside it."""
    return [(match.tag, match.text) for match in _phrases().find(text)]


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
        (_Phrase(kind, strength.rstrip("s")), text)
        for kind, groups in data.items()
        if not kind.startswith("_")
        for strength in ("titles", "keywords")
        for text in groups.get(strength, [])
    )
