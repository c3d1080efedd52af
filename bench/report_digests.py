"""Fingerprint what the tool says about every sample and external document, to prove a refactor changed nothing.

For each bundle (every sample, every folder of ../shared/external and each of
its sub-folders) it runs `evidence check --format json` with a fixed as-of date
and no cache; for each file under ../shared/external it runs `evidence extract
--format json`. It prints one line per output, "md5  kind  target", and with
`--save DIR` also writes each output there, so two runs can be compared with
`diff -r`.

Everything goes through the command line's own entry point (in one process),
so the fingerprints stay comparable however the library inside is arranged.
Paths are given relative to the checkout (the report names a bundle as given),
so two checkouts side by side give the same fingerprints.

Usage: python bench/report_digests.py [--save DIR] [--only check|extract] > digests.txt
"""

from __future__ import annotations

import argparse
import hashlib
import os
import sys
from collections.abc import Iterator
from pathlib import Path

from click.testing import CliRunner

from evidence.cli import main

ROOT = Path(__file__).resolve().parents[1]
EXTERNAL = ROOT.parent / "shared" / "external"
AS_OF = "2026-12-01"
NOT_BUNDLES = {"expected", "golden"}


def bundles() -> Iterator[Path]:
    """Yield every sample bundle, then every folder of the external corpus that holds files."""
    yield from sorted(p for p in (ROOT / "samples").iterdir() if p.is_dir() and p.name not in NOT_BUNDLES)
    if EXTERNAL.is_dir():
        yield from sorted(p for p in EXTERNAL.rglob("*") if p.is_dir() and any(c.is_file() for c in p.iterdir()))


def external_files() -> Iterator[Path]:
    """Yield every file of the external corpus but its own notes and truth files."""
    if EXTERNAL.is_dir():
        skip = (".truth.json", "README.md", "MANIFEST.json", "SOURCES.json", "TRUTH-FORMAT.md")
        yield from sorted(p for p in EXTERNAL.rglob("*") if p.is_file() and not p.name.endswith(skip))


def run(runner: CliRunner, args: list[str]) -> bytes:
    """Run the CLI in-process; return what it printed (stdout, then stderr and the exit code)."""
    result = runner.invoke(main, args, catch_exceptions=True)
    tail = f"\n--- exit {result.exit_code}\n{result.stderr}".encode()
    if result.exception is not None and not isinstance(result.exception, SystemExit):
        tail += f"exception: {type(result.exception).__name__}: {result.exception}\n".encode()
    return result.stdout_bytes + tail


def targets(only: str | None) -> Iterator[tuple[str, Path, list[str]]]:
    if only in (None, "check"):
        for bundle in bundles():
            yield "check", bundle, ["check", os.path.relpath(bundle, ROOT), "--format", "json", "--as-of", AS_OF,
                                    "--no-cache", "--page-timeout", "0"]
    if only in (None, "extract"):
        for file in external_files():
            yield "extract", file, ["extract", os.path.relpath(file, ROOT), "--format", "json"]


def label(path: Path) -> str:
    for base in (ROOT, EXTERNAL.parent):
        if path.is_relative_to(base):
            return str(path.relative_to(base))
    return str(path)


def main_() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--save", type=Path, help="also write each output into this folder")
    parser.add_argument("--only", choices=["check", "extract"])
    options = parser.parse_args()
    save = options.save.resolve() if options.save else None
    os.chdir(ROOT)
    runner = CliRunner()
    for kind, path, args in targets(options.only):
        output = run(runner, args)
        name = label(path)
        print(f"{hashlib.md5(output).hexdigest()}  {kind:7}  {name}", flush=True)
        if save:
            out = save / kind / (name.replace("/", "__") + ".json")
            out.parent.mkdir(parents=True, exist_ok=True)
            out.write_bytes(output)
    return 0


if __name__ == "__main__":
    sys.exit(main_())
