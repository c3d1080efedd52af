"""The contract extractor: the commercial terms (from the invoice extractor) plus clauses and signatures."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from evidence.extract.reading import Reading
from evidence.extract import extract
from evidence.extract.kinds.contract import extract as extract_contract
from evidence.extract.parts.specifications import parse_aql
from evidence.readers import read_path
from evidence.schemas import validate
from tests.conftest import SAMPLES, text_doc
from tests.test_extract_invoice import _expected_documents, assert_matches_expected


def _read(text: str, path: str = "contract.pdf") -> dict[str, Any]:
    return extract_contract(Reading.of(text_doc(text, path))).values()


CONTRACT_EN = """\
SALES CONTRACT
Contract No.: SC-2026-0412            Date: 12 April 2026
The Seller: Xiamen Oceanview Stone Co., Ltd., No. 18 Haicang Road, Xiamen, China
The Buyer: Granite Works Ltd, 22 Quarry Lane, Leeds LS1 4AB, United Kingdom
Related PI: PI No. OV-PI-0409
1. Goods
Model      Description                 Quantity    Unit price    Amount
OV-KT60    Granite kitchen top 60 cm    400 pcs     USD 85.00     USD 34,000.00
OV-VT40    Granite vanity top 40 cm     200 pcs     USD 60.00     USD 12,000.00
Total, FOB Xiamen                       600 pcs                   USD 46,000.00
2. Quality
Inspection per ANSI/ASQ Z1.4, General Level II, AQL Critical 0, Major 1.5, Minor 4.0. Critical defect: cracks.
3. Inspection
The Buyer may appoint SGS or Intertek to inspect the goods before shipment at the Seller's factory.
4. Time of shipment
The Seller shall ship the goods not later than 30 June 2026.
5. Late delivery penalty
For each week of delay the Seller shall pay 1% of the contract value as liquidated damages, up to 10%.
6. Payment
100% through Alibaba.com Trade Assurance order No. 2409988776655443.
Signature
For the Seller: Chen Hui, General Manager          For the Buyer: Oliver Grant, Purchasing Director
"""

CONTRACT_ZH = """\
购销合同
合同编号：GX-2026-0815
签订日期：2026年8月15日
甲方（买方）：Bluewater Marine Supply Pty Ltd
乙方（卖方）：青岛海兴橡塑制品有限公司
一、产品名称、数量及价格
型号      品名           数量      单价(USD)   金额(USD)
HX-200   橡胶护舷 200mm   2000件    6.50        13000.00
合计                     2000件                13000.00
二、质量标准
按GB/T 2828.1-2012 一般检验水平II，AQL 致命0 / 主要2.5 / 次要4.0。
三、交货期
乙方应于2026年10月20日前装船。
四、付款方式
100%通过阿里巴巴信用保障订单支付，订单号 2401122334455667。
五、违约责任
乙方逾期交货的，每逾期一日按合同总价的0.5%支付违约金。
六、检验
甲方可委托第三方检验机构在出货前验货。
甲方（签字盖章）：Tom Walsh        乙方（签字盖章）：王海
日期：2026年8月15日
"""

CONTRACT_UNSIGNED = """\
PURCHASE AGREEMENT
Agreement No.: PA-77
Seller: Wenzhou Lucky Shoes Co., Ltd.
Buyer: Stride Footwear Inc.
Total contract value: USD 21,000.00
Delivery: within 40 days after deposit
Signature: ____________________        Signature: ____________________
"""


def test_english_contract_with_numbered_clauses() -> None:
    values = _read(CONTRACT_EN)
    assert values["document_number"] == "SC-2026-0412"
    assert values["document_date"] == "2026-04-12"
    assert values["pi_number"] == "OV-PI-0409"
    assert values["order_number"] == "2409988776655443"
    assert values["supplier_name"] == "Xiamen Oceanview Stone Co., Ltd."
    assert values["buyer_name"] == "Granite Works Ltd"
    assert (values["currency"], values["order_total"], values["quantity"]) == ("USD", 46000, 600)
    assert values["incoterm"] == "FOB Xiamen"
    assert values["ship_by"] == "2026-06-30"
    assert values["payment_method"] == "platform"
    assert [(i["model"], i["quantity"], i["amount"]) for i in values["line_items"]] == [
        ("OV-KT60", 400, 34000),
        ("OV-VT40", 200, 12000),
    ]
    assert values["quality_standard"].startswith("Inspection per ANSI/ASQ Z1.4, General Level II, AQL")
    assert values["aql"] == {"critical": 0, "major": 1.5, "minor": 4, "level": "II"}
    assert values["defect_definitions"] == "Critical defect: cracks."
    assert values["inspection_clause"].startswith("The Buyer may appoint SGS or Intertek")
    assert "liquidated damages" in values["penalties"]
    assert values["signed"] is True
    assert values["signatories"] == ["Chen Hui", "Oliver Grant"]


def test_chinese_contract() -> None:
    values = _read(CONTRACT_ZH)
    assert values["document_number"] == "GX-2026-0815"
    assert values["document_date"] == "2026-08-15"
    assert values["order_number"] == "2401122334455667"
    assert values["supplier_name"] == "青岛海兴橡塑制品有限公司"
    assert values["buyer_name"] == "Bluewater Marine Supply Pty Ltd"
    assert (values["order_total"], values["quantity"], values["ship_by"]) == (13000, 2000, "2026-10-20")
    assert values["payment_method"] == "platform"
    assert values["aql"] == {"critical": 0, "major": 2.5, "minor": 4, "level": "II"}
    assert values["penalties"] == "乙方逾期交货的，每逾期一日按合同总价的0.5%支付违约金。"
    assert (
        values["inspection_clause"] == "甲方可委托第三方检验机构在出货前验货。"
    )  # the signature block is not part of it
    assert values["signed"] is True and values["signatories"] == ["Tom Walsh", "王海"]
    assert values["test_standards"] == ["GB/T 2828.1-2012"]


def test_blank_signature_lines_are_not_signed() -> None:
    values = _read(CONTRACT_UNSIGNED)
    assert values["document_number"] == "PA-77"
    assert values["order_total"] == 21000
    assert values["lead_time"]["days"] == 40
    assert values["signed"] is False
    assert "signatories" not in values
    assert "penalties" not in values and "quality_standard" not in values


@pytest.mark.parametrize(
    ("text", "aql"),
    [
        ("AQL 2.5/4.0 Level II", {"major": 2.5, "minor": 4, "level": "II"}),
        (
            "ISO 2859-1, General Inspection Level II; AQL Critical 0 / Major 2.5 / Minor 4.0",
            {"critical": 0, "major": 2.5, "minor": 4, "level": "II"},
        ),
        ("AQL: Cr 0, Ma 1.0, Mi 2.5, G-II", {"critical": 0, "major": 1, "minor": 2.5, "level": "II"}),
        (
            "按ISO 2859-1 一般检验水平II级; AQL 致命0 / 主要2.5 / 次要4.0",
            {"critical": 0, "major": 2.5, "minor": 4, "level": "II"},
        ),
        ("No sampling plan agreed", None),
    ],
)
def test_aql_levels(text: str, aql: dict[str, Any] | None) -> None:
    assert parse_aql(text) == aql


@pytest.mark.parametrize(
    ("relative", "expected"), _expected_documents(("contract",)), ids=lambda v: v if isinstance(v, str) else ""
)
def test_sample_contract_fields(relative: str, expected: dict[str, Any]) -> None:
    record = extract(read_path(SAMPLES / relative))
    assert_matches_expected(record, expected)
    assert validate(record.values(), "contract") == []


def test_sample_contract_clauses() -> None:
    strong = extract(read_path(SAMPLES / "strong-quality-claim" / "02_SalesContract_HY-SC-260819.docx")).values()
    assert strong["supplier_name_local"] == "宁波浩宇饮具有限公司"
    assert strong["pi_number"] == "HY-PI-2026-0817"
    assert strong["inspection_clause"].startswith("The Buyer may appoint a recognized third-party inspection company")
    assert strong["defect_definitions"].startswith("Critical defects: sharp edges")
    assert {spec["attribute"] for spec in strong["specs"]} >= {"Capacity", "Outer wall thickness", "Dimensions"}
    assert "penalties" not in strong
    weak = extract(read_path(SAMPLES / "off-platform-payment" / "Purchase Contract KES-PO-2608-112.pdf")).values()
    assert weak["penalties"] == "For each day of delay the Seller pays 0.5% of the contract value, up to 5%."
    assert weak["pi_number"] == "BW-PI-26-0731"
    assert weak["inspection_clause"].endswith("third-party inspection company for a pre-shipment inspection.")
    assert any(spec["tolerance"] == "±5%" for spec in weak["specs"])


def test_docx_contract_with_a_party_table_bank_details_and_named_signatures(tmp_path: Path) -> None:
    from docx import Document as Docx

    docx = Docx()
    docx.add_heading("PURCHASE CONTRACT", 0)
    docx.add_paragraph("Contract No.: TB-PC-2605-19          Date: May 20, 2026")
    parties = docx.add_table(rows=1, cols=2)
    parties.cell(0, 0).text = "Buyer:\nToolBox Direct LLC\n88 Market St, Columbus, OH 43215, USA"
    parties.cell(0, 1).text = "Seller:\nJinhua Sunrise Tools Co., Ltd.\nNo. 9 Jiangbei Road, Jinhua, Zhejiang"
    goods = docx.add_table(rows=4, cols=5)
    for r, row in enumerate(
        [
            ["Item No.", "Product", "Quantity", "Unit Price", "Amount"],
            ["SR-H16", "Claw hammer 16oz", "3,000 pcs", "USD 2.15", "USD 6,450.00"],
            ["SR-S6", "Screwdriver set 6 pcs", "2,000 sets", "USD 3.40", "USD 6,800.00"],
            ["", "Total", "5,000 units", "", "USD 13,250.00"],
        ]
    ):
        for c, text in enumerate(row):
            goods.cell(r, c).text = text
    docx.add_paragraph("2. Quality: Inspection per ANSI/ASQ Z1.4 Level II, AQL 1.5/4.0.")
    docx.add_paragraph("3. Shipment: not later than June 30, 2026, FOB Ningbo.")
    docx.add_paragraph("4. Payment: 30% deposit and 70% balance by T/T to the Seller's account below.")
    docx.add_paragraph("Beneficiary: Jinhua Sunrise Tools Co., Ltd.")
    docx.add_paragraph("Bank: Bank of Jinhua, Jiangbei Sub-branch   Account No.: 1810 0001 2233 4455   SWIFT: JHCBCNBJ")
    docx.add_paragraph(
        "5. Penalty: For late delivery, the Seller shall pay 0.3% of the contract value per day of delay."
    )
    signatures = docx.add_table(rows=2, cols=2)
    signatures.cell(0, 0).text = "Buyer signature:"
    signatures.cell(0, 1).text = "Seller signature:"
    signatures.cell(1, 0).text = "Name: Rachel Moore\nTitle: Sourcing Manager"
    signatures.cell(1, 1).text = "Name: Zhang Wei\nTitle: General Manager"
    path = tmp_path / "contract.docx"
    docx.save(path)
    values = extract(read_path(path)).values()
    assert values["kind"] == "contract"
    assert (values["document_number"], values["document_date"]) == ("TB-PC-2605-19", "2026-05-20")
    assert (values["supplier_name"], values["buyer_name"]) == ("Jinhua Sunrise Tools Co., Ltd.", "ToolBox Direct LLC")
    assert (values["order_total"], values["quantity"], values["ship_by"]) == (13250, 5000, "2026-06-30")
    assert values["payment_method"] == "bank_transfer_direct"
    assert (values["beneficiary_account"], values["swift"]) == ("1810000122334455", "JHCBCNBJ")
    assert values["beneficiary_bank"] == "Bank of Jinhua, Jiangbei Sub-branch"
    assert (
        values["penalties"]
        == "Penalty: For late delivery, the Seller shall pay 0.3% of the contract value per day of delay."
    )
    assert values["aql"] == {"major": 1.5, "minor": 4, "level": "II"}
    assert values["signatories"] == ["Rachel Moore", "Zhang Wei"] and values["signed"] is True
