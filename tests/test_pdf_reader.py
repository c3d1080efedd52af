"""The PDF reader: pdfium pages with pdfplumber's lines, words and tables."""

from __future__ import annotations

import io
import subprocess
import sys
from pathlib import Path
from typing import Any

import pdfplumber
import pypdfium2
import pytest

from evidence.readers import pdf, pdf_layout, pdf_objects, pdf_pdfium, pdf_plumber, progress
from evidence.records import Document, TextLine, document_to_dict
from tests.conftest import EXTERNAL, SAMPLES, needs_external

#: The samples' PDFs with a text layer; scanned-claim's PI is a scan with none (read by OCR, below).
SCANNED_PDFS = [SAMPLES / "scanned-claim" / "PI_TR-PI-260727_scanned.pdf"]
SAMPLE_PDFS = sorted(set(SAMPLES.glob("*/**/*.pdf")) - set(SCANNED_PDFS))

#: pdfium's glyph boxes follow the font's metrics, pdfminer's its descriptor:
#: on the samples words sit within these distances of pdfplumber's (in points).
WORD_X_TOLERANCE = 1.5
WORD_Y_TOLERANCE = 1.0


def _read(data: bytes, path: str = "file.pdf") -> Document:
    doc = Document(path=path, sha256="", size=len(data), filetype="pdf", reader="pdf")
    pdf.read(data, doc)
    return doc


def _read_path(path: Path) -> Document:
    return _read(path.read_bytes(), str(path))


def _plumber_page(page: Any) -> tuple[list[str], list[dict[str, Any]], list[list[list[str | None]]]]:
    """What the former reader took from one pdfplumber page: lines, words and tables."""
    seen: set[tuple[str, int, int]] = set()
    repeats = 0
    for char in page.chars:
        key = (char["text"], round(char["x0"]), round(char["top"]))
        repeats += key in seen
        seen.add(key)
    clean = page.dedupe_chars(extra_attrs=()) if repeats else page
    lines = [line["text"] for line in clean.extract_text_lines(strip=True)]
    words = clean.extract_words(keep_blank_chars=False)
    tables = [
        [[cell.strip() if isinstance(cell, str) else None for cell in row] for row in table.extract()]
        for table in clean.find_tables()
    ]
    return lines, words, tables


def _synthetic_pdf(pages: int) -> bytes:
    """A PDF of `pages` pages copied from the sample proforma invoice (pdfium only)."""
    source = pypdfium2.PdfDocument(SAMPLES / "strong-quality-claim" / "01_PI_HY-PI-2026-0817.pdf")
    out = pypdfium2.PdfDocument.new()
    for number in range(pages):
        out.import_pages(source, [number % len(source)])
    buffer = io.BytesIO()
    out.save(buffer)
    out.close()
    source.close()
    return buffer.getvalue()


# --- same output as pdfplumber ---------------------------------------------------


def test_there_are_fifteen_sample_pdfs_and_one_scan() -> None:
    assert len(SAMPLE_PDFS) == 15
    assert all(path.is_file() for path in SCANNED_PDFS)


@pytest.mark.parametrize("path", SCANNED_PDFS, ids=lambda p: p.name)
def test_a_sample_scan_has_no_text_layer(path: Path) -> None:
    with pdfplumber.open(path) as plumber:
        assert [page.chars for page in plumber.pages] == [[]]
        assert len(plumber.pages[0].images) == 1


@pytest.mark.parametrize("path", SAMPLE_PDFS, ids=lambda p: p.name)
def test_sample_pages_match_pdfplumber(path: Path) -> None:
    doc = _read_path(path)
    assert doc.problems == []
    with pdfplumber.open(path) as plumber:
        assert len(doc.pages) == len(plumber.pages)
        for page, raw in zip(doc.pages, plumber.pages):
            lines, words, tables = _plumber_page(raw)
            assert (page.width, page.height) == (float(raw.width), float(raw.height))
            assert [line.text for line in page.lines] == lines
            assert [line.source.line for line in page.lines] == list(range(1, len(lines) + 1))
            assert {line.source.page for line in page.lines} <= {page.number}
            assert [word.text for word in page.words] == [word["text"] for word in words]
            for word, expected in zip(page.words, words):
                assert abs(word.x0 - expected["x0"]) <= WORD_X_TOLERANCE, word
                assert abs(word.x1 - expected["x1"]) <= WORD_X_TOLERANCE, word
                assert abs(word.top - expected["top"]) <= WORD_Y_TOLERANCE, word
                assert abs(word.bottom - expected["bottom"]) <= WORD_Y_TOLERANCE, word
            assert [table.rows for table in page.tables] == tables


def test_sample_tables_have_their_cells() -> None:
    doc = _read_path(SAMPLES / "strong-quality-claim" / "01_PI_HY-PI-2026-0817.pdf")
    rows = [row for page in doc.pages for table in page.tables for row in table.rows]
    assert rows, "the proforma invoice's line-item grid is a table"
    assert all(cell is None or cell == cell.strip() for row in rows for cell in row)
    assert all(table.source.page == page.number for page in doc.pages for table in page.tables)


def test_words_are_rounded_points_from_the_top_left() -> None:
    doc = _read_path(SAMPLES / "strong-quality-claim" / "01_PI_HY-PI-2026-0817.pdf")
    page = doc.pages[0]
    assert page.words and page.width and page.height
    for word in page.words:
        assert 0 <= word.x0 < word.x1 <= page.width
        assert 0 <= word.top < word.bottom <= page.height
        assert all(round(value, 2) == value for value in (word.x0, word.top, word.x1, word.bottom))
    tops = [word.top for word in page.words]
    assert tops[0] < tops[-1], "the first words are at the top of the page"


def test_metadata_is_read() -> None:
    path = SAMPLES / "strong-quality-claim" / "01_PI_HY-PI-2026-0817.pdf"
    doc = _read_path(path)
    with pdfplumber.open(path) as plumber:
        expected = {
            key.lower(): str(plumber.metadata[key]).strip()
            for key in ("Producer", "Creator", "CreationDate", "Title")
            if str(plumber.metadata.get(key) or "").strip()
        }
    assert doc.metadata == expected
    assert doc.metadata["creator"] == "WPS Office"


def test_the_same_file_gives_the_same_document() -> None:
    path = SAMPLES / "strong-quality-claim" / "06_BV_inspection_report_2611-PDX-004387.pdf"
    first = document_to_dict(_read_path(path), include_words=True)
    assert document_to_dict(_read_path(path), include_words=True) == first


# --- problems ---------------------------------------------------------------------


def test_damaged_bytes_are_f001_not_an_exception() -> None:
    doc = _read(b"%PDF-1.4\n1 0 obj << /Type /Catalog >> garbage")
    assert [p.code for p in doc.problems] == ["F001"]
    assert doc.pages == []


def test_a_truncated_sample_is_f001_or_read() -> None:
    data = (SAMPLES / "strong-quality-claim" / "03_TradeAssurance_order_payment.pdf").read_bytes()
    doc = _read(data[: len(data) // 3])
    assert doc.problems == [] or {p.code for p in doc.problems} <= {"F001", "F002"}


def test_a_blank_page_pdf_is_f001() -> None:
    blank = pypdfium2.PdfDocument.new()
    blank.new_page(595, 842)
    buffer = io.BytesIO()
    blank.save(buffer)
    doc = _read(buffer.getvalue())
    assert [p.code for p in doc.problems] == ["F001"]
    assert "no pages" in doc.problems[0].reason


@needs_external
@pytest.mark.parametrize(
    "relative", ["pdfplumber/password-example.pdf", "pypdf-samples/libreoffice-writer-password.pdf"]
)
def test_a_user_password_is_f001_encrypted(relative: str) -> None:
    doc = _read_path(EXTERNAL / relative)
    assert [p.code for p in doc.problems] == ["F001"]
    assert "encrypted" in doc.problems[0].reason
    assert doc.pages == []


@needs_external
def test_an_owner_password_alone_does_not_stop_reading() -> None:
    doc = _read_path(EXTERNAL / "unstructured/pdf/copy-protected.pdf")
    assert doc.problems == []
    assert "Abstract" in doc.text


@needs_external
def test_a_scan_without_the_ocr_engine_is_f002_saying_how_to_install_it(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr("evidence.ocr.available", lambda: False)
    doc = _read_path(EXTERNAL / "pdfplumber/issue-203-decimalize.pdf")
    [problem] = doc.problems
    assert problem.code == "F002" and "pip install rapidocr-onnxruntime" in problem.reason
    assert len(doc.pages) == 3 and doc.text.strip() == ""


@needs_external
def test_a_file_pdfium_refuses_is_read_by_pdfminer() -> None:
    path = EXTERNAL / "pypdf-samples/unreadablemetadata.pdf"
    with pytest.raises(pypdfium2.PdfiumError):
        pypdfium2.PdfDocument(path)
    doc = _read_path(path)
    assert doc.readable and doc.text.strip()


def test_a_page_pdfium_cannot_load_is_read_by_pdfplumber(monkeypatch: pytest.MonkeyPatch) -> None:
    path = SAMPLES / "weak-quality-claim" / "QC report RY QC-2608-117.pdf"
    expected = _read_path(path)

    def refuse(self: pypdfium2.PdfDocument, index: int) -> Any:
        raise pypdfium2.PdfiumError("cannot load page")

    monkeypatch.setattr(pypdfium2.PdfDocument, "__getitem__", refuse)
    doc = _read_path(path)
    assert doc.problems == []
    with pdfplumber.open(path) as plumber:
        lines, _, _ = _plumber_page(plumber.pages[0])
    assert [line.text for line in doc.pages[0].lines] == lines == [line.text for line in expected.pages[0].lines]


def test_a_page_neither_library_can_read_is_f001(monkeypatch: pytest.MonkeyPatch) -> None:
    def refuse(*args: Any, **kwargs: Any) -> Any:
        raise pypdfium2.PdfiumError("cannot load page")

    def fail(*args: Any, **kwargs: Any) -> Any:
        raise pdf_plumber.OpenFailure("damaged")

    monkeypatch.setattr(pypdfium2.PdfDocument, "__getitem__", refuse)
    monkeypatch.setattr(pdf_plumber, "open_pdf", fail)
    doc = _read_path(SAMPLES / "weak-quality-claim" / "QC report RY QC-2608-117.pdf")
    assert [(p.code, p.source.page) for p in doc.problems] == [("F001", 1)]


# --- glyphs: duplicates, (cid:) and control codes -----------------------------------


@needs_external
def test_fake_bold_glyphs_come_out_once() -> None:
    path = EXTERNAL / "pdfplumber/issue-842-example.pdf"
    doc = _read_path(path)
    assert "安徽安利合成革股份有限公司" in doc.text
    assert "安安" not in doc.text and "ANHUI ANLI ARTIFICIAL LEATHER CO.,LTD." in doc.text
    with pdfplumber.open(path) as plumber:
        drawn = len(plumber.pages[0].chars)
    kept = sum(len(word.text) for word in doc.pages[0].words)
    assert kept < drawn / 2, "every glyph of the page is drawn at least twice"


@needs_external
def test_fake_bold_dedupe_keeps_the_text_of_a_long_report() -> None:
    doc = _read_path(EXTERNAL / "pdfplumber/issue-71-duplicate-chars.pdf")
    assert "项目描述：负责四川省甘孜州" in doc.text
    assert "(cid:" not in doc.text


def _glyph(text: str, x0: float, top: float, size: float = 10.0, **extra: Any) -> dict[str, Any]:
    width = size * 0.6
    return {
        "text": text, "x0": x0, "x1": x0 + width, "top": top, "bottom": top + size,
        "doctop": top, "width": width, "height": size, "upright": True, **extra,
    }


def test_dedupe_drops_a_copy_drawn_in_another_font_2pt_lower() -> None:
    original = [_glyph(ch, 100 + 6 * i, 50) for i, ch in enumerate("AB")]
    copy = [_glyph(ch, 100.3 + 6 * i, 52) for i, ch in enumerate("AB")]
    kept = pdf_layout.dedupe(original + copy)
    assert kept == original


def test_dedupe_keeps_letters_side_by_side_in_a_tiny_font() -> None:
    tiny = [_glyph("e", 10.0, 5, size=1.0), _glyph("r", 10.6, 5, size=1.0), _glyph("e", 10.9, 5, size=1.0)]
    assert pdf_layout.dedupe(tiny) == tiny


def test_dedupe_of_aligned_columns_drops_each_copy_and_keeps_every_row() -> None:
    # A column of one digit on 2,000 rows, every third row drawn twice (fake bold), a copy across a
    # whole-point boundary of x0 (99.8 then 100.3): each row keeps one glyph, no row is lost.
    rows = [_glyph("0", 99.8, 50 + 12 * row) for row in range(2000)]
    copies = [_glyph("0", 100.3, 50.4 + 12 * row) for row in range(0, 2000, 3)]
    kept = pdf_layout.dedupe(rows + copies)
    assert kept == rows
    assert pdf_layout.dedupe(copies + rows) == rows  # the glyph drawn highest stays, whatever the order


def test_dedupe_keeps_one_of_three_copies_in_one_whole_point_of_x0() -> None:
    # Three copies stacked in one bucket: each pair is met once, from its upper glyph, and the
    # next row's glyph in the same bucket (12 pt lower) is no copy.
    copies = [_glyph("8", 100.1 + 0.2 * n, 50 + 0.3 * n) for n in range(3)]
    next_row = _glyph("8", 100.1, 62)
    assert pdf_layout.dedupe([copies[2], next_row, copies[0], copies[1]]) == [next_row, copies[0]]


def test_tables_need_a_horizontal_and_a_vertical_edge_to_cross() -> None:
    rule = {"x0": 0.0, "x1": 100.0, "top": 10.0, "bottom": 10.0, "orientation": "h"}
    side = {"x0": 0.0, "x1": 0.0, "top": 0.0, "bottom": 50.0, "orientation": "v"}
    assert not pdf_layout._can_cross([rule, {**rule, "top": 20.0, "bottom": 20.0}])
    assert not pdf_layout._can_cross([side])
    assert pdf_layout._can_cross([rule, side])


def test_dedupe_drops_a_generated_space_with_its_glyph() -> None:
    first = _glyph("2", 100, 50)
    copy = _glyph("2", 100.2, 50.2)
    space = _glyph(" ", 100.2, 50.2, anchor=copy)
    kept = pdf_layout.dedupe([first, _glyph("0", 106, 50), space, copy])
    assert space not in kept and copy not in kept and first in kept


@pytest.mark.parametrize(
    ("codes", "map_error", "expected"),
    [
        ([0x41], 0, "A"),
        ([0x03], 0, ""),
        ([0x90], 0, ""),
        ([0xFFFE], 0, ""),
        ([0xD83D, 0xDCDE], 0, "\U0001f4de"),
        ([0xD83D, 0x41], 0, ""),
        ([0xDCDE], 0, ""),
        ([0x4E2D], 0, "中"),
        ([0x4E2D], 1, ""),
        ([0xE9], 1, "é"),
        ([0x09], 0, "\t"),
    ],
)
def test_glyph_text_drops_control_codes_and_unmapped_cids(codes: list[int], map_error: int, expected: str) -> None:
    def get_unicode(textpage: Any, index: int) -> int:
        return codes[index]

    def has_map_error(textpage: Any, index: int) -> int:
        return map_error

    calls = pdf_pdfium._glyph_calls()._replace(get_unicode=get_unicode, map_error=has_map_error,
                                               is_hyphen=lambda textpage, index: 0)
    assert pdf_pdfium._text(0, 0, codes[0], calls) == expected


def test_cid_lines_from_pdfminer_are_replaced_by_pdfium_text(monkeypatch: pytest.MonkeyPatch) -> None:
    """The pdfminer fallback: a page whose fonts have no Unicode map gets pdfium's lines."""
    path = SAMPLES / "weak-quality-claim" / "QC report RY QC-2608-117.pdf"
    monkeypatch.setattr(pdf_layout, "text_lines", lambda words: ["(cid:12)(cid:7) (cid:9)"])
    doc = Document(path=str(path), sha256="", size=0, filetype="pdf", reader="pdf")
    pdf_plumber.read(path.read_bytes(), doc)
    assert "(cid:" not in doc.text
    assert "Final Inspection Report" in doc.text
    assert all(isinstance(line, TextLine) and line.source.page == 1 for line in doc.lines)


@pytest.mark.parametrize("path", SAMPLE_PDFS, ids=lambda p: p.name)
def test_no_cid_or_control_codes_reach_lines(path: Path) -> None:
    text = _read_path(path).text
    assert "(cid:" not in text
    assert not any(ord(ch) < 0x20 and ch not in "\t\n" for ch in text)


# --- pdfium specifics -----------------------------------------------------------


@needs_external
def test_spaces_pdfium_finds_between_kerned_words_split_them() -> None:
    """pdfminer glued words set apart by kerning only; the page shows spaces there."""
    doc = _read_path(EXTERNAL / "zugferd/Facture_UE_BASICWL.pdf")
    assert "Nougat de l'Abbaye 250g 8 Unit(s) 4.55 € 10% 32.76 €" in [line.text for line in doc.lines]
    doc = _read_path(EXTERNAL / "pdfplumber/senate-expenditures.pdf")
    assert doc.lines[0].text.startswith("DOCUMENT NO. DATE PAYEE NAME")


@needs_external
def test_a_space_drawn_as_its_own_text_object_still_splits_words() -> None:
    """pdfium leaves out text objects of spaces only; pdfminer's space glyph split there."""
    doc = _read_path(EXTERNAL / "pdfplumber/chelsea_pdta.pdf")
    assert "1. Mise en contexte" in [line.text for line in doc.lines]


@needs_external
def test_a_line_end_hyphen_stays_on_its_line() -> None:
    doc = _read_path(EXTERNAL / "pdfplumber/issue-71-duplicate-chars-2.pdf")
    lines = [line.text for line in doc.lines]
    assert "-" not in lines
    assert any(line.endswith("diagnostiquer un trouble acido-") for line in lines)


@needs_external
@pytest.mark.parametrize(
    "relative", ["unstructured/pdf/rotated-page-90.pdf", "pdfplumber/nics-background-checks-2015-11-rotated.pdf"]
)
def test_rotated_pages_are_laid_out_as_pdfplumber_does(relative: str) -> None:
    path = EXTERNAL / relative
    doc = _read_path(path)
    with pdfplumber.open(path) as plumber:
        raw = plumber.pages[0]
        _, words, _ = _plumber_page(raw)
        assert (doc.pages[0].width, doc.pages[0].height) == (float(raw.width), float(raw.height))
        assert raw.rotation == 90
    got = {(w.text, round(w.x0), round(w.top)) for w in doc.pages[0].words}
    want = {(w["text"], round(w["x0"]), round(w["top"])) for w in words}
    assert len(got & want) >= 0.9 * len(want)


@needs_external
def test_table_edges_come_from_pdfium_paths() -> None:
    path = EXTERNAL / "pdfplumber/150109DSP-Milw-505-90D.pdf"
    document = pypdfium2.PdfDocument(path)
    with pdfplumber.open(path) as plumber:
        for index, raw in enumerate(plumber.pages):
            page = document[index]
            edges, _ = pdf_objects.page_objects(page.raw, pdf_pdfium.PageGeometry(page.raw))
            page.close()

            def key(edge: dict[str, Any]) -> tuple[Any, ...]:
                box = tuple(round(edge[k], 2) for k in ("x0", "top", "x1", "bottom"))
                return edge["object_type"], edge["orientation"], *box

            assert sorted(map(key, edges)) == sorted(map(key, raw.edges))
    document.close()


# --- progress and memory ------------------------------------------------------------


def test_progress_is_told_once_per_page_in_order() -> None:
    told: list[int] = []
    progress.listen(lambda event, number: told.append(number) if event == "page" else None)
    try:
        doc = _read(_synthetic_pdf(5))
    finally:
        progress.listen(None)
    assert told == [1, 2, 3, 4, 5]
    assert [page.number for page in doc.pages] == told


def test_every_page_and_text_page_is_closed(monkeypatch: pytest.MonkeyPatch) -> None:
    opened: list[str] = []
    closed: list[str] = []
    original_textpage = pypdfium2.PdfPage.get_textpage
    original_page_close = pypdfium2.PdfPage.close
    original_text_close = pypdfium2.PdfTextPage.close
    original_getitem = pypdfium2.PdfDocument.__getitem__

    def getitem(self: Any, index: int) -> Any:
        opened.append("page")
        return original_getitem(self, index)

    def textpage(self: Any, *args: Any, **kwargs: Any) -> Any:
        opened.append("text")
        return original_textpage(self, *args, **kwargs)

    def close_page(self: Any, *args: Any, **kwargs: Any) -> Any:
        closed.append("page")
        return original_page_close(self, *args, **kwargs)

    def close_text(self: Any, *args: Any, **kwargs: Any) -> Any:
        closed.append("text")
        return original_text_close(self, *args, **kwargs)

    monkeypatch.setattr(pypdfium2.PdfDocument, "__getitem__", getitem)
    monkeypatch.setattr(pypdfium2.PdfPage, "get_textpage", textpage)
    monkeypatch.setattr(pypdfium2.PdfPage, "close", close_page)
    monkeypatch.setattr(pypdfium2.PdfTextPage, "close", close_text)
    _read(_synthetic_pdf(4))
    assert opened.count("page") == 4 and opened.count("text") == 4
    assert closed.count("page") >= 4 and closed.count("text") >= 4


def test_reopening_the_document_on_long_files_changes_nothing(monkeypatch: pytest.MonkeyPatch) -> None:
    data = _synthetic_pdf(5)
    once = document_to_dict(_read(data), include_words=True)
    opens: list[bytes] = []
    original = pypdfium2.PdfDocument.__init__

    def counting_init(self: Any, source: Any, *args: Any, **kwargs: Any) -> None:
        opens.append(source)
        original(self, source, *args, **kwargs)

    monkeypatch.setattr(pdf, "PAGES_PER_OPEN", 2)
    monkeypatch.setattr(pypdfium2.PdfDocument, "__init__", counting_init)
    assert document_to_dict(_read(data), include_words=True) == once
    assert len(opens) == 3  # pages 1-2, 3-4, 5


def test_cid_codes_are_taken_out_when_pdfium_has_no_text(monkeypatch: pytest.MonkeyPatch) -> None:
    path = SAMPLES / "weak-quality-claim" / "QC report RY QC-2608-117.pdf"
    monkeypatch.setattr(pdf_layout, "text_lines", lambda words: ["(cid:12)(cid:7)", "Total (cid:9) 42"])
    monkeypatch.setattr(pdf_plumber, "_pdfium_lines", lambda data, index, path: [])
    doc = Document(path=str(path), sha256="", size=0, filetype="pdf", reader="pdf")
    pdf_plumber.read(path.read_bytes(), doc)
    assert [(line.text, line.source.line) for line in doc.lines] == [("Total 42", 1)]


def test_a_page_without_a_pdfium_text_page_is_read_by_pdfplumber(monkeypatch: pytest.MonkeyPatch) -> None:
    path = SAMPLES / "weak-quality-claim" / "QC report RY QC-2608-117.pdf"
    expected = [line.text for line in _read_path(path).lines]

    def refuse(self: Any, *args: Any, **kwargs: Any) -> Any:
        raise pypdfium2.PdfiumError("Failed to load text page.")

    monkeypatch.setattr(pypdfium2.PdfPage, "get_textpage", refuse)
    doc = _read_path(path)
    assert doc.problems == []
    assert [line.text for line in doc.lines] == expected


def test_a_page_is_a_scan_below_min_page_chars_printed_chars() -> None:
    from evidence import ocr
    from evidence.readers.pdf_scans import Scans

    enough = ocr.settings()["min_page_chars"]
    printed = [_glyph("7", 10.0 + 6 * n, 50) for n in range(enough)]
    blanks = [_glyph(" ", 10.0, 70)] * 100
    assert Scans().needs_ocr(blanks + printed[:-1])
    assert not Scans().needs_ocr(blanks + printed)
    assert Scans().needs_ocr([])


def test_words_spell_out_ligatures_and_take_the_box_of_their_chars() -> None:
    chars = [_glyph("ﬁ", 10.0, 50), _glyph("x", 16.0, 49, size=12.0), _glyph("e", 22.0, 50)]
    (word,) = pdf_layout.words(chars)
    assert word["text"] == "fixe"
    assert (word["x0"], word["top"], word["x1"], word["bottom"]) == (10.0, 49, 22.0 + 6.0, 61.0)
    (plain,) = pdf_layout.words([_glyph("o", 10.0, 50), _glyph("k", 16.0, 50)])
    assert plain["text"] == "ok"


@needs_external
def test_a_pdf_reads_the_same_after_a_scan_was_rendered_in_the_same_process() -> None:
    # Rendering loads fonts into pdfium's process-wide caches; a PDF with an unembedded font read
    # afterwards got other glyph boxes. Scans are rendered in a forked process, so it no longer does.
    script = (
        "import sys\n"
        "from pathlib import Path\n"
        "from evidence.readers import read_file\n"
        "from evidence.bundle import describe\n"
        "def words(path):\n"
        "    doc = read_file(describe(path.name, path.read_bytes()))\n"
        "    return [(w.text, w.x0, w.x1) for page in doc.pages for w in page.words]\n"
        "text, scan = Path(sys.argv[1]), Path(sys.argv[2])\n"
        "first = words(text)\n"
        "read_file(describe(scan.name, scan.read_bytes()))\n"
        "print(words(text) == first and bool(first))\n"
    )
    folder = EXTERNAL / "pdfplumber"
    done = subprocess.run([sys.executable, "-c", script, folder / "issue-912.pdf",
                           folder / "malformed-from-issue-932.pdf"], capture_output=True, text=True, check=True)
    assert done.stdout.strip() == "True"
