"""Traps for the eligibility rules (E001-E007): realistic bundles a careful reviewer would not flag.

Each row is a bundle on which its rule must stay quiet: bank details that are only printed
on a PI, a form that only describes a payment, a contact person beside the supplier's name,
an order number written with spaces. See tests/traps.py for how a trap is run.
"""

from __future__ import annotations

from pathlib import Path

import pytest

import tests.test_rules_eligibility as e
from tests.traps import MANIFEST, Trap, assert_covered, assert_quiet

PI = e.PI_PLATFORM.format(total="13,000.00", price="6.50", currency="USD")
PI_SMALL = e.PI_PLATFORM.format(total="9,000.00", price="4.50", currency="USD")
PI_BANK_SUPPLIER = e.PI_BANK_NO_ORDER.format(beneficiary="Shenzhen Lumitek Electronics Co., Ltd.")
PAID = {"receipt.txt": e.PLATFORM_RECEIPT}
LIMIT_20000 = MANIFEST + 'coverage_limit = { amount = 20000, currency = "USD" }\n'

MT103_GUIDE = """MT103 Single Customer Credit Transfer - Field Specifications
This guide describes the format of the MT103 message. It is not a payment.
Field 20: Sender's Reference  Format: 16x
Field 32A: Value Date/Currency/Interbank Settled Amount  Format: 6!n3!a15d
Field 50a: Ordering Customer  Options: A, F or K
Field 59a: Beneficiary Customer  Options: no letter option, A or F
Field 70: Remittance Information  Format: 4*35x
Field 71A: Details of Charges  Format: 3!a (BEN, OUR or SHA)
"""

BLANK_TRANSFER_FORM = """INTERNATIONAL TELEGRAPHIC TRANSFER APPLICATION
Date: ____________
Remitter name: ______________________
Beneficiary name: ______________________
Beneficiary account no.: ______________________
Beneficiary bank: ______________________
SWIFT code: ____________
Amount in figures: ____________   Currency: ______
Signature of applicant: ______________________
"""

TT_TO_PLATFORM = """Deutsche Bank AG
Outgoing International Payment - Confirmation
Reference number DB2604150098311
Value date 15/04/2026
Amount sent USD 13,000.00
Payment method: Telegraphic transfer (T/T)
Ordering customer: Harbor Audio GmbH
Beneficiary name: Alibaba.com Singapore E-Commerce Private Limited
Beneficiary bank: Citibank N.A. Singapore
Beneficiary account: 1796 0388 4207 5512
Remittance information: TRADE ASSURANCE ORDER 2450118839201746
"""

RECEIPT_WITH_CONTACT = e.PLATFORM_RECEIPT + "Supplier contact person: Mr. Wang Lei (Sales Manager)\nTel: +86 755 2661 3380\n"

PI_WITH_SIGNATORY = PI_BANK_SUPPLIER + """Contact: Lucy Chen, sales manager, +86 138 2655 0147
For and on behalf of Shenzhen Lumitek Electronics Co., Ltd.
Authorized signature: Chen Lu
"""

SLIP_BILINGUAL = e.TT_SLIP.format(beneficiary="深圳市流明电子科技有限公司 Shenzhen Lumitek Electronics Co., Ltd.")

CI_SIGNED = """COMMERCIAL INVOICE
Shenzhen Lumitek Electronics Co., Ltd.
Invoice No.: LT-CI-2026-0530
Date: 2026-05-30
Trade Assurance Order No.: 2450118839201746
Buyer: Harbor Audio GmbH
Item  Description                        Qty   Unit price  Amount
1     Bluetooth speaker BT-20, 20 W      2000  6.50        13,000.00
Total amount: USD 13,000.00
Prepared by: Zhang Wei
Checked by: Li Na
"""

CHAT_PAY_QUESTION = """12/04/2026, 10:02 - Lucy Lumitek: Hello Jonas, the PI is attached. You can pay by T/T or through the Alibaba order.
12/04/2026, 10:15 - Jonas Weber: I prefer to pay on Alibaba, please send the order link.
12/04/2026, 10:20 - Lucy Lumitek: OK, the Trade Assurance order is ready for you.
15/04/2026, 09:30 - Jonas Weber: Paid on Alibaba with card just now
"""

CHAT_ORDER_PLACED = """12/04/2026, 10:02 - Lucy Lumitek: Hello Jonas, I drafted the Trade Assurance order for you on Alibaba.
12/04/2026, 10:15 - Jonas Weber: Thanks, I placed the order on Alibaba, order number 2450118839201746
"""

RECEIPT_SPACED_ORDER = e.PLATFORM_RECEIPT.replace("2450118839201746", "2450 1188 3920 1746")

PAYPAL_RECEIPT = """PayPal
You sent a payment of $13,000.00 USD to Shenzhen Lumitek Electronics Co., Ltd.
Transaction ID: 7KX20394TY118220L
Transaction date: April 15, 2026
Paid with: Visa Credit x-4417
Total: $13,000.00 USD
"""

DEBIT_ALERT = """Transaction Alert
Dear Customer, your account 0047****3391 has been debited.
Amount: USD 13,000.00
Date: 15-Apr-2026
Beneficiary: Shenzhen Lumitek Electronics Co., Ltd.
Narration: PI LT-PI-2026-0412 payment
Balance: USD 4,212.80
"""

PI_EUROPEAN_TOTAL = """PROFORMA INVOICE
Shenzhen Lumitek Electronics Co., Ltd.
PI No.: LT-PI-2026-0412
Date: 12.04.2026
Trade Assurance Order No.: 2450118839201746
Buyer: Harbor Audio GmbH
Currency: EUR
Item  Description                        Qty   Unit price  Amount
1     Bluetooth speaker BT-20, 20 W      2000  6,50        13.000,00
Total amount: EUR 13.000,00
Payment terms: 100% through Alibaba.com Trade Assurance order
"""

PI_WEIGHT_TOTAL = """PROFORMA INVOICE
Shenzhen Lumitek Electronics Co., Ltd.
PI No.: LT-PI-2026-0412
Date: 2026-04-12
Trade Assurance Order No.: 2450118839201746
Buyer: Harbor Audio GmbH
Currency: USD
Item  Description                        Qty   Unit price  Amount     G.W. (kg)
1     Bluetooth speaker BT-20, 20 W      2000  4.50        9,000.00   15,200
Total amount: USD 9,000.00
Total gross weight: 15,200 kg
Payment terms: 100% through Alibaba.com Trade Assurance order
"""

PI_SUBTOTAL_FREIGHT = """PROFORMA INVOICE
Shenzhen Lumitek Electronics Co., Ltd.
PI No.: LT-PI-2026-0412
Date: 2026-04-12
Trade Assurance Order No.: 2450118839201746
Buyer: Harbor Audio GmbH
Currency: USD
Item  Description                        Qty   Unit price  Amount
1     Bluetooth speaker BT-20, 20 W      2000  4.60        9,200.00
Sub-total: USD 9,200.00
Freight (sea, FOB Shenzhen to Hamburg): USD 600.00
Total amount: USD 9,800.00
Payment terms: 100% through Alibaba.com Trade Assurance order
"""

CHAT_EVERYDAY = """12/04/2026, 10:02 - Lucy Lumitek: Good morning Jonas, sorry for the late reply, we had a holiday.
12/04/2026, 10:15 - Jonas Weber: No problem. I don't like waiting, so please tell me when production starts.
02/06/2026, 14:10 - Jonas Weber: 300 pcs arrived with cracked housings, photos attached.
"""


def _manifest(**fields: str) -> str:
    return MANIFEST + "".join(f'{name} = "{value}"\n' for name, value in fields.items())


TRAPS = [
    # E001: money paid outside the platform
    Trap("E001", "bank details printed on a PI, the order paid on the platform", {"pi.txt": PI_BANK_SUPPLIER, **PAID}),
    Trap("E001", "a bank's guide to the MT103 format is no payment", {"pi.txt": PI, "mt103-guide.txt": MT103_GUIDE, **PAID}),
    Trap("E001", "a blank transfer application is no payment", {"pi.txt": PI, "tt-form.txt": BLANK_TRANSFER_FORM, **PAID}),
    Trap("E001", "a T/T to the platform's own collection account", {"pi.txt": PI, "slip.txt": TT_TO_PLATFORM}),
    Trap("E001", "the supplier offers T/T, the buyer pays on the platform",
         {"pi.txt": PI, "WhatsApp Chat with Lucy Lumitek.txt": CHAT_PAY_QUESTION, **PAID}),
    # E002: money to a person or another company
    Trap("E002", "the supplier's contact person on a platform receipt", {"pi.txt": PI, "receipt.txt": RECEIPT_WITH_CONTACT}),
    Trap("E002", "a PI's contact and signatory beside its bank details in the supplier's name",
         {"pi.txt": PI_WITH_SIGNATORY}),
    Trap("E002", "a transfer to the supplier under its Chinese and English name", {"pi.txt": PI, "slip.txt": SLIP_BILINGUAL}),
    Trap("E002", "an invoice's preparer and checker are no payees", {"pi.txt": PI, "ci.txt": CI_SIGNED, **PAID}),
    Trap("E002", "a blank transfer application names no payee", {"pi.txt": PI, "tt-form.txt": BLANK_TRANSFER_FORM, **PAID}),
    # E003: no platform order
    Trap("E003", "the order number only on the payment receipt, written in groups",
         {"pi.txt": PI_BANK_SUPPLIER, "receipt.txt": RECEIPT_SPACED_ORDER}),
    Trap("E003", "the buyer's message gives the order number", {"pi.txt": PI_BANK_SUPPLIER,
                                                                  "WhatsApp Chat with Lucy Lumitek.txt": CHAT_ORDER_PLACED}),
    Trap("E003", "the order number in claim.toml", {"pi.txt": PI_BANK_SUPPLIER},
         manifest=_manifest(order_number="2450118839201746")),
    # E004: order total above the coverage limit
    Trap("E004", "a European-format total within the limit", {"pi.txt": PI_EUROPEAN_TOTAL, **PAID},
         manifest=MANIFEST + 'coverage_limit = { amount = 20000, currency = "EUR" }\n'),
    Trap("E004", "a gross-weight total is no amount", {"pi.txt": PI_WEIGHT_TOTAL, **PAID},
         manifest=MANIFEST + 'coverage_limit = { amount = 10000, currency = "USD" }\n'),
    Trap("E004", "a limit in another currency cannot be compared", {"pi.txt": PI, **PAID},
         manifest=MANIFEST + 'coverage_limit = { amount = 50000, currency = "CNY" }\n'),
    Trap("E004", "a total equal to the limit", {"pi.txt": PI, **PAID},
         manifest=MANIFEST + 'coverage_limit = { amount = 13000, currency = "USD" }\n'),
    # E005: a complaint Trade Assurance does not cover
    Trap("E005", "everyday chat about waiting, then a measurable defect",
         {"pi.txt": PI, "WhatsApp Chat with Lucy Lumitek.txt": CHAT_EVERYDAY, **PAID}),
    Trap("E005", "a colour complaint with the ordered and delivered Pantone", {"pi.txt": PI, **PAID},
         manifest=_manifest(complaint="Colour ordered Pantone 186 C, delivered Pantone 200 C on all 2000 pcs.")),
    Trap("E005", "a late shipment in days", {"pi.txt": PI, **PAID},
         manifest=_manifest(complaint="Shipped on 20 June, 21 days after the agreed date of 30 May.")),
    # E006: no payment record
    Trap("E006", "a PayPal receipt", {"pi.txt": PI, "paypal.txt": PAYPAL_RECEIPT}),
    Trap("E006", "a bank's debit alert", {"pi.txt": PI, "alert.txt": DEBIT_ALERT}),
    Trap("E006", "the platform's payment receipt", {"pi.txt": PI, **PAID}),
    # E007: coverage limit unknown on a large order
    Trap("E007", "the limit is given", {"pi.txt": PI, **PAID}, manifest=LIMIT_20000),
    Trap("E007", "a total under USD 10,000 with freight", {"pi.txt": PI_SUBTOTAL_FREIGHT, **PAID}),
    Trap("E007", "a gross weight above 10,000 beside a small total", {"pi.txt": PI_WEIGHT_TOTAL, **PAID}),
]


@pytest.mark.parametrize("trap", TRAPS, ids=lambda trap: trap.id)
def test_trap_stays_quiet(trap: Trap, tmp_path: Path) -> None:
    assert_quiet(trap, tmp_path)


def test_every_eligibility_rule_has_three_traps() -> None:
    assert_covered(TRAPS, ["E001", "E002", "E003", "E004", "E005", "E006", "E007"])
