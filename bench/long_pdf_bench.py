"""Benchmark: `evidence extract LONG.pdf --format json` on one long PDF, against the bare pypdfium2 floor.

    python bench/long_pdf_bench.py [--pages 500] [--runs 3] [--work DIR]

The long PDF is built the way bench/batch_bench.py builds it (make_bundles.build_long_pdf:
the sample PDFs' pages, repeated), once, into the work folder, but by default only from the
sample PDFs that have a text layer: dense text pages. scanned-claim's PI is a scan, and with
it about one page in eighteen is read by OCR (seconds a page, and the OCR engine's memory),
which is what batch_bench.py's long PDF measures since that sample was added; --with-scans
builds that PDF instead. Each run times, in fresh processes:

* the floor: a fresh Python reading every page's text with bare pypdfium2
  (`PdfDocument(path)`, per page `get_textpage().get_text_range()`), start-up included;
* the extract: `evidence extract LONG.pdf --format json` in a wrapper process that
  prints its child's peak RSS (ru_maxrss) and wall time.

It prints each run and the medians: extract seconds, floor seconds, their ratio
(target <= 10) and peak RSS (target <= 300 MB), and the load average, since the
figures are wall times on a machine that may be shared.
"""

from __future__ import annotations

import argparse
import os
import statistics
import sys
import tempfile
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
import batch_bench  # bench/ is not a package
import make_bundles

TARGETS = {"ratio": 10.0, "rss_mb": 300.0}


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--pages", type=int, default=500, help="pages of the long PDF (default %(default)s)")
    parser.add_argument("--with-scans", action="store_true",
                        help="build the PDF from every sample PDF, the scanned one too (as batch_bench.py does)")
    parser.add_argument("--runs", type=int, default=3, help="runs; medians are quoted (default %(default)s)")
    parser.add_argument("--work", type=Path, default=Path(tempfile.gettempdir()) / "evidence-batch-bench",
                        help="folder for the long PDF (default: %(default)s)")
    args = parser.parse_args(argv)

    if args.with_scans:
        name, sources = f"long-{args.pages}.pdf", make_bundles.sample_pdfs()
    else:
        name, sources = f"long-text-{args.pages}.pdf", make_bundles.text_sample_pdfs()
    long_pdf = make_bundles.build_long_pdf(args.work / name, args.pages, sources)
    pdf_list = long_pdf.with_suffix(".txt")
    pdf_list.write_text(f"{long_pdf}\n", encoding="utf-8")
    evidence = batch_bench.evidence_command()
    env = dict(os.environ)
    print(f"long PDF  {long_pdf} ({args.pages} pages)")
    print(f"command   {' '.join(evidence)} extract {long_pdf} --format json")
    print(f"load      {' '.join(f'{x:.2f}' for x in os.getloadavg())} (1, 5, 15 min) at the start", flush=True)

    floors, seconds, rss = [], [], []
    for run in range(1, args.runs + 1):
        floor = batch_bench.run_floor(batch_bench.PDFIUM_FLOOR, pdf_list)
        result = batch_bench.run_rss(evidence, env, ["extract", str(long_pdf), "--format", "json"])
        floors.append(floor["seconds"])
        seconds.append(result["seconds"])
        rss.append(result["rss_mb"])
        print(f"  run {run}: floor {floor['seconds']:.2f} s, extract {result['seconds']:.2f} s, "
              f"ratio {result['seconds'] / floor['seconds']:.1f}, peak RSS {result['rss_mb']:.0f} MB", flush=True)

    floor_s, extract_s, rss_mb = (statistics.median(v) for v in (floors, seconds, rss))
    ratio = extract_s / floor_s
    print(f"load      {' '.join(f'{x:.2f}' for x in os.getloadavg())} (1, 5, 15 min) at the end")
    print(f"median of {args.runs}: extract {extract_s:.2f} s, floor {floor_s:.2f} s, "
          f"ratio {ratio:.1f} (target <= {TARGETS['ratio']:g}: {'holds' if ratio <= TARGETS['ratio'] else 'misses'}), "
          f"peak RSS {rss_mb:.0f} MB, max {max(rss):.0f} MB "
          f"(target <= {TARGETS['rss_mb']:g} MB: {'holds' if max(rss) <= TARGETS['rss_mb'] else 'misses'})")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
