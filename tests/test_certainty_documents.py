"""How sure each value of a PI, contract, invoice or inspection report is: labeled, inferred or guessed.

A value read under its label is labeled and its note names the label; one worked out
from the layout (a letterhead, a preamble, a sum of the items) is inferred; a numeric
date read in a day/month order nothing in the document settles is guessed. Each case
has its counterpart, so a mark that does not depend on how the value was found fails.
"""

from __future__ import annotations

from evidence.extract.kinds.contract import extract as extract_contract
from evidence.extract.kinds.invoice import extract as extract_invoice
from evidence.extract.parts.aql import record_sampling
from evidence.extract.reading import TERMS_LAYOUTS, Reading, from_note
from evidence.records import GUESSED, INFERRED, LABELED, Record
from tests.conftest import text_doc

PI = (
    "Ningbo Haoyu Drinkware Co., Ltd.\nNo. 18 Binhai Road, Ningbo, China\nPROFORMA INVOICE\n"
    "PI No.: HY-PI-2026-0817\nDate: 05/09/2026\nBuyer: Northfield Outdoor Supply LLC\n"
    "Payment: 100% by PayPal\nLatest shipment date: 15 October 2026\nTotal amount: USD 5,000.00\n"
)
#: A table as a reader gives it: rows of cells.
Grid = list[list[str | None]]
ITEMS: list[Grid] = [[
    ["Model", "Description", "Qty", "Unit Price", "Amount"],
    ["HY-1", "Tumbler 500 ml", "1,000 pcs", "USD 2.50", "USD 2,500.00"],
    ["HY-2", "Tumbler 750 ml", "1,000 pcs", "USD 2.50", "USD 2,500.00"],
]]
INVOICE = "ACME Trading Co., Ltd.\nCOMMERCIAL INVOICE\nInvoice No.: INV-2026-041\nDate: 12 March 2026\n"


def _invoice(text: str, tables: list[Grid] | None = None) -> Record:
    return extract_invoice(Reading.of(text_doc(text, tables=tables), TERMS_LAYOUTS))


def _contract(text: str) -> Record:
    return extract_contract(Reading.of(text_doc(text), TERMS_LAYOUTS))


def _mark(record: Record, name: str) -> tuple[str, str]:
    found = record.fields[name]
    return found.certainty, found.note


# ---------------------------------------------------------------- numbers, totals and parties under their labels


def test_a_number_a_total_and_a_party_under_their_labels_are_labeled_with_the_label() -> None:
    record = _invoice(PI)
    assert _mark(record, "document_number") == (LABELED, 'under "PI No."')
    assert _mark(record, "order_total") == (LABELED, 'under "Total amount"')
    assert _mark(record, "buyer_name") == (LABELED, 'under "Buyer"')
    assert _mark(record, "ship_by") == (LABELED, 'under "Latest shipment date"')
    assert _mark(record, "payment_method") == (LABELED, 'under "Payment"')


def test_a_party_in_the_block_under_its_label_is_labeled_with_that_label() -> None:
    record = _invoice(INVOICE + "Seller:\nZhejiang Beta Housewares Co., Ltd.\n8 Harbour Road, Ningbo\n")
    assert record.get("supplier_name") == "Zhejiang Beta Housewares Co., Ltd."
    assert _mark(record, "supplier_name") == (LABELED, 'under "Seller"')


def test_a_letterhead_party_is_inferred() -> None:
    record = _invoice(PI)
    assert record.get("supplier_name") == "Ningbo Haoyu Drinkware Co., Ltd."
    assert _mark(record, "supplier_name") == (INFERRED, "from the letterhead")


def test_a_preamble_names_the_parties_by_their_roles_inferred() -> None:
    record = _contract(
        "SALES CONTRACT\nContract No.: SC-2026-11\nThis contract is made between ACME Trading Co., Ltd. "
        "(hereinafter called the Seller) and Beta Imports LLC (hereinafter called the Buyer).\n"
    )
    assert (record.get("supplier_name"), record.get("buyer_name")) == ("ACME Trading Co., Ltd.", "Beta Imports LLC")
    assert _mark(record, "supplier_name") == (INFERRED, "from the contract preamble")
    assert _mark(record, "buyer_name") == (INFERRED, "from the contract preamble")
    assert _mark(record, "document_number") == (LABELED, 'under "Contract No."')


# ---------------------------------------------------------------- dates: the day/month order


def test_an_ambiguous_date_in_a_guessed_order_is_guessed_and_says_why() -> None:
    record = _invoice(PI)
    assert record.get("document_date") == "2026-09-05"
    certainty, note = _mark(record, "document_date")
    assert certainty == GUESSED and note.endswith("read day first: nothing in the document settles day/month order")
    assert record.get("document_date_ambiguous") is True


def test_the_same_date_in_a_document_that_settles_its_order_is_labeled() -> None:
    record = _invoice(PI + "Shipped: 25/09/2026\n")  # 25/09 can only be day first
    assert record.get("document_date") == "2026-09-05"
    assert _mark(record, "document_date") == (LABELED, 'under "Date"')
    assert "document_date_ambiguous" not in record.fields


def test_only_a_date_that_reads_two_ways_rests_on_a_guessed_order() -> None:
    reading = Reading.of(text_doc("Invoice\nDate: 12 March 2026\nDue: 04/05/2026\n"))
    assert reading.order_guessed
    assert reading.date_certainty("12 March 2026", "labeled", "") == ("labeled", "")
    assert reading.date_certainty("04/05/2026", "labeled", "")[0] == GUESSED


# ---------------------------------------------------------------- sums and line items


def test_a_total_and_a_quantity_summed_from_the_items_are_inferred() -> None:
    record = _invoice(INVOICE, tables=ITEMS)
    assert (record.get("order_total"), record.get("quantity")) == (5000, 2000)
    assert _mark(record, "order_total") == (INFERRED, "sum of the line items")
    assert _mark(record, "quantity") == (INFERRED, "sum of the line items")


def test_a_written_total_row_of_the_item_table_is_labeled() -> None:
    rows: Grid = [*ITEMS[0], ["", "Total", "2,000 pcs", "", "USD 5,000.00"]]
    record = _invoice(INVOICE + "Total: USD 5,000.00\n", tables=[rows])
    assert _mark(record, "quantity") == (LABELED, 'under column "Qty" on the total row')
    assert _mark(record, "order_total") == (LABELED, 'under "Total"')


def test_items_of_a_table_are_labeled_under_their_column_headers() -> None:
    item = _invoice(INVOICE, tables=ITEMS).items[0]
    assert (item["quantity"].certainty, item["quantity"].note) == (LABELED, 'under column "Qty"')
    assert (item["unit_price"].certainty, item["unit_price"].note) == (LABELED, 'under column "Unit Price"')
    assert item["unit"].note == 'under column "Qty"'  # the unit is read from the quantity cell


def test_items_told_apart_by_arithmetic_in_text_rows_are_inferred() -> None:
    text = INVOICE + "Description Qty Unit Price Amount\nTumbler 500 ml 1000 pcs 2.50 2500.00\n"
    item = _invoice(text).items[0]
    assert item["amount"].value == 2500
    assert {found.certainty for found in item.values()} == {INFERRED}


def test_items_in_labeled_blocks_are_labeled_under_each_label() -> None:
    block = "Item 1: HY-500\nDescription: Tumbler\nQuantity: 1,000 pcs\nUnit price: USD 2.50\nAmount: USD 2,500.00\n"
    item = _invoice(INVOICE + block).items[0]
    assert (item["quantity"].certainty, item["quantity"].note) == (LABELED, 'under "Quantity"')
    assert item["description"].note == 'under "Description"'


# ---------------------------------------------------------------- prose, references and methods


def test_a_deadline_and_an_order_number_in_a_sentence_are_inferred_and_quote_it() -> None:
    record = _contract(
        "SALES CONTRACT\nContract No.: SC-2026-11\nThe goods shall be shipped on or before 15 October 2026.\n"
        "The Buyer pays under Alibaba.com Trade Assurance order No. 241226803195774.\n"
    )
    assert _mark(record, "ship_by") == (INFERRED, 'from the sentence "The goods shall be shipped on or before..."')
    assert _mark(record, "order_number") == (INFERRED, 'from the sentence "...Assurance order No. 241226803195774"')


def test_a_labeled_order_number_is_labeled() -> None:
    record = _invoice(INVOICE + "Trade Assurance Order No.: 241226803195774\n")
    assert _mark(record, "order_number") == (LABELED, 'under "Trade Assurance Order No."')


def test_a_payment_method_worked_out_from_a_bank_account_is_inferred() -> None:
    record = _invoice(INVOICE + "Beneficiary: Zhejiang Beta Housewares Co., Ltd.\nAccount No.: 6210 4471 0093\n")
    assert record.get("payment_method") == "bank_transfer_direct"
    assert _mark(record, "payment_method") == (INFERRED, "a bank account outside the platform")
    assert _mark(record, "beneficiary_account") == (LABELED, 'under "Account No."')


def test_aql_figures_read_by_their_order_are_inferred_and_named_ones_keep_the_label() -> None:
    bare = _invoice(INVOICE + "Quality standard: ISO 2859-1 Level II, AQL 0 / 2.5 / 4.0\n")
    named = _invoice(INVOICE + "Quality standard: ISO 2859-1 Level II, AQL Critical 0 / Major 2.5 / Minor 4.0\n")
    assert bare.get("aql") == named.get("aql")
    assert _mark(named, "quality_standard") == (LABELED, 'under "Quality standard"')
    assert _mark(named, "aql") == (LABELED, 'under "Quality standard"')
    assert _mark(bare, "aql")[0] == INFERRED


# ---------------------------------------------------------------- an inspection report's defect counts


def test_defects_under_a_table_header_are_labeled_and_in_a_sentence_inferred() -> None:
    table: Grid = [["Class", "AQL", "Found", "Accept"], ["Critical", "0", "0", "0"], ["Major", "2.5", "5", "7"]]
    from_table, from_text = Record("inspection_report", "r.pdf"), Record("inspection_report", "r.pdf")
    record_sampling(from_table, Reading.of(text_doc("Inspection Report\n", tables=[table])))
    record_sampling(from_text, Reading.of(text_doc("Inspection Report\nDefects found: Critical 0, Major 5\n")))
    assert from_table.get("defects") == from_text.get("defects") == {"critical": 0, "major": 5}
    assert _mark(from_table, "defects") == (LABELED, 'under column "Found"')
    assert _mark(from_table, "allowed") == (LABELED, 'under column "Accept"')
    assert _mark(from_text, "defects")[0] == INFERRED


# ---------------------------------------------------------------- notes


def test_a_note_quotes_a_long_sentence_by_whole_words_up_to_the_value() -> None:
    text = "The Buyer agrees to buy the goods below under Alibaba.com Trade Assurance order No. 2412268031957740."
    assert from_note("sentence", text) == 'from the sentence "The Buyer agrees to buy the goods below..."'
    quoted = 'from the sentence "...Assurance order No. 2412268031957740"'
    assert from_note("sentence", text, "2412268031957740") == quoted
    assert from_note("line", "Price term: FOB Ningbo") == 'from the line "Price term: FOB Ningbo"'
