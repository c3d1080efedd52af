"""Words OCR glued together or misspelt with digits, put right where every part is a known word.

PP-OCR's recognition model reads Latin script well but often drops the space
between two words ("Montantrecu", "Typedetransaction", "NETAPAYER",
"FACTUREN°"), between a word and a number ("Nov2026", "86cartons"), and reads
an O as a zero ("12 0ct 2026"). A label glued to its neighbour, or a month with
a zero in it, is one no extractor finds. So, in each box of text:

- a run of letters that is not itself a known word is split into the fewest
  known words that spell it exactly; a run that cannot be spelt that way (a
  name, a brand, a code) is left as it is;
- a known word (a month of three letters or more, a currency code, another
  word of four) and a number that touch are parted, and so is a unit from the
  number after it ('26cm860pcs': '26cm 860pcs');
- a word with a 0, 1 or 5 among its letters becomes the known word those
  letters spell (0ct -> Oct, To1al -> Total); a code with other digits is left.

The vocabulary is the words of the label, title, month and term lists in the
package data plus data/ocr.json's joining words, so it grows with them. Before
"N°" (number) the letter N is its own word. Nothing is ever removed: a repair
changes characters one for one or adds a space.
"""

from __future__ import annotations

import re
from functools import lru_cache
from typing import Any

from evidence.phrases import without_accents
from evidence.reference_data import load_data

#: Runs shorter than this are left alone: short words are rarely two glued words.
MIN_RUN = 6
#: A part shorter than this must be one of data/ocr.json's joining words ("de", "à", "no"):
#: the label lists hold abbreviations ("st", "ad") that would cut names into pieces.
MIN_PART = 3
#: A word this long or longer (a month: three) is parted from a number it touches.
MIN_WORD_BY_NUMBER = 4
_VOCABULARY_FILES = ("labels.json", "document_kinds.json", "invoice_terms.json", "month_names.json",
                     "payment_channels.json", "shipping_terms.json", "inspection_terms.json")
_ENGLISH_MONTHS = ("january", "february", "march", "april", "may", "june", "july", "august", "september",
                   "october", "november", "december", "jan", "feb", "mar", "apr", "jun", "jul", "aug", "sep",
                   "sept", "oct", "nov", "dec")
_LETTERS = re.compile(r"[^\W\d_]+")
_NUMBER_AFTER = re.compile(r"\d[\d,.]*")
_NUMBER_BEFORE = re.compile(r"\d[\d,.]*$")
_LETTERS_AFTER = re.compile(r"[^\W\d_]+")
_LETTERS_BEFORE = re.compile(r"[^\W\d_]+$")
_MIXED = re.compile(r"[^\W_]*[^\W\d_][^\W_]*")  # a token of letters and digits with a letter in it
_DIGIT_AS_LETTER = str.maketrans({"0": "o", "1": "l", "5": "s"})
_NUMERO = "°º"


def repaired(text: str) -> tuple[str, list[int]]:
    """Given a box's text, return it with misread digits put right (same length) and the indices
    of the characters a space belongs before."""
    text = _letters_for_digits(text)
    points = set(_glued_words(text)) | set(_word_and_number(text))
    return text, sorted(points)


def with_spaces(text: str) -> str:
    """The text as `repaired` puts it right, spaces added."""
    text, points = repaired(text)
    for index in reversed(points):
        text = text[:index] + " " + text[index:]
    return text


def _letters_for_digits(text: str) -> str:
    """'0ct' -> 'Oct' where the digits read as letters spell a known word; codes stay as they are."""
    def fix(match: re.Match[str]) -> str:
        token = match.group()
        if token.isalpha() or len(token) < 3 or any(c.isdigit() and c not in "015" for c in token):
            return token
        if sum(c.isalpha() for c in token) < 2 or _fold(token.translate(_DIGIT_AS_LETTER)) not in vocabulary():
            return token
        upper = sum(c.isupper() for c in token) > sum(c.islower() for c in token)
        return "".join(_as_letter(c, upper) if c.isdigit() else c for c in token)

    return _MIXED.sub(fix, text)


def _as_letter(digit: str, upper: bool) -> str:
    letter = digit.translate(_DIGIT_AS_LETTER)
    return letter.upper() if upper or letter == "o" else letter


def _glued_words(text: str) -> list[int]:
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


def _word_and_number(text: str) -> list[int]:
    """Where a known word and a number touch ('Nov2026', '86cartons', 'USD9.50USD'), or a unit
    and the next number ('26cm860pcs'): '26cm' itself is a measure and stays as it is."""
    points: list[int] = []
    for run in _LETTERS.finditer(text):
        word = _fold(run.group())
        if not _latin(word):
            continue
        # Only a whole number counts: in a code ('TWD5PAQ3GEB', 'ABC123XY') letters and digits belong together.
        # A month is parted from any figure it touches ('onorbefore15September'): codes hold no months.
        month = word in _ENGLISH_MONTHS
        before = _number_between(text, run.start(), backwards=True) or (month and run.start() > 0
                                                                         and text[run.start() - 1].isdigit())
        after = _number_between(text, run.end(), backwards=False) or (month and run.end() < len(text)
                                                                      and text[run.end()].isdigit())
        if _known_by_number(word) or run.group() in _currency_codes():
            points.extend(index for index, touches in ((run.start(), before), (run.end(), after)) if touches)
        elif after and before and word in _units():
            points.append(run.end())
    return points


def _number_between(text: str, edge: int, backwards: bool) -> bool:
    """A number touches the letters at `edge`, and on its far side is no letter, or a known word
    ('9.50USD'), never the rest of a code ('5PAQ3GEB')."""
    if backwards:
        number = _NUMBER_BEFORE.search(text, 0, edge)
        if number is None:
            return False
        far = _LETTERS_BEFORE.search(text, 0, number.start())
    else:
        number = _NUMBER_AFTER.match(text, edge)
        if number is None:
            return False
        far = _LETTERS_AFTER.match(text, number.end())
    if far is None:
        return True
    word = far.group()
    return _known_by_number(_fold(word)) or word in _currency_codes() or _fold(word) in _units()


def _known_by_number(word: str) -> bool:
    return word in _ENGLISH_MONTHS or (len(word) >= MIN_WORD_BY_NUMBER and word in vocabulary())


@lru_cache(maxsize=1)
def _currency_codes() -> frozenset[str]:
    """ISO codes as printed (upper case): 'USD9.50' is a code and an amount."""
    listed = load_data("currencies.json")["currencies"]
    return frozenset(code for entry in listed.values() for code in entry.get("codes", ()) if code.isalpha())


@lru_cache(maxsize=1)
def _units() -> frozenset[str]:
    listed = load_data("units.json")["units"]
    return frozenset(_fold(alias) for entry in listed.values() for alias in entry["aliases"] if alias.isalpha())


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
    return without_accents(word.lower())


@lru_cache(maxsize=1)
def vocabulary() -> frozenset[str]:
    """Every Latin word of the package's label, title, month and term lists, and the joining words."""
    words: set[str] = set(_ENGLISH_MONTHS)
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
            _collect(key, words)  # month_names.json keeps its foreign names as keys
            if not str(key).startswith("_"):  # notes, not vocabulary
                _collect(item, words)
