"""Kinds by substance, legacy workbooks and SWIFT MT103, on small documents written for these tests."""

from __future__ import annotations

from pathlib import Path

import pytest

from evidence.bundle import describe
from evidence.classify import classify
from evidence.extract import extract
from evidence.readers import read_file
from evidence.records import Document
from tests.conftest import text_doc

WORKBOOK = Path(__file__).parent / "fixtures" / "workbooks" / "contract_with_invoice.xls"


def _read(path: Path) -> Document:
    return read_file(describe(path.name, path.read_bytes()))


def _text(text: str, name: str = "doc.txt") -> Document:
    return read_file(describe(name, text.encode()))


# ---------------------------------------------------------------- workbooks


def test_legacy_xls_is_read_one_page_per_sheet() -> None:
    doc = _read(WORKBOOK)
    assert doc.reader == "xls" and not doc.problems
    assert [page.name for page in doc.pages] == ["Notes", "Contract", "Invoice", "Annex"]
    assert "2026-03-09" in doc.pages[1].text  # a date-formatted cell is a date, not a serial number


def test_main_sheet_is_the_one_named_like_a_kind_and_other_documents_are_parts() -> None:
    doc = _read(WORKBOOK)
    assert doc.metadata["main_sheet"] == "2"
    assert doc.metadata["parts"] == "3: Invoice"  # the untitled annex stays with the contract


def test_workbook_values_never_mix_across_sheets() -> None:
    doc = _read(WORKBOOK)
    assert classify(doc).kind == "contract"
    values = extract(doc).values()
    assert (values["document_number"], values["document_date"], values["order_total"]) == ("SC-7781", "2026-03-09", 1250)
    assert values["specs"][0]["value"] == "white"  # the untitled annex is read with the contract
    flat = repr(values)
    assert "9999" not in flat and "INV-9912" not in flat and "2026-05-02" not in flat  # the invoice sheet's values


def test_an_ole_file_that_is_no_workbook_is_refused_cleanly() -> None:
    doc = read_file(describe("locked.xlsx", b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\0" * 600))
    assert any(p.code == "F001" and "password-protected" in p.reason for p in doc.problems)


# ---------------------------------------------------------------- SWIFT MT103

FIN_MT103 = """{1:F01BANKDEFFAXXX0000000000}{2:O1031200260301BANKGB2LAXXX00000000002603011200N}{4:
:20:REF 2026 0042
:23B:CRED
:32A:260301USD25000,50
:50K:/DE0011112222
EXAMPLE IMPORTS GMBH
HAMBURG
:59:/CN998877665544
SAMPLE MANUFACTURING CO LTD
NINGBO
:70:PI SM-2026-17 DEPOSIT
:71A:SHA
-}"""

BANK_PRINTED_MT103 = """MT103 SINGLE CUSTOMER CREDIT TRANSFER
:20: Sender's Reference
TT260412889
:32A: Value Date/Currency/Interbank Settled Amount
260412EUR8400,
:50K: Ordering Customer
EXAMPLE TRADING BV
:59: Beneficiary Customer
/CN1234567890
DEMO TEXTILES LTD
"""

FORMAT_DESCRIPTION = """MT103 field specifications
:20: Sender's Reference, format 16x, mandatory
:23B: Bank Operation Code, 4!c
:32A: Value Date/Currency/Interbank Settled Amount, 6!n3!a15d
:50K: Ordering Customer, option A, F or K, [/34x] 4*35x
:59: Beneficiary Customer, [/34x] 4*35x
:70: Remittance Information, 4*35x
"""


def test_a_fin_mt103_is_a_payment_with_its_fields() -> None:
    doc = _text(FIN_MT103)
    assert classify(doc).kind == "payment_record"
    values = extract(doc).values()
    assert values["document_number"] == "REF 2026 0042"
    assert values["amount_paid"] == 25000.5 and values["currency"] == "USD"
    assert values["payment_date"] == "2026-03-01"
    assert values["payer_name"] == "EXAMPLE IMPORTS GMBH"
    assert values["beneficiary_name"] == "SAMPLE MANUFACTURING CO LTD"
    assert values["payment_method"] == "bank_transfer_direct"


def test_a_bank_printed_mt103_with_field_titles_is_a_payment() -> None:
    doc = text_doc(BANK_PRINTED_MT103)
    assert classify(doc).kind == "payment_record"
    values = extract(doc).values()
    assert values["amount_paid"] == 8400 and values["currency"] == "EUR"
    assert values["beneficiary_name"] == "DEMO TEXTILES LTD"


def test_a_description_of_the_mt103_format_is_not_a_payment() -> None:
    assert classify(text_doc(FORMAT_DESCRIPTION)).kind == "unknown"


# ---------------------------------------------------------------- kinds by substance

QUOTATION = """Date Issued 02/04/2026
Sales Quotation
Supplier: Example Lubricants FZE
Customer: Demo Motors LLC
Sr. Description Quantity Unit Price (USD) Total Amount (USD)
1 Engine oil 15W40 208L 40 476 19,040
Total Amount in USD $ 19,040
Payment Terms 50% at order, rest before dispatch
Beneficiary bank: Example Bank  IBAN: AE000000000000000000  Swift: EXAMAEAA
"""

SHIPPING_INSTRUCTIONS = """Shipping Instructions
PO # 7781 Scheduled Ship Date: 7/14/2026
Port of Loading: Ningbo   Incoterm: FOB
Consignee: to order of Demo Bank
Notify party: Sample Homewares Ltd
Please attach a packing list to the back of the container.
"""

PLACEHOLDER_AWB = """Shipper's Name and Address  Air Waybill
Test Shipper Company
Consignee's Name and Address
Test Consignee Company
Airport of Departure  Airport of Destination
undefined
noOfPiecesGrossWeightValue totalValue
"""

BLANK_FORM = "\n".join(
    ["COMMERCIAL INVOICE", "INVOICE NO.", "DATE OF EXPORTATION", "SHIPPER / EXPORTER (complete name and address)",
     "CONSIGNEE (complete name and address)", "COUNTRY OF ORIGIN", "PORT OF LOADING", "FULL DESCRIPTION OF GOODS",
     "QTY", "UNIT VALUE", "TOTAL VALUE", "CURRENCY", "GROSS WEIGHT", "NOTIFY PARTY", "VESSEL", "TOTAL",
     "SIGNATURE OF SHIPPER", "F.O.B.  C&F  C.I.F.", "REASON FOR EXPORT", "MARKS AND NUMBERS", "NO. OF PACKAGES"]
)


@pytest.mark.parametrize(
    "text", [QUOTATION, SHIPPING_INSTRUCTIONS, PLACEHOLDER_AWB, BLANK_FORM],
    ids=["quotation", "shipping-instructions", "placeholders", "blank-form"],
)
def test_documents_that_record_nothing_stay_unknown(text: str) -> None:
    doc = text_doc(text)
    assert classify(doc).kind == "unknown"
    assert extract(doc).fields == {}  # no facts, so no payment or shipping finding can follow


def test_a_quotation_title_used_with_a_record_title_is_the_record() -> None:
    text = "QUOTATION AND PROFORMA INVOICE\nPI No.: SM-2026-17\nUnit price  Total amount\nPayment terms: T/T"
    assert classify(text_doc(text)).kind == "proforma_invoice"


def test_a_title_used_as_a_label_is_no_heading() -> None:
    text = "Demo Buyer Inc\nPurchase Order\nPO Number: 5500001\nSend Invoice to:\nInvoice to: Demo Buyer Inc\nTerms and conditions"
    assert classify(text_doc(text)).kind == "contract"


@pytest.mark.parametrize(
    ("text", "kind"),
    [
        ("Notification de Transaction sur Compte\nType de Transaction: Debited\nMontant: XOF 120,000.00\n"
         "Date de Valeur: 15-Jun-2026\nReference: 77ABC1234", "payment_record"),
        ("Transfer receipt\nMoney sent to Demo Shop\nAmount 50,000 XOF\nFee 500 XOF\nTransaction ID T1234567", "payment_record"),
        ("You sent a payment\nPayPal\nTransaction ID 8AB12345CD678901E\nAmount USD 250.00", "payment_record"),
        ("Comprobante de transferencia\nImporte: 1.250,00 EUR\nBeneficiario: Demo SL", "payment_record"),
        ("Debit alert\nYour account has been debited\nAmount: NGN 300,000.00\nValue date: 2026-02-01", "payment_record"),
        ("Warehouse receipt\nReceipt No. WR-2026-0047\nCartons: 5\nGross weight 80 kg", "shipping_document"),
        ("入仓单\n单号：2026062000047\n件数：5\n毛重：80公斤", "shipping_document"),
        ("Delivery list\nNo. 6\nShipper: Demo Tech\nConsignee: Sample Lab\nQty 25", "shipping_document"),
        ("Tracking details\nTracking number 1Z999AA10123456784\nDelivered 2026-03-02\nSigned by: J. DOE", "shipping_document"),
    ],
    ids=["debit-alert-fr", "mobile-money", "paypal", "transfer-es", "debit-alert-en", "warehouse-receipt",
         "warehouse-receipt-zh", "delivery-list", "tracking"],
)
def test_records_are_known_by_their_titles_in_any_language(text: str, kind: str) -> None:
    assert classify(text_doc(text)).kind == kind

