"""Benchmark: `evidence batch` on many generated bundles, against the bare PDF readers.

    python bench/batch_bench.py [--bundles 200] [--runs 3] [--work DIR] [--json FILE]
    python bench/batch_bench.py --quick          # 12 bundles, 1 run, 100-page PDF: a smoke test

The bundles come from bench/make_bundles.py (generated once into the work
folder, a folder under the system temp dir by default; generation is skipped
when the folder already holds them). Each figure is the median of --runs runs,
and every ratio compares figures measured in the same invocation:

* cold batch: `evidence batch DIR --workers 1 --format json --as-of 2026-11-23`
  with EVIDENCE_CACHE_DIR set to a new, empty folder;
* warm batch: the same command again on the cache the cold run filled
  (warm / cold, target <= 0.1); reported as not available when
  `evidence batch --help` has no --no-cache (the cache has not landed);
* 2 workers: `--workers 2` with its own empty cache; speed-up = cold 1 worker /
  cold 2 workers (target >= 1.7, issue 14's; needs 2 CPUs);
* floors: a fresh Python reading the text of exactly the same PDFs (all PDFs of
  all bundles) with bare pypdfium2 (`PdfDocument(path)`, per page
  `get_textpage().get_text_range()`) and with bare pdfplumber
  (`page.extract_text()`); cold batch / pypdfium2 floor (target <= 8, issue 14's;
  2 is the goal beyond it) and cold
  batch / pdfplumber floor. The floors are timed like the batch, as the wall
  time of a child process, start-up and imports included;
* memory: `evidence extract LONG.pdf --format json` on a PDF of 500 pages made of
  the text-layer sample PDFs' pages (no scans: bench/long_pdf_bench.py --with-scans
  measures those), each run in a fresh wrapper process that prints its
  children's ru_maxrss (the largest single process; `evidence extract` reads in
  process), plus its time; target <= 300 MB (checked on the largest run).

The runs use a copy of the installed evidence package made at the start
(imported through PYTHONPATH), because others may edit the working tree during
the many minutes of a run and the cache keys on a digest of the code: one edit
would make the warm run miss. --live runs the installed package in place (and
notes when its code changed during a run).

It prints the machine (CPUs, model, Python, package versions), the code digest,
the exact commands, a table and whether each target holds. --json FILE saves all figures
and every run's raw numbers. Nothing is written into samples/ or ../shared.
"""

from __future__ import annotations

import argparse
import hashlib
import importlib.util
import json
import os
import platform
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from importlib.metadata import PackageNotFoundError, version
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent))
import make_bundles  # bench/ is not a package

ROOT = Path(__file__).resolve().parents[1]
AS_OF = "2026-11-23"
#: Issue 14's targets (the floor ratio's goal beyond that issue is 2).
TARGETS = {"warm_ratio": 0.1, "speedup": 1.7, "pdfium_ratio": 8.0, "rss_mb": 300.0}

PDFIUM_FLOOR = """
import sys, time
start = time.perf_counter()
import pypdfium2
pages = 0
for path in open(sys.argv[1], encoding="utf-8").read().splitlines():
    pdf = pypdfium2.PdfDocument(path)
    for page in pdf:
        textpage = page.get_textpage()
        textpage.get_text_range()
        textpage.close()
        page.close()
        pages += 1
    pdf.close()
print(pages, time.perf_counter() - start)
"""

PLUMBER_FLOOR = """
import sys, time
start = time.perf_counter()
import pdfplumber
pages = 0
for path in open(sys.argv[1], encoding="utf-8").read().splitlines():
    with pdfplumber.open(path) as pdf:
        for page in pdf.pages:
            page.extract_text()
            page.close()
            pages += 1
print(pages, time.perf_counter() - start)
"""

RSS_WRAPPER = """
import json, resource, subprocess, sys, time
start = time.perf_counter()
done = subprocess.run(sys.argv[1:], stdout=subprocess.PIPE, stderr=subprocess.PIPE)
seconds = time.perf_counter() - start
print(json.dumps({"rc": done.returncode, "seconds": seconds, "output_bytes": len(done.stdout),
                  "stderr": done.stderr.decode("utf-8", "replace")[-500:],
                  "maxrss_kb": resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss}))
"""


# --------------------------------------------------------------------------------------
# the machine and the command
# --------------------------------------------------------------------------------------

def evidence_command() -> list[str]:
    """The `evidence` console script next to this Python, else the same entry point through -c."""
    script = Path(sys.executable).parent / "evidence"
    if script.is_file() and os.access(script, os.X_OK):
        return [str(script)]
    return [sys.executable, "-c", "from evidence.cli import run; run()"]


def machine() -> dict[str, Any]:
    model = ""
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                model = line.split(":", 1)[1].strip()
                break
    except OSError:
        pass
    memory = ""
    try:
        for line in Path("/proc/meminfo").read_text().splitlines():
            if line.startswith("MemTotal"):
                memory = f"{int(line.split()[1]) / 1024 / 1024:.1f} GB"
    except OSError:
        pass
    usable = len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else os.cpu_count()
    packages = {}
    for name in ("evidence", "pdfplumber", "pdfminer.six", "pypdfium2", "pillow", "openpyxl", "python-docx"):
        try:
            packages[name] = version(name)
        except PackageNotFoundError:
            packages[name] = None
    return {"cpus": os.cpu_count(), "cpus_usable": usable, "cpu_model": model or platform.processor(),
            "memory": memory, "platform": platform.platform(), "python": platform.python_version(),
            "packages": packages}


def capabilities(evidence: list[str], env: dict[str, str]) -> dict[str, bool]:
    """What the CLI offers: --no-cache on batch (the cache) and the `cache` command."""
    batch_help = subprocess.run([*evidence, "batch", "--help"], env=env, capture_output=True, text=True,
                                check=False).stdout
    main_help = subprocess.run([*evidence, "--help"], env=env, capture_output=True, text=True, check=False).stdout
    return {"cache": "--no-cache" in batch_help,
            "cache_command": any(line.strip().startswith("cache ") for line in main_help.splitlines())}


# --------------------------------------------------------------------------------------
# the measurements
# --------------------------------------------------------------------------------------

def run_batch(evidence: list[str], env: dict[str, str], bundles: Path, workers: int,
              cache_dir: Path) -> dict[str, Any]:
    """One `evidence batch` with EVIDENCE_CACHE_DIR=cache_dir: wall time and a digest of the result."""
    cmd = [*evidence, "batch", str(bundles), "--workers", str(workers), "--format", "json", "--as-of", AS_OF]
    env = {**env, "EVIDENCE_CACHE_DIR": str(cache_dir)}
    start = time.perf_counter()
    done = subprocess.run(cmd, env=env, capture_output=True, text=True, check=False)
    seconds = time.perf_counter() - start
    if done.returncode not in (0, 1):
        raise RuntimeError(f"{' '.join(cmd)} exited {done.returncode}: {done.stderr.strip()[-2000:]}")
    rows = json.loads(done.stdout)["bundles"]
    verdicts: dict[str, int] = {}
    for row in rows:
        verdicts[row["verdict"]] = verdicts.get(row["verdict"], 0) + 1
    return {"seconds": seconds, "bundles": len(rows), "verdicts": verdicts, "rows": rows}


def cache_info(evidence: list[str], env: dict[str, str], cache_dir: Path) -> str:
    done = subprocess.run([*evidence, "cache", "info"], env={**env, "EVIDENCE_CACHE_DIR": str(cache_dir)},
                          capture_output=True, text=True, check=False)
    return " ".join(done.stdout.split()) if done.returncode == 0 else f"(cache info failed: {done.stderr.strip()})"


def run_floor(code: str, pdf_list: Path) -> dict[str, Any]:
    start = time.perf_counter()
    done = subprocess.run([sys.executable, "-c", code, str(pdf_list)], capture_output=True, text=True,
                          check=False)
    seconds = time.perf_counter() - start
    if done.returncode != 0:
        raise RuntimeError(f"floor failed: {done.stderr.strip()[-2000:]}")
    pages, inner = done.stdout.split()
    return {"seconds": seconds, "inner_seconds": float(inner), "pages": int(pages)}


def run_rss(evidence: list[str], env: dict[str, str], args: list[str]) -> dict[str, Any]:
    """Peak RSS and time of `evidence ARGS`, in a fresh wrapper process."""
    done = subprocess.run([sys.executable, "-c", RSS_WRAPPER, *evidence, *args], env=env, capture_output=True,
                          text=True, check=False)
    if done.returncode != 0:
        raise RuntimeError(f"RSS wrapper failed: {done.stderr.strip()[-2000:]}")
    result = json.loads(done.stdout)
    if result["rc"] != 0:
        raise RuntimeError(f"evidence {' '.join(args)} exited {result['rc']}: {result['stderr']}")
    return {"seconds": result["seconds"], "rss_mb": result["maxrss_kb"] / 1024, "output_bytes": result["output_bytes"]}


def installed_package() -> Path:
    """The folder of the evidence package this Python imports (without importing it)."""
    spec = importlib.util.find_spec("evidence")
    if spec is None or spec.origin is None:
        sys.exit("batch_bench.py: the evidence package is not installed in this Python")
    return Path(spec.origin).parent


def code_digest(package: Path) -> str:
    """A digest of the package's code and data files: what its cache keys entries on."""
    digest = hashlib.sha256()
    if package.is_dir():
        for path in sorted(package.rglob("*")):
            if path.is_file() and path.suffix in {".py", ".json", ".toml"}:
                digest.update(path.relative_to(package).as_posix().encode())
                digest.update(path.read_bytes())
    return digest.hexdigest()[:12]


def snapshot(package: Path, work: Path) -> tuple[Path, dict[str, str]]:
    """Copy the package under work/ and return the copy and an environment that imports it from there.

    Others may edit the working tree during a run that takes many minutes; the cache keys on a digest of the
    code, so one edited file would make the warm run miss. The copy keeps every run on the code of its start.
    """
    root = fresh_dir(work, "evidence-snapshot")
    shutil.copytree(package, root / "evidence", ignore=shutil.ignore_patterns("__pycache__"))
    env = {**os.environ, "PYTHONPATH": os.pathsep.join(filter(None, [str(root), os.environ.get("PYTHONPATH")]))}
    found = subprocess.run([sys.executable, "-c", "import evidence; print(evidence.__file__)"], env=env,
                           capture_output=True, text=True, check=False).stdout.strip()
    if not found or Path(found).resolve().parent != (root / "evidence").resolve():
        sys.exit(f"batch_bench.py: the copy in {root} is not the one imported (got {found!r}); rerun with --live")
    return root / "evidence", env


def fresh_dir(parent: Path, name: str) -> Path:
    path = parent / name
    shutil.rmtree(path, ignore_errors=True)
    path.mkdir(parents=True)
    return path


def median(values: list[float]) -> float | None:
    return statistics.median(values) if values else None


# --------------------------------------------------------------------------------------
# main
# --------------------------------------------------------------------------------------

def check_work_dir(work: Path) -> Path:
    work = work.expanduser().resolve()
    for forbidden in (ROOT / "samples", ROOT.parent / "shared"):
        if work == forbidden.resolve() or forbidden.resolve() in work.parents:
            sys.exit(f"batch_bench.py: refusing to write under {forbidden}; choose another --work")
    return work


def verdict(holds: bool | None) -> str:
    return "not available" if holds is None else "holds" if holds else "does not hold"


def fmt(value: float | None, unit: str = "s", digits: int = 2) -> str:
    return "n/a" if value is None else f"{value:.{digits}f} {unit}".rstrip()


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--bundles", type=int, default=None, help="bundles to check (default 200; --quick: 12)")
    parser.add_argument("--runs", type=int, default=None, help="runs to take the median of (default 3; --quick: 1)")
    parser.add_argument("--pages", type=int, default=None, help="pages of the long PDF (default 500; --quick: 100)")
    parser.add_argument("--work", type=Path, default=Path(tempfile.gettempdir()) / "evidence-batch-bench",
                        help="work folder for bundles, caches and the long PDF (default: %(default)s)")
    parser.add_argument("--seed", type=int, default=2026, help="seed of the generated bundles")
    parser.add_argument("--json", type=Path, help="also save the figures here")
    parser.add_argument("--quick", action="store_true", help="12 bundles, 1 run, a 100-page PDF: a smoke test")
    parser.add_argument("--live", action="store_true",
                        help="run the installed package in place (default: a copy of it made at the start)")
    args = parser.parse_args(argv)
    count = args.bundles or (12 if args.quick else 200)
    runs = args.runs or (1 if args.quick else 3)
    pages = args.pages or (100 if args.quick else 500)
    work = check_work_dir(args.work)
    work.mkdir(parents=True, exist_ok=True)
    json_out = args.json.resolve() if args.json else None
    os.chdir(work)  # so that no child imports evidence from the current folder (python -c puts it first)

    bundles = work / f"bundles-{count}-seed{args.seed}"
    stamp = make_bundles.ensure_bundles(bundles, count, args.seed, log=lambda m: print(m, flush=True))
    # Dense text pages, as issue 14 measures them: the scanned sample's pages would be read by OCR.
    long_pdf = make_bundles.build_long_pdf(work / f"long-text-{pages}.pdf", pages, make_bundles.text_sample_pdfs())
    pdfs = make_bundles.pdf_files(bundles)
    pdf_list = work / f"pdfs-{count}-seed{args.seed}.txt"
    pdf_list.write_text("\n".join(str(p) for p in pdfs) + "\n", encoding="utf-8")

    evidence = evidence_command()
    installed = installed_package()
    package, env = (installed, dict(os.environ)) if args.live else snapshot(installed, work)
    digest = code_digest(package)
    caps = capabilities(evidence, env)
    info = machine()
    batch_cmd = f"{' '.join(evidence)} batch {bundles} --workers {{1,2}} --format json --as-of {AS_OF}"
    extract_cmd = f"{' '.join(evidence)} extract {long_pdf} --format json"
    caches = work / "caches"
    samples: dict[str, list[float]] = {k: [] for k in (
        "cold", "warm", "cold2", "pdfium", "pdfium_inner", "plumber", "plumber_inner", "rss_mb", "rss_seconds",
        "baseline_rss_mb")}
    notes: list[str] = []
    floor_pages = None
    cache_after_cold = None
    print(f"{count} bundles ({len(pdfs)} PDFs) in {bundles}; {runs} run(s)", flush=True)
    for run in range(1, runs + 1):
        cold = run_batch(evidence, env, bundles, 1, fresh_dir(caches, f"run{run}-w1"))
        samples["cold"].append(cold["seconds"])
        print(f"  run {run}: cold 1 worker {cold['seconds']:.2f} s {cold['verdicts']}", flush=True)
        if cold["bundles"] != count:
            notes.append(f"run {run}: batch reported {cold['bundles']} bundles, expected {count}")
        if caps["cache"]:
            if caps["cache_command"] and cache_after_cold is None:
                cache_after_cold = cache_info(evidence, env, caches / f"run{run}-w1")
            warm = run_batch(evidence, env, bundles, 1, caches / f"run{run}-w1")
            samples["warm"].append(warm["seconds"])
            print(f"  run {run}: warm 1 worker {warm['seconds']:.2f} s", flush=True)
            if warm["rows"] != cold["rows"]:
                notes.append(f"run {run}: the warm batch's results differ from the cold batch's")
        cold2 = run_batch(evidence, env, bundles, 2, fresh_dir(caches, f"run{run}-w2"))
        samples["cold2"].append(cold2["seconds"])
        print(f"  run {run}: cold 2 workers {cold2['seconds']:.2f} s", flush=True)
        if cold2["rows"] != cold["rows"]:
            notes.append(f"run {run}: --workers 2 results differ from --workers 1")
        shutil.rmtree(caches, ignore_errors=True)
        if code_digest(package) != digest:
            notes.append(f"run {run}: evidence's code changed during the run (someone edited the package): its "
                         "batch figures mix versions, and the warm run missed the cache")
        for key, code in (("pdfium", PDFIUM_FLOOR), ("plumber", PLUMBER_FLOOR)):
            floor = run_floor(code, pdf_list)
            samples[key].append(floor["seconds"])
            samples[f"{key}_inner"].append(floor["inner_seconds"])
            floor_pages = floor["pages"]
            print(f"  run {run}: {key} floor {floor['seconds']:.2f} s ({floor['pages']} pages)", flush=True)
        rss = run_rss(evidence, env, ["extract", str(long_pdf), "--format", "json"])
        samples["rss_mb"].append(rss["rss_mb"])
        samples["rss_seconds"].append(rss["seconds"])
        samples["baseline_rss_mb"].append(run_rss(evidence, env, ["--version"])["rss_mb"])
        print(f"  run {run}: extract {pages} pages {rss['seconds']:.2f} s, peak RSS {rss['rss_mb']:.0f} MB", flush=True)

    m = {key: median(values) for key, values in samples.items()}
    warm_ratio = m["warm"] / m["cold"] if m["warm"] is not None else None
    speedup = m["cold"] / m["cold2"]
    pdfium_ratio, plumber_ratio = m["cold"] / m["pdfium"], m["cold"] / m["plumber"]
    rss_max = max(samples["rss_mb"])
    holds = {
        "warm_ratio": None if warm_ratio is None else warm_ratio <= TARGETS["warm_ratio"],
        "speedup": speedup >= TARGETS["speedup"],
        "pdfium_ratio": pdfium_ratio <= TARGETS["pdfium_ratio"],
        "rss_mb": rss_max <= TARGETS["rss_mb"],
    }
    if (info["cpus_usable"] or 1) < 2:
        notes.append("fewer than 2 usable CPUs: the 2-worker speed-up cannot hold on this machine")

    per_bundle = m["cold"] / count
    prefix = "" if args.live else f"PYTHONPATH={package.parent} "
    lines = [
        "",
        "Batch benchmark (bench/batch_bench.py)",
        f"machine   {info['cpus']} CPUs ({info['cpus_usable']} usable), {info['cpu_model']}, {info['memory']} RAM",
        f"          {info['platform']}, Python {info['python']}",
        "packages  " + ", ".join(f"{k} {v}" for k, v in info["packages"].items()),
        f"code      evidence {digest}, " + ("the installed package, live" if args.live else f"a copy of {installed}"),
        f"bundles   {count} (seed {args.seed}, {len(pdfs)} PDFs, {floor_pages} PDF pages), median of {runs} run(s)",
        f"command   {prefix}EVIDENCE_CACHE_DIR=<fresh dir> {batch_cmd}",
        f"          {prefix}{sys.executable} -c <wrapper: ru_maxrss of children> {extract_cmd}",
        "",
        f"{'measure':<44}{'median':>12}   {'ratio':<24}target",
        f"{'cold batch, 1 worker (empty cache)':<44}{fmt(m['cold']):>12}   {f'{per_bundle:.3f} s/bundle':<24}",
        (f"{'warm batch, 1 worker (filled cache)':<44}{fmt(m['warm']) if caps['cache'] else 'n/a':>12}   "
         f"{f'warm/cold {warm_ratio:.3f}' if warm_ratio is not None else 'warm: not available':<24}"
         f"<= {TARGETS['warm_ratio']}: {verdict(holds['warm_ratio'])}"),
        (f"{'cold batch, 2 workers (empty cache)':<44}{fmt(m['cold2']):>12}   {f'speed-up {speedup:.2f}x':<24}"
         f">= {TARGETS['speedup']}: {verdict(holds['speedup'])}"),
        (f"{'floor: bare pypdfium2 text, same PDFs':<44}{fmt(m['pdfium']):>12}   {f'cold/floor {pdfium_ratio:.2f}':<24}"
         f"<= {TARGETS['pdfium_ratio']}: {verdict(holds['pdfium_ratio'])}"),
        (f"{'floor: bare pdfplumber extract_text':<44}{fmt(m['plumber']):>12}   {f'cold/floor {plumber_ratio:.2f}':<24}"
         "(no target)"),
        f"{f'extract {pages}-page PDF --format json: time':<44}{fmt(m['rss_seconds']):>12}",
        (f"{f'extract {pages}-page PDF: peak RSS':<44}{fmt(m['rss_mb'], 'MB', 0):>12}   {f'max {rss_max:.0f} MB':<24}"
         f"<= {TARGETS['rss_mb']:.0f} MB: {verdict(holds['rss_mb'])}"),
        f"{'  (evidence --version: peak RSS)':<44}{fmt(m['baseline_rss_mb'], 'MB', 0):>12}",
        "",
        (f"floors inside the child (imports + loop, no interpreter start): pypdfium2 {fmt(m['pdfium_inner'])}, "
         f"pdfplumber {fmt(m['plumber_inner'])}"),
    ]
    if not caps["cache"]:
        lines.append("warm: not available (`evidence batch --help` has no --no-cache: the cache has not landed)")
    if cache_after_cold:
        lines.append(f"cache after one cold run: {cache_after_cold}")
    if stamp.get("seconds") is not None:
        lines.append(f"bundle generation took {stamp['seconds']:.0f} s (cached in {bundles})")
    lines += [f"note: {note}" for note in notes]
    print("\n".join(lines))

    if json_out:
        figures = {
            "machine": info, "bundles": count, "pdfs": len(pdfs), "pdf_pages": floor_pages, "runs": runs,
            "seed": args.seed, "long_pdf_pages": pages, "commands": {"batch": batch_cmd, "extract": extract_cmd},
            "cache_available": caps["cache"], "evidence_code": digest, "live": args.live, "medians": m, "samples": samples,
            "ratios": {"warm_over_cold": warm_ratio, "speedup_2_workers": speedup,
                       "cold_over_pypdfium2": pdfium_ratio, "cold_over_pdfplumber": plumber_ratio},
            "rss_max_mb": rss_max, "targets": TARGETS,
            "holds": {k: verdict(v) for k, v in holds.items()}, "cache_after_cold": cache_after_cold,
            "generation_seconds": stamp.get("seconds"), "notes": notes,
        }
        json_out.parent.mkdir(parents=True, exist_ok=True)
        json_out.write_text(json.dumps(figures, indent=2) + "\n", encoding="utf-8")
        print(f"figures saved to {json_out}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
