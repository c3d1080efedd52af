from __future__ import annotations

import json
from pathlib import Path

import pytest
from click.testing import CliRunner

from evidence.cli import main


def _bundle(tmp_path: Path) -> Path:
    folder = tmp_path / "order"
    folder.mkdir()
    (folder / "notes.txt").write_text("PROFORMA INVOICE No. PI-77\nTotal: USD 1,000.00\n", encoding="utf-8")
    (folder / "copy.txt").write_text("PROFORMA INVOICE No. PI-77\nTotal: USD 1,000.00\n", encoding="utf-8")
    (folder / "locked.xlsx").write_bytes(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\0" * 600)
    (folder / "empty.pdf").write_bytes(b"")
    return folder


def test_check_reports_file_findings_and_exit_code(tmp_path: Path) -> None:
    result = CliRunner().invoke(main, ["check", str(_bundle(tmp_path)), "--select", "F"])
    assert result.exit_code == 1  # F001 is major, and --fail-on defaults to major
    assert "F001 unreadable-file (2 findings)" in result.output  # one code seen twice: one heading
    assert "    - locked.xlsx is a password-protected Office file" in result.output
    assert "    - empty.pdf is empty" in result.output
    assert "F004 duplicate-file: 2 files have identical content: copy.txt, notes.txt" in result.output
    assert result.output.rstrip().endswith("verdict: weak")


def test_check_fail_on_blocker_and_ignore(tmp_path: Path) -> None:
    bundle = str(_bundle(tmp_path))
    assert CliRunner().invoke(main, ["check", bundle, "--select", "F", "--fail-on", "blocker"]).exit_code == 0
    result = CliRunner().invoke(main, ["check", bundle, "--select", "F", "--ignore", "F001", "--fail-on", "info"])
    assert "F001" not in result.output and result.exit_code == 1
    result = CliRunner().invoke(main, ["check", bundle, "--select", "F001", "--format", "json"])
    codes = {f["code"] for f in json.loads(result.output)["findings"]}
    assert codes == {"F001"}


def test_check_json_is_byte_identical_on_rerun(tmp_path: Path) -> None:
    bundle = str(_bundle(tmp_path))
    first = CliRunner().invoke(main, ["check", bundle, "--format", "json", "--as-of", "2026-11-23"]).output
    second = CliRunner().invoke(main, ["check", bundle, "--format", "json", "--as-of", "2026-11-23"]).output
    assert first == second and json.loads(first)["verdict"] == "blocked"


def test_check_missing_bundle_is_one_line_exit_2(tmp_path: Path) -> None:
    result = CliRunner().invoke(main, ["check", str(tmp_path / "missing")])
    assert result.exit_code == 2
    assert result.stderr.strip().count("\n") == 0
    assert "does not exist" in result.stderr


def test_check_leaves_the_bundle_untouched(tmp_path: Path) -> None:
    bundle = _bundle(tmp_path)
    before = {p.name: p.read_bytes() for p in bundle.iterdir()}
    CliRunner().invoke(main, ["check", str(bundle), "--output", str(tmp_path / "report.txt")])
    after = {p.name: p.read_bytes() for p in bundle.iterdir()}
    assert before == after
    assert (tmp_path / "report.txt").read_text(encoding="utf-8").startswith("evidence check:")


def test_extract_json_shows_lines_with_sources(tmp_path: Path) -> None:
    path = tmp_path / "pi.txt"
    path.write_text("PROFORMA INVOICE\nShip by: 2026-09-05\n", encoding="utf-8")
    data = json.loads(CliRunner().invoke(main, ["extract", str(path), "--format", "json"]).output)
    assert data["reader"] == "text"
    assert data["pages"][0]["lines"][1] == {"text": "Ship by: 2026-09-05", "source": {"path": "pi.txt", "line": 2}}


def test_extract_missing_file_is_one_line_error(tmp_path: Path) -> None:
    result = CliRunner().invoke(main, ["extract", str(tmp_path / "nope.pdf")])
    assert result.exit_code == 2 and "is not a file" in result.stderr


def test_rules_and_rule() -> None:
    listing = CliRunner().invoke(main, ["rules"]).output
    assert "F001  unreadable-file" in listing
    explained = CliRunner().invoke(main, ["rule", "f002"]).output
    assert explained.startswith("F002 no-text-layer (major)") and "Remedy" in explained
    unknown = CliRunner().invoke(main, ["rule", "Z999"])
    assert unknown.exit_code == 2 and "unknown rule code" in unknown.stderr


def test_unclassified_and_schema_findings(tmp_path: Path) -> None:
    folder = tmp_path / "order"
    folder.mkdir()
    (folder / "notes.txt").write_text("Remember to call the forwarder on Monday.\n", encoding="utf-8")
    (folder / "log.json").write_text('{"messages": [{"sender": "Li", "text": "hi"}]}', encoding="utf-8")
    data = json.loads(CliRunner().invoke(main, ["check", str(folder), "--format", "json"]).output)
    found = {(f["code"], f["sources"][0]["path"]) for f in data["findings"]}
    assert ("F003", "notes.txt") in found
    assert ("F005", "log.json") in found
    assert ("F003", "log.json") not in found


def test_check_text_lists_documents_and_facts_with_sources_and_conflicts() -> None:
    from tests.conftest import SAMPLES

    output = CliRunner().invoke(main, ["check", str(SAMPLES / "off-platform-payment")]).output
    assert "  proforma_invoice    BW-PI-26-0731.pdf  (BW-PI-26-0731)" in output
    assert "  quantity            5200  [BW-PI-26-0731.pdf, p.1, line 23 +2]" in output
    assert "but 5000 in Purchase Contract KES-PO-2608-112.pdf" in output


def test_coverage_limit_option_overrides_the_manifest() -> None:
    from tests.conftest import SAMPLES

    bundle = str(SAMPLES / "off-platform-payment")  # claim.toml: USD 30,000; order total USD 50,880
    raised = json.loads(CliRunner().invoke(main, ["check", bundle, "--format", "json", "--coverage-limit", "USD 20,000"]).output)
    e004 = [f["message"] for f in raised["findings"] if f["code"] == "E004"]
    assert len(e004) == 1 and "by USD 30,880.00" in e004[0]
    covered = json.loads(CliRunner().invoke(main, ["check", bundle, "--format", "json", "--coverage-limit", "60000 USD"]).output)
    assert not [f for f in covered["findings"] if f["code"] == "E004"]
    assert covered["facts"]["coverage_limit"]["value"] == {"amount": 60000, "currency": "USD"}
    bad = CliRunner().invoke(main, ["check", bundle, "--coverage-limit", "lots"])
    assert bad.exit_code == 2 and "not an amount with a currency" in bad.stderr


def test_console_script_usage_errors_are_one_line(monkeypatch: pytest.MonkeyPatch,
                                                  capsys: pytest.CaptureFixture[str]) -> None:
    from evidence.cli import run

    monkeypatch.setattr("sys.argv", ["evidence", "check", ".", "--claim", "refund"])
    with pytest.raises(SystemExit) as exited:
        run()
    assert exited.value.code == 2
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and err.startswith("evidence: error: Invalid value for '--claim'")


def test_an_unknown_code_in_select_is_a_usage_error_not_a_clean_bundle(tmp_path: Path) -> None:
    result = CliRunner().invoke(main, ["check", str(_bundle(tmp_path)), "--select", "ZZ9", "--no-cache"])
    assert result.exit_code == 2 and "unknown rule codes: ZZ9" in result.stderr


def test_an_output_into_a_missing_folder_is_one_line_exit_2(tmp_path: Path) -> None:
    bundle = _bundle(tmp_path)
    target = tmp_path / "no-such-folder" / "report.json"
    result = CliRunner().invoke(main, ["check", str(bundle), "--format", "json", "--output", str(target)])
    assert result.exit_code == 2
    assert result.stderr.count("\n") == 1 and "cannot write" in result.stderr


def test_check_tells_its_progress_file_by_file(tmp_path: Path) -> None:
    from evidence.check import check_bundle
    from tests.conftest import SAMPLES

    seen: list[tuple[int, int, str]] = []
    report = check_bundle(SAMPLES / "weak-quality-claim", on_file=lambda *told: seen.append(told))
    total = len(report.documents)
    assert [done for done, _, _ in seen] == list(range(1, total + 1))
    assert {count for _, count, _ in seen} == {total}
    assert [path for _, _, path in seen] == [doc.path for doc in report.documents]
