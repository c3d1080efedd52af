"""Turn the bytes of a text file into text, whatever its encoding.

Chat exports and e-mails from suppliers arrive as UTF-8, UTF-16 (Windows
"Unicode" saves) or GB18030/GBK (Chinese Windows). charset-normalizer guesses the
encoding; a few cheap checks first keep the common cases exact and fast.
"""

from __future__ import annotations

import codecs

from charset_normalizer import from_bytes

_BOMS = (
    (codecs.BOM_UTF8, "utf-8-sig"),
    (codecs.BOM_UTF32_LE, "utf-32"),
    (codecs.BOM_UTF32_BE, "utf-32"),
    (codecs.BOM_UTF16_LE, "utf-16"),
    (codecs.BOM_UTF16_BE, "utf-16"),
)
# Control characters that never occur in real text; their share tells binary from text.
_CONTROL = set(range(0, 9)) | {11, 14, 15, 16, 17, 18, 19, 20, 21, 22, 23, 24, 25, 26, 27, 28, 29, 30, 31}


def decode_text(data: bytes) -> str | None:
    """Given raw bytes, return the decoded text, or None when the bytes are not text."""
    for bom, encoding in _BOMS:
        if data.startswith(bom):
            return _decode_or_none(data, encoding)
    utf16 = _bomless_utf16(data)
    if utf16 is not None:
        return _decode_or_none(data, utf16)
    if b"\x00" in data[:4096]:
        return None
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError:
        pass
    best = from_bytes(data[:1_000_000]).best()
    if best is None:
        return None
    text = _decode_or_none(data, best.encoding)
    if text is None or _looks_binary(text):
        return None
    return text


def _bomless_utf16(data: bytes) -> str | None:
    """UTF-16 without a BOM shows as NULs in every other byte of ASCII text."""
    sample = data[:2048]
    if len(sample) < 8:
        return None
    even_nuls = sample[0::2].count(0) / len(sample[0::2])
    odd_nuls = sample[1::2].count(0) / len(sample[1::2])
    if odd_nuls > 0.4 and even_nuls < 0.05:
        return "utf-16-le"
    if even_nuls > 0.4 and odd_nuls < 0.05:
        return "utf-16-be"
    return None


def _decode_or_none(data: bytes, encoding: str) -> str | None:
    try:
        return data.decode(encoding)
    except (UnicodeDecodeError, LookupError):
        return None


def _looks_binary(text: str) -> bool:
    sample = text[:4096]
    if not sample:
        return False
    controls = sum(1 for ch in sample if ord(ch) in _CONTROL)
    return controls / len(sample) > 0.02
