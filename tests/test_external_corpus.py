"""Every file of ../shared/external is read with exit 0 or a one-line error, never a traceback."""

from __future__ import annotations

import hashlib
import json
from pathlib import Path

import pytest
from click.testing import CliRunner

from evidence.cli import main
from evidence.readers import read_path
from tests.conftest import EXTERNAL, needs_external

pytestmark = needs_external

DATA_FILES = sorted(
    p for p in EXTERNAL.rglob("*")
    if p.is_file() and p.name not in {"README.md", "MANIFEST.json"} and not p.name.startswith("LICENSE")
) if EXTERNAL.is_dir() else []


@pytest.mark.parametrize("path", DATA_FILES, ids=lambda p: str(p.relative_to(EXTERNAL)))
def test_extract_never_tracebacks(path: Path) -> None:
    result = CliRunner().invoke(main, ["extract", str(path)])
    assert result.exit_code in (0, 2), result.output
    if result.exit_code == 2:
        assert len(result.stderr.strip().splitlines()) == 1
    assert result.exception is None or isinstance(result.exception, SystemExit)
    assert "Traceback" not in result.output


def _problems(relative: str) -> dict[str, str]:
    doc = read_path(EXTERNAL / relative)
    return {p.code: p.reason for p in doc.problems}


@pytest.mark.parametrize(
    "relative",
    ["pdfplumber/password-example.pdf", "unstructured/pdf/password.pdf",
     "pypdf-samples/libreoffice-writer-password.pdf"],
)
def test_password_pdfs_are_f001_encrypted(relative: str) -> None:
    reason = _problems(relative)["F001"]
    assert "encrypted" in reason and "\n" not in reason


@pytest.mark.parametrize("relative", ["pdfplumber/pr-138-example.pdf", "unstructured/pdf/copy-protected.pdf"])
def test_owner_password_only_pdfs_are_read(relative: str) -> None:
    doc = read_path(EXTERNAL / relative)
    assert doc.problems == []
    assert len(doc.text) > 100


def test_empty_pdf_is_f001_empty() -> None:
    assert "empty" in _problems("pdfplumber/empty.pdf")["F001"]


def test_zero_page_pdf_is_f001() -> None:
    assert "no pages" in _problems("pdfplumber/issue-297-example.pdf")["F001"]


def test_broken_xref_pdfs_are_repaired_and_read() -> None:
    doc = read_path(EXTERNAL / "pdfplumber/issue-848.pdf")
    assert len(doc.pages) == 8 and doc.readable
    doc = read_path(EXTERNAL / "pypdf-samples/unreadablemetadata.pdf")
    assert doc.readable and doc.text.strip()


def test_bad_colour_space_page_falls_back_to_pdfium_text() -> None:
    doc = read_path(EXTERNAL / "unstructured/pdf/pdf-bad-color-space.pdf")
    assert doc.problems == []
    assert "2023 Environmental Report" in doc.text


def test_a_scanned_pdf_is_read_by_ocr() -> None:
    # Three pages of CCITT fax images, a Chinese customs decision: no text layer at all.
    doc = read_path(EXTERNAL / "pdfplumber/issue-203-decimalize.pdf")
    assert len(doc.pages) == 3 and doc.problems == []
    assert "行政处罚决定书" in doc.pages[0].lines[0].text
    assert all(line.source.ocr_confidence is not None for line in doc.lines)
    assert "pages 1-3 read by OCR" in doc.metadata["ocr"]


def test_a_scan_with_nothing_legible_is_f002() -> None:
    doc = read_path(EXTERNAL / "pypdf-samples/imagemagick-CCITTFaxDecode.pdf")  # an 11-point page
    assert len(doc.pages) == 1
    [problem] = doc.problems
    assert problem.code == "F002" and "nothing legible" in problem.reason


@pytest.mark.parametrize(
    ("relative", "expected"),
    [
        ("pdfplumber/issue-336-example.pdf", "安徽省建设用地使用标准"),
        ("pdfplumber/issue-67-example.pdf", "东北电气发展股份有限公司"),
        ("pdfplumber/issue-461-example.pdf", "白细胞计数"),
        # Fake-bold duplicated glyphs come out once.
        ("pdfplumber/issue-842-example.pdf", "安徽安利合成革股份有限公司"),
        ("pdfplumber/issue-71-duplicate-chars.pdf", "项目描述：负责四川省甘孜州"),
    ],
)
def test_cjk_pdfs_give_characters_not_cids(relative: str, expected: str) -> None:
    doc = read_path(EXTERNAL / relative)
    assert expected in doc.text
    assert "(cid:" not in doc.text


def test_pdf_lines_carry_page_and_line() -> None:
    doc = read_path(EXTERNAL / "pdfplumber/issue-67-example.pdf")
    line = next(ln for ln in doc.lines if "第一季度报告" in ln.text)
    assert line.source.page == 1 and line.source.line >= 1
    assert len(doc.pages) == 22


def test_pdf_tables_are_extracted() -> None:
    doc = read_path(EXTERNAL / "pdfplumber/issue-140-example.pdf")
    rows = [row for page in doc.pages for table in page.tables for row in table.rows]
    assert len(rows) > 5
    assert any(cell and "UPC" in cell for row in rows for cell in row)


def test_encrypted_xlsx_is_refused_cleanly() -> None:
    assert "password-protected" in _problems("unstructured/xlsx/password_protected.xlsx")["F001"]


def test_empty_xlsx_is_f001() -> None:
    assert "empty workbook" in _problems("unstructured/xlsx/empty.xlsx")["F001"]


def test_xlsx_sheets_rows_and_cells() -> None:
    doc = read_path(EXTERNAL / "unstructured/xlsx/stanley-cups.xlsx")
    assert [p.name for p in doc.pages] == ["Stanley Cups", "Stanley Cups Since 67"]
    header = doc.pages[0].lines[1]
    assert header.text == "Team | Location | Stanley Cups"
    assert header.source.cell == "Stanley Cups!A2" and header.source.page == 1
    assert doc.pages[0].tables[0].rows[2][:3] == ["Blues", "STL", "1"]


def test_docx_paragraphs_tables_and_headers() -> None:
    doc = read_path(EXTERNAL / "unstructured/docx/docx-tables.docx")
    assert doc.pages[0].tables and doc.pages[0].tables[0].rows
    header = read_path(EXTERNAL / "unstructured/docx/docx-hdrftr.docx")
    assert any("header" in ln.text.lower() for ln in header.lines)


@pytest.mark.parametrize(
    "relative",
    ["pillow-images/broken.png", "pillow-images/truncated_image.png", "pillow-images/truncated_jpeg.jpg",
     "pillow-images/broken_data_stream.png"],
)
def test_broken_images_are_f001(relative: str) -> None:
    assert "F001" in _problems(relative)


@pytest.mark.parametrize(
    ("relative", "captured", "make", "model"),
    [
        ("exif/Canon_40D.jpg", "2008-05-30T15:56:01", "Canon", "Canon EOS 40D"),
        ("exif/exif-org__sony-d700.jpg", "1998-12-01T14:22:36", "SONY", "DSC-D700"),  # NUL-padded
        ("exif/exif-org__kodak-dc210.jpg", "2000-10-26T16:46:51", "Eastman Kodak Company", "DC210 Zoom (V05.00)"),
        ("pillow-images/exif_gps.jpg", "2099-09-29T10:10:10", None, None),
        ("pillow-images/hopper.jpg", None, None, None),
    ],
)
def test_image_exif(relative: str, captured: str | None, make: str | None, model: str | None) -> None:
    image = read_path(EXTERNAL / relative).image
    assert image is not None
    assert image.captured_at == captured
    if make:
        assert (image.camera_make, image.camera_model) == (make, model)


def test_image_gps_and_size() -> None:
    image = read_path(EXTERNAL / "exif/gps__DSCN0010.jpg").image
    assert image is not None and (image.width, image.height) == (640, 480)
    assert image.gps is not None and 43 < image.gps["latitude"] < 44


# Kept last: by the time it runs, every external file has been read above.
def test_inputs_are_byte_identical_after_reading() -> None:
    manifest = json.loads((EXTERNAL / "MANIFEST.json").read_text(encoding="utf-8"))["files"]
    for entry in manifest[:: max(1, len(manifest) // 20)]:  # and read a spread of them again here
        read_path(EXTERNAL / entry["path"])
    for entry in manifest:
        data = (EXTERNAL / entry["path"]).read_bytes()
        assert hashlib.sha256(data).hexdigest() == entry["sha256"], entry["path"]
