"""Hostile and odd input: one bad file never costs the bundle (issue 12).

Every fixture is generated here, small, in tmp_path. Each case asserts the
outcome: a report with the right finding and exit code, or one clear line and
exit 2 when the bundle itself cannot be opened; never a traceback.
"""

from __future__ import annotations

import json
import os
import resource
import warnings
import zipfile
from datetime import date
from pathlib import Path

import pytest
from click.testing import CliRunner

import evidence.batch
import evidence.ingest
from evidence.batch import (
    BatchOptions,
    bundle_budget_available,
    check_many,
    find_bundles,
)
from evidence.bundle import Limits
from evidence.cache import Cache
from evidence.check import check_bundle
from evidence.cli import main
from tests.conftest import ROOT, SAMPLES

AS_OF = "2026-11-23"
PI_TEXT = "PROFORMA INVOICE\nPI No: HB-PI-1\nSupplier: Acme Co., Ltd.\nTotal: USD 1,000.00\n"
IS_ROOT = hasattr(os, "geteuid") and os.geteuid() == 0


def _bundle(tmp_path: Path, name: str = "order") -> Path:
    folder = tmp_path / name
    folder.mkdir()
    (folder / "claim.toml").write_text('claim = "late-shipment"\nas_of = "2026-11-23"\n', encoding="utf-8")
    (folder / "pi.txt").write_text(PI_TEXT, encoding="utf-8")
    (folder / "notes.txt").write_text("call the supplier on Monday\n", encoding="utf-8")
    return folder


def _check(bundle: Path, *options: str) -> tuple[int, dict, str]:  # type: ignore[type-arg]
    """Run `evidence check --format json` on a bundle; return exit code, the report and stderr."""
    result = CliRunner().invoke(main, ["check", str(bundle), "--format", "json", "--no-cache", *options])
    assert result.exception is None or isinstance(result.exception, SystemExit), result.exception
    assert "Traceback" not in result.output and "Traceback" not in result.stderr
    report = json.loads(result.stdout_bytes.decode("utf-8")) if result.exit_code != 2 else {}
    return result.exit_code, report, result.stderr


def _findings(report: dict, code: str) -> list[str]:  # type: ignore[type-arg]
    return [f["message"] for f in report["findings"] if f["code"] == code]


def _paths(report: dict) -> list[str]:  # type: ignore[type-arg]
    return [d["path"] for d in report["documents"]]


# --- 1. isolation per file, for the whole pipeline -----------------------------------------


@pytest.mark.parametrize("step", ["extract", "classify"])
def test_an_error_classifying_or_extracting_one_file_is_f001_for_it_and_the_rest_is_checked(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch, step: str) -> None:
    real = getattr(evidence.ingest, step)

    def broken(document, *args):  # type: ignore[no-untyped-def]
        if document.path == "notes.txt":
            raise ValueError("boom\nsecond line")
        return real(document, *args)

    monkeypatch.setattr(evidence.ingest, step, broken)
    code, report, _ = _check(_bundle(tmp_path), "--page-timeout", "0")
    assert code == 1
    (message,) = _findings(report, "F001")
    assert message.startswith("notes.txt ") and "ValueError: boom" in message and "\n" not in message
    assert report["claim_type"] == "late-shipment"  # the manifest was still read
    assert "pi.txt" in _paths(report)


def test_a_symlink_loop_is_a_finding_not_an_abort(tmp_path: Path) -> None:
    bundle = _bundle(tmp_path)
    os.symlink("loop-b", bundle / "loop-a")
    os.symlink("loop-a", bundle / "loop-b")
    os.symlink(".", bundle / "itself")
    code, report, _ = _check(bundle)
    assert code == 1
    assert sorted(m.split()[0] for m in _findings(report, "F001")) == ["loop-a", "loop-b"]
    assert "pi.txt" in _paths(report)


def test_a_name_that_is_not_utf8_is_kept_and_shown_escaped_in_valid_utf8_json(tmp_path: Path) -> None:
    bundle = _bundle(tmp_path)
    try:
        (bundle / os.fsdecode(b"bad\xffname.txt")).write_bytes(PI_TEXT.encode())
    except (OSError, UnicodeEncodeError):
        pytest.skip("this file system refuses names that are not UTF-8")
    code, report, _ = _check(bundle)  # _check decodes the output as strict UTF-8
    assert "bad\\xffname.txt" in _paths(report)
    assert code in (0, 1)
    # The cache keys it by its shown name, and the file is still read from its own bytes on disk.
    with_cache = check_bundle(bundle, cache=Cache(tmp_path / "cache"))
    again = check_bundle(bundle, cache=Cache(tmp_path / "cache"))
    shown = [d for d in again.documents if d.path == "bad\\xffname.txt"]
    assert shown and shown[0].readable and [d.sha256 for d in with_cache.documents] == [d.sha256 for d in again.documents]


def test_a_file_the_user_may_not_read_is_f001(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    bundle = _bundle(tmp_path)
    secret = bundle / "secret.txt"
    secret.write_text("x", encoding="utf-8")
    secret.chmod(0)
    if IS_ROOT:  # root reads anything: make the file system say no, as it does for a user
        real = Path.read_bytes

        def refuse(path: Path) -> bytes:
            if path.name == "secret.txt":
                raise PermissionError(13, "Permission denied", str(path))
            return real(path)

        monkeypatch.setattr(Path, "read_bytes", refuse)
    try:
        code, report, _ = _check(bundle)
    finally:
        secret.chmod(0o644)
    assert code == 1
    (message,) = _findings(report, "F001")
    assert message == "secret.txt cannot be read (Permission denied)"
    assert "pi.txt" in _paths(report)


def test_a_sub_folder_that_cannot_be_opened_is_a_finding(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    bundle = _bundle(tmp_path)
    (bundle / "locked").mkdir()
    (bundle / "locked" / "invoice.txt").write_text(PI_TEXT, encoding="utf-8")
    (bundle / "locked").chmod(0)
    if IS_ROOT:
        real = os.scandir

        def refuse(path):  # type: ignore[no-untyped-def]
            if os.fspath(path).endswith("locked"):
                raise PermissionError(13, "Permission denied", os.fspath(path))
            return real(path)

        monkeypatch.setattr(os, "scandir", refuse)
    try:
        code, report, _ = _check(bundle)
    finally:
        (bundle / "locked").chmod(0o755)
    assert code == 1
    (message,) = _findings(report, "F001")
    assert message.startswith("locked is a folder that cannot be opened (Permission denied)")
    assert "pi.txt" in _paths(report)


def test_a_dispute_opened_at_the_end_of_the_calendar_does_not_overflow(tmp_path: Path) -> None:
    bundle = _bundle(tmp_path)
    (bundle / "claim.toml").write_text(
        'claim = "quality"\nas_of = "2026-11-23"\ndispute_opened = "9999-12-31"\n'
        'delivery_date = "9999-12-30"\n', encoding="utf-8")
    code, report, _ = _check(bundle)
    assert code == 1
    assert report["deadlines"]["dispute_day_30"] == "9999-12-31"
    assert report["deadlines"]["claim_window_closes"] == "9999-12-31"


def test_an_as_of_date_at_the_end_of_the_calendar_is_one_clear_line(tmp_path: Path) -> None:
    code, _, stderr = _check(_bundle(tmp_path), "--as-of", "9999-12-31")
    assert code == 2
    assert stderr.count("\n") == 1 and "as-of date 9999-12-31 is too late" in stderr


def test_a_bundle_that_cannot_be_opened_is_one_clear_line(tmp_path: Path) -> None:
    broken = tmp_path / "broken.zip"
    broken.write_bytes(b"PK\x05\x06" + b"\0" * 10)
    code, _, stderr = _check(broken)
    assert code == 2 and stderr.startswith("evidence: error: ") and stderr.count("\n") == 1


# --- 2. one manifest ----------------------------------------------------------------------


def test_a_claim_toml_in_a_sub_folder_is_reported_and_ignored(tmp_path: Path) -> None:
    bundle = _bundle(tmp_path)
    (bundle / "old").mkdir()
    (bundle / "old" / "claim.toml").write_text('claim = "non-delivery"\nas_of = "2020-01-01"\n', encoding="utf-8")
    _, report, _ = _check(bundle)
    assert (report["claim_type"], report["as_of"]) == ("late-shipment", AS_OF)
    (message,) = [m for m in _findings(report, "F003") if "claim.toml" in m]
    assert message.startswith("old/claim.toml is a claim.toml in a sub-folder") and "ignored" in message
    # With no claim.toml at the root, the sub-folder's is still not the manifest.
    (bundle / "claim.toml").unlink()
    _, report, _ = _check(bundle, "--as-of", AS_OF)
    assert report["claim_type"] == "quality"
    assert len([m for m in _findings(report, "F003") if "claim.toml" in m]) == 1


def test_a_zip_member_name_given_twice_never_overrides_the_first(tmp_path: Path) -> None:
    archive = tmp_path / "order.zip"
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")  # zipfile warns about the duplicate name we are making
        with zipfile.ZipFile(archive, "w") as z:
            z.writestr("claim.toml", 'claim = "late-shipment"\nas_of = "2026-11-23"\n')
            z.writestr("pi.txt", PI_TEXT)
            z.writestr("claim.toml", 'claim = "non-delivery"\nas_of = "2020-01-01"\n')
    code, report, _ = _check(archive)
    assert code in (0, 1)
    assert (report["claim_type"], report["as_of"]) == ("late-shipment", AS_OF)
    (message,) = _findings(report, "F004")
    assert message.startswith("claim.toml is in the archive twice") and "ignored" in message
    assert _paths(report).count("claim.toml") == 1


# --- 3. memory: a zip bomb ---------------------------------------------------------------


def _bomb(path: Path, members: int, size: int) -> Path:
    zeros = b"\0" * size
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as z:
        for number in range(members):
            z.writestr(f"part{number}.txt", zeros)
    return path


def _peak_rss_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024  # kilobytes on Linux


def test_a_zip_bomb_is_capped_per_member_while_streaming(tmp_path: Path) -> None:
    archive = _bomb(tmp_path / "bomb.zip", 4, 64 * 1024 * 1024)
    assert archive.stat().st_size < 2 * 1024 * 1024
    before = _peak_rss_mb()
    report = check_bundle(archive, as_of=date(2026, 11, 23),
                          limits=Limits(max_file_bytes=4 * 1024 * 1024, max_total_bytes=8 * 1024 * 1024))
    assert _peak_rss_mb() - before < 64  # never a member whole: at most its limit and a chunk
    messages = [f.message for f in report.findings if f.code == "F001"]
    assert len(messages) == 4 and all("4 MiB limit per file" in m for m in messages)


def test_a_zip_past_its_total_limit_reads_what_it_may_and_says_so_once(tmp_path: Path) -> None:
    archive = _bomb(tmp_path / "many.zip", 5, 3 * 1024 * 1024)
    report = check_bundle(archive, as_of=date(2026, 11, 23),
                          limits=Limits(max_file_bytes=4 * 1024 * 1024, max_total_bytes=8 * 1024 * 1024))
    assert [d.path for d in report.documents] == ["part0.txt", "part1.txt"]
    (message,) = [f.message for f in report.findings if f.code == "F001" and "total" in f.message]
    assert message == ("part2.txt and 2 more files were not read: the archive unpacks past its 8 MiB total "
                       "limit (part3.txt, part4.txt)")


def test_the_bundle_limits_are_documented() -> None:
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    limits = Limits()
    assert f"{limits.max_file_bytes // 2**20} MiB" in readme and f"{limits.max_total_bytes // 2**30} GiB" in readme


# --- 4. batch -------------------------------------------------------------------------------


def test_folders_of_reports_only_are_not_orders(tmp_path: Path) -> None:
    orders = tmp_path / "orders"
    orders.mkdir()
    _bundle(orders, "a-order")
    (orders / "expected").mkdir()
    (orders / "expected" / "a-order.json").write_text('{"verdict": "ready", "findings": []}', encoding="utf-8")
    (orders / "empty").mkdir()
    (orders / "debris").mkdir()
    (orders / "debris" / ".DS_Store").write_bytes(b"\0")
    (orders / "chat-only").mkdir()
    (orders / "chat-only" / "messages.json").write_text('[{"from": "a", "text": "hi"}]', encoding="utf-8")
    assert [p.name for p in find_bundles([orders])] == ["a-order", "chat-only"]
    assert [p.name for p in find_bundles([SAMPLES])] == [
        "off-platform-payment", "scanned-claim", "strong-quality-claim", "weak-quality-claim"]


@pytest.mark.skipif(not bundle_budget_available(), reason="a bundle's CPU budget needs Linux")
def test_a_stuck_bundle_becomes_an_error_row_and_the_batch_goes_on(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    orders = tmp_path / "orders"
    orders.mkdir()
    for name in ("a-fine", "b-stuck", "c-fine"):
        _bundle(orders, name)
    real = evidence.batch.check_bundle

    def stuck_on_b(location, **options):  # type: ignore[no-untyped-def]
        while Path(location).name == "b-stuck":
            pass
        return real(location, **options)

    monkeypatch.setattr(evidence.batch, "check_bundle", stuck_on_b)
    rows = check_many(find_bundles([orders]), BatchOptions(as_of=date(2026, 11, 23), bundle_seconds=1))
    assert [(Path(r.bundle).name, r.verdict) for r in rows][1] == ("b-stuck", "error")
    assert [r.verdict == "error" for r in rows] == [False, True, False]
    assert "took more than its 1 s budget" in rows[1].error


def test_batch_bundle_timeout_option(tmp_path: Path) -> None:
    orders = tmp_path / "orders"
    orders.mkdir()
    _bundle(orders, "a-order")
    (orders / "golden").mkdir()
    (orders / "golden" / "a-order.json").write_text('{"verdict": "ready", "findings": []}', encoding="utf-8")
    result = CliRunner().invoke(main, ["batch", str(orders), "--format", "json", "--no-cache",
                                       "--bundle-timeout", "120"])
    assert result.exit_code in (0, 1), result.output
    rows = json.loads(result.output)["bundles"]
    assert [Path(r["bundle"]).name for r in rows] == ["a-order"] and rows[0]["verdict"] != "error"
    bad = CliRunner().invoke(main, ["batch", str(orders), "--bundle-timeout", "-1"])
    assert bad.exit_code == 2


def test_a_zip_member_whose_header_understates_its_size_is_not_trusted(tmp_path: Path) -> None:
    archive = _bomb(tmp_path / "liar.zip", 1, 32 * 1024 * 1024)
    data = bytearray(archive.read_bytes())
    central = data.index(b"PK\x01\x02")
    data[22:26] = (1000).to_bytes(4, "little")  # the local header's uncompressed size
    data[central + 24:central + 28] = (1000).to_bytes(4, "little")  # and the central directory's
    archive.write_bytes(bytes(data))
    before = _peak_rss_mb()
    report = check_bundle(archive, as_of=date(2026, 11, 23), limits=Limits(max_file_bytes=4 * 1024 * 1024))
    assert _peak_rss_mb() - before < 32
    assert report.documents == []
    (message,) = [f.message for f in report.findings if f.code == "F001"]
    assert message.startswith("part0.txt cannot be unpacked from the archive")


def test_a_bundle_folder_that_cannot_be_opened_is_one_clear_line(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    bundle = _bundle(tmp_path)
    real = os.scandir

    def refuse(path):  # type: ignore[no-untyped-def]
        if os.fspath(path) == os.fspath(bundle):
            raise PermissionError(13, "Permission denied", os.fspath(path))
        return real(path)

    monkeypatch.setattr(os, "scandir", refuse)
    code, _, stderr = _check(bundle)
    assert code == 2 and stderr == f"evidence: error: {bundle} cannot be opened (Permission denied)\n"


def test_thousands_of_identical_files_are_one_short_f004(tmp_path: Path) -> None:
    from evidence import check_bundle

    bundle = tmp_path / "order"
    bundle.mkdir()
    for n in range(300):
        (bundle / f"copy{n:03}.txt").write_text("the same note\n", encoding="utf-8")
    [same] = [f for f in check_bundle(bundle).findings if f.code == "F004"]
    assert same.message.startswith("300 files have identical content: copy000.txt")
    assert same.message.endswith("and 290 more") and len(same.sources) == 50
