"""Plain text files: a chat export or transcript if it is one, else numbered lines."""

from __future__ import annotations

from evidence.readers import messages
from evidence.records import Document, Page, Source, TextLine
from evidence.textcodec import decode_text


def read_text(data: bytes, doc: Document) -> None:
    """Fill `doc` from a text file: messages when it parses as a chat, else its lines."""
    text = decode_text(data)
    if text is None:
        doc.add_problem("F001", f"{doc.path} is not text in any known encoding")
        return
    parsed = messages.parse_chat_text(text, doc.path)
    if parsed is not None:
        doc.reader, doc.messages = parsed
        return
    doc.pages.append(text_to_page(text, doc.path))
    if not text.strip():
        doc.add_problem("F001", f"{doc.path} holds no text")


def text_to_page(text: str, path: str) -> Page:
    """Given a whole text, return it as one page of numbered lines (1-based)."""
    lines = [
        TextLine(line.rstrip(), Source(path, line=number))
        for number, line in enumerate(text.lstrip("\ufeff").splitlines(), start=1)
    ]
    return Page(number=1, lines=lines)
