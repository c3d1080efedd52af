"""Message Center CSV exports: a header row naming time, sender and message columns.

Any language of `csv_columns` in ``data/chat_markers.json``, any delimiter, any
encoding. A CSV without such a header is a table, not a chat: it is read as one
page and one table.
"""

from __future__ import annotations

import csv
import io
import re
from dataclasses import dataclass
from functools import cache

from evidence.readers import whatsapp
from evidence.readers.message_stamps import stamps_to_iso
from evidence.readers.messages import MAX_CELL_CHARS, READ_LIMITS
from evidence.readers.text_lines import split_lines
from evidence.readers.whatsapp import clean_sender, markers
from evidence.records import Document, Message, Page, Source, Table, TextLine
from evidence.textcodec import decode_text
from evidence.wording import counted


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
    cut = sum(len(cell) > MAX_CELL_CHARS for row in rows for cell in row.cells)
    if cut:
        rows = [_Row(row.number, row.line, [cell[:MAX_CELL_CHARS] for cell in row.cells]) for row in rows]
        doc.metadata[READ_LIMITS] = (
            f"{counted(cut, 'cell')} longer than {MAX_CELL_CHARS:,} characters: only the first {MAX_CELL_CHARS:,} of each were read"
        )
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
    # The csv module stops at a cell over its field_size_limit (131,072 characters) with an
    # error; no cell can be longer than the text, so the limit is lifted to that for this read
    # (and put back), and read_csv cuts long cells to MAX_CELL_CHARS with a note.
    before = csv.field_size_limit()
    csv.field_size_limit(max(before, len(body) + 1))
    try:
        for cells in reader:
            rows.append(_Row(len(rows) + 1, line, cells))
            line = reader.line_num + 1
    except csv.Error:
        for raw in split_lines(body)[line - 1 :]:
            rows.append(_Row(len(rows) + 1, line, raw.split(delimiter)))
            line += 1
    finally:
        csv.field_size_limit(before)
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
