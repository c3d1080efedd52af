"""Traps for the consistency rules (X001-X005): realistic bundles a careful reviewer would not flag.

A tax line, freight or a discount explains a difference; a weight column's total is no amount;
an order number written in groups is the same number; a contract that names the buyer first
still has the same seller. See tests/traps.py.
"""

from __future__ import annotations

from pathlib import Path

import pytest

import tests.test_rules_consistency as x
from tests.traps import Trap, assert_covered, assert_quiet

ORDER = x.ORDER
MANIFEST = f'claim = "quality"\norder_number = "{ORDER}"\n'
PI = x.PI.format(**x.DEFAULTS)
CONTRACT = x.CONTRACT.format(**x.DEFAULTS)
RECEIPT = x.CARD_RECEIPT.format(**x.DEFAULTS)
BASE = {"pi.txt": PI, "contract.txt": CONTRACT, "receipt.txt": RECEIPT}

PI_VAT = """Foshan Lanting Furniture Co., Ltd.
PROFORMA INVOICE
PI No.: LT-PI-2609-021
Date: 2026-09-03
Alibaba.com Trade Assurance order No.: {order}
Buyer: Brightwater Homeware Ltd
Currency: USD

Item | Description | Quantity | Unit price (USD) | Amount (USD)
LT-C01 | Oak dining chair, 45 x 52 x 88 cm | 400 pcs | 32.50 | 13,000.00
LT-T02 | Oak dining table, 180 x 90 x 75 cm | 100 pcs | 120.00 | 12,000.00
Subtotal: 25,000.00
{charge}
TOTAL (FOB Shenzhen) USD: {total}
"""

PI_WEIGHTS = """Foshan Lanting Furniture Co., Ltd.
PROFORMA INVOICE
PI No.: LT-PI-2609-021
Date: 2026-09-03
Alibaba.com Trade Assurance order No.: {order}
Buyer: Brightwater Homeware Ltd

Item | Description | Quantity | Unit price (USD) | Amount (USD) | G.W. (kg)
LT-C01 | Oak dining chair | 400 pcs | 32.50 | 13,000.00 | 3,600
LT-T02 | Oak dining table | 100 pcs | 120.00 | 12,000.00 | 4,500
Packing charge: 300.00
TOTAL | | 500 pcs | | USD 25,300.00 | 8,100
""".format(order=ORDER)

PACKING_LIST = """PACKING LIST
Foshan Lanting Furniture Co., Ltd.
Invoice No.: LT-CI-2610-033
Order No.: {order}
Item | Description | Quantity | Cartons | N.W. (kg) | G.W. (kg)
LT-C01 | Oak dining chair | 400 pcs | 200 CTNS | 3,200 | 3,600
LT-T02 | Oak dining table | 100 pcs | 100 CTNS | 4,000 | 4,500
TOTAL | | 500 pcs | 300 CTNS | 7,200 | 8,100
""".format(order=ORDER)

INSPECTION_SUM = """PRE-SHIPMENT INSPECTION REPORT
Inspection company: QIMA
Report No.: QM-2610-88231
Inspection date: 2026-10-12
Client: Brightwater Homeware Ltd
Supplier: Foshan Lanting Furniture Co., Ltd.
PO / Order No.: {order}
Product: oak dining chairs and tables
Order quantity: 400 + 100 pcs
Overall result: FAIL
""".format(order=ORDER)

CONTRACT_BUYER_FIRST = """SALES CONTRACT
Contract No.: BW-SC-2609-007    Date: 5 September 2026
Party A (the Buyer): Brightwater Homeware Ltd
Party B (the Seller): Foshan Lanting Furniture Company Limited
Trade Assurance order {order}, as per Seller's PI LT-PI-2609-021.

Item | Description | Quantity | Unit price (USD) | Amount (USD)
LT-C01 | Oak dining chair | 400 pcs | 32.50 | 13,000.00
LT-T02 | Oak dining table | 100 pcs | 120.00 | 12,000.00
Packing charge: 300.00
Total (FOB Shenzhen) 500 pcs USD 25,300.00
""".format(order=ORDER)

BL = """BILL OF LADING
B/L No.: COSU6281934410
Shipper: FOSHAN LANTING FURNITURE CO., LTD.
Consignee: BRIGHTWATER HOMEWARE LTD
Notify party: Same as consignee
Port of Loading: Shenzhen
Shipped on board date: 2026-10-18
""".format()

BL_FORWARDER = """BILL OF LADING
B/L No.: COSU6281934410
Shipper: Foshan Lanting Furniture Co., Ltd. c/o Shenzhen Oceanlink Logistics Co., Ltd.
Consignee: Brightwater Homeware Ltd
Port of Loading: Shenzhen
Shipped on board date: 2026-10-18
"""

RECEIPT_GROUPED = RECEIPT.replace(ORDER, "2455 8103 7221 9904")
RECEIPT_LOCAL = RECEIPT + "Charged to your card: EUR 23,954.12 (exchange rate 0.9197)\n"

CONTRACT_SPLIT_ORDER = CONTRACT.replace(f"Trade Assurance order {ORDER}", f"Trade Assurance order {ORDER[:8]}-\n{ORDER[8:]}")

CHAT_FREIGHT_CNY = """06/09/2026, 10:02 - Amy Lanting: Local trucking to Shenzhen port is CNY 800, we pay it.
06/09/2026, 10:15 - Ben Brightwater: Thanks, noted.
"""

TRAPS = [
    # X001: the order reference differs
    Trap("X001", "the order number written in groups on the receipt", {**BASE, "receipt.txt": RECEIPT_GROUPED},
         manifest=MANIFEST),
    Trap("X001", "the order number broken over two lines", {**BASE, "contract.txt": CONTRACT_SPLIT_ORDER}, manifest=MANIFEST),
    Trap("X001", "the packing list cites the invoice and the order", {**BASE, "packing.txt": PACKING_LIST}, manifest=MANIFEST),
    # X002: quantities differ
    Trap("X002", "cartons beside pieces on a packing list", {**BASE, "packing.txt": PACKING_LIST}, manifest=MANIFEST),
    Trap("X002", "an inspection writes the quantity as a sum", {**BASE, "inspection.txt": INSPECTION_SUM}, manifest=MANIFEST),
    Trap("X002", "a weight column beside the quantities", {"pi.txt": PI_WEIGHTS, "contract.txt": CONTRACT,
                                                            "receipt.txt": RECEIPT}, manifest=MANIFEST),
    # X003: amounts differ or do not add up
    Trap("X003", "a VAT line between subtotal and total",
         {"pi.txt": PI_VAT.format(order=ORDER, charge="VAT 13%: 3,250.00", total="28,250.00")}, manifest=MANIFEST),
    Trap("X003", "freight between subtotal and total",
         {"pi.txt": PI_VAT.format(order=ORDER, charge="Sea freight to Felixstowe: 1,450.00", total="26,450.00")},
         manifest=MANIFEST),
    Trap("X003", "a discount between subtotal and total",
         {"pi.txt": PI_VAT.format(order=ORDER, charge="Discount (repeat order): -500.00", total="24,500.00")},
         manifest=MANIFEST),
    Trap("X003", "a gross-weight column total beside the amount", {"pi.txt": PI_WEIGHTS, "receipt.txt": RECEIPT},
         manifest=MANIFEST),
    Trap("X003", "a card fee charged on top of the order amount", BASE, manifest=MANIFEST),
    # X004: currencies differ
    Trap("X004", "the card statement's local currency beside the order's USD", {**BASE, "receipt.txt": RECEIPT_LOCAL},
         manifest=MANIFEST),
    Trap("X004", "a local trucking cost in CNY in a chat", {**BASE, "WhatsApp Chat with Amy.txt": CHAT_FREIGHT_CNY},
         manifest=MANIFEST),
    Trap("X004", "one order in USD everywhere, a packing list without money", {**BASE, "packing.txt": PACKING_LIST},
         manifest=MANIFEST),
    # X005: another legal entity as supplier or buyer
    Trap("X005", "a contract that names the buyer first", {"pi.txt": PI, "contract.txt": CONTRACT_BUYER_FIRST,
                                                            "receipt.txt": RECEIPT}, manifest=MANIFEST),
    Trap("X005", "a B/L in capitals", {**BASE, "bl.txt": BL}, manifest=MANIFEST),
    Trap("X005", "a B/L shipper care of its forwarder", {**BASE, "bl.txt": BL_FORWARDER}, manifest=MANIFEST),
    Trap("X005", "'Co., Ltd.' and 'Company Limited'", BASE, manifest=MANIFEST),
]


@pytest.mark.parametrize("trap", TRAPS, ids=lambda trap: trap.id)
def test_trap_stays_quiet(trap: Trap, tmp_path: Path) -> None:
    assert_quiet(trap, tmp_path)


def test_every_consistency_rule_has_three_traps() -> None:
    assert_covered(TRAPS, ["X001", "X002", "X003", "X004", "X005"])
