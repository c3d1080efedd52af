"""Seconds of one `evidence check` of each sample, cold and warm, and of `evidence --help`.

    python bench/check_bench.py [--runs 5] [--samples strong-quality-claim,...]

Each figure is the median (with min and max) of --runs runs of the command line
in a fresh process, as a user runs it:

* cold: `evidence check SAMPLE --as-of 2026-12-01` with EVIDENCE_CACHE_DIR set
  to a new, empty folder for each run (every file read, OCR included);
* warm: the same command on a cache the first cold run filled;
* `evidence --help` and `evidence rules`: start-up alone.

Runs have the package's bytecode, as after `pip install .` (PYTHONDONTWRITEBYTECODE is
dropped from their environment, and a first run writes it): without it every start
compiles the package's source again, about 0.08 s on this machine.

It also says how many pictures each sample holds: on this CPU, OCR (a quick
look at each photo, a full reading of scans) is most of a cold check. Goals (issue 14): --help <= 0.15 s; a sample's cold
check <= 0.6 s and warm <= 0.25 s.
"""

from __future__ import annotations

import argparse
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
SAMPLES = ("strong-quality-claim", "weak-quality-claim", "off-platform-payment", "scanned-claim")
AS_OF = "2026-12-01"


def timed(command: list[str], cache: Path) -> float:
    # Bytecode as an installed package has it (pip compiles it at install): a shell that sets
    # PYTHONDONTWRITEBYTECODE would otherwise time compiling the package's source at every start.
    environment = {key: value for key, value in os.environ.items() if key != "PYTHONDONTWRITEBYTECODE"}
    environment["EVIDENCE_CACHE_DIR"] = str(cache)
    start = time.perf_counter()
    subprocess.run(command, cwd=ROOT, env=environment, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    return time.perf_counter() - start


def figures(seconds: list[float]) -> str:
    return f"{statistics.median(seconds):6.2f} s (min {min(seconds):.2f}, max {max(seconds):.2f})"


def images(sample: str) -> int:
    """How many pictures the sample holds (each is at least glanced at by OCR on a cold check)."""
    suffixes = {".jpg", ".jpeg", ".png", ".heic", ".tif", ".tiff", ".webp"}
    return sum(1 for path in (ROOT / "samples" / sample).rglob("*") if path.suffix.lower() in suffixes)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--samples", default=",".join(SAMPLES))
    args = parser.parse_args()
    evidence = [str(Path(sys.executable).with_name("evidence"))]  # the console script, as a user runs it
    with tempfile.TemporaryDirectory() as work:
        cache = Path(work)
        timed([*evidence, "rules"], cache)  # writes the bytecode an install would have written
        for name, command in (("--help", [*evidence, "--help"]), ("rules", [*evidence, "rules"])):
            print(f"evidence {name:28} {figures([timed(command, cache) for _ in range(args.runs)])}")
        for sample in args.samples.split(","):
            command = [*evidence, "check", f"samples/{sample}", "--as-of", AS_OF]
            cold = []
            for run in range(args.runs):
                folder = cache / f"{sample}-{run}"
                folder.mkdir()
                cold.append(timed(command, folder))
            warm = [timed(command, cache / f"{sample}-0") for _ in range(args.runs)]
            print(f"check {sample:22} cold {figures(cold)}  warm {figures(warm)}  ({images(sample)} pictures)")
    print(f"load average at the end: {os.getloadavg()[0]:.1f} on {os.cpu_count()} CPUs")


if __name__ == "__main__":
    main()
