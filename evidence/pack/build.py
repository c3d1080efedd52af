"""Pack a bundle: check it, then copy its files in a clean order with the reports and a manifest.

The files are copied byte for byte from the bundle, never moved or changed; each
copy is hashed as it is written and must match the SHA-256 the check recorded, so
what is packed is exactly what was checked. The reports name the bundle by its
folder or file name only: a pack goes to others, and the path on the buyer's
machine is none of theirs (it would also make the same bundle pack differently
from another working folder).
"""

from __future__ import annotations

import hashlib
import os
from dataclasses import dataclass, field, replace
from functools import partial
from datetime import date
from pathlib import Path
from typing import Any

from evidence.bundle import Bundle, BundleFile, Limits, open_bundle
from evidence.cache import Cache
from evidence.check import check_bundle
from evidence.errors import EvidenceError
from evidence.ingest import FileProgress
from evidence.isolation import Budget
from evidence.pack.manifest import (
    MANIFEST_NAME,
    PackedFile,
    Stopper,
    manifest_dict,
    manifest_to_json,
    packed_bytes,
)
from evidence.pack.naming import NamedFile, packed_names
from evidence.pack.paths import with_packed_paths
from evidence.pack.refusal import PackRefused, output_refusal, stoppers
from evidence.pack.zipwrite import atomic_output, deterministic_zip, member_info, member_time, write_stream
from evidence.report import Report
from evidence.version import __version__
from evidence.thumbnails import photo_thumbnails
from evidence.writers import REPORT_WRITERS
from evidence.writers.html import report_to_html

#: Report file in the pack -> the `check --format` writer that makes it.
REPORT_FILES: dict[str, str] = {"report.html": "html", "report.json": "json", "report.md": "markdown"}


@dataclass(frozen=True)
class PackResult:
    """A written pack: where, the check it was made from, its manifest and that manifest's SHA-256."""

    output: Path
    report: Report
    manifest: dict[str, Any]
    manifest_sha256: str
    forced_past: list[Stopper] = field(default_factory=list)


def pack_bundle(
    location: str | os.PathLike[str],
    output: str | os.PathLike[str],
    *,
    force: bool = False,
    claim: str | None = None,
    as_of: date | None = None,
    coverage_limit: dict[str, Any] | None = None,
    limits: Limits = Limits(),
    cache: Cache | None = None,
    budget: Budget | None = None,
    on_file: FileProgress | None = None,
) -> PackResult:
    """Given a bundle folder or .zip and the pack's path, check the bundle and write the pack.

    Raise EvidenceError (one line) for an output that cannot be written where asked, a bundle
    that cannot be opened, or one that changed while it was packed; raise PackRefused, naming
    the findings, when a blocker or an unreadable file stops the pack and `force` is not set.
    Nothing is written unless the whole pack is.
    """
    bundle_path, output_path = Path(location), Path(output)
    refusal = output_refusal(bundle_path, output_path)
    if refusal is not None:
        raise EvidenceError(refusal)
    report = check_bundle(location, claim=claim, as_of=as_of, coverage_limit=coverage_limit, limits=limits,
                          cache=cache, budget=budget, on_file=on_file)
    stopping = stoppers(report)
    if stopping and not force:
        raise PackRefused(stopping)
    return write_pack(report, output_path, forced_past=stopping, limits=limits)


def write_pack(report: Report, output: Path, forced_past: list[Stopper] | None = None,
               limits: Limits = Limits()) -> PackResult:
    """Given a check's report, write its bundle's pack to `output` (atomically); return what was written.

    Raise EvidenceError (one line) for an output it may not write, or a bundle that changed since the check.
    """
    refusal = output_refusal(Path(report.bundle), output)
    if refusal is not None:
        raise EvidenceError(refusal)
    bundle = open_bundle(report.bundle, limits)
    _same_files_as_checked(bundle, report)
    names = packed_names(_named(report), taken=[*REPORT_FILES, MANIFEST_NAME])
    reports = _reports(report, names)
    files = [PackedFile(names[doc.path], doc.size, doc.sha256, doc.path, record.kind)
             for doc, record in zip(report.documents, report.records)]
    checked = {doc.path for doc in report.documents}
    manifest = manifest_dict(
        tool_version=__version__, bundle=Path(report.bundle).name, as_of=report.as_of.isoformat(),
        claim_type=report.claim_type, verdict=report.verdict, files=files,
        reports=[packed_bytes(name, data) for name, data in reports.items()],
        left_out=[(p.source.path, p.reason) for p in bundle.problems if p.source.path not in checked],
        forced_past=forced_past or [],
    )
    manifest_bytes = manifest_to_json(manifest)
    in_memory = {**reports, MANIFEST_NAME: manifest_bytes}
    try:
        _write_zip(output, report.as_of, in_memory, {f.packed_path: f for f in files},
                   {f.path: f for f in bundle.files})
    except OSError as exc:  # a full disk, no permission, a file of the bundle gone unreadable
        raise EvidenceError(f"the pack was not written ({exc.filename or output}: {exc.strerror or exc}); "
                            "nothing was left behind") from None
    return PackResult(output, report, manifest, hashlib.sha256(manifest_bytes).hexdigest(), forced_past or [])


def _reports(report: Report, names: dict[str, str]) -> dict[str, bytes]:
    """Given the check's report and each file's packed path, return the pack's reports: they cite the
    packed paths, and show the photos (read from the bundle as checked) under them."""
    shown = with_packed_paths(replace(report, bundle=Path(report.bundle).name), names)
    thumbnails = {names.get(path, path): uri for path, uri in photo_thumbnails(report).items()}
    writers = {**REPORT_WRITERS, "html": partial(report_to_html, thumbnails=thumbnails)}
    return {name: writers[fmt](shown, None).encode("utf-8") for name, fmt in REPORT_FILES.items()}


def _write_zip(output: Path, as_of: date, in_memory: dict[str, bytes], copied: dict[str, PackedFile],
               sources: dict[str, BundleFile]) -> None:
    """Write the members in sorted order: those made in memory as they are, the bundle's files copied
    from their source and hashed as they go; raise EvidenceError if a copy is not what was checked."""
    when = member_time(as_of)
    with atomic_output(output) as handle, deterministic_zip(handle) as archive:
        for name in sorted([*in_memory, *copied]):
            if name in in_memory:
                archive.writestr(member_info(name, len(in_memory[name]), when), in_memory[name])
                continue
            entry = copied[name]
            assert entry.original is not None
            with sources[entry.original].open() as stream:
                size, sha256 = write_stream(archive, member_info(name, entry.size, when), stream)
            if (size, sha256) != (entry.size, entry.sha256):
                raise EvidenceError(f"{entry.original} changed after it was checked; nothing was written: "
                                    "pack again once the bundle is left alone")


def _named(report: Report) -> list[NamedFile]:
    """Given a report, return what naming needs of each document: path, kind, own number and date."""
    return [NamedFile(doc.path, record.kind, _text(record.get("document_number")), _text(record.get("document_date")))
            for doc, record in zip(report.documents, report.records)]


def _text(value: Any) -> str | None:
    return None if value is None else str(value)


def _same_files_as_checked(bundle: Bundle, report: Report) -> None:
    """Raise EvidenceError when the bundle opened for packing holds other files than the check read."""
    now = {f.path for f in bundle.files}
    checked = {doc.path for doc in report.documents}
    if now != checked:
        changed = sorted(now ^ checked)[0]
        raise EvidenceError(f"the bundle changed while it was packed ({changed} "
                            f"{'appeared' if changed in now else 'went away'}); nothing was written: pack again")
