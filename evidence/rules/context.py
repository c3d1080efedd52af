"""What the rules see: the bundle, its documents and records, the merged facts, the claim type, the as-of date."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date

from evidence.bundle import Bundle
from evidence.facts import Fact
from evidence.kinds import CLAIM_MANIFEST
from evidence.records import Document, Problem, Record


@dataclass
class Context:
    """What the rules see: documents, records, merged facts, the claim type and the as-of date."""

    bundle: Bundle
    documents: list[Document]
    records: list[Record]
    facts: dict[str, Fact]
    claim_type: str = "quality"
    as_of: date = field(default_factory=date.today)

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

    def fact_date(self, name: str) -> date | None:
        """The fact as a date, or None when it is missing or not an ISO date."""
        fact = self.facts.get(name)
        try:
            return date.fromisoformat(str(fact.value)) if fact is not None else None
        except ValueError:
            return None
