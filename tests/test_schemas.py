from __future__ import annotations

import datetime
import json
from pathlib import Path

from click.testing import CliRunner

from evidence.cli import main
from evidence.schemas import schema_names, validate
from tests.conftest import SAMPLES


def test_shipped_schemas_are_listed() -> None:
    assert {"claim", "message_log"} <= set(schema_names())
    output = CliRunner().invoke(main, ["schemas"]).output
    assert "claim                Claim manifest (claim.toml)" in output


def test_claim_errors_come_best_match_first_with_json_paths() -> None:
    errors = validate({"claim": "qualty", "coverage_limit": {"amount": -1, "currency": "usd"}}, "claim")
    assert [e.path for e in errors] == ["$.claim", "$.coverage_limit.currency", "$.coverage_limit.amount"]
    assert "'usd' is not an ISO 4217 code" in errors[1].message


def test_toml_dates_validate_as_dates() -> None:
    assert validate({"as_of": datetime.date(2026, 11, 23), "delivery_date": "2026-10-30"}, "claim") == []
    assert [e.path for e in validate({"as_of": "2026-02-30"}, "claim")] == ["$.as_of"]
    assert [e.path for e in validate({"channels": {"chat.txt": "telegram"}}, "claim")] == ["$.channels['chat.txt']"]


def test_validate_command_on_sample_manifests_and_a_bad_one(tmp_path: Path) -> None:
    for manifest in sorted(SAMPLES.glob("*/claim.toml")):
        result = CliRunner().invoke(main, ["validate", str(manifest), "--schema", "claim"])
        assert result.exit_code == 0, result.output
    bad = tmp_path / "claim.toml"
    bad.write_text('claim = "refund"\nunknown_key = 1\n', encoding="utf-8")
    result = CliRunner().invoke(main, ["validate", str(bad), "--schema", "claim"])
    assert result.exit_code == 1
    assert "$.claim: 'refund' is not one of" in result.output
    assert "Additional properties are not allowed ('unknown_key' was unexpected)" in result.output


def test_validate_json_message_log(tmp_path: Path) -> None:
    log = tmp_path / "log.json"
    log.write_text(json.dumps({"messages": [{"timestamp": "2026-09-01T10:00:00", "sender": "Li", "text": "hi"}]}))
    assert CliRunner().invoke(main, ["validate", str(log), "--schema", "message_log"]).exit_code == 0


def test_validate_unparseable_file_is_one_line_exit_2(tmp_path: Path) -> None:
    broken = tmp_path / "claim.toml"
    broken.write_text("x = \n", encoding="utf-8")
    result = CliRunner().invoke(main, ["validate", str(broken), "--schema", "claim"])
    assert result.exit_code == 2 and "is not valid TOML" in result.stderr
    assert len(result.stderr.strip().splitlines()) == 1
