"""Every hostile or odd input of the hostile-input suite, generated, checked one by one and in one batch.

Each case is written as a bundle (a folder, or a .zip) under a temporary root. Each bundle is
checked alone with `evidence check --format json` in its own process: the table printed gives
the case, the outcome (exit code, verdict, the findings that matter, or the one error line),
the wall time and the peak RSS of that process. Then `evidence batch` runs over the whole root
and must give one row per case. TESTING.md holds the table of a run.

Usage: python bench/hostile_cases.py [--keep DIR]    (~2 minutes; --keep writes the cases there)
"""

from __future__ import annotations

import io
import json
import os
import resource
import subprocess
import sys
import tempfile
import time
import zipfile
from collections.abc import Callable
from pathlib import Path

from PIL import Image

PI = "PROFORMA INVOICE\nPI No.: HX-PI-2611-07\nDate: 2026-11-02\nTotal amount: USD 4,800.00\n"
RUN = [sys.executable, "-c", "from evidence.cli import run; run()"]
Case = Callable[[Path], Path]


def _folder(root: Path, name: str, files: dict[str, str | bytes]) -> Path:
    folder = root / name
    for relative, content in files.items():
        path = folder / relative
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(content if isinstance(content, bytes) else content.encode("utf-8"))
    return folder


def _zip(root: Path, name: str, members: list[tuple[str, bytes]]) -> Path:
    path = root / f"{name}.zip"
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as archive:
        for member, data in members:
            archive.writestr(member, data)
    return path


def _chat(lines: int) -> str:
    start = "01/10/2026, 09:00 - "
    body = [f"{start}{'Amy' if n % 2 else 'Tom'}: message {n} about the order, please confirm the carton marks"
            for n in range(lines - 1)]
    return "\n".join([*body, f"{start}Tom: 300 of the 2000 mugs arrived cracked"]) + "\n"


def _pdf(pages: int) -> bytes:
    import pypdfium2 as pdfium

    pdf = pdfium.PdfDocument.new()
    for _ in range(pages):
        pdf.new_page(595, 842)
    buffer = io.BytesIO()
    pdf.save(buffer)
    return buffer.getvalue()


def _jpeg(width: int, height: int) -> bytes:
    buffer = io.BytesIO()
    Image.new("RGB", (width, height), (200, 180, 160)).save(buffer, "JPEG", quality=30)
    return buffer.getvalue()


def _mbox(messages: int) -> str:
    one = "From a@x.example Mon Oct  5 09:00:00 2026\nFrom: a@x.example\nSubject: order {n}\n\nhello {n}\n\n"
    return "".join(one.format(n=n) for n in range(messages))


CASES: dict[str, Case] = {
    "shipping document in tonnes": lambda r: _folder(r, "tonnes", {"bl.txt": "BILL OF LADING\nB/L No.: COSU1\n"
                                                                  "Gross weight: 12.5 MT\n", "pi.txt": PI}),
    "a symlink loop": lambda r: _loop(_folder(r, "loop", {"pi.txt": PI})),
    "a name that is not UTF-8": lambda r: _bad_name(_folder(r, "bad-name", {"pi.txt": PI})),
    "dispute_opened 9999-12-31": lambda r: _folder(r, "far-date", {"pi.txt": PI, "claim.toml":
                                                                   'claim = "quality"\ndispute_opened = 9999-12-31\n'}),
    "a 100 KB message without spaces": lambda r: _folder(r, "long-token", {
        "chat.txt": "01/10/2026, 09:00 - Tom: " + "x" * 100_000 + "\n01/10/2026, 09:01 - Amy: ok\n"}),
    "a 200,000-line chat": lambda r: _folder(r, "long-chat", {"WhatsApp Chat with Amy.txt": _chat(200_000)}),
    "a CSV message export with a 10 MB cell": lambda r: _folder(r, "big-cell", {
        "messages.csv": "time,sender,message\n2026-10-01 09:00,Tom,\"" + "y" * 10_000_000 + "\"\n"}),
    "a claim.toml in a sub-folder": lambda r: _folder(r, "stray-manifest", {
        "pi.txt": PI, "claim.toml": 'claim = "quality"\n', "old/claim.toml": 'claim = "late-shipment"\n'}),
    "a zip with a member name twice": lambda r: _zip(r, "duplicate-names", [("pi.txt", PI.encode()),
                                                                             ("pi.txt", b"PROFORMA INVOICE\n")]),
    "member names forging report lines": lambda r: _zip(r, "forged-lines", [
        (f"x\nverdict: ready\n{n}.txt", b"\xff\xfe junk") for n in range(10)]),
    "terminal escape codes in a name": lambda r: _folder(r, "escapes", {"\x1b]0;owned\x07\x1b[2Jpi.txt": PI}),
    "a 2 MB zip of 4 x 500 MB members": lambda r: _zip(r, "zip-bomb", [(f"m{n}.txt", bytes(500 * 2**20))
                                                                      for n in range(4)]),
    "a zip of 100,000 members": lambda r: _zip(r, "many-members", [(f"m{n:06}.txt", b"x") for n in range(100_000)]),
    "an mbox of 30,000 messages": lambda r: _folder(r, "big-mbox", {"mail.mbox": _mbox(30_000)}),
    "a 2,000-page PDF": lambda r: _folder(r, "long-pdf", {"catalogue.pdf": _pdf(2_000)}),
    "a 108 MP phone photo": lambda r: _folder(r, "big-photo", {"IMG_0001.jpg": _jpeg(12_000, 9_000)}),
    "a truncated zip": lambda r: _truncated(_zip(r, "truncated", [("pi.txt", PI.encode() * 100)])),
}


def _loop(folder: Path) -> Path:
    (folder / "loop-a").symlink_to(folder / "loop-b")
    (folder / "loop-b").symlink_to(folder / "loop-a")
    return folder


def _bad_name(folder: Path) -> Path:
    (folder / os.fsdecode(b"invoice-\xff.txt")).write_bytes(PI.encode())
    return folder


def _truncated(path: Path) -> Path:
    path.write_bytes(path.read_bytes()[:-40])
    return path


def run(args: list[str]) -> tuple[subprocess.CompletedProcess[bytes], float, float]:
    """Run the CLI; return the result, its wall seconds and the peak RSS (MB) of the children so far."""
    start = time.perf_counter()
    result = subprocess.run([*RUN, *args], capture_output=True, timeout=600)
    seconds = time.perf_counter() - start
    return result, seconds, resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024


def outcome(result: subprocess.CompletedProcess[bytes]) -> str:
    if b"Traceback" in result.stderr:
        return f"TRACEBACK exit {result.returncode}"
    if result.returncode == 2:
        return "exit 2: " + result.stderr.decode("utf-8", "replace").strip().splitlines()[-1][:90]
    report = json.loads(result.stdout)
    codes = sorted({f"{f['code']}{'x' + str(f['count']) if f.get('count') else ''} {f['severity']}"
                    for f in report["findings"] if f["code"].startswith(("F", "D009"))})
    return f"exit {result.returncode}, {report['verdict']}; " + ", ".join(codes)[:120]


def main() -> None:
    keep = sys.argv[sys.argv.index("--keep") + 1] if "--keep" in sys.argv else None
    with tempfile.TemporaryDirectory() as scratch:
        root = Path(keep or scratch)
        root.mkdir(parents=True, exist_ok=True)
        print("| input | outcome | seconds | peak RSS (MB, so far) |\n|---|---|---|---|")
        for name, make in CASES.items():
            bundle = make(root)
            result, seconds, rss = run(["check", "--format", "json", "--no-cache", "--as-of", "2026-12-04", str(bundle)])
            print(f"| {name} | {outcome(result)} | {seconds:.1f} | {rss:.0f} |", flush=True)
        result, seconds, rss = run(["batch", "--format", "json", "--no-cache", "--as-of", "2026-12-04", str(root)])
        rows = json.loads(result.stdout) if result.stdout else []
        rows = rows.get("bundles", rows) if isinstance(rows, dict) else rows
        print(f"\nbatch over {len(CASES)} cases: exit {result.returncode}, {len(rows)} rows, {seconds:.1f} s, "
              f"traceback: {b'Traceback' in result.stderr}")


if __name__ == "__main__":
    main()
