"""Run a check: open a bundle, read every file, apply the rules, return a Report."""

from __future__ import annotations

import os
from collections.abc import Iterable
from dataclasses import dataclass, field

from evidence.bundle import Bundle, Limits, open_bundle
from evidence.extract import extract
from evidence.extract.record import Record
from evidence.facts import Fact, records_to_facts
from evidence.findings import Finding, verdict
from evidence.readers import read_bundle
from evidence.records import Document, Problem
from evidence.rules import load_all


@dataclass
class Context:
    """What the rules see: the documents, their records, the merged facts, and what could not be read."""

    bundle: Bundle
    documents: list[Document]
    records: list[Record]
    facts: dict[str, Fact]

    @property
    def bundle_problems(self) -> list[Problem]:
        return self.bundle.problems


@dataclass
class Report:
    bundle: str
    documents: list[Document]
    records: list[Record] = field(default_factory=list)
    facts: dict[str, Fact] = field(default_factory=dict)
    findings: list[Finding] = field(default_factory=list)

    @property
    def verdict(self) -> str:
        return verdict(self.findings)


def check_bundle(
    location: str | os.PathLike[str],
    select: Iterable[str] | None = None,
    ignore: Iterable[str] = (),
    limits: Limits = Limits(),
) -> Report:
    """Given a bundle folder or .zip, return its Report; raise BundleError if it cannot be opened."""
    bundle = open_bundle(location, limits)
    documents = read_bundle(bundle)
    records = [extract(doc) for doc in documents]
    ctx = Context(bundle, documents, records, records_to_facts(records))
    rules = load_all()
    chosen = [r for code, r in sorted(rules.items()) if _selected(code, select, ignore)]
    findings = sorted((finding for r in chosen for finding in r.check(ctx)), key=Finding.sort_key)
    return Report(str(location), documents, records, ctx.facts, findings)


def _selected(code: str, select: Iterable[str] | None, ignore: Iterable[str]) -> bool:
    """Codes match by prefix, as in ruff: `F` selects every file rule."""
    if select is not None and not any(code.startswith(s) for s in select):
        return False
    return not any(code.startswith(i) for i in ignore)
