"""S rules (specifications), end to end on bundles of realistic text documents and on the samples."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

import evidence.rules.specs  # noqa: F401  (registers the S rules)
from evidence import check_bundle
from tests.conftest import SAMPLES

HEAD = """\
NINGBO BRIGHTWAY HOUSEWARES CO., LTD.
No. 88 Jiangnan Road, Beilun District, Ningbo, Zhejiang, China
PROFORMA INVOICE
PI No.: BW-PI-260903
Date: 2026-09-03
Buyer: Mendez Home Goods S.L., Calle Mayor 12, 46001 Valencia, Spain
Trade Assurance Order No.: 2381009312345678

Item  Description                                   Qty        Unit Price  Amount
1     {description}  1,200 pcs  USD 8.50    USD 10,200.00
Total: USD 10,200.00

"""
QUALITY = "Quality: ISO 2859-1, General Inspection Level II, AQL Critical 0 / Major 2.5 / Minor 4.0\n"
TERMS = "Ship by: 2026-10-10\nIncoterm: FOB Ningbo\n"
GOOD_SPECS = """\
Specifications:
Capacity: 1.7 L ±0.05 L
Wall thickness: 0.50 mm ±0.05 mm
Net weight: 850 g ±20 g
Material: SUS304 stainless steel

"""
CONTRACT = """\
SALES CONTRACT
Contract No.: BW-SC-260905            Date: 5 September 2026
The Seller: Ningbo Brightway Housewares Co., Ltd., No. 88 Jiangnan Road, Ningbo, China
The Buyer: Mendez Home Goods S.L., Calle Mayor 12, 46001 Valencia, Spain
Related PI: PI No. BW-PI-260903
1. Goods
Model      Description                 Quantity    Unit price    Amount
BW-K17     Stainless steel kettle      1,200 pcs   USD 8.50      USD 10,200.00
Total, FOB Ningbo                      1,200 pcs                 USD 10,200.00
2. Specifications
Capacity: 1700 ml ±50 ml
Wall thickness: {thickness} mm ±0.05 mm
Net weight: 850 g ±20 g
3. Quality
Inspection per ISO 2859-1, General Level II, AQL Critical 0, Major 2.5, Minor 4.0.
4. Time of shipment
The Seller shall ship the goods not later than 10 October 2026.
5. Payment
100% through Alibaba.com Trade Assurance order No. 2381009312345678.
Signature
For the Seller: Chen Jie, Sales Manager          For the Buyer: Laura Mendez, Owner
"""
CHAT = (
    "Chat with Ningbo Brightway Housewares Co., Ltd.\n"
    "2026-09-19 16:40:05 陈洁: Dear Laura, the pre-production sample was sent by DHL yesterday.\n"
)
PIPELINE = 'claim = "quality"\ndescription = "specification rules only"\nselect = ["S"]\n'


def _pi(description: str = "Stainless steel kettle", specs: str = GOOD_SPECS, quality: str = QUALITY) -> str:
    return HEAD.format(description=description) + specs + quality + TERMS


def _check(tmp_path: Path, **files: str) -> list:
    folder = tmp_path / "order"
    folder.mkdir(parents=True)
    for name, text in files.items():
        (folder / f"{name}.txt").write_text(text, encoding="utf-8")
    pipeline = tmp_path / "s.toml"
    pipeline.write_text(PIPELINE, encoding="utf-8")
    return check_bundle(folder, pipeline_file=pipeline).findings


def _codes(findings: list) -> list[str]:
    return sorted({f.code for f in findings})


def test_measurable_agreed_spec_raises_nothing(tmp_path: Path) -> None:
    findings = _check(tmp_path, pi=_pi(), contract=CONTRACT.format(thickness="0.50"))
    assert _codes(findings) == []


def test_s001_product_name_only(tmp_path: Path) -> None:
    findings = _check(tmp_path, pi=_pi(description="Stainless steel kettle", specs=""))
    assert "S001" in _codes(findings)
    s001 = next(f for f in findings if f.code == "S001")
    assert s001.sources[0].path == "pi.txt" and "pi.txt" in s001.message


def test_s001_not_when_description_is_measured(tmp_path: Path) -> None:
    findings = _check(tmp_path, pi=_pi(description="Stainless steel kettle 1.7 L, SUS304", specs=""))
    assert "S001" not in _codes(findings)


def test_s002_subjective_wording(tmp_path: Path) -> None:
    specs = "Specifications:\nCapacity: 1.7 L ±0.05 L\nMaterial: good material, high quality\nColour: nice colour\n\n"
    findings = _check(tmp_path, pi=_pi(specs=specs))
    s002 = [f for f in findings if f.code == "S002"]
    assert len(s002) == 1
    assert "good material" in s002[0].message and "nice colour" in s002[0].message
    assert s002[0].sources[0].path == "pi.txt" and s002[0].sources[0].line


def test_s003_figure_without_unit_and_no_tolerance(tmp_path: Path) -> None:
    specs = "Specifications:\nSize: 9 x 8.5\nCapacity: 350 ml\nDiameter: 27 cm\n\n"
    findings = _check(tmp_path, pi=_pi(description="Stoneware mug", specs=specs))
    messages = [f.message for f in findings if f.code == "S003"]
    assert any("9 x 8.5" in m and "no unit" in m for m in messages)
    assert any("no tolerance" in m and "350 ml" in m for m in messages)


def test_s003_not_when_units_and_tolerances_given(tmp_path: Path) -> None:
    specs = "Specifications:\nCapacity: 350 ml ±10 ml\nDiameter: 27 cm ±0.5 cm\nColour temperature: 4000 K\n\n"
    findings = _check(tmp_path, pi=_pi(description="Stoneware mug", specs=specs))
    assert "S003" not in _codes(findings)


def test_s004_pi_and_contract_disagree(tmp_path: Path) -> None:
    findings = _check(tmp_path, pi=_pi(), contract=CONTRACT.format(thickness="0.40"))
    s004 = [f for f in findings if f.code == "S004"]
    assert len(s004) == 1
    assert "0.50 mm" in s004[0].message and "0.40 mm" in s004[0].message
    assert {s.path for s in s004[0].sources} == {"pi.txt", "contract.txt"}


def test_s004_units_converted_before_comparing(tmp_path: Path) -> None:
    # the PI says 1.7 L, the contract 1700 ml: the same capacity
    findings = _check(tmp_path, pi=_pi(), contract=CONTRACT.format(thickness="0.50"))
    assert "S004" not in _codes(findings)


def test_s004_agreed_amendment_in_messages(tmp_path: Path) -> None:
    chat = CHAT + "2026-09-21 10:02:11 Laura Mendez: We agree to change the wall thickness to 0,45 mm.\n"
    findings = _check(tmp_path, pi=_pi(), chat=chat)
    s004 = [f for f in findings if f.code == "S004"]
    assert s004 and "agree to change the wall thickness" in s004[0].message
    assert s004[0].sources[0].path == "chat.txt" and s004[0].sources[0].line == 3


def test_s004_amendment_repeating_the_spec(tmp_path: Path) -> None:
    chat = CHAT + "2026-09-21 10:02:11 Laura Mendez: We agree to change the wall thickness to 0,50 mm.\n"
    assert "S004" not in _codes(_check(tmp_path, pi=_pi(), chat=chat))


def test_s005_sample_approved(tmp_path: Path) -> None:
    chat = CHAT + (
        "2026-09-20 09:12:40 Laura Mendez: The pre-production sample is approved, "
        "please go ahead with mass production.\n"
    )
    s005 = [f for f in _check(tmp_path, pi=_pi(), chat=chat) if f.code == "S005"]
    assert len(s005) == 1
    assert "pre-production sample is approved" in s005[0].message
    assert s005[0].sources[0].path == "chat.txt" and s005[0].sources[0].line == 3


def test_s005_not_for_a_sample_request(tmp_path: Path) -> None:
    chat = CHAT + "2026-09-20 09:12:40 Laura Mendez: Please send the sample for approval first.\n"
    assert "S005" not in _codes(_check(tmp_path, pi=_pi(), chat=chat))


def test_s006_no_acceptance_criteria(tmp_path: Path) -> None:
    findings = _check(tmp_path, pi=_pi(quality="Quality: high quality, export standard\n"))
    s006 = [f for f in findings if f.code == "S006"]
    assert len(s006) == 1 and s006[0].sources[0].path == "pi.txt" and s006[0].sources[0].line


def test_s006_not_when_contract_has_aql(tmp_path: Path) -> None:
    findings = _check(tmp_path, pi=_pi(quality=""), contract=CONTRACT.format(thickness="0.50"))
    assert "S006" not in _codes(findings)


def test_no_spec_documents_raise_nothing(tmp_path: Path) -> None:
    assert _check(tmp_path, chat=CHAT + "2026-09-20 09:12:40 Laura Mendez: Hello, any update?\n") == []


@pytest.mark.parametrize("name", ["strong-quality-claim", "weak-quality-claim", "off-platform-payment", "scanned-claim"])
def test_samples(name: str, tmp_path: Path) -> None:
    expected = json.loads((SAMPLES / "expected" / f"{name}.json").read_text(encoding="utf-8"))
    pipeline = tmp_path / "s.toml"
    pipeline.write_text(PIPELINE, encoding="utf-8")
    codes = {f.code for f in check_bundle(SAMPLES / name, pipeline_file=pipeline).findings}
    mine = lambda codes: {c for c in codes if c.startswith("S")}
    assert mine(expected["findings"]) <= codes
    assert not mine(expected["must_not_fire"]) & codes
    for finding in check_bundle(SAMPLES / name, pipeline_file=pipeline).findings:
        assert finding.sources and "\n" not in finding.message


def test_odd_extracted_values_never_raise() -> None:
    from datetime import date

    from evidence.rules.context import Context
    from evidence.records import Event, Record, Value
    from evidence.records import Source
    from evidence.rules import RULES

    src = Source("pi.txt", line=1)
    pi = Record("proforma_invoice", "pi.txt")
    pi.fields["specs"] = Value(
        [{"key": "capacity", "number": "abc", "unit": "furlongs"}, "junk", {"key": None, "number": 3}], src
    )
    contract = Record("contract", "contract.txt")
    contract.fields["specs"] = Value("not a list", src)
    chat = Record("message_log", "chat.txt")
    chat.events.append(Event("spec-change-agreed", "buyer", None, "", src))
    ctx = Context(None, [], [pi, contract, chat], {}, "quality", date(2026, 11, 23))  # type: ignore[arg-type]
    for code in ["S001", "S002", "S003", "S004", "S005", "S006"]:
        list(RULES[code].check(ctx))
