"""A finding is only as strong as its evidence: certainty from values to facts, findings and reports."""

from __future__ import annotations

from datetime import date

from evidence.facts import records_to_facts
from evidence.findings import Finding, at_severity
from evidence.records import GUESSED, INFERRED, LABELED, Basis, Document, Record, Source
from evidence.report import Report
from evidence.schemas import validate
from evidence.writers.text import report_to_text

PI, CONTRACT = Source("pi.pdf", page=1, line=4), Source("contract.pdf", page=1, line=9)


def _finding(*basis: Basis, severity: str = "blocker") -> Finding:
    return Finding("E002", "personal-beneficiary", severity, "the payment went to LI MING", "Stop paying.",
                   (PI,), basis)


def test_a_blocker_on_labeled_values_stays_a_blocker() -> None:
    found = at_severity(_finding(Basis("beneficiary_name", "LI MING", PI, LABELED, 'under "Beneficiary"')), "blocker")
    assert found.severity == "blocker" and found.message == "the payment went to LI MING"


def test_a_blocker_on_an_inferred_value_is_info_that_says_what_to_check() -> None:
    basis = Basis("beneficiary_name", "LI MING", PI, INFERRED, "from the signature line")
    found = at_severity(_finding(basis), "blocker")
    assert found.severity == "info"
    assert found.message.startswith("not verified (the beneficiary name was inferred (from the signature line))")
    assert "the payment went to LI MING" in found.message
    assert found.remedy.startswith("Check the beneficiary name by hand in pi.pdf, p.1, line 4")
    assert found.rests_on == (basis,)


def test_the_pipeline_severity_decides_before_certainty() -> None:
    guessed = Basis("delivery_date", "2026-03-11", PI, GUESSED, "day/month order guessed")
    assert at_severity(_finding(guessed, severity="major"), "minor").severity == "minor"  # a minor accuses no one
    assert at_severity(_finding(guessed), "major").severity == "info"


def test_agreeing_documents_confirm_a_value_and_a_worked_out_date_is_as_sure_as_its_inputs() -> None:
    pi, contract = Record("proforma_invoice", "pi.pdf"), Record("contract", "contract.pdf")
    pi.set("order_total", 6000, PI, "Total: 6,000.00", INFERRED, "sum of the line items")
    contract.set("order_total", 6000, CONTRACT, "Total amount: USD 6,000.00", LABELED, 'under "Total amount"')
    contract.set("lead_time", {"days": 35, "anchor": "deposit"}, CONTRACT, "35 days after deposit", LABELED)
    payment = Record("payment_record", "slip.pdf")
    payment.set("payment_date", "2026-07-05", Source("slip.pdf", line=3), "05/07/2026", GUESSED, "day/month order guessed")
    facts = records_to_facts([pi, contract, payment])
    assert facts["order_total"].certainty == LABELED
    assert facts["ship_by"].value == "2026-08-09" and facts["ship_by"].certainty == GUESSED


def test_the_json_report_carries_rests_on_and_fact_certainty() -> None:
    record = Record("proforma_invoice", "pi.pdf")
    record.set("supplier_name", "Acme Houseware Co., Ltd.", PI, "ACME HOUSEWARE CO., LTD.", INFERRED, "from the letterhead")
    doc = Document("pi.pdf", "0" * 64, 1, "pdf", "pdf")
    basis = Basis("supplier_name", "Acme Houseware Co., Ltd.", PI, INFERRED, "from the letterhead")
    report = Report("order", [doc], [record], records_to_facts([record]), [at_severity(_finding(basis), "blocker")],
                    as_of=date(2026, 11, 23))
    data = report.to_dict()
    assert validate(data, "report") == []
    assert data["facts"]["supplier_name"]["certainty"] == "inferred"
    assert data["findings"][0]["rests_on"] == [{"name": "supplier_name", "value": "Acme Houseware Co., Ltd.",
                                               "source": {"path": "pi.pdf", "page": 1, "line": 4},
                                               "certainty": "inferred", "note": "from the letterhead"}]
    text = report_to_text(report)
    assert "Acme Houseware Co., Ltd. (inferred: from the letterhead)" in text
    assert "rests on: supplier name Acme Houseware Co., Ltd. (inferred: from the letterhead)" in text


def test_a_message_names_two_unsure_values_and_counts_the_rest() -> None:
    names = [Basis("supplier_name", f"Name {n}", PI, INFERRED, f"from layout {n}") for n in range(4)]
    found = at_severity(_finding(*names, names[0]), "major")
    assert "from layout 0" in found.message and "from layout 1" in found.message
    assert "from layout 2" not in found.message and "; and 2 more)" in found.message
    assert len(found.rests_on) == 5  # the report still lists every value
