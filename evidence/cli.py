"""The `evidence` command: parse options, call the library, write the result, set the exit code.

Exit status: 0 when no finding is at or above --fail-on, 1 when one is, 2 for
usage errors, bundles that cannot be opened at all and output that cannot be
written (a closed pipe, a full disk), 130 for Ctrl-C. `pack`: 0 when the pack is
written, 1 when findings stop it; `verify`: 0 when the pack matches its manifest,
1 when it does not. Errors are one line on
stderr; --debug shows the traceback.
"""

from __future__ import annotations

import os
import re
import signal
import sys
import threading
from collections.abc import Callable, Iterator
from datetime import datetime
from pathlib import Path
from typing import TYPE_CHECKING, Any, NoReturn

import click

from evidence.budget import Budget
from evidence.errors import EvidenceError
from evidence.findings import SEVERITY_RANK
from evidence.version import __version__
from evidence.writers import BATCH_WRITERS, REPORT_WRITERS
from evidence.wording import counted
from evidence.writers.safe import shown

if TYPE_CHECKING:
    from evidence.bundle import BundleFile
    from evidence.report import BatchRow

# The commands import what they run inside themselves: `evidence --help` loads none of the
# readers, the OCR engine or the rules.

EXIT_OK, EXIT_FINDINGS, EXIT_USAGE = 0, 1, 2
EXIT_INTERRUPTED = 130  # 128 + SIGINT, as shells report Ctrl-C
_CLOSED = "the output was closed before everything was written (broken pipe)"


def _codes(value: str | None) -> list[str] | None:
    if value is None:
        return None
    return [code.strip().upper() for code in value.split(",") if code.strip()]


def claim_options(command: Callable[..., Any] | None = None, *, coverage: bool = True) -> Any:
    """The options of `check`, `pack` and `batch` that say what claim is checked, and as of when."""

    def add(command: Callable[..., Any]) -> Callable[..., Any]:
        if coverage:
            command = click.option(
                "--coverage-limit", "coverage_limit",
                help="The supplier's coverage limit for this order, e.g. 'USD 20000' (overrides claim.toml).")(command)
        command = click.option("--as-of", "as_of", type=click.DateTime(formats=["%Y-%m-%d"]),
                               help="The date the check is for, YYYY-MM-DD (default: claim.toml's, else today).")(command)
        return click.option("--claim", type=click.Choice(["quality", "late-shipment", "non-delivery"]),
                            help="The claim type (default: claim.toml's, else quality).")(command)

    return add(command) if command is not None else add


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
    """The cache folder to use, or None: --no-cache, or a folder other users can write (said once on stderr)."""
    from evidence.cache import default_cache_dir, folder_refusal

    if no_cache:
        return None
    folder = default_cache_dir()
    refusal = folder_refusal(folder)
    if refusal is not None:
        click.echo(shown(f"warning: {refusal}"), err=True)
        return None
    return folder


class _Interrupted(click.ClickException):
    """Ctrl-C."""

    exit_code = EXIT_INTERRUPTED


class _OutputClosed(click.ClickException):
    """The reader of stdout went away (`| head -1`)."""

    exit_code = EXIT_USAGE


class _Commands(click.Group):
    """The command group: Ctrl-C and a closed output stop any command with one line, not a traceback."""

    def invoke(self, ctx: click.Context) -> Any:
        try:
            return super().invoke(ctx)
        except KeyboardInterrupt:
            raise _Interrupted("interrupted") from None
        except BrokenPipeError:
            _abandon_stdout()
            raise _OutputClosed(_CLOSED) from None


@click.group(cls=_Commands, context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, prog_name="evidence")
@click.option("--debug", is_flag=True, help="Show tracebacks for errors.")
@click.pass_context
def main(ctx: click.Context, debug: bool) -> None:
    """Check a buyer's evidence before a Trade Assurance claim is filed."""
    ctx.obj = {"debug": debug}


@main.command()
@click.argument("bundle", type=click.Path(path_type=Path))
@click.option("--format", "output_format", type=click.Choice(sorted(REPORT_WRITERS)), default="text")
@click.option("--output", "-o", type=click.Path(dir_okay=False, path_type=Path), help="Write the report here.")
@click.option("--select", help="Only these codes or prefixes, comma-separated (e.g. E,D001).")
@click.option("--ignore", help="Skip these codes or prefixes, comma-separated.")
@claim_options
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
    from evidence.cache import Cache
    from evidence.check import check_bundle

    cache_dir = _cache_dir(no_cache)
    report = _run(ctx, lambda: check_bundle(
        bundle, claim=claim, as_of=as_of.date() if as_of else None, select=_codes(select),
        ignore=_codes(ignore) or [], pipeline_file=pipeline_file,
        coverage_limit=_coverage_limit(coverage_limit),
        cache=Cache(cache_dir) if cache_dir else None, budget=_budget(page_seconds, memory_mb),
        on_file=_file_progress() if sys.stderr is not None and sys.stderr.isatty() else None,
    ))
    colour = output is None and output_format == "text" and sys.stdout is not None and sys.stdout.isatty()
    _emit(REPORT_WRITERS[output_format](report, _terminal_style if colour else None), output)
    threshold = SEVERITY_RANK[fail_on]
    failed = any(SEVERITY_RANK[f.severity] <= threshold for f in report.findings)
    ctx.exit(EXIT_FINDINGS if failed else EXIT_OK)


@main.command()
@click.argument("folders", nargs=-1, required=True, type=click.Path(path_type=Path))
@click.option("--workers", type=click.IntRange(0, 64), default=1, show_default=True,
              help="Processes to use (0: one per CPU).")
@click.option("--format", "output_format", type=click.Choice(sorted(BATCH_WRITERS)), default="text")
@click.option("--output", "-o", type=click.Path(path_type=Path),
              help="Write the summary to this file; with --format html, the folder for index.html and "
              "each bundle's report (created if missing).")
@claim_options(coverage=False)
@click.option("--fail-on", type=click.Choice(list(SEVERITY_RANK)), default="major", show_default=True)
@click.option("--bundle-timeout", "bundle_seconds", type=click.FloatRange(0), default=0, show_default=True,
              help="CPU seconds one bundle may take before it is stopped as an error row (0: no limit).")
@reading_options
@click.pass_context
def batch(ctx: click.Context, folders: tuple[Path, ...], workers: int, output_format: str, output: Path | None,
          claim: str | None, as_of: datetime | None, fail_on: str, bundle_seconds: float, no_cache: bool,
          page_seconds: float, memory_mb: int) -> None:
    """Check every sub-folder or .zip of FOLDERS, one bundle each, and summarise."""
    from evidence.batch import BatchOptions, check_many, find_bundles

    from evidence.writers.batch_html import INDEX_NAME
    from evidence.writers.html import report_to_html

    _check_batch_output(output, output_format, folders)
    folder = output if output_format == "html" else None  # html: a folder of pages, given and not an input
    bundles = _run(ctx, lambda: find_bundles(folders))
    if folder is not None:
        _make_folder(folder)
    workers = workers or os.cpu_count() or 1
    options = BatchOptions(claim, as_of.date() if as_of else None, _cache_dir(no_cache),
                           _budget(page_seconds, memory_mb), bundle_seconds or None,
                           render=report_to_html if folder is not None else None)
    keep: Callable[[Iterator[BatchRow]], Iterator[BatchRow]] = (
        (lambda rows: _write_pages(rows, folder, bundles)) if folder is not None else (lambda rows: rows))
    if sys.stderr is not None and sys.stderr.isatty():
        status = _BatchStatus(len(bundles))
        rows = check_many(bundles, options, workers, lambda found: status.rows(keep(found)), status.file_read)
        status.clear()
    else:
        rows = check_many(bundles, options, workers, keep)
    _emit(BATCH_WRITERS[output_format](rows), folder / INDEX_NAME if folder is not None else output)
    ctx.exit(EXIT_FINDINGS if any(row.fails(fail_on) for row in rows) else EXIT_OK)


def _check_batch_output(output: Path | None, output_format: str, folders: tuple[Path, ...]) -> None:
    """Refuse, before any bundle is checked, an --output the format cannot write to."""
    if output_format != "html":
        if output is not None and output.is_dir():
            _fail(f"{output} is a folder; --output takes a file for --format {output_format}")
        return
    if output is None:
        _fail("--format html writes a folder of pages (index.html and one report per bundle): "
              "name it with --output DIR")
    if output.exists() and not output.is_dir():
        _fail(f"{output} is not a folder; --format html writes index.html and one report per bundle into one")
    target = output.resolve()
    for folder in folders:
        if target.is_relative_to(folder.resolve()):
            _fail(f"{output} is inside the input folder {folder}; write the pages elsewhere "
                  "(the tool never writes into the evidence, and the pages would be read as a bundle)")


def _make_folder(folder: Path) -> None:
    try:
        folder.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        _fail(f"cannot create the folder {folder}: {exc.strerror or exc}")


def _write_pages(rows: Iterator[BatchRow], folder: Path, bundles: list[Path]) -> Iterator[BatchRow]:
    """Write each bundle's page into `folder` as its row comes, and pass the row on without it
    (so a batch of thousands holds one page at a time). The names are the index's links."""
    from dataclasses import replace

    from evidence.writers.batch_html import report_file_names

    names = report_file_names([str(bundle) for bundle in bundles])
    for name, row in zip(names, rows):
        if row.page:
            _emit(row.page, folder / name)
        yield replace(row, page="")


@main.command()
@click.argument("bundle", type=click.Path(path_type=Path))
@click.option("--output", "-o", required=True, type=click.Path(path_type=Path),
              help="The pack to write, e.g. claim.zip (replaced if it exists; never inside the bundle).")
@click.option("--force", is_flag=True,
              help="Pack even when a blocker finding or an unreadable file would stop it (the manifest says so).")
@claim_options
@reading_options
@click.pass_context
def pack(ctx: click.Context, bundle: Path, output: Path, force: bool, claim: str | None, as_of: datetime | None,
         coverage_limit: str | None, no_cache: bool, page_seconds: float, memory_mb: int) -> None:
    """Check a bundle, then pack its files, reports and a manifest into one zip.

    The files are copied (never moved or changed) into 01-order/ ... 08-other/
    under names built from kind, number and date.

    Exit 0 when the pack was written, 1 when findings stop it (nothing is written;
    --force packs anyway), 2 for usage errors.
    """
    from evidence.cache import Cache
    from evidence.pack import PackRefused, pack_bundle

    cache_dir = _cache_dir(no_cache)
    limit = _coverage_limit(coverage_limit)

    def attempt() -> Any:
        try:
            return pack_bundle(
                bundle, output, force=force, claim=claim, as_of=as_of.date() if as_of else None,
                coverage_limit=limit, cache=Cache(cache_dir) if cache_dir else None,
                budget=_budget(page_seconds, memory_mb),
                on_file=_file_progress() if sys.stderr is not None and sys.stderr.isatty() else None)
        except PackRefused as refused:  # findings, not a usage error: exit 1
            return refused

    result = _run(ctx, attempt)
    if isinstance(result, PackRefused):
        click.echo(_encodable(f"evidence: error: {shown(result)}", sys.stderr), err=True)
        ctx.exit(EXIT_FINDINGS)
    if result.forced_past:
        click.echo(shown(f"warning: packed with --force despite {counted(len(result.forced_past), 'finding')}: "
                         + ", ".join(str(s) for s in result.forced_past)), err=True)
    _emit(f"packed {counted(len(result.manifest['files']), 'file')} into {shown(output)} "
          f"(verdict: {result.report.verdict}; SHA-256 of manifest.json: {result.manifest_sha256})\n", None)
    ctx.exit(EXIT_OK)


@main.command()
@click.argument("pack_path", metavar="PACK", type=click.Path(path_type=Path))
@click.option("--format", "output_format", type=click.Choice(["text", "json"]), default="text")
@click.pass_context
def verify(ctx: click.Context, pack_path: Path, output_format: str) -> None:
    """Re-hash a pack against its manifest.json (a .zip, or a folder it was unpacked into).

    Exit 0 when every file matches, 1 when any was added, removed or changed,
    2 when the manifest is missing or malformed.
    """
    from evidence.pack import verify_pack
    from evidence.writers.safe import json_text

    result = _run(ctx, lambda: verify_pack(pack_path))
    text = json_text(result.to_dict()) if output_format == "json" else result.to_text()
    _emit(text, None)
    ctx.exit(EXIT_OK if result.ok else EXIT_FINDINGS)


@main.command()
@click.argument("file", type=click.Path(path_type=Path))
@click.option("--format", "output_format", type=click.Choice(["text", "json"]), default="text")
@click.option("--words", is_flag=True, help="With --format json, include every word and its position.")
@click.pass_context
def extract(ctx: click.Context, file: Path, output_format: str, words: bool) -> None:
    """Show what the tool reads from one document."""
    from evidence.extract import extract as extract_record
    from evidence.isolation import isolation_available, read_in_child
    from evidence.readers import progress, read_file, read_path
    from evidence.records import Document
    from evidence.writers.document import document_to_json, document_to_text

    if not file.is_file():
        _fail(f"{file} is not a file")

    def described(doc: Document) -> str:
        record = extract_record(doc)
        return document_to_json(doc, record, words) if output_format == "json" else document_to_text(doc, record)

    def read_and_describe(one: BundleFile) -> str:
        doc = read_file(one)
        progress.extracting()
        return described(doc)

    # Read, extract and write in the budgeted reader child, as `check` does: only the text comes back
    # (sending the document itself cost a 500-page PDF a third of a second each way).
    budget = Budget()  # what `check` allows a file by default
    read = (lambda one: read_in_child(one, budget, job=read_and_describe)[0]) if isolation_available() \
        else read_and_describe
    result = _run(ctx, lambda: read_path(file, read=read))
    # A Document comes back when the file was refused unread, or the child was stopped or died on it.
    _emit(result if isinstance(result, str) else _run(ctx, lambda: described(result)), None)


@main.group("cache")
def cache_group() -> None:
    """Show or empty the cache of read files (in $EVIDENCE_CACHE_DIR or the user cache folder)."""


@cache_group.command("info")
def cache_info() -> None:
    """Where the cache is, how many files it holds and its size on disk."""
    from evidence.cache import CACHE_ENV, Cache

    info = Cache().info()
    if not info.usable:
        _fail(f"the cache at {info.path} cannot be opened or created; checks run without it "
              f"(set {CACHE_ENV} to a writable folder)")
    click.echo(shown(f"path:     {info.path}"))
    click.echo(f"entries:  {info.entries} ({info.current} for this version, {info.entries - info.current} stale)")
    click.echo(f"size:     {info.file_bytes / 1e6:.1f} MB on disk, {info.payload_bytes / 1e6:.1f} MB of records")


@cache_group.command("clear")
@click.option("--stale", is_flag=True, help="Only remove entries written by other versions of the tool.")
def cache_clear(stale: bool) -> None:
    """Empty the cache (files will be read again on the next check)."""
    from evidence.cache import Cache, default_cache_dir

    removed = Cache().clear(stale_only=stale)
    click.echo(shown(f"removed {removed} entr{'y' if removed == 1 else 'ies'} from {default_cache_dir()}"))


@main.command("rules")
def list_rules() -> None:
    """List the finding catalog."""
    from evidence.rules import load_all

    for code, r in sorted(load_all().items()):
        click.echo(f"{code}  {r.name:<28} {r.severity:<8} {r.summary}")


@main.command("rule")
@click.argument("code")
def explain_rule(code: str) -> None:
    """Explain one rule: what it checks, why it matters, the remedy."""
    from evidence.rules import load_all

    found = load_all().get(code.upper())
    if found is None:
        _fail(f"unknown rule code {code!r}; `evidence rules` lists them")
    click.echo(f"{found.code} {found.name} ({found.severity})\n\n{found.summary}\n\n{found.doc}\n")


@main.command("schemas")
def list_schemas() -> None:
    """List the JSON Schemas the tool ships."""
    from evidence.schemas import load_schema, schema_names

    for name in schema_names():
        click.echo(f"{name:<20} {load_schema(name).get('title', '')}")


@main.command("validate")
@click.argument("file", type=click.Path(path_type=Path))
@click.option("--schema", "schema_name", required=True, help="A name from `evidence schemas`.")
@click.pass_context
def validate_file(ctx: click.Context, file: Path, schema_name: str) -> None:
    """Validate a JSON or TOML file against one of the schemas."""
    from evidence.schemas import load_instance, validate

    errors = _run(ctx, lambda: validate(load_instance(file), schema_name))
    if not errors:
        click.echo(shown(f"{file}: valid against {schema_name}"))
        ctx.exit(EXIT_OK)
    for error in errors:
        click.echo(shown(f"{file}: {error}"))
    ctx.exit(EXIT_FINDINGS)


_EXPONENT = re.compile(r"\d\s*[eE]\s*[+-]?\d")


def _coverage_limit(text: str | None) -> dict[str, object] | None:
    """Given 'USD 20000' or '20,000 USD', return {"amount": 20000, "currency": "USD"}.

    The amount with its currency must be the whole text: 'EUR 1e3' is refused, not read as EUR 1.
    """
    from evidence.normalize import json_number
    from evidence.normalize.money import find_amounts

    if text is None:
        return None
    written = text.strip()
    amounts = find_amounts(written)
    if (len(amounts) != 1 or amounts[0].currency is None or amounts[0].amount <= 0
            or (amounts[0].start, amounts[0].end) != (0, len(written))):
        hint = "; write the number in full (1000, not 1e3)" if _EXPONENT.search(written) else ""
        _fail(f"--coverage-limit {text!r} is not an amount with a currency, such as 'USD 20000'{hint}")
    return {"amount": json_number(amounts[0].amount), "currency": amounts[0].currency}


def _terminal_style(text: str, colour: str) -> str:
    """Given a text and a colour name, return it bold and coloured for a terminal."""
    return click.style(text, fg=colour, bold=True)


class _BatchStatus:
    """One line on stderr: bundles checked, and the file being read (told from any worker)."""

    def __init__(self, total: int) -> None:
        self.total, self.done, self.reading = total, 0, ""
        self.lock = threading.Lock()

    def rows(self, rows: Iterator[BatchRow]) -> Iterator[BatchRow]:
        for row in rows:
            self.done += 1
            self._show()
            yield row

    def file_read(self, bundle: str, done: int, total: int, path: str) -> None:
        self.reading = f"{shown(Path(bundle).name)} {done}/{total} {shown(path)}"
        self._show()

    def clear(self) -> None:
        with self.lock:
            click.echo("\r\x1b[K", err=True, nl=False)

    def _show(self) -> None:
        with self.lock:
            line = f"checked {self.done}/{self.total} bundles; read {self.reading}"[:78]
            click.echo(f"\r{line}\x1b[K", err=True, nl=False)


def _file_progress() -> Callable[[int, int, str], None]:
    """One line on stderr, rewritten after each file (a scan read by OCR takes seconds), cleared at the end."""
    def show(done: int, total: int, path: str) -> None:
        line = f"reading {done}/{total}: {shown(path)}"[:78]
        click.echo(f"\r{line}\x1b[K" if done < total else "\r\x1b[K", err=True, nl=False)

    return show


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
    """Write a report to `output`, else to stdout; a write that fails is one line on stderr, exit 2."""
    if output is None:
        if sys.stdout is None:  # started with stdout closed (`>&-`): Click would drop the report silently
            _fail("standard output is closed; the report was not written (use --output FILE)")
        try:
            click.echo(_encodable(text, sys.stdout), nl=False)
        except BrokenPipeError:
            raise  # the command group reports it
        except OSError as exc:  # a full disk
            _abandon_stdout()
            _fail(f"cannot write the report to standard output: {exc.strerror or exc}")
    else:
        try:
            output.write_text(text, encoding="utf-8", errors="backslashreplace")
        except OSError as exc:  # a missing folder, no permission, a full disk
            _fail(f"cannot write {output}: {exc.strerror or exc}")


def _encodable(text: str, stream: Any) -> str:
    """Given a report and the stream it goes to, return it with what that stream's encoding cannot
    carry (Chinese text on a Latin-1 terminal) shown as escapes, instead of failing."""
    encoding = getattr(stream, "encoding", None) or "utf-8"
    try:
        text.encode(encoding)
    except UnicodeEncodeError:
        return text.encode(encoding, "backslashreplace").decode(encoding)
    except LookupError:
        pass
    return text


def _abandon_stdout() -> None:
    """After stdout failed, point it at the null device so the exit's flush does not fail again."""
    try:
        null = os.open(os.devnull, os.O_WRONLY)
        os.dup2(null, sys.stdout.fileno())
        os.close(null)
    except (OSError, ValueError, AttributeError):
        pass


def _fail(message: str) -> NoReturn:
    click.echo(_encodable(f"evidence: error: {shown(message)}", sys.stderr), err=True)
    sys.exit(EXIT_USAGE)


def _interrupt_this_process_only() -> None:
    """Make Ctrl-C stop this process with KeyboardInterrupt, and be ignored by the processes it forks.

    The terminal sends Ctrl-C to every process of the command: reader children and
    batch workers inherit this handler and ignore it (their parent stops them), so
    none prints a traceback of its own.
    """
    if signal.getsignal(signal.SIGINT) is not signal.default_int_handler:
        return  # started with Ctrl-C ignored (in the background): keep it so
    main_pid = os.getpid()

    def interrupt(signum: int, frame: Any) -> None:
        if os.getpid() == main_pid:
            raise KeyboardInterrupt

    signal.signal(signal.SIGINT, interrupt)


#: Allocations between two collections of the youngest generation (Python's default: 700).
GC_ALLOCATIONS = 50_000


def _collect_garbage_less_often() -> None:
    """Let the cycle collector run every GC_ALLOCATIONS allocations, not every 700.

    Reading a page allocates a dict per glyph, compiling a pattern thousands of parse nodes,
    and unpickling a read document (sent by the reader child) one object per word: at the
    default threshold the collector ran some 1,600 times over a 500-page PDF, walking every
    object still alive, while almost nothing those steps allocate is a cycle. Reading it
    took 10 % less time this way, unpickling it a quarter; peak memory did not move. A
    process setting, so the command sets it and the library leaves it to its caller.
    """
    import gc

    gc.set_threshold(GC_ALLOCATIONS, 20, 20)


def run() -> None:
    """The console script: usage errors, Ctrl-C and failed output become one line on stderr.

    Exit 2 for usage errors and output that cannot be written, 130 for Ctrl-C.
    """
    try:
        _interrupt_this_process_only()
        _collect_garbage_less_often()
        code = main.main(standalone_mode=False)
    except KeyboardInterrupt:  # between commands' own handling (while Click parses the options)
        _stop("interrupted", EXIT_INTERRUPTED)
    except click.exceptions.Abort as exc:
        interrupted = isinstance(exc.__context__, KeyboardInterrupt)
        _stop("interrupted" if interrupted else "aborted", EXIT_INTERRUPTED if interrupted else EXIT_USAGE)
    except click.ClickException as exc:
        _stop(exc.format_message(), exc.exit_code)
    except BrokenPipeError:
        _abandon_stdout()
        _stop(_CLOSED, EXIT_USAGE)
    sys.exit(code if isinstance(code, int) else EXIT_OK)


def _stop(message: str, exit_code: int) -> NoReturn:
    """Write one error line on stderr (after the terminal's ^C, on a line of its own) and exit."""
    start = "\n" if exit_code == EXIT_INTERRUPTED and sys.stderr is not None and sys.stderr.isatty() else ""
    try:
        click.echo(_encodable(f"{start}evidence: error: {shown(message)}", sys.stderr), err=True)
    except OSError:
        pass
    sys.exit(exit_code)
