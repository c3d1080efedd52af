"""The one Reading every extractor uses: labeled values by layout, the day/month order, look-ups."""

from __future__ import annotations

from evidence.extract import extract
from evidence.extract.reading import FORM_LAYOUTS, TERMS_LAYOUTS, Reading
from tests.conftest import text_doc

FORM = "Inspection Report\nReport No.: VT-1\nDate: 04/08/2026\n"
GRID = [[["Report No.", "VT-2"], ["Client", "Kestrel Pty Ltd"]]]  # one table of two rows


def test_a_form_reads_its_cells_before_its_lines() -> None:
    reading = Reading.of(text_doc(FORM, tables=GRID), FORM_LAYOUTS)
    assert [item.value for item in reading.values("report_number")] == ["VT-2", "VT-1"]
    assert reading.identifier("report_number") is not None
    assert reading.identifier("report_number")[0] == "VT-2"


def test_terms_read_lines_and_leave_table_cells_to_the_item_reader() -> None:
    reading = Reading.of(text_doc(FORM, tables=GRID), TERMS_LAYOUTS)
    assert [item.value for item in reading.values("report_number")] == ["VT-1"]


def test_a_guessed_order_reads_dates_but_is_not_settled() -> None:
    reading = Reading.of(text_doc(FORM))
    assert (reading.order, reading.order_guessed, reading.settled_order) == ("dmy", True, None)
    assert reading.date("document_date") is not None
    assert reading.date("document_date")[0] == "2026-08-04"
    assert reading.settled_date("document_date") is None  # a guess must not decide it


def test_a_settled_order_is_used_everywhere() -> None:
    reading = Reading.of(text_doc(FORM + "Shipped: 25/08/2026\n"))
    assert (reading.order, reading.order_guessed) == ("dmy", False)
    assert reading.settled_date("document_date")[0] == "2026-08-04"  # type: ignore[index]


def test_month_names_of_other_languages_are_dates() -> None:
    reading = Reading.of(text_doc("Rechnung\nDatum: 7. Mai 2014\n"))
    assert reading.date("document_date") is not None
    assert reading.date("document_date")[0] == "2014-05-07"


def test_lines_by_source() -> None:
    reading = Reading.of(text_doc(FORM))
    found = reading.values("report_number")[0]
    assert reading.line_text(found.source) == "Report No.: VT-1"


def test_an_invoice_flags_a_date_read_in_a_guessed_order() -> None:
    record = extract(text_doc("PROFORMA INVOICE\nPI No.: PI-2026-001\nDate: 04/08/2026\n", "pi.pdf"))
    assert record.get("document_date") == "2026-08-04"
    assert record.get("document_date_ambiguous") is True
    assert any("day or month first" in note for note in record.notes)


def test_schema_problems_stay_on_the_record() -> None:
    doc = text_doc("PROFORMA INVOICE\nPI No.: PI-2026-001\n", "pi.pdf")
    record = extract(doc)
    assert doc.problems == []
    assert record.problems == []


def test_a_label_wrapped_in_a_narrow_column_is_joined() -> None:
    doc = text_doc("Vendo Northwind Fittings Co., Ltd. Ship To Harbour Traders\nr Building 4, Lane 9\n")
    lines = Reading.of(doc).doc.lines
    assert lines[0].text.startswith("Vendor Northwind")
    assert lines[1].text == "Building 4, Lane 9"
    assert lines[0].source == doc.lines[0].source


def test_a_sentence_wrapped_after_a_word_stays_as_written() -> None:
    doc = text_doc("Ship\nto Hamburg by sea\nPacking\nlist follows\n")
    assert [line.text for line in Reading.of(doc).doc.lines] == ["Ship", "to Hamburg by sea", "Packing", "list follows"]


def test_a_number_cut_after_its_hyphen_at_a_line_break_is_whole_again() -> None:
    doc = text_doc("Trade Assurance order 24558103-\n72219904, as per PI LT-9\nTel: 0755-\n")
    lines = [line.text for line in Reading.of(doc).doc.lines]
    assert lines[:2] == ["Trade Assurance order 24558103-72219904", ", as per PI LT-9"]
    assert lines[2] == "Tel: 0755-"  # nothing follows: left as written


def test_a_reading_error_that_wraps_a_traceback_is_told_by_its_cause() -> None:
    from evidence.readers import _one_line

    class EngineError(Exception):
        pass

    wrapped = EngineError('Traceback (most recent call last):\n  File "x.py", line 1, in run\n'
                          "RuntimeError: Failed to allocate memory for requested buffer of size 1024\n")
    assert _one_line(wrapped) == "EngineError: RuntimeError: Failed to allocate memory for requested buffer of size 1024"
    assert _one_line(ValueError("bad xref\nmore")) == "ValueError: bad xref"
    assert _one_line(ValueError()) == "ValueError"
