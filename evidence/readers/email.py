"""E-mail (.eml) and mailbox (.mbox) files: one Message and one Page per e-mail.

Buyers export the thread with a supplier from Outlook, Gmail, Thunderbird, Foxmail
or QQ Mail, so the bytes are whatever those wrote: mislabelled charsets (GBK sent
as "gb2312", UTF-8 sent as "iso-8859-1"), raw UTF-8 headers, RFC 2231 and
encoded-word file names, whole files saved as UTF-16. The stdlib `email` package
with `policy.default` does the MIME work; `evidence.readers.mime` picks the body
and lists what was attached (names, types, sizes; the attachments' bytes are not
read as documents here), and `evidence.readers.mail_text` decodes text as well as
the bytes allow. This module splits a file into e-mails and turns each into a
Message and a Page.
"""

from __future__ import annotations

import codecs
import re
from dataclasses import dataclass
from email import policy
from email.parser import BytesParser
from email.utils import parsedate_to_datetime

from evidence.readers.mail_text import join_texts, one_line, unsurrogate
from evidence.readers.mime import Attachment, Parts, collect, header_text, raw_header, sender
from evidence.records import Document, Message, Page, Source, TextLine
from evidence.textcodec import decode_text

# An mbox "From " separator line: "From sender weekday month day time year".
_MBOX_FROM = re.compile(rb"^From \S+ .*\d{4}[ \t]*\r?$", re.MULTILINE)
# mboxrd escapes body lines starting with "From " as ">From " (">>From " for those).
_MBOXRD_ESCAPE = re.compile(rb"^>(>*From )", re.MULTILINE)


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
    attachments: list[Attachment]
    encrypted: str | None

    def to_message(self, path: str) -> Message:
        """Return this e-mail as one Message: the subject, a blank line, the body."""
        return Message(
            timestamp=self.timestamp,
            sender=self.sender,
            text=f"Subject: {self.subject}\n\n{self.body}",
            channel="email",
            source=Source(path, line=self.start),
            attachments=[a.name for a in self.attachments],
        )

    def to_page(self, path: str, number: int) -> Page:
        """Return this e-mail as page `number`: its header summary, a blank line, the body."""
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
    found = Parts()
    collect(mime, found)
    date_text = raw_header(mime, "Date") or ""
    return _Mail(
        start=start,
        sender=sender(mime),
        recipients=header_text(mime, "To"),
        date_text=one_line(unsurrogate(date_text)),
        timestamp=mail_timestamp(date_text),
        subject=header_text(mime, "Subject"),
        body=join_texts(found.texts),
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
        moment = parsedate_to_datetime(unsurrogate(date_header).strip())
    except (TypeError, ValueError, IndexError, OverflowError):
        return None
    return moment.isoformat(timespec="seconds")
