"""Reading in a child with a budget: a hanging, bloating or crashing file is F001, the rest is read."""

from __future__ import annotations

import os
import shutil
import signal
import time
from datetime import date
from pathlib import Path

import pytest

from evidence import filetypes
from evidence.batch import BatchOptions, check_many
from evidence.bundle import describe
from evidence.cache import Cache
from evidence.check import check_bundle
from evidence.isolation import Budget, isolation_available, read_in_child, stop_reader_children
from evidence.readers import READERS, progress
from evidence.records import Document
from tests.conftest import SAMPLES

pytestmark = pytest.mark.skipif(not isolation_available(), reason="reading in a forked child needs Linux")

TEXT = filetypes.TEXT
REAL_TEXT_READER = READERS[TEXT][1]


@pytest.fixture(autouse=True)
def _fresh_reader_children():
    """Reader children are forked once and reused: fork new ones that see each test's patched reader."""
    stop_reader_children()
    yield
    stop_reader_children()


def _with_text_reader(monkeypatch: pytest.MonkeyPatch, reader) -> None:  # type: ignore[no-untyped-def]
    monkeypatch.setitem(READERS, TEXT, ("text", reader))
    stop_reader_children()


def _hangs(data: bytes, doc: Document) -> None:
    if doc.path != "notes.txt":
        return REAL_TEXT_READER(data, doc)
    time.sleep(20)
    doc.add_problem("F002", "finished after all")


def test_a_hanging_file_is_stopped_and_becomes_f001(monkeypatch: pytest.MonkeyPatch) -> None:
    _with_text_reader(monkeypatch, _hangs)
    document, complete = read_in_child(describe("notes.txt", b"hello"), Budget(seconds_per_page=0.5))
    assert not complete
    assert [p.code for p in document.problems] == ["F001"]
    assert "took longer than 0.5 s on its first page" in document.problems[0].reason


def _spins(seconds: float) -> None:
    end = time.process_time() + seconds
    while time.process_time() < end:
        pass


def _one_ocr_pass(data: bytes, doc: Document) -> None:
    progress.ocr_pass()
    _spins(1.2)  # more than a page's 0.5 CPU seconds, within an OCR pass's four pages
    doc.add_problem("F003", "read after a long OCR pass")


def _endless_ocr_pass(data: bytes, doc: Document) -> None:
    progress.ocr_pass()
    _spins(30)


def test_an_ocr_pass_has_a_few_pages_budget_and_no_more(monkeypatch: pytest.MonkeyPatch) -> None:
    _with_text_reader(monkeypatch, _one_ocr_pass)
    document, complete = read_in_child(describe("scan.txt", b"x"), Budget(seconds_per_page=0.5))
    assert complete and [p.code for p in document.problems] == ["F003"]
    _with_text_reader(monkeypatch, _endless_ocr_pass)
    document, complete = read_in_child(describe("scan.txt", b"x"), Budget(seconds_per_page=0.5))
    assert not complete
    assert "took longer than 2 s on its first page reading it by OCR" in document.problems[0].reason


def _slow_pages(data: bytes, doc: Document) -> None:
    for number in range(1, 5):
        time.sleep(0.3)
        progress.page_read(number)


def test_a_long_healthy_file_gets_its_budget_per_page(monkeypatch: pytest.MonkeyPatch) -> None:
    _with_text_reader(monkeypatch, _slow_pages)
    document, complete = read_in_child(describe("notes.txt", b"hello"), Budget(seconds_per_page=1.0))
    assert complete and document.problems == []


def _bloats(data: bytes, doc: Document) -> None:
    hoard = [bytearray(64 * 1024 * 1024) for _ in range(64)]  # 4 GiB
    doc.add_problem("F002", f"held {len(hoard)} blocks")


def test_a_file_that_eats_memory_is_capped(monkeypatch: pytest.MonkeyPatch) -> None:
    _with_text_reader(monkeypatch, _bloats)
    document, _ = read_in_child(describe("notes.txt", b"hello"), Budget(seconds_per_page=30, memory_mb=256))
    assert [p.code for p in document.problems] == ["F001"]
    assert "memory" in document.problems[0].reason


def _crashes(data: bytes, doc: Document) -> None:
    if doc.path == "notes.txt":
        os.kill(os.getpid(), signal.SIGSEGV)
    REAL_TEXT_READER(data, doc)


def test_a_reader_crash_is_f001_for_that_file_only(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    bundle = tmp_path / "bundle"
    shutil.copytree(SAMPLES / "weak-quality-claim", bundle)
    (bundle / "notes.txt").write_text("supplier notes", encoding="utf-8")
    _with_text_reader(monkeypatch, _crashes)
    report = check_bundle(bundle, as_of=date(2026, 11, 23), budget=Budget(seconds_per_page=10),
                          cache=Cache(tmp_path / "cache"))
    f001 = [f for f in report.findings if f.code == "F001"]
    assert len(f001) == 1 and "notes.txt" in f001[0].message and "signal 11" in f001[0].message
    assert report.facts.get("order_number") is not None, "the rest of the bundle was not read"
    assert Cache(tmp_path / "cache").info().entries == len(report.documents) - 1, "a crash was cached"


def test_a_hanging_document_in_a_batch_fails_only_its_file(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    orders = tmp_path / "orders"
    # Without the photos: a half-second budget is for the hang to be found quickly, and on a busy
    # machine it could also stop the OCR engine loading for a photo, in one bundle and not the other.
    no_photos = shutil.ignore_patterns("*.jpg")
    shutil.copytree(SAMPLES / "weak-quality-claim", orders / "a-hangs", ignore=no_photos)
    (orders / "a-hangs" / "notes.txt").write_text("supplier notes", encoding="utf-8")
    shutil.copytree(SAMPLES / "weak-quality-claim", orders / "b-fine", ignore=no_photos)
    _with_text_reader(monkeypatch, _hangs)
    options = BatchOptions(as_of=date(2026, 11, 23), budget=Budget(seconds_per_page=0.5))
    hangs, fine = check_many(sorted(orders.iterdir()), options, workers=2)
    assert hangs.verdict == fine.verdict == "blocked"
    assert (hangs.blocker, hangs.major, hangs.minor) == (fine.blocker, fine.major + 1, fine.minor)


def _dies_on_crash_bundle(bundle, **kwargs):  # type: ignore[no-untyped-def]
    if Path(bundle).name == "b-crash":
        os._exit(3)
    return real_check_bundle(bundle, **kwargs)


real_check_bundle = check_bundle


def test_a_worker_that_dies_fails_only_its_bundle(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    orders = tmp_path / "orders"
    for name in ("a-fine", "b-crash", "c-fine", "d-fine"):
        shutil.copytree(SAMPLES / "weak-quality-claim", orders / name)
    monkeypatch.setattr("evidence.batch.check_bundle", _dies_on_crash_bundle)
    rows = check_many(sorted(orders.iterdir()), BatchOptions(as_of=date(2026, 11, 23)), workers=2)
    assert [(Path(r.bundle).name, r.verdict) for r in rows] == [
        ("a-fine", "blocked"), ("b-crash", "error"), ("c-fine", "blocked"), ("d-fine", "blocked")]
    assert "worker process" in rows[1].error


def test_one_child_reads_many_files_and_a_stopped_one_is_replaced(monkeypatch: pytest.MonkeyPatch) -> None:
    _with_text_reader(monkeypatch, _hangs)
    budget = Budget(seconds_per_page=0.5)
    pids = []
    for name in ("a.txt", "b.txt", "notes.txt", "c.txt"):
        document, complete = read_in_child(describe(name, b"hello there"), budget)
        assert complete == (name != "notes.txt")
        pids.append(_child_pid(budget))
    assert pids[0] == pids[1] != pids[3], "files share a child until one is stopped"
    assert pids[2] is None and pids[3] is not None


def _child_pid(budget: Budget) -> int | None:
    from evidence.isolation import _CHILDREN
    from evidence.readers import read_file

    child = _CHILDREN.get((budget, read_file))  # the child that runs reads (its job) for this budget
    return child.process.pid if child is not None else None


def test_a_page_budget_counts_the_readers_cpu_time_not_a_busy_machines_wall_time(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    from evidence import isolation

    cpu = {"used": 0.0}
    wall = {"now": 100.0}
    monkeypatch.setattr(isolation, "_cpu_seconds", lambda pid: cpu["used"])
    monkeypatch.setattr(isolation.time, "monotonic", lambda: wall["now"])
    page = isolation._PageClock(1234, seconds=2.0)
    wall["now"] += 5.0  # the budget has passed on the wall clock, but the child was starved
    cpu["used"] = 0.4
    assert not page.spent()
    cpu["used"] = 2.1  # it has now used its two CPU seconds
    assert page.spent()
    cpu["used"] = 0.1
    wall["now"] = 100.0 + 8.0  # four times the budget: stopped whatever the CPU says
    assert page.spent()
    monkeypatch.setattr(isolation, "_cpu_seconds", lambda pid: None)  # no /proc: wall time decides
    assert isolation._PageClock(1234, seconds=2.0).spent() is False


def test_an_extraction_that_runs_away_is_stopped_by_the_files_budget(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from evidence import check_bundle, ingest, isolation

    real_extract = ingest.extract

    def spins_on_one_file(document: Document, kind: object) -> object:
        while document.path == "slow.txt":  # a pathological extraction: spins until stopped
            pass
        return real_extract(document, kind)

    monkeypatch.setattr(isolation, "_CHILDREN", {})  # the child must be forked after the patch
    monkeypatch.setattr(ingest, "extract", spins_on_one_file)
    folder = tmp_path / "order"
    folder.mkdir()
    (folder / "slow.txt").write_text("PROFORMA INVOICE\nPI No.: SL-1\n", encoding="utf-8")
    (folder / "pi.txt").write_text("PROFORMA INVOICE\nPI No.: PI-7\nTotal: USD 100.00\n", encoding="utf-8")
    report = check_bundle(folder, budget=Budget(seconds_per_page=0.3, extract_pages=2))
    stopped = [f for f in report.findings if f.code == "F001"]
    assert len(stopped) == 1 and "slow.txt" in stopped[0].message
    assert "took longer than 0.6 s to classify and extract" in stopped[0].message
    assert {r.path: r.kind for r in report.records}["pi.txt"] == "proforma_invoice"


def test_extract_stops_a_runaway_extraction_and_shows_the_file_as_stopped(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # `evidence extract` reads, extracts and writes in the reader child: a file whose extraction
    # spins is stopped by the budget, and the command still shows it, as unreadable.
    import evidence.extract
    from click.testing import CliRunner

    from evidence import cli, isolation

    parent = os.getpid()
    real_extract = evidence.extract.extract

    def spins_in_the_child(document: Document, kind: object = None) -> object:
        while os.getpid() != parent:  # a pathological extraction, in the child only
            pass
        return real_extract(document, kind)

    monkeypatch.setattr(isolation, "_CHILDREN", {})
    monkeypatch.setattr(evidence.extract, "extract", spins_in_the_child)
    monkeypatch.setattr(cli, "Budget", lambda: Budget(seconds_per_page=0.3, extract_pages=2))
    slow = tmp_path / "slow.txt"
    slow.write_text("PROFORMA INVOICE\nPI No.: SL-1\n", encoding="utf-8")
    result = CliRunner().invoke(cli.main, ["extract", str(slow)])
    assert result.exit_code == 0, result.output
    assert "problem:  F001 slow.txt" in result.output
    assert "took longer than 0.6 s to classify and extract" in result.output
