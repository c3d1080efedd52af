"""A whole text as lines: split as an editor numbers them, or laid out as one page.

The text, CSV and JSON readers and the chat parsers all need these; they live
here, below every reader, so that no reader has to import another.
"""

from __future__ import annotations

import re

from evidence.records import Page, Source, TextLine

_LINE_BREAK = re.compile(r"\r\n|\r|\n")


def split_lines(text: str) -> list[str]:
    """Given a whole text, return its lines as an editor numbers them (CRLF, LF or CR)."""
    return _LINE_BREAK.split(text.removeprefix("\ufeff"))


def text_to_page(text: str, path: str) -> Page:
    """Given a whole text, return it as one page of numbered lines (1-based)."""
    lines = [
        TextLine(line.rstrip(), Source(path, line=number))
        for number, line in enumerate(text.lstrip("\ufeff").splitlines(), start=1)
    ]
    return Page(number=1, lines=lines)
