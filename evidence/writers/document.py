"""Show what was read from one file (`evidence extract`), as text or JSON."""

from __future__ import annotations

import json

from evidence.records import Document, Record, document_to_dict
from evidence.writers.safe import json_text, shown
from evidence.writers.style import counted

EXCERPT_LINES = 40
TABLE_ROWS = 8
MESSAGES_SHOWN = 20


def document_to_json(doc: Document, record: Record, include_words: bool = False) -> str:
    """Given a Document and its Record, return them as JSON (every word and its box with `include_words`)."""
    data = document_to_dict(doc, include_words)
    data["record"] = record.to_dict()
    return json_text(data)


def document_to_text(doc: Document, record: Record) -> str:
    """Given a Document and its Record, return a short human summary of what the tool sees in it.

    Names and text from the file are shown on their own lines with control characters escaped
    (`shown`); the excerpt of the document's own lines keeps its tabs.
    """
    out = [
        f"file:     {doc.path}",
        f"type:     {doc.filetype} (reader: {doc.reader})",
        f"size:     {doc.size} bytes, sha256 {doc.sha256}",
    ]
    out += [f"{key + ':':<10}{value}" for key, value in sorted(doc.metadata.items())]
    out += [f"problem:  {p.code} {p.reason}" for p in [*doc.problems, *record.problems]]
    out = [shown(line) for line in out]
    if doc.pages:
        out.append(f"pages:    {len(doc.pages)}")
        out += [shown(line, tabs=True) for line in _excerpt(doc)]
    if doc.messages:
        out += [shown(line) for line in _messages(doc)]
    if doc.image:
        out += [shown(line) for line in _image(doc)]
    out += [shown(line) for line in _record(record)]
    return "\n".join(out) + "\n"


def _record(record: Record) -> list[str]:
    out = [f"kind:     {record.kind} (confidence {record.confidence:.2f})"]
    for name, value in sorted(record.fields.items()):
        out.append(f"  {name}: {json.dumps(value.value, ensure_ascii=False)}  [{value.source}]")
    for number, item in enumerate(record.items, start=1):
        cells = ", ".join(f"{k}={json.dumps(v.value, ensure_ascii=False)}" for k, v in item.items())
        out.append(f"  item {number}: {cells}")
    for event in record.events:
        out.append(f"  event {event.kind} by {event.actor} [{event.source}]: {event.quote[:90]}")
    out += [f"  note: {note}" for note in record.notes]
    return out


def _excerpt(doc: Document) -> list[str]:
    out: list[str] = []
    listed = 0
    for page in doc.pages:
        title = f"--- page {page.number}" + (f" ({page.name})" if page.name else "")
        out.append(f"{title}: {counted(len(page.lines), 'line')}, {counted(len(page.words), 'word')}, {counted(len(page.tables), 'table')}")
        for line in page.lines:
            if listed >= EXCERPT_LINES:
                break
            out.append(f"  {line.source.line or '':>4} {line.text}")
            listed += 1
        for number, table in enumerate(page.tables, start=1):
            out.append(f"  table {number}: {len(table.rows)} rows")
            out += ["    " + " | ".join(c or "" for c in row) for row in table.rows[:TABLE_ROWS]]
    if listed >= EXCERPT_LINES:
        out.append(f"  ... (first {EXCERPT_LINES} lines shown; --format json shows all)")
    return out


def _messages(doc: Document) -> list[str]:
    out = [f"messages: {len(doc.messages)}"]
    for m in doc.messages[:MESSAGES_SHOWN]:
        first = m.text.splitlines()[0] if m.text else ""
        attach = f" [+{', '.join(m.attachments)}]" if m.attachments else ""
        who = "(system)" if m.system else (m.sender or "?")
        out.append(f"  line {m.source.line}: {m.timestamp or '(no date)'} [{m.channel}] {who}: {first[:100]}{attach}")
    if len(doc.messages) > MESSAGES_SHOWN:
        out.append(f"  ... {len(doc.messages) - MESSAGES_SHOWN} more")
    return out


def _image(doc: Document) -> list[str]:
    image = doc.image
    assert image is not None
    camera = " ".join(p for p in (image.camera_make, image.camera_model) if p) or "unknown"
    return [
        f"image:    {image.format}, {image.width}x{image.height} ({image.megapixels:.1f} MP)",
        f"taken:    {image.captured_at or 'no capture date'}",
        f"camera:   {camera}",
    ]
