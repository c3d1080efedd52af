from __future__ import annotations

import pytest

from evidence.classify import classify
from evidence.phrases import phrase_to_pattern
from evidence.readers import read_path
from tests.conftest import EXTERNAL, needs_external, text_doc


@pytest.mark.parametrize(
    ("text", "kind"),
    [
        ("NINGBO HUALI HOUSEWARE CO., LTD.\nPROFORMA INVOICE\nPI No.: HL-2026-118\nUnit Price  Amount", "proforma_invoice"),
        ("宁波华立家居用品有限公司\n形式发票\n编号：HL-2026-118\n单价 总价", "proforma_invoice"),
        ("PRO-FORMA  INVOICE\nInvoice No. 7781\nTotal", "proforma_invoice"),
        ("COMMERCIAL INVOICE\nInvoice No.: CI-0091\nShipper: ...\nTotal", "commercial_invoice"),
        ("SALES CONTRACT\nContract No.: SC-2026-07\nThe Seller: ...\nThe Buyer: ...\nArticle 5 Penalty", "contract"),
        ("购销合同\n合同编号：GX-2026-01\n甲方：\n乙方：\n违约责任", "contract"),
        ("PRE-SHIPMENT INSPECTION REPORT\nAQL: Major 2.5 / Minor 4.0\nSample size: 200\nOverall result: FAIL", "inspection_report"),
        ("验货报告\n抽样数量：200\n检验结果：不合格", "inspection_report"),
        ("OUTWARD TELEGRAPHIC TRANSFER\nRemitter: ...\nBeneficiary: ...\nValue date: 2026-08-01", "payment_record"),
        ("BILL OF LADING\nB/L No.: COSU6281934410\nShipper:\nConsignee:\nPort of Loading: Ningbo", "shipping_document"),
        ("Notes to self about the weather and lunch.", "unknown"),
    ],
)
def test_kind_from_content(text: str, kind: str) -> None:
    assert classify(text_doc(text)).kind == kind


def test_title_at_top_beats_a_mention_further_down() -> None:
    text = "COMMERCIAL INVOICE\nInvoice No. 1\n" + "\n".join(["item line"] * 20) + "\nas per contract No. 5"
    result = classify(text_doc(text))
    assert result.kind == "commercial_invoice" and result.confidence > 0.5


def test_file_name_only_breaks_ties() -> None:
    text = "INVOICE\nPROFORMA"
    assert classify(text_doc(text, "scan_commercial_invoice.pdf")).kind in {"commercial_invoice", "proforma_invoice"}
    assert classify(text_doc("hello there", "proforma_invoice.pdf")).kind == "unknown"


def test_pattern_is_word_bounded_for_latin_phrases() -> None:
    assert phrase_to_pattern("pi").search("shipping") is None
    assert phrase_to_pattern("pro forma invoice").search("PRO-FORMA INVOICE") is not None


@needs_external
@pytest.mark.parametrize(
    "relative",
    ["invoice2data/compare/AmazonWebServices.pdf", "invoice2data/compare/saeco.pdf",
     "invoice2data/compare/QualityHosting.pdf", "zugferd/acme_invoice-42_ZUGFeRD.pdf"],
)
def test_external_invoices_are_commercial_invoices(relative: str) -> None:
    assert classify(read_path(EXTERNAL / relative)).kind == "commercial_invoice"


def test_a_paid_order_printout_is_a_payment_record() -> None:
    text = "Trade Assurance | My Orders\nOrder details #2381093617405528\nTotal US $14,700.00\nPayment status Paid in full"
    assert classify(text_doc(text)).kind == "payment_record"
    assert classify(text_doc("PROFORMA INVOICE\nPI No.: 7\nPayment terms: 30% deposit")).kind == "proforma_invoice"
