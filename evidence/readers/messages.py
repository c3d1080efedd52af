"""Message logs: WhatsApp exports, Message Center CSV/JSON and plain transcripts (being written)."""

from __future__ import annotations

from evidence.records import Document, Message


def parse_chat_text(text: str, path: str) -> tuple[str, list[Message]] | None:
    return None


def read_csv(data: bytes, doc: Document) -> None:
    from evidence.readers.text import read_text

    read_text(data, doc)


def read_json(data: bytes, doc: Document) -> None:
    from evidence.readers.text import read_text

    read_text(data, doc)
