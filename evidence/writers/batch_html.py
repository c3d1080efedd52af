"""The batch summary as an HTML index: one row per bundle, linked to that bundle's own report.

`evidence batch --format html --output DIR` writes this page as DIR/index.html and each
bundle's HTML report beside it, under the name `report_file_names` gives it: the index
and the command line both call it on the same bundles in the same order, so every link
finds its page. Names are plain ASCII, unique (ignoring case, as Windows and macOS do)
and never `index.html` or a name Windows reserves.
"""

from __future__ import annotations

import re
from pathlib import PurePath
from urllib.parse import quote

from evidence.report import BatchRow
from evidence.writers.batch import verdict_tally
from evidence.writers.html import days_left_text, escape, page, table
from evidence.writers.style import counted

#: Characters a report's file name keeps from its bundle's name; any run of others becomes "-".
_NOT_KEPT = re.compile(r"[^A-Za-z0-9._-]+")
#: How many characters of a bundle's name its report's file name keeps.
NAME_CHARS = 80
#: Names Windows will not create, whatever the extension.
_RESERVED = {"con", "prn", "aux", "nul", *(f"com{n}" for n in range(10)), *(f"lpt{n}" for n in range(10))}
INDEX_NAME = "index.html"
#: The index's columns and their widths (percent of the page).
COLUMNS = {"bundle": 24, "verdict": 12, "claim window": 14, "blockers": 12, "top finding": 38}


def report_file_names(bundles: list[str]) -> list[str]:
    """Given the bundles' paths in batch order, return the file name of each one's report."""
    taken = {INDEX_NAME.removesuffix(".html")}
    names = []
    for bundle in bundles:
        stem = _NOT_KEPT.sub("-", PurePath(bundle).name).replace("-.", ".")[:NAME_CHARS].strip(".-") or "bundle"
        if stem.split(".")[0].lower() in _RESERVED:
            stem = f"bundle-{stem}"
        name, number = stem, 1
        while name.lower() in taken:
            number += 1
            name = f"{stem}-{number}"
        taken.add(name.lower())
        names.append(f"{name}.html")
    return names


def rows_to_html(rows: list[BatchRow]) -> str:
    """Given the batch's rows, return the index page: bundle (linked to its report), verdict, days
    left, blockers and the top finding, or the error that stopped the bundle."""
    names = report_file_names([r.bundle for r in rows])
    body = [_row(row, name) for row, name in zip(rows, names)]
    tally = verdict_tally(rows)
    return page(f"evidence batch: {len(rows)} bundles", (
        f"<h1>Evidence check of {counted(len(rows), 'bundle')}</h1><p class=\"lead\">{tally}</p>"
        + table(COLUMNS, body)
    ))


def _row(row: BatchRow, name: str) -> str:
    verdict = f'<span class="verdict {escape(row.verdict)}">{escape(row.verdict)}</span>'
    if row.verdict == "error":
        return (f"<tr><td>{escape(row.bundle)}</td><td>{verdict}</td><td></td><td></td>"
                f'<td class="conflict">{escape(row.error)}</td></tr>')
    return (f'<tr><td><a href="{quote(name)}">{escape(row.bundle)}</a></td><td>{verdict}</td>'
            f'<td>{_days(row.days_left)}</td><td class="num">{row.blocker}</td>'
            f"<td>{escape(row.top_finding)}</td></tr>")


def _days(days_left: int | None) -> str:
    return '<span class="muted">unknown</span>' if days_left is None else days_left_text(days_left)
