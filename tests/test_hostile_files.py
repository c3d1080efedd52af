"""Hostile and odd input (issue 12): a planted cache entry, a huge photo, a long PDF, a file as the bundle.

Every fixture is generated here; no assertion is timed.
"""

from __future__ import annotations

import io
import json
import os
import pickle
import shutil
import sqlite3
import stat
import struct
import zlib
from datetime import date
from pathlib import Path

import pypdfium2
import pytest
from click.testing import CliRunner
from PIL import Image

from evidence import cache as cache_module
from evidence import isolation
from evidence.bundle import Limits, describe, open_bundle
from evidence.cache import Cache, pack, unpack
from evidence.check import check_bundle
from evidence.cli import main
from evidence.extract import extract
from evidence.readers import pdf_plumber, read_file, read_path
from evidence.writers.json_report import report_to_json
from tests.conftest import SAMPLES, jpeg

AS_OF = date(2026, 11, 23)


# ---------------------------------------------------------------- the cache holds data, not code


def _report(bundle: Path, cache: Cache | None) -> str:
    return report_to_json(check_bundle(bundle, as_of=AS_OF, cache=cache))


def _replace_payloads(cache: Cache, payload: bytes) -> int:
    """Overwrite every entry's payload as someone who can write the cache file would."""
    cache.close()
    with sqlite3.connect(cache.path) as db:
        changed = db.execute("UPDATE entries SET payload = ?", (payload,)).rowcount
    return changed


class _Planted:
    """A pickle that, if ever loaded, writes a marker file."""

    def __init__(self, marker: Path) -> None:
        self.marker = marker

    def __reduce__(self) -> tuple[object, tuple[str]]:
        return (exec, (f"open({str(self.marker)!r}, 'w').write('ran')",))


def test_an_entry_is_compressed_json_and_reads_back_equal(bundle: Path) -> None:
    file = open_bundle(bundle).files[0]
    document = read_file(file)
    record = extract(document)
    payload = pack(document, record)
    assert isinstance(json.loads(zlib.decompress(payload)), list)
    assert unpack(payload) == (document, record)


def test_a_planted_pickle_is_never_run_and_the_file_is_read_again(bundle: Path, tmp_path: Path) -> None:
    cache = Cache(tmp_path / "cache")
    clean = _report(bundle, cache)
    marker = tmp_path / "ran.txt"
    assert _replace_payloads(cache, zlib.compress(pickle.dumps(_Planted(marker)))) > 0
    assert _report(bundle, Cache(tmp_path / "cache")) == clean
    assert not marker.exists()


@pytest.mark.parametrize("payload", [
    b"not zlib at all",
    zlib.compress(b"{not json"),
    zlib.compress(b"[" * 100_000 + b"]" * 100_000),  # nested past the recursion limit
    zlib.compress(b'["a", "b"]'),
    zlib.compress(json.dumps([{"\u0000": "Path", "f": ["/etc/passwd"]}, {}]).encode()),  # a class not in records
    zlib.compress(json.dumps([{"\u0000": "Document", "f": [1]}, {"\u0000": "Record", "f": []}]).encode()),
], ids=["corrupt", "bad-json", "deep", "foreign", "unknown-class", "wrong-fields"])
def test_a_corrupt_or_foreign_entry_is_ignored(bundle: Path, tmp_path: Path, payload: bytes) -> None:
    cache = Cache(tmp_path / "cache")
    clean = _report(bundle, cache)
    _replace_payloads(cache, payload)
    assert _report(bundle, Cache(tmp_path / "cache")) == clean


def test_an_entry_inflating_past_its_limit_is_ignored(
    bundle: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    cache = Cache(tmp_path / "cache")
    clean = _report(bundle, cache)
    monkeypatch.setattr(cache_module, "MAX_ENTRY_BYTES", 1000)
    _replace_payloads(cache, zlib.compress(b" " * 1_000_000))  # a zlib bomb, scaled down
    assert _report(bundle, Cache(tmp_path / "cache")) == clean


def test_a_new_cache_folder_is_private(bundle: Path, tmp_path: Path) -> None:
    folder = tmp_path / "new" / "cache"
    _report(bundle, Cache(folder))
    assert stat.S_IMODE(folder.stat().st_mode) == 0o700


def test_a_folder_other_users_can_write_is_refused_with_one_warning(
    bundle: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    folder = tmp_path / "shared"
    folder.mkdir()
    folder.chmod(0o777)
    monkeypatch.setattr(cache_module.os, "getuid", lambda: folder.stat().st_uid + 1)  # owned by someone else
    cache = Cache(folder)
    assert _report(bundle, cache) == _report(bundle, None)
    assert cache.refusal is not None and "other users" in cache.refusal  # the library prints nothing
    assert not (folder / cache_module.CACHE_FILE).exists() and not cache.info().usable
    # The command line says so once, on stderr, and checks without the cache.
    result = CliRunner(env={cache_module.CACHE_ENV: str(folder)}).invoke(main, ["check", str(bundle)])
    warnings = [line for line in result.stderr.splitlines() if line.startswith("warning")]
    assert len(warnings) == 1 and "other users" in warnings[0]
    assert not (folder / cache_module.CACHE_FILE).exists()


def test_a_writable_folder_the_user_owns_is_used(tmp_path: Path) -> None:
    folder = tmp_path / "mine"
    folder.mkdir()
    folder.chmod(0o777)
    assert cache_module.folder_refusal(folder) is None


# ---------------------------------------------------------------- large photos


def _huge_header_jpeg(width: int, height: int) -> bytes:
    """A small JPEG whose frame header (SOF0) claims `width` x `height`: cheap, and never to be decoded."""
    data = bytearray(jpeg((16, 16), "2026:11:06 09:14:02", "Xiaomi", "Redmi Note 13 Pro"))
    sof = data.index(b"\xff\xc0")
    data[sof + 5 : sof + 9] = struct.pack(">HH", height, width)
    return bytes(data)


def test_a_108_megapixel_photo_is_read_from_its_header() -> None:
    doc = read_file(describe("photos/dent.jpg", _huge_header_jpeg(12000, 9000)))
    assert doc.problems == []
    assert doc.image is not None and (doc.image.width, doc.image.height) == (12000, 9000)
    assert doc.image.captured_at == "2026-11-06T09:14:02" and doc.image.camera_make == "Xiaomi"
    assert doc.metadata["image_decoded"].startswith("no")
    assert Image.MAX_IMAGE_PIXELS == 89_478_485  # the guard is restored


def test_a_108_megapixel_photo_counts_as_a_photo(tmp_path: Path) -> None:
    folder = tmp_path / "bundle"
    shutil.copytree(SAMPLES / "weak-quality-claim", folder)
    for old in (folder / "photos").iterdir():
        old.unlink()
    (folder / "photos" / "IMG_20261106_091402.jpg").write_bytes(_huge_header_jpeg(12000, 9000))
    report = json.loads(_report(folder, None))
    codes = [finding["code"] for finding in report["findings"]]
    assert "P001" not in codes
    assert not any(f["code"] == "F001" and "IMG_2026" in f["message"] for f in report["findings"])


def test_a_decompression_bomb_is_refused() -> None:
    doc = read_file(describe("bomb.jpg", _huge_header_jpeg(65000, 65000)))  # 4,225 MP
    assert doc.image is None
    assert [p.code for p in doc.problems] == ["F001"] and "decompression bomb" in doc.problems[0].reason


def test_a_damaged_photo_within_the_limit_is_still_decoded_and_refused() -> None:
    data = jpeg((800, 600), color=(10, 200, 30))
    doc = read_file(describe("cut.jpg", data[: len(data) // 3]))
    assert [p.code for p in doc.problems] == ["F001"]


# ---------------------------------------------------------------- long PDFs, and `extract`'s limits


def _pdf(pages: int) -> bytes:
    source = pypdfium2.PdfDocument(SAMPLES / "strong-quality-claim" / "01_PI_HY-PI-2026-0817.pdf")
    out = pypdfium2.PdfDocument.new()
    for number in range(pages):
        out.import_pages(source, [number % len(source)])
    buffer = io.BytesIO()
    out.save(buffer)
    out.close()
    source.close()
    return buffer.getvalue()


def test_a_pdf_past_the_page_cap_keeps_its_first_pages(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(pdf_plumber, "MAX_PAGES", 3)
    doc = read_file(describe("catalogue.pdf", _pdf(5)))
    assert [page.number for page in doc.pages] == [1, 2, 3]
    assert doc.readable and doc.metadata["pages_read"] == "3 of 5"
    capped = [p for p in doc.problems if p.code == pdf_plumber.PAGE_CAP_CODE]
    assert len(capped) == 1 and "5 pages; only the first 3" in capped[0].reason
    assert extract(doc).kind != "unknown"  # the pages read still count


def test_the_page_cap_is_500() -> None:
    assert pdf_plumber.MAX_PAGES == 500


def test_extract_applies_the_page_cap(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(pdf_plumber, "MAX_PAGES", 2)
    monkeypatch.setattr(isolation, "_CHILDREN", {})  # a reader child forked before the patch would not see it
    path = tmp_path / "long.pdf"
    path.write_bytes(_pdf(4))
    result = CliRunner().invoke(main, ["extract", str(path), "--format", "json"])
    assert result.exit_code == 0, result.output
    data = json.loads(result.output)
    assert len(data["pages"]) == 2 and data["metadata"]["pages_read"] == "2 of 4"
    assert any("only the first 2 were read" in problem["reason"] for problem in data["problems"])


def test_extract_applies_the_size_limit(tmp_path: Path) -> None:
    path = tmp_path / "big.pdf"
    path.write_bytes(_pdf(1))
    doc = read_path(path, Limits(max_file_bytes=100))
    assert [p.code for p in doc.problems] == ["F001"] and "limit per file" in doc.problems[0].reason
    assert doc.pages == []


# ---------------------------------------------------------------- a file that is no bundle


def _truncated_zip(tmp_path: Path) -> Path:
    archive = tmp_path / "bundle.zip"
    shutil.make_archive(str(archive.with_suffix("")), "zip", SAMPLES / "weak-quality-claim")
    cut = tmp_path / "cut.zip"
    cut.write_bytes(archive.read_bytes()[:3000])
    return cut


@pytest.mark.parametrize(("make", "says"), [
    (lambda tmp: SAMPLES / "weak-quality-claim" / "PI RY-20260720-03.xlsx", "is one document (an Office file)"),
    (lambda tmp: SAMPLES / "strong-quality-claim" / "02_SalesContract_HY-SC-260819.docx",
     "is one document (an Office file)"),
    (_truncated_zip, "is a damaged or truncated .zip archive"),
    (lambda tmp: Path(os.devnull), "is not a folder or a .zip file"),
    (lambda tmp: tmp / "missing", "does not exist"),
], ids=["xlsx", "docx", "truncated-zip", "dev-null", "missing"])
def test_a_file_that_is_no_bundle_is_one_clear_line(tmp_path: Path, make, says: str) -> None:  # type: ignore[no-untyped-def]
    result = CliRunner().invoke(main, ["check", "--no-cache", str(make(tmp_path))])
    assert result.exit_code == 2
    lines = [line for line in result.output.splitlines() if line]
    assert len(lines) == 1 and says in lines[0], result.output


# ---------------------------------------------------------------- spreadsheet values cite their own cell


def test_a_spreadsheet_value_cites_its_own_cell(tmp_path: Path) -> None:
    from openpyxl import Workbook

    book = Workbook()
    sheet = book.active
    sheet.title = "PI"
    sheet["A1"] = "PROFORMA INVOICE"
    sheet["D2"], sheet["F2"] = "PI No.:", "KX-2026-0042"
    sheet["D3"], sheet["F3"] = "Date:", "2026-10-02"
    sheet.append([])
    sheet.append(["No.", "Item", "Description", "QTY", "Unit Price (USD)", "Amount (USD)"])
    sheet.append([1, "KX-1", "Steel hinge", 500, 2, 1000])
    sheet.append([2, "KX-2", "Steel bracket", 100, 3, 300])
    sheet["C8"], sheet["D8"], sheet["F8"] = "TOTAL", 600, 1300
    buffer = io.BytesIO()
    book.save(buffer)
    doc = read_file(describe("PI KX-2026-0042.xlsx", buffer.getvalue()))
    record = extract(doc)
    cells = {name: found.source.cell for name, found in record.fields.items()}
    assert cells["order_total"] == "PI!F8" and record.get("order_total") == 1300
    assert cells["document_number"] == "PI!F2"


def test_a_capped_pdf_is_one_minor_f001_and_its_pages_still_count(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from evidence import check_bundle

    monkeypatch.setattr(pdf_plumber, "MAX_PAGES", 3)
    bundle = tmp_path / "order"
    bundle.mkdir()
    (bundle / "catalogue.pdf").write_bytes(_pdf(5))
    report = check_bundle(bundle)
    [capped] = [f for f in report.findings if f.code == "F001"]
    assert capped.severity == "minor" and "only the first 3 were read" in capped.message
    assert report.to_dict()["findings"][0].keys() >= {"code", "severity"}
