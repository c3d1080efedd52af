from __future__ import annotations

import json
from pathlib import Path

import pytest
from click.testing import CliRunner

from evidence.cli import main
from evidence.schemas import validate
from tests.conftest import SAMPLES

BUNDLES = ["strong-quality-claim", "weak-quality-claim", "off-platform-payment", "scanned-claim"]


@pytest.mark.parametrize("bundle", BUNDLES)
def test_check_json_validates_against_the_report_schema(bundle: str) -> None:
    result = CliRunner().invoke(main, ["check", str(SAMPLES / bundle), "--format", "json"])
    report = json.loads(result.output)
    assert validate(report, "report") == []
    assert {d["path"] for d in report["documents"]} == {
        p.relative_to(SAMPLES / bundle).as_posix() for p in (SAMPLES / bundle).rglob("*") if p.is_file()
    }
    assert all(fact["sources"] for fact in report["facts"].values())


def test_check_json_is_byte_identical_on_a_sample() -> None:
    args = ["check", str(SAMPLES / "off-platform-payment"), "--format", "json"]
    assert CliRunner().invoke(main, args).output == CliRunner().invoke(main, args).output


def test_report_schema_rejects_a_finding_without_source() -> None:
    report = {"schema_version": "1", "tool_version": "0", "bundle": "b", "claim_type": None, "verdict": "weak",
              "as_of": "2026-11-23", "documents": [], "facts": {}, "deadlines": {}, "timeline": [],
              "findings": [{"code": "E001", "name": "off-platform-payment", "severity": "blocker",
                            "message": "paid by T/T", "sources": [], "remedy": "...", "rests_on": []}]}
    assert [e.path for e in validate(report, "report")] == ["$.findings[0].sources"]


def test_a_zipped_bundle_gives_the_same_documents_and_facts(tmp_path: Path) -> None:
    import shutil

    from evidence import check_bundle

    folder = SAMPLES / "strong-quality-claim"
    archive = shutil.make_archive(str(tmp_path / "order"), "zip", root_dir=folder.parent, base_dir=folder.name)
    from_zip, from_folder = check_bundle(archive), check_bundle(folder)
    assert [(d.path, d.sha256) for d in from_zip.documents] == [(d.path, d.sha256) for d in from_folder.documents]
    assert {k: f.to_dict() for k, f in from_zip.facts.items()} == {k: f.to_dict() for k, f in from_folder.facts.items()}


def test_timeline_is_oldest_first_with_sources() -> None:
    from evidence import check_bundle

    report = check_bundle(SAMPLES / "off-platform-payment")
    dates = [event.date for event in report.timeline]
    assert dates == sorted(dates) and len(dates) >= 10
    events = {(e.date, e.event) for e in report.timeline}
    assert ("2026-08-04", "payment made") in events
    assert ("2026-10-09", "shipped on board") in events
    assert ("2026-08-02", "supplier asked for payment outside the platform") in events
