"""`evidence batch --format html --output DIR`: an index page and each bundle's own report in DIR."""

from __future__ import annotations

import re
import shutil
import zipfile
from pathlib import Path

import pytest
from click.testing import CliRunner

from evidence import batch as batch_module
from evidence.cli import main
from evidence.report import BatchRow
from evidence.writers.batch_html import report_file_names, rows_to_html
from tests.conftest import SAMPLES

LINK = re.compile(r'<a href="([^"]+)">([^<]+)</a>')


def _orders(tmp_path: Path) -> Path:
    """Two copies of the weak sample (a folder and a zip) and a file that is no zip at all."""
    orders = tmp_path / "orders"
    orders.mkdir()
    shutil.copytree(SAMPLES / "weak-quality-claim", orders / "weak")
    with zipfile.ZipFile(orders / "weak.zip", "w") as archive:
        for path in sorted((SAMPLES / "weak-quality-claim").rglob("*")):
            if path.is_file():
                archive.write(path, "weak/" + path.relative_to(SAMPLES / "weak-quality-claim").as_posix())
    (orders / "bad.zip").write_bytes(b"not a zip at all")
    return orders


def test_the_index_links_each_bundles_own_report_and_shows_errors(tmp_path: Path,
                                                                   monkeypatch: pytest.MonkeyPatch) -> None:
    orders = _orders(tmp_path)
    checked: list[str] = []
    check_bundle = batch_module.check_bundle

    def counting(location: Path, **options: object) -> object:
        checked.append(Path(location).name)
        return check_bundle(location, **options)

    monkeypatch.setattr(batch_module, "check_bundle", counting)
    out = tmp_path / "reports" / "nov"  # created, with its parent
    result = CliRunner().invoke(main, ["batch", str(orders), "--format", "html", "--output", str(out),
                                       "--as-of", "2026-11-23"])
    assert result.exit_code == 1, result.output
    assert result.output == ""
    assert sorted(checked) == ["bad.zip", "weak", "weak.zip"]  # each bundle checked once, pages included
    assert sorted(p.name for p in out.iterdir()) == ["index.html", "weak.html", "weak.zip.html"]
    index = (out / "index.html").read_text(encoding="utf-8")
    assert LINK.findall(index) == [("weak.html", f"{orders}/weak"), ("weak.zip.html", f"{orders}/weak.zip")]
    assert "bad.zip" in index and "is neither a folder nor a .zip archive" in index
    assert index.count('<span class="verdict blocked">blocked</span>') == 2
    assert index.count("closed 6 days ago") == 2 and "D001 the claim window closed on 2026-11-17" in index
    assert "1 error" in index and "2 blocked" in index
    alone = CliRunner().invoke(main, ["check", str(orders / "weak"), "--format", "html", "--as-of", "2026-11-23"])
    assert (out / "weak.html").read_text(encoding="utf-8") == alone.output
    page = (out / "weak.zip.html").read_text(encoding="utf-8")
    assert page.count('<img src="data:image/jpeg;base64,') == 3  # thumbnails read from the zip's members


def test_the_batch_pages_are_the_same_whatever_the_workers(tmp_path: Path) -> None:
    orders = _orders(tmp_path)
    pages = []
    for workers in ("1", "2"):
        out = tmp_path / f"out{workers}"
        CliRunner().invoke(main, ["batch", str(orders), "--format", "html", "--output", str(out),
                                  "--as-of", "2026-11-23", "--workers", workers])
        pages.append({p.name: p.read_bytes() for p in sorted(out.iterdir())})
    assert pages[0] == pages[1] and len(pages[0]) == 3


@pytest.mark.parametrize(("args", "says"), [
    (["--format", "html"], "--format html writes a folder of pages"),
    (["--format", "html", "--output", "{orders}/reports"], "is inside the input folder"),
    (["--format", "html", "--output", "{orders}"], "is inside the input folder"),
    (["--format", "html", "--output", "{orders}/bad.zip"], "is not a folder"),
    (["--format", "csv", "--output", "{tmp}"], "is a folder; --output takes a file for --format csv"),
])
def test_an_output_the_format_cannot_use_is_refused_before_any_check(tmp_path: Path, args: list[str],
                                                                      says: str) -> None:
    orders = _orders(tmp_path)
    args = [a.format(orders=orders, tmp=tmp_path) for a in args]
    result = CliRunner().invoke(main, ["batch", str(orders), *args])
    assert result.exit_code == 2
    lines = result.output.splitlines()
    assert len(lines) == 1 and lines[0].startswith("evidence: error: ") and says in lines[0], result.output
    assert not (orders / "reports").exists()


def test_report_file_names_are_safe_unique_and_never_the_index() -> None:
    bundles = ["a/Order 17", "b/order-17", "c/Order_17", "d/index", "e/INDEX.zip", "f/订单.zip", "g/..",
               "h/con", "i/" + "x" * 200, "j/Order 17", "k/order-17-2"]
    names = report_file_names(bundles)
    assert names == ["Order-17.html", "order-17-2.html", "Order_17.html", "index-2.html", "INDEX.zip.html",
                     "zip.html", "bundle.html", "bundle-con.html", "x" * 80 + ".html", "Order-17-3.html",
                     "order-17-2-2.html"]
    assert len({n.lower() for n in names}) == len(names)
    assert all(re.fullmatch(r"[A-Za-z0-9._-]+\.html", n) for n in names)


def test_the_index_escapes_names_and_errors() -> None:
    rows = [BatchRow('x/<b>"o"', "weak", major=1, days_left=3, top_finding="E003 <i>no</i> order"),
            BatchRow("y/z.zip", "error", error="cannot open <z>")]
    page = rows_to_html(rows)
    assert "<b>" not in page and "<i>" not in page and "<z>" not in page
    assert '<a href="b-o.html">x/&lt;b&gt;&quot;o&quot;</a>' in page
    assert "3 days left" in page and "cannot open &lt;z&gt;" in page
    assert "z.zip.html" not in page  # an error row links to no page
    assert rows_to_html(rows) == page


def test_hostile_bundle_names_give_safe_pages_and_a_clean_index(tmp_path: Path) -> None:
    orders = tmp_path / "orders"
    orders.mkdir()
    hostile = 'a\nverdict: ready\x1b[31m"><img src=x onerror=y>'
    with zipfile.ZipFile(orders / f"{hostile}.zip", "w") as archive:
        archive.writestr("chat.txt", "2026-10-01 10:00 Supplier: hello <b>there</b>\n")
    out = tmp_path / "out"
    result = CliRunner().invoke(main, ["batch", str(orders), "--format", "html", "--output", str(out), "--no-cache"])
    assert result.exit_code == 1, result.output
    names = sorted(p.name for p in out.iterdir())
    assert names == ["a-verdict-ready-31m-img-src-x-onerror-y.zip.html", "index.html"]
    for name in names:
        text = (out / name).read_text(encoding="utf-8")
        assert "<img src=x" not in text and "\x1b" not in text and "\nverdict: ready" not in text
        assert "a\\nverdict: ready\\x1b[31m&quot;&gt;&lt;img src=x onerror=y&gt;" in text
