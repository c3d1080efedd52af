"""The `evidence` command: parse options, call the library, write the result, set the exit code.

Exit status: 0 when no finding is at or above --fail-on, 1 when one is, 2 for
usage errors and bundles that cannot be opened at all. Errors are one line on
stderr; --debug shows the traceback.
"""

from __future__ import annotations

import os
import sys
from collections.abc import Callable, Iterator
from datetime import datetime
from pathlib import Path
from typing import Any

import click

from evidence.batch import BatchOptions, check_many, find_bundles
from evidence.cache import CACHE_ENV, Cache, default_cache_dir
from evidence.check import check_bundle
from evidence.errors import EvidenceError
from evidence.extract import extract as extract_record
from evidence.findings import SEVERITY_RANK
from evidence.isolation import Budget
from evidence.normalize import json_number
from evidence.normalize.money import find_amounts
from evidence.readers import read_path
from evidence.report import BatchRow
from evidence.rules import load_all
from evidence.schemas import load_instance, load_schema, schema_names, validate
from evidence.version import __version__
from evidence.writers import BATCH_WRITERS, REPORT_WRITERS
from evidence.writers.document import document_to_json, document_to_text

EXIT_OK, EXIT_FINDINGS, EXIT_USAGE = 0, 1, 2


def _codes(value: str | None) -> list[str] | None:
    if value is None:
        return None
    return [code.strip().upper() for code in value.split(",") if code.strip()]


def reading_options(command: Callable[..., Any]) -> Callable[..., Any]:
    """The options of `check` and `batch` that say how files are read."""
    command = click.option("--no-cache", "no_cache", is_flag=True,
                           help="Read every file again; neither use nor fill the cache.")(command)
    command = click.option("--memory-limit", "memory_mb", type=click.IntRange(0), default=Budget.memory_mb,
                           show_default=True, help="MB of memory one file may take to read (0: no cap).")(command)
    return click.option(
        "--page-timeout", "page_seconds", type=click.FloatRange(0), default=Budget.seconds_per_page,
        show_default=True, help="Seconds one page may take before its file is stopped as unreadable "
        "(0: read in-process, with no limit).")(command)


def _budget(page_seconds: float, memory_mb: int) -> Budget | None:
    return Budget(page_seconds, memory_mb) if page_seconds > 0 else None


def _cache_dir(no_cache: bool) -> Path | None:
    return None if no_cache else default_cache_dir()


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, prog_name="evidence")
@click.option("--debug", is_flag=True, help="Show tracebacks for errors.")
@click.pass_context
def main(ctx: click.Context, debug: bool) -> None:
    """Check a buyer's evidence before a Trade Assurance claim is filed."""
    ctx.obj = {"debug": debug}


@main.command()
@click.argument("bundle", type=click.Path(path_type=Path))
@click.option("--format", "output_format", type=click.Choice(sorted(REPORT_WRITERS)), default="text")
@click.option("--output", type=click.Path(dir_okay=False, path_type=Path), help="Write the report here.")
@click.option("--select", help="Only these codes or prefixes, comma-separated (e.g. E,D001).")
@click.option("--ignore", help="Skip these codes or prefixes, comma-separated.")
@click.option("--claim", type=click.Choice(["quality", "late-shipment", "non-delivery"]),
              help="The claim type (default: claim.toml's, else quality).")
@click.option("--as-of", "as_of", type=click.DateTime(formats=["%Y-%m-%d"]),
              help="The date the check is for, YYYY-MM-DD (default: claim.toml's, else today).")
@click.option("--coverage-limit", "coverage_limit",
              help="The supplier's coverage limit for this order, e.g. 'USD 20000' (overrides claim.toml).")
@click.option("--pipeline", "pipeline_file", type=click.Path(dir_okay=False, path_type=Path),
              help="Run your own pipeline file instead of the claim type's.")
@click.option(
    "--fail-on",
    type=click.Choice(list(SEVERITY_RANK)),
    default="major",
    show_default=True,
    help="Exit 1 when a finding is at or above this severity.",
)
@reading_options
@click.pass_context
def check(
    ctx: click.Context,
    bundle: Path,
    output_format: str,
    output: Path | None,
    select: str | None,
    ignore: str | None,
    claim: str | None,
    as_of: datetime | None,
    coverage_limit: str | None,
    pipeline_file: Path | None,
    fail_on: str,
    no_cache: bool,
    page_seconds: float,
    memory_mb: int,
) -> None:
    """Check one bundle (a folder or .zip of an order's documents)."""
    cache_dir = _cache_dir(no_cache)
    report = _run(ctx, lambda: check_bundle(
        bundle, claim=claim, as_of=as_of.date() if as_of else None, select=_codes(select),
        ignore=_codes(ignore) or [], pipeline_file=pipeline_file,
        coverage_limit=_coverage_limit(coverage_limit),
        cache=Cache(cache_dir) if cache_dir else None, budget=_budget(page_seconds, memory_mb),
    ))
    colour = output is None and output_format == "text" and sys.stdout.isatty()
    _emit(REPORT_WRITERS[output_format](report, _terminal_style if colour else None), output)
    threshold = SEVERITY_RANK[fail_on]
    failed = any(SEVERITY_RANK[f.severity] <= threshold for f in report.findings)
    ctx.exit(EXIT_FINDINGS if failed else EXIT_OK)


@main.command()
@click.argument("folders", nargs=-1, required=True, type=click.Path(path_type=Path))
@click.option("--workers", type=click.IntRange(0, 64), default=1, show_default=True,
              help="Processes to use (0: one per CPU).")
@click.option("--format", "output_format", type=click.Choice(sorted(BATCH_WRITERS)), default="text")
@click.option("--output", type=click.Path(dir_okay=False, path_type=Path), help="Write the summary here.")
@click.option("--claim", type=click.Choice(["quality", "late-shipment", "non-delivery"]))
@click.option("--as-of", "as_of", type=click.DateTime(formats=["%Y-%m-%d"]))
@click.option("--fail-on", type=click.Choice(list(SEVERITY_RANK)), default="major", show_default=True)
@click.option("--bundle-timeout", "bundle_seconds", type=click.FloatRange(0), default=0, show_default=True,
              help="CPU seconds one bundle may take before it is stopped as an error row (0: no limit).")
@reading_options
@click.pass_context
def batch(ctx: click.Context, folders: tuple[Path, ...], workers: int, output_format: str, output: Path | None,
          claim: str | None, as_of: datetime | None, fail_on: str, bundle_seconds: float, no_cache: bool,
          page_seconds: float, memory_mb: int) -> None:
    """Check every sub-folder or .zip of FOLDERS, one bundle each, and summarise."""
    bundles = _run(ctx, lambda: find_bundles(folders))
    workers = workers or os.cpu_count() or 1
    options = BatchOptions(claim, as_of.date() if as_of else None, _cache_dir(no_cache),
                           _budget(page_seconds, memory_mb), bundle_seconds or None)
    if sys.stderr.isatty():
        def progress(rows: Iterator[BatchRow]) -> Iterator[BatchRow]:
            with click.progressbar(rows, length=len(bundles), label="checking", file=sys.stderr) as bar:
                yield from bar
        rows = check_many(bundles, options, workers, progress)
    else:
        rows = check_many(bundles, options, workers)
    _emit(BATCH_WRITERS[output_format](rows), output)
    ctx.exit(EXIT_FINDINGS if any(row.fails(fail_on) for row in rows) else EXIT_OK)


@main.command()
@click.argument("file", type=click.Path(path_type=Path))
@click.option("--format", "output_format", type=click.Choice(["text", "json"]), default="text")
@click.option("--words", is_flag=True, help="With --format json, include every word and its position.")
@click.pass_context
def extract(ctx: click.Context, file: Path, output_format: str, words: bool) -> None:
    """Show what the tool reads from one document."""
    if not file.is_file():
        _fail(f"{file} is not a file")
    doc = _run(ctx, lambda: read_path(file))
    record = _run(ctx, lambda: extract_record(doc))
    text = document_to_json(doc, record, words) if output_format == "json" else document_to_text(doc, record)
    _emit(text, None)


@main.group("cache")
def cache_group() -> None:
    """Show or empty the cache of read files (in $EVIDENCE_CACHE_DIR or the user cache folder)."""


@cache_group.command("info")
def cache_info() -> None:
    """Where the cache is, how many files it holds and its size on disk."""
    info = Cache().info()
    if not info.usable:
        _fail(f"the cache at {info.path} cannot be opened or created; checks run without it "
              f"(set {CACHE_ENV} to a writable folder)")
    click.echo(f"path:     {info.path}")
    click.echo(f"entries:  {info.entries} ({info.current} for this version, {info.entries - info.current} stale)")
    click.echo(f"size:     {info.file_bytes / 1e6:.1f} MB on disk, {info.payload_bytes / 1e6:.1f} MB of records")


@cache_group.command("clear")
@click.option("--stale", is_flag=True, help="Only remove entries written by other versions of the tool.")
def cache_clear(stale: bool) -> None:
    """Empty the cache (files will be read again on the next check)."""
    removed = Cache().clear(stale_only=stale)
    click.echo(f"removed {removed} entr{'y' if removed == 1 else 'ies'} from {default_cache_dir()}")


@main.command("rules")
def list_rules() -> None:
    """List the finding catalog."""
    for code, r in sorted(load_all().items()):
        click.echo(f"{code}  {r.name:<28} {r.severity:<8} {r.summary}")


@main.command("rule")
@click.argument("code")
def explain_rule(code: str) -> None:
    """Explain one rule: what it checks, why it matters, the remedy."""
    found = load_all().get(code.upper())
    if found is None:
        _fail(f"unknown rule code {code!r}; `evidence rules` lists them")
    click.echo(f"{found.code} {found.name} ({found.severity})\n\n{found.summary}\n\n{found.doc}\n")


@main.command("schemas")
def list_schemas() -> None:
    """List the JSON Schemas the tool ships."""
    for name in schema_names():
        click.echo(f"{name:<20} {load_schema(name).get('title', '')}")


@main.command("validate")
@click.argument("file", type=click.Path(path_type=Path))
@click.option("--schema", "schema_name", required=True, help="A name from `evidence schemas`.")
@click.pass_context
def validate_file(ctx: click.Context, file: Path, schema_name: str) -> None:
    """Validate a JSON or TOML file against one of the schemas."""
    errors = _run(ctx, lambda: validate(load_instance(file), schema_name))
    if not errors:
        click.echo(f"{file}: valid against {schema_name}")
        ctx.exit(EXIT_OK)
    for error in errors:
        click.echo(f"{file}: {error}")
    ctx.exit(EXIT_FINDINGS)


def _coverage_limit(text: str | None) -> dict[str, object] | None:
    """Given 'USD 20000' or '20,000 USD', return {"amount": 20000, "currency": "USD"}."""
    if text is None:
        return None
    amounts = find_amounts(text)
    if len(amounts) != 1 or amounts[0].currency is None or amounts[0].amount <= 0:
        _fail(f"--coverage-limit {text!r} is not an amount with a currency, such as 'USD 20000'")
    return {"amount": json_number(amounts[0].amount), "currency": amounts[0].currency}


def _terminal_style(text: str, colour: str) -> str:
    """Given a text and a colour name, return it bold and coloured for a terminal."""
    return click.style(text, fg=colour, bold=True)


def _run(ctx: click.Context, action: Callable[[], Any]) -> Any:
    try:
        return action()
    except EvidenceError as exc:
        _fail(str(exc))
    except Exception as exc:
        if ctx.find_root().obj.get("debug"):
            raise
        _fail(f"internal error ({type(exc).__name__}: {exc}); rerun with --debug and report it")


def _emit(text: str, output: Path | None) -> None:
    if output is None:
        click.echo(text, nl=False)
    else:
        try:
            output.write_text(text, encoding="utf-8")
        except OSError as exc:  # a missing folder, no permission, a full disk
            _fail(f"cannot write {output}: {exc.strerror or exc}")


def _fail(message: str) -> None:
    click.echo(f"evidence: error: {message}", err=True)
    sys.exit(EXIT_USAGE)


def run() -> None:
    """The console script: Click's usage errors become one line on stderr, exit 2."""
    try:
        code = main.main(standalone_mode=False)
    except click.exceptions.Abort:
        click.echo("evidence: error: aborted", err=True)
        sys.exit(EXIT_USAGE)
    except click.ClickException as exc:
        click.echo(f"evidence: error: {exc.format_message()}", err=True)
        sys.exit(exc.exit_code)
    sys.exit(code if isinstance(code, int) else EXIT_OK)
