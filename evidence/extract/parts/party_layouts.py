"""Parties stated in layouts other than a label and its value.

- a contract's preamble: "ACME Co., Ltd. (hereinafter called the Sellers) and
  Beta Inc. (hereinafter called the Buyers) have agreed ...": each name stands
  before its role; a name right after "and" following one role's note is the
  other party, when the preamble names only one role;
- an invoice's addressee: the name right under the title, with no label, over
  its address ("COMMERCIAL INVOICE # 12" / "ACME HOME C/O BETA" / "7 Road...");
- an invoice's payee in its payment terms ("Paiement à l'ordre de ACME", "payable
  to ACME Ltd"): the seller, when nothing else names it;
- a payment advice's parties: its issuer (the letterhead) pays, the company it
  is addressed to is paid.

No label vouches for any of these: a value a record takes from them is inferred
(records.INFERRED), with a note naming the layout ("from the letterhead").
"""

from __future__ import annotations

import re

from evidence.extract.parts.item_headers import line_roles
from evidence.extract.parts.parties import (
    Party,
    company_in,
    company_name,
    is_bank,
    is_name,
    letterhead,
    party_name,
)
from evidence.extract.parts.scan import before_labels, terms
from evidence.extract.reading import top_lines
from evidence.normalize.companies import company_key
from evidence.phrases import compile_phrases
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


#: Title words of a bill; a purchase order's or a contract's addressee is its seller, not its buyer.
_BILL_TITLE = re.compile(r"invoice|rechnung|factu|faktura|fattura|发票", re.IGNORECASE)
#: What may follow an invoice's title on its line: its number ("# 1022309", "No. FA-12").
_TITLE_REST = re.compile(r"^\s*(?:no\.?|n°|nr\.?|#|number)?\s*[:：]?\s*[A-Z0-9][\w/\-.]*\s*$|^\s*$", re.IGNORECASE)
#: A line of an address: it starts with a house number or carries a postcode or a street number.
_ADDRESS_LINE = re.compile(r"^\s*(?:no\.?\s*)?\d|\d{3,}")
_CARE_OF = re.compile(r"\s+c/o\b.*$", re.IGNORECASE)
_TITLE_LINES = 8


def addressee_under_title(doc: Document, avoid: str | None = None) -> Party | None:
    """Given an invoice, return the company addressed right under its title, over its address.

    The name has no label, so it is taken only where the layout leaves no doubt:
    the title (with its number at most) alone on its line, the name on the next
    line (cut before a label beside it or a "c/o"), an address line after it
    (a labeled line, "Date: 09/06/2026", is none),
    and not the issuer (`avoid`).
    """
    lines = top_lines(doc, _TITLE_LINES + 2)
    for index, line in enumerate(lines[:_TITLE_LINES]):
        title = _title_at_start(line.text)
        if title is None or not _TITLE_REST.match(line.text[title:]) or index + 2 >= len(lines):
            continue
        text = _CARE_OF.sub("", before_labels(lines[index + 1].text)).strip(" ,;")
        if not text or not is_name(text) or not _ADDRESS_LINE.search(before_labels(lines[index + 2].text)):
            return None
        found = company_in(text, lines[index + 1].source)
        # Without a legal form, a line of column headings ("Description Quantity Amount") is no name.
        name = found.name if found else (party_name(text) if not line_roles(text) else None)
        if name is None or (avoid and company_key(name) == company_key(avoid)):
            return None
        return found or Party(name, lines[index + 1].source)
    return None


def _title_at_start(text: str) -> int | None:
    """Given a line, return where its invoice title ends when the line starts with one."""
    match = _titles().match(text.strip())
    if match is None or not _BILL_TITLE.search(match.group(0)):
        return None
    return text.index(text.strip()) + match.end()


def _titles() -> re.Pattern[str]:
    return compile_phrases(tuple(terms()["invoice_titles"]["words"]))


#: A payment advice's title: the payer tells the payee what it paid.
_ADVICE_TITLE = re.compile(r"^\s*(?:payment|remittance)\s+advice\s*$", re.IGNORECASE)
_ADVICE_LINES = 15


def advice_parties(doc: Document) -> tuple[Party, Party | None] | None:
    """Given a payment advice, return (payer, payee): its letterhead and the company addressed under it.

    None when the document is titled otherwise or has no letterhead. The payee is
    a company (with a legal form) alone on its line among the top lines, neither
    the payer nor a bank.
    """
    lines = top_lines(doc, _ADVICE_LINES)
    if not any(_ADVICE_TITLE.match(line.text) for line in lines[:3]):
        return None
    payer = letterhead(doc)
    if payer is None or is_bank(payer.name):
        return None
    for line in lines:
        text = before_labels(line.text).strip(" ,;")
        party = company_in(text, line.source)
        if (party is not None and len(party.name) >= len(text) - 1 and not is_bank(party.name)
                and company_key(party.name) != company_key(payer.name)):
            return payer, party
    return payer, None


#: A payment instruction naming who is paid ("payable to", "à l'ordre de", "in favour of").
_PAYABLE_TO = re.compile(
    r"\b(?:payable\s+to|(?:made\s+)?in\s+favou?r\s+of|(?:à|a)\s+l['’]ordre\s+de)\s+(?:the\s+order\s+of\s+)?(?P<rest>.+)$",
    re.IGNORECASE,
)


def payee_in_terms(doc: Document, avoid: str | None = None) -> Party | None:
    """Given an invoice, return the party its payment terms say is paid, unless a bank or `avoid`."""
    for line in doc.lines:
        match = _PAYABLE_TO.search(line.text)
        if match is None:
            continue
        text = before_labels(match.group("rest")).strip(" .,;")
        party = company_in(text, line.source)
        name = party.name if party else party_name(text)
        if name is None or is_bank(name) or (avoid and company_key(name) == company_key(avoid)):
            continue
        return party or Party(name, line.source)
    return None
