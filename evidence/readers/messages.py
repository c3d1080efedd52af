"""Message logs: which text is a chat, and the readers of the platform's own logs.

Every message keeps the line it starts on. A text file only becomes a chat when
it looks like one throughout (`chat_shaped`): an invoice with a few dated lines
stays a document. The formats are read elsewhere, one module each:

- WhatsApp's own exports: `evidence.readers.whatsapp`;
- WeChat's copied or mailed chat history: `evidence.readers.message_wechat`;
- text copied from the platform's chat window: `evidence.readers.transcript`;
- Message Center CSV exports: `evidence.readers.message_csv`;
- Message Center JSON logs: `evidence.readers.message_json`.

This module decides, for a plain text file, which of the first three it is, if any.
"""

from __future__ import annotations

from dataclasses import replace

from evidence.readers import message_wechat, transcript, whatsapp
from evidence.readers.text_lines import split_lines
from evidence.records import Message

#: A title or a "Chat with ..." line may precede a chat; more than this is a document.
MAX_PREAMBLE_LINES = 2
#: Share of non-blank lines that must be message headers. WhatsApp headers are
#: distinctive enough that long multi-line messages are fine; a transcript's
#: ``date time Name: text`` is not, so it must dominate the file.
WHATSAPP_MIN_SHARE = 0.1
TRANSCRIPT_MIN_SHARE = 0.3
#: A line of a text export longer than this is cut to it. A chat line is a message; one of a
#: million characters is a pasted file or a hostile one, and every later step (headers,
#: attachments, cues) would pay for it. Analysis reads at most 10,000 characters of a message
#: anyway (conversation/cues.py MAX_MESSAGE_CHARS); the message log notes the cut messages.
MAX_LINE_CHARS = 1_000_000
#: A cell of a CSV or JSON message export longer than this is cut to it, for the same reason.
MAX_CELL_CHARS = 1_000_000
#: The Document.metadata key under which a reader says what its limits cut (the message
#: log's extractor turns it into one note; the key is repeated there, readers being below it).
READ_LIMITS = "read_limits"


def parse_chat_text(text: str, path: str) -> tuple[str, list[Message]] | None:
    """Given a text file's content, return ("whatsapp"|"wechat"|"transcript", messages), or None.

    None means the text is not a chat (an ordinary document, or fewer than two
    messages), and the caller reads it as lines.
    """
    lines = [line[:MAX_LINE_CHARS] for line in split_lines(text)]
    headers = whatsapp.find_headers(lines)
    if chat_shaped(lines, [h.number for h in headers], len(headers), WHATSAPP_MIN_SHARE):
        found = whatsapp.headers_to_messages(lines, headers, path)
        if any(m.sender for m in found):
            if whatsapp.is_app_export(headers, found):
                return "whatsapp", found
            return "transcript", [replace(m, channel="platform") for m in found]
    wechat = message_wechat.find_starts(lines)
    days = list(message_wechat.day_lines(lines))
    if wechat and chat_shaped(lines, sorted(days + [s.line for s in wechat]),
                              message_wechat.header_lines(lines, wechat), TRANSCRIPT_MIN_SHARE):
        return "wechat", message_wechat.starts_to_messages(lines, wechat, path)
    found = parse_transcript(lines, path)
    return ("transcript", found) if found else None


def parse_transcript(lines: list[str], path: str) -> list[Message] | None:
    """Given a file's lines, return its messages if it is a copied platform chat, else None."""
    for finder in (transcript.one_line_starts, transcript.two_line_starts):
        starts = finder(lines)
        header_lines = transcript.header_lines(starts)
        if chat_shaped(lines, [s.line for s in starts], header_lines, TRANSCRIPT_MIN_SHARE):
            return transcript.starts_to_messages(lines, starts, path)
    return None


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
