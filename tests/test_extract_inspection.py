"""Inspection report extraction: realistic reports in several layouts and both languages, then the samples."""

from __future__ import annotations

from typing import Any

import pytest

from evidence.extract.reading import Reading
from evidence.extract.kinds import inspection
from evidence.extract.kinds.inspection import verdict_in
from evidence.readers import read_path
from evidence.records import Document
from tests.conftest import SAMPLES, assert_fields, expected_documents, text_doc, valid_values

SGS_PSI = """\
SGS-CSTC Standards Technical Services Co., Ltd.
Consumer and Retail Services
PRE-SHIPMENT INSPECTION REPORT
Report No.: GZ26-0915-0447                Date of Issue: 18 Sep 2026
Applicant: Harbor & Pine Home Goods Inc.
Supplier: Foshan Meilin Furniture Co., Ltd.
Factory address: No. 12 Lecong Avenue, Shunde, Foshan, Guangdong
PO No.: HPH-PO-7781
Alibaba Order No.: 2406613377904412
Product: Oak dining chair, model MC-220
Order Quantity: 1,200 sets
Inspection Date: 16 Sep 2026
Sampling Plan: ANSI/ASQ Z1.4, General Inspection Level II, AQL 0 / 2.5 / 4.0
Sample Size: 80 sets
Defects found: Critical 0, Major 3, Minor 5
Overall Result: PASS
Inspector: Liang Wei
"""

QIMA_FRI = """\
QIMA
Inspection Report
Final Random Inspection (FRI)
Report number  INS-2609-118832
Inspection date  2026/10/02
Client  Nordlicht Trading GmbH
Supplier  Yiwu Sunrise Crafts Co., Ltd.
PO number  NL-4471
Product  Ceramic planter 20 cm
Order quantity  2,400 pcs
Sample size  125 pcs
Inspection Result Summary
Quantity          Pass
Packing           Pass
Workmanship       Fail
Measurements      Pass
Overall Inspection Result:  FAIL
Defect class   AQL   Found   Max. allowed
Critical       0     1       0
Major          2.5   9       5
Minor          4.0   6       10
"""

INTERTEK_ZH = """\
天祥集团 Intertek 检验服务（深圳）
验货报告
报告编号：ITS-SZ-2609-3321
检验类型：中期检验
检验日期：2026年9月3日
客户：杭州远航进出口有限公司
供应商：东莞市华兴塑胶制品有限公司
订单号：2398812200045567
产品名称：塑料收纳箱 45L
订单数量：6000件
抽样数量：200件
抽样标准：GB/T 2828.1 一般检验水平 II，AQL 致命 0 / 严重 2.5 / 轻微 4.0
缺陷：致命 0 严重 12 轻微 7
检验结论：不合格
"""

SUPPLIER_QC = """\
Shenzhen Brightstar Electronics Co., Ltd.
Quality Control Department
FINAL INSPECTION REPORT
Report No.: BS-QC-26-0931
Inspection date: 2026-09-30
Customer: Mapleleaf Gadgets Ltd.
Order No.: 2400123412341234
Quantity: 3,000 pcs
Result: ☑ Pass  ☐ Fail  ☐ Pending
Inspector: Wang Fang
"""

NO_RESULT = """\
HQTS Group
During Production Inspection Report
Report No.: HQ-DPI-260811
Inspection date: 11 Aug 2026
Production status: 45% finished
Workmanship: see remarks below
Remarks: packing material not yet delivered
"""

CHECKPOINT_RESULTS = """\
AQF Inspection
Pre-Shipment Inspection Report
Report No.: AQF-26-5521
Inspection date: 2026-08-19
Quantity check        Result: Pass
Workmanship check     Result: Fail
"""


def _values(text: str, path: str = "report.pdf", tables: list[list[list[str | None]]] | None = None) -> dict[str, Any]:
    return valid_values(inspection.extract, text_doc(text, path, tables), "inspection_report")


def test_sgs_psi_report() -> None:
    values = _values(SGS_PSI)
    assert values["document_number"] == "GZ26-0915-0447"
    assert values["document_date"] == "2026-09-18"
    assert values["inspection_date"] == "2026-09-16"
    assert values["inspection_company"] == "SGS"
    assert values["inspection_company_recognized"] is True
    assert values["issued_by_supplier"] is False and values["third_party"] is True
    assert values["inspection_type"] == "PSI"
    assert values["order_number"] == "2406613377904412"
    assert values["po_number"] == "HPH-PO-7781"
    assert values["supplier_name"] == "Foshan Meilin Furniture Co., Ltd."
    assert values["buyer_name"] == "Harbor & Pine Home Goods Inc."
    assert values["product"] == "Oak dining chair, model MC-220"
    assert values["quantity"] == 1200
    assert values["sample_size"] == 80
    assert values["aql"] == {"critical": 0.0, "major": 2.5, "minor": 4.0, "level": "II"}
    assert values["defects"] == {"critical": 0, "major": 3, "minor": 5}
    assert values["inspection_result"] == "pass"
    assert values["result_text"] == "Overall Result: PASS"


def test_qima_report_with_summary_and_defect_table_as_text() -> None:
    values = _values(QIMA_FRI)
    assert values["inspection_company"] == "QIMA"
    assert values["inspection_type"] == "FRI"
    assert values["document_number"] == "INS-2609-118832"
    assert values["inspection_date"] == "2026-10-02"
    assert values["buyer_name"] == "Nordlicht Trading GmbH"
    assert values["supplier_name"] == "Yiwu Sunrise Crafts Co., Ltd."
    assert values["po_number"] == "NL-4471"
    assert values["quantity"] == 2400
    assert values["sample_size"] == 125
    assert values["defects"] == {"critical": 1, "major": 9, "minor": 6}
    assert values["allowed"] == {"critical": 0, "major": 5, "minor": 10}
    assert values["aql"]["major"] == 2.5
    # The checkpoint rows (Pass/Fail) are not the overall result; the overall line is.
    assert values["inspection_result"] == "fail"


def test_qima_report_as_tables() -> None:
    tables = [
        [["Report number", "INS-2609-118832", "Inspection date", "2026/10/02"],
         ["Client", "Nordlicht Trading GmbH", "Supplier", "Yiwu Sunrise Crafts\nCo., Ltd."],
         ["PO / Alibaba\norder", "2409988776655443", "Order quantity", "2,400 pcs"]],
        [["Defect class", "AQL", "Found", "Accept / Reject"],
         ["Critical", "0", "0", "0 / 1"], ["Major", "2.5", "4", "5 / 6"], ["Minor", "4.0", "6", "10 / 11"]],
        [["Overall result", "PASS"]],
    ]
    values = _values("QIMA\nInspection Report\nFinal Random Inspection\n", tables=tables)
    assert values["supplier_name"] == "Yiwu Sunrise Crafts Co., Ltd."
    assert values["order_number"] == "2409988776655443"
    assert values["quantity"] == 2400
    assert values["defects"] == {"critical": 0, "major": 4, "minor": 6}
    assert values["allowed"] == {"critical": 0, "major": 5, "minor": 10}
    assert values["aql"] == {"critical": 0.0, "major": 2.5, "minor": 4.0}
    assert values["inspection_result"] == "pass"


def test_chinese_intertek_report_fail() -> None:
    values = _values(INTERTEK_ZH)
    assert values["inspection_company"] == "Intertek"
    assert values["third_party"] is True
    assert values["document_number"] == "ITS-SZ-2609-3321"
    assert values["inspection_type"] == "DUPRO"
    assert values["inspection_date"] == "2026-09-03"
    assert values["buyer_name"] == "杭州远航进出口有限公司"
    assert values["supplier_name"] == "东莞市华兴塑胶制品有限公司"
    assert values["order_number"] == "2398812200045567"
    assert values["quantity"] == 6000
    assert values["sample_size"] == 200
    assert values["aql"] == {"critical": 0.0, "major": 2.5, "minor": 4.0, "level": "II"}
    assert values["defects"] == {"critical": 0, "major": 12, "minor": 7}
    assert values["inspection_result"] == "fail"


BV_BILINGUAL = """\
BUREAU VERITAS
检验报告 INSPECTION REPORT
报告编号 Report No.: BV-SH-260905-22
日期 Date: 05/09/2026
工厂 Factory: 宁波美达五金有限公司 Ningbo Meida Hardware Co., Ltd.
申请人 Applicant: Nordic Home AB
Service Type: Pre-Shipment Inspection
数量 Quantity: 1,500 pcs
结论 Conclusion: 不合格 / FAIL
"""


def test_bilingual_report_with_an_ambiguous_date() -> None:
    record = inspection.extract(Reading.of(text_doc(BV_BILINGUAL, "report.pdf")))
    values = record.values()
    assert values["inspection_company"] == "Bureau Veritas"
    assert values["supplier_name"] == "Ningbo Meida Hardware Co., Ltd."  # the English half of the pair
    assert values["buyer_name"] == "Nordic Home AB"
    assert values["inspection_type"] == "PSI"
    assert values["quantity"] == 1500
    assert values["inspection_result"] == "fail"
    assert values["document_date"] == "2026-09-05"  # read day first, and noted
    assert any("day or month first" in note for note in record.notes)


def test_empty_report_never_raises() -> None:
    record = inspection.extract(Reading.of(Document(path="x.pdf", sha256="0", size=0, filetype="pdf", reader="pdf")))
    assert "inspection_result" not in record.values()


def test_chinese_names_of_companies_are_recognized() -> None:
    for header, company in [("通标标准技术服务有限公司 检验报告", "SGS"), ("必维国际检验集团 验货报告", "Bureau Veritas"),
                            ("中国检验认证集团 检验证书", "CCIC"), ("德国莱茵TÜV 验货报告", "TÜV Rheinland"),
                            ("TÜV SÜD Product Service 检验报告", "TÜV SÜD")]:
        values = _values(f"{header}\n报告编号：R-2026-001\n检验结论：合格\n")
        assert values["inspection_company"] == company, header
        assert values["inspection_result"] == "pass"


def test_supplier_own_qc_report() -> None:
    values = _values(SUPPLIER_QC)
    assert values["inspection_company"] == "Shenzhen Brightstar Electronics Co., Ltd."
    assert values["inspection_company_recognized"] is False
    assert values["issued_by_supplier"] is True
    assert values["third_party"] is False
    assert values["supplier_name"] == "Shenzhen Brightstar Electronics Co., Ltd."
    assert values["buyer_name"] == "Mapleleaf Gadgets Ltd."
    assert values["inspection_result"] == "pass"  # the ticked box
    assert values["quantity"] == 3000


def test_overall_row_of_a_checkpoint_table() -> None:
    text = "Tetra Inspection\nInspection Report\nInspection item      Result\nQuantity             Conform\n" \
           "Workmanship          Not conform\nOverall              Not conform\n"
    values = _values(text)
    assert values["inspection_company"] == "Tetra Inspection"
    assert values["inspection_result"] == "fail"


def test_supplier_letterhead_naming_a_certifier_is_still_the_supplier() -> None:
    text = "Dongguan Hengli Hardware Co., Ltd.  ISO 9001 certified by TÜV Rheinland\nQC Department\n" \
           "Outgoing Inspection Report\nReport No.: HL-QC-0918\nOverall result: PASS\n"
    values = _values(text)
    assert values["inspection_company"] == "Dongguan Hengli Hardware Co., Ltd."
    assert values["issued_by_supplier"] is True and values["third_party"] is False


def test_report_without_overall_result_has_none_and_a_note() -> None:
    record = inspection.extract(Reading.of(text_doc(NO_RESULT, "report.pdf")))
    assert "inspection_result" not in record.values()
    assert record.get("inspection_company") == "HQTS"
    assert record.get("inspection_type") == "DUPRO"
    assert any("no clear overall result" in note for note in record.notes)


def test_disagreeing_checkpoint_results_are_not_an_overall_result() -> None:
    record = inspection.extract(Reading.of(text_doc(CHECKPOINT_RESULTS, "report.pdf")))
    assert "inspection_result" not in record.values()
    assert any("disagree" in note for note in record.notes)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("PASSED", "pass"), ("Conform", "pass"), ("合格", "pass"), ("ACCEPTED", "pass"),
        ("Not conform", "fail"), ("FAIL", "fail"), ("不合格", "fail"), ("REJECTED", "fail"), ("Non-conforming", "fail"),
        ("ON HOLD", "pending"), ("Pending client's decision", "pending"), ("待定", "pending"),
        ("☐ Pass ☒ Fail ☐ Pending", "fail"), ("[ ] Pass [x] Pending", "pending"), ("■合格 □不合格", "pass"),
        ("☐ Pass ☐ Fail", None), ("Pass / Fail", None), ("see attached", None),
    ],
)
def test_verdict_words(text: str, expected: str | None) -> None:
    assert verdict_in(text) == expected


# ---------------------------------------------------------------- samples

#: Expected fields a document does not show (written from the data behind it): skipped, with the reason checked.
NOT_IN_DOCUMENT: set[tuple[str, str, str]] = set()


@pytest.mark.parametrize("bundle,entry", expected_documents("inspection_report"), ids=lambda v: v if isinstance(v, str) else v["path"])
def test_sample_inspection_reports(bundle: str, entry: dict[str, Any]) -> None:
    values = valid_values(inspection.extract, read_path(SAMPLES / bundle / entry["path"]), "inspection_report")
    skip = {name for b, path, name in NOT_IN_DOCUMENT if (b, path) == (bundle, entry["path"])}
    assert_fields(values, entry["fields"], skip)


@pytest.mark.parametrize(
    ("conclusion", "result"),
    [
        ("All units passed quality and safety compliance checks.", "pass"),
        ("The consignment was found to be satisfactory.", "pass"),
        ("Not all units passed the drop test.", "fail"),
    ],
)
def test_a_certificates_concluding_sentence_gives_the_result(conclusion: str, result: str) -> None:
    text = f"PRE-SHIPMENT INSPECTION CERTIFICATE\nCertificate No.: PSC-0412\nInspection Details:\n{conclusion}\n"
    record = inspection.extract(Reading.of(text_doc(text, "cert.pdf")))
    assert record.get("inspection_result") == result
    # A listed concluding sentence speaks of the whole report, as its result label would.
    assert record.fields["inspection_result"].certainty == "labeled"


def test_a_line_holding_only_a_verdict_is_inferred() -> None:
    text = "INSPECTION REPORT\nReport No.: QR-88\nPASS\n"
    record = inspection.extract(Reading.of(text_doc(text, "report.pdf")))
    assert record.get("inspection_result") == "pass"
    assert record.fields["inspection_result"].certainty == "inferred"


def test_a_labeled_result_wins_over_a_concluding_sentence() -> None:
    text = "INSPECTION REPORT\nOverall Result: FAIL\nAll units passed the carton drop test.\n"
    record = inspection.extract(Reading.of(text_doc(text, "report.pdf")))
    assert record.get("inspection_result") == "fail"


def test_a_count_of_passed_units_is_no_conclusion() -> None:
    text = "INSPECTION REPORT\n3 units passed the carton drop test.\n"
    record = inspection.extract(Reading.of(text_doc(text, "report.pdf")))
    assert record.get("inspection_result") is None
