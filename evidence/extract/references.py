"""References between documents: the Trade Assurance order, PI, PO and contract numbers a document states or cites.

Every kind of document finds them here, in one way: under their labels
(data/labels.json), after an order word in running text ("Alibaba.com order
2412...", "PO 2381..."; data/document_hints.json), or as a long number beside
a line naming Trade Assurance.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from evidence.extract.labels import Labeled
from evidence.extract.reading import Reading, from_note, labeled_note
from evidence.normalize.identifiers import digits_of, grouped_order_number, identifier_in, reference_token
from evidence.reference_data import load_data
from evidence.records import INFERRED, LABELED, Document, Record, Source

#: Labels of a buyer's purchase order number (a contract_number label that is not a contract's).
PO_LABELS = ("po no.", "p.o. no.", "po number", "purchase order no.", "purchase order number")
#: A label that names the platform's order ("Trade Assurance order No.", "信保订单号").
_PLATFORM_LABEL = re.compile(r"trade\s*assurance|\bta\b|alibaba|信保|信用保障|阿里", re.IGNORECASE)
#: A line that names the platform's order in running text.
_PLATFORM_MENTION = re.compile(
    r"trade\s*assurance|alibaba\.com\s+order|\bTA\s+order|信保|信用保障|阿里巴巴订单", re.IGNORECASE
)
#: A platform order number: 12 to 20 digits.
_PLATFORM_NUMBER = re.compile(r"(?<![\d-])(\d{12,20})(?![\d-])")
_PI_IN_PROSE = re.compile(
    r"(?:\bPI\b|\bP/I\b|proforma invoice|pro forma invoice|形式发票)\s*(?:no\.?|number|#)?\s*[:：]?\s*"
    r"([A-Z0-9][A-Z0-9\-/]*\d[A-Z0-9\-/]*)",
    re.IGNORECASE,
)


@dataclass(frozen=True)
class Reference:
    """A reference read from running text, with the line it sits on: inferred, never under a label."""

    value: str
    platform: bool
    source: Source
    text: str
    #: The sentence it was read from when it runs over more lines than `text` ('' for `text` alone).
    context: str = ""
    certainty = INFERRED

    @property
    def note(self) -> str:
        return from_note("sentence", self.context or self.text, self.value)


# ---------------------------------------------------------------- the Trade Assurance order


def record_cited_order(record: Record, reading: Reading) -> None:
    """Set the Trade Assurance order number a document cites (an inspection report, a payment, a B/L).

    In order: a labeled one naming the platform, one in running text after a
    platform word, then any labeled order number or order cited in text.
    """
    labeled = reading.values("order_number")
    platform = [item for item in labeled if _PLATFORM_LABEL.search(item.label)]
    references = order_references(reading.doc)
    for group in (platform, [r for r in references if r.platform], labeled, references):
        for item in group:
            if isinstance(item, Labeled):
                value = identifier_in(item.value)
                if value is not None:
                    record.set("order_number", value, item.source, item.value, LABELED, labeled_note(item))
                    return
            else:
                record.set("order_number", item.value, item.source, item.text, item.certainty, item.note)
                return


def record_stated_order(record: Record, reading: Reading) -> None:
    """Set the Trade Assurance order number of a document that states the order's terms (PI, invoice, contract).

    A labeled order number counts when its label names the platform, when it is
    a platform-long number (12+ digits), or 8+ digits in a document that names
    Trade Assurance; any other labeled order number is the buyer's own
    (`order_reference`). Else a long number beside a line naming Trade Assurance.
    """
    mentions_platform = any(_PLATFORM_MENTION.search(line.text) for line in reading.doc.lines)
    for item in reading.values("order_number"):
        token = grouped_order_number(item.value) or identifier_in(item.value)
        if token is None:
            continue
        digits = digits_of(token)
        if (
            _PLATFORM_LABEL.search(item.label)
            or (digits.isdigit() and len(digits) >= 12)
            or (mentions_platform and len(digits) >= 8)
        ):
            record.set("order_number", token, item.source, item.value, LABELED, labeled_note(item))
            return
        record.set("order_reference", token, item.source, item.value, LABELED, labeled_note(item))
    found = platform_number_in_prose(reading.doc)
    if found is not None:
        record.set("order_number", found.value, found.source, found.text, found.certainty, found.note)


def platform_number_in_prose(doc: Document) -> Reference | None:
    """Given a Document, return a long order number on (or right under) a line naming Trade Assurance."""
    lines = doc.lines
    for index, line in enumerate(lines):
        if not _PLATFORM_MENTION.search(line.text):
            continue
        for nearby in lines[index : index + 2]:
            match = _PLATFORM_NUMBER.search(nearby.text)
            if match:
                context = f"{line.text} {nearby.text}" if nearby is not line else ""
                return Reference(match.group(1), True, nearby.source, nearby.text, context)
    return None


def order_references(doc: Document) -> list[Reference]:
    """Given a Document, return the order numbers its text cites after an order word,
    Trade Assurance ones first ('Alibaba.com order 2412...', 'PO 2381...')."""
    found = []
    for line in doc.lines:
        for platform, pattern in ((True, _reference_pattern("platform")), (False, _reference_pattern("generic"))):
            for match in pattern.finditer(line.text):
                token = reference_token(match.group("ref"))
                if token is not None:
                    found.append(Reference(token, platform, line.source, line.text))
    return sorted(found, key=lambda ref: not ref.platform)


# ---------------------------------------------------------------- the proforma invoice


def pi_reference(text: str) -> str | None:
    """Given running text ('deposit for PI BW-PI-26-0731'), return the PI number it cites."""
    for match in _pi_pattern().finditer(text):
        token = identifier_in(match.group("ref"))
        if token is not None:
            return token
    return None


def pi_in_prose(doc: Document, own: str | None) -> Reference | None:
    """Given a Document, return a PI number it cites in prose ("forms one agreement with PI HY-PI-2026-0817")."""
    for line in doc.lines:
        for match in _PI_IN_PROSE.finditer(line.text):
            if match.group(1) != own and len(match.group(1)) >= 4:
                return Reference(match.group(1), False, line.source, line.text)
    return None


# ---------------------------------------------------------------- patterns


@lru_cache(maxsize=1)
def _pi_pattern() -> re.Pattern[str]:
    hints = load_data("document_hints.json")
    return _cited_pattern(hints["pi_cues"], hints["order_cues"]["fillers"], separators="[:：#]")


@lru_cache(maxsize=None)
def _reference_pattern(kind: str) -> re.Pattern[str]:
    hints = load_data("document_hints.json")["order_cues"]
    return _cited_pattern(hints[kind], hints["fillers"], separators="[:：#/]")


def _cited_pattern(cues: list[str], fillers: list[str], separators: str) -> re.Pattern[str]:
    """Given cue words, filler words and separators, return a pattern of a cue, fillers and a reference (group 'ref')."""
    cue = "|".join(_phrase_body(phrase) for phrase in sorted(cues, key=len, reverse=True))
    filler = "|".join(_phrase_body(word) for word in sorted(fillers, key=len, reverse=True))
    return re.compile(
        rf"(?<![A-Za-z0-9])(?:{cue})(?![A-Za-z])\s*(?:(?:{filler})(?![A-Za-z])\s*|{separators}\s*)*"
        rf"(?P<ref>[A-Za-z0-9][A-Za-z0-9\-/]*\d[A-Za-z0-9\-/]*)",
        re.IGNORECASE,
    )


def _phrase_body(phrase: str) -> str:
    return r"[\s\-.]*".join(re.escape(part) for part in re.split(r"[\s\-.]+", phrase.strip()) if part) + (
        r"\.?" if phrase.endswith(".") else ""
    )

