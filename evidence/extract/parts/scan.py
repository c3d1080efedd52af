"""Line-level helpers the invoice and contract extractors share.

`labels.labeled_values` gives one value per label; the extractors of trade
documents also need to look around a label (the next lines of a party block,
the whole row of a total), to match phrase lists from data files (compiled by `evidence.phrases`), and to read
documents whose PDF text split a word ("F actuurnummer"). Those helpers live
here so that invoice.py and contract.py stay about what they extract.
"""

from __future__ import annotations

import re
from functools import cache, lru_cache
from typing import TYPE_CHECKING, Any

from evidence.extract.labels import CELL, find_labels
from evidence.phrases import compile_phrases
from evidence.reference_data import load_data

if TYPE_CHECKING:
    from evidence.extract.labels import _Hit

SEPARATORS = " \t:：#.|/-–=>()（）"
CELL_SPLIT = CELL
_CJK = re.compile(r"[\u3400-\u9fff]")
_LATIN = re.compile(r"[A-Za-z]")


@lru_cache(maxsize=8192)
def labels_in(text: str) -> tuple[_Hit, ...]:
    """Given a line, return its labels (`labels.find_labels`), cached: extractors look at a line several times."""
    return tuple(find_labels(text))


def terms() -> dict[str, Any]:
    """Return data/invoice_terms.json."""
    data: dict[str, Any] = load_data("invoice_terms.json")
    return data


@cache
def phrase_pattern(key: str) -> re.Pattern[str]:
    """Given a dotted key into invoice_terms.json ('charge_words'), return its phrases compiled (`compile_phrases`)."""
    node: Any = terms()
    for part in key.split("."):
        node = node[part]
    return compile_phrases(tuple(node))


def value_after(text: str, start: int, field: str | None = None) -> str:
    """Given a line and where a label of `field` ends, return its value up to the next label.

    A label of the same field right after it is its bilingual twin ("To 买方: X"):
    the value is read after the twin. Any other label ends the value.
    """
    rest = skip_twins(text[start:], field)
    for hit in labels_in(rest):
        if rest[: hit.start].strip(SEPARATORS):
            return clean_value(rest[: hit.start])
    return clean_value(rest)


def value_until_other(text: str, start: int, field: str) -> str:
    """Given a line and where a label of `field` ends, return its value up to a label of another field.

    Labels of the same field inside the value are words of it ("Bank: Bank of China").
    """
    rest = skip_twins(text[start:], field)
    for hit in labels_in(rest):
        if hit.field != field and rest[: hit.start].strip(SEPARATORS):
            return clean_value(rest[: hit.start])
    return clean_value(rest)


def skip_twins(rest: str, field: str | None) -> str:
    """Given the text after a label, drop the same field's bilingual twin labels that open it ("开户行 Bank: X")."""
    hits = labels_in(rest)
    while hits and hits[0].field == field and not rest[: hits[0].start].strip(SEPARATORS):
        after = rest[hits[0].end :]
        if after.strip() and not re.match(r"[\s)）\]]*(?:[:：|#]|no\b|$)", after, re.IGNORECASE):
            break  # a word of the value that happens to be a label ("Bank: Bank of China")
        rest = after
        hits = labels_in(rest)
    return rest


def clean_value(text: str) -> str:
    """Given the text after a label, return its first cell without separators around it."""
    value = text.strip().lstrip(SEPARATORS).strip()
    return value.split(CELL)[0].strip().rstrip("|").strip()


def before_labels(text: str) -> str:
    """Given a line, return its text before the first label (a name beside a label column)."""
    hits = labels_in(text)
    head = text[: hits[0].start] if hits else text
    return clean_value(head)


def cells(text: str) -> list[str]:
    """Given a line, return its spreadsheet/DOCX cells (one cell for plain text)."""
    return [cell.strip() for cell in text.split(CELL)]


def cjk_share(text: str) -> float:
    """Given text, return the share of its letters that are Chinese characters."""
    cjk = len(_CJK.findall(text))
    latin = len(_LATIN.findall(text))
    return cjk / (cjk + latin) if cjk + latin else 0.0


def split_languages(text: str) -> tuple[str, str]:
    """Given a multi-line cell, return (English lines, Chinese lines) each joined by a space."""
    latin: list[str] = []
    chinese: list[str] = []
    for line in text.splitlines():
        line = " ".join(line.split())
        if line:
            (chinese if cjk_share(line) > 0.5 else latin).append(line)
    return " ".join(latin), " ".join(chinese)
