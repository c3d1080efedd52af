"""The batch summary as a text table, JSON or CSV."""

from __future__ import annotations

import csv
import io
import json

from evidence.report import BatchRow

COLUMNS = ["bundle", "verdict", "blocker", "major", "minor", "info", "days_left", "top_finding", "error"]


def rows_to_text(rows: list[BatchRow]) -> str:
    """Given the batch's rows, return an aligned table and a count of bundles by verdict."""
    width = max([len("bundle")] + [len(r.bundle) for r in rows])
    out = [f"{'bundle':<{width}}  verdict  blk maj min  days  top finding"]
    for r in rows:
        days = "" if r.days_left is None else str(r.days_left)
        top = r.error if r.verdict == "error" else r.top_finding
        out.append(f"{r.bundle:<{width}}  {r.verdict:<7}  {r.blocker:>3} {r.major:>3} {r.minor:>3}  {days:>4}  {top[:80]}")
    verdicts = {v: sum(1 for r in rows if r.verdict == v) for v in ("blocked", "weak", "ready", "error")}
    out.append("")
    out.append(f"{len(rows)} bundle(s): " + ", ".join(f"{n} {v}" for v, n in verdicts.items()))
    return "\n".join(out) + "\n"


def rows_to_json(rows: list[BatchRow]) -> str:
    """Given the batch's rows, return {"bundles": [...]} as JSON."""
    return json.dumps({"bundles": [r.to_dict() for r in rows]}, ensure_ascii=False, indent=2) + "\n"


def rows_to_csv(rows: list[BatchRow]) -> str:
    """Given the batch's rows, return CSV with a header line of COLUMNS."""
    buffer = io.StringIO()
    writer = csv.DictWriter(buffer, fieldnames=COLUMNS, lineterminator="\n")
    writer.writeheader()
    for r in rows:
        writer.writerow(r.to_dict())
    return buffer.getvalue()
