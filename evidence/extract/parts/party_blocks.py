"""Party blocks of payment documents: which party ('From', 'Beneficiary details') each line belongs to, and its parts (name, account, bank)."""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from evidence.extract.labels import find_labels, label_key
from evidence.phrases import required_phrases_pattern
from evidence.reference_data import load_data
from evidence.records import Document, Source, TextLine


@dataclass(frozen=True)
class Part:
    """One part (name, account, bank, swift) of a party block, with where it was read and the block's heading."""

    value: str
    source: Source
    text: str
    heading: str = ""

    @property
    def note(self) -> str:
        """How it was found: whose part it is comes from the block's heading, not from a label of its own."""
        return f'in the "{self.heading}" block' if self.heading else "in a party block"


def line_roles(doc: Document) -> dict[Source, str | None]:
    """Given a Document, return for each line the party block it sits in (payer, beneficiary, supplier, buyer).

    A block starts at a heading line ('From', 'Beneficiary details') and ends at
    the next heading, or at a short line that is not a label of a party part.
    """
    return {source: role for source, (role, _) in _blocks(doc).items()}


def _blocks(doc: Document) -> dict[Source, tuple[str | None, str]]:
    """Given a Document, return for each line its party block's role and heading text (see `line_roles`)."""
    blocks: dict[Source, tuple[str | None, str]] = {}
    role: str | None = None
    heading = ""
    for line in doc.lines:
        found = heading_role(line.text)
        if found is not None:
            role, heading = found or None, line.text.strip().rstrip(" :：")
        blocks[line.source] = role, heading
    return blocks


@lru_cache(maxsize=8192)
def heading_role(text: str) -> str | None:
    """Given a line, return the party its heading names, '' for another heading, None for no heading."""
    key = label_key(text).rstrip(" :：")
    for tail in load_data("payment_channels")["heading_tails"]:
        key = re.sub(rf"\s*{re.escape(tail)}$", "", key)
    for role, words in load_data("payment_channels")["sections"].items():
        if not role.startswith("_") and key in {label_key(word) for word in words}:
            return role
    stripped = text.strip()
    if not stripped or any(ch.isdigit() for ch in stripped) or len(stripped.split()) > 4 or "@" in stripped:
        return None
    if section_field_pattern().match(stripped) or any(hit.start == 0 for hit in find_labels(stripped)):
        return None
    return ""


def party_blocks(doc: Document) -> dict[tuple[str, str], Part]:
    """Given a Document, return (role, part) -> the first value a party block gives for it."""
    blocks = _blocks(doc)
    parts: dict[tuple[str, str], Part] = {}
    for line in doc.lines:
        role, heading = blocks.get(line.source, (None, ""))
        if role is None:
            continue
        for part, value in _line_parts(line):
            parts.setdefault((role, part), Part(value, line.source, line.text, heading))
    return parts


def _line_parts(line: TextLine) -> list[tuple[str, str]]:
    """Given a line of a party block, return the (part, value) its generic label gives."""
    match = section_field_pattern().match(line.text.strip())
    if match is None:
        return []
    value = line.text.strip()[match.end() :].strip(" :：|")
    part = next(name for name, group in match.groupdict().items() if group is not None)
    return [(part, value)] if value else []


@lru_cache(maxsize=1)
def payer_word() -> re.Pattern[str]:
    """A line starting with a payer word ('付款人账号', 'Sender account') is about the payer."""
    return required_phrases_pattern(tuple(load_data("payment_channels")["sections"]["payer"]))


@lru_cache(maxsize=1)
def section_field_pattern() -> re.Pattern[str]:
    groups = []
    for part, words in load_data("payment_channels")["section_fields"].items():
        if part.startswith("_"):
            continue
        groups.append(f"(?P<{part}>{required_phrases_pattern(tuple(words)).pattern})")
    return re.compile("|".join(groups), re.IGNORECASE)

