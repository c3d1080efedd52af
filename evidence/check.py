"""Run a check: open a bundle, read and extract every file, merge facts, apply the pipeline's rules."""

from __future__ import annotations

import os
from collections.abc import Iterable
from datetime import date, timedelta
from pathlib import Path
from typing import Any

from evidence.bundle import Limits, open_bundle
from evidence.cache import Cache
from evidence.deadlines import deadlines
from evidence.errors import EvidenceError
from evidence.facts import Fact, records_to_facts
from evidence.findings import Finding, at_severity, grouped
from evidence.ingest import FileProgress, ingest
from evidence.isolation import Budget
from evidence.kinds import CLAIM_MANIFEST
from evidence.pipeline import Pipeline, load_pipeline
from evidence.records import Record, Source
from evidence.report import Report
from evidence.rules.context import Context
from evidence.timeline import records_to_timeline

COMMAND_LINE = "(command line)"  # the source of a value given as an option, not by a document


def check_bundle(
    location: str | os.PathLike[str],
    claim: str | None = None,
    as_of: date | None = None,
    select: Iterable[str] | None = None,
    ignore: Iterable[str] = (),
    pipeline_file: Path | None = None,
    coverage_limit: dict[str, Any] | None = None,
    limits: Limits = Limits(),
    cache: Cache | None = None,
    budget: Budget | None = None,
    on_file: FileProgress | None = None,
) -> Report:
    """Given a bundle folder or .zip, return its Report; raise EvidenceError for usage errors.

    The claim type, as-of date and coverage limit ({"amount", "currency"}) come
    from the arguments, else the bundle's claim.toml, else quality and today.
    With a `cache`, files read before are not read again; with a `budget`, each
    file is read in a child process that is stopped if it overruns. `on_file` is told
    after each file is read (for a progress bar: scans read by OCR take seconds each).
    """
    bundle = open_bundle(location, limits)
    documents, records = ingest(bundle, cache, budget, on_file)
    manifest = next((r for r in records if r.kind == CLAIM_MANIFEST), None)
    claim_type = claim or (manifest.get("claim") if manifest else None) or "quality"
    pipeline = load_pipeline(path=pipeline_file) if pipeline_file else load_pipeline(claim_type)
    facts = records_to_facts(records)
    if coverage_limit is not None:
        facts["coverage_limit"] = Fact("coverage_limit", coverage_limit, [Source(COMMAND_LINE)])
    ctx = Context(bundle, documents, records, facts, pipeline.claim,
                  _usable_as_of(as_of or _manifest_date(manifest, "as_of") or date.today()))
    findings = grouped(sorted(_run_rules(ctx, pipeline, select, ignore), key=Finding.sort_key))
    return Report(str(location), documents, records, ctx.facts, findings, ctx.claim_type, ctx.as_of,
                  deadlines(ctx.fact_date("delivery_date"), ctx.as_of, ctx.manifest_date("dispute_opened")),
                  records_to_timeline(records))


def _run_rules(ctx: Context, pipeline: Pipeline, select: Iterable[str] | None, ignore: Iterable[str]) -> list[Finding]:
    """Given the context and pipeline, return every chosen rule's findings at the pipeline's severity."""
    chosen = pipeline.rules(list(select) if select is not None else None, list(ignore))
    return [at_severity(f, pipeline.severity_of(rule)) for rule in chosen for f in rule.check(ctx)]


#: The latest as-of date a check can count on from (the rules look ahead up to this many days).
LATEST_AS_OF = date.max - timedelta(days=366)


def _usable_as_of(as_of: date) -> date:
    """Given the as-of date, return it; raise EvidenceError when it is too late to count on from."""
    if as_of > LATEST_AS_OF:
        raise EvidenceError(f"the as-of date {as_of.isoformat()} is too late: it must be on or before "
                            f"{LATEST_AS_OF.isoformat()}")
    return as_of


def _manifest_date(manifest: Record | None, name: str) -> date | None:
    """Given the claim manifest (if any), return its date `name`; raise EvidenceError if it is not a date."""
    value = manifest.get(name) if manifest else None
    try:
        return date.fromisoformat(value) if isinstance(value, str) else None
    except ValueError:
        raise EvidenceError(f"claim.toml {name} is not a date: {value!r}") from None
