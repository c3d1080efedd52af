"""I rules (inspection): realistic bundles of a PI and an inspection report, then the sample bundles."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

import evidence.rules.inspection  # noqa: F401  (registers the I rules)
from evidence import Report, check_bundle
from tests.conftest import SAMPLES

PI = """\
SHENZHEN BRIGHTSTAR ELECTRONICS CO., LIMITED
Room 1205, Block B, Tianan Cyber Park, Futian District, Shenzhen, China

PROFORMA INVOICE

To: Oakridge Home Goods Inc.                         P/I No.: BSE20260915
Address: 1450 Commerce Blvd, Dallas, TX 75201, USA   Date: Sep. 15, 2026
Attn: Laura Bennett                                   Order No.: 2456781234567890

Item   Model        Description                          Qty        Unit Price    Amount
1      BS-CH20W-WH  USB-C charger 20W, white, UL listed   5,000 pcs  US$2.35       US$11,750.00
                                                   Total:     5,000 pcs     US$11,750.00

Payment: 30% deposit, balance before shipment, via Alibaba.com Trade Assurance
"""

SGS_FRI = """\
SGS-CSTC Standards Technical Services Co., Ltd.
Consumer and Retail Services
FINAL RANDOM INSPECTION REPORT
Report No.: SZ26-1002-0871                Date of Issue: 03 Oct 2026
Applicant: Oakridge Home Goods Inc.
Supplier: Shenzhen Brightstar Electronics Co., Limited
PI No.: {pi}
Alibaba Order No.: {order}
Product: {product}
Order Quantity: {quantity} pcs
Inspection Date: 02 Oct 2026
Sampling Plan: ANSI/ASQ Z1.4, General Inspection Level II, AQL 0 / 2.5 / 4.0
Sample Size: 200 pcs
Defects found: Critical 0, Major 14, Minor 6
Overall Result: {result}
Inspector: Liang Wei
"""

SUPPLIER_QC = """\
Shenzhen Brightstar Electronics Co., Ltd.
Quality Control Department
FINAL INSPECTION REPORT
Report No.: BS-QC-26-0931
Inspection date: 2026-09-30
Customer: Oakridge Home Goods Inc.
Order No.: 2456781234567890
Quantity: 5,000 pcs
Result: ☑ Pass  ☐ Fail  ☐ Pending
Inspector: Wang Fang
"""

NO_RESULT = """\
HQTS Group
During Production Inspection Report
Report No.: HQ-DPI-260811
Inspection date: 11 Sep 2026
Order No.: 2456781234567890
Production status: 45% finished
Workmanship: see remarks below
Remarks: packing material not yet delivered
"""


def _sgs(pi: str = "BSE20260915", order: str = "2456781234567890", quantity: str = "5,000",
         result: str = "FAIL", product: str = "USB-C charger 20W, white (BS-CH20W-WH)") -> str:
    return SGS_FRI.format(pi=pi, order=order, quantity=quantity, result=result, product=product)


def _check(tmp_path: Path, files: dict[str, str], claim: str = "quality") -> Report:
    folder = tmp_path / "bundle"
    folder.mkdir(parents=True)
    for name, text in files.items():
        (folder / name).write_text(text, encoding="utf-8")
    (folder / "claim.toml").write_text(f'claim = "{claim}"\n', encoding="utf-8")
    pipeline = tmp_path / "inspection.toml"
    pipeline.write_text(f'claim = "{claim}"\ndescription = "inspection rules"\nselect = ["I"]\n', encoding="utf-8")
    return check_bundle(folder, pipeline_file=pipeline)


def _codes(report: Report) -> list[str]:
    return [f.code for f in report.findings if f.code.startswith("I")]


def test_a_third_party_fail_report_for_this_order_raises_nothing(tmp_path: Path) -> None:
    report = _check(tmp_path, {"PI BSE20260915.txt": PI, "SGS report SZ26-1002-0871.txt": _sgs()})
    assert _codes(report) == []


def test_no_report_at_all(tmp_path: Path) -> None:
    report = _check(tmp_path, {"PI BSE20260915.txt": PI})
    assert _codes(report) == ["I001"]
    finding = report.findings[0]
    assert finding.severity == "info" and finding.sources


def test_supplier_own_qc_report_is_a_report_but_not_third_party_and_passed(tmp_path: Path) -> None:
    report = _check(tmp_path, {"PI BSE20260915.txt": PI, "QC report BS-QC-26-0931.txt": SUPPLIER_QC})
    assert sorted(_codes(report)) == ["I002", "I003"]
    i002 = next(f for f in report.findings if f.code == "I002")
    assert "QC report BS-QC-26-0931.txt" in i002.message and "supplier's own QC" in i002.message
    assert i002.sources[0].path == "QC report BS-QC-26-0931.txt"


UNKNOWN_INSPECTOR = """\
Guangzhou Fairdeal Trade Services Co., Ltd.
Product Inspection Report
Report No.: FD-2610-033
Inspection date: 2026-10-02
Client: Oakridge Home Goods Inc.
Order No.: 2456781234567890
Product: USB-C charger 20W, white
Quantity: 5,000 pcs
Overall Result: FAIL
"""


def test_report_by_an_unrecognized_company(tmp_path: Path) -> None:
    report = _check(tmp_path, {"PI BSE20260915.txt": PI, "inspection FD-2610-033.txt": UNKNOWN_INSPECTOR})
    assert _codes(report) == ["I002"]
    finding = report.findings[0]
    assert "Guangzhou Fairdeal" in finding.message and "not a recognized inspection company" in finding.message
    assert finding.severity == "major"


def test_pass_result_is_quoted(tmp_path: Path) -> None:
    report = _check(tmp_path, {"PI BSE20260915.txt": PI, "SGS report.txt": _sgs(result="PASS")})
    assert _codes(report) == ["I003"]
    finding = report.findings[0]
    assert "PASS" in finding.message and finding.sources[0].path == "SGS report.txt"
    assert finding.sources[0].line is not None


@pytest.mark.parametrize(
    ("changes", "named"),
    [
        ({"order": "2456781234500000"}, "order 2456781234500000"),
        ({"pi": "BSE20260811"}, "PI BSE20260811"),
        ({"quantity": "3,000"}, "quantity 3000"),
        ({"order": "2456 7812 3456 0000"}, "order 2456 7812 3456 0000"),
        ({"product": "USB-C charger 65W, black (BS-CH65W-BK)"}, "not the order's model BS-CH20W-WH"),
    ],
)
def test_report_for_another_order(tmp_path: Path, changes: dict[str, str], named: str) -> None:
    report = _check(tmp_path, {"PI BSE20260915.txt": PI, "SGS report.txt": _sgs(**changes)})
    assert _codes(report) == ["I004"]
    finding = report.findings[0]
    assert named in finding.message and "PI BSE20260915.txt" in finding.message
    assert {s.path for s in finding.sources} == {"SGS report.txt", "PI BSE20260915.txt"}


def test_references_match_despite_spaces_dashes_and_case(tmp_path: Path) -> None:
    report = _check(tmp_path, {"PI BSE20260915.txt": PI,
                               "SGS report.txt": _sgs(pi="bse-2026 0915", order="2456 7812 3456 7890")})
    assert "I004" not in _codes(report)
    report = _check(tmp_path / "b", {"PI BSE20260915.txt": PI,
                                     "SGS report.txt": _sgs(pi="BSE-2026-0915", order="2456-7812-3456-7890")})
    assert "I004" not in _codes(report)


def test_no_clear_result(tmp_path: Path) -> None:
    report = _check(tmp_path, {"PI BSE20260915.txt": PI, "HQTS DPI HQ-DPI-260811.txt": NO_RESULT})
    assert _codes(report) == ["I005"]
    assert "HQTS DPI HQ-DPI-260811.txt" in report.findings[0].message


SAMPLE_NAMES = ["off-platform-payment", "scanned-claim", "strong-quality-claim", "weak-quality-claim"]


@pytest.mark.parametrize("name", SAMPLE_NAMES)
def test_sample_bundles(tmp_path: Path, name: str) -> None:
    expected = json.loads((SAMPLES / "expected" / f"{name}.json").read_text(encoding="utf-8"))
    pipeline = tmp_path / "inspection.toml"
    pipeline.write_text('claim = "quality"\ndescription = "inspection rules"\nselect = ["I"]\n', encoding="utf-8")
    codes = {f.code for f in check_bundle(SAMPLES / name, pipeline_file=pipeline).findings}
    mine = {c for c in codes if c.startswith("I")}
    assert {c for c in expected["findings"] if c.startswith("I")} <= mine
    assert not mine & set(expected["must_not_fire"])


def test_weak_sample_cites_the_supplier_qc_report(tmp_path: Path) -> None:
    pipeline = tmp_path / "inspection.toml"
    pipeline.write_text('claim = "quality"\ndescription = "inspection rules"\nselect = ["I"]\n', encoding="utf-8")
    findings = check_bundle(SAMPLES / "weak-quality-claim", pipeline_file=pipeline).findings
    assert [(f.code, f.sources[0].path) for f in findings] == [
        ("I002", "QC report RY QC-2608-117.pdf"), ("I003", "QC report RY QC-2608-117.pdf")]
    assert "合格 PASS" in findings[1].message
