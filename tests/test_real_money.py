"""Document numbers, totals and currencies as real trade documents write them.

One test per capability, each on a small document written here in the style
real PIs, invoices and purchase orders use, with the must-not cases beside it
(a weight column is not the total, a customer's PO is not the document's own
number, a total of 0 is no total).
"""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from evidence.extract.kinds.contract import extract as extract_contract
from evidence.extract.kinds.invoice import extract as extract_invoice
from evidence.extract.kinds.shipping import extract as extract_shipping
from evidence.extract.reading import Reading
from evidence.normalize.money import currency_in, find_amounts
from evidence.records import Source
from tests.conftest import text_doc


def _invoice(text: str) -> dict[str, Any]:
    return extract_invoice(Reading.of(text_doc(text, "doc.pdf"))).values()


def _contract(text: str) -> dict[str, Any]:
    return extract_contract(Reading.of(text_doc(text, "doc.pdf"))).values()


# ------------------------------------------------------------------ currency


def test_cfa_francs_are_xof_and_space_grouped() -> None:
    amounts = find_amounts("Transport 2,00 45 000 CFA 90 000 CFA 16 200 CFA 106 200 CFA")
    assert [(m.amount, m.currency) for m in amounts] == [
        (Decimal(45000), "XOF"),
        (Decimal(90000), "XOF"),
        (Decimal(16200), "XOF"),
        (Decimal(106200), "XOF"),
    ]
    assert [m.currency for m in find_amounts("Montant : 12 500 FCFA")] == ["XOF"]
    assert [m.currency for m in find_amounts("Montant : 12 500 F CFA", "XAF")] == ["XAF"]
    assert currency_in("FCFA") == "XOF"
    assert currency_in("Rs.") == "INR"


def test_cfa_proforma_total_over_an_equivalent_in_euro() -> None:
    values = _invoice(
        """\
FACTURE PROFORMA N° PF2026/0147
Date de facturation : 14/05/2026
DESCRIPTION QTÉ PU TOTAL HT TVA TOTAL TTC
Manutention conteneur 2,00 45 000 CFA 90 000 CFA 16 200 CFA 106 200 CFA
Total HT : 90 000 CFA
TVA (18%) : 16 200 CFA
Total TTC : 106 200 CFA
162 EUR
"""
    )
    assert values["currency"] == "XOF"
    assert values["order_total"] == 106200


def test_currency_stated_in_a_phrase_settles_the_yen_mark() -> None:
    values = _invoice(
        """\
KANTO FASTENER KK
INVOICE
Invoice No.: KF-2291
All amounts in JPY
Item Qty Price Amount
Hex bolt M8 1000 ¥12 ¥12,000
Total: ¥12,000
"""
    )
    assert values["currency"] == "JPY"
    assert values["order_total"] == 12000


# ------------------------------------------------------------------ totals


def test_grand_total_after_gst_lines() -> None:
    values = _invoice(
        """\
SUNRISE EXPORTS PVT LTD
TAX INVOICE
Invoice No.: SE/25/118
Item Qty Rate Amount
Brass fitting 10 Rs. 1,000.00 Rs. 10,000.00
Taxable value Rs. 10,000.00
CGST 9% Rs. 900.00
SGST 9% Rs. 900.00
Grand Total ₹ 11,800.00
"""
    )
    assert values["currency"] == "INR"
    assert values["order_total"] == 11800


def test_a_penalty_clause_naming_the_contract_value_gives_no_total() -> None:
    head = "SALES CONTRACT\nContract No.: TR-SC-260728\nStock pot 24 cm\n2,700 pcs USD18,960.00\nTotal, FOB Ningbo\n"
    clause = ("5.Late shipment For each day of delay the Seller pays 0.5% of the contract value, up to 5%. "
              "After 30 days of delay the\nBuyer may cancel the order.\n")
    assert _contract(head + clause).get("order_total") is None  # not the 30 days
    stated = "The total contract value is USD 18,960.00 (FOB Ningbo).\n"
    assert _contract(head + stated + clause)["order_total"] == 18960


def test_a_count_glued_to_its_unit_is_the_row_quantity() -> None:
    values = _contract("""\
SALES CONTRACT
Contract No.: TR-SC-1
Model Description Quantity Unit price Amount
TR-SP24 Stockpot 24 cm, 7.5 L 1,500pcs USD 8.40 USD 12,600.00
TR-FP28 Frying pan 28 cm 1200sets USD 5.30 USD 6,360.00
""")
    rows = [(i["model"], i["quantity"], i["unit"], i["amount"]) for i in values["line_items"]]
    assert rows == [("TR-SP24", 1500, "pcs", 12600), ("TR-FP28", 1200, "sets", 6360)]


def test_without_a_written_total_the_items_sum_counts_the_tax_lines() -> None:
    values = _invoice(
        """\
SUNRISE EXPORTS PVT LTD
TAX INVOICE
Invoice No.: SE/25/119
GSTIN: 29ABCDE1234F1Z5
Item Qty Rate Amount
Brass fitting 10 Rs. 1,000.00 Rs. 10,000.00
Brass valve 5 Rs. 200.00 Rs. 1,000.00
Prices incl. packing, excl. GST
CGST 9% Rs. 990.00
SGST 9% Rs. 990.00
"""
    )
    assert values["order_total"] == 12980  # 11,000 + 990 + 990; the GSTIN and the price note add nothing


def test_a_bare_figure_in_another_column_of_the_total_row_is_not_the_total() -> None:
    # The total row sums the cube and quantity columns; the amount is only under "SUB TOTAL".
    values = _contract(
        """\
PURCHASE ORDER
ITEM # Description Unit Cube Quantity Unit Cost Net Amount
A-100 Oak table 75.50 5 $304.00 $1,520.00
A-200 Oak chair 18.37 8 $124.00 $992.00
TOTAL 524.46 13
SUB TOTAL $2,512.00
"""
    )
    assert values.get("order_total") != 13
    assert values["order_total"] == 2512


def test_a_total_of_zero_is_no_total() -> None:
    values = _invoice(
        """\
NORTHWIND SUPPLY LTD
COMMERCIAL INVOICE
Invoice No.: NW-77
Total: USD 0.00
"""
    )
    assert "order_total" not in values


def test_the_items_sum_confirms_the_first_documents_total_over_another_documents_amount_due() -> None:
    # Page 1 is the supplier's invoice; page 2 a platform invoice adding a fee to the same order.
    doc = text_doc(
        """\
INVOICE
Inv.No.: 2026-0412
Description Quantity Unit Price Amount
Blender 4 $12.00 $48.00
Kettle 1 $9.00 $9.00
TOTAL AMOUNT: 5 $57.00
""",
        "doc.pdf",
    )
    platform = text_doc("Invoice\nTransaction Service Fee 57.00 USD 1.71 USD\nAmount Due 58.71 USD\n", "doc.pdf")
    for number, page in enumerate([doc.pages[0], platform.pages[0]], start=1):
        page.number = number
        for line in page.lines:
            line.source = Source(line.source.path, page=number, line=line.source.line)
    doc.pages.append(platform.pages[0])
    values = extract_invoice(Reading.of(doc)).values()
    assert values["order_total"] == 57
    # On one page, the larger total (after tax) still wins over the items' sum.
    same_page = _invoice(
        "INVOICE\nInv.No.: 2026-0413\nDescription Quantity Unit Price Amount\nBlender 4 $12.00 $48.00\n"
        "Kettle 1 $9.00 $9.00\nTOTAL AMOUNT: 5 $57.00\nVAT 10% $5.70\nGrand total $62.70\n"
    )
    assert same_page["order_total"] == 62.7


def test_a_total_before_tax_counts_only_when_no_tax_is_stated() -> None:
    po = """\
Westfield Production LLC
Purchase Order
PO Number: 5500012345
Item Material Order Qty /Unit Net price currency Per/Unit Net Value
10 510/EA 5.05 USD 1/EA 2,575.50
Total net value excl. tax USD 2,575.50
"""
    assert _invoice(po)["order_total"] == 2575.5
    with_tax = po + "VAT 20% USD 515.10\n"
    assert _invoice(with_tax).get("order_total") != 2575.5


# ------------------------------------------------------------------ document numbers


def test_purchase_order_number_is_the_own_number_of_a_purchase_order() -> None:
    values = _invoice(
        """\
Westfield Production LLC
Purchase Order
PO Number: 5500012345
Total USD 100.00
"""
    )
    assert values["document_number"] == "5500012345"


def test_an_invoice_keeps_the_buyers_po_as_a_reference() -> None:
    values = _invoice(
        """\
HARBOUR FURNITURE SDN. BHD.
COMMERCIAL INVOICE # 7730021
RIVER HOME STORES 12 PLAZA WAY, CA PO#: RH 4410
Total USD 9,000.00
"""
    )
    assert values["document_number"] == "7730021"
    assert values["contract_number"] == "RH 4410"


def test_a_title_alone_takes_the_number_on_the_next_line() -> None:
    values = _contract(
        """\
Purchase Order
4500098765
Invoice must reference this purchase order # and match PO
Total PO Amount USD 1,000.00
"""
    )
    assert values["document_number"] == "4500098765"


def test_a_number_label_mid_line_but_not_in_a_sentence() -> None:
    values = _contract(
        """\
PURCHASE ORDER
Purchaser Lakeside Home Ltd P.O.NO. 051122
Cutting Batch 051122
Customer PO # LH#7781
The order is paid under Trade Assurance order No. 2412260000000001.
"""
    )
    assert values["document_number"] == "051122"
    assert values["order_reference"] == "LH#7781"
    assert values["document_number"] != "2412260000000001"


def test_pi_number_with_dots_and_joint_number_and_date_label() -> None:
    pi = _invoice("BRIGHT TOOLS CO., LTD\nPROFORMA INVOICE\nP.I. No.: BT-PI-2026-031\nTotal: USD 1,200.00\n")
    assert pi["document_number"] == "BT-PI-2026-031"
    invoice = _invoice(
        "BRIGHT TOOLS CO., LTD\nCOMMERCIAL INVOICE\nInvoice No. & Date: BT-0042 dt 25.03.2026\nTotal: USD 1,200.00\n"
    )
    assert invoice["document_number"] == "BT-0042"
    assert invoice["document_date"] == "2026-03-25"


def test_a_packing_list_number_of_one_digit_under_its_own_label() -> None:
    doc = text_doc(
        "PACKING LIST\n装箱单号: 7\n合同编号: 01-PC-PO01-2210\n货物名称 | 保温材料\n序号 | 货物名称 | 单位 | 数量\n1 | 保温箱 | 个 | 3\n"
    )
    values = extract_shipping(Reading.of(doc)).values()
    assert values["document_number"] == "7"
    # Under the generic "No." a lone digit is no document number.
    generic = extract_shipping(Reading.of(text_doc("PACKING LIST\nNo. 7\n"))).values()
    assert generic.get("document_number") != "7"


def test_letter_of_credit_and_customer_reference_are_kept_under_their_own_names() -> None:
    values = _invoice(
        """\
ORIENT TEXTILE CO., LTD
COMMERCIAL INVOICE
L/C No.: LC2026-0099     Invoice No.: CI-2026-015
Customer Ref: BUY-7781
H.S. Code No.: 620520
Total: USD 1,000.00
"""
    )
    assert values["document_number"] == "CI-2026-015"
    assert values["lc_number"] == "LC2026-0099"
    assert values["customer_reference"] == "BUY-7781"
    # Without an invoice number, neither the L/C, the reference nor the HS code is the document's own number.
    bare = _invoice("ORIENT TEXTILE CO., LTD\nCOMMERCIAL INVOICE\nL/C No.: LC2026-0099\nH.S. Code No.: 620520\n")
    assert bare.get("document_number") not in ("LC2026-0099", "620520")


def test_a_french_debit_alert_gives_its_amount_under_montant() -> None:
    from evidence.extract.kinds import payment

    text = (
        "Notification de Transaction\n"
        "Type de Transaction: Debited\n"
        "Description: Montant: XOF 48,250.00\n"
        "Reference: 7QX2LM90\n"
    )
    record = payment.extract(Reading.of(text_doc(text, "alerte.pdf")))
    assert (record.get("amount_paid"), record.get("currency")) == (48250.0, "XOF")
