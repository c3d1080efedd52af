"""Benchmark: what the tool reads from real trade documents written by others, one file at a time.

For every `NAME.truth.json` under ../shared/external/real-trade/docs (format:
real-trade/TRUTH-FORMAT.md), the document is copied alone into a temporary
bundle and checked as a user would (`check_bundle`, no cache, fixed as-of date).
The first document of the report is scored against the truth:

- kind: the recognised document kind;
- each truth field, normalised as TRUTH-FORMAT.md says (numbers spaced, case
  and '#'/'No.' ignored; dates as ISO; amounts to the cent; names by normalised
  containment; an Incoterm by its three letters); `null` means the tool must
  give nothing; a chat's message count, participants and first/last dates;
  a payment record's amount is its `amount_paid` (the truth calls every
  document's amount `order_total`);
- `never`: codes that must not fire on a bundle holding only this file;
- crashes: any error other than a clean one-line refusal.

Prints one line per file, then
`kinds=H/N fields=H/N field_accuracy=A never_violations=V crashes=C`.

Usage: python bench/score_real.py [--verbose] [--only SUBSTRING]
"""

from __future__ import annotations

import argparse
import json
import re
import shutil
import sys
import tempfile
from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal, InvalidOperation
from pathlib import Path
from typing import Any

from evidence.check import check_bundle
from evidence.errors import EvidenceError
from evidence.normalize.companies import company_key

ROOT = Path(__file__).resolve().parents[1]
DOCS = ROOT.parent / "shared" / "external" / "real-trade" / "docs"
AS_OF = date(2026, 12, 1)
#: Truth field -> the record field that holds it, where the names differ.
RECORD_FIELD = {"messages.count": "message_count", "messages.participants": "participants",
                "messages.first": "first_message", "messages.last": "last_message"}
DATES = {"document_date", "inspection_date", "shipped_on", "delivery_date", "messages.first", "messages.last"}
NUMBERS = {"order_total", "quantity", "messages.count"}
NAMES = {"supplier_name", "buyer_name", "beneficiary_name"}


@dataclass
class Score:
    """What one document scored."""

    file: str
    kind_ok: bool = False
    kind: str = ""
    hits: list[str] = field(default_factory=list)
    misses: list[tuple[str, Any, Any]] = field(default_factory=list)
    violations: list[str] = field(default_factory=list)
    crash: str = ""


def truth_files() -> list[Path]:
    return sorted(DOCS.glob("*.truth.json")) if DOCS.is_dir() else []


def expected_fields(truth: dict[str, Any]) -> dict[str, Any]:
    """Given a truth file, return every scored field, a chat's message facts as 'messages.*'."""
    fields = dict(truth.get("fields", {}))
    fields.update({f"messages.{key}": value for key, value in (truth.get("messages") or {}).items()})
    return fields


def same(name: str, expected: Any, got: Any) -> bool:
    """Given a field, the truth's value and the tool's, return True when they match as TRUTH-FORMAT.md says."""
    if expected is None:
        return got in (None, "", [])
    if got in (None, "", []):
        return False
    if name in DATES:
        return str(got)[:10] == str(expected)
    if name in NUMBERS:
        return _cents(got) == _cents(expected)
    if name in NAMES:
        ours, theirs = company_key(str(got)), company_key(str(expected))
        return bool(ours and theirs) and (ours in theirs or theirs in ours)
    if name == "document_number":
        return _number_key(got) == _number_key(expected)
    if name == "incoterm":
        return str(got).strip().upper()[:3] == str(expected).strip().upper()[:3]
    if name == "messages.participants":
        return sorted(map(str, got)) == sorted(map(str, expected))
    return str(got).strip().casefold() == str(expected).strip().casefold()


def _cents(value: Any) -> Decimal | None:
    try:
        return Decimal(str(value)).quantize(Decimal("0.01"))
    except (InvalidOperation, ValueError):
        return None


def _number_key(value: Any) -> str:
    text = re.sub(r"^\s*(?:#|no\.?\s*)", "", str(value).strip(), flags=re.IGNORECASE)
    return re.sub(r"\s", "", text).casefold()


def score(truth_path: Path) -> Score:
    truth = json.loads(truth_path.read_text(encoding="utf-8"))
    result = Score(truth["file"])
    with tempfile.TemporaryDirectory() as folder:
        shutil.copy(DOCS / truth["file"], Path(folder) / truth["file"])
        try:
            report = check_bundle(folder, as_of=AS_OF)
        except EvidenceError as exc:
            result.crash = f"refused: {exc}"
            return result
        except Exception as exc:  # noqa: BLE001  (an internal error is what this counts)
            result.crash = f"{type(exc).__name__}: {exc}"
            return result
    record = report.records[0]
    result.kind, result.kind_ok = record.kind, record.kind == truth["kind"]
    for name, expected in expected_fields(truth).items():
        got = record.get(RECORD_FIELD.get(name, name))
        if name == "order_total" and record.kind == "payment_record" and got is None:
            got = record.get("amount_paid")
        if same(name, expected, got):
            result.hits.append(name)
        else:
            result.misses.append((name, expected, got))
    fired = {finding.code for finding in report.findings}
    result.violations = sorted(fired & set(truth.get("never", [])))
    return result


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--verbose", action="store_true", help="print each missed field")
    parser.add_argument("--only", help="score only files whose name holds this text")
    options = parser.parse_args()
    scores = [score(path) for path in truth_files() if not options.only or options.only in path.name]
    for s in scores:
        mark = "ok " if s.kind_ok else "KIND"
        fields = f"{len(s.hits)}/{len(s.hits) + len(s.misses)}"
        extra = f" never={','.join(s.violations)}" if s.violations else ""
        extra += f" CRASH {s.crash}" if s.crash else ""
        print(f"{mark} {s.file:48} kind={s.kind:18} fields={fields}{extra}")
        if options.verbose:
            for name, expected, got in s.misses:
                print(f"      {name}: expected {expected!r}, got {got!r}")
    fields_hit = sum(len(s.hits) for s in scores)
    fields_all = sum(len(s.hits) + len(s.misses) for s in scores)
    accuracy = fields_hit / fields_all if fields_all else 0.0
    print(
        f"kinds={sum(s.kind_ok for s in scores)}/{len(scores)} fields={fields_hit}/{fields_all} "
        f"field_accuracy={accuracy:.3f} never_violations={sum(len(s.violations) for s in scores)} "
        f"crashes={sum(bool(s.crash) for s in scores)}"
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
