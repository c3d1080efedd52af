"""D004, D005, D007, D008 on bundles of realistic document text."""

from __future__ import annotations

from datetime import date
from pathlib import Path

from evidence import Report, check_bundle

PI = """ACME HOUSEWARE CO., LTD.
PROFORMA INVOICE
PI No.: AH-2026-0301
Date: 2026-07-01
Buyer: Harbor Goods LLC
Item: Ceramic mug 350 ml, 5,000 pcs x USD 1.20 = USD 6,000.00
Total amount: USD 6,000.00
{ship_line}
Payment terms: 30% deposit, 70% before shipment via Alibaba.com Trade Assurance
"""
CONTRACT = """SALES CONTRACT
Contract No.: SC-AH-0301
Date: 2026-07-02
The Seller: Acme Houseware Co., Ltd.
The Buyer: Harbor Goods LLC
Quantity: 5,000 pcs
Total amount: USD 6,000.00
Latest shipment date: {ship_by}
"""
BL = """BILL OF LADING
B/L No.: COSU6281934410
Shipper: Acme Houseware Co., Ltd.
Consignee: Harbor Goods LLC
Port of Loading: Ningbo
Shipped on board date: {shipped}
"""
DEPOSIT = """OUTWARD TELEGRAPHIC TRANSFER
Transaction reference: TT20260705
Value date: 2026-07-05
Amount: USD 1,800.00
Beneficiary: Alibaba.com Singapore E-Commerce Private Limited
Remarks: 30% deposit for PI AH-2026-0301
"""


def _check(tmp_path: Path, claim: str, **files: str) -> Report:
    folder = tmp_path / "order"
    folder.mkdir(parents=True)
    for name, text in files.items():
        (folder / f"{name}.txt").write_text(text, encoding="utf-8")
    return check_bundle(folder, claim=claim, as_of=date(2026, 11, 23))


def _codes(report: Report) -> dict[str, str]:
    return {f.code: f.severity for f in report.findings if f.code in {"D004", "D005", "D007", "D008"}}


def test_d004_fires_when_no_ship_date_at_all(tmp_path: Path) -> None:
    report = _check(tmp_path, "late-shipment", pi=PI.format(ship_line="Packing: export carton"))
    assert _codes(report) == {"D004": "blocker"}
    assert report.findings[0].sources[0].path == "pi.txt"


def test_d004_is_major_for_quality_and_silent_with_a_date(tmp_path: Path) -> None:
    assert _codes(_check(tmp_path / "a", "quality", pi=PI.format(ship_line="Packing: carton"))) == {"D004": "major"}
    dated = _check(tmp_path / "b", "late-shipment", pi=PI.format(ship_line="Shipment date: on or before 2026-09-15"))
    assert "D004" not in _codes(dated)


def test_d005_vague_and_unanchored_lead_times(tmp_path: Path) -> None:
    vague = _check(tmp_path / "a", "late-shipment", pi=PI.format(ship_line="Delivery time: about 30 days"))
    assert _codes(vague) == {"D005": "major"}
    assert "about 30 days" in next(f.message for f in vague.findings if f.code == "D005")
    unanchored = _check(tmp_path / "b", "late-shipment",
                        pi=PI.format(ship_line="Delivery time: 35 days after receipt of deposit"))
    assert _codes(unanchored) == {"D005": "major"}


def test_d005_silent_when_the_deposit_record_anchors_the_lead_time(tmp_path: Path) -> None:
    report = _check(tmp_path, "late-shipment", pi=PI.format(ship_line="Delivery time: 35 days after receipt of deposit"),
                    deposit=DEPOSIT)
    assert report.facts["ship_by"].value == "2026-08-09"
    assert "D005" not in _codes(report)


def test_d007_ship_by_differs_between_pi_and_contract(tmp_path: Path) -> None:
    report = _check(tmp_path, "late-shipment", pi=PI.format(ship_line="Shipment date: on or before 2026-09-15"),
                    contract=CONTRACT.format(ship_by="2026-09-30"))
    assert "D007" in _codes(report)
    agreed = _check(tmp_path / "b", "late-shipment", pi=PI.format(ship_line="Shipment date: on or before 2026-09-30"),
                    contract=CONTRACT.format(ship_by="30 September 2026"))
    assert "D007" not in _codes(agreed)


def test_d008_shipped_on_or_before_the_agreed_date(tmp_path: Path) -> None:
    on_time = _check(tmp_path / "a", "late-shipment", contract=CONTRACT.format(ship_by="2026-09-30"),
                     bl=BL.format(shipped="2026-09-30"))
    assert _codes(on_time) == {"D008": "blocker"}
    late = _check(tmp_path / "b", "late-shipment", contract=CONTRACT.format(ship_by="2026-09-30"),
                  bl=BL.format(shipped="2026-10-01"))
    assert "D008" not in _codes(late)
    quality = _check(tmp_path / "c", "quality", contract=CONTRACT.format(ship_by="2026-09-30"),
                     bl=BL.format(shipped="2026-09-30"))
    assert "D008" not in _codes(quality)

CHAT = """[03/09/2026, 10:00:00] Li Wei: Dear friend, production delay, can we ship on 10 Oct instead of 30 Sep?
[03/09/2026, 11:00:00] Tom Harbor: ok, we accept shipment by Oct 10.
"""
REFUSED = """[03/09/2026, 10:00:00] Li Wei: Dear friend, production delay, can we ship on 10 Oct instead of 30 Sep?
[03/09/2026, 11:00:00] Tom Harbor: No, we cannot accept any delay. Please ship by 30 Sep as agreed.
"""


def test_d006_buyer_agreed_later_date_is_the_date_in_force(tmp_path: Path) -> None:
    report = _check(tmp_path, "late-shipment", contract=CONTRACT.format(ship_by="2026-09-30"),
                    bl=BL.format(shipped="2026-10-05"), chat=CHAT)
    codes = _codes_all(report)
    assert codes["D006"] == "major"
    assert codes["D008"] == "blocker"  # 5 Oct is on time against the agreed 10 Oct
    d006 = next(f for f in report.findings if f.code == "D006")
    assert d006.sources[0].path == "chat.txt" and d006.sources[0].line == 2
    assert "2026-10-10" in d006.message and "we accept shipment" in d006.message


def test_d006_silent_when_the_buyer_refused(tmp_path: Path) -> None:
    report = _check(tmp_path, "late-shipment", contract=CONTRACT.format(ship_by="2026-09-30"),
                    bl=BL.format(shipped="2026-10-05"), chat=REFUSED)
    codes = _codes_all(report)
    assert "D006" not in codes and "D008" not in codes


def _codes_all(report: Report) -> dict[str, str]:
    return {f.code: f.severity for f in report.findings}


def _dispute(tmp_path: Path, opened: str, as_of: date) -> Report:
    folder = tmp_path / "order"
    folder.mkdir(parents=True)
    (folder / "claim.toml").write_text(f'claim = "quality"\ndispute_opened = {opened}\n', encoding="utf-8")
    return check_bundle(folder, as_of=as_of)


def test_d009_milestone_within_the_next_three_days(tmp_path: Path) -> None:
    report = _dispute(tmp_path / "a", "2026-11-16", date(2026, 11, 21))  # day 4 was 20 Nov; day 7 = 23 Nov
    d009 = [f for f in report.findings if f.code == "D009"]
    assert len(d009) == 1 and "dispute day 7 is 2026-11-23" in d009[0].message
    assert d009[0].sources[0].path == "claim.toml" and d009[0].sources[0].line == 2
    assert report.deadlines["dispute_day_30"] == "2026-12-16"


def test_d009_silent_between_milestones(tmp_path: Path) -> None:
    report = _dispute(tmp_path / "b", "2026-11-10", date(2026, 11, 23))  # day 7 was 17 Nov, day 30 is 10 Dec
    assert not [f for f in report.findings if f.code == "D009"]
    # Day 4 is the as-of date itself and day 7 is 3 days after it: both ends are included.
    today = _dispute(tmp_path / "c", "2026-11-19", date(2026, 11, 23))
    assert [f.message.split(":")[0] for f in today.findings if f.code == "D009"] == [
        "dispute day 4 is 2026-11-23 (opened 2026-11-19)", "dispute day 7 is 2026-11-26 (opened 2026-11-19)"
    ]
