"""Message Center JSON logs, per ``schemas/message_log.schema.json``.

A log that breaks the schema is an F005 problem, while every well-formed
message in it is still read. JSON that holds no message log is kept as its
pretty-printed text.
"""

from __future__ import annotations

import json
import re
from functools import cache
from typing import Any

from jsonschema import Draft202012Validator
from jsonschema.exceptions import best_match

from evidence.readers.message_stamps import parse_stamp
from evidence.readers.messages import MAX_CELL_CHARS, READ_LIMITS
from evidence.readers.text_lines import text_to_page
from evidence.readers.whatsapp import clean_sender
from evidence.records import Document, Message, Source
from evidence.schemas import load_schema
from evidence.textcodec import decode_text
from evidence.wording import counted

SCHEMA_FILE = "message_log.schema.json"
CHANNELS = frozenset({"platform", "whatsapp", "wechat", "email", "unknown"})
_SPACE = re.compile(r"\s*")


@cache
def message_log_schema() -> dict[str, Any]:
    """Return the JSON Schema of message logs, shipped inside the package."""
    return load_schema(SCHEMA_FILE.removesuffix(".schema.json"))


@cache
def _validators() -> tuple[Draft202012Validator, Draft202012Validator]:
    """Return validators for a whole log and for one message."""
    schema = message_log_schema()
    one = {"$ref": "#/$defs/message", "$defs": schema["$defs"]}
    return Draft202012Validator(schema), Draft202012Validator(one)


def read_json(data: bytes, doc: Document) -> None:
    """Fill `doc` from a JSON file: messages when it is a message log, else its pretty text."""
    text = decode_text(data)
    if text is None:
        doc.reader = "json"
        doc.add_problem("F001", f"{doc.path} is not text in any known encoding")
        return
    try:
        value = json.loads(text.removeprefix("\ufeff"))
    except ValueError as exc:
        doc.reader = "json"
        doc.add_problem("F001", f"{doc.path} is not valid JSON: {exc}")
        doc.pages.append(text_to_page(text, doc.path))
        return
    items = message_items(value)
    if items is None:
        doc.reader = "json"
        doc.pages.append(text_to_page(json.dumps(value, indent=2, ensure_ascii=False), doc.path))
        return
    doc.reader = "messages"
    lines = item_lines(text.removeprefix("\ufeff"))
    record_schema_problem(value, doc, lines)
    record_log_metadata(value, doc)
    long_texts = sum(1 for item in items if isinstance(item, dict) and len(str(item.get("text", ""))) > MAX_CELL_CHARS)
    if long_texts:
        doc.metadata[READ_LIMITS] = (
            f"{counted(long_texts, 'message text')} longer than {MAX_CELL_CHARS:,} characters: "
            f"only the first {MAX_CELL_CHARS:,} of each were read"
        )
    doc.messages = items_to_messages(items, lines, _channel(value), doc.path)


def message_items(value: Any) -> list[Any] | None:
    """Given parsed JSON, return its list of message items, or None when it is no message log."""
    if isinstance(value, dict) and "messages" in value:
        items = value["messages"]
        return items if isinstance(items, list) else []
    keys = {"timestamp", "sender", "text"}
    if isinstance(value, list) and value and all(isinstance(item, dict) for item in value):
        return value if any(keys & item.keys() for item in value) else None
    return None


def record_schema_problem(value: Any, doc: Document, lines: list[int]) -> None:
    """Add one F005 problem naming the most relevant way `value` breaks the schema,
    at the line of the message it concerns when known."""
    error = best_match(_validators()[0].iter_errors(value))
    if error is None:
        return
    reason = error.message
    if error.validator == "pattern" and "description" in error.schema:
        reason = f"{error.instance!r} is not {error.schema['description']}"  # not the raw regex
    reason = reason if len(reason) <= 240 else reason[:237] + "..."
    where = [part for part in error.absolute_path if isinstance(part, int)][:1]
    line = lines[where[0]] if where and where[0] < len(lines) else None
    message = f"{doc.path} does not match {SCHEMA_FILE} at {error.json_path}: {reason}"
    doc.add_problem("F005", message, line=line)


def record_log_metadata(value: Any, doc: Document) -> None:
    """Keep what the log says about itself: the order number and the participants."""
    if not isinstance(value, dict):
        return
    if isinstance(value.get("order_number"), str):
        doc.metadata["order_number"] = value["order_number"]
    people = value.get("participants")
    names = [p if isinstance(p, str) else p.get("name") for p in people or [] if isinstance(p, (str, dict))]
    if isinstance(people, list) and names:
        doc.metadata["participants"] = "; ".join(str(name) for name in names if name)


def _channel(value: Any) -> str:
    channel = value.get("channel") if isinstance(value, dict) else None
    return channel if channel in CHANNELS else "platform"


def items_to_messages(items: list[Any], lines: list[int], channel: str, path: str) -> list[Message]:
    """Given message items and the line each starts on, return the well-formed ones as Messages."""
    valid = _validators()[1]
    found = []
    for index, item in enumerate(items):
        if not valid.is_valid(item):
            continue
        stamp = parse_stamp(item["timestamp"])
        found.append(
            Message(
                timestamp=stamp.to_iso(day_first=False) if stamp else None,
                sender=clean_sender(item["sender"]) or None,
                text=item["text"][:MAX_CELL_CHARS],
                channel=channel,
                source=Source(path, line=lines[index] if index < len(lines) else None),
                attachments=list(item.get("attachments", [])),
            )
        )
    return found


def item_lines(text: str) -> list[int]:
    """Given JSON text of a message log, return the 1-based line each message item starts on.

    json.loads keeps no positions, so the top level is walked with raw_decode;
    any surprise gives [] and the messages simply carry no line.
    """
    decoder = json.JSONDecoder()
    try:
        pos = _skip(text, 0)
        if text.startswith("[", pos):
            return _array_lines(text, pos, decoder)
        return _messages_lines(text, pos, decoder)
    except (ValueError, IndexError):
        return []


def _skip(text: str, pos: int) -> int:
    return _SPACE.match(text, pos).end()  # type: ignore[union-attr]


def _messages_lines(text: str, pos: int, decoder: json.JSONDecoder) -> list[int]:
    """Walk a top-level object's members up to the "messages" array."""
    if not text.startswith("{", pos):
        return []
    pos = _skip(text, pos + 1)
    while text[pos] != "}":
        key, pos = decoder.raw_decode(text, pos)
        pos = _skip(text, _skip(text, pos) + 1)  # past the colon
        if key == "messages" and text.startswith("[", pos):
            return _array_lines(text, pos, decoder)
        pos = _skip(text, decoder.raw_decode(text, pos)[1])
        pos = _skip(text, pos + 1) if text[pos] == "," else pos
    return []


def _array_lines(text: str, pos: int, decoder: json.JSONDecoder) -> list[int]:
    lines, line, counted = [], 1, 0
    pos = _skip(text, pos + 1)
    while text[pos] != "]":
        line += text.count("\n", counted, pos)
        counted = pos
        lines.append(line)
        pos = _skip(text, decoder.raw_decode(text, pos)[1])
        pos = _skip(text, pos + 1) if text[pos] == "," else pos
    return lines
