"""What a buyer would be told about each real trade document checked alone: the alarms.

Each document under ../shared/external/real-trade/docs is copied alone into a bundle and
checked as a user would (`evidence check --format json`, fixed as-of date). Printed per
document: its blocker and major findings, and the findings that became "not verified"
(info) because the values they rest on were inferred or guessed. The last lines count them,
split into findings decided from values read in the documents (X, I002-I004, E001/E002/E004,
D001/D002/D007/D008, S004) and the rest (absence: no photo, no message log, no payment...).

Usage: python bench/real_alarms.py [--quiet]
"""

from __future__ import annotations

import json
import shutil
import sys
import tempfile
from collections import Counter
from pathlib import Path

from click.testing import CliRunner

from evidence.cli import main

DOCS = Path(__file__).resolve().parents[1].parent / "shared" / "external" / "real-trade" / "docs"
AS_OF = "2026-12-04"
#: Codes decided from values read in the documents, not from something missing.
VALUE_CODES = {"X001", "X002", "X003", "X004", "X005", "I002", "I003", "I004", "E001", "E002", "E004",
               "D001", "D002", "D007", "D008", "S004"}


def alarms(path: Path, runner: CliRunner) -> list[dict[str, str]]:
    """Check one document alone; return its blocker, major and not-verified findings."""
    with tempfile.TemporaryDirectory() as folder:
        bundle = Path(folder) / "bundle"
        bundle.mkdir()
        shutil.copy(path, bundle / path.name)
        result = runner.invoke(main, ["check", "--format", "json", "--no-cache", "--as-of", AS_OF, str(bundle)])
    report = json.loads(result.stdout)
    return [f for f in report["findings"]
            if f["severity"] in ("blocker", "major") or f["message"].startswith("not verified")]


def main_() -> None:
    if not DOCS.is_dir():
        sys.exit(f"{DOCS} is not there: the real-trade corpus sits in ../shared beside the checkout")
    quiet = "--quiet" in sys.argv
    runner = CliRunner()
    counts: Counter[tuple[str, str]] = Counter()
    for path in sorted(p for p in DOCS.iterdir() if not p.name.endswith(".truth.json")):
        for finding in alarms(path, runner):
            kind = "value" if finding["code"] in VALUE_CODES else "absence"
            severity = "not-verified" if finding["message"].startswith("not verified") else finding["severity"]
            counts[(kind, severity)] += 1
            if not quiet:
                print(f"{path.name:<48} {severity:<12} {finding['code']} {finding['message'][:110]}")
    for kind in ("value", "absence"):
        print(f"{kind}: " + " ".join(f"{s}={counts[(kind, s)]}" for s in ("blocker", "major", "not-verified")))


if __name__ == "__main__":
    main_()
