"""The reports in a pack name each file as the pack does.

The statement is pasted into the dispute form and the reviewer opens the uploaded
zip: a source cited as `01_PI.pdf, p.1, line 4` must be found as
`01-order/proforma-invoice_PI-0815_2026-08-15.pdf`. So every file path the
reports show (documents, records, facts, findings, timeline) is replaced by the
file's packed path. Text a document or a rule wrote (a finding's message) keeps
the names it was written with; the manifest maps each original path to its packed one.
"""

from __future__ import annotations

from dataclasses import fields, is_dataclass, replace
from typing import Any

from evidence.report import Report


def with_packed_paths(report: Report, packed: dict[str, str]) -> Report:
    """Given a report and original path -> packed path, return the report citing the packed paths."""
    return replace(
        report,
        documents=[replace(doc, path=packed.get(doc.path, doc.path)) for doc in report.documents],
        records=[_moved(record, packed) for record in report.records],
        facts={name: _moved(fact, packed) for name, fact in report.facts.items()},
        findings=[_moved(finding, packed) for finding in report.findings],
        timeline=[_moved(event, packed) for event in report.timeline],
    )


def _moved(value: Any, packed: dict[str, str]) -> Any:
    """Given a value of a report (a source, a record, a finding, or a list or dict of them), return it
    with every `path` renamed: a Source names its file by its `path` field, and so do records and the
    sources a record keeps as dicts."""
    if is_dataclass(value) and not isinstance(value, type):
        changes = {}
        for field in fields(value):
            if not field.init:
                continue
            current = getattr(value, field.name)
            changes[field.name] = (packed.get(current, current) if field.name == "path" and isinstance(current, str)
                                   else _moved(current, packed))
        return replace(value, **changes)
    if isinstance(value, list):
        return [_moved(item, packed) for item in value]
    if isinstance(value, tuple):
        return tuple(_moved(item, packed) for item in value)
    if isinstance(value, dict):  # a source kept as a dict in a record's value ({"path": ..., "line": ...}) too
        return {key: packed.get(item, item) if key == "path" and isinstance(item, str) else _moved(item, packed)
                for key, item in value.items()}
    return value
