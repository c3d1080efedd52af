"""E-mail (.eml) and mailbox (.mbox) files: one Message and one Page per e-mail.

Buyers export the thread with a supplier from Outlook, Gmail, Thunderbird, Foxmail
or QQ Mail, so the bytes are whatever those wrote: mislabelled charsets (GBK sent
as "gb2312", UTF-8 sent as "iso-8859-1"), raw UTF-8 headers, RFC 2231 and
encoded-word file names, whole files saved as UTF-16. The stdlib `email` package
with `policy.default` does the MIME work; this module picks the body, decodes it
as well as the bytes allow, and lists what was attached (names, types, sizes;
the attachments' bytes are not read as documents here).
"""

from __future__ import annotations

import codecs
import re
from dataclasses import dataclass, field
from email import policy
from email.header import decode_header, make_header
from email.message import Message as MimePart
from email.parser import BytesParser
from email.utils import parsedate_to_datetime
from html.parser import HTMLParser

from evidence.records import Document, Message, Page, Source, TextLine
from evidence.textcodec import decode_text

#: Content types whose body is ciphertext: the headers are all we can show.
_ENCRYPTED_TYPES = frozenset({"multipart/encrypted"})
#: Parts that only carry a signature or key material, never evidence.
_CRYPTO_TYPES = frozenset(
    {
        "application/pgp-signature",
        "application/pkcs7-signature",
        "application/x-pkcs7-signature",
        "application/pgp-keys",
    }
)
_BODY_TYPES = frozenset({"text/plain", "text/html"})
_FORWARDED_TYPES = frozenset({"message/rfc822", "message/global"})

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

# An mbox "From " separator line: "From sender weekday month day time year".
_MBOX_FROM = re.compile(rb"^From \S+ .*\d{4}[ \t]*\r?$", re.MULTILINE)
# mboxrd escapes body lines starting with "From " as ">From " (">>From " for those).
_MBOXRD_ESCAPE = re.compile(rb"^>(>*From )", re.MULTILINE)


@dataclass
class _Attachment:
    """One attached file: what the e-mail calls it, its type and decoded size."""

    name: str
    content_type: str
    size: int

    def describe(self) -> str:
        return f"{self.name} ({self.content_type}, {self.size} bytes)"


@dataclass
class _Parts:
    """What one walk of a MIME tree found: body texts, attachments, ciphertext."""

    texts: list[tuple[str, str]] = field(default_factory=list)  # (subtype, text)
    attachments: list[_Attachment] = field(default_factory=list)
    encrypted: str | None = None  # the content type that hides the body

    def absorb(self, other: _Parts, *, texts: bool = True) -> None:
        if texts:
            self.texts.extend(other.texts)
        self.attachments.extend(other.attachments)
        self.encrypted = self.encrypted or other.encrypted


@dataclass
class _Mail:
    """One e-mail, decoded: everything a Message and a Page are built from."""

    start: int
    sender: str | None
    recipients: str
    date_text: str
    timestamp: str | None
    subject: str
    body: str
    attachments: list[_Attachment]
    encrypted: str | None

    def to_message(self, path: str) -> Message:
        return Message(
            timestamp=self.timestamp,
            sender=self.sender,
            text=f"Subject: {self.subject}\n\n{self.body}",
            channel="email",
            source=Source(path, line=self.start),
            attachments=[a.name for a in self.attachments],
        )

    def to_page(self, path: str, number: int) -> Page:
        texts = [*self._summary(), "", *self.body.split("\n")]
        lines = [
            TextLine(text, Source(path, page=number, line=k))
            for k, text in enumerate(texts, start=1)
        ]
        return Page(number=number, lines=lines)

    def _summary(self) -> list[str]:
        pairs = [("From", self.sender or ""), ("To", self.recipients), ("Date", self.date_text)]
        summary = [f"{name}: {value}" for name, value in pairs if value]
        summary.append(f"Subject: {self.subject}")
        if self.attachments:
            summary.append("Attachments: " + ", ".join(a.name for a in self.attachments))
        return summary


# ---------------------------------------------------------------- entry points


def read_eml(data: bytes, doc: Document) -> None:
    """Fill `doc` from one .eml file: one Message and one Page, plus its metadata."""
    prepared = _ascii_compatible(data, doc)
    if prepared is None:
        return
    if not prepared.strip():
        doc.add_problem("F001", f"{doc.path} is an empty e-mail file")
        return
    start = _first_content_line(prepared)
    _record_mails([(start, prepared)], doc)


def read_mbox(data: bytes, doc: Document) -> None:
    """Fill `doc` from an mbox mailbox: one Message and one Page per e-mail, in file order."""
    prepared = _ascii_compatible(data, doc)
    if prepared is None:
        return
    if not prepared.strip():
        doc.add_problem("F001", f"{doc.path} is an empty mailbox file")
        return
    _record_mails(split_mbox(prepared), doc)


def split_mbox(data: bytes) -> list[tuple[int, bytes]]:
    """Given mbox bytes, return (1-based start line, bytes) for each e-mail, in order.

    Splits the way RFC 4155 describes: at "From " lines that follow a blank line
    (or open the file), so a stray "From ..." inside a body does not cut a message.
    """
    starts = [m.start() for m in _MBOX_FROM.finditer(data) if _after_blank_line(data, m.start())]
    if not starts or data[: starts[0]].strip():
        starts.insert(0, 0)
    ends = [*starts[1:], len(data)]
    mails: list[tuple[int, bytes]] = []
    line, counted = 1, 0
    for begin, end in zip(starts, ends, strict=True):
        # Count lines incrementally: a mailbox can hold thousands of e-mails.
        line += data.count(b"\n", counted, begin)
        counted = begin
        chunk = data[begin:end]
        start = line + _first_content_line(chunk) - 1
        mails.append((start, _MBOXRD_ESCAPE.sub(rb"\1", chunk)))
    return mails


# ---------------------------------------------------------------- file level


def _ascii_compatible(data: bytes, doc: Document) -> bytes | None:
    """Given a file's bytes, return them in an ASCII-compatible encoding the parser reads.

    A mail saved as UTF-16 ("Unicode" in Windows) has a NUL in every other byte
    and the MIME parser would see no headers at all, so such a file is decoded
    and re-encoded as UTF-8 first; a UTF-8 BOM would glue itself to the first
    header name. Records F001 and returns None when the bytes are not text.
    """
    data = data.removeprefix(codecs.BOM_UTF8)
    utf16_or_32 = data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE))
    if not utf16_or_32 and b"\x00" not in data[:4096]:
        return data
    text = decode_text(data)
    if text is None:
        doc.add_problem("F001", f"{doc.path} is not an e-mail in any known text encoding")
        return None
    return text.lstrip("\ufeff").encode("utf-8")


def _first_content_line(data: bytes) -> int:
    """Given file bytes, return the 1-based line of the first non-blank line."""
    blank = len(data) - len(data.lstrip(b" \t\r\n"))
    return data.count(b"\n", 0, blank) + 1


def _after_blank_line(data: bytes, offset: int) -> bool:
    if offset == 0 or data.endswith((b"\n\n", b"\n\r\n"), 0, offset):
        return True
    # Leading blank lines before the first message also count as a boundary.
    return offset < 4096 and not data[:offset].strip()


def _record_mails(chunks: list[tuple[int, bytes]], doc: Document) -> None:
    """Given the e-mails of one file, add their Messages, Pages, problems and metadata."""
    mails: list[_Mail] = []
    for start, chunk in chunks:
        try:
            mails.append(_read_mail(chunk, start))
        except Exception as exc:  # the email package raises many types on broken MIME
            reason = f"{type(exc).__name__}: {exc}".splitlines()[0][:200]
            where = f"{doc.path}: the e-mail at line {start}"
            doc.add_problem("F001", f"{where} could not be read ({reason})", line=start)
    single = len(chunks) == 1
    for number, mail in enumerate(mails, start=1):
        doc.messages.append(mail.to_message(doc.path))
        doc.pages.append(mail.to_page(doc.path, number))
        if mail.encrypted:
            doc.add_problem("F001", _encrypted_reason(doc.path, mail, single), line=mail.start)
    if single and mails and mails[0].subject:
        doc.metadata["subject"] = mails[0].subject
    described = [a.describe() for mail in mails for a in mail.attachments]
    if described:
        doc.metadata["attachments"] = "; ".join(described)


def _encrypted_reason(path: str, mail: _Mail, single: bool) -> str:
    if single:
        return f"{path} is an encrypted e-mail ({mail.encrypted}); its body cannot be read"
    where = f"{path}: the e-mail at line {mail.start}"
    return f"{where} is encrypted ({mail.encrypted}); its body cannot be read"


# ---------------------------------------------------------------- one e-mail


def _read_mail(chunk: bytes, start: int) -> _Mail:
    """Given the bytes of one e-mail and the line it starts on, return it decoded."""
    mime = BytesParser(policy=policy.default).parsebytes(chunk.lstrip(b" \t\r\n"))
    found = _Parts()
    _collect(mime, found)
    date_text = _raw_header(mime, "Date") or ""
    return _Mail(
        start=start,
        sender=_sender(mime),
        recipients=_header_text(mime, "To"),
        date_text=_one_line(_unsurrogate(date_text)),
        timestamp=mail_timestamp(date_text),
        subject=_header_text(mime, "Subject"),
        body=_join_texts(found.texts),
        attachments=found.attachments,
        encrypted=found.encrypted,
    )


def mail_timestamp(date_header: str | None) -> str | None:
    """Given a Date header as written, return it as ISO 8601 (with its UTC offset), or None.

    A header without a zone, or with "-0000" (zone unknown), gives a time
    without an offset rather than an invented one.
    """
    if date_header is None or not date_header.strip():
        return None
    try:
        moment = parsedate_to_datetime(_unsurrogate(date_header).strip())
    except (TypeError, ValueError, IndexError, OverflowError):
        return None
    return moment.isoformat(timespec="seconds")


def _sender(mime: MimePart) -> str | None:
    """Given a parsed e-mail, return its From as "Name <addr>" (comma-joined if several)."""
    header = _header_object(mime, "From")
    if header is None:
        return None
    people = [
        _person(address.display_name, address.addr_spec)
        for address in getattr(header, "addresses", ())
    ]
    text = ", ".join(p for p in people if p) or _one_line(_unsurrogate(str(header)))
    return text or None


def _person(name: str, address: str) -> str:
    name, address = _unsurrogate(name).strip(), _unsurrogate(address).strip()
    if name and address:
        return f"{name} <{address}>"
    return address or name


def _header_text(mime: MimePart, name: str) -> str:
    """Given a parsed e-mail and a header name, return the decoded value on one line."""
    header = _header_object(mime, name)
    return "" if header is None else _one_line(_unsurrogate(str(header)))


def _header_object(mime: MimePart, name: str) -> object | None:
    """Given a parsed e-mail, return its header object, or the raw value if parsing fails."""
    try:
        return mime.get(name)
    except Exception:  # policy.default's header parser has raised on odd addresses
        return _raw_header(mime, name)


def _raw_header(mime: MimePart, name: str) -> str | None:
    for key, value in mime.raw_items():
        if key.lower() == name.lower():
            return str(value)
    return None


# ---------------------------------------------------------------- MIME tree


def _collect(part: MimePart, found: _Parts) -> None:
    """Walk one MIME part, adding its body texts, attachments and encryption to `found`."""
    # Read the type once: policy.default re-parses a header on every access.
    content_type = part.get_content_type()
    maintype, subtype = content_type.split("/", 1)
    if content_type in _ENCRYPTED_TYPES or _is_smime_encrypted(part, content_type):
        found.encrypted = found.encrypted or content_type
    elif content_type in _FORWARDED_TYPES:
        _collect_forwarded(part, found)
    elif content_type == "multipart/alternative":
        _collect_alternative(part, found)
    elif part.is_multipart():
        for sub in _subparts(part):
            _collect(sub, found)
    elif maintype in {"multipart", "message"}:
        # A container whose boundary never appears: keep whatever text it holds.
        found.texts.append(("plain", part_to_text(part)))
    elif content_type in _CRYPTO_TYPES:
        return
    elif _is_attachment(part, content_type):
        found.attachments.append(_describe_attachment(part, content_type))
    else:
        found.texts.append((subtype, part_to_text(part)))


def _collect_alternative(part: MimePart, found: _Parts) -> None:
    """Take the text of the plain alternative (else the first with text), every attachment."""
    choices = []
    for sub in _subparts(part):
        choice = _Parts()
        _collect(sub, choice)
        choices.append(choice)
    with_plain = [c for c in choices if any(kind == "plain" for kind, _ in c.texts)]
    with_text = [c for c in choices if c.texts]
    chosen = next(iter(with_plain or with_text), None)
    for choice in choices:
        # Inline images hide in the HTML alternative (a pasted photo of the goods).
        found.absorb(choice, texts=choice is chosen)


def _collect_forwarded(part: MimePart, found: _Parts) -> None:
    """Add a forwarded (attached) e-mail: its headers and text, and its own attachments."""
    name = _filename(part)
    inner = next(iter(_subparts(part)), None)
    if name is not None:
        size = _size_of_message(inner)
        found.attachments.append(_Attachment(name, part.get_content_type(), size))
    if inner is None:
        return
    forwarded = _Parts()
    _collect(inner, forwarded)
    header_lines = [
        f"{label}: {value}"
        for label, value in (
            ("From", _sender(inner) or ""),
            ("Date", _one_line(_unsurrogate(_raw_header(inner, "Date") or ""))),
            ("Subject", _header_text(inner, "Subject")),
            ("To", _header_text(inner, "To")),
        )
        if value
    ]
    heading = "\n".join(["---------- Forwarded message ----------", *header_lines])
    found.texts.append(("plain", f"{heading}\n\n{_join_texts(forwarded.texts)}".rstrip()))
    found.absorb(forwarded, texts=False)


def _subparts(part: MimePart) -> list[MimePart]:
    payload = part.get_payload()
    return [p for p in payload if isinstance(p, MimePart)] if isinstance(payload, list) else []


def _is_smime_encrypted(part: MimePart, content_type: str) -> bool:
    """S/MIME enveloped data: the whole body is one encrypted application/pkcs7-mime blob."""
    if content_type not in {"application/pkcs7-mime", "application/x-pkcs7-mime"}:
        return False
    return str(part.get_param("smime-type", "enveloped-data")).lower() == "enveloped-data"


def _is_attachment(part: MimePart, content_type: str) -> bool:
    """A leaf part is an attachment unless it is an inline, unnamed plain or HTML text."""
    disposition = part.get_content_disposition()
    if disposition == "attachment" or content_type not in _BODY_TYPES:
        return True
    return disposition is None and _filename(part) is not None


def _describe_attachment(part: MimePart, content_type: str) -> _Attachment:
    payload = part.get_payload(decode=True)
    size = len(payload) if isinstance(payload, bytes) else 0
    return _Attachment(_filename(part) or f"(unnamed {content_type})", content_type, size)


def _filename(part: MimePart) -> str | None:
    """Given a part, return its file name decoded (RFC 2231, encoded words, raw UTF-8)."""
    try:
        name = part.get_filename()
    except (LookupError, ValueError, TypeError):
        name = None
    if not name:
        return None
    name = _one_line(_unsurrogate(str(name)))
    if "=?" in name:
        name = _decode_encoded_words(name)
    return name or None


def _decode_encoded_words(text: str) -> str:
    """Given a name with RFC 2047 encoded words left in it, return it decoded if possible."""
    # Some mailers put encoded words inside a quoted name, which RFC 2047 forbids.
    try:
        return str(make_header(decode_header(text)))
    except (LookupError, ValueError, UnicodeDecodeError):
        return text


def _size_of_message(inner: MimePart | None) -> int:
    if inner is None:
        return 0
    try:
        return len(inner.as_bytes())
    except Exception:  # regenerating a broken message can fail in many ways; size is cosmetic
        return 0


# ---------------------------------------------------------------- text


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


def _join_texts(texts: list[tuple[str, str]]) -> str:
    """Given the body texts of one e-mail, return them as one body without edge blank lines."""
    bodies = [_tidy(text) for _, text in texts]
    return "\n\n".join(body for body in bodies if body)


def _tidy(text: str) -> str:
    lines = [line.rstrip() for line in text.split("\n")]
    return "\n".join(lines).strip("\n")


def _one_line(text: str) -> str:
    return " ".join(text.split())


def _unsurrogate(text: str) -> str:
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
