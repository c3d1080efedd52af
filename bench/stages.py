"""Where a cold check spends its time: open and hash, read (by reader), extract (by kind), facts and rules.

    python bench/stages.py [--bundles 30] [--runs 3] [--work DIR]

Uses the bundles bench/make_bundles.py generates (the same folder as
bench/batch_bench.py; generated if missing). Everything runs in this one
process after a warm-up check, so interpreter start-up and first-use pattern
compilation are left out: the figures are the steady state of a batch worker.
Each run takes its own --bundles bundles, and another as many for the whole check (extraction remembers answers per line
text, so re-reading the same bundles would flatter it). Each stage is the
median over --runs runs, with its share of the whole check and its ratio to
bare pypdfium2 text extraction of the same run's PDFs.
"""

from __future__ import annotations

import argparse
import statistics
import sys
import tempfile
import time
from collections import Counter
from datetime import date
from pathlib import Path

import pypdfium2

sys.path.insert(0, str(Path(__file__).resolve().parent))
import make_bundles  # noqa: E402  (bench/ is not a package)

from evidence.bundle import open_bundle  # noqa: E402
from evidence.check import check_bundle  # noqa: E402
from evidence.extract import extract  # noqa: E402
from evidence.readers import read_file  # noqa: E402

AS_OF = date(2026, 11, 23)


def one_run(bundles: list[Path], others: list[Path]) -> Counter[str]:
    """Time each stage over `bundles`, and whole checks over `others` (as many, not seen before)."""
    times: Counter[str] = Counter()
    times["bare pypdfium2 text"] = pdfium_floor(bundles)
    for location in bundles:
        start = time.perf_counter()
        bundle = open_bundle(location)
        times["open and hash"] += time.perf_counter() - start
        for file in bundle.files:
            start = time.perf_counter()
            document = read_file(file)
            times[f"read {document.reader}"] += time.perf_counter() - start
            start = time.perf_counter()
            record = extract(document)
            times[f"extract {record.kind}"] += time.perf_counter() - start
    start = time.perf_counter()
    for location in others:
        check_bundle(location, as_of=AS_OF)
    times["whole check"] = time.perf_counter() - start
    return times


def pdfium_floor(bundles: list[Path]) -> float:
    start = time.perf_counter()
    for pdf_path in sorted(p for b in bundles for p in b.rglob("*.pdf")):
        document = pypdfium2.PdfDocument(pdf_path)
        for page in document:
            page.get_textpage().get_text_range()
        document.close()
    return time.perf_counter() - start


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--bundles", type=int, default=30)
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--work", type=Path, default=Path(tempfile.gettempdir()) / "evidence-batch-bench")
    args = parser.parse_args(argv)
    count = max(2 * args.bundles * args.runs + 1, 200)
    folder = args.work / f"bundles-{count}-seed2026"
    make_bundles.ensure_bundles(folder, count=count)  # skipped when already there
    bundles = sorted(p for p in folder.iterdir() if p.is_dir())
    check_bundle(bundles[-1], as_of=AS_OF)  # compile the patterns once, as a worker does
    n = args.bundles
    runs = [one_run(bundles[2 * i * n:(2 * i + 1) * n], bundles[(2 * i + 1) * n:(2 * i + 2) * n])
            for i in range(args.runs)]
    floor = statistics.median(r["bare pypdfium2 text"] for r in runs)
    stages = sorted({name for run in runs for name in run}, key=lambda n: -statistics.median(r[n] for r in runs))
    whole = statistics.median(r["whole check"] for r in runs)
    print(f"{n} bundles a run, median of {args.runs} run(s); per-stage seconds, share of the whole check, "
          f"and x bare pypdfium2 text ({floor:.2f} s)")
    for name in stages:
        seconds = statistics.median(r[name] for r in runs)
        print(f"  {name:<30} {seconds:7.2f} s  {100 * seconds / whole:5.1f}%  {seconds / floor:6.1f}x")
    return 0


if __name__ == "__main__":
    sys.exit(main())
