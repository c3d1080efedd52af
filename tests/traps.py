"""The traps suite's harness: realistic bundles on which a rule must not raise its finding.

A trap is a bundle a careful reviewer would not flag for the rule: everyday chat that only
sounds like a complaint, a tax line that explains a difference, a contact person beside the
supplier's name. Each area's file (tests/test_traps_<area>.py) lists at least three traps per
rule in a table, beside the firing cases of tests/catalog_cases.py.

A trap runs the rule as `evidence check` does: the rule's own check on the bundle, at the
severity its claim type's pipeline gives it, settled by how sure its values are
(`findings.at_severity`). Most traps must give no finding of the code at all; a trap whose
value the document leaves in doubt (`unsure=True`) may give an info finding that says what
could not be verified, never an accusation.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date
from pathlib import Path

from evidence.bundle import open_bundle
from evidence.facts import records_to_facts
from evidence.findings import Finding, at_severity
from evidence.ingest import ingest
from evidence.pipeline import load_pipeline
from evidence.rules import load_all
from evidence.rules.context import Context

AS_OF = date(2026, 11, 23)
MANIFEST = 'claim = "quality"\n'
REGISTRY = load_all()


@dataclass(frozen=True)
class Trap:
    """A bundle on which rule `code` must stay quiet; `why` says what a reviewer sees in it."""

    code: str
    why: str
    files: Mapping[str, str | bytes]
    unsure: bool = False
    as_of: date = AS_OF
    claim: str = "quality"
    manifest: str = MANIFEST

    @property
    def id(self) -> str:
        return f"{self.code}: {self.why}"


def bundle_context(files: Mapping[str, str | bytes], tmp_path: Path, *, as_of: date = AS_OF,
                   claim: str = "quality", manifest: str = MANIFEST) -> Context:
    """Write the bundle (claim.toml and `files`) and return the Context the rules see in it."""
    folder = tmp_path / "bundle"
    for name, content in {"claim.toml": manifest, **files}.items():
        path = folder / name
        path.parent.mkdir(parents=True, exist_ok=True)
        if isinstance(content, bytes):
            path.write_bytes(content)
        else:
            path.write_text(content, encoding="utf-8")
    bundle = open_bundle(folder)
    documents, records = ingest(bundle)
    return Context(bundle, documents, records, records_to_facts(records), claim, as_of)


def findings(code: str, files: Mapping[str, str | bytes], tmp_path: Path, *, as_of: date = AS_OF,
             claim: str = "quality", manifest: str = MANIFEST) -> list[Finding]:
    """Write the bundle and return what rule `code` finds in it, at the severity `check` would report."""
    ctx = bundle_context(files, tmp_path, as_of=as_of, claim=claim, manifest=manifest)
    severity = load_pipeline(claim).severity_of(REGISTRY[code])
    return [at_severity(found, severity) for found in REGISTRY[code].check(ctx)]


def assert_quiet(trap: Trap, tmp_path: Path) -> None:
    """Assert the trap gives no finding of its code (or, when `unsure`, info findings only)."""
    found = findings(trap.code, trap.files, tmp_path, as_of=trap.as_of, claim=trap.claim, manifest=trap.manifest)
    raised = [f for f in found if not (trap.unsure and f.severity == "info")]
    assert raised == [], f"{trap.id}: {[f.severity + ' ' + f.message for f in raised]}"


def assert_covered(traps: list[Trap], codes: list[str], at_least: int = 3) -> None:
    """Assert every code of an area has at least `at_least` traps."""
    short = {code: n for code in codes if (n := sum(t.code == code for t in traps)) < at_least}
    assert short == {}, f"codes with fewer than {at_least} traps: {short}"
