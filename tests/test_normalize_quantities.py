"""Order quantities and specification measures with their tolerances."""

from __future__ import annotations

from decimal import Decimal

import pytest

from evidence.normalize.quantities import (
    Measure,
    canonical_unit,
    find_measures,
    find_quantities,
    parse_quantity,
    to_base,
)

D = Decimal


# ---------------------------------------------------------------- quantities


@pytest.mark.parametrize(
    ("text", "value", "unit", "kind", "written"),
    [
        ("5,000 pcs", "5000", "pcs", "count", "5,000 pcs"),
        ("5000PCS", "5000", "pcs", "count", "5000PCS"),
        ("Quantity: 5,000 pieces", "5000", "pcs", "count", "5,000 pieces"),
        ("Menge: 5.000 pcs", "5000", "pcs", "count", "5.000 pcs"),  # European thousands in a count
        ("200 sets", "200", "sets", "count", "200 sets"),
        ("1 set", "1", "sets", "count", "1 set"),
        ("300 pairs", "300", "pairs", "count", "300 pairs"),
        ("120 cartons", "120", "cartons", "count", "120 cartons"),
        ("Total: 120 CTNS", "120", "cartons", "count", "120 CTNS"),
        ("50 rolls", "50", "rolls", "count", "50 rolls"),
        ("10 dozen", "10", "dozens", "count", "10 dozen"),
        ("5000件", "5000", "pcs", "count", "5000件"),
        ("数量：5000个", "5000", "pcs", "count", "5000个"),
        ("200套", "200", "sets", "count", "200套"),
        ("120箱", "120", "cartons", "count", "120箱"),
        ("300双", "300", "pairs", "count", "300双"),
        ("50卷", "50", "rolls", "count", "50卷"),
        ("10台", "10", "units", "count", "10台"),
        ("１２０箱", "120", "cartons", "count", "１２０箱"),
        ("N.W. 12.5 kg", "12.5", "kg", "mass", "12.5 kg"),
        ("G.W.: 15KGS", "15", "kg", "mass", "15KGS"),
        ("1,000 meters", "1000", "m", "length", "1,000 meters"),
        ("2.5 CBM", "2.5", "m3", "volume", "2.5 CBM"),
        ("500 sqm", "500", "m2", "area", "500 sqm"),
        ("3吨", "3", "t", "mass", "3吨"),
    ],
)
def test_one_quantity(text: str, value: str, unit: str, kind: str, written: str) -> None:
    found = find_quantities(text)
    assert [(q.value, q.unit, q.kind, q.text) for q in found] == [(D(value), unit, kind, written)]
    assert text[found[0].start : found[0].end] == written


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("120 ctns x 50 pcs/ctn", [("120", "cartons"), ("50", "pcs")]),
        ("5,000 pcs x US$2.50 = US$12,500.00", [("5000", "pcs")]),
        ("Qty 5000 pcs, N.W. 12.5 kg, G.W. 14 kg", [("5000", "pcs"), ("12.5", "kg"), ("14", "kg")]),
        ("750 ml ±10 ml", [("750", "ml")]),  # the tolerance is not a quantity
    ],
)
def test_several_quantities(text: str, expected: list[tuple[str, str]]) -> None:
    assert [(q.value, q.unit) for q in find_quantities(text)] == [(D(v), u) for v, u in expected]


@pytest.mark.parametrize(
    "text",
    [
        "1 x 20' GP",
        "1x40HQ",
        "Qty: 5000",
        "40 x 30 x 20 cm",
        "50*40*30cm",
        "100-200 pcs",
        "3个月",
        "35个工作日",
        "5块钱",
        "US$2.50/pc",
        "SUS304",
        "5 in stock",
        "Size M",
        "Date: 2026-09-05",
        "±10 ml",
    ],
)
def test_not_quantities(text: str) -> None:
    assert find_quantities(text) == []


@pytest.mark.parametrize(
    ("text", "value", "unit"),
    [
        ("Qty: 5000", "5000", None),
        ("5,000", "5000", None),
        ("5.000", "5000", None),
        ("12.5", "12.5", None),
        ("5000 PCS", "5000", "pcs"),
        ("１２０箱", "120", "cartons"),
    ],
)
def test_parse_quantity(text: str, value: str, unit: str | None) -> None:
    found = parse_quantity(text)
    assert found is not None
    assert (found.value, found.unit, found.kind if unit is None else "count") == (D(value), unit, "count")


@pytest.mark.parametrize("text", ["", "n/a", "5000 / 6000", "2026-09-05"])
def test_parse_quantity_rejects(text: str) -> None:
    assert parse_quantity(text) is None


# ---------------------------------------------------------------- measures


def summary(m: Measure) -> tuple[object, ...]:
    return (m.value, m.unit, m.kind, m.tolerance_plus, m.tolerance_minus, m.tolerance_unit, m.limit)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("750 ml ±10 ml", (D(750), "ml", "volume", D(10), D(10), "ml", None)),
        ("0.5mm ±0.05", (D("0.5"), "mm", "length", D("0.05"), D("0.05"), "mm", None)),
        ("320 g (+/- 5 g)", (D(320), "g", "mass", D(5), D(5), "g", None)),
        ("320g +-5g", (D(320), "g", "mass", D(5), D(5), "g", None)),
        ("Ø 72 mm", (D(72), "mm", "length", None, None, None, None)),
        ("φ72mm", (D(72), "mm", "length", None, None, None, None)),
        ("72±0.5mm", (D(72), "mm", "length", D("0.5"), D("0.5"), "mm", None)),
        ("750 ml ±2%", (D(750), "ml", "volume", D(2), D(2), "%", None)),
        ("Thickness 0.5 +0.2/-0.1 mm", (D("0.5"), "mm", "length", D("0.2"), D("0.1"), "mm", None)),
        ("26 cm (tolerance ±1 cm)", (D(26), "cm", "length", D(1), D(1), "cm", None)),
        ("26 cm, tol. ±1 cm", (D(26), "cm", "length", D(1), D(1), "cm", None)),
        ("750毫升±10毫升", (D(750), "ml", "volume", D(10), D(10), "ml", None)),
        ("厚度0.5毫米", (D("0.5"), "mm", "length", None, None, None, None)),
        ("重量：500克", (D(500), "g", "mass", None, None, None, None)),
        ("10-12 mm", (D(10), "mm", "length", D(2), D(0), "mm", None)),
        ("≤ 0.5 mm", (D("0.5"), "mm", "length", None, None, None, "max")),
        ("max. 2 mm", (D(2), "mm", "length", None, None, None, "max")),
        ("min 10 kg", (D(10), "kg", "mass", None, None, None, "min")),
        ("5mm以上", (D(5), "mm", "length", None, None, None, "min")),
        ('15.6" LCD', (D("15.6"), "inch", "length", None, None, None, None)),
        ("Capacity 1.5L", (D("1.5"), "l", "volume", None, None, None, None)),
        ("Load 10 kg", (D(10), "kg", "mass", None, None, None, None)),
        ("Cotton 95%", (D(95), "%", "other", None, None, None, None)),
        ("5 W", (D(5), "W", "other", None, None, None, None)),
        ("0,5 mm", (D("0.5"), "mm", "length", None, None, None, None)),
    ],
)
def test_one_measure(text: str, expected: tuple[object, ...]) -> None:
    found = find_measures(text)
    assert [summary(m) for m in found] == [expected]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("±2%", (None, None, "other", D(2), D(2), "%", None)),
        ("+0.2/-0.1 mm", (None, None, "length", D("0.2"), D("0.1"), "mm", None)),
        ("公差±0.5mm", (None, None, "length", D("0.5"), D("0.5"), "mm", None)),
        ("Tolerance: +/-1mm", (None, None, "length", D(1), D(1), "mm", None)),
    ],
)
def test_tolerance_alone(text: str, expected: tuple[object, ...]) -> None:
    assert [summary(m) for m in find_measures(text)] == [expected]


@pytest.mark.parametrize(
    ("text", "values", "unit"),
    [
        ("L x W x H: 40 x 30 x 20 cm", ["40", "30", "20"], "cm"),
        ("Carton size: 50*40*30cm", ["50", "40", "30"], "cm"),
        ("40cm × 30cm × 20cm", ["40", "30", "20"], "cm"),
        ("Ø72 x 250 mm", ["72", "250"], "mm"),
    ],
)
def test_dimensions_share_the_unit(text: str, values: list[str], unit: str) -> None:
    found = find_measures(text)
    assert [(m.value, m.unit, m.kind) for m in found] == [(D(v), unit, "length") for v in values]


def test_dimension_tolerance_applies_to_every_figure() -> None:
    found = find_measures("40 x 30 x 20 cm ±0.5 cm")
    assert [(m.value, m.tolerance_plus, m.tolerance_unit) for m in found] == [
        (D(40), D("0.5"), "cm"),
        (D(30), D("0.5"), "cm"),
        (D(20), D("0.5"), "cm"),
    ]


def test_two_measures_in_a_line() -> None:
    found = find_measures("Capacity 750 ml ±10 ml, weight 320 g")
    assert [(m.value, m.unit, m.text) for m in found] == [(D(750), "ml", "750 ml ±10 ml"), (D(320), "g", "320 g")]


@pytest.mark.parametrize(
    "text",
    [
        "AISI 304L",
        "316L stainless steel",
        "SUS304",
        "M8x1.25",
        "Pantone 2945C",
        "Wall thickness 0.5",  # a figure without a unit is not a measure (specs reports it)
        "40 x 30 x 20",
        "Date: 2026-09-05",
        "USD 12.50",
        "5,000 pcs",
        "Model No. 750 ml",
    ],
)
def test_not_measures(text: str) -> None:
    assert find_measures(text) == []


@pytest.mark.parametrize(
    ("text", "low", "high"),
    [
        ("750 ml ±10 ml", "740", "760"),
        ("750 ml ±2%", "735", "765"),
        ("26 cm ±5 mm", "25.5", "26.5"),
        ("0.5 +0.2/-0.1 mm", "0.4", "0.7"),
        ("10-12 mm", "10", "12"),
    ],
)
def test_bounds(text: str, low: str, high: str) -> None:
    assert find_measures(text)[0].bounds() == (D(low), D(high))


def test_bounds_need_a_tolerance() -> None:
    assert find_measures("750 ml")[0].bounds() is None


@pytest.mark.parametrize(
    ("value", "unit", "expected", "base"),
    [
        ("26", "cm", "260", "mm"),
        ("1", "m", "1000", "mm"),
        ("1", "inch", "25.4", "mm"),
        ("2", '"', "50.8", "mm"),
        ("1.5", "L", "1500", "ml"),
        ("750", "毫升", "750", "ml"),
        ("2", "lbs", "907.18474", "g"),
        ("1", "oz", "28.349523125", "g"),
        ("1", "公斤", "1000", "g"),
        ("3", "厘米", "30", "mm"),
        ("5", "pcs", "5", "pcs"),
        ("95", "%", "95", "%"),
    ],
)
def test_to_base(value: str, unit: str, expected: str, base: str) -> None:
    assert to_base(D(value), unit) == (D(expected), base)


def test_to_base_unknown_unit() -> None:
    with pytest.raises(ValueError):
        to_base(D(1), "furlong")


@pytest.mark.parametrize(
    ("token", "expected"),
    [
        ("PCS", "pcs"),
        ("ctns", "cartons"),
        ("件", "pcs"),
        ("套", "sets"),
        ("KGS", "kg"),
        ("m", "m"),
        ("M", None),
        ("ｍｍ", "mm"),
    ],
)
def test_canonical_unit(token: str, expected: str | None) -> None:
    assert canonical_unit(token) == expected


@pytest.mark.parametrize(
    ("text", "low", "high"),
    [
        ("Working temperature: -20~120°C", "-20", "120"),
        ("-40 to -10 °C", "-40", "-10"),
        ("Voltage: 220-240V", "220", "240"),
    ],
)
def test_ranges_and_temperatures_below_zero(text: str, low: str, high: str) -> None:
    (found,) = find_measures(text)
    assert found.bounds() == (D(low), D(high))


@pytest.mark.parametrize(("text", "value"), [("Storage -5°C", "-5"), ("Type A - 5mm thick", "5")])
def test_only_temperatures_take_a_minus(text: str, value: str) -> None:
    assert [m.value for m in find_measures(text)] == [D(value)]


def test_a_unit_matched_only_through_case_folding_is_no_quantity() -> None:
    # Case-insensitive matching takes the long s for an s: 'bagſ' matches 'bags', which no alias spells.
    assert find_quantities("1,200 bagſ") == []
    assert [q.unit for q in find_quantities("1,200 bags")] == ["bags"]


def test_aliases_sharing_a_tail_match_as_each_with_its_own() -> None:
    # 'mm' and 'cm' share one '(?![A-Za-z])': neither may run into a word, each keeps its unit.
    assert [(m.value, m.unit) for m in find_measures("5mm x 3cm")] == [(Decimal(5), "mm"), (Decimal(3), "cm")]
    assert find_measures("5mmHg") == [] and find_measures("3 cmx") == []
