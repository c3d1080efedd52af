"""Traps for the date rules (D001-D009): realistic bundles a careful reviewer would not flag.

An ETA is no delivery, a lead time counted from a recorded deposit is a ship date, a
supplier's request for more time that the buyer refused extends nothing. See tests/traps.py.
"""

from __future__ import annotations

from pathlib import Path

import pytest

import tests.test_rules_dates as d
from tests.traps import MANIFEST, Trap, assert_covered, assert_quiet

PI_DATED = d.PI.format(ship_line="Shipment date: on or before 2026-09-15")
PI_LEAD = d.PI.format(ship_line="Delivery time: 35 days after receipt of deposit")
PI_ZH = d.PI.format(ship_line="交货期：2026年9月15日前 / Delivery: before 15 Sept 2026")
CONTRACT_SEPT = d.CONTRACT.format(ship_by="2026-09-15")
CONTRACT_SEPT_WORDS = d.CONTRACT.format(ship_by="15 September 2026")
BL_LATE = d.BL.format(shipped="2026-09-30")

POD = """DHL Express - Proof of Delivery
Waybill: 4471 2280 93
Delivered: 2026-11-02 14:21
Signed for by: R. MARTIN
Delivered to: Harbor Goods LLC, Receiving Dock 2
Pieces: 12
"""

TRACKING = """UPS Tracking Details
Tracking Number: 1Z 999 AA1 01 2345 6784
Status: Delivered
Delivered On: Monday, November 02, 2026 at 2:21 P.M.
Left At: Dock
Shipment Progress
11/02/2026 2:21 P.M. Delivered Los Angeles, CA, US
10/30/2026 8:03 A.M. Arrived at Facility Ontario, CA, US
"""

ARRIVAL_NOTICE = """ARRIVAL NOTICE
B/L No.: COSU6281934410
Vessel: CSCL STAR / 041E
Port of Discharge: Los Angeles
ETA: 2026-09-01
Consignee: Harbor Goods LLC
Please present the original B/L to collect the cargo.
"""

CHAT_REFUSED = """10/09/2026, 09:12 - Amy Acme: Dear, production is a little delayed, can we ship on 30 September?
10/09/2026, 09:40 - Tom Harbor: No, we cannot accept a later date. The contract says 15 September.
"""

CHAT_PAYMENT_DATE = """10/08/2026, 09:12 - Amy Acme: Can you pay the balance by 20 August instead of 10 August?
10/08/2026, 09:40 - Tom Harbor: OK, we agree to pay the balance on 20 August.
"""

CHAT_EARLIER = """10/09/2026, 09:12 - Amy Acme: Good news, the goods are ready, can we ship earlier on 5 September?
10/09/2026, 09:40 - Tom Harbor: Yes, we agree to ship on 5 September.
"""

DISPUTE_DAY_0 = MANIFEST + 'dispute_opened = "2026-11-23"\n'  # day 4 is 2026-11-27: more than 3 days ahead
DISPUTE_DAY_10 = MANIFEST + 'dispute_opened = "2026-11-13"\n'  # day 7 passed, day 30 far ahead


def _delivered(day: str) -> str:
    return MANIFEST + f'delivery_date = "{day}"\n'


TRAPS = [
    # D001: the 30-day window after delivery has closed
    Trap("D001", "delivered 21 days ago (claim.toml)", {"pi.txt": PI_DATED}, manifest=_delivered("2026-11-02")),
    Trap("D001", "an old ETA on an arrival notice is no delivery", {"pi.txt": PI_DATED, "arrival.txt": ARRIVAL_NOTICE},
         manifest=_delivered("2026-11-02")),
    Trap("D001", "a courier's proof of delivery 21 days ago", {"pi.txt": PI_DATED, "pod.txt": POD}),
    Trap("D001", "a tracking page's delivered date 21 days ago", {"pi.txt": PI_DATED, "tracking.txt": TRACKING}),
    # D002: seven days or fewer left
    Trap("D002", "delivered 21 days ago: nine days left", {"pi.txt": PI_DATED}, manifest=_delivered("2026-11-02")),
    Trap("D002", "no delivery date: no window to count", {"pi.txt": PI_DATED}),
    Trap("D002", "delivered yesterday", {"pi.txt": PI_DATED}, manifest=_delivered("2026-11-22")),
    # D003: no delivery date can be established
    Trap("D003", "the delivery date in claim.toml", {"pi.txt": PI_DATED}, manifest=_delivered("2026-11-02")),
    Trap("D003", "a courier's proof of delivery", {"pi.txt": PI_DATED, "pod.txt": POD}),
    Trap("D003", "a carrier tracking page", {"pi.txt": PI_DATED, "tracking.txt": TRACKING}),
    # D004: no shipping date at all (a late-shipment claim: there it is a blocker)
    Trap("D004", "a lead time after the deposit", {"pi.txt": PI_LEAD}, claim="late-shipment",
         manifest='claim = "late-shipment"\n'),
    Trap("D004", "the date only in the contract", {"pi.txt": d.PI.format(ship_line=""), "contract.txt": CONTRACT_SEPT},
         claim="late-shipment", manifest='claim = "late-shipment"\n'),
    Trap("D004", "a bilingual delivery line", {"pi.txt": PI_ZH}, claim="late-shipment", manifest='claim = "late-shipment"\n'),
    # D005: the shipping date is vague or its anchor missing
    Trap("D005", "a fixed date", {"pi.txt": PI_DATED}, claim="late-shipment", manifest='claim = "late-shipment"\n'),
    Trap("D005", "a lead time anchored on the recorded deposit", {"pi.txt": PI_LEAD, "deposit.txt": d.DEPOSIT},
         claim="late-shipment", manifest='claim = "late-shipment"\n'),
    Trap("D005", "a date written with the month's name", {"pi.txt": d.PI.format(ship_line=""),
                                                         "contract.txt": CONTRACT_SEPT_WORDS},
         claim="late-shipment", manifest='claim = "late-shipment"\n'),
    # D006: the buyer agreed to a later shipping date
    Trap("D006", "the buyer refused a later date", {"pi.txt": PI_DATED, "WhatsApp Chat with Amy.txt": CHAT_REFUSED}),
    Trap("D006", "a later payment date is no later ship date",
         {"pi.txt": PI_DATED, "WhatsApp Chat with Amy.txt": CHAT_PAYMENT_DATE}),
    Trap("D006", "an earlier ship date is no extension", {"pi.txt": PI_DATED, "WhatsApp Chat with Amy.txt": CHAT_EARLIER}),
    # D007: documents contradict each other on a date
    Trap("D007", "the PI and the contract on the same day in two formats",
         {"pi.txt": PI_DATED, "contract.txt": CONTRACT_SEPT_WORDS}),
    Trap("D007", "the PI's and the contract's own dates differ by a day", {"pi.txt": PI_DATED, "contract.txt": CONTRACT_SEPT}),
    Trap("D007", "shipped in September, delivered in November",
         {"pi.txt": PI_DATED, "bl.txt": BL_LATE, "pod.txt": POD}),
    # D008: shipped on or before the date in force (late-shipment claims)
    Trap("D008", "shipped after the agreed date", {"pi.txt": PI_DATED, "bl.txt": BL_LATE},
         claim="late-shipment", manifest='claim = "late-shipment"\n'),
    Trap("D008", "no shipped-on date, only an ETA", {"pi.txt": PI_DATED, "arrival.txt": ARRIVAL_NOTICE},
         claim="late-shipment", manifest='claim = "late-shipment"\n'),
    Trap("D008", "the buyer refused the supplier's later date; shipped after the original",
         {"pi.txt": PI_DATED, "bl.txt": BL_LATE, "WhatsApp Chat with Amy.txt": CHAT_REFUSED},
         claim="late-shipment", manifest='claim = "late-shipment"\n'),
    # D009: a dispute milestone within the next 3 days
    Trap("D009", "no dispute opened", {"pi.txt": PI_DATED}),
    Trap("D009", "a dispute opened today: day 4 is four days ahead", {"pi.txt": PI_DATED}, manifest=DISPUTE_DAY_0),
    Trap("D009", "a dispute on day 10: day 7 passed, day 30 far ahead", {"pi.txt": PI_DATED}, manifest=DISPUTE_DAY_10),
]


@pytest.mark.parametrize("trap", TRAPS, ids=lambda trap: trap.id)
def test_trap_stays_quiet(trap: Trap, tmp_path: Path) -> None:
    assert_quiet(trap, tmp_path)


def test_every_date_rule_has_three_traps() -> None:
    assert_covered(TRAPS, [f"D00{n}" for n in range(1, 10)])
