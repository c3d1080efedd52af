"""The timeline: every dated event across the bundle's documents, oldest first, each with its source."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from evidence.kinds import (
    CLAIM_MANIFEST,
    COMMERCIAL_INVOICE,
    CONTRACT,
    INSPECTION_REPORT,
    PAYMENT_RECORD,
    PHOTO,
    PROFORMA_INVOICE,
    SHIPPING_DOCUMENT,
)
from evidence.records import Record, Source

#: (document kind, field) -> what the date marks; one place to teach the timeline a new event.
DATED_FIELDS: dict[tuple[str, str], str] = {
    (PROFORMA_INVOICE, "document_date"): "proforma invoice issued",
    (COMMERCIAL_INVOICE, "document_date"): "commercial invoice issued",
    (CONTRACT, "document_date"): "contract dated",
    (PROFORMA_INVOICE, "ship_by"): "agreed ship-by date (PI)",
    (CONTRACT, "ship_by"): "agreed ship-by date (contract)",
    (PAYMENT_RECORD, "order_date"): "order placed",
    (PAYMENT_RECORD, "payment_date"): "payment made",
    (INSPECTION_REPORT, "inspection_date"): "inspection",
    (SHIPPING_DOCUMENT, "shipped_on"): "shipped on board",
    (SHIPPING_DOCUMENT, "delivery_date"): "delivered",
    (PHOTO, "capture_date"): "photo taken",
    (CLAIM_MANIFEST, "delivery_date"): "delivered (claim.toml)",
    (CLAIM_MANIFEST, "dispute_opened"): "dispute opened",
}
_EVENT_WORDS = {
    "complaint": "buyer complained",
    "supplier-admission": "supplier admitted the fault",
    "supplier-promise": "supplier promised",
    "off-platform-payment-request": "supplier asked for payment outside the platform",
    "off-platform-payment-made": "buyer paid outside the platform",
    "platform-payment": "payment through the platform",
    "extension-agreed": "buyer agreed to a later ship date",
    "settlement-accepted": "settlement accepted",
    "sample-approved": "sample approved",
    "spec-change-agreed": "specification change agreed",
    "order-placed": "order placed",
}


@dataclass(frozen=True)
class TimelineEvent:
    date: str  # ISO date
    event: str
    source: Source
    detail: str = ""

    def to_dict(self) -> dict[str, Any]:
        data: dict[str, Any] = {"date": self.date, "event": self.event, "source": self.source.to_dict()}
        if self.detail:
            data["detail"] = self.detail
        return data


def records_to_timeline(records: list[Record]) -> list[TimelineEvent]:
    """Given the bundle's records, return its dated events, oldest first (ties by source)."""
    events: list[TimelineEvent] = []
    for record in records:
        for (kind, name), label in DATED_FIELDS.items():
            value = record.fields.get(name) if record.kind == kind else None
            if value is not None and _is_date(value.value):
                events.append(TimelineEvent(str(value.value)[:10], label, value.source))
        for event in record.events:
            if event.timestamp and _is_date(event.timestamp):
                words = _EVENT_WORDS.get(event.kind, event.kind)
                events.append(TimelineEvent(event.timestamp[:10], words, event.source, event.quote[:120]))
    unique = {(e.date, e.event, e.source): e for e in events}
    return sorted(unique.values(), key=lambda e: (e.date, e.source, e.event))


def _is_date(value: object) -> bool:
    text = str(value)
    return len(text) >= 10 and text[4] == "-" and text[7] == "-" and text[:4].isdigit()
