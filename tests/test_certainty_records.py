"""How sure the values of payment, shipping, manifest, message and photo records are.

A value read under its label is labeled, and its note names the label; one found by layout or
context is inferred; a date whose day/month order nothing in the document settles is guessed, and
its note says why. A false `labeled` can raise a false blocker, a false `inferred` silences a true
finding: each case below has its counterpart.
"""

from __future__ import annotations

from evidence.bundle import describe
from evidence.extract.kinds import manifest, messages, payment, photo, shipping
from evidence.extract.reading import Reading
from evidence.readers import read_file
from evidence.records import GUESSED, INFERRED, LABELED, Document, Message, Record, Source, Value
from tests.conftest import jpeg, text_doc


def _payment(text: str) -> Record:
    return payment.extract(Reading.of(text_doc(text)))


def _shipping(text: str) -> Record:
    return shipping.extract(Reading.of(text_doc(text)))


def _how(found: Value) -> tuple[str, str]:
    return found.certainty, found.note


# ---------------------------------------------------------------- payment records


BANK_SLIP = """\
Remittance Advice
Value Date: 28 Jul 2026
Remitter: Lakeside Outdoor Ltd
Beneficiary Name: Ningbo Haixing Outdoor Products Co., Ltd.
Account number: 3902 1100 0922 0345 566
Remittance Amount: USD 22,050.00
"""


def test_a_beneficiary_under_its_label_is_labeled_with_the_label_in_its_note() -> None:
    record = _payment(BANK_SLIP)
    assert record.get("beneficiary_name") == "Ningbo Haixing Outdoor Products Co., Ltd."
    assert _how(record.fields["beneficiary_name"]) == (LABELED, 'under "Beneficiary Name"')
    assert _how(record.fields["amount_paid"]) == (LABELED, 'under "Remittance Amount"')


def test_an_account_under_a_label_that_does_not_name_the_beneficiary_is_inferred() -> None:
    found = _payment(BANK_SLIP).fields["beneficiary_account"]
    assert found.value == "3902 1100 0922 0345 566"
    assert found.certainty == INFERRED
    assert "Account number" in found.note


def test_whether_the_beneficiary_is_a_person_is_decided_from_words() -> None:
    record = _payment(BANK_SLIP)
    assert record.get("beneficiary_is_person") is False
    assert record.fields["beneficiary_is_person"].certainty == INFERRED


def test_a_beneficiary_whose_role_only_its_blocks_heading_gives_is_inferred() -> None:
    record = _payment("Transfer Confirmation\nFrom\nName: Lakeside Outdoor Ltd\nAccount: 1001 2345 6789\n"
                      "Beneficiary details\nName: Lin Hao\nAccount: 6222 0210 0112 3456\nAmount: USD 3,000.00\n")
    assert record.get("beneficiary_name") == "Lin Hao"
    assert _how(record.fields["beneficiary_name"]) == (INFERRED, 'in the "Beneficiary details" block')
    assert _how(record.fields["payer_name"]) == (INFERRED, 'in the "From" block')


MT103 = """\
MT103 Single Customer Credit Transfer
:20:TT2609150042
:32A:260915USD8450,00
:50K:/817-223344-838
GLOBAL PETS TRADING LIMITED
:57A:BKCHCNBJ400
:59:/6217001234567890
WANG LI
:70:DEPOSIT FOR PI YX-PI-2609-015
"""


def test_an_mt103_beneficiary_is_labeled_by_its_tag() -> None:
    record = _payment(MT103)
    assert record.get("beneficiary_name") == "WANG LI"
    assert _how(record.fields["beneficiary_name"]) == (LABELED, ":59: beneficiary")
    assert _how(record.fields["beneficiary_account"]) == (LABELED, ":59: beneficiary")
    assert _how(record.fields["payer_name"]) == (LABELED, ":50K: payer")
    assert _how(record.fields["payment_date"]) == (LABELED, ":32A: settlement")
    # The title names the channel here; a bare MT103 is a customer credit transfer by its form.
    bare = _payment(MT103.split("\n", 1)[1])
    assert bare.get("payment_method") == "bank_transfer_direct"
    assert _how(bare.fields["payment_method"]) == (LABELED, "an MT103 customer credit transfer")


def test_a_pi_number_picked_out_of_an_mt103_remittance_text_is_inferred() -> None:
    record = _payment(MT103)
    assert record.get("pi_number") == "YX-PI-2609-015"
    assert record.fields["reference"].certainty == LABELED
    assert record.fields["pi_number"].certainty == INFERRED


def test_a_date_standing_in_for_another_is_inferred() -> None:
    record = _payment(MT103)
    assert record.get("document_date") == record.get("payment_date") == "2026-09-15"
    assert _how(record.fields["document_date"]) == (INFERRED, "from the payment date, :32A: settlement")


ADVICE = """\
Harborline Foods Limited
Payment Advice
Plot 14, Marine Drive, Kochi 682011
Southbay Creamery Pvt Ltd
Invoice INV-2207 settled in full
Total: INR 48,200.00
"""


def test_a_payment_advices_payee_by_position_is_inferred() -> None:
    record = _payment(ADVICE)
    assert record.get("beneficiary_name") == "Southbay Creamery Pvt Ltd"
    assert _how(record.fields["beneficiary_name"]) == (INFERRED, "the addressee, by position")
    assert _how(record.fields["payer_name"]) == (INFERRED, "from the letterhead")
    assert record.fields["buyer_name"].certainty == INFERRED


def test_a_payment_method_under_its_label_is_labeled() -> None:
    record = _payment(BANK_SLIP + "Payment method: PayPal\n")
    assert record.get("payment_method") == "paypal"
    assert _how(record.fields["payment_method"]) == (LABELED, 'under "Payment method"')
    assert record.fields["paid_to_platform"].certainty == LABELED


def test_a_payment_method_named_in_the_title_is_the_documents_own_label() -> None:
    record = _payment("PayPal Receipt\nYou sent $1,250.00 USD to Shenzhen Acme Co., Ltd.\nDate: 12 Aug 2026\n")
    assert record.get("payment_method") == "paypal"
    assert _how(record.fields["payment_method"]) == (LABELED, "named in the title")
    assert _how(record.fields["beneficiary_name"]) == (INFERRED, "in a sentence")


def test_paid_to_the_platforms_account_is_inferred_from_the_beneficiary() -> None:
    record = _payment("Payment Receipt\nBeneficiary: Alibaba.com Singapore E-Commerce Private Limited\n"
                      "Amount paid: USD 14,700.00\n")
    assert record.get("payment_method") == "platform"
    assert record.fields["beneficiary_name"].certainty == LABELED
    assert record.fields["payment_method"].certainty == INFERRED


def test_a_value_date_in_a_guessed_order_is_guessed_and_says_why() -> None:
    record = _payment(BANK_SLIP.replace("28 Jul 2026", "04/08/2026"))
    found = record.fields["payment_date"]
    assert found.value == "2026-08-04"
    assert found.certainty == GUESSED
    assert found.note.startswith('under "Value Date"; 04/08/2026 read day first')
    # A date standing in for a guess is no surer than the guess.
    assert record.fields["document_date"].certainty == GUESSED


def test_a_value_date_whose_order_the_document_settles_is_labeled() -> None:
    record = _payment(BANK_SLIP.replace("28 Jul 2026", "04/08/2026") + "Printed: 25/08/2026\n")
    assert _how(record.fields["payment_date"]) == (LABELED, 'under "Value Date"')


# ---------------------------------------------------------------- shipping documents


BILL = """\
BILL OF LADING
B/L No.: KLT260804
Shipper: Ningbo Haixing Outdoor Products Co., Ltd.
Consignee: Lakeside Outdoor Ltd
On board date: {date}
"""


def test_a_shipped_on_date_under_on_board_date_is_labeled() -> None:
    record = _shipping(BILL.format(date="4 Aug 2026"))
    assert record.get("shipped_on") == "2026-08-04"
    assert _how(record.fields["shipped_on"]) == (LABELED, 'under "On board date"')


def test_an_ambiguous_shipped_on_date_in_a_guessed_order_is_guessed() -> None:
    record = _shipping(BILL.format(date="04/08/2026"))
    found = record.fields["shipped_on"]
    assert found.value == "2026-08-04"
    assert found.certainty == GUESSED
    assert "04/08/2026 read day first" in found.note and "settles" in found.note


def test_an_unambiguous_numeric_date_is_no_guess() -> None:
    record = _shipping(BILL.format(date="24/08/2026"))
    assert _how(record.fields["shipped_on"]) == (LABELED, 'under "On board date"')


def test_shipper_and_consignee_are_labeled_but_stand_in_for_supplier_and_buyer() -> None:
    record = _shipping(BILL.format(date="4 Aug 2026"))
    assert _how(record.fields["shipper"]) == (LABELED, 'under "Shipper"')
    assert _how(record.fields["consignee"]) == (LABELED, 'under "Consignee"')
    assert _how(record.fields["supplier_name"]) == (INFERRED, 'the shipper, under "Shipper"')
    assert _how(record.fields["buyer_name"]) == (INFERRED, 'the consignee, under "Consignee"')


def test_a_seller_under_its_own_label_is_labeled() -> None:
    record = _shipping("PACKING LIST\nSeller: Ningbo Haixing Outdoor Products Co., Ltd.\nDate: 4 Aug 2026\n")
    assert _how(record.fields["supplier_name"]) == (LABELED, 'under "Seller"')


def test_a_tracking_events_date_is_inferred() -> None:
    record = _shipping("DHL Express Proof of Delivery\nWaybill: 1234567890\n"
                       "2026-11-01 09:12  Shipment picked up\n2026-11-03 14:22  Delivered\n")
    assert record.get("delivery_date") == "2026-11-03"
    assert record.fields["delivery_date"].certainty == INFERRED
    assert _how(record.fields["carrier"]) == (INFERRED, "from the letterhead")


def test_a_delivery_date_under_its_label_is_labeled() -> None:
    record = _shipping("DELIVERY NOTE\nDN No.: DN-2026-118\nDelivered on: 3 Nov 2026\n")
    assert _how(record.fields["delivery_date"]) == (LABELED, 'under "Delivered on"')


def test_pieces_summed_or_counted_without_a_label_are_inferred() -> None:
    record = _shipping(BILL.format(date="4 Aug 2026") + "375 CARTONS  6,180 KGS\nTOTAL 11,000 PCS\n")
    assert _how(record.fields["quantity"]) == (LABELED, 'under "TOTAL"')
    assert _how(record.fields["packages"]) == (INFERRED, "the first package count in the text")
    assert record.fields["gross_weight"].certainty == INFERRED


# ---------------------------------------------------------------- the claim manifest


def test_a_claim_toml_delivery_date_is_labeled_claim_toml() -> None:
    text = 'claim = "quality"\norder_number = "2390517784620931"\ndelivery_date = 2026-10-18\n'
    record = manifest.extract(Reading.of(read_file(describe("claim.toml", text.encode()))))
    assert record.get("delivery_date") == "2026-10-18"
    assert _how(record.fields["delivery_date"]) == (LABELED, "claim.toml")
    assert all(found.certainty == LABELED for found in record.fields.values())


# ---------------------------------------------------------------- photos


def test_a_photos_exif_capture_date_is_labeled() -> None:
    data = jpeg((2000, 1500), "2026:11:06 09:14:02", "Xiaomi", "Redmi Note 13")
    record = photo.extract(Reading.of(read_file(describe("IMG_1.jpg", data))))
    assert record.get("captured_at") == "2026-11-06T09:14:02"
    assert record.fields["captured_at"].certainty == LABELED
    assert record.fields["captured_at"].note.startswith("EXIF")
    assert _how(record.fields["camera_model"]) == (LABELED, "EXIF Model")
    # Whether the clock looks unset is decided from the date.
    assert record.fields["clock_suspect"].certainty == INFERRED


# ---------------------------------------------------------------- message logs


def _log(reader: str, metadata: dict[str, str] | None = None) -> Record:
    texts = [("Lily Wang", "Hello, the order 2390517784620931 is placed, please pay the deposit."),
             ("Mark Evans", "Thanks, I paid the deposit today.")]
    found = [Message(f"2026-07-2{i}T10:00:00", sender, text, "whatsapp", Source("chat.txt", line=i + 1))
             for i, (sender, text) in enumerate(texts)]
    doc = Document("chat.txt", "", 0, "text", reader, messages=found, metadata=metadata or {})
    return messages.extract(Reading.of(doc))


def test_a_chats_participants_and_order_numbers_are_inferred() -> None:
    record = _log("whatsapp")
    assert record.get("order_number") == "2390517784620931"
    assert _how(record.fields["order_number"]) == (INFERRED, "named in a message")
    assert record.fields["participants"].certainty == INFERRED
    assert record.fields["first_message"].certainty == INFERRED


def test_an_exports_own_order_number_and_fields_are_labeled() -> None:
    record = _log("messages", {"order_number": "2390517784620931"})
    assert _how(record.fields["order_number"]) == (LABELED, 'the export\'s "order_number"')
    assert _how(record.fields["participants"]) == (LABELED, "the export's sender field")
    assert record.fields["payment_request"].certainty == INFERRED
