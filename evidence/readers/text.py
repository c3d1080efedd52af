"""Plain text files: a chat export or transcript if it is one, else numbered lines."""

from __future__ import annotations

from evidence.readers.messages import parse_chat_text
from evidence.readers.text_lines import text_to_page
from evidence.records import Document
from evidence.textcodec import decode_text


def read_text(data: bytes, doc: Document) -> None:
    """Fill `doc` from a text file: messages when it parses as a chat, else its lines."""
    text = decode_text(data)
    if text is None:
        doc.add_problem("F001", f"{doc.path} is not text in any known encoding")
        return
    parsed = parse_chat_text(text, doc.path)
    if parsed is not None:
        doc.reader, doc.messages = parsed
        return
    doc.pages.append(text_to_page(text, doc.path))
    if not text.strip():
        doc.add_problem("F001", f"{doc.path} holds no text")
