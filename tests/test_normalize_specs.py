"""Specification lines and the wording that makes them unmeasurable."""

from __future__ import annotations

from decimal import Decimal

import pytest

from evidence.reference_data import load_data
from evidence.normalize.specs import (
    attribute_key,
    find_phrases,
    find_sample_references,
    find_subjective,
    parse_spec_line,
    split_label,
)

D = Decimal


@pytest.mark.parametrize(
    ("text", "attribute", "key", "value", "number", "unit", "tolerance", "expects"),
    [
        ("Capacity: 750 ml ±10 ml", "Capacity", "capacity", "750 ml ±10 ml", D(750), "ml", "±10 ml", "volume"),
        (
            "Material: SUS304 stainless steel, food grade",
            "Material",
            "material",
            "SUS304 stainless steel, food grade",
            None,
            None,
            None,
            None,
        ),
        ("Color: Pantone 2945C", "Color", "color", "Pantone 2945C", None, None, None, None),
        ("材质：优质不锈钢", "材质", "material", "优质不锈钢", None, None, None, None),
        ("Wall thickness 0.5mm", "Wall thickness", "thickness", "0.5mm", D("0.5"), "mm", None, "length"),
        ("Wall thickness: 0.5", "Wall thickness", "thickness", "0.5", D("0.5"), None, None, "length"),
        ("厚度0.5毫米", "厚度", "thickness", "0.5毫米", D("0.5"), "mm", None, "length"),
        ("壁厚：0.5mm ±0.05", "壁厚", "thickness", "0.5mm ±0.05", D("0.5"), "mm", "±0.05 mm", "length"),
        ("L x W x H: 40 x 30 x 20 cm", "L x W x H", "dimensions", "40 x 30 x 20 cm", D(40), "cm", None, "length"),
        ("Outer carton size: 50*40*30", "Outer carton size", "dimensions", "50*40*30", D(50), None, None, "length"),
        ("Capacity (ml): 750", "Capacity (ml)", "capacity", "750", D(750), "ml", None, "volume"),
        ("Capacity: 24 oz", "Capacity", "capacity", "24 oz", D(24), "fl oz", None, "volume"),
        ("Net weight: 320 g (+/- 5 g)", "Net weight", "weight", "320 g (+/- 5 g)", D(320), "g", "±5 g", "mass"),
        (
            "Diameter\tØ 72 mm +0.2/-0.1 mm",
            "Diameter",
            "diameter",
            "Ø 72 mm +0.2/-0.1 mm",
            D(72),
            "mm",
            "+0.2/-0.1 mm",
            "length",
        ),
        ("Tolerance: ±2%", "Tolerance", "tolerance", "±2%", None, None, "±2%", None),
        ("Packing: 24 pcs/carton", "Packing", "packing", "24 pcs/carton", D(24), "pcs", None, None),
        ("Size: 42", "Size", "size", "42", D(42), None, None, None),
        ("Material    PP", "Material", "material", "PP", None, None, None, None),
        ("ＣＯＬＯＲ：Ｒｅｄ", "ＣＯＬＯＲ", "color", "Ｒｅｄ", None, None, None, None),
        ("Handle load test: 10 kg", "Handle load test", "load", "10 kg", D(10), "kg", None, "mass"),
        (
            "Stainless steel tumbler, double wall",
            None,
            None,
            "Stainless steel tumbler, double wall",
            None,
            None,
            None,
            None,
        ),
    ],
)
def test_parse_spec_line(
    text: str,
    attribute: str | None,
    key: str | None,
    value: str,
    number: Decimal | None,
    unit: str | None,
    tolerance: str | None,
    expects: str | None,
) -> None:
    item = parse_spec_line(text)
    assert (item.attribute, item.key, item.value, item.number, item.unit, item.tolerance, item.expects) == (
        attribute,
        key,
        value,
        number,
        unit,
        tolerance,
        expects,
    )
    assert item.text == text


def test_spec_line_keeps_every_measure() -> None:
    item = parse_spec_line("Dimensions: 40 x 30 x 20 cm")
    assert [m.value for m in item.measures] == [D(40), D(30), D(20)]


def test_spec_line_flags() -> None:
    item = parse_spec_line("Quality: high quality, premium finish")
    assert (item.key, item.subjective, item.sample_reference) == ("quality", ["high quality", "premium"], [])
    sample = parse_spec_line("Color: as per approved sample")
    assert (sample.subjective, sample.sample_reference) == ([], ["as per approved sample"])
    assert parse_spec_line("材质：优质不锈钢").subjective == ["优质"]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("http://example.com/spec", (None, "http://example.com/spec")),
        ("10:15 meeting", (None, "10:15 meeting")),
        ("Color: red", ("Color", "red")),
        ("颜色：红色", ("颜色", "红色")),
    ],
)
def test_split_label(text: str, expected: tuple[str | None, str]) -> None:
    assert split_label(text) == expected


@pytest.mark.parametrize(
    ("label", "key"),
    [
        ("Wall Thickness", "thickness"),
        ("Wall-thickness", "thickness"),
        ("Bottle capacity", "capacity"),
        ("Outer carton size", "dimensions"),
        ("N.W.", "weight"),
        ("材质", "material"),
        ("Colour", "color"),
        ("Remarks", None),
    ],
)
def test_attribute_key(label: str, key: str | None) -> None:
    assert attribute_key(label) == key


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Quality: high quality", ["high quality"]),
        ("HIGH-QUALITY stainless steel", ["HIGH-QUALITY"]),
        ("Good quality material, nice color", ["Good quality", "nice color"]),
        ("good material, durable", ["good material", "durable"]),
        ("Best quality, first-class finish", ["Best quality", "first-class"]),
        ("Premium grade SUS304 per ASTM A240", ["Premium"]),  # flagged: the caller decides
        ("Finish: excellent", ["excellent"]),
        ("Beautiful fashion design", ["Beautiful", "fashion"]),
        ("Standard quality", ["Standard quality"]),
        ("Normal quality, A grade", ["Normal quality", "A grade"]),
        ("Grade A leather", ["Grade A"]),
        ("Packing: export standard", ["export standard"]),
        ("Color as picture", ["Color as picture"]),
        ("Same as before", ["Same as before"]),
        ("Specs as usual", ["as usual"]),
        ("材质：优质不锈钢", ["优质"]),
        ("高品质，质量好", ["高品质", "质量好"]),
        ("好材料，做工精细，精美包装", ["好材料", "做工精细", "精美"]),
        ("同上次", ["同上次"]),
        ("按常规包装", ["按常规"]),
        ("高档礼盒", ["高档"]),
        ("一等品", ["一等品"]),
        ("Grade: A", ["Grade: A"]),
        ("A grade export standard carton", ["A grade", "export standard"]),
        ("Packing: as per customer's requirement", ["as per customer's requirement"]),
        ("包装：按客户要求", ["按客户要求"]),
        ("ＨＩＧＨ ＱＵＡＬＩＴＹ", ["ＨＩＧＨ ＱＵＡＬＩＴＹ"]),
    ],
)
def test_find_subjective(text: str, expected: list[str]) -> None:
    assert find_subjective(text) == expected


@pytest.mark.parametrize(
    "text",
    [
        "Quality standard: AQL 2.5",
        "Inspection per ANSI/ASQC Z1.4, AQL 2.5 major / 4.0 minor",
        "Material: SUS304, thickness 0.5 mm ±0.05 mm",
        "Color: Pantone 2945C",
        "Insurance premium: USD 50",
        "Class A grade defects per AQL 1.0",
        "Grade AISI 304",
        "a grade 304 steel",
        "材质：优质碳素结构钢 45#",
        "质量好坏以检测报告为准",
        "一等品（GB/T 1234-2008）",
        "Goods shipped in good order",
        "highquality",
        "qualityGOOD",
        "",
    ],
)
def test_not_subjective(text: str) -> None:
    assert find_subjective(text) == []


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Color: as sample", ["as sample"]),
        ("Design as per approved sample", ["as per approved sample"]),
        ("Same as the sample sent on 5 Sep", ["Same as the sample"]),
        ("颜色：以样品为准", ["以样品为准"]),
        ("按确认样生产", ["按确认样"]),
        ("Color: Pantone 2945C", []),
    ],
)
def test_sample_references(text: str, expected: list[str]) -> None:
    assert find_sample_references(text) == expected
    assert find_subjective(text) == []


def test_phrase_match_carries_reason_and_offsets() -> None:
    text = "Quality: 高品质 stainless"
    (match,) = find_phrases(text)
    assert (match.phrase, match.category, match.lang) == ("高品质", "subjective", "zh")
    assert match.reason
    assert text[match.start : match.end] == "高品质"


def test_phrase_data_is_well_formed() -> None:
    data = load_data("subjective_phrases")
    categories = set(data["categories"])
    for entry in data["phrases"]:
        assert entry["lang"] in {"en", "zh"}, entry
        assert entry["category"] in categories, entry
        assert entry["reason"], entry


def test_the_kind_an_attribute_expects_is_what_parsing_its_line_says() -> None:
    # Rule S003 asks it of every spec line a record holds; it must not parse a line to learn it.
    from evidence.normalize.specs import _attribute_index, _attributes, expected_kind, parse_spec_line

    keys = sorted(set(_attributes()) | set(_attribute_index()))
    assert len(keys) > 50 and expected_kind("thickness") == "length"
    assert [k for k in keys if expected_kind(k) != parse_spec_line(f"{k}: 1").expects] == []
    assert expected_kind("no such attribute") is None
