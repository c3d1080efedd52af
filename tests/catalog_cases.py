"""The rule catalog's cases: for every finding code, a bundle where the rule fires and one where it must not.

Each case is data: the bundle's files (path -> text or bytes), the as-of date
and a phrase the finding's message must carry. The document text is the
realistic text the per-area tests (tests/test_rules_*.py) already use, imported
from them so that one document is written once. tests/test_catalog.py runs each
rule's check on each case; a registered code without cases here fails it.
"""

from __future__ import annotations

import io
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date
from typing import NamedTuple

from PIL import Image

import tests.test_rules_consistency as x
import tests.test_rules_dates as d
import tests.test_rules_eligibility as e
import tests.test_rules_inspection as i
import tests.test_rules_messages as m
import tests.test_rules_photos as p
import tests.test_rules_specs as s
from tests.test_pipeline_and_dates import DELIVERY_NOTE

#: The as-of date of every case unless it says otherwise (the per-area tests use it too).
AS_OF = date(2026, 11, 23)
MANIFEST = 'claim = "quality"\n'


@dataclass(frozen=True)
class Case:
    """A bundle to run one rule on; `expect` is a phrase a firing case's message must contain."""

    files: Mapping[str, str | bytes]
    expect: str = ""
    as_of: date = AS_OF
    claim: str = "quality"
    manifest: str = MANIFEST


class Cases(NamedTuple):
    """A rule's pair of cases: the bundle it must flag and a realistic one it must leave alone."""

    fires: Case
    quiet: Case


# ------------------------------------------------------------------ E: a speaker order (eligibility tests)

E_ORDER = "2450118839201746"
E_PI = e.PI_PLATFORM.format(total="13,000.00", price="6.50", currency="USD")
E_SUPPLIER = "Shenzhen Lumitek Electronics Co., Ltd."
E_PAID_ON_PLATFORM = {"pi.txt": E_PI, "receipt.txt": e.PLATFORM_RECEIPT}
E_LIMIT_20000 = MANIFEST + 'coverage_limit = { amount = 20000, currency = "USD" }\n'

# ------------------------------------------------------------------ D: a mug order (dates tests)

D_SHIP_BY = "Shipment date: on or before 2026-09-15"

# ------------------------------------------------------------------ X: a furniture order (consistency tests)

X_MANIFEST = f'claim = "quality"\norder_number = "{x.ORDER}"\n'


def x_order(with_receipt: bool = True, **changes: str) -> dict[str, str]:
    """Given changes to the furniture order's values, return its PI, contract and card receipt."""
    values = {**x.DEFAULTS, **changes}
    files = {
        "PI LT-PI-2609-021.txt": x.PI.format(**values),
        "Sales contract BW-SC-2609-007.txt": x.CONTRACT.format(**values),
    }
    if with_receipt:
        files["payment_receipt.txt"] = x.CARD_RECEIPT.format(**values)
    return files


# ------------------------------------------------------------------ M: a mug order talked over WhatsApp

M_PI = {"SR-PI-2611-08.txt": m.PI}


def m_chat(*turns: tuple[str, str]) -> dict[str, str]:
    """Given (s|b, text) turns, return the PI and a WhatsApp export of them."""
    return {**M_PI, m.CHAT: m._whatsapp(list(turns))}


M_APOLOGY = m_chat(*m.OPENING, m.COMPLAINT, ("s", "Sorry for the late reply, I was at the Canton Fair."),
                   ("b", "Please answer about the cracked mugs."))

# ------------------------------------------------------------------ P: vacuum bottles and their photos

P_DELIVERED = {"delivery_note.txt": p.DELIVERY_NOTE}
P_GOOD_PHOTO = p._jpeg()

# ------------------------------------------------------------------ F: the files themselves


def scanned_pdf() -> bytes:
    """Return a one-page PDF holding only a blank scanned image: no text layer, nothing to recognise."""
    buffer = io.BytesIO()
    Image.new("RGB", (1240, 1754), (250, 250, 245)).save(buffer, "PDF", resolution=150)
    return buffer.getvalue()


# ------------------------------------------------------------------ the table

CASES: dict[str, Cases] = {
    # E: eligibility and coverage
    "E001": Cases(
        Case({"pi.txt": E_PI, "slip.txt": e.TT_SLIP.format(beneficiary=E_SUPPLIER)}, "by a direct bank transfer"),
        Case(E_PAID_ON_PLATFORM),
    ),
    "E002": Cases(
        Case({"pi.txt": E_PI, "slip.txt": e.TT_SLIP.format(beneficiary="WANG LEI")}, "a private person"),
        Case({"pi.txt": E_PI, "slip.txt": e.TT_SLIP.format(beneficiary=E_SUPPLIER)}),
    ),
    "E003": Cases(
        Case({"pi.txt": e.PI_BANK_NO_ORDER.format(beneficiary=E_SUPPLIER)}, "no Trade Assurance order number"),
        Case({"pi.txt": e.PI_BANK_NO_ORDER.format(beneficiary=E_SUPPLIER)},
             manifest=MANIFEST + f'order_number = "{E_ORDER}"\n'),
    ),
    "E004": Cases(
        Case(E_PAID_ON_PLATFORM, "by USD 3,000.00",
             manifest=MANIFEST + 'coverage_limit = { amount = 10000, currency = "USD" }\n'),
        Case(E_PAID_ON_PLATFORM, manifest=E_LIMIT_20000),
    ),
    "E005": Cases(
        Case(E_PAID_ON_PLATFORM, "look cheap",
             manifest=MANIFEST + 'complaint = "The speakers look cheap and the colour is not what we expected."\n'),
        Case(E_PAID_ON_PLATFORM,
             manifest=MANIFEST + 'complaint = "The speakers look cheap: 300 pcs have cracked housings."\n'),
    ),
    "E006": Cases(
        Case({"pi.txt": E_PI}, "no payment record"),
        Case(E_PAID_ON_PLATFORM),
    ),
    "E007": Cases(
        Case(E_PAID_ON_PLATFORM, "USD 13,000.00"),
        Case(E_PAID_ON_PLATFORM, manifest=E_LIMIT_20000),
    ),
    # D: dates and deadlines
    "D001": Cases(
        Case({"delivery_note.txt": DELIVERY_NOTE.format(delivered="18/10/2026")},
             "the claim window closed on 2026-11-17"),
        Case({"delivery_note.txt": DELIVERY_NOTE.format(delivered="05 November 2026")}),
    ),
    "D002": Cases(
        Case({"delivery_note.txt": DELIVERY_NOTE.format(delivered="2026-10-25")}, "closes on 2026-11-24"),
        Case({"delivery_note.txt": DELIVERY_NOTE.format(delivered="05 November 2026")}),
    ),
    "D003": Cases(
        Case({"pi.txt": d.PI.format(ship_line=D_SHIP_BY)}, "no document or claim.toml states when"),
        Case({"pi.txt": d.PI.format(ship_line=D_SHIP_BY),
              "delivery_note.txt": DELIVERY_NOTE.format(delivered="05 November 2026")}),
    ),
    "D004": Cases(
        Case({"pi.txt": d.PI.format(ship_line="Packing: export carton")}, "no shipping date or lead time in pi.txt"),
        Case({"pi.txt": d.PI.format(ship_line=D_SHIP_BY)}),
    ),
    "D005": Cases(
        Case({"pi.txt": d.PI.format(ship_line="Delivery time: about 30 days")}, "about 30 days"),
        Case({"pi.txt": d.PI.format(ship_line="Delivery time: 35 days after receipt of deposit"),
              "deposit.txt": d.DEPOSIT}),
    ),
    "D006": Cases(
        Case({"contract.txt": d.CONTRACT.format(ship_by="2026-09-30"), "bl.txt": d.BL.format(shipped="2026-10-05"),
              "chat.txt": d.CHAT}, "the buyer agreed to ship by 2026-10-10"),
        Case({"contract.txt": d.CONTRACT.format(ship_by="2026-09-30"), "bl.txt": d.BL.format(shipped="2026-10-05"),
              "chat.txt": d.REFUSED}),
    ),
    "D007": Cases(
        Case({"pi.txt": d.PI.format(ship_line=D_SHIP_BY), "contract.txt": d.CONTRACT.format(ship_by="2026-09-30")},
             "but 2026-09-15 in pi.txt"),
        Case({"pi.txt": d.PI.format(ship_line="Shipment date: on or before 2026-09-30"),
              "contract.txt": d.CONTRACT.format(ship_by="30 September 2026")}),
    ),
    "D008": Cases(
        Case({"contract.txt": d.CONTRACT.format(ship_by="2026-09-30"), "bl.txt": d.BL.format(shipped="2026-09-30")},
             "shipped on 2026-09-30", claim="late-shipment"),
        Case({"contract.txt": d.CONTRACT.format(ship_by="2026-09-30"), "bl.txt": d.BL.format(shipped="2026-10-01")},
             claim="late-shipment"),
    ),
    "D009": Cases(
        # Opened 16 Nov: day 7 (23 Nov) is two days after the as-of date.
        Case({}, "dispute day 7 is 2026-11-23", as_of=date(2026, 11, 21),
             manifest=MANIFEST + "dispute_opened = 2026-11-16\n"),
        # Opened 10 Nov: day 7 was 17 Nov, day 30 is 10 Dec.
        Case({}, manifest=MANIFEST + "dispute_opened = 2026-11-10\n"),
    ),
    # S: specifications
    "S001": Cases(
        Case({"pi.txt": s._pi(specs="")}, "no product specification beyond the product name"),
        Case({"pi.txt": s._pi()}),
    ),
    "S002": Cases(
        Case({"pi.txt": s._pi(specs="Specifications:\nCapacity: 1.7 L ±0.05 L\nMaterial: good material, "
                                    "high quality\nColour: nice colour\n\n")}, "good material"),
        Case({"pi.txt": s._pi()}),
    ),
    "S003": Cases(
        Case({"pi.txt": s._pi(description="Stoneware mug",
                              specs="Specifications:\nSize: 9 x 8.5\nCapacity: 350 ml\nDiameter: 27 cm\n\n")},
             "'Size: 9 x 8.5' with no unit"),
        Case({"pi.txt": s._pi(description="Stoneware mug", specs="Specifications:\nCapacity: 350 ml ±10 ml\n"
                                                                 "Diameter: 27 cm ±0.5 cm\n\n")}),
    ),
    "S004": Cases(
        Case({"pi.txt": s._pi(), "contract.txt": s.CONTRACT.format(thickness="0.40")}, "0.40 mm"),
        # 1.7 L on the PI is the contract's 1700 ml.
        Case({"pi.txt": s._pi(), "contract.txt": s.CONTRACT.format(thickness="0.50")}),
    ),
    "S005": Cases(
        Case({"pi.txt": s._pi(), "chat.txt": s.CHAT + "2026-09-20 09:12:40 Laura Mendez: The pre-production sample "
                                                       "is approved, please go ahead with mass production.\n"},
             "the buyer approved a sample"),
        Case({"pi.txt": s._pi(), "chat.txt": s.CHAT + "2026-09-20 09:12:40 Laura Mendez: Please send the sample "
                                                       "for approval first.\n"}),
    ),
    "S006": Cases(
        Case({"pi.txt": s._pi(quality="Quality: high quality, export standard\n")}, "no AQL levels"),
        Case({"pi.txt": s._pi(quality=""), "contract.txt": s.CONTRACT.format(thickness="0.50")}),
    ),
    # I: inspection
    "I001": Cases(
        Case({"PI BSE20260915.txt": i.PI}, "no inspection report"),
        Case({"PI BSE20260915.txt": i.PI, "SGS report.txt": i._sgs()}),
    ),
    "I002": Cases(
        Case({"PI BSE20260915.txt": i.PI, "inspection FD-2610-033.txt": i.UNKNOWN_INSPECTOR},
             "not a recognized inspection company"),
        Case({"PI BSE20260915.txt": i.PI, "SGS report.txt": i._sgs()}),
    ),
    "I003": Cases(
        Case({"PI BSE20260915.txt": i.PI, "SGS report.txt": i._sgs(result="PASS")}, "passed the goods"),
        Case({"PI BSE20260915.txt": i.PI, "SGS report.txt": i._sgs()}),
    ),
    "I004": Cases(
        Case({"PI BSE20260915.txt": i.PI, "SGS report.txt": i._sgs(order="2456781234500000")},
             "order 2456781234500000"),
        # The same references, written with spaces, dashes and in lower case.
        Case({"PI BSE20260915.txt": i.PI, "SGS report.txt": i._sgs(pi="bse-2026 0915", order="2456 7812 3456 7890")}),
    ),
    "I005": Cases(
        Case({"PI BSE20260915.txt": i.PI, "HQTS DPI HQ-DPI-260811.txt": i.NO_RESULT}, "HQTS DPI HQ-DPI-260811.txt"),
        Case({"PI BSE20260915.txt": i.PI, "SGS report.txt": i._sgs()}),
    ),
    # X: consistency across documents
    "X001": Cases(
        Case(x_order(order="2455810372219940"), "order number differs", manifest=X_MANIFEST),
        Case(x_order(pi="lt-pi 2609021"), manifest=X_MANIFEST),
    ),
    "X002": Cases(
        Case(x_order(chairs="420", chair_amount="13,650.00", subtotal="25,650.00", total="25,950.00",
                     order_amount="25,950.00", fee="765.53", charged="26,715.53"),
             "ordered quantity differs", manifest=X_MANIFEST),
        Case(x_order(), manifest=X_MANIFEST),
    ),
    "X003": Cases(
        Case(x_order(order_amount="25,000.00", fee="737.50", charged="25,737.50"),
             "USD 25,000.00 in payment_receipt.txt", manifest=X_MANIFEST),
        # The card fee is shown apart from the order amount; a packing charge has its own line.
        Case(x_order(), manifest=X_MANIFEST),
    ),
    "X004": Cases(
        Case(x_order(with_receipt=False, currency="EUR"), "currency differs", manifest=X_MANIFEST),
        Case(x_order(), manifest=X_MANIFEST),
    ),
    "X005": Cases(
        Case(x_order(seller="Foshan Lanting Trading Co., Ltd."), "supplier differs", manifest=X_MANIFEST),
        # "Co., Ltd." on the PI, "Company Limited" on the contract: one company.
        Case(x_order(), manifest=X_MANIFEST),
    ),
    # M: messages and communication
    "M001": Cases(
        Case(M_PI, "no message log"),
        Case(m_chat(*m.OPENING, m.COMPLAINT)),
    ),
    "M002": Cases(
        Case(m_chat(*m.OPENING, m.COMPLAINT), "not in the Message Center (the complaint)"),
        Case({**m_chat(*m.OPENING, m.COMPLAINT),
              "messages/MessageCenter.csv": m._message_center([*m.OPENING, m.COMPLAINT])}),
    ),
    "M003": Cases(
        Case(m_chat(("s", ("Dear Mark, please pay the deposit by T/T to our boss personal account in Hong Kong, "
                           "we give you 3% better price.")), ("b", "When will you ship?")),
             "boss personal account"),
        Case(m_chat(("s", "Dear Mark, the Trade Assurance order is created, please pay on the order page."),
                    ("b", "Paid on Alibaba with card just now"))),
    ),
    "M004": Cases(
        Case(m_chat(*m.OPENING, m.COMPLAINT, ("s", "Sorry for this. We can give 5% discount for this order"),
                    ("b", "ok, accept 5% discount for this order")), "accept 5% discount"),
        Case(m_chat(*m.OPENING, m.COMPLAINT, ("s", "We can give 5% discount for this order"),
                    ("b", "No, we do not accept a discount. We want a replacement of the 60 pcs."))),
    ),
    "M005": Cases(
        Case(m_chat(*m.OPENING, ("s", "Goods are ready, we ship next week.")), "no message from the buyer"),
        Case(m_chat(*m.OPENING, m.COMPLAINT)),
    ),
    "M006": Cases(
        Case({"messages/MessageCenter.csv": m._message_center([
            *m.OPENING, m.COMPLAINT,
            ("s", "We checked the photos, it is our packing mistake, the cartons were too thin.")])},
            "it is our packing mistake"),
        Case(M_APOLOGY),
    ),
    "M007": Cases(
        Case({"messages/MessageCenter.csv": m._message_center([
            *m.OPENING, m.COMPLAINT, ("s", "We will remake the 60 pcs and ship before 15 Dec 2026.")])},
            "ship before 15 Dec 2026"),
        Case(M_APOLOGY),
    ),
    # P: photos and media
    "P001": Cases(
        Case(P_DELIVERED, "no photo or video"),
        Case({**P_DELIVERED, "photos/dent.jpg": P_GOOD_PHOTO}),
    ),
    "P002": Cases(
        Case({**P_DELIVERED, "photos/from_whatsapp.jpg": p._jpeg(taken=None)}, "no EXIF capture date"),
        Case({**P_DELIVERED, "photos/dent.jpg": P_GOOD_PHOTO}),
    ),
    "P003": Cases(
        Case({**P_DELIVERED, "photos/loading.jpg": p._jpeg(taken="2026:10:20 11:02:00")},
             "taken on 2026-10-20, before delivery on 2026-11-05"),
        # Taken on the evening of the delivery day.
        Case({**P_DELIVERED, "photos/carton.jpg": p._jpeg(taken="2026:11:05 17:30:00")}),
    ),
    "P004": Cases(
        Case({**P_DELIVERED, "photos/thumb.jpg": p._jpeg(size=(800, 600))}, "0.48 MP, under 1 MP"),
        Case({**P_DELIVERED, "photos/dent.jpg": p._jpeg(size=(1000, 1000))}),
    ),
    # F: files and schemas
    "F001": Cases(
        Case({**E_PAID_ON_PLATFORM, "empty.pdf": b""}, "empty.pdf is empty"),
        Case(E_PAID_ON_PLATFORM),
    ),
    "F002": Cases(
        Case({**E_PAID_ON_PLATFORM, "scan.pdf": scanned_pdf()}, "scan.pdf has no text layer"),
        Case(E_PAID_ON_PLATFORM),
    ),
    "F003": Cases(
        Case({**E_PAID_ON_PLATFORM, "notes.txt": "Remember to call the forwarder on Monday.\n"},
             "notes.txt was read but is not recognisably"),
        Case(E_PAID_ON_PLATFORM),
    ),
    "F004": Cases(
        Case({**E_PAID_ON_PLATFORM, "pi (1).txt": E_PI}, "2 files have identical content"),
        Case(E_PAID_ON_PLATFORM),
    ),
    "F005": Cases(
        Case(E_PAID_ON_PLATFORM, "coverage_limit",
             manifest=MANIFEST + 'coverage_limit = { amount = "twenty thousand", currency = "USD" }\n'),
        Case(E_PAID_ON_PLATFORM, manifest=E_LIMIT_20000),
    ),
}
