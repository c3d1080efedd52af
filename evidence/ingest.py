"""Turn an opened bundle into documents and records: from the cache, a budgeted child, or in-process.

This is the one place that decides how a file is read. With a cache, a file
whose SHA-256, path and tool version are known is not read at all. With a
budget (and fork available), a file is read in a child process that is stopped
if it hangs or runs out of memory. Without either, files are read in-process.
"""

from __future__ import annotations

from evidence.bundle import Bundle, BundleFile
from evidence.cache import Cache, pack
from evidence.classify import classify
from evidence.extract import extract
from evidence.isolation import Budget, isolation_available, read_in_child
from evidence.readers import read_file
from evidence.records import Document, Record


def ingest(bundle: Bundle, cache: Cache | None = None,
           budget: Budget | None = None) -> tuple[list[Document], list[Record]]:
    """Given an opened bundle, return a Document and a Record per file, in the bundle's order."""
    documents: list[Document] = []
    records: list[Record] = []
    for file in bundle.files:
        document, record = _from_cache(cache, file) or _read(file, cache, budget)
        documents.append(document)
        records.append(record)
    return documents, records


def _from_cache(cache: Cache | None, file: BundleFile) -> tuple[Document, Record] | None:
    return cache.get(file) if cache is not None else None


def _read(file: BundleFile, cache: Cache | None, budget: Budget | None) -> tuple[Document, Record]:
    """Read, classify, extract: the three steps every file goes through."""
    if budget is not None and isolation_available():
        document, complete = read_in_child(file, budget)
    else:
        document, complete = read_file(file), True
    kind = classify(document)
    record = extract(document, kind)
    if cache is not None and complete:
        cache.put(file, pack(document, record))
    return document, record
