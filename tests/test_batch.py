from __future__ import annotations

import csv
import io
import json
import shutil
from pathlib import Path

from click.testing import CliRunner

from evidence.batch import BatchOptions, check_many, find_bundles
from evidence.cli import main
from evidence.writers.batch import COLUMNS
from tests.conftest import SAMPLES


def _batch_dir(tmp_path: Path) -> Path:
    folder = tmp_path / "orders"
    folder.mkdir()
    shutil.copytree(SAMPLES / "weak-quality-claim", folder / "b-weak")
    shutil.make_archive(str(folder / "a-strong"), "zip", root_dir=SAMPLES, base_dir="strong-quality-claim")
    (folder / "c-broken.zip").write_bytes(b"not a zip at all")
    (folder / "notes.txt").write_text("not a bundle", encoding="utf-8")
    return folder


def test_bundles_are_sub_folders_and_zips_in_a_stable_order(tmp_path: Path) -> None:
    folder = _batch_dir(tmp_path)
    assert [p.name for p in find_bundles([folder])] == ["a-strong.zip", "b-weak", "c-broken.zip"]


def test_a_broken_bundle_is_reported_and_the_batch_goes_on(tmp_path: Path) -> None:
    from datetime import date

    rows = check_many(find_bundles([_batch_dir(tmp_path)]), BatchOptions(as_of=date(2026, 11, 23)))
    assert [(Path(r.bundle).name, r.verdict) for r in rows] == [
        ("a-strong.zip", "ready"), ("b-weak", "blocked"), ("c-broken.zip", "error")]
    weak = rows[1]
    assert (weak.blocker, weak.days_left) == (1, -6) and weak.top_finding.startswith("D001 ")
    assert "neither a folder nor a .zip" in rows[2].error


def test_two_workers_give_the_same_rows_in_the_same_order(tmp_path: Path) -> None:
    from datetime import date

    bundles = find_bundles([_batch_dir(tmp_path)])
    options = BatchOptions(as_of=date(2026, 11, 23))
    assert check_many(bundles, options, workers=2) == check_many(bundles, options)


def test_csv_and_json_summaries_and_exit_status(tmp_path: Path) -> None:
    folder = str(_batch_dir(tmp_path))
    result = CliRunner().invoke(main, ["batch", folder, "--format", "csv", "--as-of", "2026-11-23"])
    assert result.exit_code == 1
    table = list(csv.DictReader(io.StringIO(result.output)))
    assert list(table[0]) == COLUMNS and [row["verdict"] for row in table] == ["ready", "blocked", "error"]
    data = json.loads(CliRunner().invoke(main, ["batch", folder, "--format", "json", "--as-of", "2026-11-23"]).output)
    assert [set(row) for row in data["bundles"]] == [set(COLUMNS)] * 3
    text = CliRunner().invoke(main, ["batch", folder, "--as-of", "2026-11-23"]).output
    assert text.rstrip().endswith("3 bundles: 1 blocked, 0 weak, 1 ready, 1 error")


def test_missing_folder_is_a_usage_error(tmp_path: Path) -> None:
    result = CliRunner().invoke(main, ["batch", str(tmp_path / "nope")])
    assert result.exit_code == 2 and "is not a folder of bundles" in result.stderr


def test_workers_zero_means_one_per_cpu_and_the_same_summary(tmp_path: Path) -> None:
    folder = str(_batch_dir(tmp_path))
    args = ["batch", folder, "--format", "csv", "--as-of", "2026-11-23", "--no-cache"]
    one = CliRunner().invoke(main, [*args, "--workers", "1"])
    per_cpu = CliRunner().invoke(main, [*args, "--workers", "0"])
    assert per_cpu.exit_code == one.exit_code == 1 and per_cpu.output == one.output


def test_a_batch_tells_each_file_read_whichever_worker_reads_it(tmp_path: Path) -> None:
    for name, files in (("order-1", 3), ("order-2", 2)):
        for index in range(files):
            (tmp_path / name).mkdir(exist_ok=True)
            (tmp_path / name / f"note {index}.txt").write_text(f"Order note {index}\n", encoding="utf-8")
    bundles = find_bundles([tmp_path])
    for workers in (1, 2):
        seen: list[tuple[str, int, int, str]] = []
        check_many(bundles, BatchOptions(), workers, on_file=lambda *told: seen.append(told))
        for bundle in bundles:
            told = sorted((done, total) for name, done, total, _ in seen if name == str(bundle))
            total = len(list(bundle.iterdir()))
            assert told == [(done, total) for done in range(1, total + 1)], (workers, bundle.name)


def test_the_tally_counts_errors_in_words_and_a_long_top_finding_says_where_it_was_cut() -> None:
    from evidence.batch import TOP_FINDING_CHARS
    from evidence.wording import clipped as _clipped
    from evidence.report import BatchRow
    from evidence.writers.batch import verdict_tally

    rows = [BatchRow("a", "blocked"), BatchRow("b", "ready"), BatchRow("c", "ready")]
    assert verdict_tally(rows) == "1 blocked, 0 weak, 2 ready, 0 errors"
    assert verdict_tally([*rows, BatchRow("d", "error")]).endswith("1 error")
    long = "M006 " + "x" * 300
    assert len(_clipped(long, TOP_FINDING_CHARS)) == TOP_FINDING_CHARS and _clipped(long, TOP_FINDING_CHARS)[-1] == "…"
    assert _clipped("M006 short", TOP_FINDING_CHARS) == "M006 short"
