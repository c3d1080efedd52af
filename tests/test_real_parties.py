"""Parties from form layouts: the layouts real documents state their parties in, and what is never a name.

Each capability has a firing case (the party is read) and a must-not case (a
heading, label, bracket or phone number where the name stands gives no name).
"""

from __future__ import annotations

import pytest

from evidence.extract.kinds.inspection import extract as extract_inspection
from evidence.extract.kinds.invoice import extract as extract_invoice
from evidence.extract.kinds.shipping import extract as extract_shipping
from evidence.extract.parts.parties import block_name, companies_along, is_name, without_name_label
from evidence.extract.reading import Reading
from evidence.records import Source
from tests.conftest import text_doc


def _invoice(text: str) -> dict[str, object]:
    record = extract_invoice(Reading.of(text_doc(text)))
    return {name: record.get(name) for name in ("supplier_name", "buyer_name") if record.get(name) is not None}


# ---------------------------------------------------------------- what is never a name


@pytest.mark.parametrize(
    "text",
    [")", "NAME", "Page 1 of 3", "BUYER DETAILS", "10. Remarks", "SHIP TO:", "Invoice No :", "Check if",
     "Questions to:", "电话", "Country of Origin China", "Wei Lan 13900001111",
     "hereby declares that the goods described above were received in apparent good order and condition",
     "and accepted for himself and his assigns.", "BUYERS", "SELLERS"],
)
def test_a_label_heading_bracket_or_phone_is_no_name(text: str) -> None:
    assert not is_name(text)


@pytest.mark.parametrize("text", ["Northwind Trading Co., Ltd.", "Tomas Brandt", "杭州明远贸易有限公司",
                                  "Zhejiang Northern Lights Household Electric Appliance Import and Export Co., Ltd."])
def test_a_name_is_a_name(text: str) -> None:
    assert is_name(text)


def test_a_block_headed_by_a_name_sub_label_gives_the_name_under_it() -> None:
    assert block_name("NAME:\nBluefin Parts Pvt. Ltd.\n12 Harbour Road") == "Bluefin Parts Pvt. Ltd."
    assert block_name("Company Name : Orchid Home Supplies LLC") == "Orchid Home Supplies LLC"
    assert block_name("ATTN: Kestrel Labs Limited\n9 Quay Street") == "Kestrel Labs Limited"


def test_a_block_of_a_contact_phone_gives_no_name() -> None:
    assert block_name("Wei Lan 13900001111") is None


def test_twin_name_sub_labels_on_one_line_cut_the_first_value() -> None:
    line = "Company Name : Orchid Home Supplies LLC Company Name : Orchid Home Supplies LLC"
    assert without_name_label(line) == "Orchid Home Supplies LLC"


# ---------------------------------------------------------------- a label whose value is another label


def test_a_party_label_followed_by_another_label_reads_the_block_under_it() -> None:
    fields = _invoice(
        "PROFORMA INVOICE\n"
        "Supplier: Invoice No : PI-2291\n"
        "Invoice Date: 14/03/2026\n"
        "GREYSTONE LUBRICANTS FZE\n"
        "Plot 12, Free Zone South, Dubai\n"
        "INVOICE TO: SHIP TO:\n"
        "Company Name : Orchid Home Supplies LLC Company Name : Orchid Home Supplies LLC\n"
        "Address: Basra, Iraq Address: Basra, Iraq\n"
        "Total: USD 1,200.00\n"
    )
    assert fields["supplier_name"] == "GREYSTONE LUBRICANTS FZE"
    assert fields["buyer_name"] == "Orchid Home Supplies LLC"


def test_a_seller_label_over_a_heading_takes_the_name_sub_label_below() -> None:
    fields = _invoice(
        "INVOICE\n"
        "Seller Country of Origin China\n"
        "Name: Lakeview Appliance Co.,Ltd\n"
        "Address: No. 8 Lake Road, Suzhou\n"
        "Total: USD 90.00\n"
    )
    assert fields["supplier_name"] == "Lakeview Appliance Co.,Ltd"


def test_a_label_with_only_form_text_after_it_gives_no_party() -> None:
    fields = _invoice("COMMERCIAL INVOICE\nSIGNATURE OF SHIPPER/EXPORTER Check if\napplicable\nTotal: USD 10.00\n")
    assert "supplier_name" not in fields


# ---------------------------------------------------------------- side-by-side blocks


def test_side_by_side_party_blocks_take_the_company_in_their_column() -> None:
    fields = _invoice(
        "COMMERCIAL INVOICE\n"
        "Exporter (Shipper): Consignee (Importer):\n"
        "Bluefin Parts Pvt. Ltd. Corvid Computers Pvt. Ltd.\n"
        "4 Elm Street, Leeds 22 Lake View, Pune\n"
        "Total: USD 5,000.00\n"
    )
    assert fields["supplier_name"] == "Bluefin Parts Pvt. Ltd."
    assert fields["buyer_name"] == "Corvid Computers Pvt. Ltd."


def test_companies_along_a_line_are_read_left_to_right() -> None:
    found = companies_along("NORTH PALLET INC SOUTHFIELD FOODS, INCORPORATED Jane Roe", Source("x"))
    assert [party.name for party in found] == ["NORTH PALLET INC", "SOUTHFIELD FOODS, INCORPORATED"]


# ---------------------------------------------------------------- numbered boxes with the name below


def test_a_numbered_box_with_a_bracket_value_reads_the_name_line_below() -> None:
    record = extract_inspection(
        Reading.of(
            text_doc(
                "PRE-SHIPMENT INSPECTION CERTIFICATE\n"
                "5. Details of Importer (Consignee):\n"
                "Name: Corvid Computers Pvt. Ltd.\n"
                "Address: 22 Lake View, Pune\n"
                "6. Details of Exporter (Shipper):\n"
                "Name: Bluefin Parts Pvt. Ltd\n"
                "Address: 4 Elm Street, Leeds\n"
                "Date of Inspection: 17 September 2025\n"
            )
        )
    )
    assert record.get("buyer_name") == "Corvid Computers Pvt. Ltd."
    assert record.get("supplier_name") == "Bluefin Parts Pvt. Ltd"


def test_a_shipper_cell_headed_by_name_gives_the_name_not_the_sub_label() -> None:
    doc = text_doc(
        "PACKING LIST\nEXPORTER / SHIPPER\nNAME:\nBluefin Parts Pvt. Ltd.\n",
        tables=[[["EXPORTER / SHIPPER\nNAME:\nBluefin Parts Pvt. Ltd.\n4 Elm Street", "INVOICE NO: BP-1"]]],
    )
    assert extract_shipping(Reading.of(doc)).get("supplier_name") == "Bluefin Parts Pvt. Ltd."


def test_a_shipper_phone_cell_gives_no_supplier() -> None:
    doc = text_doc("送货单\n", tables=[[["发货人  电话", "王林 13900001111"], ["收货人", "李强"]]])
    assert extract_shipping(Reading.of(doc)).get("supplier_name") is None


def test_to_labels_the_buyer_only_where_a_field_starts() -> None:
    from evidence.extract.labels import find_labels

    assert [hit.field for hit in find_labels("To: Harbourline Imports Ltd")] == ["buyer_name"]
    assert "buyer_name" in [hit.field for hit in find_labels("Invoice | To: Harbourline Imports Ltd")]
    assert "buyer_name" not in [hit.field for hit in find_labels("Questions to: orders@example.com")]
    assert "buyer_name" not in [hit.field for hit in find_labels("Send goods to: Dock 4, North Gate")]
