"""Quantities with units and dates as real documents print them: one test per capability, with must-not cases."""

from __future__ import annotations

from decimal import Decimal
from typing import Any

import pytest

from evidence.extract.kinds import invoice, shipping
from evidence.extract.reading import Reading
from evidence.normalize.date_order import decide_date_order
from evidence.normalize.dates import date_in, english_months, find_dates
from evidence.normalize.quantities import canonical_unit, find_measures, find_quantities, in_base, to_base, units
from evidence.reference_data import load_data
from tests.conftest import text_doc, valid_values


# ---------------------------------------------------------------- units data


def test_every_unit_of_the_data_converts() -> None:
    """Every canonical name and alias of units.json is known to the conversion, and converts consistently."""
    data = load_data("units")
    for name, entry in data["units"].items():
        assert canonical_unit(name) == name, name
        for alias in [*entry["aliases"], *entry.get("exact", []), *entry.get("guarded", [])]:
            assert canonical_unit(alias) == name, (alias, name)
            value, base = to_base(Decimal(2), alias)
            if "factor" in entry:
                assert base == data["bases"][entry["kind"]]
                assert value == 2 * Decimal(entry["factor"])
            else:
                assert (value, base) == (Decimal(2), name)


def test_units_data_is_consistent() -> None:
    """Kinds are known, convertible kinds have factors, and no alias names two units."""
    data = load_data("units")
    seen: dict[str, str] = {}
    for name, entry in data["units"].items():
        assert entry["kind"] in {"count", "other", *data["bases"]}, name
        assert ("factor" in entry) == (entry["kind"] in data["bases"]), name
        for alias in entry["aliases"]:
            assert seen.setdefault(alias.lower(), name) == name, alias
    for unit in units().values():
        if unit.factor is not None:
            assert unit.factor > 0


def test_an_unknown_unit_is_no_quantity() -> None:
    assert in_base(Decimal(5), "furlong-ish") is None
    with pytest.raises(ValueError):
        to_base(Decimal(5), "furlong-ish")


# ---------------------------------------------------------------- tonnes and kelvin


@pytest.mark.parametrize("text", ["12.5 MT", "12.5 t", "12.5 tonnes", "12.5 metric tons", "12.5吨"])
def test_tonnes(text: str) -> None:
    found = find_quantities(text)
    assert [(q.value, q.unit, q.kind) for q in found] == [(Decimal("12.5"), "t", "mass")]
    assert to_base(found[0].value, found[0].unit or "") == (Decimal("12500000.0"), "g")


@pytest.mark.parametrize("text", ["3 t-shirts", "3 T-shirts", "12 tees", "it is 5 to 6"])
def test_not_tonnes(text: str) -> None:
    assert [q for q in find_quantities(text) if q.unit == "t"] == []


def test_kelvin_is_a_measure_not_a_quantity() -> None:
    assert [(m.value, m.unit) for m in find_measures("Colour temperature 6500K")] == [(Decimal(6500), "K")]
    assert find_quantities("Colour temperature 6500K") == []
    assert [m for m in find_measures("Model 5K") if m.unit == "K"] == []


def test_bill_of_lading_in_tonnes_reads_its_weight() -> None:
    text = (
        "BILL OF LADING\nB/L No.: ABCD1234567\nShipper: Example Works Ltd.\n"
        "Gross Weight: 12.5 MT\n20 PALLETS STEEL COILS 12.5 MT\n"
    )
    values = valid_values(shipping.extract, text_doc(text), "shipping_document")
    assert values["gross_weight"] == 12500


def test_a_weight_in_an_unconvertible_unit_is_no_weight() -> None:
    text = "BILL OF LADING\nB/L No.: ABCD1234567\nGross Weight: 40 K\n"
    values = valid_values(shipping.extract, text_doc(text), "shipping_document")
    assert "gross_weight" not in values


# ---------------------------------------------------------------- quantities of an order


def _invoice(text: str, tables: list[list[list[str | None]]] | None = None) -> dict[str, Any]:
    return valid_values(invoice.extract, text_doc(text, "pi.pdf", tables), "proforma_invoice")


_PI_HEAD = "PROFORMA INVOICE\nPI No.: PI-7788\nDate: 2025-03-01\nSeller: Example Works Ltd.\n"


def test_items_summed_when_no_total_is_printed() -> None:
    table = [
        ["Description", "Unit Cube", "Quantity", "Unit Price", "Amount"],
        ["Oak table", "12.50", "5", "$100.00", "$500.00"],
        ["Oak chair", "3.20", "20", "$25.00", "$500.00"],
    ]
    values = _invoice(_PI_HEAD + "TOTAL USD 1,000.00\n", [table])
    assert values["quantity"] == 25  # a figure under 'Unit Cube' is no unit, so the rows share one


def test_a_charge_row_without_quantity_is_not_goods() -> None:
    table = [
        ["Description", "Quantity", "Unit Price", "Amount"],
        ["Desk lamp", "5 pcs", "10.00", "50.00"],
        ["Shipping cost", "", "14.50", "14.50"],
    ]
    assert _invoice(_PI_HEAD, [table])["quantity"] == 5


def test_a_goods_row_without_quantity_leaves_the_sum_unknown() -> None:
    table = [
        ["Description", "Quantity", "Unit Price", "Amount"],
        ["Desk lamp", "5 pcs", "10.00", "50.00"],
        ["Floor lamp", "", "30.00", "90.00"],
    ]
    assert "quantity" not in _invoice(_PI_HEAD, [table])


def test_items_in_different_units_are_not_summed() -> None:
    table = [
        ["Description", "Quantity", "Unit Price", "Amount"],
        ["Cable", "100 m", "1.00", "100.00"],
        ["Plug", "50 pcs", "2.00", "100.00"],
    ]
    assert "quantity" not in _invoice(_PI_HEAD, [table])


def test_total_row_quantity_is_not_overwritten_by_a_later_note() -> None:
    table = [
        ["Description", "Quantity", "Unit Price", "Amount"],
        ["Sofa", "5", "$300.00", "$1,500.00"],
        ["Chair", "8", "$100.00", "$800.00"],
        ["TOTAL", "13", "", ""],
        ["Note: colour panels for the first order, 6 pcs of each, TOTAL", "", "", ""],
    ]
    assert _invoice(_PI_HEAD, [table])["quantity"] == 13


def test_count_written_with_a_slash_unit_in_a_text_row() -> None:
    text = _PI_HEAD + "Item Description Order Qty/Unit Net price Per/Unit Net Value\n10 Wooden pallets 510/EA 5.05 USD 1/EA 2,575.50\n"
    values = _invoice(text)
    assert (values["quantity"], values["quantity_unit"]) == (510, "pcs")


def test_a_price_per_piece_is_not_a_count() -> None:
    text = _PI_HEAD + "Description Qty Unit Price Amount\nDesk lamp 40 pcs $5/pc 200.00\nLamp shade 40 pcs USD 2/pc 80.00\n"
    assert _invoice(text).get("quantity") not in (5, 2, 45, 42)


# ---------------------------------------------------------------- pieces and packages on shipping documents


def _shipping(text: str, tables: list[list[list[str | None]]] | None = None) -> dict[str, Any]:
    return valid_values(shipping.extract, text_doc(text, "pl.pdf", tables), "shipping_document")


def test_packing_list_goods_table_gives_the_pieces() -> None:
    table = [
        ["No.", "Goods name", "Unit", "Quantity", "Remarks"],
        ["1", "Insulation box 100mm", "个", "3", ""],
        ["2", "Insulation box 200mm", "个", "4", ""],
        ["合计", "", "", "7", ""],
    ]
    assert _shipping("装箱单\n装箱单号: 6\n", [table])["quantity"] == 7


def test_a_table_counting_cartons_gives_no_pieces() -> None:
    table = [
        ["No.", "Goods name", "Unit", "Quantity"],
        ["1", "Sofa", "CTNS", "20"],
        ["2", "Chair", "CTNS", "27"],
    ]
    values = _shipping("PACKING LIST\nPacking List No.: PL-1\n", [table])
    assert "quantity" not in values


def test_cartons_are_packages_not_pieces() -> None:
    values = _shipping("BILL OF LADING\nB/L No.: ABCD1234567\nDescription of goods\n47 CTNS\nSOFA\n")
    assert values.get("packages") == 47
    assert "quantity" not in values


# ---------------------------------------------------------------- dates


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("15 de marzo de 2025", "2025-03-15"),
        ("1 de mayo del 2025", "2025-05-01"),
        ("15 de março de 2025", "2025-03-15"),
        ("3 maggio 2025", "2025-05-03"),
        ("3 mei 2025", "2025-05-03"),
        ("3 Kasım 2025", "2025-11-03"),
        ("3 janv. 2025", "2025-01-03"),
        ("3. Okt. 2025", "2025-10-03"),
        ("3 五月 2025", "2025-05-03"),
    ],
)
def test_month_names_in_other_languages(text: str, expected: str) -> None:
    assert date_in(english_months(text), None) == expected


@pytest.mark.parametrize("text", ["sold out 5 2025", "2 years ago 2025", "iPad Gen 5 2025", "Nissan 5 2025 model"])
def test_english_words_are_not_month_names(text: str) -> None:
    assert date_in(english_months(text), None) is None


def test_a_printed_format_label_settles_the_order() -> None:
    assert decide_date_order(["DATE (MM/DD/YY)", "11 / 04 / 25"]) == ("mdy", False)
    assert decide_date_order(["Datum (TT.MM.JJJJ): 04.08.2026"]) == ("dmy", False)
    assert decide_date_order(["Date JJ/MM/AAAA 04/08/2026"]) == ("dmy", False)
    # Labels that contradict each other settle nothing: the order stays a guess.
    assert decide_date_order(["MM/DD/YYYY 04/08/2026", "DD/MM/YYYY"]) == ("dmy", True)


def test_spaced_separators_and_two_digit_years() -> None:
    found = find_dates("DATE 11 / 04 / 25", "mdy")
    assert [(d.value.isoformat() if d.value else None) for d in found] == ["2025-11-04"]
    assert find_dates("10 / 12 / 25 pcs") == []  # a count, not a date
    assert [q.value for q in find_quantities("10 / 12 / 25 pcs")] == [Decimal(25)]


def test_a_guessed_ship_by_date_never_decides() -> None:
    guessed = Reading.of(text_doc("PROFORMA INVOICE\nLatest shipment date: 04/08/2026\n"))
    assert guessed.order_guessed and guessed.settled_date("ship_by") is None
    labeled = Reading.of(text_doc("PROFORMA INVOICE\nDATE (MM/DD/YYYY)\nLatest shipment date: 04/08/2026\n"))
    assert not labeled.order_guessed
    assert labeled.settled_date("ship_by")[0] == "2026-04-08"  # type: ignore[index]
