"""E: eligibility and coverage rules, on bundles of realistic document text and on the samples."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

import evidence.rules.eligibility  # noqa: F401  (importing registers the E rules)
from evidence import Report, check_bundle
from evidence.normalize.complaints import complaint_out_of_scope
from tests.conftest import SAMPLES

PI_PLATFORM = """PROFORMA INVOICE
Shenzhen Lumitek Electronics Co., Ltd.
PI No.: LT-PI-2026-0412
Date: 2026-04-12
Trade Assurance Order No.: 2450118839201746
Buyer: Harbor Audio GmbH
Currency: {currency}
Item  Description                        Qty   Unit price  Amount
1     Bluetooth speaker BT-20, 20 W      2000  {price}        {total}
Total amount: {currency} {total}
Payment terms: 100% through Alibaba.com Trade Assurance order
Shipment: on or before 2026-05-30
"""

PI_BANK_NO_ORDER = """PROFORMA INVOICE
Shenzhen Lumitek Electronics Co., Ltd.
PI No.: LT-PI-2026-0412
Date: 2026-04-12
Buyer: Harbor Audio GmbH
Currency: EUR
Item  Description                        Qty   Unit price  Amount
1     Bluetooth speaker BT-20, 20 W      2000  6.50        13,000.00
Total amount: EUR 13,000.00
Payment terms: 30% T/T deposit, balance before shipment
Bank details:
Beneficiary: {beneficiary}
Bank: Bank of China, Shenzhen Branch
Account No.: 7448 0012 3391
SWIFT: BKCHCNBJ45A
"""

TT_SLIP = """HSBC Bank plc
International Payment - Transaction Confirmation
Reference number IMT2604150012345
Value date 15/04/2026
Amount sent USD 13,000.00
Payment method: Telegraphic transfer (T/T)
Ordering customer: Harbor Audio GmbH
Beneficiary name: {beneficiary}
Beneficiary bank: Bank of China (Hong Kong) Limited
Beneficiary account: 012-345-6789012
Remittance information: GOODS PAYMENT PI LT-PI-2026-0412
"""

PLATFORM_RECEIPT = """Alibaba.com Payment Receipt
Payment ID: PAY-20260415-7105-4233
Payment date: 2026-04-15
Trade Assurance Order No.: 2450118839201746
Supplier: Shenzhen Lumitek Electronics Co., Ltd.
Paid to: Alibaba.com Singapore E-Commerce Private Limited
Payment method: Visa credit card ending 4417
Order amount: USD 13,000.00
Amount paid: USD 13,000.00
Status: Paid
"""

CHAT = """12/04/2026, 10:02 - Lucy Lumitek: Hello Jonas, our factory sent you the PI. Please pay the 30% deposit so we can start production.
12/04/2026, 10:15 - Jonas Weber: Thanks Lucy, I will pay the deposit this week.
{payment_line}
02/06/2026, 14:10 - Jonas Weber: {complaint}
"""

MANIFEST = 'claim = "quality"\n'


def _bundle(tmp_path: Path, files: dict[str, str], manifest: str = MANIFEST) -> Path:
    folder = tmp_path / "order"
    folder.mkdir(parents=True)
    for name, text in files.items():
        (folder / name).write_text(text, encoding="utf-8")
    (folder / "claim.toml").write_text(manifest, encoding="utf-8")
    return folder


def _check(tmp_path: Path, bundle: Path | str) -> Report:
    pipeline = tmp_path / "eligibility.toml"
    pipeline.write_text('claim = "quality"\ndescription = "E only"\nselect = ["E"]\n', encoding="utf-8")
    return check_bundle(bundle, pipeline_file=pipeline)


def _codes(report: Report) -> set[str]:
    return {f.code for f in report.findings}


def _pi(total: str = "13,000.00", price: str = "6.50", currency: str = "USD") -> str:
    return PI_PLATFORM.format(total=total, price=price, currency=currency)


def _platform_bundle(tmp_path: Path, manifest: str = MANIFEST, **pi: str) -> Path:
    return _bundle(tmp_path, {"pi.txt": _pi(**pi), "receipt.txt": PLATFORM_RECEIPT}, manifest)


# ------------------------------------------------------------------ E001 / E002


def test_tt_slip_to_a_person_is_off_platform_and_personal(tmp_path: Path) -> None:
    report = _check(tmp_path, _bundle(tmp_path, {"pi.txt": _pi(), "slip.txt": TT_SLIP.format(beneficiary="WANG LEI")}))
    by_code = {f.code: f for f in report.findings}
    assert {"E001", "E002"} <= _codes(report)
    assert "slip.txt" in by_code["E001"].message and "WANG LEI" in by_code["E001"].message
    assert by_code["E001"].severity == "blocker"
    assert all(s.path == "slip.txt" and s.line for s in by_code["E001"].sources)
    assert "private person" in by_code["E002"].message
    assert by_code["E002"].sources[0].path == "slip.txt"


def test_tt_slip_to_the_supplier_itself_is_off_platform_but_not_personal(tmp_path: Path) -> None:
    slip = TT_SLIP.format(beneficiary="Shenzhen Lumitek Electronics Co., Ltd.")
    codes = _codes(_check(tmp_path, _bundle(tmp_path, {"pi.txt": _pi(), "slip.txt": slip})))
    assert "E001" in codes
    assert "E002" not in codes


def test_tt_slip_to_another_company_is_a_foreign_beneficiary(tmp_path: Path) -> None:
    slip = TT_SLIP.format(beneficiary="Guangzhou Kaida Trading Co., Ltd.")
    report = _check(tmp_path, _bundle(tmp_path, {"pi.txt": _pi(), "slip.txt": slip}))
    e002 = [f for f in report.findings if f.code == "E002"]
    assert e002 and "company other than the supplier" in e002[0].message


def test_platform_receipt_is_neither_off_platform_nor_personal(tmp_path: Path) -> None:
    codes = _codes(_check(tmp_path, _platform_bundle(tmp_path)))
    assert not codes & {"E001", "E002", "E006"}


def test_buyer_message_about_an_off_platform_transfer_is_quoted(tmp_path: Path) -> None:
    chat = CHAT.format(
        payment_line="15/04/2026, 09:30 - Jonas Weber: Deposit USD 3,900 paid to your company account today, slip attached",
        complaint="300 pcs arrived cracked.",
    )
    report = _check(tmp_path, _bundle(tmp_path, {"pi.txt": _pi(), "WhatsApp Chat with Lucy Lumitek.txt": chat}))
    e001 = [f for f in report.findings if f.code == "E001"]
    assert len(e001) == 1
    assert '"Deposit USD 3,900 paid to your company account today' in e001[0].message
    assert e001[0].sources[0].line == 3


def test_buyer_message_about_a_platform_payment_is_not_off_platform(tmp_path: Path) -> None:
    chat = CHAT.format(
        payment_line="15/04/2026, 09:30 - Jonas Weber: Paid on Alibaba with card just now",
        complaint="300 pcs arrived cracked.",
    )
    codes = _codes(_check(tmp_path, _bundle(tmp_path, {"pi.txt": _pi(), "WhatsApp Chat with Lucy Lumitek.txt": chat})))
    assert "E001" not in codes


def test_pi_bank_instructions_to_a_person_count_when_nothing_shows_a_platform_payment(tmp_path: Path) -> None:
    report = _check(tmp_path, _bundle(tmp_path, {"pi.txt": PI_BANK_NO_ORDER.format(beneficiary="LIU YANG")}))
    e002 = [f for f in report.findings if f.code == "E002"]
    assert e002 and "LIU YANG" in e002[0].message and e002[0].sources[0].line == 12
    assert "E001" not in _codes(report)  # instructions printed on a PI are not a payment


def test_pi_bank_instructions_to_the_supplier_are_not_personal(tmp_path: Path) -> None:
    pi = PI_BANK_NO_ORDER.format(beneficiary="Shenzhen Lumitek Electronics Co., Ltd.")
    assert "E002" not in _codes(_check(tmp_path, _bundle(tmp_path, {"pi.txt": pi})))


def test_pi_bank_instructions_are_ignored_once_paid_on_the_platform(tmp_path: Path) -> None:
    pi = PI_BANK_NO_ORDER.format(beneficiary="LIU YANG")
    codes = _codes(_check(tmp_path, _bundle(tmp_path, {"pi.txt": pi, "receipt.txt": PLATFORM_RECEIPT})))
    assert "E002" not in codes


# ------------------------------------------------------------------ E003


def test_no_order_number_anywhere(tmp_path: Path) -> None:
    report = _check(tmp_path, _bundle(tmp_path, {"pi.txt": PI_BANK_NO_ORDER.format(beneficiary="LIU YANG")}))
    e003 = [f for f in report.findings if f.code == "E003"]
    assert e003 and e003[0].sources[0].path == "pi.txt" and "pi.txt" in e003[0].message


@pytest.mark.parametrize("where", ["pi", "manifest"])
def test_order_number_in_pi_or_manifest(tmp_path: Path, where: str) -> None:
    if where == "pi":
        bundle = _bundle(tmp_path, {"pi.txt": _pi()})
    else:
        pi = PI_BANK_NO_ORDER.format(beneficiary="LIU YANG")
        bundle = _bundle(tmp_path, {"pi.txt": pi}, MANIFEST + 'order_number = "2450118839201746"\n')
    assert "E003" not in _codes(_check(tmp_path, bundle))


# ------------------------------------------------------------------ E004 / E007


def test_total_above_the_coverage_limit_states_the_uncovered_amount(tmp_path: Path) -> None:
    manifest = MANIFEST + 'coverage_limit = { amount = 10000, currency = "USD" }\n'
    report = _check(tmp_path, _platform_bundle(tmp_path, manifest))
    e004 = [f for f in report.findings if f.code == "E004"]
    assert e004 and "by USD 3,000.00" in e004[0].message
    assert [s.path for s in e004[0].sources] == ["pi.txt", "claim.toml"]
    assert "E007" not in _codes(report)


@pytest.mark.parametrize(
    "limit", ['{ amount = 20000, currency = "USD" }', '{ amount = 5000, currency = "EUR" }']
)
def test_total_within_the_limit_or_in_another_currency(tmp_path: Path, limit: str) -> None:
    report = _check(tmp_path, _platform_bundle(tmp_path, MANIFEST + f"coverage_limit = {limit}\n"))
    assert not _codes(report) & {"E004", "E007"}


def test_total_above_10000_usd_without_a_limit(tmp_path: Path) -> None:
    report = _check(tmp_path, _platform_bundle(tmp_path))
    e007 = [f for f in report.findings if f.code == "E007"]
    assert e007 and e007[0].severity == "minor" and "USD 13,000.00" in e007[0].message
    assert e007[0].sources[0].path == "pi.txt"


@pytest.mark.parametrize(("total", "price", "currency"), [("9,000.00", "4.50", "USD"), ("13,000.00", "6.50", "EUR")])
def test_small_or_non_usd_total_without_a_limit(tmp_path: Path, total: str, price: str, currency: str) -> None:
    report = _check(tmp_path, _platform_bundle(tmp_path, total=total, price=price, currency=currency))
    assert "E007" not in _codes(report)


# ------------------------------------------------------------------ E005


@pytest.mark.parametrize(
    ("complaint", "kind"),
    [
        ("The speakers look cheap and the colour is not what we expected.", "subjective"),
        ("The logo is wrong: it is a counterfeit of our partner's trademark.", "ip"),
        ("We don't like the design, although the bulk matches the approved sample.", "approved-sample"),
    ],
)
def test_out_of_scope_complaint_in_the_manifest(tmp_path: Path, complaint: str, kind: str) -> None:
    assert complaint_out_of_scope(complaint) is not None
    assert complaint_out_of_scope(complaint)[0] == kind  # type: ignore[index]
    report = _check(tmp_path, _platform_bundle(tmp_path, MANIFEST + f'complaint = "{complaint}"\n'))
    e005 = [f for f in report.findings if f.code == "E005"]
    assert e005 and e005[0].sources[0].path == "claim.toml" and complaint[:30] in e005[0].message


@pytest.mark.parametrize(
    "complaint",
    [
        "Outer wall 0.38 mm against contract 0.50 mm; 23 of 125 samples leak.",
        "The speakers look cheap: 300 pcs have cracked housings.",
        "Shipped on 9 October, 31 days after the agreed date.",
    ],
)
def test_measurable_complaint_is_in_scope(tmp_path: Path, complaint: str) -> None:
    report = _check(tmp_path, _platform_bundle(tmp_path, MANIFEST + f'complaint = "{complaint}"\n'))
    assert "E005" not in _codes(report)


def test_out_of_scope_complaint_in_a_buyer_message_is_quoted(tmp_path: Path) -> None:
    chat = CHAT.format(
        payment_line="15/04/2026, 09:30 - Jonas Weber: Paid on Alibaba with card just now",
        complaint="The logo on the speakers is wrong, it is a counterfeit of our partner's trademark.",
    )
    report = _check(tmp_path, _bundle(tmp_path, {"pi.txt": _pi(), "WhatsApp Chat with Lucy Lumitek.txt": chat}))
    e005 = [f for f in report.findings if f.code == "E005"]
    assert e005 and '"The logo on the speakers is wrong' in e005[0].message and e005[0].sources[0].line == 4


# ------------------------------------------------------------------ E006


def test_no_payment_record(tmp_path: Path) -> None:
    report = _check(tmp_path, _bundle(tmp_path, {"pi.txt": _pi()}))
    e006 = [f for f in report.findings if f.code == "E006"]
    assert e006 and e006[0].sources[0].path == "pi.txt"


@pytest.mark.parametrize("proof", ["receipt", "slip"])
def test_payment_record_present(tmp_path: Path, proof: str) -> None:
    text = PLATFORM_RECEIPT if proof == "receipt" else TT_SLIP.format(beneficiary="WANG LEI")
    assert "E006" not in _codes(_check(tmp_path, _bundle(tmp_path, {"pi.txt": _pi(), f"{proof}.txt": text})))


# ------------------------------------------------------------------ the sample bundles


@pytest.mark.parametrize("name", ["off-platform-payment", "scanned-claim", "strong-quality-claim", "weak-quality-claim"])
def test_sample_bundles(tmp_path: Path, name: str) -> None:
    expected = json.loads((SAMPLES / "expected" / f"{name}.json").read_text(encoding="utf-8"))
    report = _check(tmp_path, SAMPLES / name)
    codes = _codes(report)
    must = {c for c in expected["findings"] if c.startswith("E")}
    must_not = {c for c in expected["must_not_fire"] if c.startswith("E")}
    assert must <= codes, must - codes
    assert not must_not & codes, must_not & codes
    assert codes <= must  # no E finding the expected report does not list
    for finding in report.findings:
        assert finding.sources, finding
