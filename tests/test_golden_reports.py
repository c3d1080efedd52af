"""Each sample bundle's JSON report is a golden file: any change to it must be read and accepted.

Regenerate after an intended change, then review the diff by reading it:

    EVIDENCE_UPDATE_GOLDEN=1 python -m pytest tests/test_golden_reports.py
    git diff samples/golden/
"""

from __future__ import annotations

import os

import pytest
from click.testing import CliRunner

from evidence.cli import main
from tests.conftest import ROOT, SAMPLES

BUNDLES = ["strong-quality-claim", "weak-quality-claim", "off-platform-payment", "scanned-claim"]
GOLDEN = SAMPLES / "golden"


@pytest.mark.parametrize("bundle", BUNDLES)
def test_sample_report_matches_its_golden_file(bundle: str, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(ROOT)  # the report names the bundle as given: keep it relative
    result = CliRunner().invoke(main, ["check", f"samples/{bundle}", "--format", "json", "--as-of", "2026-11-23"])
    golden = GOLDEN / f"{bundle}.json"
    if os.environ.get("EVIDENCE_UPDATE_GOLDEN"):
        golden.write_text(result.output, encoding="utf-8")
    assert result.output == golden.read_text(encoding="utf-8")
