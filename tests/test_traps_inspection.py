"""Traps for the inspection rules (I001-I005): realistic PIs, contracts and inspection reports on
which a careful reviewer would not raise the finding.

The reports are written in the style of real inspection companies' reports: a letterhead with
the company's full legal name, bilingual labels, checkpoints in a table of `|` cells or aligned
columns, the order named by whichever reference the buyer gave the inspector (the platform
order, the PI, the contract or the buyer's PO), quantities per product line or as a sum. The
firing cases are in tests/catalog_cases.py.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.traps import Trap, assert_covered, assert_quiet, findings

CODES = ["I001", "I002", "I003", "I004", "I005"]

# ------------------------------------------------------------------ the order: a lamp and its adaptor

LAMP_ORDER = "2458830012947716"
LAMP_PI = f"""\
NINGBO LUXSTAR LIGHTING CO., LTD.
宁波耀星照明有限公司
No. 18 Xinggang Road, Cixi, Ningbo, Zhejiang, China

PROFORMA INVOICE 形式发票
PI No. 发票号: LX-PI-26-0815                      Date 日期: 2026-08-15
Buyer 买方: Halvorsen Interiør AS, Kongens gate 9, 0153 Oslo, Norway
Buyer's PO No.: HI-PO-5521
Alibaba Trade Assurance Order No.: {LAMP_ORDER}

Item  Model      Description                            Qty        Unit Price   Amount
1     LX-TL36    LED table lamp, oak base, linen shade   300 pcs    USD 14.50    USD 4,350.00
2     LX-AD12    Power adaptor 12 V 1 A, EU plug         300 pcs    USD 1.80     USD 540.00
Total                                                    600 pcs                 USD 4,890.00

Quality: AQL Critical 0 / Major 2.5 / Minor 4.0, General Inspection Level II
Shipment: within 40 days after deposit
Payment: 30% deposit, 70% balance via Alibaba.com Trade Assurance
"""

LAMP_CONTRACT = f"""\
PURCHASE CONTRACT 采购合同
Contract No. 合同号: LX-SC-26-0818                 Date: 18 August 2026
Seller 卖方: Ningbo Luxstar Lighting Co., Ltd.
Buyer 买方: Halvorsen Interiør AS, Kongens gate 9, 0153 Oslo, Norway
Related PI: LX-PI-26-0815      Buyer's PO: HI-PO-5521

1. Goods
Model      Description                 Quantity    Unit price    Amount
LX-TL36    LED table lamp, oak base    300 pcs     USD 14.50     USD 4,350.00
LX-AD12    Power adaptor 12 V 1 A      300 pcs     USD 1.80      USD 540.00
Total                                  600 pcs                   USD 4,890.00
2. Quality: AQL Critical 0, Major 2.5, Minor 4.0; pre-shipment inspection by a third party at the Buyer's cost.
3. Shipment: not later than 30 September 2026.
4. Payment: through Alibaba.com Trade Assurance order No. {LAMP_ORDER}.
"""

LAMP = {"PI LX-PI-26-0815.txt": LAMP_PI}
LAMP_WITH_CONTRACT = {**LAMP, "Contract LX-SC-26-0818.txt": LAMP_CONTRACT}


def lamp_report(order_line: str = f"Alibaba Order No.: {LAMP_ORDER}",
                quantity_line: str = "Order Quantity: 600 pcs",
                result_line: str = "Overall Result: FAIL") -> str:
    """Return a QIMA pre-shipment report on the lamp order, with the lines that vary given."""
    return f"""\
QIMA Limited
Pre-Shipment Inspection Report
Report No.: QM-PSI-26092217                      Inspection date: 22 Sep 2026
Client: Halvorsen Interiør AS
Supplier: Ningbo Luxstar Lighting Co., Ltd.
{order_line}
Product: LED table lamp with power adaptor (LX-TL36 / LX-AD12)
{quantity_line}
Sampling: ISO 2859-1, General Inspection Level II, AQL 0 / 2.5 / 4.0
Sample size: 50 sets

| Defect class | AQL | Found | Accept |
| Critical     | 0   | 0     | 0      |
| Major        | 2.5 | 4     | 3      |
| Minor        | 4.0 | 3     | 5      |

{result_line}
Inspector: Chen Hao
"""


# ------------------------------------------------------------------ the order: mugs in three colours

MUG_ORDER = "2451290087733318"
MUG_PI = f"""\
CHAOZHOU FENGXI ARTISAN CERAMICS CO., LTD.
PROFORMA INVOICE
PI No.: FX-PI-260902                      Date: 2026-09-02
Buyer: Sunday Table Co., 88 Harbour St, Auckland 1010, New Zealand
Trade Assurance Order No.: {MUG_ORDER}

Item  Model       Description                           Qty         Unit Price   Amount
1     FX-M350-SG  Stoneware mug 350 ml, matte sage       600 pcs     USD 1.90     USD 1,140.00
2     FX-M350-SD  Stoneware mug 350 ml, matte sand       600 pcs     USD 1.90     USD 1,140.00
3     FX-M350-CH  Stoneware mug 350 ml, charcoal         600 pcs     USD 1.90     USD 1,140.00
Total                                                    1,800 pcs                USD 3,420.00

Quality: AQL 2.5 / 4.0, General Inspection Level II
Shipment: within 40 days after deposit
Payment: via Alibaba.com Trade Assurance
"""
MUG = {"PI FX-PI-260902.txt": MUG_PI}

#: The charger order of tests/test_rules_inspection.py, for the reports of other companies.
CHARGER_ORDER = "2456781234567890"
CHARGER_PI = f"""\
SHENZHEN BRIGHTSTAR ELECTRONICS CO., LIMITED
Room 1205, Block B, Tianan Cyber Park, Futian District, Shenzhen, China

PROFORMA INVOICE

To: Oakridge Home Goods Inc.                         P/I No.: BSE20260915
Address: 1450 Commerce Blvd, Dallas, TX 75201, USA   Date: Sep. 15, 2026
Attn: Laura Bennett                                   Order No.: {CHARGER_ORDER}

Item   Model        Description                          Qty        Unit Price    Amount
1      BS-CH20W-WH  USB-C charger 20W, white, UL listed   5,000 pcs  US$2.35       US$11,750.00
                                                   Total:     5,000 pcs     US$11,750.00

Payment: 30% deposit, balance before shipment, via Alibaba.com Trade Assurance
"""
CHARGER = {"PI BSE20260915.txt": CHARGER_PI}


def charger_report(head: str, result: str = "Overall Result: FAIL", order: str = CHARGER_ORDER) -> str:
    """Return a final random inspection report on the charger order under the letterhead `head`."""
    return f"""\
{head}
FINAL RANDOM INSPECTION REPORT
Report No.: FRI-26-100288                Date of Issue: 03 Oct 2026
Applicant: Oakridge Home Goods Inc.
Factory: Shenzhen Brightstar Electronics Co., Limited
PI No.: BSE20260915
Order No.: {order}
Product: USB-C charger 20W, white (BS-CH20W-WH)
Order Quantity: 5,000 pcs
Inspection Date: 02 Oct 2026
Sampling Plan: ANSI/ASQ Z1.4, General Inspection Level II, AQL 0 / 2.5 / 4.0
Sample Size: 200 pcs
Defects found: Critical 0, Major 14, Minor 6
{result}
Inspector: Liang Wei
"""


SGS_CHINESE = f"""\
通标标准技术服务有限公司
SGS-CSTC Standards Technical Services Co., Ltd. Shenzhen Branch
验货报告 INSPECTION REPORT
报告编号 Report No.: SZIN2610031552                 签发日期 Date of Issue: 2026-10-03
申请人 Applicant: Oakridge Home Goods Inc.
工厂 Factory: 深圳明星电子有限公司 Shenzhen Brightstar Electronics Co., Limited
订单号 Order No.: {CHARGER_ORDER}
产品 Product: USB-C 充电器 20W USB-C charger 20W, white (BS-CH20W-WH)
订单数量 Order Qty: 5,000 pcs
验货日期 Inspection Date: 2026-10-02
抽样标准 Sampling: GB/T 2828.1, 一般检验水平 II, AQL 0 / 2.5 / 4.0
抽样数量 Sample Size: 200 pcs

| 检验项目 Checkpoint         | 结果 Result |
| 数量 Quantity               | 合格 Pass   |
| 包装唛头 Packing & marking  | 合格 Pass   |
| 外观做工 Workmanship        | 不合格 Fail |
| 功能测试 Function test      | 合格 Pass   |

检验结论 Inspection Conclusion: 不合格 FAIL
验货员 Inspector: 刘伟 Liu Wei
"""

SUPPLIER_QC = f"""\
Shenzhen Brightstar Electronics Co., Limited
Quality Control Department 品质部
OUTGOING QUALITY INSPECTION REPORT 出货检验报告
Report No.: BS-OQC-26-1001
Inspection date: 2026-10-01
Customer: Oakridge Home Goods Inc.
Order No.: {CHARGER_ORDER}
Quantity: 5,000 pcs
Result: ☐ Pass  ☑ Fail  ☐ Pending
Inspector: Wang Fang
"""

OTHER_ORDER_REPORT = charger_report("Intertek Testing Services Shenzhen Ltd.", order="2456781234511111")

CCIC_CERTIFICATE = f"""\
CCIC Shenzhen Co., Ltd.
中国检验认证集团深圳有限公司
INSPECTION CERTIFICATE 检验证书
Certificate No.: CCIC-SZ-26-44871                 Date of Issue: 05 Oct 2026
Applicant: Oakridge Home Goods Inc.
Manufacturer: Shenzhen Brightstar Electronics Co., Limited
Order No.: {CHARGER_ORDER}
Commodity: USB-C charger 20W, white (BS-CH20W-WH)
Quantity: 5,000 pcs
Date of inspection: 04 Oct 2026
Sampling: ISO 2859-1, General Inspection Level II, AQL 0 / 2.5 / 4.0
Result of inspection: The goods were found not to conform: 14 major defects (loose USB-C port) against 10 allowed.
Conclusion: NOT CONFORM
"""

VTRUST_REPORT = f"""\
V-Trust Inspection Service Co., Ltd.
www.v-trust.com
PRE-SHIPMENT INSPECTION REPORT
Report No.: VT-PSI-261002-17                  Inspection date: 2026-10-02
Client: Oakridge Home Goods Inc.
Factory: Shenzhen Brightstar Electronics Co., Limited
Factory contact: Ms. Zhou Min (QC Department)
Order No.: {CHARGER_ORDER}
Product: USB-C charger 20W, white (BS-CH20W-WH)
Order Quantity: 5,000 pcs
Sampling: ANSI/ASQ Z1.4, General Inspection Level II, AQL 0 / 2.5 / 4.0
Sample size: 200 pcs
Defects found: Critical 0, Major 12, Minor 5
Overall Result: FAIL
Inspector: Huang Jie
"""

BV_REPORT = f"""\
Bureau Veritas Consumer Products Services (H.K.) Ltd.
Inspection Division, Shenzhen
INSPECTION REPORT - FINAL RANDOM INSPECTION
Report No.: BV-FRI-2610-00913                 Date: 2026-10-03
Client: Oakridge Home Goods Inc.
Vendor: Shenzhen Brightstar Electronics Co., Limited
Order No.: {CHARGER_ORDER}
Product: USB-C charger 20W, white (BS-CH20W-WH)
Quantity: 5,000 pcs
AQL: Critical 0 / Major 2.5 / Minor 4.0, Level II
Defects found: Critical 0, Major 15, Minor 4
Inspection result: Not conforming
"""

TUV_REPORT = charger_report("TÜV Rheinland (Shanghai) Co., Ltd.\nProducts Inspection Services")

# ------------------------------------------------------------------ the table

SGS_BUNDLE = {**CHARGER, "SGS 验货报告.txt": SGS_CHINESE}

TRAPS = [
    # I001: a report is there, whatever its title, language, issuer or order.
    Trap("I001", "a bilingual SGS report titled 验货报告 INSPECTION REPORT", SGS_BUNDLE),
    Trap("I001", "the supplier's own outgoing QC report is still a report (I002 says why it is weak)",
         {**CHARGER, "OQC report BS-OQC-26-1001.txt": SUPPLIER_QC}),
    Trap("I001", "a report naming another order is still a report (I004 says why it is weak)",
         {**CHARGER, "Intertek FRI-26-100288.txt": OTHER_ORDER_REPORT}),
    Trap("I001", "a CCIC inspection certificate", {**CHARGER, "CCIC certificate.txt": CCIC_CERTIFICATE}),
    # I002: a recognised company written out in full, or beside a factory's QC contact.
    Trap("I002", "SGS written as its Chinese joint venture, 通标 / SGS-CSTC Standards Technical Services",
         SGS_BUNDLE),
    Trap("I002", "Bureau Veritas written as Bureau Veritas Consumer Products Services (H.K.) Ltd.",
         {**CHARGER, "BV FRI.txt": BV_REPORT}),
    Trap("I002", "a V-Trust report that names the factory's QC department as its contact",
         {**CHARGER, "V-Trust PSI.txt": VTRUST_REPORT}),
    Trap("I002", "TÜV Rheinland written with its Chinese subsidiary's name", {**CHARGER, "TUV FRI.txt": TUV_REPORT}),
    Trap("I002", "Intertek written as Intertek Testing Services Shenzhen Ltd.",
         {**CHARGER, "Intertek FRI.txt": charger_report("Intertek Testing Services Shenzhen Ltd.")}),
    # I003: checkpoints passed, but the overall result is a fail or pending.
    Trap("I003", "'Pass' in the per-item result column, overall 不合格 FAIL", SGS_BUNDLE),
    Trap("I003", "a defect table with 'Accept' in its header, majors over it, overall FAIL",
         {**LAMP, "QIMA PSI.txt": lamp_report()}),
    Trap("I003", "overall result pending the client's decision",
         {**LAMP, "QIMA PSI.txt": lamp_report(result_line="Overall Result: PENDING (client decision)")}),
    Trap("I003", "a ticked Fail box beside unticked Pass and Pending boxes", {**CHARGER, "OQC.txt": SUPPLIER_QC}),
    Trap("I003", "a certificate concluding NOT CONFORM", {**CHARGER, "CCIC certificate.txt": CCIC_CERTIFICATE}),
    # I004: the report names this order by another of its references, or its quantity another way.
    Trap("I004", "the report's order number is the PI number",
         {**LAMP, "QIMA PSI.txt": lamp_report(order_line="Order No.: LX-PI-26-0815")}),
    Trap("I004", "the report's order number is the contract number",
         {**LAMP_WITH_CONTRACT, "QIMA PSI.txt": lamp_report(order_line="Order No.: LX-SC-26-0818")}),
    Trap("I004", "the report names the buyer's PO",
         {**LAMP_WITH_CONTRACT, "QIMA PSI.txt": lamp_report(order_line="PO No.: HI-PO-5521")}),
    Trap("I004", "the report gives the buyer's PO under 'Customer PO' (an order number label)",
         {**LAMP, "QIMA PSI.txt": lamp_report(order_line="Customer PO: HI-PO-5521")}),
    Trap("I004", "a report on one product line of the order: the lamps, 300 of the order's 600 pcs",
         {**LAMP, "QIMA PSI.txt": lamp_report(quantity_line="Order Quantity: 300 pcs")
                                  .replace("LED table lamp with power adaptor (LX-TL36 / LX-AD12)",
                                           "LED table lamp, oak base (LX-TL36)")}),
    Trap("I004", "the report's quantity per product line (lamp 300 pcs; adaptor 300 pcs)",
         {**LAMP, "QIMA PSI.txt": lamp_report(quantity_line="Order Quantity: LED table lamp 300 pcs; "
                                                            "power adaptor 300 pcs")}),
    Trap("I004", "the report's quantity as a sum of the colours (600 + 600 + 600 pcs)",
         {**MUG, "QIMA PSI.txt": lamp_report(order_line=f"Alibaba Order No.: {MUG_ORDER}",
                                             quantity_line="Order Quantity: 600 + 600 + 600 pcs")
                                  .replace("LED table lamp with power adaptor (LX-TL36 / LX-AD12)",
                                           "Stoneware mug 350 ml (FX-M350-SG / FX-M350-SD / FX-M350-CH)")}),
    # I005: an overall result is stated, in words other than PASS / FAIL.
    Trap("I005", "overall result in Chinese and English, 检验结论: 不合格 FAIL", SGS_BUNDLE),
    Trap("I005", "overall result 'Not conforming'", {**CHARGER, "BV FRI.txt": BV_REPORT}),
    Trap("I005", "overall result 合格 alone", {**CHARGER, "TUV FRI.txt": charger_report(
        "TÜV Rheinland (Shanghai) Co., Ltd.", result="检验结论 Conclusion: 合格")}),
    Trap("I005", "overall result 'Conforming' in a result cell",
         {**CHARGER, "TUV FRI.txt": charger_report("TÜV Rheinland (Shanghai) Co., Ltd.",
                                                   result="| Overall Inspection Result | Conforming |")}),
    Trap("I005", "a ticked Fail box", {**CHARGER, "OQC.txt": SUPPLIER_QC}),
]

#: Beside the traps, their firing neighbours: the same reports with the flaw a reviewer would
#: flag, so that what keeps a trap quiet is shown not to mute its rule. (code, why, files, phrase)
NEIGHBOURS = [
    ("I002", "a report headed by the factory's own QC department",
     {**CHARGER, "QC.txt": VTRUST_REPORT.replace("V-Trust Inspection Service Co., Ltd.\nwww.v-trust.com",
                                                 "Shenzhen Brightstar Electronics Co., Limited\nQC Department")},
     "supplier's own QC report"),
    ("I004", "an order number that is none of the order's references",
     {**LAMP_WITH_CONTRACT, "QIMA PSI.txt": lamp_report(order_line="Order No.: LX-PI-26-0702")},
     "order LX-PI-26-0702"),
    ("I004", "a buyer's PO that is not this order's",
     {**LAMP_WITH_CONTRACT, "QIMA PSI.txt": lamp_report(order_line="PO No.: HI-PO-5498")}, "HI-PO-5498"),
    ("I004", "per-line quantities that add up to another total",
     {**LAMP, "QIMA PSI.txt": lamp_report(quantity_line="Order Quantity: LED table lamp 300 pcs; "
                                                        "power adaptor 200 pcs")},
     "quantity 500"),
    ("I004", "a sum of the colours that is another total",
     {**MUG, "QIMA PSI.txt": lamp_report(order_line=f"Alibaba Order No.: {MUG_ORDER}",
                                         quantity_line="Order Quantity: 600 + 600 pcs")
                              .replace("LED table lamp with power adaptor (LX-TL36 / LX-AD12)",
                                       "Stoneware mug 350 ml (FX-M350-SG / FX-M350-SD / FX-M350-CH)")},
     "quantity 1200"),
    ("I004", "a report on the lamps alone that gives another quantity",
     {**LAMP, "QIMA PSI.txt": lamp_report(quantity_line="Order Quantity: 250 pcs")
                              .replace("LED table lamp with power adaptor (LX-TL36 / LX-AD12)",
                                       "LED table lamp, oak base (LX-TL36)")},
     "quantity 250"),
    ("I003", "per-item passes and an overall 合格 PASS",
     {**CHARGER, "SGS 验货报告.txt": SGS_CHINESE.replace("不合格 FAIL\n验货员", "合格 PASS\n验货员")},
     "passed the goods"),
]


@pytest.mark.parametrize(("code", "why", "files", "phrase"), NEIGHBOURS, ids=[f"{n[0]}: {n[1]}" for n in NEIGHBOURS])
def test_firing_neighbour_still_fires(code: str, why: str, files: dict[str, str], phrase: str,
                                      tmp_path: Path) -> None:
    messages = [f.message for f in findings(code, files, tmp_path)]
    assert any(phrase in m for m in messages), f"{code}: {why}: {messages}"


@pytest.mark.parametrize("trap", TRAPS, ids=[t.id for t in TRAPS])
def test_trap_stays_quiet(trap: Trap, tmp_path: Path) -> None:
    assert_quiet(trap, tmp_path)


def test_every_inspection_rule_has_traps() -> None:
    assert_covered(TRAPS, CODES)
