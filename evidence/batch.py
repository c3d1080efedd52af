"""Check many bundles: every sub-folder or .zip of the given folders is one order's bundle.

One bundle that cannot be opened, that trips a bug, or whose worker process
dies, is reported for that bundle only; the batch goes on. Results come back in
a stable order (by path) whatever the number of workers. Each worker process
opens its own connection to the shared cache.

A sub-folder is an order's bundle only when it holds a document: a folder of
nothing but this tool's own JSON reports (samples/expected, samples/golden) or
of OS debris is not an order. Every bundle found gives exactly one row.

With a bundle budget (`bundle_seconds`), each bundle is checked in a forked
child whose CPU time is capped at that many seconds (so the outcome does not
depend on how busy the machine is); a bundle that runs past it, or whose child
still has not answered after a generous wall-clock backstop, is an error row.
"""

from __future__ import annotations

import json
import multiprocessing
import os
import signal
import sys
import threading
from collections.abc import Callable, Iterable, Iterator
from concurrent.futures import ProcessPoolExecutor
from concurrent.futures.process import BrokenProcessPool
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import Any

from evidence.bundle import DEBRIS_DIRS, is_debris
from evidence.cache import Cache
from evidence.check import check_bundle
from evidence.ingest import FileProgress
from evidence.errors import EvidenceError
from evidence.findings import SEVERITY_RANK
from evidence.isolation import Budget, stop_reader_children
from evidence.ocr import engine as ocr_engine
from evidence.readers import load_readers
from evidence.report import BatchRow, Report
from evidence.summary import top_actions
from evidence.wording import clipped

try:
    import resource
except ImportError:  # Windows
    resource = None  # type: ignore[assignment]

#: A JSON file larger than this is never taken for one of the tool's own reports.
REPORT_JSON_MAX_BYTES = 20 * 1024 * 1024


def find_bundles(folders: Iterable[Path]) -> list[Path]:
    """Given folders, return their sub-folders holding a document and their .zip files, sorted.

    Raise EvidenceError for a missing folder.
    """
    found: list[Path] = []
    for folder in folders:
        if not folder.is_dir():
            raise EvidenceError(f"{folder} is not a folder of bundles")
        found += [p for p in folder.iterdir() if (p.is_dir() and not p.name.startswith(".") and holds_documents(p))
                  or (p.is_file() and p.suffix.lower() == ".zip")]
    return sorted(found)


def holds_documents(folder: Path) -> bool:
    """True when `folder` (or a folder in it) holds a file that may be evidence.

    OS debris and the tool's own JSON reports are not evidence. A folder that
    cannot be listed counts as holding documents, so its check reports why.
    """
    unlistable: list[OSError] = []
    for current, dirs, names in os.walk(folder, onerror=unlistable.append, followlinks=False):
        if unlistable:
            return True
        dirs[:] = sorted(d for d in dirs if d.lower() not in DEBRIS_DIRS)
        for name in sorted(names):
            full = Path(current) / name
            if not is_debris(full.relative_to(folder).as_posix()) and not _is_report_json(full):
                return True
    return bool(unlistable)


def _is_report_json(path: Path) -> bool:
    """True for a JSON file that is one of this tool's reports (an object with a verdict and findings)."""
    if path.suffix.lower() != ".json":
        return False
    try:
        if path.stat().st_size > REPORT_JSON_MAX_BYTES:
            return False
        data = json.loads(path.read_bytes())
    except (OSError, ValueError):
        return False
    return isinstance(data, dict) and "verdict" in data and "findings" in data


@dataclass(frozen=True)
class BatchOptions:
    """How every bundle of a batch is checked. `cache_dir` None means no cache."""

    claim: str | None = None
    as_of: date | None = None
    cache_dir: Path | None = None
    budget: Budget | None = None
    bundle_seconds: float | None = None  # CPU seconds one bundle may take (None or 0: no limit)
    #: Given a bundle's Report, return its own page (the HTML report): kept in the row's `page`.
    render: Callable[[Report], str] | None = None


_CACHES: dict[Path, Cache] = {}  # one connection per process and folder


def _cache_for(folder: Path | None) -> Cache | None:
    if folder is None:
        return None
    if folder not in _CACHES:
        _CACHES[folder] = Cache(folder)
    return _CACHES[folder]


#: Told after each file a batch reads: the bundle, files done in it, files in it, the file's path.
BundleFileProgress = Callable[[str, int, int, str], None]
#: In a pool worker, where each file read is told (a queue the parent reads); None elsewhere.
_FILE_EVENTS: Any = None


def check_one(bundle: Path, options: BatchOptions = BatchOptions(),
              on_file: FileProgress | None = None) -> BatchRow:
    """Check one bundle and summarise it; any failure becomes an error row, never an exception."""
    on_file = on_file or _queued(bundle)
    if options.bundle_seconds and bundle_budget_available():
        return _check_budgeted(bundle, options, options.bundle_seconds, on_file)
    return _check_here(bundle, options, _cache_for(options.cache_dir), on_file)


def _queued(bundle: Path) -> FileProgress | None:
    """In a pool worker, a progress callback that sends each file read to the parent."""
    events = _FILE_EVENTS
    if events is None:
        return None
    return lambda done, total, path: events.put((str(bundle), done, total, path))


def bundle_budget_available() -> bool:
    """A bundle's CPU budget needs fork and resource limits (Linux)."""
    return resource is not None and sys.platform.startswith("linux")


#: Wall-clock backstop for a budgeted bundle: this many times its CPU budget, plus this many seconds.
WALL_FACTOR, WALL_EXTRA_SECONDS = 4, 30


def _check_budgeted(bundle: Path, options: BatchOptions, seconds: float,
                    on_file: FileProgress | None = None) -> BatchRow:
    """Check one bundle in a forked child whose CPU time is capped at `seconds`; an overrun is an error row."""
    context = multiprocessing.get_context("fork")
    receiver, sender = context.Pipe(duplex=False)
    child = context.Process(target=_serve_one, args=(sender, bundle, options, seconds, on_file))
    child.start()
    sender.close()
    killed = False
    try:
        if receiver.poll(seconds * WALL_FACTOR + WALL_EXTRA_SECONDS):
            row: BatchRow = receiver.recv()
            child.join(WALL_EXTRA_SECONDS)  # it exits at once once the row is sent
            return row
    except (EOFError, OSError):
        pass
    finally:
        receiver.close()
        killed = child.is_alive()
        if killed:
            child.kill()
        child.join()
    if killed or child.exitcode in (-signal.SIGXCPU, -signal.SIGKILL):
        return BatchRow(str(bundle), "error",
                        error=f"took more than its {seconds:g} s budget (--bundle-timeout) and was stopped")
    return BatchRow(str(bundle), "error", error="the process checking this bundle died "
                    f"(exit code {child.exitcode}: a crash in a library, or out of memory)")


def _serve_one(sender: Any, bundle: Path, options: BatchOptions, seconds: float,
               on_file: FileProgress | None) -> None:
    """Runs in the forked child: cap CPU time, check the bundle, send its row back."""
    try:
        soft = max(1, int(seconds + 0.999))
        resource.setrlimit(resource.RLIMIT_CPU, (soft, soft + 1))
        cache = Cache(options.cache_dir) if options.cache_dir is not None else None
        row = _check_here(bundle, options, cache, on_file)
        if cache is not None:
            cache.close()
        stop_reader_children()  # before the row: the parent may stop this process once it has it
        sender.send(row)
    finally:
        stop_reader_children()
        sender.close()
        os._exit(0)


def _check_here(bundle: Path, options: BatchOptions, cache: Cache | None,
                on_file: FileProgress | None = None) -> BatchRow:
    """Check one bundle in this process and summarise it."""
    try:
        report = check_bundle(bundle, claim=options.claim, as_of=options.as_of,
                              cache=cache, budget=options.budget, on_file=on_file)
    except EvidenceError as exc:
        return BatchRow(str(bundle), "error", error=str(exc))
    except Exception as exc:  # a bug on one bundle must not stop the others
        return BatchRow(str(bundle), "error", error=f"internal error ({type(exc).__name__}: {exc})")
    counts = {severity: sum(1 for f in report.findings if f.severity == severity) for severity in SEVERITY_RANK}
    top = top_actions(report.findings, 1)
    try:
        page = options.render(report) if options.render is not None else ""
    except Exception as exc:  # a writer's bug on one bundle must not stop the others
        return BatchRow(str(bundle), "error", error=f"internal error writing its report ({type(exc).__name__}: {exc})")
    return BatchRow(
        str(bundle), report.verdict, **counts,
        days_left=report.deadlines.get("days_left"),
        top_finding=clipped(f"{top[0].code} {top[0].message}", TOP_FINDING_CHARS) if top else "",
        page=page,
    )


def check_many(
    bundles: list[Path],
    options: BatchOptions = BatchOptions(),
    workers: int = 1,
    progress: Callable[[Iterator[BatchRow]], Iterator[BatchRow]] = lambda rows: rows,
    on_file: BundleFileProgress | None = None,
) -> list[BatchRow]:
    """Given bundle paths, return their rows in the same order, using `workers` processes.

    `progress` wraps the rows as they come (a bar per bundle); `on_file` is told of each
    file read, from whichever worker reads it (scans read by OCR take seconds each).
    """
    if workers <= 1:
        return list(progress(check_one(b, options, _for_bundle(on_file, b)) for b in bundles))
    load_readers()  # once here rather than once in each worker's reader child
    with _file_events(on_file) as events:
        return list(progress(_check_in_pool(bundles, options, workers, events)))


#: How much of the top finding a batch row keeps: a summary line, not the whole message.
TOP_FINDING_CHARS = 200


def _for_bundle(on_file: BundleFileProgress | None, bundle: Path) -> FileProgress | None:
    if on_file is None:
        return None
    return lambda done, total, path: on_file(str(bundle), done, total, path)


@contextmanager
def _file_events(on_file: BundleFileProgress | None) -> Iterator[Any]:
    """A queue the pool's workers tell each file read to, and a thread in this process telling `on_file`."""
    if on_file is None:
        yield None
        return
    context = _pool_context() or multiprocessing.get_context()
    events = context.Queue()
    listener = threading.Thread(target=_tell, args=(events, on_file), daemon=True)
    listener.start()
    try:
        yield events
    finally:
        events.put(None)
        listener.join(timeout=5)


def _tell(events: Any, on_file: BundleFileProgress) -> None:
    for event in iter(events.get, None):
        on_file(*event)


def _check_in_pool(bundles: list[Path], options: BatchOptions, workers: int,
                   events: Any = None) -> Iterator[BatchRow]:
    """Yield rows in order; when a worker dies, retry its bundle alone and go on with a new pool.

    A dead worker breaks the whole pool, so every unfinished bundle fails with it;
    the first of them is checked again in a pool of its own (an error row if it
    kills that one too), and the rest continue in a fresh pool.
    """
    with _pool(workers, events) as pool:
        futures = [pool.submit(check_one, bundle, options) for bundle in bundles]
        for index, future in enumerate(futures):
            try:
                yield future.result()
            except BrokenProcessPool:
                break
        else:
            return
    yield _check_alone(bundles[index], options, events)
    yield from _check_in_pool(bundles[index + 1:], options, workers, events) if index + 1 < len(bundles) else ()


def _check_alone(bundle: Path, options: BatchOptions, events: Any = None) -> BatchRow:
    with _pool(1, events) as pool:
        try:
            return pool.submit(check_one, bundle, options).result()
        except BrokenProcessPool:
            return BatchRow(str(bundle), "error", error="the worker process checking this bundle died "
                            "(a crash in a library, or out of memory)")


@contextmanager
def _pool(workers: int, events: Any = None) -> Iterator[ProcessPoolExecutor]:
    """A pool of `workers` processes that, on Ctrl-C (or when its rows are no longer wanted),
    stops its workers at once instead of waiting for the bundles they are checking."""
    with ProcessPoolExecutor(max_workers=workers, mp_context=_pool_context(), initializer=_start_worker,
                             initargs=(events, workers)) as pool:
        try:
            yield pool
        except BaseException:
            workers_now = list((getattr(pool, "_processes", None) or {}).values())  # public only in Python 3.14
            pool.shutdown(wait=False, cancel_futures=True)
            for worker in workers_now:
                worker.terminate()
            for worker in workers_now:
                worker.join()
            raise


def _start_worker(events: Any = None, workers: int = 1) -> None:
    """In each worker: Ctrl-C is the parent's to handle (it stops the pool); a worker that is
    stopped stops its own reader children first, so none is left behind; files read are told to
    `events`; OCR uses the worker's share of the cores."""
    global _FILE_EVENTS
    _FILE_EVENTS = events
    ocr_engine.share_cpus(workers)
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    signal.signal(signal.SIGTERM, _stop_worker)


def _stop_worker(signum: int, frame: Any) -> None:
    for child in multiprocessing.active_children():
        child.kill()
        child.join()
    os._exit(128 + signum)


def _pool_context() -> Any:
    """Fork on Linux: workers start at once with the modules already loaded."""
    return multiprocessing.get_context("fork") if sys.platform.startswith("linux") else None
