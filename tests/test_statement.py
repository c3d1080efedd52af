"""The dispute statement (`check --format markdown`): the buyer's case, never the buyer's weaknesses.

A hand-built report gives the exact output; each sample bundle's statement must hold
the agreed facts and what went wrong, and none of the gaps its checklist names.
"""

from __future__ import annotations

from datetime import date
from typing import Any

import pytest

from evidence.check import check_bundle
from evidence.facts import Fact
from evidence.findings import Finding
from evidence.kinds import CONTRACT, MESSAGE_LOG, PAYMENT_RECORD, PHOTO, SHIPPING_DOCUMENT
from evidence.records import INFERRED, LABELED, Document, Event, Record, Source
from evidence.report import Report
from evidence.writers.markdown import CHECKLIST_NOTE, report_to_markdown
from tests.conftest import SAMPLES

AS_OF = date(2026, 11, 23)


def _document(path: str, kind: str, **fields: Any) -> tuple[Document, Record]:
    doc = Document(path=path, sha256="0" * 64, size=1, filetype="pdf", reader="pdf")
    record = Record(kind=kind, path=path)
    for line, (name, value) in enumerate(fields.items(), start=1):
        record.set(name, value, Source(path, line=line), certainty=LABELED)
    return doc, record


def _fact(name: str, value: Any, path: str, certainty: str = LABELED, note: str = "") -> Fact:
    return Fact(name, value, [Source(path, line=1)], certainty=certainty, note=note)


def _late_report(shipped_on: str = "2026-09-04") -> Report:
    """A late-shipment order paid on the platform, with a deposit also sent by T/T to a person."""
    pairs = [
        _document("contract|v2.pdf", CONTRACT, document_number="SC-9", document_date="2026-07-20"),
        _document("bl.pdf", SHIPPING_DOCUMENT, document_number="BL-1", document_date=shipped_on,
                  document_type="bill_of_lading", shipped_on=shipped_on),
        _document("pay.pdf", PAYMENT_RECORD, document_number="TA-5", payment_date="2026-07-28", amount_paid=6000,
                  currency="USD", paid_to_platform=True, payment_method="platform"),
        _document("tt.pdf", PAYMENT_RECORD, document_number="TT-1", payment_date="2026-07-29", amount_paid=300,
                  currency="USD", paid_to_platform=False, payment_method="bank_transfer_direct",
                  beneficiary_name="WANG PERSONAL"),
        _document("chat.csv", MESSAGE_LOG, channel="platform", first_message="2026-07-20T10:00:00",
                  last_message="2026-09-03T09:00:00"),
        _document("p1.jpg", PHOTO, capture_date="2026-09-03", captured_at="2026-09-03T10:00:00"),
    ]
    chat = pairs[4][1]
    admitted = Source("chat.csv", line=7)
    chat.events = [
        Event("complaint", "buyer", "2026-09-02T08:00:00", "Where are the goods?", Source("chat.csv", line=6), "platform"),
        Event("supplier-admission", "supplier", "2026-09-03T09:00:00", "Sorry,\nthe delay is our fault.", admitted,
              "platform"),
    ]
    facts = {
        "order_number": _fact("order_number", "2400-1", "contract|v2.pdf"),
        "supplier_name": _fact("supplier_name", "ACME Ltd\n## verdict: ready", "contract|v2.pdf"),
        "currency": _fact("currency", "USD", "contract|v2.pdf"),
        "order_total": _fact("order_total", 6000, "contract|v2.pdf"),
        "payment_method": _fact("payment_method", "platform", "pay.pdf"),
        "ship_by": _fact("ship_by", "2026-09-01", "contract|v2.pdf", INFERRED, "from the line 'Shipment: 1 Sep'"),
        "shipped_on": _fact("shipped_on", shipped_on, "bl.pdf"),
    }
    findings = [
        Finding("E001", "off-platform-payment", "blocker", "tt.pdf: paid by T/T to WANG PERSONAL", "Pay on the platform.",
                (Source("tt.pdf", line=1),)),
        Finding("D005", "ship-date-vague", "major", 'contract: "ASAP"', "Get a fixed date.", (Source("contract|v2.pdf"),)),
        Finding("M006", "supplier-admission", "info", 'the supplier admits: "Sorry, the delay is our fault."',
                "Cite it.", (admitted,)),
    ]
    return Report("order", [d for d, _ in pairs], [r for _, r in pairs], facts, findings, "late-shipment", AS_OF)


def test_statement_exact() -> None:
    assert report_to_markdown(_late_report()) == """# Trade Assurance claim for order 2400-1: late shipment

The supplier did not ship the goods by the agreed date.

Statement prepared on 2026-11-23 from the documents listed under Evidence.

## What was ordered and agreed

- Trade Assurance order: 2400-1.
- Supplier: ACME Ltd\\n## verdict: ready.
- Order total: USD 6,000.00.
- Payment: through Alibaba.com Trade Assurance.
  - USD 6,000.00 on 2026-07-28 (payment record TA-5).
- Ship by: on or before 2026-09-01 (inferred: from the line 'Shipment: 1 Sep') (contract SC-9).

## What went wrong

- The goods were to ship on or before 2026-09-01.
- Bill of lading BL-1 shows them shipped on 2026-09-04: 3 days late.
- The buyer reported the problem to the supplier in the Alibaba.com Message Center on 2026-09-02 (`chat.csv`, line 6).
- The supplier admitted the fault on 2026-09-03 in the Alibaba.com Message Center (`chat.csv`, line 7): "Sorry, the delay is our fault."

## Key dates

- 2026-07-28: paid through Trade Assurance
- 2026-09-01: agreed ship-by date (inferred: from the line 'Shipment: 1 Sep')
- 2026-09-04: shipped on board

## Evidence

| document | number | date | file |
|---|---|---|---|
| Contract | SC-9 | 2026-07-20 | `contract\\|v2.pdf` |
| Payment record | TA-5 | 2026-07-28 | `pay.pdf` |
| Bill of lading | BL-1 | 2026-09-04 | `bl.pdf` |
| Messages |  | 2026-07-20 to 2026-09-03 | `chat.csv` |

Photos (1 photo):

| photo | taken |
|---|---|
| `p1.jpg` | 2026-09-03 |

""" + CHECKLIST_NOTE + "\n"


def test_statement_counts_one_day_late_in_words() -> None:
    assert "shipped on 2026-09-02: 1 day late." in report_to_markdown(_late_report("2026-09-02"))


def test_a_shipment_on_time_is_not_argued_as_late() -> None:
    statement = report_to_markdown(_late_report("2026-08-30"))
    assert "late." not in statement and "2026-08-30" not in statement and "bl.pdf" not in statement


def test_a_later_ship_date_the_buyer_agreed_is_the_one_in_force() -> None:
    report = _late_report("2026-09-20")
    chat = next(r for r in report.records if r.kind == MESSAGE_LOG)
    chat.set("agreed_ship_dates", [{"date": "2026-09-15", "actor": "buyer", "source": {"path": "chat.csv", "line": 5},
                                    "quote": "ok, ship by 15 Sep"}], Source("chat.csv", line=5), certainty=LABELED)
    statement = report_to_markdown(report)
    assert "the later date the buyer agreed in `chat.csv`, line 5 (the order said 2026-09-01)" in statement
    assert "shipped on 2026-09-20: 5 days late." in statement


def test_non_delivery_states_what_was_paid_and_that_nothing_shipped() -> None:
    report = _late_report()
    report.claim_type = "non-delivery"
    report.records = [r for r in report.records if r.kind != SHIPPING_DOCUMENT]
    report.documents = [d for d in report.documents if d.path != "bl.pdf"]
    del report.facts["shipped_on"]
    statement = report_to_markdown(report)
    assert "- The buyer paid USD 6,000.00 on 2026-07-28 through Trade Assurance (payment record TA-5)." in statement
    assert "shows that the goods were shipped or delivered" in statement


def test_the_statement_never_names_a_weakness() -> None:
    statement = report_to_markdown(_late_report())
    for weakness in ("T/T", "WANG", "tt.pdf", "TT-1", "300", "ASAP", "E001", "D005", "M006", "verdict: ", "blocked",
                     "Open gaps", "To do"):
        assert weakness not in statement.replace("verdict: ready", ""), weakness
    assert "\n## verdict" not in statement


# ---------------------------------------------------------------- the sample bundles


@pytest.fixture(scope="module")
def statements() -> dict[str, str]:
    names = ["strong-quality-claim", "weak-quality-claim", "off-platform-payment", "scanned-claim"]
    return {name: report_to_markdown(check_bundle(SAMPLES / name, as_of=AS_OF)) for name in names}


def test_strong_sample_states_the_agreement_and_the_failed_inspection(statements: dict[str, str]) -> None:
    text = statements["strong-quality-claim"]
    for said in (
        "# Trade Assurance claim for order 2381093617405528: product quality",
        "- Order total: USD 14,700.00, FOB Ningbo.",
        "- Quantity: 3,000 pcs",
        "- Payment: through Alibaba.com Trade Assurance.",
        "  - USD 14,700.00 on 2026-08-20 (payment record 2026082091847730125).",
        "- Ship by: on or before 2026-10-15 (contract HY-SC-260819, proforma invoice HY-PI-2026-0817)",
        "- Outer wall thickness: 0.50 mm ±0.05 mm (test: Micrometer at rim, 4 points)",
        "- Net weight (with lid): 320 g ±5 g",
        "AQL Critical 0 / Major 2.5 / Minor 4.0",
        "inspected the goods on 2026-11-10 (inspection report 2611-PDX-004387): result FAIL",
        "- Defects found in a sample of 125: 0 critical (0 allowed), 23 major (7 allowed), 6 minor (10 allowed).",
        "Outer wall 0.37-0.42 mm and net weight 281-289 g against contract 0.50 mm",
        "- The supplier admitted the fault on 2026-11-09 in the Alibaba.com Message Center",
        "it is our production mistake",
        "- The supplier promised on 2026-11-13",
        "- 2026-11-05: delivered",
        "| Inspection report | 2611-PDX-004387 | 2026-11-12 | `06_BV_inspection_report_2611-PDX-004387.pdf` |",
        "| `photos/IMG_4471.JPG` | 2026-11-06 |",
    ):
        assert said in text, said
    assert "Bureau Veritas (inferred: named in the letterhead or footer)" in text  # inferred: marked, never certain
    assert "claim.toml" not in text and "Claim manifest" not in text


def test_weak_sample_hides_the_discount_the_supplier_qc_and_the_subjective_wording(statements: dict[str, str]) -> None:
    text = statements["weak-quality-claim"]
    assert "- Order total: USD 14,000.00, FOB Xiamen" in text and "2390517784620931" in text
    assert "- 2026-10-18: delivered" in text and "- RY-M12 mug: Capacity: 350ml" in text
    lowered = text.lower()
    for weakness in ("discount", "5%", "settle", "qc", "pass", "inspect", "high quality", "premium", "good material",
                     "nice colour", "looks cheap", "9 x 8.5", "about 30 days", "window", "expired", "coverage",
                     "plates_stack.jpg", "img_20261012_153010.jpg"):
        assert weakness not in lowered, weakness


def test_off_platform_sample_argues_the_delay_and_never_the_payment(statements: dict[str, str]) -> None:
    text = statements["off-platform-payment"]
    for said in (
        "- Ship by: on or before 2026-09-08 (contract KES-PO-2608-112)",
        "- Bill of lading PCSZSML261009 shows them shipped on 2026-10-09: 31 days late.",
        "after the ship-by date (inspection report VT260922-0815): only 4,160 of 5,200 were presented.",
        "it is our fault, we did not order them in time",
        "- Quantity: 5,200 pcs",
    ):
        assert said in text, said
    lowered = text.lower()
    for weakness in ("t/t", "chen", "xiaoming", "hsbc", "bank", "off-platform", "outside the platform", "deposit",
                     "nab_imt", "imt2608040093517", ".eml", "payment", "coverage", "30,000", "5,000 pcs", "48,960",
                     "whatsapp", "pending"):
        assert weakness not in lowered, weakness


def test_scanned_sample_states_the_late_shipment_and_no_missing_inspection(statements: dict[str, str]) -> None:
    text = statements["scanned-claim"]
    assert "- Bill of lading TRNGB26101407 shows them shipped on 2026-10-14: 29 days late." in text
    assert "the delay is our fault" in text and "| Contract | TR-SC-260729 | 2026-07-29 | `contract/IMG_5831.JPG` |" in text
    assert "inspection report" not in text.lower()


@pytest.mark.parametrize("name", ["strong-quality-claim", "weak-quality-claim", "off-platform-payment", "scanned-claim"])
def test_no_statement_lists_findings_or_the_verdict(statements: dict[str, str], name: str) -> None:
    text = statements[name]
    assert text.endswith(CHECKLIST_NOTE + "\n")
    assert "Open gaps" not in text and "Verdict" not in text and "To do" not in text
    assert not any(f" {code} " in text for code in ("M006", "M007", "E001", "D001", "I001", "I002", "M004"))


def test_a_bundle_that_states_nothing_of_the_order_gets_no_empty_heading() -> None:
    photo = Document(path="carton.jpg", sha256="0" * 64, size=10, filetype="jpeg", reader="image")
    report = Report(bundle="b", documents=[photo], records=[Record(kind=PHOTO, path="carton.jpg")],
                    as_of=date(2026, 11, 23))
    lines = report_to_markdown(report).splitlines()
    headings = [i for i, line in enumerate(lines) if line.startswith("## ")]
    assert all(any(line.strip() for line in lines[i + 1:next((h for h in headings if h > i), len(lines))])
               for i in headings)
    assert "## What was ordered and agreed" not in lines and lines[-1] == CHECKLIST_NOTE
