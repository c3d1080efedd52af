from __future__ import annotations

import json
from datetime import date
from pathlib import Path

import pytest
from click.testing import CliRunner

from evidence import Report, check_bundle
from evidence.cli import main
from evidence.errors import EvidenceError
from evidence.pipeline import load_pipeline, parse_pipeline
from tests.conftest import SAMPLES, expected_json, write_files

DELIVERY_NOTE = """DELIVERY NOTE
Delivery note No.: DN-2026-5512
Consignee: Northfield Outdoor Supply LLC
Goods: 125 cartons vacuum bottles
Delivered on: {delivered}
Received in good order, signed by M. Lowell
"""


def _bundle(tmp_path: Path, delivered: str | None, manifest: str = 'claim = "quality"\n') -> Path:
    files = {"claim.toml": manifest}
    if delivered:
        files["delivery_note.txt"] = DELIVERY_NOTE.format(delivered=delivered)
    return write_files(tmp_path / "order", files)


def _codes(report: Report) -> list[str]:
    return [f.code for f in report.findings if f.code.startswith("D")]


@pytest.mark.parametrize(
    ("delivered", "as_of", "codes", "days_left"),
    [
        ("05 November 2026", date(2026, 11, 23), [], 12),
        ("2026-10-25", date(2026, 11, 23), ["D002"], 1),
        ("2026-10-24", date(2026, 11, 23), ["D002"], 0),  # the last day is still inside the window
        ("2026-10-23", date(2026, 11, 23), ["D001"], -1),
        ("18/10/2026", date(2026, 11, 23), ["D001"], -6),
    ],
)
def test_claim_window_from_a_delivery_note(tmp_path: Path, delivered: str, as_of: date, codes: list[str],
                                           days_left: int) -> None:
    report = check_bundle(_bundle(tmp_path, delivered), as_of=as_of)
    assert _codes(report) == codes
    assert report.deadlines["days_left"] == days_left
    for finding in report.findings:
        if finding.code in {"D001", "D002"}:
            assert finding.sources[0].path == "delivery_note.txt" and finding.sources[0].line == 5


def test_delivery_date_unknown_for_quality_only(tmp_path: Path) -> None:
    quality = check_bundle(_bundle(tmp_path, None), as_of=date(2026, 11, 23))
    assert _codes(quality) == ["D003"] and quality.deadlines == {}
    late = check_bundle(_bundle(tmp_path / "late", None), claim="late-shipment", as_of=date(2026, 11, 23))
    assert _codes(late) == []


def test_manifest_sets_claim_as_of_and_delivery(tmp_path: Path) -> None:
    manifest = 'claim = "quality"\nas_of = 2026-11-20\ndelivery_date = 2026-10-21\n'
    report = check_bundle(_bundle(tmp_path, None, manifest))
    assert (report.claim_type, report.as_of) == ("quality", date(2026, 11, 20))
    assert report.deadlines == {"delivery_date": "2026-10-21", "claim_window_closes": "2026-11-20", "days_left": 0}
    assert _codes(report) == ["D002"]
    overridden = check_bundle(_bundle(tmp_path / "x", None, manifest), as_of=date(2026, 11, 21))
    assert _codes(overridden) == ["D001"]


def test_sample_deadlines_match_their_truth() -> None:
    for name in ["strong-quality-claim", "weak-quality-claim"]:
        truth = expected_json(name)["facts"]
        report = check_bundle(SAMPLES / name)
        assert report.deadlines["claim_window_closes"] == truth["claim_window_closes"]
        assert report.deadlines["days_left"] == truth["days_left"]


@pytest.mark.parametrize("claim", ["quality", "late-shipment", "non-delivery"])
def test_each_shipped_pipeline_matches_its_schema(claim: str) -> None:
    # load_pipeline trusts the shipped files (validating them would cost every run): this test checks them.
    from importlib import resources

    text = resources.files("evidence").joinpath(f"pipelines/{claim}.toml").read_text("utf-8")
    assert parse_pipeline(text, claim) == load_pipeline(claim)


def test_shipped_pipelines_load_and_name_known_rules() -> None:
    for claim in ["quality", "late-shipment", "non-delivery"]:
        pipeline = load_pipeline(claim)
        assert pipeline.claim == claim and pipeline.rules()
    assert "D001" not in {r.code for r in load_pipeline("late-shipment").rules()}


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ('claim = "quality"\ndescription = "x"\nselect = ["D", "Z9"]\n', "unknown rule codes: Z9"),
        ('claim = "quality"\ndescription = "x"\nselect = ["D"]\ncolour = "red"\n', "Additional properties"),
        ('claim = "quality"\ndescription = "x"\nselect = ["D"]\n[severity]\nD001 = "fatal"\n', "$.severity.D001"),
        ("claim = \n", "not valid TOML"),
    ],
)
def test_bad_pipelines_are_clear_errors(text: str, message: str) -> None:
    with pytest.raises(EvidenceError, match=message.replace("$", r"\$").replace(".", r"\.")):
        parse_pipeline(text, "my.toml")


def test_user_pipeline_overrides_severity(tmp_path: Path) -> None:
    own = tmp_path / "strict.toml"
    own.write_text('claim = "quality"\ndescription = "strict"\nselect = ["D"]\n[severity]\nD003 = "blocker"\n',
                   encoding="utf-8")
    bundle = _bundle(tmp_path, None)
    result = CliRunner().invoke(main, ["check", str(bundle), "--pipeline", str(own), "--as-of", "2026-11-23",
                                       "--format", "json"])
    data = json.loads(result.output)
    assert [(f["code"], f["severity"]) for f in data["findings"]] == [("D003", "blocker")]
    assert data["verdict"] == "blocked" and result.exit_code == 1


def test_cli_bad_as_of_and_unknown_pipeline_rule_are_usage_errors(tmp_path: Path) -> None:
    bundle = str(_bundle(tmp_path, None))
    assert CliRunner().invoke(main, ["check", bundle, "--as-of", "23/11/2026"]).exit_code == 2
    bad = tmp_path / "bad.toml"
    bad.write_text('claim = "quality"\ndescription = "x"\nselect = ["Q"]\n', encoding="utf-8")
    result = CliRunner().invoke(main, ["check", bundle, "--pipeline", str(bad)])
    assert result.exit_code == 2 and "unknown rule codes: Q" in result.stderr
