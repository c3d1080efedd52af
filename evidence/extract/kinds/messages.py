"""Message logs: who talked, where, when, and what happened in the conversation.

Reads a Document of messages (WhatsApp, WeChat, e-mail, Message Center CSV /
JSON / transcript) into a `message_log` Record:

- fields: `format`, `channel` (the dominant one), `message_count`,
  `first_message` / `last_message`, `participants`, `buyer` / `supplier` (when
  the content makes the sides clear), `order_number(s)` (Trade Assurance),
  `date_promises` (ship dates the supplier committed to), `agreed_ship_dates`
  (later dates the buyer accepted), `payment_request`, `beneficiary_name`
  (bank details the supplier sent), and for e-mail `subject`, `sender`,
  `document_date`;
- events: one per message and kind (see data/message_events.json), each
  citing the message.

System lines ("Messages are end-to-end encrypted") and text an e-mail quotes
from earlier mails are not anyone's words and are left out.

What the export states under its own headers (an e-mail's From, To, Date and
Subject; a Message Center export's sender and time fields and its order number)
is labeled, and so is a value under a label in a message ("Beneficiary: ...");
all else is worked out from the messages (who is buyer, which numbers are
orders, what was promised) and is inferred.
"""

from __future__ import annotations

import re
from dataclasses import replace
from email.utils import getaddresses
from collections import Counter
from datetime import date
from functools import lru_cache
from typing import Any

from evidence.extract.reading import Reading, labeled_note, whole_file
from evidence.extract.conversation.cues import MAX_MESSAGE_CHARS, Text, event_data
from evidence.extract.labels import line_to_labeled
from evidence.extract.conversation.events import UNKNOWN, Happening, Turn, order_numbers, turns_to_happenings
from evidence.extract.conversation.roles import assign_roles, other_side, split_address
from evidence.kinds import MESSAGE_LOG
from evidence.normalize.dates import document_order
from evidence.phrases import compile_cues
from evidence.reference_data import load_data
from evidence.records import INFERRED, LABELED, Document, Event, Message, Problem, Record, Source, TextLine
from evidence.wording import clipped, counted

QUOTE_CHARS = 300
#: Only the last this many messages of a log (system lines left out) are read for events,
#: sides, orders and dates; all of them are counted. A real order's chat holds hundreds or
#: a few thousand messages; reading each costs about 0.25 ms on bench/chat_bench.py's chat
#: (more when every message talks of the order), so this bounds a log's analysis to a few
#: seconds, whatever its length. The last ones, because a years-long chat ends with the
#: order being claimed for: its delivery, the complaint and the supplier's answers. A longer
#: log gets one note saying what was left out.
MAX_MESSAGES = 10_000
#: Where a reader stores what it cut to stay within its limits (readers/messages.py READ_LIMITS).
READ_LIMITS = "read_limits"
HEADER_LINES = 12  # an e-mail page starts with its headers: From, To, Cc, Date, Subject
_RECIPIENT = re.compile(r"^\s*(?:To|Cc|收件人|抄送)\s*[:：]\s*(.+)$", re.IGNORECASE)
_TIME_PART = re.compile(r"T(\d{2}):(\d{2})(?::(\d{2}))?(\.\d+)?(.*)$")
_LABEL_LEAK = re.compile(r"^\w+\s*[:：]")  # "address: ..." under a "Beneficiary" label
_FORMATS = {"csv": "message-center-csv", "json": "message-center-json", "eml": "eml", "mbox": "mbox"}
#: Readers whose messages carry their sender and time under named fields, with the notes they give:
#: an e-mail's headers, a Message Center CSV's header row or JSON keys. A chat app's text export
#: only lays them out before each message.
_HEADERED = {
    "email": ("the From, To and Cc headers", "the Date header"),
    "messages": ("the export's sender field", "the export's time field"),
}
_WORDS = "from the messages' words"


def extract(reading: Reading) -> Record:
    """Given a Document of messages, return its message_log Record (fields and events)."""
    doc = reading.source
    record = Record(kind=MESSAGE_LOG, path=doc.path)
    record_overview(record, doc, [m for m in doc.messages if not m.system])
    unsided = document_turns(doc)
    roles = decide_roles(doc, unsided)
    record_parties(record, doc, roles)
    turns = [replace(turn, role=roles.get(turn.message.sender or "", UNKNOWN)) for turn in unsided]
    happenings = turns_to_happenings(turns, document_order(t.text.folded for t in turns))
    record.events = [happening_to_event(h) for h in happenings]
    record_orders(record, doc, turns)
    record_dates(record, happenings)
    record_payment_details(record, turns, happenings)
    record_email(record, doc, turns)
    record_limits(record, doc, turns)
    return record


def record_limits(record: Record, doc: Document, turns: list[Turn]) -> None:
    """Say, once each, what the limits left unread: earlier messages, the rest of long messages, cut
    cells. Each is a note and a problem of a file read in part (F001, at most minor)."""
    said = [doc.metadata[READ_LIMITS]] if doc.metadata.get(READ_LIMITS) else []
    spoken = sum(1 for m in doc.messages if not m.system)
    if spoken > MAX_MESSAGES:
        said.append(f"the log holds {spoken:,} messages: only the last {MAX_MESSAGES:,} were read for events, "
                    "sides, orders and dates (all are counted)")
    cut = sum(1 for turn in turns if turn.text.cut)
    if cut:
        said.append(f"{counted(cut, 'message')} longer than {MAX_MESSAGE_CHARS:,} characters: only the first "
                    f"{MAX_MESSAGE_CHARS:,} characters of each were read")
    for note in said:
        record.notes.append(note)
        record.problems.append(Problem("F001", f"{doc.path}: {note}", Source(doc.path), partial=True))


# ---------------------------------------------------------------- turns


def document_turns(doc: Document, roles: dict[str, str] | None = None) -> list[Turn]:
    """Given a Document and the senders' sides, return its messages as Turns (no system lines)."""
    sides = roles or {}
    spoken = [m for m in doc.messages if not m.system][-MAX_MESSAGES:]
    messages = [m for m in spoken if own_words(m.text)]
    return [
        Turn(m, Text.of(own_words(m.text)), sides.get(m.sender or "", UNKNOWN), _sent(m.timestamp)) for m in messages
    ]


def own_words(text: str) -> str:
    """Given a message, return it without the text it quotes from earlier messages."""
    prefixes, dropped, starts = _quoted_reply()
    kept = []
    for line in text.split("\n"):
        if starts.search(line):
            break
        if not line.lstrip().startswith(prefixes) and not dropped.search(line):
            kept.append(line)
    return "\n".join(kept).strip()


@lru_cache(maxsize=1)
def _quoted_reply() -> tuple[tuple[str, ...], re.Pattern[str], re.Pattern[str]]:
    data = event_data()["quoted_reply"]
    dropped, starts = compile_cues(data["lines"]), compile_cues(data["starts"])
    assert dropped is not None and starts is not None, "data/message_events.json needs quoted_reply"
    return tuple(data["line_prefixes"]), dropped, starts


def _sent(timestamp: str | None) -> date | None:
    try:
        return date.fromisoformat(timestamp[:10]) if timestamp else None
    except ValueError:
        return None


def full_timestamp(timestamp: str) -> str:
    """Given '2026-07-20T09:41' or '2026-07-20 09:41', return '2026-07-20T09:41:00' (zone kept)."""
    stamp = timestamp.replace(" ", "T", 1)
    found = _TIME_PART.search(stamp)
    if found is None:
        return stamp
    hour, minute, second, fraction, zone = found.groups()
    return f"{stamp[: found.start()]}T{hour}:{minute}:{second or '00'}{fraction or ''}{zone}"


# ---------------------------------------------------------------- overview


def record_overview(record: Record, doc: Document, messages: list[Message]) -> None:
    """Record format, channel, count, first/last message time and participants."""
    where = whole_file(doc)
    record.set("format", log_format(doc), where, "", INFERRED, "from the file's type and layout")
    record.set("channel", dominant_channel(messages), where, "", INFERRED, "the channel of most messages")
    record.set("message_count", len(messages), where, "", INFERRED, "the messages counted, system lines left out")
    people, times = _HEADERED.get(doc.reader, ("", ""))
    stamp_how = (LABELED, times) if times else (INFERRED, "the time the export shows with the message")
    ends = earliest_and_latest(messages)
    if ends is not None:
        (first, first_message), (last, last_message) = ends
        record.set("first_message", first, first_message.source, "", *stamp_how)
        record.set("last_message", last, last_message.source, "", *stamp_how)
    people_how = (LABELED, people) if people else (INFERRED, "the senders of the messages")
    record.set("participants", participants(doc, messages), where, "", *people_how)


def earliest_and_latest(messages: list[Message]) -> tuple[tuple[str, Message], tuple[str, Message]] | None:
    """Given messages, return (full time, message) of the earliest and of the latest; None if none has a time.

    Of messages with the same time, the earliest is the first written and the latest the
    last written, as a stable sort by time would have them; one pass, no sorted copy of a long log.
    """
    first: tuple[str, Message] | None = None
    last: tuple[str, Message] | None = None
    for message in messages:
        if not message.timestamp:
            continue
        stamp = full_timestamp(message.timestamp)
        if first is None or stamp < first[0]:
            first = (stamp, message)
        if last is None or stamp >= last[0]:
            last = (stamp, message)
    return None if first is None or last is None else (first, last)


def participants(doc: Document, messages: list[Message]) -> list[str]:
    """Given a log and its messages, return who takes part: the senders, and an e-mail's recipients.

    A sender an export tool writes for the app's own lines ("System") takes no part.

    An e-mail's people are named as a reader would ("Kevin Chen", else the address), without
    the address the name stands for.
    """
    if doc.reader != "email":
        tools = set(load_data("chat_markers")["system_senders"]["names"])
        return sorted({m.sender for m in messages if m.sender and m.sender not in tools})
    people = [m.sender for m in messages if m.sender] + email_recipients(doc)
    return sorted({split_address(person)[0] for person in people})


def log_format(doc: Document) -> str:
    """Given a Document of messages, return how it was exported (whatsapp-android, eml, ...)."""
    if doc.metadata.get("format"):
        return doc.metadata["format"]
    if doc.reader == "whatsapp":
        # iOS exports always show seconds, Android ones never do.
        seconds = any(m.timestamp and len(m.timestamp) >= 19 for m in doc.messages)
        return "whatsapp-ios" if seconds else "whatsapp-android"
    if doc.filetype in _FORMATS:
        return _FORMATS[doc.filetype]
    return "message-center-text" if doc.reader in ("transcript", "text") else doc.reader


def dominant_channel(messages: list[Message]) -> str:
    """Given messages, return the channel most of them came through (first seen wins a tie)."""
    counts = Counter(m.channel for m in messages if m.channel != UNKNOWN)
    return counts.most_common(1)[0][0] if counts else UNKNOWN


# ---------------------------------------------------------------- parties


def decide_roles(doc: Document, turns: list[Turn]) -> dict[str, str]:
    """Given a Document and its turns, return sender -> buyer | supplier for the senders that are clear.

    E-mail recipients count as parties too: the one person a supplier writes to is the buyer.
    """
    texts: dict[str, list[str]] = {}
    for turn in turns:
        if turn.message.sender:
            texts.setdefault(turn.message.sender, []).append(turn.text.original)
    for person in email_recipients(doc):
        texts.setdefault(person, [])
    # A log that states the sides itself (metadata "buyer" / "supplier") is believed over any guess.
    stated = {doc.metadata[side]: side for side in ("buyer", "supplier") if doc.metadata.get(side)}
    guessed = assign_roles({sender: lines for sender, lines in texts.items() if sender not in stated})
    return other_side({**guessed, **stated}, texts)


def record_parties(record: Record, doc: Document, roles: dict[str, str]) -> None:
    """Record the buyer, the supplier and e-mail recipients; note senders whose side is unclear."""
    where = whole_file(doc)
    for side in ("buyer", "supplier"):
        names = [sender for sender, role in roles.items() if role == side]
        # A side the log states itself is labeled; one told from what the senders write is inferred.
        stated = bool(names) and doc.metadata.get(side) == names[0]
        how = (LABELED, f'the export\'s "{side}"') if stated else (INFERRED, "from what they write")
        if names:
            record.set(side, names[0], where, "", *how)  # the first to write; one person may show under two names
        if len(names) > 1:
            record.set(f"{side}_senders", names, where, "", INFERRED, "from what they write")
    recipients = email_recipients(doc)
    if recipients:
        record.set("recipients", recipients, where, "", LABELED, "the To and Cc headers")
    senders = {m.sender for m in doc.messages if m.sender and not m.system}
    unknown = sorted(sender for sender in senders | set(recipients) if sender not in roles)
    if unknown:
        record.notes.append(
            f"could not tell buyer from supplier for: {', '.join(unknown)}; their events have actor 'unknown'"
        )


def email_recipients(doc: Document) -> list[str]:
    """Given an e-mail Document, return the To/Cc people of its headers, in order."""
    if doc.reader != "email":
        return []
    found: list[str] = []
    for page in doc.pages:
        for line in page.lines[:HEADER_LINES]:
            match = _RECIPIENT.match(line.text)
            if match:
                found.extend(p.strip() for p in _split_people(match.group(1)) if p.strip() not in found)
    senders = {split_address(m.sender)[1] for m in doc.messages if m.sender}
    return [p for p in found if p and split_address(p)[1] not in senders]


def _split_people(value: str) -> list[str]:
    """Given a To/Cc header value, return each person as 'Name <address>' (or the bare address).

    The standard library splits it: commas also sit inside quoted display names ("Chen, Kevin" <k@x>).
    """
    return [f"{name} <{address}>" if name else address for name, address in getaddresses([value]) if address or name]


# ---------------------------------------------------------------- events


def happening_to_event(happening: Happening) -> Event:
    """Given a found event, return the Event citing its message."""
    message = happening.turn.message
    return Event(
        kind=happening.kind,
        actor=happening.actor,
        timestamp=full_timestamp(message.timestamp) if message.timestamp else None,
        quote=quote_of(happening),
        source=message.source,
        channel=message.channel,
    )


def quote_of(happening: Happening) -> str:
    """Given an event, return the message text it rests on, at most QUOTE_CHARS long."""
    text = happening.turn.text
    whole = " ".join(text.original.split())
    if len(whole) > QUOTE_CHARS:
        whole = " ".join(text.quote(s) for s in happening.sentences) or whole
    return clipped(whole, QUOTE_CHARS)


def record_orders(record: Record, doc: Document, turns: list[Turn]) -> None:
    """Record the Trade Assurance order numbers named in the log (and in its own metadata)."""
    numbers: list[tuple[str, Source]] = []
    if doc.metadata.get("order_number"):
        numbers.append((doc.metadata["order_number"], whole_file(doc)))
    for turn in turns:
        numbers.extend((n, turn.message.source) for n in order_numbers(turn.text))
    unique = list(dict.fromkeys(n for n, _ in numbers))
    stated = doc.metadata.get("order_number")
    if unique:
        # The export's own order number is labeled; a number seen in a message is taken for an order's.
        first = (LABELED, 'the export\'s "order_number"') if unique[0] == stated else (INFERRED, "named in a message")
        record.set("order_number", unique[0], numbers[0][1], "", *first)
        every = (LABELED, first[1]) if unique == [stated] else (INFERRED, "named in messages")
        record.set("order_numbers", unique, numbers[0][1], "", *every)
    _record_order_events(record, turns)


def _record_order_events(record: Record, turns: list[Turn]) -> None:
    """Add an order-placed event where each order number is first named."""
    seen: set[str] = set()
    for turn in turns:
        new = [n for n in order_numbers(turn.text) if n not in seen]
        if new:
            seen.update(new)
            happening = Happening("order-placed", turn, turn.text.sentences)
            record.events.append(happening_to_event(happening))
    record.events.sort(key=lambda e: (e.source.page or 0, e.source.line or 0))


def record_dates(record: Record, happenings: list[Happening]) -> None:
    """Record ship dates the supplier promised and later dates the buyer agreed to."""
    for kind, name in (("supplier-promise", "date_promises"), ("extension-agreed", "agreed_ship_dates")):
        found = [_dated(h, d) for h in happenings if h.kind == kind for d in h.dates]
        if found:
            record.set(name, found, happenings_source(happenings, kind), "", INFERRED, _WORDS)


def _dated(happening: Happening, value: date) -> dict[str, Any]:
    return {
        "date": value.isoformat(),
        "source": happening.turn.message.source.to_dict(),
        "actor": happening.actor,
        "quote": quote_of(happening),
    }


def happenings_source(happenings: list[Happening], kind: str) -> Source:
    return next(h.turn.message.source for h in happenings if h.kind == kind)


# ---------------------------------------------------------------- payment details and e-mail


def record_payment_details(record: Record, turns: list[Turn], happenings: list[Happening]) -> None:
    """Record whether the supplier asked to pay off-platform, and the beneficiary they gave."""
    requests = [h for h in happenings if h.kind == "off-platform-payment-request"]
    where = requests[0].turn.message.source if requests else Source(record.path)
    record.set("payment_request", bool(requests), where, "", INFERRED, _WORDS)
    for turn in turns:
        if turn.role == "buyer":
            continue
        for line in turn.text.original.split("\n"):
            for labeled in line_to_labeled(TextLine(line.strip(), turn.message.source)):
                if labeled.field == "beneficiary_name" and not _LABEL_LEAK.match(labeled.value):
                    record.set("beneficiary_name", labeled.value.strip(), turn.message.source, line.strip(),
                               LABELED, labeled_note(labeled))


def record_email(record: Record, doc: Document, turns: list[Turn]) -> None:
    """Record an e-mail's subject, sender and date (the first message's, for a thread)."""
    if doc.reader != "email" or not turns:
        return
    first = turns[0].message
    if doc.metadata.get("subject"):
        record.set("subject", doc.metadata["subject"], first.source, "", LABELED, "the Subject header")
    if first.sender:
        record.set("sender", first.sender, first.source, "", LABELED, "the From header")
    if turns[0].sent:
        record.set("document_date", turns[0].sent.isoformat(), first.source, "", LABELED, "the Date header")
