"""The check report as JSON (INTERFACE.md): the Report's own dict, stable key order, byte-identical on re-runs."""

from __future__ import annotations

import json

from evidence.report import Report
from evidence.writers.style import Style


def report_to_json(report: Report, style: Style | None = None) -> str:
    """Given a Report, return its JSON text (`style` is ignored: JSON is never coloured)."""
    return json.dumps(report.to_dict(), ensure_ascii=False, indent=2) + "\n"
