"""The results of a check: one bundle's Report and one line of a batch summary, with their JSON form.

Writers turn these into text, Markdown, HTML or JSON; they import this module,
never the check that builds a Report. `Report.to_dict` is the JSON report of
INTERFACE.md: stable key order, so the output is byte-identical on re-runs.
"""

from __future__ import annotations

from dataclasses import asdict, dataclass, field
from datetime import date
from typing import Any

from evidence.facts import Fact
from evidence.findings import SEVERITY_RANK, Finding, verdict
from evidence.kinds import PHOTO
from evidence.records import Document, Record
from evidence.timeline import TimelineEvent
from evidence.version import __version__

SCHEMA_VERSION = "1"


@dataclass
class Report:
    """What the check of one bundle found: its documents and records, facts, findings, deadlines and timeline."""

    bundle: str
    documents: list[Document]
    records: list[Record] = field(default_factory=list)
    facts: dict[str, Fact] = field(default_factory=dict)
    findings: list[Finding] = field(default_factory=list)
    claim_type: str = "quality"
    as_of: date = field(default_factory=date.today)
    deadlines: dict[str, Any] = field(default_factory=dict)
    timeline: list[TimelineEvent] = field(default_factory=list)

    @property
    def verdict(self) -> str:
        """blocked (any blocker), weak (any major) or ready."""
        return verdict(self.findings)

    def to_dict(self) -> dict[str, Any]:
        """Return the JSON report (report.schema.json), keys in the order INTERFACE.md lists them."""
        return {
            "schema_version": SCHEMA_VERSION,
            "tool_version": __version__,
            "bundle": self.bundle,
            "claim_type": self.claim_type,
            "as_of": self.as_of.isoformat(),
            "verdict": self.verdict,
            "documents": [_document(doc, record) for doc, record in zip(self.documents, self.records)],
            "facts": {name: fact.to_dict() for name, fact in self.facts.items()},
            "findings": [f.to_dict() for f in self.findings],
            "deadlines": self.deadlines,
            "timeline": [event.to_dict() for event in self.timeline],
        }


def _document(doc: Document, record: Record) -> dict[str, Any]:
    """Given a document and its record, return its entry in the JSON report."""
    data: dict[str, Any] = {"path": doc.path, "sha256": doc.sha256, "kind": record.kind}
    if doc.pages and doc.filetype in {"pdf", "xlsx", "docx"}:
        data["pages"] = len(doc.pages)
    language = text_language(doc.text) if record.kind != PHOTO else None  # a label on the goods is no document's text
    if language:
        data["language"] = language
    data["errors"] = [p.reason for p in [*doc.problems, *record.problems]]
    fields = {name: value for name, value in record.values().items() if name != "kind"}
    fields.setdefault("document_number", None)
    fields.setdefault("document_date", None)
    data["fields"] = fields
    return data


def text_language(text: str) -> str | None:
    """Given a document's text, return 'zh', 'en', 'en+zh' or None (no letters)."""
    sample = text[:20000]
    cjk = sum(1 for ch in sample if "\u4e00" <= ch <= "\u9fff")
    latin = sum(1 for ch in sample if ch.isascii() and ch.isalpha())
    if cjk == 0 and latin == 0:
        return None
    if cjk and latin > 4 * cjk:
        return "en+zh" if cjk >= 10 else "en"
    if cjk and latin >= 20:
        return "en+zh"
    return "zh" if cjk else "en"


@dataclass(frozen=True)
class BatchRow:
    """One bundle's line in the batch summary."""

    bundle: str
    verdict: str  # blocked | weak | ready | error
    blocker: int = 0
    major: int = 0
    minor: int = 0
    info: int = 0
    days_left: int | None = None
    top_finding: str = ""
    error: str = ""
    #: The bundle's own report, when the batch asks for one (`BatchOptions.render`, for `--format
    #: html`): made where the bundle was checked, so no bundle is checked twice. Not a column.
    page: str = field(default="", repr=False, compare=False)

    def to_dict(self) -> dict[str, Any]:
        """Return the row as a dict, keys in field order (the JSON and CSV summaries rely on it)."""
        data = asdict(self)
        del data["page"]
        return data

    def fails(self, fail_on: str) -> bool:
        """Given a --fail-on severity, return whether this bundle fails at it (an error always does)."""
        counts = {"blocker": self.blocker, "major": self.major, "minor": self.minor, "info": self.info}
        return self.verdict == "error" or any(
            counts[severity] for severity, rank in SEVERITY_RANK.items() if rank <= SEVERITY_RANK[fail_on]
        )
