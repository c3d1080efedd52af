"""Turn an opened bundle into documents and records: from the cache, a budgeted child, or in-process.

This is the one place that decides how a file is read. With a cache, a file
whose SHA-256, path and tool version are known is not read at all. With a
budget (and fork available), a file is read in a child process that is stopped
if it hangs or runs out of memory. Without either, files are read in-process.

One file never costs the bundle: any exception while reading, classifying or
extracting a file makes that file an F001 problem with a one-line reason, and
the next file is read. A cache that fails on a file is skipped for it.

Only the bundle root's claim.toml is the claim manifest: one in a sub-folder is
kept as an unclassified document with an F003 problem that says it was ignored.
"""

from __future__ import annotations

import contextlib
from collections.abc import Callable
from pathlib import PurePosixPath

from evidence.bundle import Bundle, BundleFile
from evidence.cache import Cache, pack
from evidence.classify import Classification, classify
from evidence.extract import extract
from evidence.isolation import Budget, isolation_available, read_in_child
from evidence.kinds import CLAIM_MANIFEST, UNKNOWN
from evidence.readers import progress, read_file
from evidence.records import Document, Problem, Record, Source

MANIFEST_NAME = "claim.toml"


#: Told after each file: how many are done, how many there are, and the path of the one just done.
FileProgress = Callable[[int, int, str], None]


def ingest(bundle: Bundle, cache: Cache | None = None, budget: Budget | None = None,
           on_file: FileProgress | None = None) -> tuple[list[Document], list[Record]]:
    """Given an opened bundle, return a Document and a Record per file, in the bundle's order."""
    documents: list[Document] = []
    records: list[Record] = []
    for file in bundle.files:
        try:
            document, record = _from_cache(cache, file) or _read(file, cache, budget)
        except Exception as exc:  # noqa: BLE001 - a bug on one file must not stop the bundle
            document, record = _failed(file, exc)
        documents.append(document)
        records.append(record)
        if on_file is not None:
            on_file(len(documents), len(bundle.files), file.path)
    return documents, records


def _from_cache(cache: Cache | None, file: BundleFile) -> tuple[Document, Record] | None:
    if cache is None:
        return None
    try:
        return cache.get(file)
    except Exception:  # noqa: BLE001 - a cache that cannot hold this file: read it again
        return None


def _read(file: BundleFile, cache: Cache | None, budget: Budget | None) -> tuple[Document, Record]:
    """Read, classify, extract: the three steps every file goes through, in the budgeted child when
    there is a budget (its time and memory then cover extraction too)."""
    if budget is not None and isolation_available():
        result, complete = read_in_child(file, budget, job=process)
        # A child stopped or dead returns the failed read's Document alone.
        document, record = result if complete else (result, Record(kind=UNKNOWN, path=file.path))
    else:
        (document, record), complete = process(file), True
    if cache is not None and complete:
        with contextlib.suppress(Exception):  # not caching a file only costs reading it again
            cache.put(file, pack(document, record))
    return document, record


def process(file: BundleFile) -> tuple[Document, Record]:
    """Given a bundle file, return its Document and its Record: read, classified, extracted."""
    document = read_file(file)
    progress.extracting()
    kind = classify(document)
    if kind.kind == CLAIM_MANIFEST and not is_root_manifest(file.path):
        kind = Classification(UNKNOWN, 0.0, "a claim.toml outside the bundle's root")
        record = extract(document, kind)
        record.problems.append(_ignored_manifest(file.path))
    else:
        record = extract(document, kind)
    return document, record


def is_root_manifest(path: str) -> bool:
    """True for the one file that is the claim manifest: claim.toml at the bundle's root."""
    return PurePosixPath(path).name.lower() == MANIFEST_NAME and "/" not in path.strip("/")


def _ignored_manifest(path: str) -> Problem:
    return Problem("F003", f"{path} is a claim.toml in a sub-folder: only the claim.toml at the bundle's root "
                           "is the claim manifest, so this one was ignored", Source(path))


def _failed(file: BundleFile, exc: Exception) -> tuple[Document, Record]:
    """Given a file whose reading, classifying or extracting raised, return it as an F001 problem."""
    document = Document(path=file.path, sha256=file.sha256, size=file.size, filetype=file.filetype, reader="none")
    lines = str(exc).strip().splitlines()
    reason = f"{type(exc).__name__}: {lines[0]}"[:200] if lines else type(exc).__name__
    document.add_problem("F001", f"{file.path} could not be read or its content could not be extracted ({reason})")
    return document, Record(kind=UNKNOWN, path=file.path)
