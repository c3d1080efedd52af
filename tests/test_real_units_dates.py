"""Quantities with units and dates as real documents print them: one test per capability, with must-not cases."""

from __future__ import annotations

from decimal import Decimal

import pytest

from evidence.extract.kinds import shipping
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
