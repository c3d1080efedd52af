"""Message logs: WhatsApp exports, Message Center CSV/JSON and plain transcripts.

Every message keeps the line it starts on. A text file only becomes a chat when
it looks like one throughout (`chat_shaped`): an invoice with a few dated lines
stays a document. WhatsApp's own formats are read by `evidence.readers.whatsapp`;
this module adds the platform's formats:

- CSV with a header row naming time, sender and message columns (any language
  of `csv_columns` in ``data/chat_markers.json``, any delimiter, any encoding);
- JSON per ``schemas/message_log.schema.json`` (an F005 problem when it is not,
  while still reading every well-formed message);
- text copied from the chat window: ``2026-09-03 10:15[:22] Sender: text``, or a
  sender line, a time line, then the message's lines.
"""

from __future__ import annotations

import csv
import io
import json
import re
from dataclasses import dataclass, replace
from functools import cache
from typing import Any

from jsonschema import Draft202012Validator
from jsonschema.exceptions import best_match

from evidence.phrases import marker_alternation
from evidence.readers import whatsapp
from evidence.readers.whatsapp import Stamp, choose_day_first, clean_sender, markers
from evidence.schemas import load_schema
from evidence.records import Document, Message, Page, Source, Table, TextLine
from evidence.textcodec import decode_text

SCHEMA_FILE = "message_log.schema.json"
CHANNELS = frozenset({"platform", "whatsapp", "wechat", "email", "unknown"})
#: A title or a "Chat with ..." line may precede a chat; more than this is a document.
MAX_PREAMBLE_LINES = 2
#: Share of non-blank lines that must be message headers. WhatsApp headers are
#: distinctive enough that long multi-line messages are fine; a transcript's
#: ``date time Name: text`` is not, so it must dominate the file.
WHATSAPP_MIN_SHARE = 0.1
TRANSCRIPT_MIN_SHARE = 0.3
_LINE_BREAK = re.compile(r"\r\n|\r|\n")


def split_lines(text: str) -> list[str]:
    """Given a whole text, return its lines as an editor numbers them (CRLF, LF or CR)."""
    return _LINE_BREAK.split(text.removeprefix("\ufeff"))


def parse_chat_text(text: str, path: str) -> tuple[str, list[Message]] | None:
    """Given a text file's content, return ("whatsapp"|"transcript", messages), or None.

    None means the text is not a chat (an ordinary document, or fewer than two
    messages), and the caller reads it as lines.
    """
    lines = split_lines(text)
    headers = whatsapp.find_headers(lines)
    if chat_shaped(lines, [h.number for h in headers], len(headers), WHATSAPP_MIN_SHARE):
        found = whatsapp.headers_to_messages(lines, headers, path)
        if any(m.sender for m in found):
            if whatsapp.is_app_export(headers, found):
                return "whatsapp", found
            return "transcript", [replace(m, channel="platform") for m in found]
    found = parse_transcript(lines, path)
    return ("transcript", found) if found else None


def chat_shaped(lines: list[str], starts: list[int], header_lines: int, min_share: float) -> bool:
    """Given a file's lines and the lines where messages start, return True if it reads as a chat.

    At least two messages; at most a short title before the first one (every
    later line belongs to a message); and headers make up `min_share` of the
    non-blank lines.
    """
    filled = [number for number, line in enumerate(lines, start=1) if line.strip()]
    if len(starts) < 2 or not filled:
        return False
    preamble = sum(number < starts[0] for number in filled)
    return preamble <= MAX_PREAMBLE_LINES and header_lines >= min_share * len(filled)


# ---------------------------------------------------------------- timestamps


_TIME = (
    r"(?:(?P<pre>{mer})\s*)?(?P<h>\d{{1,2}})[:.](?P<mi>\d{{2}})(?:[:.](?P<s>\d{{2}})(?:[.,]\d+)?)?"
    r"(?:\s*(?P<post>{mer}))?"
)
_ZONE = r"\s*(?P<zone>Z|[+-]\d{2}:?\d{2})?"


@cache
def _stamp_patterns() -> dict[str, re.Pattern[str]]:
    """Return the regexes of the date-time spellings found in platform exports."""
    time = _TIME.format(mer=whatsapp.meridiem_regex())
    joiner = marker_alternation(markers()["date_time_joiners"])  # "Sep 3, 2026 at 10:15"
    clock = rf"(?:(?:T|\s+|,\s*)(?:(?:{joiner})\s+)?{time}{_ZONE})?"
    shapes = {
        "ymd": rf"(?P<y>\d{{4}})\s*[-/.年]\s*(?P<mo>\d{{1,2}})\s*[-/.月]\s*(?P<d>\d{{1,2}})\s*日?"
        + clock,
        "dmy": rf"(?P<a>\d{{1,2}})[-/.](?P<b>\d{{1,2}})[-/.](?P<y>\d{{4}}|\d{{2}}){clock}",
        "mdy-name": rf"(?P<mon>[^\W\d_]{{3,9}})\.?\s+(?P<d>\d{{1,2}})(?:st|nd|rd|th)?,?\s+(?P<y>\d{{4}})"
        + clock,
        "dmy-name": rf"(?P<d>\d{{1,2}})\s+(?P<mon>[^\W\d_]{{3,9}})\.?,?\s+(?P<y>\d{{4}}){clock}",
    }
    return {name: re.compile(rf"^\s*{body}\s*$", re.IGNORECASE) for name, body in shapes.items()}


def parse_stamp(value: str) -> Stamp | None:
    """Given a date-time as a platform export writes it, return its Stamp, or None."""
    text = whatsapp.strip_bidi(value).strip()
    for shape, pattern in _stamp_patterns().items():
        found = pattern.match(text)
        if found is not None:
            return _match_to_stamp(shape, found)
    return None


def _match_to_stamp(shape: str, found: re.Match[str]) -> Stamp | None:
    groups = found.groupdict()
    clock = _clock(groups)
    year = whatsapp.full_year(found["y"])
    if shape == "dmy":
        return Stamp(year, whatsapp.digits_value(found["a"]), whatsapp.digits_value(found["b"]), **clock)
    month = _month(groups)
    if month is None:
        return None
    return Stamp(year, month, whatsapp.digits_value(found["d"]), fixed=True, **clock)


def _month(groups: dict[str, str | None]) -> int | None:
    if groups.get("mo"):
        return whatsapp.digits_value(groups["mo"] or "")
    return markers()["months"].get((groups.get("mon") or "").casefold())


def _clock(groups: dict[str, str | None]) -> dict[str, Any]:
    if groups.get("h") is None:
        return {"hour": 0, "minute": 0, "clock": False}
    seconds = groups.get("s")
    meridiem = groups.get("pre") or groups.get("post")
    return {
        "hour": whatsapp.hour_24(whatsapp.digits_value(groups["h"] or "0"), meridiem),
        "minute": whatsapp.digits_value(groups["mi"] or "0"),
        "seconds": whatsapp.digits_value(seconds) if seconds else None,
        "zone": groups.get("zone") or "",
    }


def stamps_to_iso(values: list[str]) -> list[str | None]:
    """Given one column of date-times, return them as ISO 8601, day/month order decided once.

    Day-first is proven by a first field above 12, month-first by a second;
    otherwise the order that keeps the messages chronological, and failing
    that month-first (US-style M/D/Y is what spreadsheets write by default).
    """
    stamps = [parse_stamp(value) for value in values]
    day_first = choose_day_first([s for s in stamps if s is not None], default=False)
    return [s.to_iso(day_first) if s is not None else None for s in stamps]


# ---------------------------------------------------------------- plain transcripts


@dataclass(frozen=True)
class _Start:
    """Where a transcript message starts: its first line and the line its body continues on."""

    line: int
    sender: str
    stamp: str
    text: str
    body_from: int


_STAMP_TEXT = (
    r"(?:\d{4}\s*[-/.年]\s*\d{1,2}\s*[-/.月]\s*\d{1,2}\s*日?|[^\W\d_]{3,9}\.?\s+\d{1,2},?\s+\d{4},?)"
    r"(?:T|\s+)(?:[^\W\d]{1,4}\s*)?\d{1,2}:\d{2}(?::\d{2})?(?:\s*[AaPp]\.?\s?[Mm]\.?)?"
)
_ONE_LINE = re.compile(
    rf"^\s*\[?(?P<ts>{_STAMP_TEXT})\]?\s+(?P<sender>[^\s:：][^:：]{{0,79}}?)\s*[:：]\s?(?P<text>.*)$"
)
_TIME_LINE = re.compile(rf"^\s*\[?(?P<ts>{_STAMP_TEXT})\]?\s*$")


def parse_transcript(lines: list[str], path: str) -> list[Message] | None:
    """Given a file's lines, return its messages if it is a copied platform chat, else None."""
    for finder in (_one_line_starts, _two_line_starts):
        starts = finder(lines)
        header_lines = sum(start.body_from - start.line for start in starts)
        if chat_shaped(lines, [s.line for s in starts], header_lines, TRANSCRIPT_MIN_SHARE):
            return _starts_to_messages(lines, starts, path)
    return None


def _one_line_starts(lines: list[str]) -> list[_Start]:
    """``2026-09-03 10:15:22 Sender: text`` (brackets around the time allowed)."""
    starts = []
    for number, line in enumerate(lines, start=1):
        found = _ONE_LINE.match(line)
        if found and parse_stamp(found["ts"]) is not None:
            sender = clean_sender(found["sender"])
            starts.append(_Start(number, sender, found["ts"], found["text"], body_from=number + 1))
    return starts


def _two_line_starts(lines: list[str]) -> list[_Start]:
    """A sender line, then a line holding only the time; the text follows."""
    starts = []
    for index in range(1, len(lines)):
        found = _TIME_LINE.match(lines[index])
        sender = lines[index - 1].strip().rstrip(":：")
        if found and sender and len(sender) <= 80 and not _TIME_LINE.match(lines[index - 1]):
            if parse_stamp(found["ts"]) is not None:
                starts.append(_Start(index, clean_sender(sender), found["ts"], "", index + 2))
    return starts


def _starts_to_messages(lines: list[str], starts: list[_Start], path: str) -> list[Message]:
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


# ---------------------------------------------------------------- CSV


@dataclass(frozen=True)
class _Row:
    number: int  # 1-based record number, as a spreadsheet shows it
    line: int  # 1-based line of the file the record starts on
    cells: list[str]


def read_csv(data: bytes, doc: Document) -> None:
    """Fill `doc` from a CSV: messages when its header names time, sender and text columns,
    else its rows as a page and a table (`doc.reader` becomes "csv")."""
    text = decode_text(data)
    if text is None:
        doc.reader = "csv"
        doc.add_problem("F001", f"{doc.path} is not text in any known encoding")
        return
    rows = csv_rows(text)
    layout = find_columns(rows)
    if layout is None:
        doc.reader = "csv"
        doc.pages.append(rows_to_page(rows, doc.path))
        return
    doc.reader = "messages"
    doc.messages = rows_to_messages(rows[layout[0] + 1 :], layout[1], doc.path)


def csv_rows(text: str) -> list[_Row]:
    """Given CSV text in any dialect, return its records; never raises on odd input.

    When the csv module gives up part-way (a NUL byte, an endless quoted cell),
    the remaining lines are split on the delimiter as they stand.
    """
    body = text.removeprefix("\ufeff")
    delimiter = _sniff_delimiter(body)
    reader = csv.reader(io.StringIO(body, newline=""), csv.excel, delimiter=delimiter)
    rows: list[_Row] = []
    line = 1
    try:
        for cells in reader:
            rows.append(_Row(len(rows) + 1, line, cells))
            line = reader.line_num + 1
    except csv.Error:
        for raw in split_lines(body)[line - 1 :]:
            rows.append(_Row(len(rows) + 1, line, raw.split(delimiter)))
            line += 1
    return rows


def _sniff_delimiter(body: str) -> str:
    """Given CSV text, return its delimiter. Only the delimiter is taken from the
    sniffer: its quote-character guesses trip over apostrophes in messages."""
    sample = "\n".join(split_lines(body)[:50])
    try:
        return csv.Sniffer().sniff(sample, delimiters=",;\t|").delimiter
    except csv.Error:
        return "\t" if sample.count("\t") > sample.count(",") else ","


def _column_key(name: str) -> str:
    return re.sub(r"[\s_\-./()（）:：]+", "", whatsapp.strip_bidi(name).casefold())


@cache
def _column_synonyms() -> dict[str, frozenset[str]]:
    columns = markers()["csv_columns"]
    return {
        role: frozenset(map(_column_key, names))
        for role, names in columns.items()
        if not role.startswith("_")
    }


def match_columns(cells: list[str]) -> dict[str, int]:
    """Given a header row, return role -> column index; an exact name beats a name containing one."""
    names = [_column_key(cell) for cell in cells]
    taken: dict[str, int] = {}
    for role, keys in _column_synonyms().items():
        free = [i for i, name in enumerate(names) if name and i not in taken.values()]
        exact = [i for i in free if names[i] in keys]
        loose = [i for i in free if any(key in names[i] for key in keys)]
        if exact or loose:
            taken[role] = (exact or loose)[0]
    return taken


def find_columns(rows: list[_Row]) -> tuple[int, dict[str, int]] | None:
    """Given CSV records, return (header index, columns) of a message log, or None.

    The header may sit below a title row or two; it must name a time (or date),
    a sender and a text column.
    """
    for index, row in enumerate(rows[:5]):
        columns = match_columns(row.cells)
        if {"sender", "text"} <= columns.keys() and columns.keys() & {"timestamp", "date"}:
            return index, columns
    return None


def rows_to_messages(rows: list[_Row], columns: dict[str, int], path: str) -> list[Message]:
    """Given the records under a message header, return one Message per non-empty record."""
    filled = [row for row in rows if any(cell.strip() for cell in row.cells)]
    stamps = stamps_to_iso([_when(row.cells, columns) for row in filled])
    return [
        Message(
            timestamp=stamp,
            sender=clean_sender(_cell(row.cells, columns.get("sender"))) or None,
            text="\n".join(split_lines(_cell(row.cells, columns.get("text")))).strip(),
            channel="platform",
            source=Source(path, line=row.line),
            attachments=_file_names(_cell(row.cells, columns.get("attachments"))),
        )
        for row, stamp in zip(filled, stamps)
    ]


def _when(cells: list[str], columns: dict[str, int]) -> str:
    """A log may split date and time into two columns; join them."""
    parts = (_cell(cells, columns.get("date")), _cell(cells, columns.get("timestamp")))
    return " ".join(part.strip() for part in parts if part.strip())


def _cell(cells: list[str], index: int | None) -> str:
    return cells[index] if index is not None and index < len(cells) else ""


def _file_names(cell: str) -> list[str]:
    return [name.strip() for name in re.split(r"[;,|\n]", cell) if name.strip()]


def rows_to_page(rows: list[_Row], path: str) -> Page:
    """Given CSV records that are not a message log, return them as one page and one table."""
    lines = [
        TextLine(" | ".join(cell.strip() for cell in row.cells), Source(path, line=row.number))
        for row in rows
        if any(cell.strip() for cell in row.cells)
    ]
    grid: list[list[str | None]] = [[cell if cell.strip() else None for cell in row.cells] for row in rows]
    return Page(number=1, lines=lines, tables=[Table(grid, Source(path, page=1))])


# ---------------------------------------------------------------- JSON


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
    from evidence.readers.text import text_to_page  # text imports this module: import late

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
                text=item["text"],
                channel=channel,
                source=Source(path, line=lines[index] if index < len(lines) else None),
                attachments=list(item.get("attachments", [])),
            )
        )
    return found


_SPACE = re.compile(r"\s*")


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
