"""M rules: the conversation with the supplier, built from realistic chats, Message Center exports and PIs."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

import evidence.rules.messages  # noqa: F401  (registers the M rules)
from evidence import Report, check_bundle
from tests.conftest import SAMPLES

CODES = ["M001", "M002", "M003", "M004", "M005", "M006", "M007"]
SUPPLIER, BUYER = "Lily Wang Sunrise Ceramics", "Mark Jensen"
CHAT = "chat/WhatsApp Chat with Lily Wang.txt"
PI = """PROFORMA INVOICE
PI No.: SR-PI-2611-08
Date: 2026-08-03
Seller: Chaozhou Sunrise Ceramics Co., Ltd.
Buyer: Jensen Home Goods ApS
Item: Stoneware mug 350 ml, reactive glaze ocean blue, 500 pcs, USD 2.40/pc
Total: USD 1,200.00
Shipment: before 15 Sep 2026
"""
OPENING = [
    ("s", "Hello Mark, PI SR-PI-2611-08 attached, 500 pcs stoneware mugs 350 ml"),
    ("b", "Thanks Lily, paid on Alibaba Trade Assurance today"),
]
COMPLAINT = ("b", "The mugs arrived, 60 pcs are cracked and the handles are loose. Photos attached.")


def _whatsapp(turns: list[tuple[str, str]]) -> str:
    """Given (s|b, text) turns, return an Android WhatsApp export, one day per message."""
    names = {"s": SUPPLIER, "b": BUYER}
    return "".join(f"{10 + i:02d}/11/2026, 09:{10 + i:02d} - {names[who]}: {text}\n" for i, (who, text) in enumerate(turns))


def _message_center(turns: list[tuple[str, str]]) -> str:
    """Given (s|b, text) turns, return a Message Center CSV export."""
    names = {"s": f"{SUPPLIER} (Sunrise Ceramics)", "b": f"{BUYER} (Jensen Home Goods)"}
    rows = [f'2026-11-{10 + i:02d} 09:{10 + i:02d}:00,{names[who]},"{text}"' for i, (who, text) in enumerate(turns)]
    return "time,sender,message\n" + "\n".join(rows) + "\n"


def _bundle(tmp_path: Path, files: dict[str, str], manifest: str = 'claim = "quality"\n') -> Path:
    folder = tmp_path / "bundle"
    for name, text in {**files, "claim.toml": manifest}.items():
        path = folder / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")
    return folder


def _check(tmp_path: Path, files: dict[str, str], manifest: str = 'claim = "quality"\n') -> Report:
    pipeline = tmp_path / "messages.toml"
    pipeline.write_text('claim = "quality"\ndescription = "M rules"\nselect = ["M"]\n', encoding="utf-8")
    return check_bundle(_bundle(tmp_path, files, manifest), pipeline_file=pipeline)


def _codes(report: Report, code: str) -> list[str]:
    return [f.message for f in report.findings if f.code == code]


def _chat(tmp_path: Path, turns: list[tuple[str, str]]) -> Report:
    return _check(tmp_path, {"SR-PI-2611-08.txt": PI, CHAT: _whatsapp(turns)})


# ---------------------------------------------------------------- M001


def test_m001_fires_without_any_message_log(tmp_path: Path) -> None:
    report = _check(tmp_path, {"SR-PI-2611-08.txt": PI})
    [finding] = [f for f in report.findings if f.code == "M001"]
    assert finding.sources[0].path == "claim.toml"
    assert not _codes(report, "M005")  # M001 already says there is no conversation


def test_m001_quiet_with_a_chat(tmp_path: Path) -> None:
    assert not _codes(_chat(tmp_path, [*OPENING, COMPLAINT]), "M001")


# ---------------------------------------------------------------- M002


def test_m002_complaint_only_on_whatsapp(tmp_path: Path) -> None:
    report = _chat(tmp_path, [*OPENING, COMPLAINT])
    [finding] = [f for f in report.findings if f.code == "M002"]
    assert "the complaint" in finding.message and "60 pcs are cracked" in finding.message
    assert "WhatsApp" in finding.message and CHAT in finding.message
    assert (finding.sources[0].path, finding.sources[0].line) == (CHAT, 3)


def test_m002_quiet_when_the_complaint_is_also_in_the_message_center(tmp_path: Path) -> None:
    files = {
        CHAT: _whatsapp([*OPENING, COMPLAINT]),
        "messages/MessageCenter.csv": _message_center([*OPENING, COMPLAINT]),
    }
    assert not _codes(_check(tmp_path, files), "M002")


def test_m002_follows_the_manifest_channels(tmp_path: Path) -> None:
    # The buyer says this transcript was copied from the Message Center: the manifest wins.
    manifest = f'claim = "quality"\n[channels]\n"{CHAT}" = "platform"\n'
    report = _check(tmp_path, {CHAT: _whatsapp([*OPENING, COMPLAINT])}, manifest)
    assert not _codes(report, "M002")


# ---------------------------------------------------------------- M003


def test_m003_supplier_asks_for_direct_tt(tmp_path: Path) -> None:
    report = _chat(tmp_path, [
        ("s", ("Dear Mark, please pay the deposit by T/T to our boss personal account in Hong Kong, "
               "we give you 3% better price.")),
        ("b", "When will you ship?"),
    ])
    [finding] = [f for f in report.findings if f.code == "M003"]
    assert finding.message.startswith("the supplier asks for payment outside the platform")
    assert "boss personal account" in finding.message and finding.sources[0].line == 1
    assert any("payment instructions" in m for m in _codes(report, "M002"))


def test_m003_quiet_for_payment_on_the_order_page(tmp_path: Path) -> None:
    report = _chat(tmp_path, [
        ("s", "Dear Mark, the Trade Assurance order is created, please pay on the order page."),
        ("b", "Paid on Alibaba with card just now"),
    ])
    assert not _codes(report, "M003")


def test_m003_quiet_for_bank_details_on_the_pi(tmp_path: Path) -> None:
    pi = PI + "Bank: Bank of China, Chaozhou branch\nBeneficiary: Chaozhou Sunrise Ceramics Co., Ltd.\nT/T 30% deposit\n"
    report = _check(tmp_path, {"SR-PI-2611-08.txt": pi, CHAT: _whatsapp([*OPENING, COMPLAINT])})
    assert not _codes(report, "M003")


# ---------------------------------------------------------------- M004


def test_m004_buyer_accepts_a_discount(tmp_path: Path) -> None:
    report = _chat(tmp_path, [
        *OPENING, COMPLAINT,
        ("s", "Sorry for this. We can give 5% discount for this order"),
        ("b", "ok, accept 5% discount for this order"),
    ])
    [finding] = [f for f in report.findings if f.code == "M004"]
    assert finding.message.startswith("the buyer accepted a settlement")
    assert '"ok, accept 5% discount for this order"' in finding.message and finding.sources[0].line == 5


def test_m004_quiet_when_the_buyer_refuses(tmp_path: Path) -> None:
    report = _chat(tmp_path, [
        *OPENING, COMPLAINT,
        ("s", "We can give 5% discount for this order"),
        ("b", "No, we do not accept a discount. We want a replacement of the 60 pcs."),
    ])
    assert not _codes(report, "M004")


def test_m004_quiet_when_the_supplier_agrees_to_the_buyers_refund(tmp_path: Path) -> None:
    report = _chat(tmp_path, [
        *OPENING, COMPLAINT,
        ("b", "Please refund USD 300 for the 60 cracked pcs."),
        ("s", "OK, we agree to refund USD 300."),
    ])
    assert not _codes(report, "M004")


# ---------------------------------------------------------------- M005


def test_m005_fires_when_the_buyer_never_complained(tmp_path: Path) -> None:
    report = _chat(tmp_path, [*OPENING, ("s", "Goods are ready, we ship next week.")])
    [finding] = [f for f in report.findings if f.code == "M005"]
    assert finding.sources[0].path == CHAT and CHAT in finding.message


def test_m005_quiet_when_the_buyer_complained(tmp_path: Path) -> None:
    assert not _codes(_chat(tmp_path, [*OPENING, COMPLAINT]), "M005")


# ---------------------------------------------------------------- M006 and M007


def test_m006_m007_supplier_admits_and_promises(tmp_path: Path) -> None:
    report = _check(tmp_path, {"messages/MessageCenter.csv": _message_center([
        *OPENING, COMPLAINT,
        ("s", "We checked the photos, it is our packing mistake, the cartons were too thin."),
        ("s", "We will remake the 60 pcs and ship before 15 Dec 2026."),
    ])})
    [admission] = [f for f in report.findings if f.code == "M006"]
    [promise] = [f for f in report.findings if f.code == "M007"]
    assert "it is our packing mistake" in admission.message and "Message Center" in admission.message
    assert admission.sources[0].path == "messages/MessageCenter.csv"
    assert "ship before 15 Dec 2026" in promise.message
    assert promise.sources[0].line == admission.sources[0].line + 1
    assert not _codes(report, "M002")  # all of it is on the platform


def test_m006_m007_quiet_for_a_polite_apology(tmp_path: Path) -> None:
    report = _chat(tmp_path, [
        *OPENING, COMPLAINT,
        ("s", "Sorry for the late reply, I was at the Canton Fair."),
        ("b", "Please answer about the cracked mugs."),
    ])
    assert not _codes(report, "M006") and not _codes(report, "M007")


def test_quotes_are_trimmed(tmp_path: Path) -> None:
    long = "The mugs arrived, 60 pcs are cracked and the handles are loose. " * 4
    report = _chat(tmp_path, [*OPENING, ("b", long.strip())])
    [finding] = [f for f in report.findings if f.code == "M002"]
    quoted = finding.message.split(': "', 1)[1]
    assert len(quoted) <= 121 and quoted.endswith('…"')


# ---------------------------------------------------------------- the sample bundles


@pytest.mark.parametrize("name", ["strong-quality-claim", "weak-quality-claim", "off-platform-payment", "scanned-claim"])
def test_samples_expected_m_codes(tmp_path: Path, name: str) -> None:
    expected = json.loads((SAMPLES / "expected" / f"{name}.json").read_text(encoding="utf-8"))
    pipeline = tmp_path / "messages.toml"
    pipeline.write_text('claim = "quality"\ndescription = "M rules"\nselect = ["M"]\n', encoding="utf-8")
    found = {f.code for f in check_bundle(SAMPLES / name, pipeline_file=pipeline).findings}
    assert {c for c in expected["findings"] if c in CODES} <= found
    assert not {c for c in expected["must_not_fire"] if c in CODES} & found
    for finding in check_bundle(SAMPLES / name, pipeline_file=pipeline).findings:
        assert finding.sources and "\n" not in finding.message
