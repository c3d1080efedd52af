"""The text of an e-mail: body bytes in whatever charset the mailer wrote, HTML, raw header bytes.

Mailers label text with the base charset while writing a superset of it, send
UTF-8 labelled as Latin-1, or put raw UTF-8 in headers; each function here
reads such text as well as the bytes allow.
"""

from __future__ import annotations

import codecs
import re
from email.message import Message as MimePart
from html.parser import HTMLParser

from evidence.textcodec import decode_text

# Mailers label text with the base charset while writing its superset (Chinese
# Windows writes GBK as "gb2312", Outlook writes cp1252 quotes as "iso-8859-1");
# decoding with the superset reads the same bytes right and never reads worse.
_SUPERSETS = {
    "gb2312": "gb18030",
    "gbk": "gb18030",
    "x-gbk": "gb18030",
    "euc-cn": "gb18030",
    "cp936": "gb18030",
    "euc_kr": "cp949",
    "shift_jis": "cp932",
    "big5": "big5hkscs",
    "iso8859-1": "cp1252",
    "ascii": "cp1252",
}
# Single-byte charsets decode any bytes "successfully", so a UTF-8 body mislabelled
# as one of them would silently turn into mojibake: try UTF-8 first for these.
_SINGLE_BYTE_PREFIXES = ("iso8859", "cp125", "latin", "ascii", "mac-", "koi8")


def part_to_text(part: MimePart) -> str:
    """Given a text/plain or text/html part, return its text, decoded and with LF line ends."""
    payload = part.get_payload(decode=True)
    if not isinstance(payload, bytes):
        return ""
    text = bytes_to_text(payload, part.get_content_charset())
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    if part.get_content_subtype() == "html":
        return html_to_text(text)
    return text


def bytes_to_text(payload: bytes, charset: str | None) -> str:
    """Given a decoded body and its declared charset, return the text as well as it reads.

    Tries the declared charset (its superset; UTF-8 before a single-byte one),
    then charset-normalizer's guess, then the declared charset again with U+FFFD
    for what stays unreadable.
    """
    codec = _codec(charset)
    if codec is None or codec.startswith(_SINGLE_BYTE_PREFIXES):
        attempts = ["utf-8", codec] if codec else ["utf-8"]
    else:
        attempts = [codec]
    for attempt in attempts:
        try:
            return payload.decode(attempt)
        except UnicodeDecodeError:
            continue
    guessed = decode_text(payload)
    if guessed is not None:
        return guessed
    return payload.decode(codec or "utf-8", errors="replace")


def _codec(charset: str | None) -> str | None:
    """Given a declared charset, return the Python codec to read it with, or None if unknown."""
    if not charset:
        return None
    cleaned = charset.strip().strip("\"'").lower()
    cleaned = _SUPERSETS.get(cleaned, cleaned)
    try:
        name = codecs.lookup(cleaned).name
    except LookupError:
        return None
    return _SUPERSETS.get(name, name)


def join_texts(texts: list[tuple[str, str]]) -> str:
    """Given the body texts of one e-mail, return them as one body without edge blank lines."""
    bodies = [_tidy(text) for _, text in texts]
    return "\n\n".join(body for body in bodies if body)


def _tidy(text: str) -> str:
    lines = [line.rstrip() for line in text.split("\n")]
    return "\n".join(lines).strip("\n")


def one_line(text: str) -> str:
    """Given a header value, return it on one line, each run of whitespace as one space."""
    return " ".join(text.split())


def unsurrogate(text: str) -> str:
    """Given a str holding raw bytes as surrogate escapes, return it decoded (UTF-8 first)."""
    if not any("\udc80" <= ch <= "\udcff" for ch in text):
        return text
    raw = text.encode("utf-8", "surrogateescape")
    try:
        return raw.decode("utf-8")
    except UnicodeDecodeError:
        return decode_text(raw) or raw.decode("utf-8", errors="replace")


# ---------------------------------------------------------------- HTML


_BLOCK_TAGS = frozenset(
    {
        "br", "p", "div", "tr", "li", "ul", "ol", "table", "blockquote", "hr", "pre",
        "h1", "h2", "h3", "h4", "h5", "h6", "dt", "dd", "section", "article", "header",
        "footer", "address", "center",
    }
)  # fmt: skip
# Rows and items break before themselves only, so a table or list stays without gaps.
_OPEN_ONLY_TAGS = frozenset({"br", "tr", "li"})
_CELL_TAGS = frozenset({"td", "th"})
_HIDDEN_TAGS = frozenset({"script", "style", "title"})


class _HtmlToText(HTMLParser):
    """Collect an HTML body's text, with a line break wherever a block starts or ends."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.chunks: list[str] = []
        self._hidden = 0

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in _HIDDEN_TAGS:
            self._hidden += 1
        elif tag in _BLOCK_TAGS:
            self.chunks.append("\n")
        elif tag in _CELL_TAGS:
            self.chunks.append(" ")

    def handle_endtag(self, tag: str) -> None:
        if tag in _HIDDEN_TAGS:
            self._hidden = max(0, self._hidden - 1)
        elif tag in _BLOCK_TAGS and tag not in _OPEN_ONLY_TAGS:
            self.chunks.append("\n")

    def handle_data(self, data: str) -> None:
        if not self._hidden:
            # Whitespace in HTML source is layout, not text: runs render as one space.
            self.chunks.append(re.sub(r"\s+", " ", data))


def html_to_text(html: str) -> str:
    """Given an HTML body, return its visible text, one line per block, no blank-line runs."""
    parser = _HtmlToText()
    parser.feed(html)
    parser.close()
    lines = [line.strip() for line in "".join(parser.chunks).split("\n")]
    kept: list[str] = []
    for line in lines:
        if line or (kept and kept[-1]):
            kept.append(line)
    return "\n".join(kept).strip("\n")
