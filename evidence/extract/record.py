"""Extracted records: what one document says, each value with the place it was read.

An extractor turns a Document of a known kind into a Record. Field names follow
INTERFACE.md's fact names (order_number, order_total, ship_by, ...) plus the
document's own `document_number` and `document_date`. Values are JSON-ready
(str, int, float, bool, lists and dicts of them); dates are ISO strings and
amounts are numbers, so a Record validates against its JSON Schema as it is.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from evidence.records import Source


@dataclass(frozen=True)
class Value:
    """One extracted value, the text it was read from, and where that text sits."""

    value: Any
    source: Source
    text: str = ""

    def to_dict(self) -> dict[str, Any]:
        return {"value": self.value, "source": self.source.to_dict(), "text": self.text}


@dataclass(frozen=True)
class Event:
    """Something a message shows happening: a complaint, an admission, a promise...

    `kind` is a kebab-case name from data/message_events.json; `actor` is
    buyer, supplier or unknown; `quote` is the message text the event rests on.
    """

    kind: str
    actor: str
    timestamp: str | None
    quote: str
    source: Source
    channel: str = "unknown"

    def to_dict(self) -> dict[str, Any]:
        return {
            "kind": self.kind,
            "actor": self.actor,
            "timestamp": self.timestamp,
            "quote": self.quote,
            "channel": self.channel,
            "source": self.source.to_dict(),
        }


@dataclass
class Record:
    """Everything extracted from one document of one kind."""

    kind: str
    path: str
    confidence: float = 1.0
    fields: dict[str, Value] = field(default_factory=dict)
    items: list[dict[str, Value]] = field(default_factory=list)
    events: list[Event] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)

    def set(self, name: str, value: Any, source: Source, text: str = "") -> None:
        """Record a field once: the first value found (in reading order) wins."""
        if value is not None and value != "" and name not in self.fields:
            self.fields[name] = Value(value, source, text)

    def get(self, name: str, default: Any = None) -> Any:
        found = self.fields.get(name)
        return found.value if found is not None else default

    def values(self) -> dict[str, Any]:
        """Return the plain data a JSON Schema validates: kind, fields, items, events."""
        data: dict[str, Any] = {"kind": self.kind}
        data.update({name: v.value for name, v in sorted(self.fields.items())})
        if self.items:
            data["line_items"] = [{k: v.value for k, v in item.items()} for item in self.items]
        if self.events:
            data["events"] = [{"kind": e.kind, "actor": e.actor, "timestamp": e.timestamp} for e in self.events]
        return data

    def to_dict(self) -> dict[str, Any]:
        """Return the record with the provenance of every value, for `extract --format json`."""
        return {
            "kind": self.kind,
            "path": self.path,
            "confidence": self.confidence,
            "fields": {name: v.to_dict() for name, v in sorted(self.fields.items())},
            "line_items": [{k: v.to_dict() for k, v in item.items()} for item in self.items],
            "events": [e.to_dict() for e in self.events],
            "notes": list(self.notes),
        }
