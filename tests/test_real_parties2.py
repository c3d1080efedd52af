"""Parties from more layouts: spread label cells, small print after a party label, and what is never a name.

Each capability has a firing case (the party is read) and a must-not case.
"""

from __future__ import annotations

import pytest

from evidence.extract.kinds.contract import extract as extract_contract
from evidence.extract.kinds.inspection import extract as extract_inspection
from evidence.extract.kinds.invoice import extract as extract_invoice
from evidence.extract.kinds.payment import extract as extract_payment
from evidence.extract.kinds.shipping import extract as extract_shipping
from evidence.extract.parts.party_layouts import preamble_parties
from evidence.extract.reading import Reading
from evidence.records import Document
from tests.conftest import text_doc


def _shipping(doc: Document) -> dict[str, object]:
    record = extract_shipping(Reading.of(doc))
    return {name: record.get(name) for name in ("supplier_name", "buyer_name") if record.get(name) is not None}


# ---------------------------------------------------------------- a form's label spread to its cell's width


def test_a_spread_chinese_label_cell_is_read_as_its_label() -> None:
    doc = text_doc("装箱单\n货  物  名  称 | 保温材料 | 发  货 单 位 | 南京远山保温材料有限公司\n发货日期 | 2024/3/5")
    assert _shipping(doc) == {"supplier_name": "南京远山保温材料有限公司"}


def test_a_spread_name_is_left_as_written() -> None:
    doc = text_doc("装箱单\n备  注 | 王 明 | 运输方式 | 汽运")
    lines = [line.text for line in Reading.of(doc).doc.lines]
    assert "备注 | 王 明 | 运输方式 | 汽运" in lines
    assert _shipping(doc) == {}


# ---------------------------------------------------------------- a bank is no buyer; small print is no name


def test_a_bill_to_bank_is_no_buyer_and_the_buyer_label_block_gives_the_buyer() -> None:
    doc = text_doc(
        "BILL OF LADING\nTO: (PLEASE PRINT)\nOrchard Lane Retail Pvt. Ltd.\nAddress : 4 Hill Road, Pune\n"
        "BILL TO: (PLEASE PRINT)\nWestern Union Bank Ltd. (A/C Applicant)\nPort of Loading: Chennai"
    )
    assert _shipping(doc).get("buyer_name") == "Orchard Lane Retail Pvt. Ltd."


def test_a_bank_alone_gives_no_buyer() -> None:
    doc = text_doc("BILL OF LADING\nConsignee:\nHarbour Commercial Bank Ltd.\nPort of Loading: Chennai")
    assert "buyer_name" not in _shipping(doc)


def test_small_print_after_a_shipper_label_is_no_supplier() -> None:
    doc = text_doc(
        "BILL OF LADING\nThe terms are agreed by the shipper\nand accepted for himself and his assigns.\n"
        "Port of Loading: Chennai"
    )
    assert "supplier_name" not in _shipping(doc)


def test_a_name_after_a_shipper_label_is_read() -> None:
    doc = text_doc("BILL OF LADING\nShipper: Brightfield Exports Ltd.\nPort of Loading: Chennai")
    assert _shipping(doc)["supplier_name"] == "Brightfield Exports Ltd."


def test_a_waybill_from_box_names_the_shipper_and_a_titled_signatory_does_not() -> None:
    boxes = [[
        ["TO: (PLEASE PRINT)\nOrchard Lane Retail Pvt. Ltd.\nCONSIGNEE :\nContact Person: Mr. Ravi (Director)",
         "FROM: (PLEASE PRINT)\nBrightfield Exports Ltd.\nSHIPPER:\nContact Person: Mr. Owen Tallis (Director)"],
    ]]
    doc = text_doc("BILL OF LADING\nPort of Loading: Chennai\nSHIPPER : MR.OWEN TALLIS    CARRIER : COASTLINE FREIGHT",
                   tables=boxes)
    assert _shipping(doc)["supplier_name"] == "Brightfield Exports Ltd."


def test_a_from_label_on_a_line_names_the_shipper() -> None:
    doc = text_doc("AIR WAYBILL\nFROM: Brightfield Exports Ltd.   TO: Orchard Lane Retail Pvt. Ltd.")
    assert _shipping(doc) == {"supplier_name": "Brightfield Exports Ltd.", "buyer_name": "Orchard Lane Retail Pvt. Ltd."}


def test_a_titled_person_alone_is_no_shipper() -> None:
    doc = text_doc("BILL OF LADING\nShipper: Mr. Owen Tallis\nPort of Loading: Chennai")
    assert "supplier_name" not in _shipping(doc)


def test_from_inside_a_sentence_labels_nothing() -> None:
    doc = text_doc("BILL OF LADING\nGoods shipped from: Brightfield Exports Ltd.\nPort of Loading: Chennai")
    assert "supplier_name" not in _shipping(doc)


# ---------------------------------------------------------------- a contract's preamble


def _contract(text: str) -> dict[str, object]:
    record = extract_contract(Reading.of(text_doc(text)))
    return {name: record.get(name) for name in ("supplier_name", "buyer_name") if record.get(name) is not None}


def test_a_preamble_names_the_seller_and_the_party_after_and() -> None:
    text = ("SALES CONTRACT\nNO.: SC-2024-118\nThis is to confirm that  NINGBO EASTWIND FURNITURE LLC. 8 Lake Road, "
            "Ningbo, china  Fax NO.86-574-1234567 (hereinafter called the Sellers) and   HARTWELL HOME INC. have "
            "agreed to close the following transactions\n（买方）BUYERS | （卖方）SELLERS\nNingbo Eastwind Furniture LLC")
    assert _contract(text) == {"supplier_name": "Ningbo Eastwind Furniture LLC", "buyer_name": "HARTWELL HOME INC."}


def test_a_preamble_names_both_roles() -> None:
    text = ('CONTRACT\nThis contract is made by and between Alder Trading Co., Ltd. (hereinafter referred to as '
            '"the Seller") and Birch Imports GmbH (hereinafter referred to as "the Buyer").')
    assert _contract(text) == {"supplier_name": "Alder Trading Co., Ltd.", "buyer_name": "Birch Imports GmbH"}


def test_a_role_note_in_a_clause_names_no_party() -> None:
    assert preamble_parties(text_doc("The goods hereinafter the Buyer may inspect at the port of discharge.")) == {}


# ---------------------------------------------------------------- an invoice's addressee under its title


def _invoice(text: str) -> dict[str, object]:
    record = extract_invoice(Reading.of(text_doc(text)))
    return {name: record.get(name) for name in ("supplier_name", "buyer_name") if record.get(name) is not None}


_HEAD = "KESTREL WOODWORKS SDN. BHD.\nLot 5, Jalan Industri 3, Muar\nPHONE : (+60-6) 111-2222\n"


def test_the_addressee_under_an_invoice_title_is_the_buyer() -> None:
    text = (_HEAD + "COMMERCIAL INVOICE # 5512\nFERN VALLEY HOME FURNISHINGS C/O HARBOR STORAGE Date: 03-Feb-24\n"
            "88 Market Street, Sacramento, CA PO#: FV 202\nModel Description Qty Unit Price Amount\nCH-1 Chair 10 5.00 50.00")
    assert _invoice(text) == {"supplier_name": "KESTREL WOODWORKS SDN. BHD.", "buyer_name": "FERN VALLEY HOME FURNISHINGS"}


@pytest.mark.parametrize(
    "under",
    ["Description Quantity Unit Price Amount\n1 Chair 10 5.00 50.00",  # the item table's header
     "Thank you for your business\nPayment due in 30 days",  # no address under it
     "KESTREL WOODWORKS SDN. BHD.\nLot 5, Jalan Industri 3, Muar",  # the issuer again
     "Port Charges Import\nDate de facturation : 09/06/2026"],  # a subtitle over a labeled line
)
def test_no_addressee_where_the_layout_leaves_doubt(under: str) -> None:
    assert "buyer_name" not in _invoice(_HEAD + "INVOICE No. 77\n" + under)


def test_a_purchase_orders_addressee_is_not_its_buyer() -> None:
    text = "PURCHASE ORDER 4501\nFERN VALLEY HOME FURNISHINGS\n88 Market Street, Sacramento, CA"
    assert "buyer_name" not in _contract(text)


# ---------------------------------------------------------------- a side heading's block beside another


def test_a_name_sub_label_beside_another_block_names_the_party() -> None:
    text = ("PROFORMA INVOICE N° 1\nShipment details      Customer :\n"
            "Vessel : OCEAN STAR   Dénomination : TRANSIT OUEST-AFRIQUE P/C PAPERCO\nVoy : 26607   Adresse : 3 Rue du Port")
    assert _invoice(text) == {"buyer_name": "TRANSIT OUEST-AFRIQUE"}


def test_a_name_sub_label_over_no_name_gives_none() -> None:
    text = ("PROFORMA INVOICE N° 1\nShipment details      Customer :\n"
            "Vessel : OCEAN STAR   Company Name : Page 2\nVoy : 26607   Adresse : 3 Rue du Port")
    assert _invoice(text) == {}


# ---------------------------------------------------------------- a purchase order's letterhead is its buyer


def test_a_purchase_orders_letterhead_is_the_buyer_not_the_supplier() -> None:
    text = ("Purchase Order\n4509001122\nHOLLOWAY GRAIN INCORPORATED\n100 Mill Road West\nWAYZATA MN 55391\n"
            "Vendor: Palletline Services Inc\nItem Material Order Qty Net price")
    assert _contract(text) == {"supplier_name": "Palletline Services Inc", "buyer_name": "HOLLOWAY GRAIN INCORPORATED"}


def test_a_purchase_orders_letterhead_alone_gives_no_supplier() -> None:
    text = "Holloway Grain LLC\nPurchase Order\nPO Number: 5502001234\nItem Material Order Qty Net price"
    assert "supplier_name" not in _contract(text)


def test_a_sales_contracts_letterhead_stays_the_supplier() -> None:
    text = "Alder Trading Co., Ltd.\nSALES CONTRACT\nNO.: SC-77\nBuyer: Birch Imports GmbH"
    assert _contract(text) == {"supplier_name": "Alder Trading Co., Ltd.", "buyer_name": "Birch Imports GmbH"}


def test_a_hyphenated_bill_to_label_names_the_buyer() -> None:
    assert _invoice("INVOICE No. 5\nBill-to: Birch Imports GmbH\nTotal 100.00")["buyer_name"] == "Birch Imports GmbH"


# ---------------------------------------------------------------- a payment advice's issuer and addressee


def _payment(text: str) -> dict[str, object]:
    record = extract_payment(Reading.of(text_doc(text)))
    fields = ("payer_name", "buyer_name", "beneficiary_name")
    return {name: record.get(name) for name in fields if record.get(name) is not None}


_ADVICE = ("Payment Advice\nLarkspur Retail Limited\n3rd Floor, Court House\nMumbai\nYour A/c with us : 10293343\n"
           "Company\n{payee}\n12 Sea Road Date : 17.07.2025\nWe have settled the following items for\nINR 12,238.48")


def test_a_payment_advice_is_paid_by_its_issuer_to_its_addressee() -> None:
    assert _payment(_ADVICE.format(payee="MARIGOLD DAIRIES PVT LTD")) == {
        "payer_name": "Larkspur Retail Limited", "buyer_name": "Larkspur Retail Limited",
        "beneficiary_name": "MARIGOLD DAIRIES PVT LTD"}


def test_a_bank_under_a_payment_advice_is_no_payee() -> None:
    assert "beneficiary_name" not in _payment(_ADVICE.format(payee="Coastal Bank Ltd"))


def test_a_receipt_not_titled_an_advice_takes_no_letterhead_payer() -> None:
    text = _ADVICE.format(payee="MARIGOLD DAIRIES PVT LTD").replace("Payment Advice", "Receipt")
    assert "payer_name" not in _payment(text)


# ---------------------------------------------------------------- a Chinese manufacturer label


def test_the_manufacturer_of_a_chinese_inspection_report_is_the_supplier() -> None:
    doc = text_doc("质量检验报告\n产品名称 | 保温材料\n生产厂家 | 南京远山保温材料有限公司\n检验结果 | 合格")
    assert extract_inspection(Reading.of(doc)).get("supplier_name") == "南京远山保温材料有限公司"


def test_a_manufacturer_label_over_no_name_gives_no_supplier() -> None:
    doc = text_doc("质量检验报告\n生产厂家 | 电话\n检验结果 | 合格")
    assert extract_inspection(Reading.of(doc)).get("supplier_name") is None


# ---------------------------------------------------------------- the payee in an invoice's payment terms


def test_the_payee_of_an_invoices_terms_is_its_supplier() -> None:
    text = "PROFORMA INVOICE N° 77\nConditions de paiement\nRèglement à effectuer à l'ordre de PORTLINE ABIDJAN\nTotal 708 000"
    assert _invoice(text) == {"supplier_name": "PORTLINE ABIDJAN"}


@pytest.mark.parametrize("payee", ["Harbour Commercial Bank Ltd", "the seller's account below"])
def test_a_bank_or_a_phrase_as_payee_is_no_supplier(payee: str) -> None:
    assert "supplier_name" not in _invoice(f"INVOICE No. 5\nAmount payable to {payee}\nTotal 100.00")
