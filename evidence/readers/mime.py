"""One parsed e-mail's MIME tree and headers: which parts are its body, which are attached.

The stdlib `email` package (with `policy.default`) parses; this module walks
the tree it gives: the plain alternative over the HTML one, forwarded e-mails
inlined with their headers, signatures and key material skipped, encrypted
bodies noted, and every other leaf listed as an attachment (name, type, size;
its bytes are not read as a document).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from email.header import decode_header, make_header
from email.message import Message as MimePart

from evidence.readers.mail_text import join_texts, one_line, part_to_text, unsurrogate

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


@dataclass
class Attachment:
    """One attached file: what the e-mail calls it, its type and decoded size."""

    name: str
    content_type: str
    size: int

    def describe(self) -> str:
        """Return "name (type, size bytes)", as the document metadata lists attachments."""
        return f"{self.name} ({self.content_type}, {self.size} bytes)"


@dataclass
class Parts:
    """What one walk of a MIME tree found: body texts, attachments, ciphertext."""

    texts: list[tuple[str, str]] = field(default_factory=list)  # (subtype, text)
    attachments: list[Attachment] = field(default_factory=list)
    encrypted: str | None = None  # the content type that hides the body

    def absorb(self, other: Parts, *, texts: bool = True) -> None:
        """Add what `other` found to this walk (its texts only when `texts`)."""
        if texts:
            self.texts.extend(other.texts)
        self.attachments.extend(other.attachments)
        self.encrypted = self.encrypted or other.encrypted



# ---------------------------------------------------------------- headers


def sender(mime: MimePart) -> str | None:
    """Given a parsed e-mail, return its From as "Name <addr>" (comma-joined if several)."""
    header = _header_object(mime, "From")
    if header is None:
        return None
    people = [
        _person(address.display_name, address.addr_spec)
        for address in getattr(header, "addresses", ())
    ]
    text = ", ".join(p for p in people if p) or one_line(unsurrogate(str(header)))
    return text or None


def _person(name: str, address: str) -> str:
    name, address = unsurrogate(name).strip(), unsurrogate(address).strip()
    if name and address:
        return f"{name} <{address}>"
    return address or name


def header_text(mime: MimePart, name: str) -> str:
    """Given a parsed e-mail and a header name, return the decoded value on one line."""
    header = _header_object(mime, name)
    return "" if header is None else one_line(unsurrogate(str(header)))


def _header_object(mime: MimePart, name: str) -> object | None:
    """Given a parsed e-mail, return its header object, or the raw value if parsing fails."""
    try:
        return mime.get(name)
    except Exception:  # policy.default's header parser has raised on odd addresses
        return raw_header(mime, name)


def raw_header(mime: MimePart, name: str) -> str | None:
    """Given a parsed e-mail and a header name, return the value as written (undecoded), or None."""
    for key, value in mime.raw_items():
        if key.lower() == name.lower():
            return str(value)
    return None


# ---------------------------------------------------------------- MIME tree


def collect(part: MimePart, found: Parts) -> None:
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
            collect(sub, found)
    elif maintype in {"multipart", "message"}:
        # A container whose boundary never appears: keep whatever text it holds.
        found.texts.append(("plain", part_to_text(part)))
    elif content_type in _CRYPTO_TYPES:
        return
    elif _is_attachment(part, content_type):
        found.attachments.append(_describe_attachment(part, content_type))
    else:
        found.texts.append((subtype, part_to_text(part)))


def _collect_alternative(part: MimePart, found: Parts) -> None:
    """Take the text of the plain alternative (else the first with text), every attachment."""
    choices = []
    for sub in _subparts(part):
        choice = Parts()
        collect(sub, choice)
        choices.append(choice)
    with_plain = [c for c in choices if any(kind == "plain" for kind, _ in c.texts)]
    with_text = [c for c in choices if c.texts]
    chosen = next(iter(with_plain or with_text), None)
    for choice in choices:
        # Inline images hide in the HTML alternative (a pasted photo of the goods).
        found.absorb(choice, texts=choice is chosen)


def _collect_forwarded(part: MimePart, found: Parts) -> None:
    """Add a forwarded (attached) e-mail: its headers and text, and its own attachments."""
    name = _filename(part)
    inner = next(iter(_subparts(part)), None)
    if name is not None:
        size = _size_of_message(inner)
        found.attachments.append(Attachment(name, part.get_content_type(), size))
    if inner is None:
        return
    forwarded = Parts()
    collect(inner, forwarded)
    header_lines = [
        f"{label}: {value}"
        for label, value in (
            ("From", sender(inner) or ""),
            ("Date", one_line(unsurrogate(raw_header(inner, "Date") or ""))),
            ("Subject", header_text(inner, "Subject")),
            ("To", header_text(inner, "To")),
        )
        if value
    ]
    heading = "\n".join(["---------- Forwarded message ----------", *header_lines])
    found.texts.append(("plain", f"{heading}\n\n{join_texts(forwarded.texts)}".rstrip()))
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


def _describe_attachment(part: MimePart, content_type: str) -> Attachment:
    payload = part.get_payload(decode=True)
    size = len(payload) if isinstance(payload, bytes) else 0
    return Attachment(_filename(part) or f"(unnamed {content_type})", content_type, size)


def _filename(part: MimePart) -> str | None:
    """Given a part, return its file name decoded (RFC 2231, encoded words, raw UTF-8)."""
    try:
        name = part.get_filename()
    except (LookupError, ValueError, TypeError):
        name = None
    if not name:
        return None
    name = one_line(unsurrogate(str(name)))
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
