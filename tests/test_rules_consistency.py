"""X rules: consistency across documents, on bundles of realistic .txt documents and the samples."""

from __future__ import annotations

import json
from datetime import date
from pathlib import Path

import pytest

import evidence.rules.consistency  # noqa: F401  (registers the X rules)
from evidence import Report, check_bundle
from evidence.extract import extract
from evidence.facts import records_to_facts
from evidence.records import Record, Source, Value
from evidence.rules.consistency import amount_mismatch
from evidence.rules.context import Context
from tests.conftest import SAMPLES, text_doc

ORDER = "2455810372219904"

PI = """Foshan Lanting Furniture Co., Ltd.
PROFORMA INVOICE
PI No.: LT-PI-2609-021
Date: 2026-09-03
Alibaba.com Trade Assurance order No.: {order}
Buyer: Brightwater Homeware Ltd
Currency: {currency}

Item | Description | Quantity | Unit price ({currency}) | Amount ({currency})
LT-C01 | Oak dining chair, 45 x 52 x 88 cm | {chairs} pcs | 32.50 | {chair_amount}
LT-T02 | Oak dining table, 180 x 90 x 75 cm | 100 pcs | 120.00 | 12,000.00
Subtotal: {subtotal}
Packing charge: 300.00
TOTAL (FOB Shenzhen) {currency}: {total}

Shipment on or before 20 October 2026
Payment: 100% through Alibaba.com Trade Assurance order
"""

CONTRACT = """SALES CONTRACT
Contract No.: BW-SC-2609-007    Date: 5 September 2026
Seller: {seller}
Buyer: Brightwater Homeware Ltd
Trade Assurance order {order}, as per Seller's PI {pi}.

Item | Description | Quantity | Unit price (USD) | Amount (USD)
LT-C01 | Oak dining chair | 400 pcs | 32.50 | 13,000.00
LT-T02 | Oak dining table | 100 pcs | 120.00 | 12,000.00
Packing charge: 300.00
Total (FOB Shenzhen) 500 pcs USD 25,300.00

Latest shipment date: 20 October 2026.
Payment: 100% through Alibaba.com Trade Assurance.
Signed for the Seller and the Buyer.
"""

CARD_RECEIPT = """Alibaba.com
Payment receipt
Transaction ID: PAY-20260906-5521-0918
Payment time: 06 Sep 2026, 10:12 (GMT+8)
Order number: {order}
Supplier: Foshan Lanting Furniture Co., Ltd.
Buyer: Brightwater Homeware Ltd
Paid to: Alibaba.com Singapore E-Commerce Private Limited
Payment method: Visa credit card ending 4417
Order amount: USD {order_amount}
Transaction fee (2.95%): USD {fee}
Total charged: USD {charged}
Status: Paid in full
"""

DEFAULTS = {
    "order": ORDER, "currency": "USD", "chairs": "400", "chair_amount": "13,000.00", "subtotal": "25,000.00",
    "total": "25,300.00", "seller": "Foshan Lanting Furniture Company Limited", "pi": "LT-PI-2609-021",
    "order_amount": "25,300.00", "fee": "746.35", "charged": "26,046.35",
}


def _bundle(tmp_path: Path, with_receipt: bool = True, **changes: str) -> Path:
    values = {**DEFAULTS, **changes}
    folder = tmp_path / "order"
    folder.mkdir()
    (folder / "claim.toml").write_text(f'claim = "quality"\norder_number = "{ORDER}"\n', encoding="utf-8")
    (folder / "PI LT-PI-2609-021.txt").write_text(PI.format(**values), encoding="utf-8")
    (folder / "Sales contract BW-SC-2609-007.txt").write_text(CONTRACT.format(**values), encoding="utf-8")
    if with_receipt:
        (folder / "payment_receipt.txt").write_text(CARD_RECEIPT.format(**values), encoding="utf-8")
    return folder


def _check(tmp_path: Path, bundle: Path) -> Report:
    pipeline = tmp_path / "x.toml"
    pipeline.write_text('claim = "quality"\ndescription = "consistency"\nselect = ["X"]\n', encoding="utf-8")
    return check_bundle(bundle, as_of=date(2026, 11, 23), pipeline_file=pipeline)


def _codes(report: Report) -> list[str]:
    return [f.code for f in report.findings]


def test_consistent_order_raises_nothing(tmp_path: Path) -> None:
    # Co., Ltd. vs Company Limited, a packing charge on a line of its own, a card fee shown separately.
    assert _codes(_check(tmp_path, _bundle(tmp_path))) == []


def test_x001_order_number_differs(tmp_path: Path) -> None:
    report = _check(tmp_path, _bundle(tmp_path, order="2455810372219940"))
    found = [f for f in report.findings if f.code == "X001"]
    assert len(found) == 1 and "2455810372219940" in found[0].message
    assert {s.path for s in found[0].sources} >= {"claim.toml", "PI LT-PI-2609-021.txt"}


def test_x001_formatting_is_not_a_mismatch(tmp_path: Path) -> None:
    assert "X001" not in _codes(_check(tmp_path, _bundle(tmp_path, pi="lt-pi 2609021")))


def test_x001_contract_cites_another_pi(tmp_path: Path) -> None:
    report = _check(tmp_path, _bundle(tmp_path, pi="LT-PI-2608-117"))
    found = [f for f in report.findings if f.code == "X001"]
    assert len(found) == 1 and "LT-PI-2608-117" in found[0].message
    assert found[0].sources[0].path == "Sales contract BW-SC-2609-007.txt"


def test_x002_quantity_differs(tmp_path: Path) -> None:
    report = _check(tmp_path, _bundle(tmp_path, chairs="420", chair_amount="13,650.00", subtotal="25,650.00",
                                      total="25,950.00", order_amount="25,950.00", fee="765.53",
                                      charged="26,715.53"))
    assert _codes(report) == ["X002", "X003"]  # the contract's 500 pcs and USD 25,300.00 both differ
    x002 = report.findings[0]
    assert "520" in x002.message and "500" in x002.message and x002.sources


def test_x003_payment_in_full_differs(tmp_path: Path) -> None:
    report = _check(tmp_path, _bundle(tmp_path, order_amount="25,000.00", fee="737.50", charged="25,737.50"))
    found = [f for f in report.findings if f.code == "X003"]
    # the receipt's order amount joins the totals compared; its amount paid less the fee is that amount
    assert len(found) == 1 and "payment_receipt.txt" in found[0].message
    assert {s.path for s in found[0].sources} == {"PI LT-PI-2609-021.txt", "Sales contract BW-SC-2609-007.txt",
                                                  "payment_receipt.txt"}


def test_x003_card_fee_shown_separately_is_not_a_mismatch(tmp_path: Path) -> None:
    assert "X003" not in _codes(_check(tmp_path, _bundle(tmp_path)))


def test_x003_line_items_do_not_add_up(tmp_path: Path) -> None:
    # The total is 1,000.00 more than the lines plus the packing charge.
    report = _check(tmp_path, _bundle(tmp_path, with_receipt=False, total="26,300.00"))
    messages = [f.message for f in report.findings if f.code == "X003"]
    assert any("do not add up" in m and "PI LT-PI-2609-021.txt" in m for m in messages)


def test_x003_line_amount_is_not_quantity_times_price(tmp_path: Path) -> None:
    # 400 x 32.50 is 13,000.00, not 14,000.00: the PI's lines do not support its total.
    report = _check(tmp_path, _bundle(tmp_path, with_receipt=False, chair_amount="14,000.00",
                                      subtotal="26,000.00", total="26,300.00"))
    assert any("PI LT-PI-2609-021.txt" in f.message for f in report.findings if f.code == "X003")


def test_x003_deposit_alone_is_not_a_mismatch(tmp_path: Path) -> None:
    folder = _bundle(tmp_path, with_receipt=False)
    (folder / "TT slip.txt").write_text(
        "HSBC Hong Kong\nOutward Telegraphic Transfer - Payment Advice\nTransaction reference: OTT2609070031\n"
        "Value date: 07 Sep 2026\nAmount: USD 7,590.00\nBeneficiary: Foshan Lanting Furniture Co., Ltd.\n"
        f"Remittance information: 30% deposit for PI LT-PI-2609-021 / order {ORDER}\n", encoding="utf-8")
    assert "X003" not in _codes(_check(tmp_path, folder))


def test_x004_currency_differs(tmp_path: Path) -> None:
    report = _check(tmp_path, _bundle(tmp_path, with_receipt=False, currency="EUR"))
    assert "X004" in _codes(report)
    # amounts in different currencies are not compared: no X003 for EUR 25,300 vs USD 25,300
    assert [f for f in report.findings if f.code == "X003"] == []


def test_x005_another_supplier(tmp_path: Path) -> None:
    report = _check(tmp_path, _bundle(tmp_path, seller="Foshan Lanting Trading Co., Ltd."))
    found = [f for f in report.findings if f.code == "X005"]
    assert len(found) == 1 and "Lanting Trading" in found[0].message and "supplier" in found[0].message


def test_x005_chinese_english_pairing_is_one_name(tmp_path: Path) -> None:
    folder = _bundle(tmp_path, seller="佛山兰亭家具有限公司")
    pi = folder / "PI LT-PI-2609-021.txt"
    pi.write_text(pi.read_text(encoding="utf-8").replace(
        "Foshan Lanting Furniture Co., Ltd.\n", "Foshan Lanting Furniture Co., Ltd. 佛山兰亭家具有限公司\n", 1),
        encoding="utf-8")
    assert "X005" not in _codes(_check(tmp_path, folder))


def _expected(name: str) -> dict[str, list[str]]:
    return json.loads((SAMPLES / "expected" / f"{name}.json").read_text(encoding="utf-8"))


@pytest.mark.parametrize("name", ["off-platform-payment", "scanned-claim", "strong-quality-claim", "weak-quality-claim"])
def test_samples(tmp_path: Path, name: str) -> None:
    expected = _expected(name)
    # A finding resting on a value OCR read unsure is reported as info "not verified": it accuses no one.
    codes = {f.code for f in _check(tmp_path, SAMPLES / name).findings if not f.message.startswith("not verified")}
    assert codes == {c for c in expected["findings"] if c.startswith("X")}
    assert not codes & set(expected["must_not_fire"])



# ------------------------------------------------------------------ X003 and the charge lines read at extraction

PACKING = "Packing charge: 300.00\n"


def _pi_only(tmp_path: Path, total: str, packing: bool = True) -> Path:
    folder = tmp_path / "order"
    folder.mkdir()
    (folder / "claim.toml").write_text(f'claim = "quality"\norder_number = "{ORDER}"\n', encoding="utf-8")
    text = PI.format(**{**DEFAULTS, "total": total})
    (folder / "PI LT-PI-2609-021.txt").write_text(text if packing else text.replace(PACKING, ""), encoding="utf-8")
    return folder


@pytest.mark.parametrize(
    ("total", "packing", "fires"),
    [
        ("25,300.00", True, False),  # 25,000.00 of items plus the packing charge line
        ("25,900.00", True, True),  # 600.00 more than items and packing charge
        ("25,300.00", False, True),  # no line explains the 300.00
    ],
)
def test_x003_packing_charge_line_outside_the_item_table(
    tmp_path: Path, total: str, packing: bool, fires: bool
) -> None:
    report = _check(tmp_path, _pi_only(tmp_path, total, packing))
    found = [f for f in report.findings if f.code == "X003"]
    assert bool(found) is fires
    assert all("do not add up" in f.message and f.sources[0].path == "PI LT-PI-2609-021.txt" for f in found)


def _pi_record() -> Record:
    return extract(text_doc(PI.format(**DEFAULTS), "pi.txt"))


def test_packing_charge_line_is_read_into_the_record() -> None:
    record = _pi_record()
    assert record.kind == "proforma_invoice" and record.problems == []  # valid against its schema
    assert "charges" not in record.fields  # not a row of the item table
    assert [v.to_dict() for v in record.charge_lines] == [
        {"value": 300, "text": "Packing charge: 300.00", "source": {"path": "pi.txt", "line": 13},
         "certainty": "inferred"}]  # read loosely: never a labeled field
    assert "charge_lines" not in record.values()  # working evidence, not a field of the report


def _x003(record: Record) -> list[str]:
    # No documents: what X003 decides comes from the record alone.
    facts = records_to_facts([record])
    ctx = Context(bundle=None, documents=[], records=[record], facts=facts)  # type: ignore[arg-type]
    return [f.message for f in amount_mismatch(ctx)]


def test_x003_reads_the_record_not_the_document() -> None:
    record = _pi_record()
    assert _x003(record) == []
    record.charge_lines = []
    assert [m for m in _x003(record) if "do not add up" in m]


@pytest.mark.parametrize(("price", "fires"), [(25300, False), (25000, True), (50.6, False)])
def test_x003_a_price_column_holding_the_line_amount_is_its_total_price(price: float, fires: bool) -> None:
    record = Record("commercial_invoice", "ci.pdf")
    where = Source("ci.pdf", page=1, line=30)
    record.items = [{"quantity": Value(500, where), "unit_price": Value(price, where), "amount": Value(25300, where)}]
    assert bool([m for m in _x003(record) if "x" in m and "line amount" in m]) is fires
