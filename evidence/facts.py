"""Merge the records of a bundle into its facts, each with all its sources and conflicts.

Each fact has an order of document kinds to take it from (the manifest first
where it may state it, then the documents most authoritative for it). Every
record that states the fact adds its source; one that states a different value
is kept as a conflict for the consistency rules. Values are compared after
normalising: company names without suffixes and punctuation, references
without spaces and dashes, amounts to the cent.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import date, timedelta
from typing import Any

from evidence.kinds import (
    CLAIM_MANIFEST,
    COMMERCIAL_INVOICE,
    CONTRACT,
    INSPECTION_REPORT,
    MESSAGE_LOG,
    PAYMENT_RECORD,
    PROFORMA_INVOICE,
    SHIPPING_DOCUMENT,
)
from evidence.normalize.companies import company_key
from evidence.records import LABELED, Basis, Record, Source, Value, strongest, weakest
from evidence.wording import counted

# Short names keep the table below one source per cell and readable.
MANIFEST, PI, CI = CLAIM_MANIFEST, PROFORMA_INVOICE, COMMERCIAL_INVOICE
INSPECTION, PAYMENT, SHIPPING = INSPECTION_REPORT, PAYMENT_RECORD, SHIPPING_DOCUMENT

#: Fact name -> the (kind, field) pairs that state it, most authoritative first.
FACT_SOURCES: dict[str, list[tuple[str, str]]] = {
    "order_number": [(MANIFEST, "order_number"), (PI, "order_number"), (CONTRACT, "order_number"),
                     (CI, "order_number"), (PAYMENT, "order_number"), (INSPECTION, "order_number"),
                     (SHIPPING, "order_number")],
    # The platform order's own date first (an order printout), then the PI/contract dates.
    "order_date": [(PAYMENT, "order_date"), (PI, "order_date"), (CONTRACT, "order_date"),
                   (PI, "document_date"), (CONTRACT, "document_date")],
    "supplier_name": [(PI, "supplier_name"), (CONTRACT, "supplier_name"), (CI, "supplier_name"),
                      (SHIPPING, "shipper")],
    "buyer_name": [(PI, "buyer_name"), (CONTRACT, "buyer_name"), (CI, "buyer_name"), (SHIPPING, "consignee")],
    "currency": [(PI, "currency"), (CONTRACT, "currency"), (CI, "currency"), (PAYMENT, "currency")],
    "order_total": [(PI, "order_total"), (CONTRACT, "order_total"), (CI, "order_total")],
    "quantity": [(PI, "quantity"), (CONTRACT, "quantity"), (CI, "quantity"), (INSPECTION, "quantity"),
                 (SHIPPING, "quantity")],
    "incoterm": [(PI, "incoterm"), (CONTRACT, "incoterm"), (CI, "incoterm")],
    "ship_by": [(CONTRACT, "ship_by"), (PI, "ship_by")],
    "shipped_on": [(SHIPPING, "shipped_on")],
    "delivery_date": [(MANIFEST, "delivery_date"), (SHIPPING, "delivery_date")],
    "payment_method": [(PAYMENT, "payment_method"), (PI, "payment_method"), (CONTRACT, "payment_method")],
    "beneficiary_name": [(PAYMENT, "beneficiary_name"), (PI, "beneficiary_name"), (CONTRACT, "beneficiary_name")],
    "inspection_company": [(INSPECTION, "inspection_company")],
    "inspection_date": [(INSPECTION, "inspection_date")],
    "inspection_result": [(INSPECTION, "inspection_result")],
    "coverage_limit": [(MANIFEST, "coverage_limit")],
}
#: Facts that differ legitimately between documents of one order: no conflict is kept.
NO_CONFLICTS = {"payment_method", "beneficiary_name", "order_date"}


@dataclass
class Fact:
    """A fact of the order, the sources that state it, and the conflicting values of other documents.

    `certainty` is how sure the value is (records.CERTAINTIES): documents that agree confirm
    each other, so it is the strongest of their statements (a total one document guessed and
    another read under its label is read); a fact worked out from others (a ship-by date
    counted from a lead time and a payment) is as sure as the weakest of those. `note` is that
    statement's note. Each conflict keeps its own certainty the same way.
    """

    name: str
    value: Any
    sources: list[Source] = field(default_factory=list)
    conflicts: list[dict[str, Any]] = field(default_factory=list)
    certainty: str = LABELED
    note: str = ""

    def basis(self) -> Basis:
        """Return the fact as a finding's Basis (its first source)."""
        return Basis(self.name, self.value, self.sources[0], self.certainty, self.note)

    def conflict_bases(self) -> list[Basis]:
        """Return each conflicting value as a finding's Basis (its first source)."""
        return [
            Basis(self.name, c["value"], c["sources"][0], c.get("certainty", LABELED), c.get("note", ""))
            for c in self.conflicts
        ]

    def to_dict(self) -> dict[str, Any]:
        data: dict[str, Any] = {"value": self.value, "sources": [s.to_dict() for s in self.sources]}
        data["certainty"] = self.certainty
        if self.conflicts:
            data["conflicts"] = [
                {"value": c["value"], "sources": [s.to_dict() for s in c["sources"]],
                 "certainty": c.get("certainty", LABELED)}
                for c in self.conflicts
            ]
        return data


def records_to_facts(records: list[Record]) -> dict[str, Fact]:
    """Given the records of a bundle, return its facts by name (only those established)."""
    facts: dict[str, Fact] = {}
    for name, pairs in FACT_SOURCES.items():
        fact = _merge(name, _statements(records, pairs))
        if fact is not None:
            facts[name] = fact
    _resolve_lead_time(records, facts)
    return dict(sorted(facts.items()))


def _statements(records: list[Record], pairs: list[tuple[str, str]]) -> list[Value]:
    found: list[Value] = []
    for kind, field_name in pairs:
        for record in sorted((r for r in records if r.kind == kind), key=lambda r: r.path):
            value = record.fields.get(field_name)
            if value is not None:
                found.append(value)
    return found


def _merge(name: str, statements: list[Value]) -> Fact | None:
    if not statements:
        return None
    first = statements[0]
    fact = Fact(name, first.value, [first.source], certainty=first.certainty, note=first.note)
    for statement in statements[1:]:
        if comparable(name, statement.value) == comparable(name, fact.value):
            if statement.source not in fact.sources:
                fact.sources.append(statement.source)
            if strongest(fact.certainty, statement.certainty) != fact.certainty:
                fact.certainty, fact.note = statement.certainty, statement.note
            if _shouting(fact.value) and not _shouting(statement.value):
                fact.value = statement.value  # the same name as it is normally written
        elif name not in NO_CONFLICTS:
            _add_conflict(fact, statement)
    return fact


def _shouting(value: Any) -> bool:
    return isinstance(value, str) and value.isupper()


def _add_conflict(fact: Fact, statement: Value) -> None:
    for conflict in fact.conflicts:
        if comparable(fact.name, conflict["value"]) == comparable(fact.name, statement.value):
            conflict["sources"].append(statement.source)
            if strongest(conflict["certainty"], statement.certainty) != conflict["certainty"]:
                conflict["certainty"], conflict["note"] = statement.certainty, statement.note
            return
    fact.conflicts.append({"value": statement.value, "sources": [statement.source],
                           "certainty": statement.certainty, "note": statement.note})


_LOOKALIKES = str.maketrans("ILO", "110")


def comparable(name: str, value: Any) -> Any:
    """Given a fact's value, return the form two documents must agree on."""
    if name in {"supplier_name", "buyer_name", "beneficiary_name"} and isinstance(value, str):
        # Without spaces: OCR glues words ("NingboHarbour"), and so do some letterheads.
        return company_key(value).replace(" ", "")
    if name == "order_number" and isinstance(value, str):
        # I, L and 1, O and 0 look alike in print and in OCR's reading of a scan: a number is not another for them.
        return re.sub(r"[\s\-_/.]", "", value).upper().translate(_LOOKALIKES)
    if name in {"order_total", "quantity"} and isinstance(value, (int, float)):
        return round(float(value), 2)
    if name == "incoterm" and isinstance(value, str):
        return value.split()[0].upper() if value.split() else value
    if isinstance(value, str):
        return value.strip().lower()
    return value


def _resolve_lead_time(records: list[Record], facts: dict[str, Fact]) -> None:
    """A ship-by date given as '35 days after deposit' is anchored on the deposit's payment date."""
    if "ship_by" in facts:
        return
    for record in sorted(records, key=lambda r: (r.kind != CONTRACT, r.path)):
        lead = record.fields.get("lead_time")
        if record.kind not in {PI, CONTRACT} or lead is None or not isinstance(lead.value, dict):
            continue
        anchor = _anchor_date(records, str(lead.value.get("anchor", "")))
        days = lead.value.get("days")
        if anchor is None or not isinstance(days, int) or lead.value.get("vague"):
            continue
        anchor_date, paid = anchor
        ship_by = anchor_date + timedelta(days=days)
        # A date counted from a stated lead time and a stated payment date is as sure as they are.
        facts["ship_by"] = Fact("ship_by", ship_by.isoformat(), [lead.source, paid.source],
                                certainty=weakest(lead.certainty, paid.certainty),
                                note=f"{counted(days, 'day')} after the payment of {anchor_date.isoformat()}")
        return


def _anchor_date(records: list[Record], anchor: str) -> tuple[date, Value] | None:
    """Return the date of the event a lead time counts from, as a payment record shows it."""
    if anchor not in {"deposit", "payment", "receipt_of_payment"}:
        return None
    payments = []
    for record in records:
        if record.kind != PAYMENT:
            continue
        paid = record.fields.get("payment_date") or record.fields.get("document_date")
        purpose = record.get("payment_purpose", "unknown")
        if paid is not None and (anchor != "deposit" or purpose in {"deposit", "unknown", "full"}):
            payments.append((date.fromisoformat(str(paid.value)), paid))
    return min(payments, key=lambda p: p[0]) if payments else None


def agreed_ship_dates(records: list[Record]) -> list[tuple[date, Source, str]]:
    """Given the records, return the ship dates the buyer agreed to in messages: (date, message, quote), earliest first."""
    found = []
    for record in records:
        if record.kind != MESSAGE_LOG:
            continue
        for agreed in record.get("agreed_ship_dates", []) or []:
            if not isinstance(agreed, dict) or agreed.get("actor") != "buyer":
                continue
            try:
                when = date.fromisoformat(str(agreed.get("date")))
            except ValueError:
                continue
            source = Source(**agreed["source"]) if isinstance(agreed.get("source"), dict) else Source(record.path)
            found.append((when, source, str(agreed.get("quote", ""))))
    return sorted(found, key=lambda item: item[0])


def ship_by_in_force(facts: dict[str, Fact], records: list[Record]) -> tuple[date, Source] | None:
    """Given the facts and records, return the agreed ship-by date in force and where it was set.

    The latest date the buyer agreed to in messages when later than the order's (RULES.md
    D006), else the order's own `ship_by`; None when neither is known.
    """
    fact = facts.get("ship_by")
    try:
        original = date.fromisoformat(str(fact.value)) if fact is not None else None
    except ValueError:
        original = None
    later = [(when, source) for when, source, _ in agreed_ship_dates(records) if original is None or when > original]
    if later:
        return later[-1]
    return (original, fact.sources[0]) if original is not None and fact is not None else None
