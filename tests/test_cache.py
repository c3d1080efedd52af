"""The cache of read files: a hit reads nothing, a new tool version or new bytes read again."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest
from click.testing import CliRunner

import evidence
from evidence import cache as cache_module
from evidence.cache import Cache, tool_version
from evidence.check import check_bundle
from evidence.cli import main
from evidence.readers import READERS
from evidence.writers.json_report import report_to_json

AS_OF = date(2026, 11, 23)


@pytest.fixture()
def reads(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """Every file a reader is called on, in order."""
    calls: list[str] = []
    for filetype, (name, reader) in list(READERS.items()):
        def counting(data: bytes, doc, reader=reader) -> None:  # type: ignore[no-untyped-def]
            calls.append(doc.path)
            reader(data, doc)
        monkeypatch.setitem(READERS, filetype, (name, counting))
    return calls


def _json(bundle: Path, cache: Cache | None) -> str:
    return report_to_json(check_bundle(bundle, as_of=AS_OF, cache=cache))


def test_a_rerun_reads_nothing_and_reports_the_same(bundle: Path, tmp_path: Path, reads: list[str]) -> None:
    cache = Cache(tmp_path / "cache")
    first = _json(bundle, cache)
    files = len(reads)
    assert files >= 5 and cache.info().entries == files
    second = _json(bundle, cache)
    assert len(reads) == files, "a warm run called a reader"
    assert second == first == _json(bundle, None)


def test_a_new_tool_version_reads_again(bundle: Path, tmp_path: Path, reads: list[str]) -> None:
    _json(bundle, Cache(tmp_path / "cache", tool="1.0+aaaa"))
    files = len(reads)
    newer = Cache(tmp_path / "cache", tool="1.1+bbbb")
    _json(bundle, newer)
    assert len(reads) == 2 * files
    info = newer.info()
    assert (info.entries, info.current) == (2 * files, files)
    assert newer.clear(stale_only=True) == files and newer.info().entries == files


def test_the_tool_version_follows_the_release_number(monkeypatch: pytest.MonkeyPatch) -> None:
    before = tool_version()
    tool_version.cache_clear()
    monkeypatch.setattr(evidence.version, "__version__", "99.0")
    try:
        assert tool_version().startswith("99.0+") and tool_version() != before
    finally:
        tool_version.cache_clear()


def test_changed_bytes_are_read_again(bundle: Path, tmp_path: Path, reads: list[str]) -> None:
    cache = Cache(tmp_path / "cache")
    _json(bundle, cache)
    files = len(reads)
    chat = next(p for p in (bundle / "chat").iterdir() if p.is_file())
    chat.write_bytes(chat.read_bytes() + b"\n")
    _json(bundle, cache)
    assert reads[files:] == [chat.relative_to(bundle).as_posix()]


def test_a_broken_cache_file_is_skipped(bundle: Path, tmp_path: Path) -> None:
    folder = tmp_path / "cache"
    folder.mkdir()
    (folder / cache_module.CACHE_FILE).write_bytes(b"this is not a database" * 100)
    assert _json(bundle, Cache(folder)) == _json(bundle, None)


def test_cli_cache_info_clear_and_no_cache(bundle: Path, tmp_path: Path) -> None:
    env = {"EVIDENCE_CACHE_DIR": str(tmp_path / "cli-cache")}
    runner = CliRunner(env=env)
    runner.invoke(main, ["check", str(bundle), "--no-cache"])
    assert "entries:  0 " in runner.invoke(main, ["cache", "info"]).output
    runner.invoke(main, ["check", str(bundle)])
    info = runner.invoke(main, ["cache", "info"]).output
    assert str(tmp_path / "cli-cache") in info and "entries:  0 " not in info
    cleared = runner.invoke(main, ["cache", "clear"])
    assert cleared.exit_code == 0 and cleared.output.startswith("removed ")
    assert "entries:  0 " in runner.invoke(main, ["cache", "info"]).output


def test_cli_cache_info_says_when_the_cache_cannot_be_used(tmp_path: Path) -> None:
    blocker = tmp_path / "a-file"
    blocker.write_text("not a folder", encoding="utf-8")
    result = CliRunner(env={"EVIDENCE_CACHE_DIR": str(blocker / "cache")}).invoke(main, ["cache", "info"])
    assert result.exit_code == 2 and "cannot be opened or created" in result.stderr
