"""Plain transcripts: text copied from the platform's chat window, read into Messages.

Two layouts: ``2026-09-03 10:15[:22] Sender: text`` on one line, or a sender
line, a line holding only the time, then the message's lines. This module finds
where messages start and reads them; whether a file is a transcript at all is
decided by `evidence.readers.messages.parse_transcript`.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from evidence.readers.message_stamps import parse_stamp, stamps_to_iso
from evidence.readers.whatsapp import clean_sender
from evidence.records import Message, Source

_STAMP_TEXT = (
    r"(?:\d{4}\s*[-/.年]\s*\d{1,2}\s*[-/.月]\s*\d{1,2}\s*日?|[^\W\d_]{3,9}\.?\s+\d{1,2},?\s+\d{4},?)"
    r"(?:T|\s+)(?:[^\W\d]{1,4}\s*)?\d{1,2}:\d{2}(?::\d{2})?(?:\s*[AaPp]\.?\s?[Mm]\.?)?"
)
_ONE_LINE = re.compile(
    rf"^\s*\[?(?P<ts>{_STAMP_TEXT})\]?\s+(?P<sender>[^\s:：][^:：]{{0,79}}?)\s*[:：]\s?(?P<text>.*)$"
)
_TIME_LINE = re.compile(rf"^\s*\[?(?P<ts>{_STAMP_TEXT})\]?\s*$")


@dataclass(frozen=True, slots=True)  # slots: a long chat holds one per message
class Start:
    """Where a transcript message starts: its first line and the line its body continues on."""

    line: int
    sender: str
    stamp: str
    text: str
    body_from: int


def header_lines(starts: list[Start]) -> int:
    """Given the starts found in a file, return how many lines their headers take."""
    return sum(start.body_from - start.line for start in starts)


def one_line_starts(lines: list[str]) -> list[Start]:
    """``2026-09-03 10:15:22 Sender: text`` (brackets around the time allowed)."""
    starts = []
    for number, line in enumerate(lines, start=1):
        found = _ONE_LINE.match(line)
        if found and parse_stamp(found["ts"]) is not None:
            sender = clean_sender(found["sender"])
            starts.append(Start(number, sender, found["ts"], found["text"], body_from=number + 1))
    return starts


def two_line_starts(lines: list[str]) -> list[Start]:
    """A sender line, then a line holding only the time; the text follows."""
    starts = []
    for index in range(1, len(lines)):
        found = _TIME_LINE.match(lines[index])
        sender = lines[index - 1].strip().rstrip(":：")
        if found and sender and len(sender) <= 80 and not _TIME_LINE.match(lines[index - 1]):
            if parse_stamp(found["ts"]) is not None:
                starts.append(Start(index, clean_sender(sender), found["ts"], "", index + 2))
    return starts


def starts_to_messages(lines: list[str], starts: list[Start], path: str) -> list[Message]:
    """Given a file's lines and where its messages start, return the Messages (times read as one column)."""
    stamps = stamps_to_iso([start.stamp for start in starts])
    ends = [start.line - 1 for start in starts[1:]] + [len(lines)]
    return [
        Message(
            timestamp=stamp,
            sender=start.sender or None,
            text="\n".join([start.text, *lines[start.body_from - 1 : end]]).strip(),
            channel="platform",
            source=Source(path, line=start.line),
        )
        for start, stamp, end in zip(starts, stamps, ends)
    ]
