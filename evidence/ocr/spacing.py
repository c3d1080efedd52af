"""Spaces OCR left out between words, put back where every part is a known word.

PP-OCR's recognition model reads Latin script well but often drops the space
between two words ("Montantrecu", "Typedetransaction", "NETAPAYER",
"FACTUREN°"), and a label glued to its neighbour is a label no extractor finds.
A run of letters that is not itself a known word is split into the fewest known
words that spell it exactly; a run that cannot be spelt that way (a name, a
brand, a code) is left as it is. The vocabulary is the words of the label,
title and term lists in the package data plus data/ocr.json's joining words,
so it grows with them. Before "N°" (number) the letter N is its own word.
"""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache
from typing import Any

from evidence.reference_data import load_data

#: Runs shorter than this are left alone: short words are rarely two glued words.
MIN_RUN = 6
#: A part shorter than this must be one of data/ocr.json's joining words ("de", "à", "no"):
#: the label lists hold abbreviations ("st", "ad") that would cut names into pieces.
MIN_PART = 3
_VOCABULARY_FILES = ("labels.json", "document_kinds.json", "invoice_terms.json", "month_names.json",
                     "payment_channels.json", "shipping_terms.json", "inspection_terms.json")
_LETTERS = re.compile(r"[^\W\d_]+")
_NUMERO = "°º"


def space_points(text: str) -> list[int]:
    """Given a line OCR read, return the indices of the characters a space belongs before."""
    points: list[int] = []
    for run in _LETTERS.finditer(text):
        word = run.group()
        if not _latin(word):
            continue
        numero = run.end() < len(text) and text[run.end()] in _NUMERO and word[-1] in "nN"
        stem = word[:-1] if numero and len(word) > 1 else word
        offsets = _split(_fold(stem)) if len(stem) >= MIN_RUN else None
        points.extend(run.start() + offset for offset in offsets or ())
        if numero and stem is not word and (offsets is not None or _fold(stem) in vocabulary()):
            points.append(run.start() + len(stem))
    return points


def with_spaces(text: str) -> str:
    """The text with the spaces `space_points` finds put back."""
    for index in reversed(space_points(text)):
        text = text[:index] + " " + text[index:]
    return text


def _split(word: str) -> list[int] | None:
    """Offsets inside `word` where known words meet, the fewest parts; None when it is a word or cannot be spelt."""
    known = vocabulary()
    if word in known:
        return None
    size = len(word)
    best: list[list[int] | None] = [None] * (size + 1)
    best[0] = []
    for end in range(1, size + 1):
        for start in range(end):
            previous = best[start]
            part = word[start:end]
            if previous is None or part not in known or (len(part) < MIN_PART and part not in _joining()):
                continue
            candidate = [*previous, start] if start else []
            if best[end] is None or len(candidate) < len(best[end]):  # type: ignore[arg-type]
                best[end] = candidate
    found = best[size]
    return found if found else None


def _latin(word: str) -> bool:
    return all(ord(char) < 0x250 for char in word)


def _fold(word: str) -> str:
    """Lower case without accents: 'Reçu' and 'recu' are one word to OCR."""
    decomposed = unicodedata.normalize("NFKD", word.lower())
    return "".join(char for char in decomposed if not unicodedata.combining(char))


@lru_cache(maxsize=1)
def vocabulary() -> frozenset[str]:
    """Every Latin word of the package's label, title and term lists, and the joining words."""
    words: set[str] = set()
    for name in _VOCABULARY_FILES:
        _collect(load_data(name), words)
    _collect(load_data("ocr.json")["joining_words"], words)
    return frozenset(words)


@lru_cache(maxsize=1)
def _joining() -> frozenset[str]:
    return frozenset(_fold(word) for word in load_data("ocr.json")["joining_words"])


def _collect(data: Any, words: set[str]) -> None:
    if isinstance(data, str):
        words.update(_fold(word) for word in _LETTERS.findall(data) if _latin(word))
    elif isinstance(data, list):
        for item in data:
            _collect(item, words)
    elif isinstance(data, dict):
        for key, item in data.items():
            if not str(key).startswith("_"):  # notes, not vocabulary
                _collect(item, words)
