"""The batch summary as a text table, JSON or CSV."""

from __future__ import annotations

import csv
import io

from evidence.report import BatchRow
from evidence.writers.safe import json_text, shown
from evidence.writers.style import counted

COLUMNS = ["bundle", "verdict", "blocker", "major", "minor", "info", "days_left", "top_finding", "error"]


def rows_to_text(rows: list[BatchRow]) -> str:
    """Given the batch's rows, return an aligned table and a count of bundles by verdict."""
    names = [shown(r.bundle) for r in rows]
    width = max([len("bundle")] + [len(name) for name in names])
    out = [f"{'bundle':<{width}}  verdict  blk maj min  days  top finding"]
    for name, r in zip(names, rows):
        days = "" if r.days_left is None else str(r.days_left)
        top = shown((r.error if r.verdict == "error" else r.top_finding)[:80])
        out.append(f"{name:<{width}}  {r.verdict:<7}  {r.blocker:>3} {r.major:>3} {r.minor:>3}  {days:>4}  {top}")
    out.append("")
    out.append(f"{counted(len(rows), 'bundle')}: {verdict_tally(rows)}")
    return "\n".join(out) + "\n"


def verdict_tally(rows: list[BatchRow]) -> str:
    """Given the batch's rows, return how many bundles have each verdict: '2 blocked, 0 weak, 2 ready, 1 error'."""
    counts = {v: sum(1 for r in rows if r.verdict == v) for v in ("blocked", "weak", "ready", "error")}
    return ", ".join(counted(n, v) if v == "error" else f"{n} {v}" for v, n in counts.items())


def rows_to_json(rows: list[BatchRow]) -> str:
    """Given the batch's rows, return {"bundles": [...]} as JSON."""
    return json_text({"bundles": [r.to_dict() for r in rows]})


def rows_to_csv(rows: list[BatchRow]) -> str:
    """Given the batch's rows, return CSV with a header line of COLUMNS, one line per bundle."""
    buffer = io.StringIO()
    writer = csv.DictWriter(buffer, fieldnames=COLUMNS, lineterminator="\n")
    writer.writeheader()
    for r in rows:
        writer.writerow({key: shown(value) if isinstance(value, str) else value for key, value in r.to_dict().items()})
    return buffer.getvalue()
