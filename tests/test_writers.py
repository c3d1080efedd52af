"""Exact output of the text and Markdown writers on a small hand-built report."""

from __future__ import annotations

import ast
import json
from datetime import date
from pathlib import Path

from evidence.facts import Fact
from evidence.findings import Finding
from evidence.kinds import PROFORMA_INVOICE
from evidence.records import Document, Record, Source
from evidence.report import Report
from evidence.writers.json_report import report_to_json
from evidence.writers.markdown import report_to_markdown
from evidence.writers.text import report_to_text

WRITERS = Path(__file__).resolve().parents[1] / "evidence" / "writers"
#: What a writer may import from the package besides other writers: the report and what it holds, what
#: the summary card picks from it, the photos' thumbnails (read again from the report's bundle), and
#: the words for counts, and the facts a statement derives as the rules do (the ship-by date in force).
WRITER_IMPORTS = {"evidence.report", "evidence.records", "evidence.findings", "evidence.kinds",
                  "evidence.summary", "evidence.thumbnails", "evidence.wording", "evidence.facts"}


def _report() -> Report:
    pi = Document(path="pi.pdf", sha256="0" * 64, size=10, filetype="pdf", reader="pdf")
    record = Record(kind=PROFORMA_INVOICE, path="pi.pdf")
    record.set("document_number", "PI-7", Source("pi.pdf", page=1, line=3))
    facts = {"order_total": Fact("order_total", 6000, [Source("pi.pdf", page=1, line=9)],
                                 [{"value": 6200, "sources": [Source("contract.pdf", page=2, line=4)]}])}
    finding = Finding("D005", "ship-date-vague", "major", 'pi.pdf: the shipping date is only vague: "ASAP"',
                      "Get a fixed date in writing.", (Source("pi.pdf", page=1, line=12),))
    return Report("order-17", [pi], [record], facts, [finding], "late-shipment", date(2026, 11, 23),
                  {"delivery_date": "2026-11-01", "claim_window_closes": "2026-12-01", "days_left": 8})


def test_text_writer_exact() -> None:
    assert report_to_text(_report()) == """evidence check: order-17
claim: late-shipment, as of 2026-11-23, 1 file read

Documents
  proforma_invoice    pi.pdf  (PI-7)

Facts
  order_total         6000  [pi.pdf, p.1, line 9]
                      but 6200 in contract.pdf, p.2, line 4

MAJOR (1)
  D005 ship-date-vague: pi.pdf: the shipping date is only vague: "ASAP"
      at: pi.pdf, p.1, line 12
      do: Get a fixed date in writing.

claim window closes 2026-12-01 (8 days left)
verdict: weak
"""


def _repeated() -> Report:
    """A report with one code seen three times (two places in one chat, one e-mail) and another seen once."""
    report = _report()
    request = "Do not pay outside Trade Assurance."
    report.findings = [
        Finding("M003", "off-platform-payment-request", "major", f'the supplier asks in chat.txt, line {n}: "pay by T/T"',
                request, (Source("chat.txt", line=n),)) for n in (5, 8)
    ] + [
        Finding("M003", "off-platform-payment-request", "major", 'the supplier asks in mail.eml: "T/T please"',
                request, (Source("mail.eml", line=1),)),
        report.findings[0],
    ]
    return report


def test_text_writer_groups_a_repeated_code_and_prints_its_remedy_once() -> None:
    text = report_to_text(_repeated())
    assert text.count("Do not pay outside Trade Assurance.") == 1
    assert """MAJOR (4)
  M003 off-platform-payment-request (3 findings)
    - the supplier asks in chat.txt, line 5: "pay by T/T"
      at: chat.txt, line 5
    - the supplier asks in chat.txt, line 8: "pay by T/T"
      at: chat.txt, line 8
    - the supplier asks in mail.eml: "T/T please"
      at: mail.eml, line 1
    do: Do not pay outside Trade Assurance.
  D005 ship-date-vague: pi.pdf: the shipping date is only vague: "ASAP"
      at: pi.pdf, p.1, line 12
      do: Get a fixed date in writing.
""" in text


def test_text_writer_says_plurals_in_words() -> None:
    report = _report()
    report.deadlines = {"claim_window_closes": "2026-11-24", "days_left": 1}
    assert "(1 day left)" in report_to_text(report) and "1 file read" in report_to_text(report)
    report.deadlines = {"claim_window_closes": "2026-11-21", "days_left": -2}
    report.documents *= 2
    assert "(closed 2 days ago)" in report_to_text(report) and "2 files read" in report_to_text(report)
    assert "(s)" not in report_to_text(report)


def test_markdown_writer_exact() -> None:
    # The statement argues the claim: the vague ship date (D005) is the buyer's gap and is not in it,
    # nor is the verdict; the conflicting total stays in the checklist too.
    assert report_to_markdown(_report()) == """# Trade Assurance claim: late shipment

The supplier did not ship the goods by the agreed date.

Statement prepared on 2026-11-23 from the documents listed under Evidence.

## What was ordered and agreed

- Order total: 6,000.00.

## Evidence

| document | number | date | file |
|---|---|---|---|
| Proforma invoice | PI-7 |  | `pi.pdf` |

The buyer's own checklist (gaps and what to do) is in `evidence check` as text or HTML; it is not part of this statement.
"""


def test_html_writer_escapes_and_lists_everything() -> None:
    from evidence.writers.html import report_to_html

    report = _report()
    report.documents[0].path = "pi <draft>.pdf"
    page = report_to_html(report)
    assert page.startswith("<!DOCTYPE html>") and page.rstrip().endswith("</body></html>")
    assert "pi &lt;draft&gt;.pdf" in page and "<draft>" not in page
    assert '<li class="major"><b>D005 ship-date-vague</b> (major)' in page
    assert "but 6200 in contract.pdf, p.2, line 4" in page
    assert "<script" not in page


def test_text_writer_styles_only_the_severity_headings_and_the_verdict() -> None:
    styled = report_to_text(_report(), lambda text, colour: f"<{colour}>{text}</{colour}>")
    plain = report_to_text(_report())
    assert styled == plain.replace("MAJOR (1)", "<yellow>MAJOR (1)</yellow>").replace(
        "verdict: weak", "<yellow>verdict: weak</yellow>")


def test_json_writer_writes_the_reports_own_dict() -> None:
    report = _report()
    text = report_to_json(report)
    assert json.loads(text) == report.to_dict()
    assert list(json.loads(text))[:3] == ["schema_version", "tool_version", "bundle"]


def test_writers_import_only_the_report_layer() -> None:
    for path in WRITERS.glob("*.py"):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            names = [a.name for a in node.names] if isinstance(node, ast.Import) else []
            if isinstance(node, ast.ImportFrom):
                names = [node.module or ""]
            for name in names:
                ours = name == "evidence" or name.startswith("evidence.")
                assert not ours or name in WRITER_IMPORTS or name.startswith("evidence.writers."), (path.name, name)
                assert name.split(".")[0] != "click", path.name


def test_clipped_keeps_a_short_text_and_cuts_a_long_one_on_one_line_with_an_ellipsis() -> None:
    from evidence.wording import clipped

    assert clipped("a  b\nc", 10) == "a b c"
    assert clipped("word " * 10, 12) == "word word w…"
    assert clipped("word " * 10, 11) == "word word…"  # no blank before the ellipsis
    assert len(clipped("x" * 300, 200)) == 200
