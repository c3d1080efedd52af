"""WeChat chat history as the app copies or mails it (.txt), read into Messages.

WeChat shares a chat ("select messages -> share / copy", or "send chat history by e-mail")
as plain text in one layout:

    小明 和 Anna 在微信上的聊天记录如下，请查收。

    —————  2026-04-06  —————

    小明  16:21

    有点事，一会儿回

A line of dashes around a date starts each day; a message starts with a line holding
the sender and the time of day (set apart by two or more spaces or a tab); the message's
lines follow until the next sender line or day line. Whether a text file is such a chat
is decided by `evidence.readers.messages.parse_chat_text`.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from evidence.readers.message_stamps import parse_stamp
from evidence.readers.whatsapp import clean_sender
from evidence.records import Message, Source

CHANNEL = "wechat"
#: '—————  2026-04-06  —————' (em dashes, dashes or box lines; a date in any platform spelling).
_DAY_LINE = re.compile(r"^\s*[—─\-–=]{3,}\s*(?P<date>[^—─\-–=\s][^—─–=]*?)\s*[—─\-–=]{3,}\s*$")
#: '小明  16:21' or 'Anna Berger\t16:21:05': a sender, two blanks or a tab, the time of day.
_SENDER_LINE = re.compile(r"^(?P<sender>\S(?:.{0,78}\S)?)(?:\s{2,}|\t)(?P<time>\d{1,2}:\d{2}(?::\d{2})?)\s*$")


@dataclass(frozen=True, slots=True)  # slots: a long chat holds one per message
class Start:
    """Where a WeChat message starts: its sender line, the day it belongs to and its time."""

    line: int
    sender: str
    day: str
    time: str


def day_lines(lines: list[str]) -> dict[int, str]:
    """Given a file's lines, return line number -> ISO date for each day line."""
    days = {}
    for number, line in enumerate(lines, start=1):
        found = _DAY_LINE.match(line)
        stamp = parse_stamp(found["date"]) if found else None
        if stamp is not None and stamp.fixed:  # year-first or month-name: no day/month doubt
            iso = stamp.to_iso(day_first=False)
            if iso:
                days[number] = iso[:10]
    return days


def find_starts(lines: list[str]) -> list[Start]:
    """Given a file's lines, return where its messages start (none before the first day line)."""
    days = day_lines(lines)
    starts: list[Start] = []
    day = None
    for number, line in enumerate(lines, start=1):
        if number in days:
            day = days[number]
            continue
        found = _SENDER_LINE.match(line)
        if found and day is not None:
            starts.append(Start(number, clean_sender(found["sender"]), day, found["time"]))
    return starts


def header_lines(lines: list[str], starts: list[Start]) -> int:
    """Given a file's lines and its message starts, return how many lines are headers (senders and days)."""
    return len(starts) + len(day_lines(lines))


def starts_to_messages(lines: list[str], starts: list[Start], path: str) -> list[Message]:
    """Given a file's lines and where its messages start, return the Messages."""
    days = day_lines(lines)
    messages = []
    for index, start in enumerate(starts):
        end = starts[index + 1].line - 1 if index + 1 < len(starts) else len(lines)
        body = [lines[n - 1] for n in range(start.line + 1, end + 1) if n not in days]
        hour, minute, *second = start.time.split(":")
        stamp = f"{start.day}T{int(hour):02d}:{minute}" + (f":{second[0]}" if second else "")
        messages.append(
            Message(
                timestamp=stamp,
                sender=start.sender,
                text="\n".join(body).strip(),
                channel=CHANNEL,
                source=Source(path, line=start.line),
            )
        )
    return messages
