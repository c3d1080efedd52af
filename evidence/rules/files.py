"""F: files and schemas. Rules about the bundle's files themselves."""

from __future__ import annotations

from dataclasses import replace

from collections import defaultdict
from collections.abc import Iterator
from typing import TYPE_CHECKING

from evidence.findings import Finding
from evidence.kinds import UNKNOWN
from evidence.records import Source
from evidence.rules.registry import RULES, rule

if TYPE_CHECKING:
    from evidence.rules.context import Context

#: A set of identical files is named up to this many in its message, and cited up to SOURCES_KEPT.
NAMES_SHOWN, SOURCES_KEPT = 10, 50


@rule(
    "F001",
    "unreadable-file",
    "major",
    "A file is empty, corrupt, encrypted, truncated, over a safety limit or unsupported.",
    "Replace the file with a readable copy (an unprotected PDF, the original photo) "
    "or remove it from the bundle; evidence the platform cannot open does not count.",
)
def unreadable_file(ctx: Context) -> Iterator[Finding]:
    """What it checks: every file of the bundle could be opened and read. The rest of the
    bundle is checked either way.

    Why it matters: a reviewer who cannot open a document ignores it; a claim
    resting on an encrypted PDF or a truncated photo rests on nothing.
    """
    yield from _bundle_problems(ctx, "F001")
    yield from _reader_problems(ctx, "F001")


@rule(
    "F002",
    "no-text-layer",
    "major",
    "A scanned PDF or document image has no text and none could be recognized.",
    "Ask the issuer for the original (text) PDF, or add a typed copy next to the scan.",
)
def no_text_layer(ctx: Context) -> Iterator[Finding]:
    """What it checks: every scanned page and image of a document (a scanned page, a screenshot,
    a photographed paper) has text the tool could read, from its text layer or by OCR. The
    readers report a page or image where OCR recognised nothing legible (with the mean
    confidence of what it saw) or where OCR is needed and its engine is not installed.

    Why it matters: nothing in a scan can be checked or quoted: dates, amounts
    and specifications in it are invisible to this check.
    """
    yield from _reader_problems(ctx, "F002")


@rule(
    "F003",
    "unclassified-document",
    "info",
    "A readable file could not be assigned a document kind.",
    "Check the file belongs to this order; if it is a PI, contract, inspection report, payment "
    "record or shipping document, provide a copy whose title says so.",
)
def unclassified_document(ctx: Context) -> Iterator[Finding]:
    """What it checks: every readable file is recognised as one kind of claim document.

    Why it matters: a document the tool cannot place is not used for any fact,
    and a reviewer may not know what it is meant to prove either. A claim.toml in a
    sub-folder is one: only the bundle root's claim.toml is the claim manifest.
    """
    yield from _reader_problems(ctx, "F003")
    for doc, record in zip(ctx.documents, ctx.records):
        if any(p.code == "F003" for p in record.problems):
            continue  # said above, with its own reason
        if doc.readable and not any(p.code == "F002" for p in doc.problems) and record.kind == UNKNOWN:
            yield RULES["F003"].finding(
                f"{doc.path} was read but is not recognisably a PI, contract, inspection report, "
                "payment record, shipping document, message log or photo",
                Source(doc.path),
            )


@rule(
    "F004",
    "duplicate-file",
    "info",
    "Two files have identical content.",
    "Keep one copy; duplicates make the evidence list harder to review.",
)
def duplicate_file(ctx: Context) -> Iterator[Finding]:
    """What it checks: no two files of the bundle have the same bytes (SHA-256).

    Why it matters: a reviewer reads each file once; duplicates add noise and
    can look like padding. A zip holding two members of one name is reported too:
    only the first is read, so the second cannot silently replace it.
    """
    yield from _bundle_problems(ctx, "F004")
    by_hash: dict[str, list[str]] = defaultdict(list)
    for doc in ctx.documents:
        by_hash[doc.sha256].append(doc.path)
    for paths in by_hash.values():
        if len(paths) > 1:
            names = ", ".join(paths[:NAMES_SHOWN]) + (f" and {len(paths) - NAMES_SHOWN:,} more" if len(paths) > NAMES_SHOWN else "")
            yield RULES["F004"].finding(
                f"{len(paths):,} files have identical content: {names}", *(Source(p) for p in paths[:SOURCES_KEPT])
            )


def _bundle_problems(ctx: Context, code: str) -> Iterator[Finding]:
    """Turn what opening the bundle recorded under `code` (refused or unlisted files) into findings."""
    for problem in ctx.bundle_problems:
        if problem.code == code:
            yield RULES[code].finding(f"{problem.source.path} {problem.reason}", problem.source)


def _reader_problems(ctx: Context, code: str) -> Iterator[Finding]:
    """Turn the problems readers (and extraction, for F005) recorded under `code` into findings of that rule."""
    for doc, record in zip(ctx.documents, ctx.records, strict=True):
        for problem in [*doc.problems, *record.problems]:
            if problem.code == code:
                found = RULES[code].finding(problem.reason, problem.source)
                yield replace(found, ceiling="minor") if problem.partial else found


@rule(
    "F005",
    "schema-violation",
    "major",
    "A document's extracted record, or the claim manifest, fails its JSON Schema.",
    "Correct the file so it matches the schema named in the message (`evidence schemas` lists "
    "them, `evidence validate FILE --schema NAME` checks one).",
)
def schema_violation(ctx: Context) -> Iterator[Finding]:
    """What it checks: structured inputs (JSON message logs, claim.toml, extracted records)
    match their JSON Schemas. The valid parts of the claim manifest are still used.

    Why it matters: a value of the wrong shape is ignored, so the fact it was
    meant to establish is missing from the check.
    """
    yield from _reader_problems(ctx, "F005")
