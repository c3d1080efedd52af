"""The check report as JSON (INTERFACE.md): the Report's own dict, stable key order, byte-identical on re-runs."""

from __future__ import annotations

from evidence.report import Report
from evidence.writers.safe import json_text
from evidence.writers.style import Style


def report_to_json(report: Report, style: Style | None = None) -> str:
    """Given a Report, return its JSON text, valid UTF-8 whatever names it holds (`style` is ignored)."""
    return json_text(report.to_dict())
