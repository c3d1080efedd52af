"""The check report as JSON (INTERFACE.md): stable key order, byte-identical on re-runs."""

from __future__ import annotations

import json
from typing import Any

from evidence import __version__
from evidence.check import Report
from evidence.records import Document, Record

SCHEMA_VERSION = "1"


def report_to_dict(report: Report) -> dict[str, Any]:
    return {
        "schema_version": SCHEMA_VERSION,
        "tool_version": __version__,
        "bundle": report.bundle,
        "claim_type": report.claim_type,
        "as_of": report.as_of.isoformat(),
        "verdict": report.verdict,
        "documents": [_document(doc, record) for doc, record in zip(report.documents, report.records)],
        "facts": {name: fact.to_dict() for name, fact in report.facts.items()},
        "findings": [f.to_dict() for f in report.findings],
        "deadlines": report.deadlines,
        "timeline": [event.to_dict() for event in report.timeline],
    }


def report_to_json(report: Report, colour: bool = False) -> str:
    return json.dumps(report_to_dict(report), ensure_ascii=False, indent=2) + "\n"


def _document(doc: Document, record: Record) -> dict[str, Any]:
    data: dict[str, Any] = {"path": doc.path, "sha256": doc.sha256, "kind": record.kind}
    if doc.pages and doc.filetype in {"pdf", "xlsx", "docx"}:
        data["pages"] = len(doc.pages)
    language = text_language(doc.text)
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
