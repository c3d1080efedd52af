from __future__ import annotations

import pytest

from evidence.extract.labels import labeled_values, line_to_labeled
from evidence.readers import read_path
from evidence.records import Source, TextLine
from tests.conftest import EXTERNAL, SAMPLES, needs_external


def _pairs(text: str, following: str | None = None) -> list[tuple[str, str]]:
    line = TextLine(text, Source("pi.pdf", page=1, line=3))
    after = TextLine(following, Source("pi.pdf", page=1, line=4)) if following is not None else None
    return [(item.field, item.value) for item in line_to_labeled(line, after)]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Invoice No.: INV-2026-118", [("invoice_number", "INV-2026-118")]),
        ("发票号 PI No.: HY-PI-2026-0817", [("pi_number", "HY-PI-2026-0817")]),  # bilingual twin labels
        ("PI No. 编号: | RY-20260720-03", [("pi_number", "RY-20260720-03")]),  # spreadsheet cells
        ("Date: 2026-08-17    Order No.: 2381093617405528",
         [("document_date", "2026-08-17"), ("order_number", "2381093617405528")]),
        ("交货期：收到定金后35天", [("ship_by", "收到定金后35天")]),
        ("Rechnungsnr. 30064443", [("invoice_number", "30064443")]),
        ("The delivery date will be confirmed later by the factory.", []),  # prose, not a label
        # A bare "No." or "#" labels the document only where a field starts; after a word it is that word's number.
        ("No.: 4471-B", [("document_number", "4471-B")]),
        ("Container & Seal No.: TGHU8812003 / 55102", []),
        ("Resource #: 7781230", []),
        ("LC Reference No.: LC/KX/0312/004", [("lc_number", "LC/KX/0312/004")]),
    ],
)
def test_line_layouts(text: str, expected: list[tuple[str, str]]) -> None:
    assert _pairs(text) == expected


def test_label_alone_takes_the_next_line() -> None:
    assert _pairs("Invoice Number", "42183017") == [("invoice_number", "42183017")]


def test_values_keep_their_source_cell() -> None:
    doc = read_path(SAMPLES / "weak-quality-claim" / "PI RY-20260720-03.xlsx")
    order = next(item for item in labeled_values(doc) if item.field == "order_number")
    assert order.value == "2390517784620931"
    assert order.source.cell == "PI!A4"


@needs_external
def test_external_invoice_labels() -> None:
    values = labeled_values(read_path(EXTERNAL / "invoice2data/compare/NetpresseInvoice.pdf"))
    assert ("invoice_number", "2022089083") in [(v.field, v.value) for v in values]
    assert ("total", "56,02 €") in [(v.field, v.value) for v in values]


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ("2456 7812 3456 7890", "2456781234567890"),  # a TA order number printed in groups
        ("HY-PI-2026-0817 (rev. 2)", "HY-PI-2026-0817"),
        ("2026 500 pcs", "2026"),  # two figures are not one grouped number
        ("100 200 300.50", "100"),
        ("No. 12 Jinhai Road", None),
    ],
)
def test_identifier_in(value: str, expected: str | None) -> None:
    from evidence.normalize.identifiers import identifier_in

    assert identifier_in(value) == expected
