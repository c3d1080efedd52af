"""The rule catalog, checked rule by rule against RULES.md, its documentation and its cases.

Every registered code must be a code of ../shared/spec/RULES.md, carry the three
documentation headings, write its remedy once (in `@rule`, not in its docstring),
and have a case in tests/catalog_cases.py where its check fires and a realistic
one where it stays quiet. The cases run the rule's own check on a Context built
from a real bundle folder, so a rule without cases, or one that stops firing,
fails here.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from evidence.findings import Finding
from evidence.rules import load_all
from tests.catalog_cases import CASES, Case
from tests.traps import bundle_context
from tests.conftest import ROOT

RULES_MD = ROOT.parent / "shared" / "spec" / "RULES.md"
REGISTRY = load_all()
CODES = sorted(REGISTRY)
HEADINGS = ("What it checks:", "Why it matters:", "Remedy:")
SEVERITIES = {"blocker", "major", "minor", "info"}
#: A catalog row of RULES.md: "| E001 | off-platform-payment | blocker | ... |".
CATALOG_ROW = re.compile(r"^\|\s*([A-Z]\d{3})\s*\|\s*([a-z0-9-]+)\s*\|", re.MULTILINE)


def spec_codes() -> dict[str, str]:
    """Return RULES.md's codes and their names; skip when ../shared is not beside the checkout."""
    if not RULES_MD.is_file():
        pytest.skip("../shared/spec/RULES.md is not beside the checkout")
    return dict(CATALOG_ROW.findall(RULES_MD.read_text(encoding="utf-8")))


def run_case(code: str, case: Case, tmp_path: Path) -> list[Finding]:
    """Write the case's bundle, build the Context the rules see, and return what rule `code` finds in it."""
    ctx = bundle_context(case.files, tmp_path, as_of=case.as_of, claim=case.claim, manifest=case.manifest)
    return list(REGISTRY[code].check(ctx))


def test_the_registry_holds_the_whole_catalog() -> None:
    assert len(CODES) == 48
    assert not set(CASES) - set(CODES), "cases for codes no rule registers"


@pytest.mark.parametrize("code", CODES)
def test_code_and_name_are_in_rules_md(code: str) -> None:
    codes = spec_codes()
    assert code in codes, f"{code} is not in RULES.md"
    assert REGISTRY[code].name == codes[code]


@pytest.mark.parametrize("code", CODES)
def test_severity_and_summary(code: str) -> None:
    rule = REGISTRY[code]
    assert rule.severity in SEVERITIES
    assert rule.summary and "\n" not in rule.summary


@pytest.mark.parametrize("code", CODES)
def test_documentation_has_the_headings_in_order(code: str) -> None:
    doc = REGISTRY[code].doc
    places = [doc.find(heading) for heading in HEADINGS]
    assert -1 not in places, (code, dict(zip(HEADINGS, places)))
    assert places == sorted(places), code


@pytest.mark.parametrize("code", CODES)
def test_remedy_is_written_once(code: str) -> None:
    rule = REGISTRY[code]
    assert "Remedy" not in (rule.check.__doc__ or ""), f"{code}: the docstring repeats the remedy; keep it in @rule"
    # What `evidence rule CODE` prints under Remedy is, wrapping aside, what reports print.
    printed = rule.doc.rsplit("Remedy:", 1)[1]
    assert printed.split() == rule.remedy.split()


@pytest.mark.parametrize("code", CODES)
def test_rule_fires(code: str, tmp_path: Path) -> None:
    assert code in CASES, f"{code} has no cases in tests/catalog_cases.py"
    case = CASES[code].fires
    assert case.expect, f"{code}: a firing case names a phrase its message must carry"
    findings = run_case(code, case, tmp_path)
    assert findings, f"{code} did not fire"
    assert {f.code for f in findings} == {code}
    assert all(f.sources and f.remedy == REGISTRY[code].remedy for f in findings)
    assert any(case.expect in f.message for f in findings), [f.message for f in findings]


@pytest.mark.parametrize("code", CODES)
def test_rule_stays_quiet(code: str, tmp_path: Path) -> None:
    assert code in CASES, f"{code} has no cases in tests/catalog_cases.py"
    assert run_case(code, CASES[code].quiet, tmp_path) == []
