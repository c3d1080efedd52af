"""extract.parts.spec_columns: specifications laid out a column per attribute, the unit in the header."""

from __future__ import annotations

from evidence.extract.parts.spec_columns import column_specs
from tests.conftest import text_doc


def _read(text: str) -> list[tuple[str, str | None, float | None, str | None, str | None]]:
    return [(s.item.key or "", s.product, float(s.item.number) if s.item.number is not None else None, s.item.unit,
             s.item.tolerance) for s in column_specs(text_doc(text, "pi.txt"))]


def test_units_in_the_headers_apply_to_bare_figures() -> None:
    text = (
        "Model     Capacity (ml)   Height (mm)   Weight 重量 (g)\n"
        "SV-F500   500 ±10         235 ±2        330 ±10\n"
        "SV-F750   750 ±15         275 ±2        410 ±10\n"
        "\n"
        "Payment: via Alibaba.com Trade Assurance\n"
    )
    assert _read(text) == [
        ("capacity", "SV-F500", 500.0, "ml", "±10"), ("height", "SV-F500", 235.0, "mm", "±2"),
        ("weight", "SV-F500", 330.0, "g", "±10"), ("capacity", "SV-F750", 750.0, "ml", "±15"),
        ("height", "SV-F750", 275.0, "mm", "±2"), ("weight", "SV-F750", 410.0, "g", "±10"),
    ]


def test_an_attribute_column_of_the_item_table() -> None:
    text = (
        "Item  Model     Description                          Capacity   Qty         Unit Price   Amount\n"
        "1     CV-J500   Borosilicate glass jar, bamboo lid   500 ml     3,000 pcs   USD 1.85     USD 5,550.00\n"
        "                                                     Total:     3,000 pcs                USD 5,550.00\n"
    )
    assert _read(text) == [("capacity", "CV-J500", 500.0, "ml", None)]


def test_pipe_cells() -> None:
    text = "| Model | Diameter (mm) | Colour |\n| LM-DL12 | 120 ±1 | white RAL 9016 |\n"
    assert _read(text) == [("diameter", "LM-DL12", 120.0, "mm", "±1"), ("color", "LM-DL12", 9016.0, None, None)]


def test_a_packing_table_is_no_specification() -> None:
    text = "Model     Carton size (cm)   N.W. (kg)   G.W. (kg)\nSV-F500   52 x 38 x 30       9.6         10.8\n"
    assert _read(text) == []


def test_a_bare_weight_in_an_item_table_is_left_alone() -> None:
    text = (
        "Item  Description        Weight   Qty         Unit Price   Amount\n"
        "1     Cast iron pan      12.5     1,000 pcs   USD 6.00     USD 6,000.00\n"
    )
    assert _read(text) == []


def test_a_two_column_attribute_table_is_not_a_column_table() -> None:
    assert _read("| Power 功率 | 12 W ±5% |\n| Diameter 直径 | 120 mm ±1 mm |\n") == []
