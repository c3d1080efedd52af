"""Check many bundles: every sub-folder or .zip of the given folders is one order's bundle.

One bundle that cannot be opened, or that trips a bug, is reported for that
bundle only; the batch goes on. Results come back in a stable order (by path)
whatever the number of workers.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator
from concurrent.futures import ProcessPoolExecutor
from dataclasses import asdict, dataclass
from datetime import date
from pathlib import Path
from typing import Any

from evidence.check import check_bundle
from evidence.errors import EvidenceError
from evidence.findings import SEVERITY_RANK


@dataclass(frozen=True)
class BatchRow:
    """One bundle's line in the batch summary."""

    bundle: str
    verdict: str  # blocked | weak | ready | error
    blocker: int = 0
    major: int = 0
    minor: int = 0
    info: int = 0
    days_left: int | None = None
    top_finding: str = ""
    error: str = ""

    def to_dict(self) -> dict[str, Any]:
        return asdict(self)

    def fails(self, fail_on: str) -> bool:
        counts = {"blocker": self.blocker, "major": self.major, "minor": self.minor, "info": self.info}
        return self.verdict == "error" or any(
            counts[severity] for severity, rank in SEVERITY_RANK.items() if rank <= SEVERITY_RANK[fail_on]
        )


def find_bundles(folders: Iterable[Path]) -> list[Path]:
    """Given folders, return their sub-folders and .zip files, sorted; raise EvidenceError for a missing folder."""
    found: list[Path] = []
    for folder in folders:
        if not folder.is_dir():
            raise EvidenceError(f"{folder} is not a folder of bundles")
        found += [p for p in folder.iterdir() if (p.is_dir() and not p.name.startswith(".")) or
                  (p.is_file() and p.suffix.lower() == ".zip")]
    return sorted(found)


def check_one(bundle: Path, claim: str | None, as_of: date | None) -> BatchRow:
    """Check one bundle and summarise it; any failure becomes an error row, never an exception."""
    try:
        report = check_bundle(bundle, claim=claim, as_of=as_of)
    except EvidenceError as exc:
        return BatchRow(str(bundle), "error", error=str(exc))
    except Exception as exc:  # a bug on one bundle must not stop the others
        return BatchRow(str(bundle), "error", error=f"internal error ({type(exc).__name__}: {exc})")
    counts = {severity: sum(1 for f in report.findings if f.severity == severity) for severity in SEVERITY_RANK}
    top = report.findings[0] if report.findings else None
    return BatchRow(
        str(bundle), report.verdict, **counts,
        days_left=report.deadlines.get("days_left"),
        top_finding=f"{top.code} {top.message}"[:200] if top else "",
    )


def check_many(
    bundles: list[Path],
    claim: str | None = None,
    as_of: date | None = None,
    workers: int = 1,
    progress: Callable[[Iterator[BatchRow]], Iterator[BatchRow]] = lambda rows: rows,
) -> list[BatchRow]:
    """Given bundle paths, return their rows in the same order, using `workers` processes."""
    if workers <= 1:
        return list(progress(check_one(b, claim, as_of) for b in bundles))
    with ProcessPoolExecutor(max_workers=workers) as pool:
        results = pool.map(check_one, bundles, [claim] * len(bundles), [as_of] * len(bundles))
        return list(progress(iter(results)))
