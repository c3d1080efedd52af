"""Find a file's type from its bytes, never from its name alone.

Binary formats come from their magic numbers (the `filetype` package knows the
image and video signatures); the Office formats are told apart by the parts
inside their zip; text formats (e-mail, mbox, JSON, CSV, chat exports) by
their first lines. The file name only breaks ties between text formats.
"""

from __future__ import annotations

import io
import json
import re
import zipfile
from pathlib import PurePosixPath

import filetype

from evidence.textcodec import decode_text

PDF = "pdf"
XLSX = "xlsx"
DOCX = "docx"
OLE = "ole"  # a Compound File: legacy .xls/.doc, or an encrypted .xlsx/.docx
ZIP = "zip"
IMAGE_TYPES = {"jpeg", "png", "gif", "tiff", "webp", "bmp", "heic", "avif"}
VIDEO = "video"
EML = "eml"
MBOX = "mbox"
JSON = "json"
CSV = "csv"
TOML = "toml"
TEXT = "text"
EMPTY = "empty"
BINARY = "binary"

_IMAGE_BY_MIME = {
    "image/jpeg": "jpeg",
    "image/png": "png",
    "image/gif": "gif",
    "image/tiff": "tiff",
    "image/webp": "webp",
    "image/bmp": "bmp",
    "image/heic": "heic",
    "image/heif": "heic",
    "image/avif": "avif",
}
_OLE_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
_EMAIL_HEADERS = re.compile(
    r"^(from|to|subject|date|received|return-path|message-id|mime-version|"
    r"delivered-to|reply-to|cc|x-[\w-]+|content-type|in-reply-to|references|"
    r"thread-topic|sender|dkim-signature|authentication-results):",
    re.IGNORECASE,
)
_MBOX_FROM = re.compile(r"^From \S+ .*\d{4}\s*$")


def detect(data: bytes, name: str = "") -> str:
    """Given a file's bytes (and its name as a tie-breaker), return its type label."""
    if not data.strip():
        return EMPTY
    if b"%PDF-" in data[:1024]:
        return PDF
    if data.startswith(_OLE_MAGIC):
        return OLE
    if data.startswith(b"PK\x03\x04") or data.startswith(b"PK\x05\x06"):
        return _zip_kind(data)
    kind = filetype.guess(data[:8192])
    if kind is not None:
        if kind.mime in _IMAGE_BY_MIME:
            return _IMAGE_BY_MIME[kind.mime]
        if kind.mime.startswith("video/"):
            return VIDEO
    text = decode_text(data)
    if text is None:
        return BINARY
    return _text_kind(text, PurePosixPath(name).suffix.lower())


def _zip_kind(data: bytes) -> str:
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            names = set(archive.namelist())
    except (zipfile.BadZipFile, OSError, ValueError):
        return ZIP
    if "xl/workbook.xml" in names:
        return XLSX
    if "word/document.xml" in names:
        return DOCX
    return ZIP


def _header_lines(head: str) -> int:
    """Given a text's start, return how many of the first six lines of its first block are e-mail headers."""
    block = re.split(r"\r?\n[ \t]*\r?\n", head.lstrip("\r\n"), maxsplit=1)[0].splitlines()
    return sum(bool(_EMAIL_HEADERS.match(line)) for line in block[:6])


def _text_kind(text: str, suffix: str) -> str:
    head = text.lstrip("\ufeff\u200e\r\n\t ")[:4096]
    first_lines = [ln for ln in head.splitlines()[:12] if ln.strip()]
    if first_lines and _MBOX_FROM.match(first_lines[0]):
        return MBOX
    # A message starts with its header block: a page whose title comes first and 'From:'/'To:'
    # lines later (a courier's tracking page) is no e-mail.
    if _EMAIL_HEADERS.match(first_lines[0] if first_lines else "") and _header_lines(head) >= 2:
        return EML
    if suffix == ".eml" and first_lines and _EMAIL_HEADERS.match(first_lines[0]):
        return EML
    if head[:1] in "[{" and _is_json(text):
        return JSON
    if suffix == ".toml":
        return TOML
    if suffix in {".csv", ".tsv"}:
        return CSV
    return TEXT


def _is_json(text: str) -> bool:
    try:
        json.loads(text)
    except ValueError:
        return False
    return True
