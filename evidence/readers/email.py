"""E-mail (.eml) and mailbox (.mbox) files (being written: read as text for now)."""

from __future__ import annotations

from evidence.records import Document


def read_eml(data: bytes, doc: Document) -> None:
    from evidence.readers.text import read_text

    read_text(data, doc)


read_mbox = read_eml
