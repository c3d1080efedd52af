"""Writers: turn a Report or a Document into text for people or JSON for programs.

The registries below map each --format value to its writer; the CLI offers
their keys as choices, so a new writer is one module and one line here.
"""

from __future__ import annotations

from collections.abc import Callable

from evidence.report import BatchRow, Report
from evidence.writers.batch import rows_to_csv, rows_to_json, rows_to_text
from evidence.writers.batch_html import rows_to_html
from evidence.writers.html import report_to_html
from evidence.writers.json_report import report_to_json
from evidence.writers.markdown import report_to_markdown
from evidence.writers.style import Style
from evidence.writers.text import report_to_text

#: `check --format` value -> writer of one bundle's Report.
REPORT_WRITERS: dict[str, Callable[[Report, Style | None], str]] = {
    "text": report_to_text,
    "json": report_to_json,
    "markdown": report_to_markdown,
    "html": report_to_html,
}
#: `batch --format` value -> writer of the summary's rows (html: the index page of a folder of reports).
BATCH_WRITERS: dict[str, Callable[[list[BatchRow]], str]] = {
    "text": rows_to_text,
    "json": rows_to_json,
    "csv": rows_to_csv,
    "html": rows_to_html,
}
