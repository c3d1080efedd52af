"""SWIFT MT103 messages as text: the tagged fields (:20:, :32A:, :50K:, :59:, :70:) a payment record is read from."""

from __future__ import annotations

import re
from dataclasses import dataclass

from evidence.extract.labels import label_key
from evidence.reference_data import load_data
from evidence.records import Document, Source, TextLine

#: An MT103 field tag at the start of a line (":32A:").
_TAG = re.compile(r"^\s*:(?P<tag>\d{2}[A-Z]?):\s*(?P<rest>.*)$")
_TAG_LINES = 5  # an MT103 field holds at most four or five lines of 35 characters
#: A SWIFT/BIC code.
BIC = re.compile(r"(?<![A-Z0-9])[A-Z]{4}[A-Z]{2}[A-Z0-9]{2}(?:[A-Z0-9]{3})?(?![A-Z0-9])")


@dataclass(frozen=True)
class SwiftField:
    """One MT103 field: its lines (titles banks print dropped), joined text, where it starts, and what it holds.

    `name` is its meaning in data/payment_channels.json ('beneficiary' for :59:).
    """

    tag: str
    lines: tuple[str, ...]
    source: Source
    name: str = ""

    @property
    def text(self) -> str:
        return " ".join(self.lines)

    @property
    def note(self) -> str:
        """How a value read from it was found: its tag is its label (':59: beneficiary')."""
        return f":{self.tag}: {self.name.replace('_', ' ')}".strip()


def swift_fields(doc: Document) -> dict[str, SwiftField]:
    """Given a Document, return its MT103 fields by meaning (reference, settlement, payer, ...)."""
    tags = load_data("payment_channels")["swift_tags"]
    meaning = {tag: name for name, listed in tags.items() if not name.startswith("_") for tag in listed}
    fields: dict[str, SwiftField] = {}
    lines = doc.lines
    for index, line in enumerate(lines):
        match = _TAG.match(line.text)
        if match is None or match["tag"] not in meaning:
            continue
        body = [match["rest"], *_continuation(lines[index + 1 : index + _TAG_LINES])]
        kept = tuple(text.strip() for text in body if text.strip() and not _is_tag_title(text))
        name = meaning[match["tag"]]
        if kept:
            fields.setdefault(name, SwiftField(match["tag"], kept, line.source, name))
    return fields


def _continuation(lines: list[TextLine]) -> list[str]:
    taken = []
    for line in lines:
        if _TAG.match(line.text) or not line.text.strip():
            break
        taken.append(line.text)
    return taken


def _is_tag_title(text: str) -> bool:
    key = label_key(text).rstrip(" :：")
    return key in {label_key(title) for title in load_data("payment_channels")["swift_tags"]["titles"]}


def swift_name(field: SwiftField) -> str:
    """Given a party field (:50K:, :59:, :57D:), return its name line: not the /account, not a '1/' prefix."""
    for line in field.lines:
        if line.startswith("/") or BIC.fullmatch(line.strip()):
            continue
        return re.sub(r"^\d/", "", line).strip()
    return ""

