"""How the dispute statement says things: names of documents, amounts, dates, quotes, places.

Every helper returns Markdown-safe text: bundle text through `shown`, file names as inline
code fenced with more backticks than they hold, table cells with their pipes escaped, and a
value that was inferred or guessed followed by its certainty mark.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from typing import Any

from evidence.kinds import (
    CLAIM_MANIFEST,
    COMMERCIAL_INVOICE,
    CONTRACT,
    INSPECTION_REPORT,
    MESSAGE_LOG,
    PAYMENT_RECORD,
    PHOTO,
    PROFORMA_INVOICE,
    SHIPPING_DOCUMENT,
    UNKNOWN,
)
from evidence.records import LABELED, Record, Source, Value
from evidence.report import Report
from evidence.writers.safe import shown
from evidence.writers.style import certainty_mark
from evidence.wording import clipped

#: Document kind -> how a person calls it.
KIND_NAMES = {
    PROFORMA_INVOICE: "Proforma invoice",
    COMMERCIAL_INVOICE: "Commercial invoice",
    CONTRACT: "Contract",
    INSPECTION_REPORT: "Inspection report",
    PAYMENT_RECORD: "Payment record",
    SHIPPING_DOCUMENT: "Shipping document",
    MESSAGE_LOG: "Messages",
    PHOTO: "Photo",
    CLAIM_MANIFEST: "Claim manifest",
    UNKNOWN: "Other file",
}
#: A shipping document's type -> its name.
SHIPPING_NAMES = {
    "bill_of_lading": "Bill of lading",
    "sea_waybill": "Sea waybill",
    "air_waybill": "Air waybill",
    "packing_list": "Packing list",
    "delivery_note": "Proof of delivery",
    "courier": "Courier receipt",
}
#: How long a quoted message may be in the statement.
QUOTE_CHARS = 400
_BACKTICKS = re.compile("`+")


def kind_name(record: Record) -> str:
    """'Bill of lading', 'Contract': a document's kind as a person calls it."""
    if record.kind == SHIPPING_DOCUMENT:
        return SHIPPING_NAMES.get(str(record.get("document_type")), KIND_NAMES[SHIPPING_DOCUMENT])
    return KIND_NAMES.get(record.kind, record.kind)


def document_name(record: Record) -> str:
    """'contract HY-SC-260819', or the kind and the file when the document has no number."""
    kind = kind_name(record)
    kind = kind if kind.isupper() else kind[0].lower() + kind[1:]
    said_number = record.get("document_number")
    return shown(f"{kind} {said_number}") if said_number else f"{shown(kind)} {code(record.path)}"


def stated_in(report: Report, sources: list[Source]) -> str:
    """Given a fact's sources, return the documents that state it ('contract HY-SC-260819, proforma invoice ...')."""
    by_path = {r.path: r for r in report.records}
    names = []
    for path in dict.fromkeys(s.path for s in sources):
        record = by_path.get(path)
        if record is not None and record.kind == CLAIM_MANIFEST:
            names.append("stated by the buyer")
        elif record is not None:
            names.append(document_name(record))
    return ", ".join(names[:3])


def fact_text(report: Report, name: str) -> str:
    """A fact's value as the statement shows it, with its certainty mark."""
    fact = report.facts[name]
    value = number(fact.value) if isinstance(fact.value, (int, float)) else fact.value
    return shown(value) + mark(fact)


def field_text(record: Record, name: str, render: Callable[[Any], Any] = str) -> str:
    found = record.fields.get(name)
    return value_text(found, render) if found is not None else ""


def value_text(found: Value, render: Callable[[Any], Any] = str) -> str:
    """A record's value as shown, with its certainty mark."""
    return shown(render(found.value)) + mark(found)


def mark(found: Any) -> str:
    certainty = getattr(found, "certainty", LABELED)
    return shown(certainty_mark(certainty, getattr(found, "note", "")))


def money(report: Report, amount: Any, currency: Any = None) -> str:
    fact = report.facts.get("currency")
    code = currency or (fact.value if fact is not None else "")
    try:
        figure = f"{float(amount):,.2f}"
    except (TypeError, ValueError):
        return shown(amount)
    return shown(f"{code} {figure}".strip())


def number(value: Any) -> str:
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    return f"{value:,}" if isinstance(value, (int, float)) else str(value)


def place(source: Source) -> str:
    """A message's place: the file as inline code, then its page and line."""
    at = at_place(source)
    return f"{code(source.path)}, {at}" if at else code(source.path)


def at_place(source: Source) -> str:
    """'p.2, line 7' within a file ('' for a whole file)."""
    where = [f"p.{source.page}"] if source.page is not None else []
    return ", ".join(where + ([f"line {source.line}"] if source.line is not None else []))


def and_list(parts: list[str]) -> str:
    """'a', 'a and b', 'a, b and c'."""
    return parts[0] if len(parts) == 1 else ", ".join(parts[:-1]) + " and " + parts[-1]


def quoted(text: Any) -> str:
    """Given a message or a clause, return it on one line in quotes, at most QUOTE_CHARS long."""
    return shown(f'"{clipped(str(text), QUOTE_CHARS)}"')


def cell(value: object) -> str:
    """Given a value, return it for a table cell: on one line, its pipes escaped."""
    return shown(value).replace("|", "\\|")


def code(text: str, cell: bool = False) -> str:
    """Given a name, return it as inline code: one line, fenced with more backticks than it holds
    (in a table cell, its pipes escaped too)."""
    text = shown(text)
    if cell:
        text = text.replace("|", "\\|")
    fence = "`" * (max((len(r) for r in _BACKTICKS.findall(text)), default=0) + 1)
    padded = f" {text} " if text.startswith("`") or text.endswith("`") else text
    return f"{fence}{padded}{fence}"
