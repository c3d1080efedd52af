"""Check many bundles: every sub-folder or .zip of the given folders is one order's bundle.

One bundle that cannot be opened, that trips a bug, or whose worker process
dies, is reported for that bundle only; the batch goes on. Results come back in
a stable order (by path) whatever the number of workers. Each worker process
opens its own connection to the shared cache.
"""

from __future__ import annotations

import multiprocessing
import os
import signal
import sys
from collections.abc import Callable, Iterable, Iterator
from concurrent.futures import ProcessPoolExecutor
from concurrent.futures.process import BrokenProcessPool
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import Any

from evidence.cache import Cache
from evidence.check import check_bundle
from evidence.errors import EvidenceError
from evidence.findings import SEVERITY_RANK
from evidence.isolation import Budget
from evidence.report import BatchRow


def find_bundles(folders: Iterable[Path]) -> list[Path]:
    """Given folders, return their sub-folders and .zip files, sorted; raise EvidenceError for a missing folder."""
    found: list[Path] = []
    for folder in folders:
        if not folder.is_dir():
            raise EvidenceError(f"{folder} is not a folder of bundles")
        found += [p for p in folder.iterdir() if (p.is_dir() and not p.name.startswith(".")) or
                  (p.is_file() and p.suffix.lower() == ".zip")]
    return sorted(found)


@dataclass(frozen=True)
class BatchOptions:
    """How every bundle of a batch is checked. `cache_dir` None means no cache."""

    claim: str | None = None
    as_of: date | None = None
    cache_dir: Path | None = None
    budget: Budget | None = None


_CACHES: dict[Path, Cache] = {}  # one connection per process and folder


def _cache_for(folder: Path | None) -> Cache | None:
    if folder is None:
        return None
    if folder not in _CACHES:
        _CACHES[folder] = Cache(folder)
    return _CACHES[folder]


def check_one(bundle: Path, options: BatchOptions = BatchOptions()) -> BatchRow:
    """Check one bundle and summarise it; any failure becomes an error row, never an exception."""
    try:
        report = check_bundle(bundle, claim=options.claim, as_of=options.as_of,
                              cache=_cache_for(options.cache_dir), budget=options.budget)
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
    options: BatchOptions = BatchOptions(),
    workers: int = 1,
    progress: Callable[[Iterator[BatchRow]], Iterator[BatchRow]] = lambda rows: rows,
) -> list[BatchRow]:
    """Given bundle paths, return their rows in the same order, using `workers` processes."""
    if workers <= 1:
        return list(progress(check_one(b, options) for b in bundles))
    return list(progress(_check_in_pool(bundles, options, workers)))


def _check_in_pool(bundles: list[Path], options: BatchOptions, workers: int) -> Iterator[BatchRow]:
    """Yield rows in order; when a worker dies, retry its bundle alone and go on with a new pool.

    A dead worker breaks the whole pool, so every unfinished bundle fails with it;
    the first of them is checked again in a pool of its own (an error row if it
    kills that one too), and the rest continue in a fresh pool.
    """
    with _pool(workers) as pool:
        futures = [pool.submit(check_one, bundle, options) for bundle in bundles]
        for index, future in enumerate(futures):
            try:
                yield future.result()
            except BrokenProcessPool:
                break
        else:
            return
    yield _check_alone(bundles[index], options)
    yield from _check_in_pool(bundles[index + 1:], options, workers) if index + 1 < len(bundles) else ()


def _check_alone(bundle: Path, options: BatchOptions) -> BatchRow:
    with _pool(1) as pool:
        try:
            return pool.submit(check_one, bundle, options).result()
        except BrokenProcessPool:
            return BatchRow(str(bundle), "error", error="the worker process checking this bundle died "
                            "(a crash in a library, or out of memory)")


@contextmanager
def _pool(workers: int) -> Iterator[ProcessPoolExecutor]:
    """A pool of `workers` processes that, on Ctrl-C (or when its rows are no longer wanted),
    stops its workers at once instead of waiting for the bundles they are checking."""
    with ProcessPoolExecutor(max_workers=workers, mp_context=_pool_context(), initializer=_start_worker) as pool:
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


def _start_worker() -> None:
    """In each worker: Ctrl-C is the parent's to handle (it stops the pool); a worker that is
    stopped stops its own reader children first, so none is left behind."""
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
