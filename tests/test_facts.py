from __future__ import annotations

from pathlib import Path

from evidence.extract.reading import Reading
from evidence.bundle import describe
from evidence.extract.kinds import manifest
from evidence.facts import records_to_facts
from evidence.kinds import (
    CLAIM_MANIFEST,
    CONTRACT,
    INSPECTION_REPORT,
    PAYMENT_RECORD,
    PROFORMA_INVOICE,
    SHIPPING_DOCUMENT,
)
from evidence.readers import read_file
from evidence.records import LABELED, Record, Source


def _record(kind: str, path: str, **fields: object) -> Record:
    record = Record(kind=kind, path=path)
    for line, (name, value) in enumerate(fields.items(), start=1):
        record.set(name, value, Source(path, page=1, line=line), str(value), LABELED, f'under "{name}"')
    return record


def test_fact_keeps_every_agreeing_source_and_the_conflicts() -> None:
    records = [
        _record(PROFORMA_INVOICE, "pi.pdf", supplier_name="Ningbo Haoyu Drinkware Co., Ltd.", quantity=5200,
                order_number="2412 2680 3195 7740"),
        _record(CONTRACT, "contract.pdf", supplier_name="NINGBO HAOYU DRINKWARE COMPANY LIMITED", quantity=5000,
                order_number="2412-2680-3195-7740"),
        _record(INSPECTION_REPORT, "qc.pdf", quantity=5000),
    ]
    facts = records_to_facts(records)
    supplier = facts["supplier_name"]
    assert supplier.value == "Ningbo Haoyu Drinkware Co., Ltd."
    assert [s.path for s in supplier.sources] == ["pi.pdf", "contract.pdf"] and not supplier.conflicts
    assert [s.path for s in facts["order_number"].sources] == ["pi.pdf", "contract.pdf"]
    quantity = facts["quantity"].to_dict()
    assert quantity["value"] == 5200
    assert quantity["conflicts"] == [
        {"value": 5000, "sources": [{"path": "contract.pdf", "page": 1, "line": 2},
                                    {"path": "qc.pdf", "page": 1, "line": 1}], "certainty": "labeled"}
    ]


def test_manifest_comes_first_for_order_number_and_delivery_date() -> None:
    records = [
        _record(CLAIM_MANIFEST, "claim.toml", order_number="2381093617405528", delivery_date="2026-11-05"),
        _record(SHIPPING_DOCUMENT, "pod.pdf", delivery_date="2026-11-05"),
        _record(PROFORMA_INVOICE, "pi.pdf", order_number="2381093617405528"),
    ]
    facts = records_to_facts(records)
    assert facts["delivery_date"].value == "2026-11-05"
    assert [s.path for s in facts["delivery_date"].sources] == ["claim.toml", "pod.pdf"]


def test_lead_time_is_anchored_on_the_deposit_payment_date() -> None:
    lead = {"days": 35, "kind": "calendar", "anchor": "deposit", "text": "35 days after deposit", "vague": False}
    records = [
        _record(PROFORMA_INVOICE, "pi.pdf", lead_time=lead),
        _record(PAYMENT_RECORD, "tt.pdf", payment_date="2026-08-04", payment_purpose="deposit"),
    ]
    fact = records_to_facts(records)["ship_by"]
    assert fact.value == "2026-09-08"
    assert [s.path for s in fact.sources] == ["pi.pdf", "tt.pdf"]


def test_vague_lead_time_gives_no_ship_by() -> None:
    lead = {"days": 30, "kind": "calendar", "anchor": "unknown", "text": "about 30 days", "vague": True}
    records = [_record(PROFORMA_INVOICE, "pi.xlsx", lead_time=lead),
               _record(PAYMENT_RECORD, "card.pdf", payment_date="2026-07-21")]
    assert "ship_by" not in records_to_facts(records)


def _manifest(text: str) -> tuple[Record, list[str]]:
    doc = read_file(describe("claim.toml", text.encode("utf-8")))
    record = manifest.extract(Reading.of(doc))
    return record, [p.reason for p in record.problems]


def test_manifest_values_with_their_lines() -> None:
    record, problems = _manifest(
        'claim = "quality"\norder_number = "2381-0093"\nas_of = 2026-11-23\n'
        "coverage_limit = { amount = 10000, currency = \"USD\" }\n"
    )
    assert problems == []
    assert record.get("as_of") == "2026-11-23"
    assert record.get("coverage_limit") == {"amount": 10000, "currency": "USD"}
    assert record.fields["order_number"].source.line == 2


def test_invalid_manifest_values_are_f005_and_left_out() -> None:
    record, problems = _manifest('claim = "refund"\nas_of = 2026-11-23\n[coverage_limit]\namount = -1\ncurrency = "USD"\n')
    assert record.get("claim") is None and record.get("coverage_limit") is None
    assert record.get("as_of") == "2026-11-23"
    assert len(problems) == 2 and all("claim.schema.json at $." in p for p in problems)


def test_broken_toml_is_one_f005(tmp_path: Path) -> None:
    record, problems = _manifest("claim = \n")
    assert record.fields == {} and len(problems) == 1 and "not valid TOML" in problems[0]
