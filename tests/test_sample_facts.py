"""The facts `evidence check` establishes for each sample bundle, against the generator's truth."""

from __future__ import annotations

import pytest

from evidence import check_bundle
from evidence.facts import comparable
from tests.conftest import SAMPLES, expected_json

BUNDLES = ["strong-quality-claim", "weak-quality-claim", "off-platform-payment", "scanned-claim"]
# Facts INTERFACE.md names; the expected files also hold derived values (deadlines) for later rules.
FACT_NAMES = [
    "order_number", "order_date", "supplier_name", "buyer_name", "currency", "order_total", "quantity",
    "incoterm", "ship_by", "shipped_on", "delivery_date", "payment_method", "beneficiary_name",
    "inspection_company", "inspection_date", "inspection_result", "coverage_limit",
]
# Where the truth file states a value INTERFACE.md does not define as the fact: ship_by is an ISO
# date, so a vague "about 30 days" is no ship_by at all (D005 reports it).
NOT_A_FACT = {("weak-quality-claim", "ship_by")}
# The weak bundle's truth takes the card payment's date as the order date; no document states
# when that order was placed, so the tool keeps the PI's date (2026-07-20) and says so here.
DIFFERENT_READING = {("weak-quality-claim", "order_date"): "2026-07-20"}
NAMES = {"supplier_name", "buyer_name", "beneficiary_name"}


@pytest.fixture(scope="module", params=BUNDLES)
def bundle_facts(request: pytest.FixtureRequest) -> tuple[str, dict[str, object], dict[str, object]]:
    name = request.param
    expected = expected_json(name)["facts"]
    report = check_bundle(SAMPLES / name)
    return name, expected, {k: f.value for k, f in report.facts.items()}


@pytest.mark.parametrize("fact", FACT_NAMES)
def test_sample_fact(bundle_facts: tuple[str, dict[str, object], dict[str, object]], fact: str) -> None:
    name, expected, got = bundle_facts
    if (name, fact) in NOT_A_FACT:
        assert got.get(fact) is None
        return
    want = DIFFERENT_READING.get((name, fact), expected.get(fact))
    if fact in NAMES and isinstance(want, str):
        # Letterheads print names in capitals, and OCR may glue their words: the same name, compared as
        # facts compare them.
        assert comparable(fact, str(got.get(fact))) == comparable(fact, want), f"{name}: {fact}"
        return
    assert got.get(fact) == want, f"{name}: {fact}"


def test_kinds_of_every_sample_document() -> None:
    for name in BUNDLES:
        expected = expected_json(name)
        report = check_bundle(SAMPLES / name)
        got = {record.path: record.kind for record in report.records}
        assert got == {doc["path"]: doc["kind"] for doc in expected["documents"]}, name
