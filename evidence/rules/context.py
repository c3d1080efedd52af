"""What the rules see: the bundle, its documents and records, the merged facts, the claim type, the as-of date."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date

from evidence.bundle import Bundle
from evidence.facts import Fact
from evidence.kinds import CLAIM_MANIFEST
from evidence.records import Basis, Document, Problem, Record, Source, Value


@dataclass
class Context:
    """What the rules see: documents, records, merged facts, the claim type and the as-of date."""

    bundle: Bundle
    documents: list[Document]
    records: list[Record]
    facts: dict[str, Fact]
    claim_type: str = "quality"
    as_of: date = field(default_factory=date.today)
    _by_source: dict[Source, list[tuple[str, Value]]] | None = field(default=None, init=False, repr=False)

    @property
    def bundle_problems(self) -> list[Problem]:
        return self.bundle.problems

    def manifest_date(self, name: str) -> date | None:
        """A date the claim manifest states (dispute_opened, delivery_date...), or None."""
        manifest = next((r for r in self.records if r.kind == CLAIM_MANIFEST), None)
        value = manifest.get(name) if manifest else None
        try:
            return date.fromisoformat(value) if isinstance(value, str) else None
        except ValueError:
            return None

    def values_at(self, source: Source) -> list[tuple[str, Value]]:
        """The (field name, Value) pairs the records read at `source`: fields, then line items' values."""
        if self._by_source is None:
            self._by_source = {}
            for record in self.records:
                for pair in [*record.fields.items(), *(kv for item in record.items for kv in item.items())]:
                    self._by_source.setdefault(pair[1].source, []).append(pair)
        return self._by_source.get(source, [])

    def basis_at(self, name: str, source: Source) -> Basis | None:
        """The value of `name` some record read at `source` (a field, else a line item's), as a finding's Basis.

        A field of another name read on the same line stands in when none of `name` is there
        (an order's 'po_number' compared with a report's 'order_number').
        """
        found = self.values_at(source)
        chosen = next((value for field, value in found if field == name), found[0][1] if found else None)
        return Basis.of(name, chosen) if chosen is not None else None

    def fact_date(self, name: str) -> date | None:
        """The fact as a date, or None when it is missing or not an ISO date."""
        fact = self.facts.get(name)
        try:
            return date.fromisoformat(str(fact.value)) if fact is not None else None
        except ValueError:
            return None
