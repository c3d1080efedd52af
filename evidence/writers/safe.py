"""Text from a bundle made safe to show: one helper every writer (and the command line) uses.

File names and extracted text come from whoever made the bundle. A zip member
named "x\\nverdict: ready" must not print a line of its own into a report, and an
escape sequence in a PDF's text must not reach the terminal that shows it. So
control characters are shown as escapes (``\\n``, ``\\x1b``, ``\\u009b``), as are
the invisible characters that reorder or break lines (bidi overrides, U+2028).
Names that are not UTF-8 arrive surrogate-escaped (os.fsdecode): each raw byte
is shown as ``\\xNN``, never written as a lone surrogate.
"""

from __future__ import annotations

import json
import re
from typing import Any

_NAMED = {"\n": "\\n", "\r": "\\r", "\t": "\\t"}
# C0 controls, DEL, C1 controls, surrogates, line/paragraph separators, bidi embeddings/overrides/isolates.
_UNSAFE = "\x00-\x08\x0a-\x1f\x7f-\x9f\ud800-\udfff\u2028\u2029\u202a-\u202e\u2066-\u2069"
_UNSAFE_TEXT = re.compile(f"[{_UNSAFE}]")
_UNSAFE_NAME = re.compile(f"[\t{_UNSAFE}]")
# What json.dumps(ensure_ascii=False) leaves raw but a terminal or a JSON parser may trip on.
_RAW_IN_JSON = re.compile("[\x7f-\x9f\ud800-\udfff\u2028\u2029\u202a-\u202e\u2066-\u2069]")


def shown(text: object, tabs: bool = False) -> str:
    """Given a name or a piece of extracted text, return it on one line with no control characters.

    A tab is kept only with `tabs` (an excerpt of a document's own lines); in a
    name or a message it is shown as ``\\t``.
    """
    text = str(text)
    pattern = _UNSAFE_TEXT if tabs else _UNSAFE_NAME
    return pattern.sub(_escape, text) if pattern.search(text) else text


def _escape(match: re.Match[str]) -> str:
    char = match.group()
    code = ord(char)
    if char in _NAMED:
        return _NAMED[char]
    if code < 0x80:
        return f"\\x{code:02x}"
    if 0xDC80 <= code <= 0xDCFF:  # a byte that was not UTF-8, surrogate-escaped by os.fsdecode
        return f"\\x{code - 0xDC00:02x}"
    return f"\\u{code:04x}"


def json_text(data: Any) -> str:
    """Given JSON-able data, return indented JSON that is valid UTF-8 whatever strings it holds.

    Control characters are JSON escapes (json.dumps already escapes C0); a
    surrogate-escaped byte becomes the text ``\\xNN``, since JSON cannot carry it.
    """
    text = json.dumps(data, ensure_ascii=False, indent=2) + "\n"
    return _RAW_IN_JSON.sub(_json_escape, text) if _RAW_IN_JSON.search(text) else text


def _json_escape(match: re.Match[str]) -> str:
    code = ord(match.group())
    if 0xD800 <= code <= 0xDFFF:  # inside a JSON string: a visible backslash, then the byte
        return "\\" + _escape(match)
    return f"\\u{code:04x}"
