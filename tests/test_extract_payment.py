"""Payment record extraction: bank slips and MT103s, PayPal, Western Union, platform receipts, then the samples."""

from __future__ import annotations

from typing import Any

import pytest

from evidence.extract.reading import Reading
from evidence.extract.kinds import payment
from evidence.extract.kinds.payment import is_person, purpose_in
from evidence.readers import read_path
from evidence.records import Document
from tests.conftest import SAMPLES, assert_fields, expected_documents, text_doc, valid_values

HSBC_MT103 = """\
HSBC
The Hongkong and Shanghai Banking Corporation Limited
Outward Telegraphic Transfer - Customer Advice
MT103 Single Customer Credit Transfer
:20:HKOTT2609150042
:23B:CRED
:32A:260915USD8450,00
:50K:/817-223344-838
GLOBAL PETS TRADING LIMITED
FLAT 3, 12 NATHAN ROAD, KOWLOON
:57A:BKCHCNBJ400
:59:/6217001234567890
WANG LI
NO. 5 HUAQIANG ROAD, SHENZHEN
:70:DEPOSIT FOR PI YX-PI-2609-015
:71A:SHA
"""

ICBC_ZH = """\
中国工商银行 电汇凭证（回单）
交易日期：2026年08月12日
交易流水号：HQ2026081200341
付款人名称：上海星河贸易有限公司
付款人账号：1001 2345 6789 0123
收款人名称：义乌市明辉日用品有限公司
收款人账号：3301 0409 8877 6655 443
收款银行：中国农业银行义乌分行
汇款金额：人民币 86,000.00
附言：PI MH-2608-07 定金
"""

BANK_SLIP_TO_COMPANY = """\
Bank of China (Hong Kong) Limited
Remittance Advice
Our Ref.: BOCHK-TT-2607-88213
Value Date: 28 Jul 2026
Remitter: Lakeside Outdoor Ltd
Beneficiary Name: Ningbo Haixing Outdoor Products Co., Ltd.
Beneficiary Account No.: 3902 1100 0922 0345 566
Beneficiary Bank: Industrial and Commercial Bank of China, Ningbo Branch
SWIFT Code: ICBKCNBJNBO
Remittance Amount: USD 22,050.00
Details of Payment: Alibaba order 2403355667788990 balance payment
"""

PAYPAL = """\
PayPal
Receipt for Your Payment
Aug 5, 2026 10:42:17 PDT
Transaction ID: 5TY12345AB6789012
You sent a payment of $1,250.00 USD to Lin Hao (linhao.factory@example.com)
Payment details
Note to seller: balance for order 2398877766554433
Total $1,250.00 USD
Paid with PayPal balance
"""

WESTERN_UNION = """\
WESTERN UNION
Money Transfer - Customer Receipt
Date: 12/09/2026
MTCN: 482-991-3370
Sender: Ahmed Al Mansouri
Receiver: ZHANG WEI
Destination country: China
Amount sent: 3,000.00 USD
Transfer fee: 45.00 USD
Total: 3,045.00 USD
"""

ALIBABA_CARD = """\
Alibaba.com
Payment receipt
Trade Assurance order No.: 2400998877665544
Paid on: 2026-07-02 14:20 (UTC+8)
Payment ID: 20260702PAY889911
Payment method: Mastercard ending 5521
Amount paid: US $6,480.00
Payee: Alibaba.com Singapore E-Commerce Private Limited
Seller: Guangzhou Lumina Textiles Co., Ltd.
"""

ALIBABA_TT_NO_BENEFICIARY = """\
Alibaba.com
Trade Assurance | Order details
Order number: 2401234500009876
Payment status: Paid in full
Payment method: Bank transfer (T/T) via Trade Assurance
Amount paid: USD 9,900.00
Payment date: 2026-06-30
"""


def _values(text: str) -> dict[str, Any]:
    return valid_values(payment.extract, text_doc(text, "payment.pdf"), "payment_record")


def test_hsbc_mt103_to_a_person() -> None:
    values = _values(HSBC_MT103)
    assert values["document_number"] == "HKOTT2609150042"
    assert values["payment_date"] == values["document_date"] == "2026-09-15"
    assert values["amount_paid"] == 8450.0 and values["currency"] == "USD"
    assert values["payer_name"] == "GLOBAL PETS TRADING LIMITED"
    assert values["beneficiary_name"] == "WANG LI"
    assert values["beneficiary_is_person"] is True
    assert values["beneficiary_account"] == "6217001234567890"
    assert values["swift"] == "BKCHCNBJ400"
    assert values["reference"] == "DEPOSIT FOR PI YX-PI-2609-015"
    assert values["pi_number"] == "YX-PI-2609-015"
    assert values["payment_purpose"] == "deposit"
    assert values["payment_method"] == "bank_transfer_direct"
    assert values["paid_to_platform"] is False


def test_chinese_bank_slip_to_a_company() -> None:
    values = _values(ICBC_ZH)
    assert values["document_number"] == "HQ2026081200341"
    assert values["payment_date"] == "2026-08-12"
    assert values["payer_name"] == "上海星河贸易有限公司"
    assert values["beneficiary_name"] == "义乌市明辉日用品有限公司"
    assert values["beneficiary_is_person"] is False
    assert values["beneficiary_account"] == "3301 0409 8877 6655 443"
    assert values["beneficiary_bank"] == "中国农业银行义乌分行"
    assert values["amount_paid"] == 86000.0 and values["currency"] == "CNY"
    assert values["payment_method"] == "bank_transfer_direct"
    assert values["payment_purpose"] == "deposit"


def test_bank_slip_naming_an_alibaba_order_is_still_a_direct_transfer() -> None:
    values = _values(BANK_SLIP_TO_COMPANY)
    assert values["document_number"] == "BOCHK-TT-2607-88213"
    assert values["payment_date"] == "2026-07-28"
    assert values["payer_name"] == "Lakeside Outdoor Ltd"
    assert values["beneficiary_name"] == "Ningbo Haixing Outdoor Products Co., Ltd."
    assert values["beneficiary_is_person"] is False
    assert values["beneficiary_bank"] == "Industrial and Commercial Bank of China, Ningbo Branch"
    assert values["swift"] == "ICBKCNBJNBO"
    assert values["amount_paid"] == 22050.0
    assert values["order_number"] == "2403355667788990"
    assert values["payment_purpose"] == "balance"
    assert values["payment_method"] == "bank_transfer_direct"
    assert values["paid_to_platform"] is False


def test_paypal_receipt() -> None:
    values = _values(PAYPAL)
    assert values["payment_method"] == "paypal"
    assert values["paid_to_platform"] is False
    assert values["document_number"] == "5TY12345AB6789012"
    assert values["payment_date"] == "2026-08-05"
    assert values["amount_paid"] == 1250.0 and values["currency"] == "USD"
    assert values["beneficiary_name"] == "Lin Hao"
    assert values["beneficiary_is_person"] is True
    assert values["order_number"] == "2398877766554433"
    assert values["payment_purpose"] == "balance"
    assert "order_total" not in values  # a receipt's bare 'Total' is what was paid


def test_western_union_receipt() -> None:
    record = payment.extract(Reading.of(text_doc(WESTERN_UNION, "payment.pdf")))
    values = record.values()
    assert values["payment_method"] == "western_union"
    assert values["document_number"] == "482-991-3370"
    assert values["payer_name"] == "Ahmed Al Mansouri"
    assert values["beneficiary_name"] == "ZHANG WEI"
    assert values["beneficiary_is_person"] is True
    assert values["amount_paid"] == 3000.0 and values["currency"] == "USD"
    assert values["transaction_fee"] == 45.0
    assert values["payment_date"] == "2026-09-12"  # day first, and the record notes the guess
    assert any("day or month first" in note for note in record.notes)


def test_alibaba_card_receipt_is_platform() -> None:
    values = _values(ALIBABA_CARD)
    assert values["payment_method"] == "platform"
    assert values["paid_to_platform"] is True
    assert values["beneficiary_name"] == "Alibaba.com Singapore E-Commerce Private Limited"
    assert "beneficiary_is_person" not in values
    assert values["order_number"] == "2400998877665544"
    assert values["payment_date"] == "2026-07-02"
    assert values["document_number"] == "20260702PAY889911"
    assert values["amount_paid"] == 6480.0 and values["currency"] == "USD"
    assert values["supplier_name"] == "Guangzhou Lumina Textiles Co., Ltd."


def test_platform_order_page_paid_by_tt_is_platform_not_direct_transfer() -> None:
    values = _values(ALIBABA_TT_NO_BENEFICIARY)
    assert values["payment_method"] == "platform"
    assert values["paid_to_platform"] is True
    assert values["order_number"] == "2401234500009876"
    assert values["payment_purpose"] == "full"
    assert values["amount_paid"] == 9900.0


SECTIONED_SLIP = """\
Standard Chartered Bank
Telegraphic Transfer Application - Customer Copy
Date: 03/08/2026
Remitter
Name: Oakridge Supplies Ltd
Account: 01-2345-678901
Beneficiary
Name: CHEN LI
Account: 6228 4800 1234 5678 901
Bank name: Agricultural Bank of China, Shenzhen Branch
SWIFT: ABOCCNBJ410
Amount: USD 4,200.00
Purpose: 30% deposit PI SZ-PI-0802
"""

TT_TO_PLATFORM_ACCOUNT = """\
JPMorgan Chase Bank, N.A.
Wire Transfer Confirmation
Transaction reference: WT2607150098812
Value date: July 15, 2026
Amount: USD 18,500.00
Beneficiary: ALIBABA.COM SINGAPORE E-COMMERCE PRIVATE LIMITED
Beneficiary bank: Citibank N.A. Singapore
Beneficiary account: 8801 4420 0715 3399 (virtual account)
Reference: Trade Assurance order 2404455667788990
"""


def test_slip_with_party_blocks_under_headings() -> None:
    values = _values(SECTIONED_SLIP)
    assert values["payer_name"] == "Oakridge Supplies Ltd"
    assert values["beneficiary_name"] == "CHEN LI" and values["beneficiary_is_person"] is True
    assert values["beneficiary_account"] == "6228 4800 1234 5678 901"  # not the remitter's account
    assert values["beneficiary_bank"] == "Agricultural Bank of China, Shenzhen Branch"
    assert values["swift"] == "ABOCCNBJ410"
    assert values["amount_paid"] == 4200.0
    assert values["payment_purpose"] == "deposit" and values["pi_number"] == "SZ-PI-0802"
    assert values["payment_method"] == "bank_transfer_direct"


def test_wire_to_the_platform_collection_account_is_platform() -> None:
    values = _values(TT_TO_PLATFORM_ACCOUNT)
    assert values["payment_method"] == "platform" and values["paid_to_platform"] is True
    assert values["document_number"] == "WT2607150098812"
    assert values["payment_date"] == "2026-07-15"
    assert values["order_number"] == "2404455667788990"
    assert "beneficiary_is_person" not in values


def test_record_without_any_channel_is_unknown() -> None:
    record = payment.extract(Reading.of(text_doc("Receipt\nDate: 2026-07-01\nAmount: USD 500.00\n", "payment.pdf")))
    assert record.get("payment_method") == "unknown"
    assert record.get("amount_paid") == 500.0
    assert record.notes


def test_amount_sent_beside_its_local_equivalent() -> None:
    record = payment.extract(Reading.of(text_doc("Wire transfer confirmation\nAmount: USD 15,264.00 (AUD 23,407.45)\n", "payment.pdf")))
    assert record.get("amount_paid") == 15264.0 and record.get("currency") == "USD"


def test_empty_record_never_raises() -> None:
    record = payment.extract(Reading.of(Document(path="x.pdf", sha256="0", size=0, filetype="pdf", reader="pdf")))
    assert record.get("payment_method") == "unknown"


@pytest.mark.parametrize(
    ("name", "person"),
    [
        ("CHEN XIAOMING", True), ("Li Wei", True), ("Mr. John Smith", True), ("王小明", True),
        ("Ningbo Haoyu Drinkware Co., Ltd.", False), ("Brightway Lighting", False), ("义乌市明辉日用品有限公司", False),
        ("Citibank", False), ("ACME TRADING", False),
        # a business word in the plural, and a title glued to the name
        ("XYZ SUPPLIERS", False), ("Kestrel Traders", False), ("GLOBAL EXPORTS", False), ("MR.ABEL ROCKSAWL", True),
    ],
)
def test_person_names(name: str, person: bool) -> None:
    assert is_person(name) is person


@pytest.mark.parametrize(
    ("text", "purpose"),
    [("30% deposit for PI BW-PI-26-0731", "deposit"), ("尾款", "balance"), ("定金", "deposit"),
     ("FULL PAYMENT ORDER 123", "full"), ("GOODS PAYMENT", None)],
)
def test_purposes(text: str, purpose: str | None) -> None:
    assert purpose_in(text) == purpose


# ---------------------------------------------------------------- samples

#: Expected fields a document does not show (written from the data behind it); the test checks each reason.
NOT_IN_DOCUMENT = {
    # The card receipt greets the cardholder (Tom Hartwell) but never names the buyer company.
    ("weak-quality-claim", "payment/Alibaba_payment_receipt_20260721.pdf", "buyer_name"),
}


@pytest.mark.parametrize("bundle,entry", expected_documents("payment_record"), ids=lambda v: v if isinstance(v, str) else v["path"])
def test_sample_payment_records(bundle: str, entry: dict[str, Any]) -> None:
    doc = read_path(SAMPLES / bundle / entry["path"])
    values = valid_values(payment.extract, doc, "payment_record")
    skip = {name for b, path, name in NOT_IN_DOCUMENT if (b, path) == (bundle, entry["path"])}
    for name in skip:
        assert str(entry["fields"][name]).casefold() not in doc.text.casefold()
    assert_fields(values, entry["fields"], skip)
