"""Hostile input reaching the output (issue 12): names and text that try to write lines or escape
codes of their own, names that are not UTF-8, reports of tens of thousands of findings, and the
command stopped from outside (a closed pipe, a full disk, Ctrl-C).

Every fixture is generated here. The subprocess tests run the console script's own entry point
(`evidence.cli.run`), the way a shell runs `evidence`.
"""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import time
import zipfile
from datetime import date
from pathlib import Path

import pytest
from click.testing import CliRunner

from evidence.bundle import Limits
from evidence.check import check_bundle
from evidence.cli import main
from evidence.facts import Fact
from evidence.findings import GROUP_LIMIT, GROUP_SOURCES, Finding, grouped
from evidence.records import Document, Record, Source
from evidence.report import BatchRow, Report
from evidence.schemas import validate
from evidence.writers import BATCH_WRITERS, REPORT_WRITERS
from evidence.writers.safe import json_text, shown
from evidence.writers.style import PLACES_SHOWN

ROOT = Path(__file__).resolve().parents[1]
RUN = "from evidence.cli import run; run()"
HOSTILE_NAME = "a\nverdict: ready\n\x1b]0;pwned\x07\x1b[31mred\x9b2J\x7f\u202etxt.pdf"
#: What no line of a report for people may hold: C0 controls but tab, DEL, C1 controls, surrogates.
RAW_CONTROLS = [chr(c) for c in [*range(9), *range(11, 32), *range(0x7F, 0xA0)]]


def _hostile_zip(tmp_path: Path) -> Path:
    bundle = tmp_path / "order.zip"
    with zipfile.ZipFile(bundle, "w") as archive:
        for number in range(10):
            archive.writestr(f"{number}{HOSTILE_NAME}", b"%PDF-1.4 not really")
        archive.writestr("chat.txt", "2026-10-01 10:00 Supplier: hello\x1b[2J\x1b]8;;http://x\x07 there\n")
        # A readable PI under the hostile name: the dispute statement cites it (it lists no unreadable file).
        archive.writestr(f"pi {HOSTILE_NAME}", "PROFORMA INVOICE No. PI-9\nTotal: USD 100\n")
    return bundle


def _clean(text: str) -> bool:
    return not any(char in text for char in RAW_CONTROLS) and not any(0xD800 <= ord(c) <= 0xDFFF for c in text)


def _evidence(*args: str, **kwargs: object) -> subprocess.CompletedProcess[bytes]:
    env = dict(os.environ, PYTHONPATH=str(ROOT))
    return subprocess.run([sys.executable, "-c", RUN, *args], check=False, env=env, cwd=ROOT, **kwargs)  # type: ignore[call-overload]


def _one_error_line(stderr: bytes) -> str:
    text = stderr.decode("utf-8")
    assert "Traceback" not in text and "Exception ignored" not in text, text
    lines = text.splitlines()
    assert len(lines) == 1 and lines[0].startswith("evidence: error: "), text
    return lines[0]


# ---------------------------------------------------------------- safe text


def test_shown_escapes_controls_and_keeps_text() -> None:
    assert shown("a\nb\rc\td") == "a\\nb\\rc\\td"
    assert shown("x\x1b[31my\x07\x00\x7f") == "x\\x1b[31my\\x07\\x00\\x7f"
    assert shown("csi\x9b2J nel\x85") == "csi\\u009b2J nel\\u0085"
    assert shown("evil\u202etxt.exe line\u2028sep") == "evil\\u202etxt.exe line\\u2028sep"
    assert shown(os.fsdecode(b"bad\xff\xfe.pdf")) == "bad\\xff\\xfe.pdf"
    assert shown("col1\tcol2", tabs=True) == "col1\tcol2"
    assert shown("Order 订单 No. 7 — 5 kg, C:\\files") == "Order 订单 No. 7 — 5 kg, C:\\files"


def test_json_text_is_valid_utf8_whatever_the_strings() -> None:
    data = {"path": os.fsdecode(b"bad\xff.pdf"), "text": "a\nb\x1b[31m\x9b\u2028", "lone": "\ud800"}
    text = json_text(data)
    text.encode("utf-8")  # no lone surrogate left
    back = json.loads(text)
    assert back["path"] == "bad\\xff.pdf"
    assert back["text"] == "a\nb\x1b[31m\x9b\u2028"  # control characters survive as JSON escapes
    assert "\x1b" not in text and "\x9b" not in text and "\u2028" not in text


@pytest.mark.parametrize("output_format", ["text", "markdown", "html"])
def test_a_member_name_cannot_write_lines_into_a_report(tmp_path: Path, output_format: str) -> None:
    result = CliRunner().invoke(main, ["check", str(_hostile_zip(tmp_path)), "--format", output_format, "--no-cache"])
    assert result.exit_code == 1, result.output
    assert _clean(result.output)
    lines = result.output.splitlines()
    assert not any(line.strip() in ("verdict: ready", "ready") for line in lines)
    assert "verdict: ready\\n\\x1b]0;pwned\\x07" in result.output
    if output_format == "text":
        assert [line for line in lines if line.startswith("verdict:")] == ["verdict: blocked"]


def test_the_json_report_keeps_the_name_and_stays_one_json_document(tmp_path: Path) -> None:
    result = CliRunner().invoke(main, ["check", str(_hostile_zip(tmp_path)), "--format", "json", "--no-cache"])
    report = json.loads(result.stdout_bytes.decode("utf-8"))
    assert report["verdict"] == "blocked"
    assert f"0{HOSTILE_NAME}" in [doc["path"] for doc in report["documents"]]
    assert "\x1b" not in result.output and "\x9b" not in result.output
    assert validate(report, "report") == []


def _bundle_with_a_name_not_utf8(tmp_path: Path) -> Path:
    """A bundle holding one PI whose file name has bytes that are not UTF-8 (skips where the file system refuses)."""
    bundle = tmp_path / "order"
    bundle.mkdir()
    try:
        (bundle / os.fsdecode(b"invoice-\xff\xfe.txt")).write_bytes(b"PROFORMA INVOICE No. PI-9\nTotal: USD 100\n")
    except (OSError, UnicodeEncodeError):
        pytest.skip("this file system refuses names that are not UTF-8")
    return bundle


def test_a_name_that_is_not_utf8_is_shown_escaped(tmp_path: Path) -> None:
    bundle = _bundle_with_a_name_not_utf8(tmp_path)
    for output_format in ("text", "markdown", "html"):
        result = CliRunner().invoke(main, ["check", str(bundle), "--format", output_format, "--no-cache"])
        assert "internal error" not in result.output, result.output
        assert "invoice-\\xff\\xfe.txt" in result.output and _clean(result.output)
    result = CliRunner().invoke(main, ["check", str(bundle), "--format", "json", "--no-cache"])
    report = json.loads(result.stdout_bytes.decode("utf-8"))  # strict UTF-8: no raw byte, no lone surrogate
    assert [doc["path"] for doc in report["documents"]] == ["invoice-\\xff\\xfe.txt"]


def test_extracted_text_reaches_the_report_escaped() -> None:
    doc = Document(path="pi\n.pdf", sha256="0" * 64, size=1, filetype="pdf", reader="pdf")
    record = Record(kind="proforma_invoice", path="pi\n.pdf")
    record.set("document_number", "PI-1\x1b[8m", Source("pi\n.pdf", page=1, line=1))
    facts = {"supplier_name": Fact("supplier_name", "ACME\r\nverdict: ready", [Source("pi\n.pdf", line=2)])}
    finding = Finding("E003", "no-platform-order", "major", "no order in pi\n.pdf", "Add it\x1b[0m.",
                      (Source("pi\n.pdf"),))
    report = Report("b\x1b", [doc], [record], facts, [finding], "quality", date(2026, 11, 23))
    for name, writer in REPORT_WRITERS.items():
        text = writer(report, None)
        assert _clean(text.replace("\n", "")), name
        if name != "json":
            assert not any(line.endswith("verdict: ready") for line in text.splitlines()), name
    assert "ACME\\r\\nverdict: ready" in REPORT_WRITERS["text"](report, None)


def test_evidence_extract_escapes_the_documents_text(tmp_path: Path) -> None:
    path = tmp_path / "chat.txt"
    path.write_text("2026-10-01 10:00 Supplier: pay now\x1b]52;c;ZXZpbA==\x07\x1b[2J\n", encoding="utf-8")
    result = CliRunner().invoke(main, ["extract", str(path)])
    assert result.exit_code == 0 and _clean(result.output)
    assert "\\x1b]52;c;ZXZpbA==\\x07" in result.output


def test_batch_rows_are_one_line_each() -> None:
    rows = [BatchRow("orders/x\nready", "error", error="cannot open\n\x1b[31mx"),
            BatchRow(os.fsdecode(b"orders/\xff.zip"), "weak", major=1, top_finding="E003 no order in a\x1b.pdf")]
    for name, writer in BATCH_WRITERS.items():
        text = writer(rows)
        text.encode("utf-8")
        assert _clean(text.replace("\n", "")), name
        if name in ("text", "csv"):
            assert len(text.splitlines()) == {"text": 5, "csv": 3}[name], text
    assert json.loads(BATCH_WRITERS["json"](rows))["bundles"][1]["bundle"] == "orders/\\xff.zip"


def test_batch_of_hostile_bundles(tmp_path: Path) -> None:
    folder = tmp_path / "orders"
    folder.mkdir()
    _hostile_zip(folder)
    (folder / "bad\nname.zip").write_bytes(b"not a zip")
    for output_format in ("text", "csv"):
        result = CliRunner().invoke(main, ["batch", str(folder), "--format", output_format, "--no-cache"])
        assert result.exit_code == 1 and _clean(result.output)
        assert "bad\\nname.zip" in result.output


# ---------------------------------------------------------------- grouped findings


def _f001(number: int, severity: str = "major") -> Finding:
    path = f"big.zip/m{number:06d}.txt"
    return Finding("F001", "unreadable-file", severity, f"{path} the archive has more than 5000 files; "
                   "the rest were not read", "Remove them.", (Source(path),))


def test_many_findings_of_one_cause_become_one_with_a_count() -> None:
    other = Finding("E003", "no-platform-order", "major", "no order number", "Add it.", (Source("a.pdf"),))
    findings = [other, *(_f001(n) for n in range(1000)), *(_f001(n, "info") for n in range(1000, 1005))]
    out = grouped(findings)
    assert out[0] is other and len(out) == 2
    group = out[1]
    assert group.count == 1005 and group.severity == "major" and group.code == "F001"
    assert len(group.sources) == GROUP_SOURCES and group.sources[0] == Source("big.zip/m000000.txt")
    assert group.message.startswith("1,005 files: big.zip/m000000.txt the archive has more than 5000 files")
    assert "m000001.txt; big.zip/m000002.txt; big.zip/m000003.txt and 1,001 more" in group.message
    assert group.to_dict()["count"] == 1005


def test_few_findings_and_different_causes_are_left_alone() -> None:
    few = [_f001(n) for n in range(GROUP_LIMIT)]
    assert grouped(few) == few
    mixed = [*few, *(Finding("F001", "unreadable-file", "major", f"x{n}.pdf is encrypted", "r", (Source(f"x{n}.pdf"),))
                     for n in range(GROUP_LIMIT))]
    assert grouped(mixed) == mixed
    assert "count" not in few[0].to_dict()


def test_findings_on_many_lines_of_one_file_are_places() -> None:
    findings = [Finding("F001", "unreadable-file", "major",
                        f"mail.mbox: the e-mail at line {n * 11 + 1} is encrypted (application/pkcs7-mime)", "r",
                        (Source("mail.mbox", line=n * 11 + 1),)) for n in range(30)]
    [group] = grouped(findings)
    assert group.count == 30 and group.message.startswith("30 places: mail.mbox: the e-mail at line 1 is encrypted")
    assert "(and the same at mail.mbox, line 12; mail.mbox, line 23; mail.mbox, line 34 and 26 more)" in group.message


def test_an_oversized_zip_gives_one_grouped_finding(tmp_path: Path) -> None:
    bundle = tmp_path / "big.zip"
    with zipfile.ZipFile(bundle, "w") as archive:
        for number in range(60):
            archive.writestr(f"m{number:03d}.txt", f"note {number}\n")
    report = check_bundle(bundle, as_of=date(2026, 11, 23), select=["F001"], limits=Limits(max_files=5))
    [finding] = report.findings
    assert finding.count == 55 and finding.message.startswith("55 files: m005.txt the archive has more than 5 files")
    data = json.loads(REPORT_WRITERS["json"](report, None))
    assert data["findings"][0]["count"] == 55 and validate(data, "report") == []
    text = REPORT_WRITERS["text"](report, None)
    assert "... (55 in all)" in text and text.count("m0") < PLACES_SHOWN + 10


def test_the_report_schema_wants_a_count_of_two_or_more() -> None:
    finding = {"code": "F001", "name": "unreadable-file", "severity": "major", "message": "m", "count": 1,
               "sources": [{"path": "a"}], "remedy": "r", "rests_on": []}
    report = {"schema_version": "1", "tool_version": "0", "bundle": "b", "claim_type": "quality",
              "as_of": "2026-11-23", "verdict": "weak", "documents": [], "facts": {}, "findings": [finding],
              "deadlines": {}, "timeline": []}
    assert [e.path for e in validate(report, "report")] == ["$.findings[0].count"]
    finding["count"] = 2
    assert validate(report, "report") == []


# ---------------------------------------------------------------- --coverage-limit


@pytest.mark.parametrize("written", ["EUR 1e3", "EUR 1E3", "USD 1.5e4", "USD 12abc", "USD 20000 30", "lots"])
def test_a_malformed_coverage_limit_is_one_error_line(tmp_path: Path, written: str) -> None:
    result = CliRunner().invoke(main, ["check", str(tmp_path), "--coverage-limit", written])
    assert result.exit_code == 2
    assert result.output.count("\n") == 1 and "--coverage-limit" in result.output
    assert ("1000, not 1e3" in result.output) == ("e" in written.lower().replace("lots", ""))


@pytest.mark.parametrize(("written", "amount", "currency"), [
    ("EUR 1000", 1000, "EUR"), ("USD 20,000", 20000, "USD"), ("1,000.50 USD", 1000.5, "USD"), ("$ 500", 500, "USD"),
])
def test_a_well_formed_coverage_limit_is_read_whole(tmp_path: Path, written: str, amount: float, currency: str) -> None:
    (tmp_path / "note.txt").write_text("hello\n", encoding="utf-8")
    result = CliRunner().invoke(main, ["check", str(tmp_path), "--format", "json", "--coverage-limit", written,
                                       "--no-cache"])
    assert json.loads(result.output)["facts"]["coverage_limit"]["value"] == {"amount": amount, "currency": currency}


# ---------------------------------------------------------------- the command stopped from outside


def test_a_closed_pipe_is_one_line_and_exit_2(tmp_path: Path) -> None:
    bundle = str(_hostile_zip(tmp_path))
    for args in (["check", bundle, "--no-cache"], ["check", bundle, "--format", "json", "--no-cache"], ["rules"]):
        reader, writer = os.pipe()
        os.close(reader)  # `| head -1` that has already gone: every write fails
        try:
            result = _evidence(*args, stdout=writer, stderr=subprocess.PIPE)
        finally:
            os.close(writer)
        assert result.returncode == 2
        assert "broken pipe" in _one_error_line(result.stderr)


def test_a_closed_stdout_is_one_line_and_exit_2(tmp_path: Path) -> None:
    env = dict(os.environ, PYTHONPATH=str(ROOT))
    result = subprocess.run(["sh", "-c", 'exec "$0" -c "$1" check "$2" --no-cache >&-', sys.executable, RUN,
                             str(_hostile_zip(tmp_path))], check=False, env=env, cwd=ROOT, stderr=subprocess.PIPE)
    assert result.returncode == 2
    assert "standard output is closed" in _one_error_line(result.stderr)


@pytest.mark.skipif(not os.path.exists("/dev/full"), reason="needs /dev/full")
def test_a_full_disk_is_one_line_and_exit_2(tmp_path: Path) -> None:
    bundle = str(_hostile_zip(tmp_path))
    result = _evidence("check", bundle, "--no-cache", "--output", "/dev/full", stderr=subprocess.PIPE)
    assert result.returncode == 2
    assert "cannot write /dev/full: No space left on device" in _one_error_line(result.stderr)
    with open("/dev/full", "wb") as full:
        result = _evidence("check", bundle, "--no-cache", "--format", "json", stdout=full, stderr=subprocess.PIPE)
    assert result.returncode == 2
    assert "No space left on device" in _one_error_line(result.stderr)


def test_output_into_a_missing_folder_is_one_line(tmp_path: Path) -> None:
    target = tmp_path / "no" / "such" / "report.md"
    result = CliRunner().invoke(main, ["check", str(_hostile_zip(tmp_path)), "--output", str(target), "--no-cache"])
    assert result.exit_code == 2
    assert result.output == f"evidence: error: cannot write {target}: No such file or directory\n"


#: Runs the console script with file reading replaced by a hang that first leaves a marker
#: (its pid, and its parent's) in $MARKERS: the test knows the work has started without timing it.
_HANGING_READER = """
import os, time
import evidence.ingest, evidence.isolation
def hang(file):
    with open(os.path.join(os.environ["MARKERS"], str(os.getpid())), "w") as marker:
        marker.write(str(os.getppid()))
    while True:
        time.sleep(60)
evidence.ingest.read_file = evidence.isolation.read_file = hang
from evidence.cli import run
run()
"""


def _running(pid: int) -> bool:
    try:
        with open(f"/proc/{pid}/stat", encoding="ascii") as stat:
            return stat.read().rsplit(")", 1)[1].split()[0] != "Z"
    except FileNotFoundError:
        return False


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="reads /proc and forks")
@pytest.mark.parametrize(("args", "hanging"), [
    (["check", "{orders}/b0", "--no-cache"], 1),  # the file is read in a reader child
    (["check", "{orders}/b0", "--no-cache", "--page-timeout", "0"], 1),  # read in-process
    (["batch", "{orders}", "--workers", "2", "--no-cache", "--page-timeout", "1000"], 2),  # workers' reader children
    (["batch", "{orders}", "--workers", "2", "--no-cache", "--page-timeout", "0"], 2),  # in the workers
])
def test_ctrl_c_is_one_line_exit_130_and_leaves_no_process(tmp_path: Path, args: list[str], hanging: int) -> None:
    orders, markers = tmp_path / "orders", tmp_path / "markers"
    markers.mkdir()
    for number in range(4):
        (orders / f"b{number}").mkdir(parents=True)
        (orders / f"b{number}" / "note.txt").write_text(f"order {number}\n", encoding="utf-8")
    env = dict(os.environ, PYTHONPATH=str(ROOT), MARKERS=str(markers))
    command = [sys.executable, "-c", _HANGING_READER, *(a.format(orders=orders) for a in args)]
    # As from a terminal's shell: Ctrl-C acts by default even where this test runs with it ignored
    # (a background job of a non-interactive shell inherits SIGINT ignored).
    process = subprocess.Popen(command, env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                               start_new_session=True,
                               preexec_fn=lambda: signal.signal(signal.SIGINT, signal.SIG_DFL))
    try:
        while len(os.listdir(markers)) < hanging:  # wait for the work to start (no time is asserted)
            assert process.poll() is None, process.communicate()
            time.sleep(0.05)
        os.killpg(process.pid, signal.SIGINT)  # Ctrl-C: the terminal signals every process of the command
        _, stderr = process.communicate(timeout=120)
    finally:
        if process.poll() is None:
            os.killpg(process.pid, signal.SIGKILL)
    assert process.returncode == 130
    assert _one_error_line(stderr) == "evidence: error: interrupted"
    started = {int(name) for name in os.listdir(markers)}
    started |= {int((markers / name).read_text()) for name in os.listdir(markers)}
    assert not [pid for pid in started - {process.pid, os.getpid()} if _running(pid)]


def test_a_terminal_that_cannot_show_chinese_gets_escapes_not_a_crash(tmp_path: Path) -> None:
    (tmp_path / "发票.txt").write_text("形式发票 PROFORMA INVOICE No. PI-8\n", encoding="utf-8")
    env = dict(os.environ, PYTHONPATH=str(ROOT), PYTHONIOENCODING="latin-1")
    result = subprocess.run([sys.executable, "-c", RUN, "check", str(tmp_path), "--no-cache"], check=False, env=env,
                            cwd=ROOT, capture_output=True)
    assert result.returncode == 1 and b"Traceback" not in result.stderr
    assert "\\u53d1\\u7968.txt" in result.stdout.decode("latin-1")


def test_a_name_that_is_not_utf8_is_cached_and_read_back(tmp_path: Path) -> None:
    bundle = _bundle_with_a_name_not_utf8(tmp_path)
    env = {"EVIDENCE_CACHE_DIR": str(tmp_path / "cache")}
    cold = CliRunner(env=env).invoke(main, ["check", str(bundle), "--format", "json"])
    warm = CliRunner(env=env).invoke(main, ["check", str(bundle), "--format", "json"])
    assert "internal error" not in cold.output + warm.output, cold.output
    assert cold.stdout_bytes == warm.stdout_bytes
    assert json.loads(warm.stdout_bytes.decode("utf-8"))["documents"][0]["path"] == "invoice-\\xff\\xfe.txt"
