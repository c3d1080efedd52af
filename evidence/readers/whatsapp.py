"""WhatsApp chat exports (.txt), Android and iOS, in any locale.

A message starts on a line with a date and time header, in one of three shapes:

    18/03/2022, 14:56 - Name: text          Android ("dash"), any date separator
    [3/27/22, 21:41:35] Name: text          iOS ("bracket"), comma optional
    [21:41:35, 3/27/22] Name: text          iOS, time first (Vietnamese)

Digits may be in any script (Arabic-Indic), years two-digit, Buddhist-era or
Japanese-era (``R4``), and the time 12-hour with its marker before or after.
Every other line continues the message above it. What varies by locale (AM/PM
words, eras, words between date and time, the "omitted"/"attached" phrases,
system lines) lives in ``evidence/data/chat_markers.json``; the shapes live here.

Whether 03/04 is the 3rd of April or March 4th is decided once per file, never
per line (see `choose_day_first`).
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from datetime import datetime
from functools import cache, lru_cache
from typing import Any

from evidence.phrases import marker_alternation
from evidence.readers import progress
from evidence.reference_data import load_data
from evidence.records import Message, Source

#: Invisible direction marks: iOS puts U+200E before media lines, Arabic exports
#: U+200F inside dates, and U+202A..U+202C wrap phone numbers.
BIDI_MARKS = "\u200e\u200f\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069"
# A regex, not str.translate: translate looks up every character, a regex skips runs without marks.
_BIDI_RUN = re.compile(f"[{BIDI_MARKS}]+")
MEDIA_OMITTED = "<media omitted>"
#: A chat tells the reader's time budget it is moving every this many lines, as a PDF does each page:
#: a long export is read in steps of a fraction of a second, and only one that stops moving is cut short.
LINES_PER_STEP = 10_000


@cache
def markers() -> dict[str, Any]:
    """Return the locale knowledge from ``evidence/data/chat_markers.json``."""
    markers_data: dict[str, Any] = load_data("chat_markers")
    return markers_data


def strip_bidi(text: str) -> str:
    """Given text, return it without direction marks."""
    return _BIDI_RUN.sub("", text)


def clean_sender(name: str) -> str:
    """Given a sender as exported, return it without marks and with plain spaces."""
    plain = "".join(" " if unicodedata.category(ch) == "Zs" else ch for ch in strip_bidi(name))
    return " ".join(plain.split())


# ---------------------------------------------------------------- dates and times


@dataclass(frozen=True, slots=True)  # slots: a long chat holds one per message
class Stamp:
    """A date and time as written. `a`/`b` are day and month in an order not yet
    known, unless `fixed` (year-first or month-name dates: `a` is the month)."""

    year: int
    a: int
    b: int
    hour: int
    minute: int
    seconds: int | None = None
    fixed: bool = False
    zone: str = ""
    clock: bool = True  # False for a bare date: no time of day is invented

    def reading(self, day_first: bool) -> datetime | None:
        """Given a day/month order, return the moment it makes, or None when there is no such date."""
        day, month = (self.a, self.b) if day_first and not self.fixed else (self.b, self.a)
        try:
            return datetime(self.year, month, day, self.hour, self.minute, self.seconds or 0)
        except ValueError:
            return None

    def to_iso(self, day_first: bool) -> str | None:
        """Given the file's day/month order, return ``YYYY-MM-DDTHH:MM[:SS]``, or None if invalid."""
        moment = self.reading(day_first)
        if moment is None:
            return None
        if not self.clock:
            return moment.date().isoformat()
        return moment.isoformat(timespec="minutes" if self.seconds is None else "seconds") + self.zone


def choose_day_first(stamps: list[Stamp], default: bool) -> bool:
    """Given every date of one file, return True when they are day-first.

    A first field above 12 proves day-first, a second field above 12 proves
    month-first. When no date proves either, take the reading under which the
    messages run forward in time (fewest steps back, then the smallest total
    jumps: a chat is dense, so 9, 10, 11 October beats 10 September, October,
    November). Only when both readings tie does `default` decide: the caller
    passes day-first for Android dash headers (``18/03/2022, 14:56 -`` is how
    most non-US locales write), month-first for bracketed iOS and CSV dates.
    """
    open_ = [s for s in stamps if not s.fixed]
    first_big = sum(s.a > 12 for s in open_)
    second_big = sum(s.b > 12 for s in open_)
    if first_big or second_big:
        return first_big >= second_big  # both proven only in pasted-together files: the majority wins
    scores = {flag: _disorder([s.reading(flag) for s in open_]) for flag in (True, False)}
    if scores[True] != scores[False]:
        return scores[True] < scores[False]
    return default


def _disorder(moments: list[datetime | None]) -> tuple[int, float]:
    """Given times in file order, return (steps back in time, total seconds jumped)."""
    known = [m for m in moments if m is not None]
    gaps = [(later - earlier).total_seconds() for earlier, later in zip(known, known[1:])]
    return sum(gap < 0 for gap in gaps), sum(abs(gap) for gap in gaps)


def digits_value(digits: str) -> int:
    """Given digits in any script (ASCII, Arabic-Indic, ...), return their value."""
    if digits.isdecimal():
        return int(digits)  # int() reads decimal digits of every script, and at C speed
    value = 0
    for ch in digits:
        value = value * 10 + unicodedata.digit(ch)
    return value


def full_year(digits: str, era: str | None = None) -> int:
    """Given a written year (``22``, ``2022``, ``2565`` Buddhist, ``4`` with era ``R``), return it AD."""
    year = digits_value(digits)
    if era:
        eras = markers()["eras"]
        return eras.get(era, eras.get(era.upper(), 0)) + year
    if year < 100:
        return 2000 + year  # WhatsApp exports start in 2009
    buddhist = markers()["buddhist_era"]
    return year - buddhist["offset"] if year > buddhist["above"] else year


def hour_24(hour: int, meridiem: str | None) -> int:
    """Given a clock hour and its AM/PM word, return the 24-hour hour.

    An hour of 13 or more already is 24-hour: chat-miner's ``13:37:00 p.m.``
    exports exist, and the marker is ignored there.
    """
    if not meridiem or hour >= 13:
        return hour
    is_pm = _meridiem_key(meridiem) in _meridiem_keys("pm")
    return (hour % 12) + (12 if is_pm else 0)


def _meridiem_key(word: str) -> str:
    return re.sub(r"[\s.]", "", word).casefold()


@cache
def _meridiem_keys(half: str) -> frozenset[str]:
    return frozenset(_meridiem_key(word) for word in markers()["meridiem"][half])


# ---------------------------------------------------------------- header lines


@cache
def meridiem_regex() -> str:
    """Return a regex alternation matching any AM/PM word of the marker data."""
    words = markers()["meridiem"]
    return marker_alternation(words["am"] + words["pm"])


@cache
def _header_patterns() -> tuple[tuple[str, re.Pattern[str]], ...]:
    """Return (shape, regex) for each header shape, built from the marker data."""
    data = markers()
    meridiem = meridiem_regex()
    eras = marker_alternation([key for key in data["eras"] if not key.startswith("_")])
    suffix = marker_alternation(data["year_suffixes"])
    m = f"[{BIDI_MARKS}]*"  # direction marks may sit between any two parts
    # "2022. 3. 18." (Korean) puts a space after each separator and a dot at the end.
    date = (
        rf"(?P<d1>\d{{1,4}}){m}(?P<sep>[./-]) ?{m}(?P<d2>\d{{1,2}}){m}(?P=sep) ?{m}"
        rf"(?P<era>{eras})?(?P<d3>\d{{1,4}})(?:\s*(?:{suffix}))?\.?"
    )
    time = (
        rf"(?:(?P<pre>{meridiem})\s*)?(?P<h>\d{{1,2}})[:.](?P<mi>\d{{2}})(?:[:.](?P<s>\d{{2}}))?\.?"
        rf"(?:{m}\s*(?P<post>{meridiem}))?"
    )
    joiner = marker_alternation(data["date_time_joiners"])
    gap = rf"{m}(?:[,،]\s*|\s+){m}(?:(?:{joiner})\s+)?"
    shapes = {
        "bracket": rf"\[{m}{date}{gap}{time}{m}\]\s?(?P<rest>.*)",
        "bracket-time-first": rf"\[{m}{time}{m}[,،]?\s*{m}{date}{m}\]\s?(?P<rest>.*)",
        "dash": rf"{date}{gap}{time}{m}\s*[-–]\s(?P<rest>.*)",
    }
    return tuple(
        (shape, re.compile(f"^{pattern}$", re.IGNORECASE))
        for shape, pattern in shapes.items()
    )


@dataclass(frozen=True, slots=True)  # slots: a long chat holds one per message
class Header:
    """A line that starts a message: where it is, its date and time, and what follows."""

    number: int  # 1-based line in the file
    shape: str
    stamp: Stamp
    rest: str  # sender and text, still with their direction marks
    marked: bool  # a direction mark before the header: iOS does this for media lines
    iso_date: bool  # written YYYY-MM-DD, as a Message Center copy-paste is


def match_header(line: str, line_number: int) -> Header | None:
    """Given one line and its number, return its Header, or None when it continues a message."""
    body = line.lstrip(BIDI_MARKS + "\ufeff")
    if not body[:1].isdigit() and not body.startswith("["):
        return None
    for shape, pattern in _header_patterns():
        found = pattern.match(body)
        if found:
            return Header(
                number=line_number,
                shape=shape,
                stamp=_stamp(found),
                rest=found["rest"],
                marked=bool(line) and line[0] in BIDI_MARKS,
                iso_date=len(found["d1"]) == 4 and found["sep"] == "-",
            )
    return None


def _stamp(found: re.Match[str]) -> Stamp:
    """Given a header match, return its Stamp; a 4-digit first field means year-month-day."""
    d1, d2, d3 = found["d1"], found["d2"], found["d3"]
    seconds = digits_value(found["s"]) if found["s"] else None
    hour = hour_24(digits_value(found["h"]), found["pre"] or found["post"])
    minute = digits_value(found["mi"])
    if len(d1) >= 3:
        return Stamp(full_year(d1), digits_value(d2), digits_value(d3), hour, minute, seconds, fixed=True)
    return Stamp(full_year(d3, found["era"]), digits_value(d1), digits_value(d2), hour, minute, seconds)


def find_headers(lines: list[str]) -> list[Header]:
    """Given a file's lines, return every line that starts a message."""
    found = []
    for number, line in enumerate(lines, start=1):
        if number % LINES_PER_STEP == 0:
            progress.page_read(number // LINES_PER_STEP)
        header = match_header(line, number)
        if header is not None:
            found.append(header)
    return found


# ---------------------------------------------------------------- messages


def headers_to_messages(lines: list[str], headers: list[Header], path: str) -> list[Message]:
    """Given a file's lines and its headers, return one Message per header."""
    open_ = [h for h in headers if not h.stamp.fixed]
    dashes = sum(h.shape == "dash" for h in open_)
    day_first = choose_day_first([h.stamp for h in headers], default=dashes * 2 > len(open_))
    ends = [h.number - 1 for h in headers[1:]] + [len(lines)]
    messages = []
    for index, (header, end) in enumerate(zip(headers, ends), start=1):
        if index % LINES_PER_STEP == 0:
            progress.page_read(index // LINES_PER_STEP)
        messages.append(_message(header, lines[header.number : end], day_first, path))
    return messages


def _message(header: Header, more: list[str], day_first: bool, path: str) -> Message:
    sender, first, system = split_sender(header.rest)
    text = strip_bidi("\n".join([first, *more])).strip()
    if sender is not None and first.startswith(tuple(BIDI_MARKS)) and has_phrase(first, "system"):
        system = True  # iOS writes its notices under the chat's name, after a mark
    return Message(
        timestamp=header.stamp.to_iso(day_first),
        sender=sender,
        text=text,
        channel="whatsapp",
        source=Source(path, line=header.number),
        attachments=attachments_of(first, header.marked),
        system=system,
    )


_SENDER = re.compile(r"^(?P<sender>[^:：]{1,80}?)(?:：|:(?=\s|$|[^\w/\\]))(?P<text>.*)$", re.DOTALL)


def split_sender(rest: str) -> tuple[str | None, str, bool]:
    """Given what follows a header, return (sender, text, is_system).

    The sender ends at the first colon followed by a space or punctuation
    (``John Doe:.`` exists), never at a colon inside a time or URL; a
    full-width colon (Chinese input) ends it whatever follows. A line with
    no sender, or whose would-be sender is a system phrase ("X changed the
    subject to "Q: ..."") is the app's own.
    """
    found = _SENDER.match(rest)
    sender = None if found is None else _chat_sender(found["sender"])
    if found is None or sender is None:
        return None, rest, True
    return sender, found["text"].lstrip(" "), False


#: How many distinct would-be senders `_chat_sender` remembers: a chat has a few, a group some dozens.
_SENDER_MEMO = 1024


@lru_cache(maxsize=_SENDER_MEMO)
def _chat_sender(written: str) -> str | None:
    """Given a sender as exported, return it cleaned, or None when it is a system phrase or blank.

    Remembered because every message repeats its sender: each is checked and cleaned once,
    and its messages share one copy of the name.
    """
    if has_phrase(written, "system"):
        return None
    return clean_sender(written) or None


@cache
def phrases(kind: str) -> tuple[str, ...]:
    """Given a marker kind (system, media_omitted, attached), return its phrases case-folded."""
    return tuple(phrase.casefold() for phrase in markers()[kind]["phrases"])


def has_phrase(text: str, kind: str) -> bool:
    """Given text, return True when it holds one of the marker phrases of `kind`."""
    folded = strip_bidi(text).casefold()
    return any(phrase in folded for phrase in phrases(kind))


@cache
def _omitted_endings() -> tuple[frozenset[str], tuple[str, ...]]:
    """Return the media-omitted phrases as a set (a whole line) and as endings (after a space)."""
    found = phrases("media_omitted")
    return frozenset(found), tuple(" " + phrase for phrase in found)


_ATTACHED_TAG = re.compile(r"<[^<>:：]{1,30}[:：]\s*(?P<name>[^<>]+?\.\w{1,5})\s*>")
_FILE_THEN_PHRASE = re.compile(r"^(?P<name>.+?\.\w{1,5})\s+\((?P<phrase>[^()]+)\)$")
_WHATSAPP_FILE = re.compile(r"^[A-Z]{3,4}-\d{8}-WA\d+\.\w+$")
_ANGLE_ONLY = re.compile(r"^<[^<>:：]{2,40}>$")


def attachments_of(first_line: str, marked: bool) -> list[str]:
    """Given a message's first line, return the files it carries or marks as omitted."""
    text = strip_bidi(first_line).strip()
    # Most messages hold neither a tag nor a closing bracket: the tests spare them a regex each.
    named = [m["name"] for m in _ATTACHED_TAG.finditer(text)] if "<" in text else []
    if named:
        return named
    found = _FILE_THEN_PHRASE.match(text) if text.endswith(")") else None
    if found and _is_attached_phrase(found["phrase"], found["name"]):
        return [found["name"]]
    if _is_omitted(text) or (marked and any(ch in BIDI_MARKS for ch in first_line)):
        return [MEDIA_OMITTED]  # iOS marks a media line before the date and before its words, in every locale
    return []


def _is_attached_phrase(phrase: str, name: str) -> bool:
    return phrase.strip().casefold() in phrases("attached") or bool(_WHATSAPP_FILE.match(name))


def _is_omitted(text: str) -> bool:
    """Android's ``<Media omitted>`` in any language, or a known "... omitted" ending."""
    folded = text.casefold()
    whole, endings = _omitted_endings()  # one set look-up and one endswith per message, not one per phrase
    return bool(_ANGLE_ONLY.match(text)) or folded in whole or folded.endswith(endings)


def is_app_export(headers: list[Header], messages: list[Message]) -> bool:
    """Given a parsed file, return False when nothing marks it as WhatsApp's.

    ``[2026-09-03 10:15] Sender: text`` is also how a Message Center chat reads
    when copied; unless the file shows WhatsApp's own traces (direction marks,
    media lines, system lines, a non-ISO date or a dash header) it is a
    platform transcript.
    """
    if any(h.shape != "bracket" or not h.iso_date or h.marked for h in headers):
        return True
    return any(m.system or m.attachments for m in messages)
