"""Benchmark: the fake-bold de-duplication of a dense PDF page's glyphs (readers/pdf_layout.dedupe).

A dense page is generated here: 60 rows of 12 amount columns ("1,000.00"), the same digits aligned
down every column, as a long price list or a packing list has them; once plain and once with 30 %
of its glyphs drawn twice (fake bold). Prints the median milliseconds a page over the runs.

    python bench/dedupe_bench.py [--pages 10] [--runs 5]

Before the glyphs were bucketed by text and x0 (issue 14), every glyph was compared with every
later glyph of the same text within 1 pt of x0: a column of aligned digits cost its length squared.
"""

from __future__ import annotations

import argparse
import random
import statistics
import time
from typing import Any

from evidence.readers.pdf_layout import dedupe

ROWS, COLUMNS, AMOUNT = 60, 12, "1,000.00"


def page(seed: int, bold: bool) -> list[dict[str, Any]]:
    rng = random.Random(seed)
    chars = []
    for row in range(ROWS):
        top = 50 + row * 12
        for column in range(COLUMNS):
            for index, text in enumerate(AMOUNT):
                x0 = 40 + column * 45 + index * 5
                chars.append(_glyph(text, x0, top))
                if bold and rng.random() < 0.3:
                    chars.append(_glyph(text, x0 + 0.3, top + 0.2))
    return chars


def _glyph(text: str, x0: float, top: float) -> dict[str, Any]:
    return {"text": text, "x0": x0, "x1": x0 + 5, "top": top, "bottom": top + 9, "doctop": top, "upright": True}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--pages", type=int, default=10)
    parser.add_argument("--runs", type=int, default=5)
    args = parser.parse_args()
    for bold in (False, True):
        pages = [page(seed, bold) for seed in range(args.pages)]
        times = []
        for _ in range(args.runs):
            start = time.perf_counter()
            kept = [dedupe(chars) for chars in pages]
            times.append((time.perf_counter() - start) / args.pages)
        glyphs = sum(len(chars) for chars in pages) // args.pages
        left = sum(len(chars) for chars in kept) // args.pages
        print(f"{'fake bold' if bold else 'plain':9}  {glyphs:,} glyphs a page -> {left:,} kept  "
              f"median {statistics.median(times) * 1000:.1f} ms a page (min {min(times) * 1000:.1f})")


if __name__ == "__main__":
    main()
