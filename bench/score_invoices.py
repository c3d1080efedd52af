"""Benchmark: how many invoice fields the extractor gets right on real invoices nobody tuned it to.

For every golden file of the invoice2data corpus (`compare/*.json` beside a
`.pdf` or `.txt` of the same stem), the document is read and classified as
`evidence` does it and run through `evidence.extract.extract` (no per-issuer
templates), then four fields are compared with the golden values:

    date -> document_date, amount -> order_total, currency -> currency,
    invoice_number -> document_number

Dates compare as ISO dates, amounts to the cent, invoice numbers ignoring case
and spaces; a field the golden file does not give is skipped. The ZUGFeRD
e-invoices, whose ground truth is the XML embedded in the PDF, are scored the
same way as a second, held-out figure.

Usage: python bench/score_invoices.py [--quiet]
"""

from __future__ import annotations

import json
import sys
from collections.abc import Iterator
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation
from pathlib import Path
from typing import Any

from evidence.extract import extract
from evidence.readers import read_path

ROOT = Path(__file__).resolve().parents[1]
EXTERNAL = ROOT.parent / "shared" / "external"

#: golden field -> record field
FIELDS = {"date": "document_date", "amount": "order_total", "currency": "currency", "invoice_number": "document_number"}


@dataclass(frozen=True)
class Check:
    """One golden field compared with what was extracted."""

    file: str
    field: str
    expected: Any
    got: Any

    @property
    def hit(self) -> bool:
        return same(self.field, self.expected, self.got)


def same(field: str, expected: Any, got: Any) -> bool:
    """Given a golden field and both values, return True when they match after normalisation."""
    if got is None:
        return False
    if field == "amount":
        return _cents(expected) == _cents(got)
    if field == "invoice_number":
        return _compact(expected) == _compact(got)
    return str(expected).strip().upper() == str(got).strip().upper()


def _cents(value: Any) -> Decimal | None:
    try:
        return Decimal(str(value)).quantize(Decimal("0.01"))
    except (InvalidOperation, ValueError):
        return None


def _compact(value: Any) -> str:
    return "".join(str(value).split()).casefold()


def invoice2data_cases() -> Iterator[tuple[Path, dict[str, Any]]]:
    """Yield (document, golden fields) for the invoice2data corpus."""
    for golden in sorted((EXTERNAL / "invoice2data" / "compare").glob("*.json")):
        document = next((p for p in (golden.with_suffix(".pdf"), golden.with_suffix(".txt")) if p.exists()), None)
        if document is not None:
            data = json.loads(golden.read_text(encoding="utf-8"))
            yield document, data[0] if isinstance(data, list) else data


def zugferd_cases() -> Iterator[tuple[Path, dict[str, Any]]]:
    """Yield (document, golden fields) for the ZUGFeRD e-invoices whose embedded XML could be read."""
    for golden in sorted((EXTERNAL / "zugferd").glob("*.embedded.json")):
        data = json.loads(golden.read_text(encoding="utf-8"))
        document = golden.with_name(golden.name.replace(".embedded.json", ".pdf"))
        if document.exists() and "invoice_number" in data:
            yield document, data


def score(cases: Iterator[tuple[Path, dict[str, Any]]]) -> list[Check]:
    """Given (document, golden) pairs, return every field comparison."""
    checks = []
    for document, golden in cases:
        values = extract(read_path(document)).values()
        for field, name in FIELDS.items():
            if golden.get(field) not in (None, ""):
                checks.append(Check(document.name, field, golden[field], values.get(name)))
    return checks


def report(title: str, checks: list[Check], quiet: bool) -> str:
    """Given a corpus title and its checks, print per-file results and return the summary line."""
    print(f"## {title}")
    if not quiet:
        for file in dict.fromkeys(check.file for check in checks):
            mine = [check for check in checks if check.file == file]
            print(f"{file}: {sum(c.hit for c in mine)}/{len(mine)}")
            for check in mine:
                mark = "ok  " if check.hit else "MISS"
                print(f"  {mark} {check.field:<15} expected {check.expected!r:<28} got {check.got!r}")
    hits = sum(check.hit for check in checks)
    summary = f"{title}: {hits}/{len(checks)} fields ({100 * hits / max(len(checks), 1):.1f}%)"
    print(summary)
    print()
    return summary


def main(argv: list[str]) -> int:
    if not EXTERNAL.is_dir():
        print(f"no external corpus at {EXTERNAL}", file=sys.stderr)
        return 2
    quiet = "--quiet" in argv
    summaries = [
        report("invoice2data corpus", score(invoice2data_cases()), quiet),
        report("ZUGFeRD corpus (held out)", score(zugferd_cases()), quiet),
    ]
    print("\n".join(summaries))
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
