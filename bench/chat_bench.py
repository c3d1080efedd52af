"""Seconds and peak memory of `evidence check` on long chats and one very long message.

    python bench/chat_bench.py [--sizes 10000,100000,1000000] [--runs 3] [--message-kb 100]

Each case is a bundle generated in a temporary folder: a WhatsApp export of N
lines (a realistic buyer-supplier exchange repeated, with proposals, bare 'ok'
replies, complaints and promises, one minute apart) or a WhatsApp export with
one message of K kilobytes without a space. Each check runs in a fresh
interpreter (`evidence check` as the command line runs it, default budget), so
the peak RSS is that run's own (the process and any reading child); the chats
are written by a process of their own too, since a forked process starts with
its parent's peak RSS and a million lines held here would count in every run. A figure is
the median of --runs runs; cases that take over 60 s run once. Each size after
the first also shows its time as a multiple of the size before: a check linear
in the chat's length shows the ratio of the sizes (10 for ten times the lines).
"""

from __future__ import annotations

import argparse
import json
import os
import resource
import signal
import statistics
import subprocess
import sys
import tempfile
import time
from datetime import datetime, timedelta
from pathlib import Path

#: One round of the conversation: (sender, text). Repeated to the asked length.
ROUND = [
    ("Grace Lin Ruiyang", "Hello Tom, PI RY-20260720-03 attached, please check"),
    ("Tom Hartwell", "Looks ok. Colour same as the sample you showed on the video call?"),
    ("Grace Lin Ruiyang", "Yes same ocean blue, high quality don't worry"),
    ("Tom Hartwell", "When can you ship?"),
    ("Grace Lin Ruiyang", "We will ship by 10 Oct, production starts Sep 8"),
    ("Tom Hartwell", "Paid on Alibaba with card just now"),
    ("Grace Lin Ruiyang", "Goods shipped yesterday, B/L attached"),
    ("Tom Hartwell", "Honestly the colour looks cheap, not like the sample. 40 of the 500 plates are cracked."),
    ("Grace Lin Ruiyang", "Sorry for the late reply, we were very busy with the Canton Fair."),
    ("Grace Lin Ruiyang", "We can give 5% discount for this order, USD 700, refund to your Alibaba account."),
    ("Tom Hartwell", "ok"),
    ("Grace Lin Ruiyang", "Can we ship on Nov 5 instead?"),
    ("Tom Hartwell", "ok, thanks"),
    ("Grace Lin Ruiyang", "Please pay the balance to my boss's personal account, not Alibaba"),
    ("Tom Hartwell", "No, we only pay through Alibaba"),
    ("Grace Lin Ruiyang", "好的，我们下周安排退款"),
]


def chat_lines(count: int, start: datetime = datetime(2026, 7, 20, 9, 0)) -> list[str]:
    """Return `count` lines of an Android WhatsApp export, one message a line, a minute apart."""
    lines = []
    for index in range(count):
        sender, text = ROUND[index % len(ROUND)]
        when = start + timedelta(minutes=index)
        lines.append(f"{when:%d/%m/%Y, %H:%M} - {sender}: {text}")
    return lines


def long_message_lines(kilobytes: int) -> list[str]:
    """Return a short WhatsApp export whose middle message is `kilobytes` KB without a space."""
    token = ("ab1" * (kilobytes * 1024 // 3 + 1))[: kilobytes * 1024]
    return [
        "20/07/2026, 09:41 - Grace Lin Ruiyang: Hello Tom, PI RY-20260720-03 attached, please check",
        f"20/07/2026, 09:42 - Tom Hartwell: {token}",
        "20/07/2026, 09:43 - Grace Lin Ruiyang: We will ship by 10 Oct",
    ]


def write_bundle(folder: Path, lines: list[str]) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    (folder / "claim.toml").write_text('claim = "quality"\nas_of = 2026-11-23\n', encoding="utf-8")
    (folder / "WhatsApp Chat with Grace Lin Ruiyang.txt").write_text("\n".join(lines) + "\n", encoding="utf-8")
    return folder


def one(folder: str) -> None:
    """Run `evidence check` on `folder` in this process; print seconds and peak RSS (MB) as JSON."""
    from evidence.cli import run

    sys.argv = ["evidence", "check", folder, "--no-cache", "--format", "json"]
    started = time.perf_counter()
    try:
        run()
    except SystemExit:
        pass
    seconds = time.perf_counter() - started
    peak_kb = max(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss, resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss)
    print(json.dumps({"seconds": seconds, "rss_mb": peak_kb / 1024}), file=sys.stderr)


def measure(folder: Path, runs: int, timeout: float) -> tuple[float, float, int]:
    """Return (median seconds, peak RSS MB, runs done); a run over `timeout` s counts as that."""
    seconds, peaks = [], []
    for _ in range(runs):
        # A session of its own, so that a run over `timeout` is stopped with its reading child.
        child = subprocess.Popen([sys.executable, __file__, "--one", str(folder)], stdout=subprocess.DEVNULL,
                                 stderr=subprocess.PIPE, text=True, start_new_session=True)
        try:
            _, err = child.communicate(timeout=timeout)
        except subprocess.TimeoutExpired:
            os.killpg(child.pid, signal.SIGKILL)
            child.communicate()
            return timeout, float("nan"), len(seconds) + 1
        figures = json.loads(err.strip().splitlines()[-1])
        seconds.append(figures["seconds"])
        peaks.append(figures["rss_mb"])
        if figures["seconds"] > 60:
            break
    return statistics.median(seconds), max(peaks), len(seconds)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", default="10000,100000,1000000")
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--message-kb", type=int, default=100)
    parser.add_argument("--timeout", type=float, default=600)
    parser.add_argument("--one", help=argparse.SUPPRESS)
    parser.add_argument("--write-chat", nargs=2, metavar=("FOLDER", "LINES"), help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.one:
        one(args.one)
        return
    if args.write_chat:
        write_bundle(Path(args.write_chat[0]), chat_lines(int(args.write_chat[1])))
        return
    with tempfile.TemporaryDirectory() as work:
        print(f"{'case':<24}{'seconds':>10}{'peak MB':>10}{'ms/1k lines':>14}{'runs':>6}{'x previous':>12}")
        previous = None
        for size in (int(s) for s in args.sizes.split(",") if s):
            folder = Path(work) / f"chat{size}"
            subprocess.run([sys.executable, __file__, "--write-chat", str(folder), str(size)], check=True)
            seconds, peak, runs = measure(folder, args.runs, args.timeout)
            growth = f"{seconds / previous:>12.1f}" if previous else ""
            print(f"{f'chat, {size} lines':<24}{seconds:>10.2f}{peak:>10.0f}{1000 * seconds / (size / 1000):>14.1f}{runs:>6}"
                  f"{growth}", flush=True)
            previous = seconds
        folder = write_bundle(Path(work) / "message", long_message_lines(args.message_kb))
        seconds, peak, runs = measure(folder, args.runs, args.timeout)
        print(f"{f'one {args.message_kb} KB message':<24}{seconds:>10.2f}{peak:>10.0f}{'':>14}{runs:>6}", flush=True)


if __name__ == "__main__":
    main()
