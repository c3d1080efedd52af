"""Parties stated in layouts other than a label and its value.

- a contract's preamble: "ACME Co., Ltd. (hereinafter called the Sellers) and
  Beta Inc. (hereinafter called the Buyers) have agreed ...": each name stands
  before its role; a name right after "and" following one role's note is the
  other party, when the preamble names only one role.
"""

from __future__ import annotations

import re

from evidence.extract.parts.parties import Party, company_name
from evidence.records import Document

#: The role note after a party's name in a preamble; group 'role' is the role word.
_HEREINAFTER = re.compile(
    r"[(（]?\s*(?:hereinafter|hereafter)\s+(?:called|referred\s+to\s+as|named|known\s+as|the)?\s*"
    r"[\"“'‘]?(?:the\s+)?[\"“'‘]?(?P<role>sellers?|suppliers?|vendors?|buyers?|purchasers?)\b[\"”'’]?\s*[)）]?",
    re.IGNORECASE,
)
_ROLE_FIELD = {"sell": "supplier_name", "supp": "supplier_name", "vend": "supplier_name",
               "buye": "buyer_name", "purc": "buyer_name"}
#: Words a preamble puts before a party's name ("This is to confirm that", "by and between", "and").
_INTRO = re.compile(r"(?:\bthat|\bbetween|\band|[:;,])\s+", re.IGNORECASE)


def preamble_parties(doc: Document) -> dict[str, Party]:
    """Given a Document, return the parties its preamble names, by field ('supplier_name', 'buyer_name')."""
    for line in doc.lines:
        notes = list(_HEREINAFTER.finditer(line.text))
        if not notes:
            continue
        found: dict[str, Party] = {}
        start = 0
        for note in notes:
            field = _ROLE_FIELD[note.group("role")[:4].lower()]
            name = _name_before(line.text[start : note.start()])
            if name is not None and field not in found:
                found[field] = Party(name, line.source)
            start = note.end()
        if len(found) == 1 and len(notes) == 1:
            # "X (hereinafter called the Sellers) and Y have agreed": Y is the other party.
            other = "buyer_name" if "supplier_name" in found else "supplier_name"
            after = re.match(r"\s*and\s+(.*)", line.text[notes[0].end() :], re.IGNORECASE)
            name = company_name(after.group(1)) if after else None
            if name is not None:
                found[other] = Party(name, line.source)
        if found:
            return found
    return {}


def _name_before(text: str) -> str | None:
    """Given the text before a role note, return the company it names: the first name after an intro word."""
    starts = [0] + [match.end() for match in _INTRO.finditer(text)]
    for start in starts:
        name = company_name(text[start:])
        if name is not None:
            return name
    return None
