"""Normalizers: turn the dates, amounts, quantities and specifications written in
documents into values the rules can compare.

Every function here is pure: text in, dataclasses out, nothing read but the data
files in ``evidence/data/``. Each module documents its own public API:

- `evidence.normalize.dates`: `find_dates`, `parse_date`, `document_order`,
  `resolve`, `find_lead_time`
- `evidence.normalize.money`: `find_amounts`, `parse_amount`, `normalize_currency`,
  `amount_in_words`
- `evidence.normalize.quantities`: `find_quantities`, `parse_quantity`,
  `find_measures`, `to_base`
- `evidence.normalize.specs`: `parse_spec_line`, `find_subjective`,
  `find_sample_references`, `find_phrases`

This module holds what they share: a width fold that keeps character offsets (`fold_width`), figures with thousands
separators (`NUMBER`, `parse_number`), Chinese numerals (`cjk_to_int`) and the choice among overlapping
matches (`without_overlaps`). Phrase lists
are turned into patterns by `evidence.phrases`.

Every finder takes one line of text (a PDF line, a cell, a message) and returns
matches with `start`/`end` offsets into that text as given, so a finding can
quote the document exactly.
"""

from __future__ import annotations

import re
from decimal import Decimal
from typing import Protocol, TypeVar


class _Span(Protocol):
    @property
    def start(self) -> int: ...
    @property
    def end(self) -> int: ...


SpanT = TypeVar("SpanT", bound=_Span)

#: Full-width ASCII (U+FF01..U+FF5E), odd spaces, dashes and curly quotes folded one character
#: for one, so offsets found in the folded text are offsets in the original.
_WIDTH_FOLD: dict[int, int] = {code: code - 0xFEE0 for code in range(0xFF01, 0xFF5F)}
_WIDTH_FOLD.update(
    {
        0x3000: 0x20,  # ideographic space
        0x00A0: 0x20,  # no-break space
        0x2009: 0x20,  # thin space
        0x202F: 0x20,  # narrow no-break space
        0x2212: 0x2D,  # minus sign
        0x2013: 0x2D,  # en dash
        0x2014: 0x2D,  # em dash
        0x2010: 0x2D,  # hyphen
        0x2011: 0x2D,  # non-breaking hyphen
        0xFE63: 0x2D,  # small hyphen-minus
        0x2018: 0x27,  # left single quotation mark
        0x2019: 0x27,  # right single quotation mark ("customer’s")
        0x201C: 0x22,  # left double quotation mark
        0x201D: 0x22,  # right double quotation mark (15.6” screens)
    }
)

_CJK_DIGITS: dict[str, int] = {
    "〇": 0, "零": 0, "○": 0,
    "一": 1, "壹": 1, "幺": 1,
    "二": 2, "贰": 2, "貳": 2, "两": 2, "兩": 2,
    "三": 3, "叁": 3, "參": 3,
    "四": 4, "肆": 4,
    "五": 5, "伍": 5,
    "六": 6, "陆": 6, "陸": 6,
    "七": 7, "柒": 7,
    "八": 8, "捌": 8,
    "九": 9, "玖": 9,
}  # fmt: skip
_CJK_SMALL_UNITS: dict[str, int] = {"十": 10, "拾": 10, "百": 100, "佰": 100, "千": 1000, "仟": 1000}
_CJK_BIG_UNITS: dict[str, int] = {"万": 10_000, "萬": 10_000, "亿": 100_000_000, "億": 100_000_000}
#: Every character that may appear in a Chinese numeral (for building patterns).
CJK_NUMERAL_CHARS = "".join([*_CJK_DIGITS, *_CJK_SMALL_UNITS, *_CJK_BIG_UNITS])




def fold_width(text: str) -> str:
    """Given text, return it with full-width ASCII, odd spaces, dashes and quotes made plain.

    The result has the same length as the input, so a match's offsets in it are
    offsets in the original text (which the caller quotes).
    """
    return text.translate(_WIDTH_FOLD)


def cjk_to_int(numeral: str) -> int | None:
    """Given a Chinese numeral ("三十五", "二〇二六", "壹万贰仟"), return its value, or None.

    Digit strings without unit characters are read digit by digit (years such as
    二〇二六); otherwise 十/百/千 scale the digit before them and 万/亿 the whole
    section before them ("十五" is 15, "一万零五" is 10005).
    """
    if not numeral or any(ch not in CJK_NUMERAL_CHARS for ch in numeral):
        return None
    if all(ch in _CJK_DIGITS for ch in numeral):
        return int("".join(str(_CJK_DIGITS[ch]) for ch in numeral))
    done = wan = section = 0
    digit: int | None = None
    for ch in numeral:
        if ch in _CJK_DIGITS:
            digit = _CJK_DIGITS[ch]
        elif ch in _CJK_SMALL_UNITS:
            # A bare 十 at the start means one ten ("十五" = 15).
            section += (1 if digit is None else digit) * _CJK_SMALL_UNITS[ch]
            digit = None
        elif _CJK_BIG_UNITS[ch] == 10_000:
            wan += (section + (digit or 0)) * 10_000
            section, digit = 0, None
        else:
            done += (wan + section + (digit or 0)) * 100_000_000
            wan, section, digit = 0, 0, None
    return done + wan + section + (digit or 0)


#: A written figure with at most one kind of thousands separator and a decimal
#: part: "12,345.00", "12.345,00", "1 234,56", "1'234.50", "1,23,456" (lakh
#: grouping), "12345". `parse_number` decides which mark is the decimal one.
NUMBER = (
    r"(?:\d{1,2}(?:,\d{2})+,\d{3}"
    r"|\d{1,3}(?:,\d{3})+|\d{1,3}(?:\.\d{3})+|\d{1,3}(?:'\d{3})+|\d{1,3}(?: \d{3})+"
    r"|\d+)(?:[.,]\d+)?"
)


#: The integer part of a figure: plain digits, or groups of three (of two then
#: three in Indian lakh grouping) joined by one kind of separator.
_GROUPED = re.compile(r"\d+|\d{1,3}(?:,\d{3})+|\d{1,3}(?:\.\d{3})+|\d{1,2}(?:,\d{2})+,\d{3}")


def json_number(value: Decimal) -> int | float:
    """Given a Decimal, return it as a JSON number: an int when whole, else a float.

    The one conversion from parsed amounts and quantities to what records and
    reports hold.
    """
    return int(value) if value == value.to_integral_value() else float(value)


def parse_number(text: str, decimal_mark: str | None = None) -> Decimal | None:
    """Given a written figure ("12,345.00", "1.234,56", "1'234.50", "1.234,-"), return its value.

    Where both marks appear, the last one is the decimal mark. A single mark
    followed by other than three digits is the decimal mark ("12.5", "0,75"). A
    single mark followed by exactly three digits is ambiguous: a comma is read
    as thousands ("1,234"), and so is a full stop when `decimal_mark` is ","
    (a euro amount "1.234", a count "1.500 pcs"); otherwise a full stop is the
    decimal mark ("1.234" kg). A leading "0" always makes it decimal ("0.125").
    A trailing ",-" means no cents. Return None for anything else.
    """
    figure = fold_width(text).strip()
    if re.search(r"['\s]", figure):
        if not re.fullmatch(r"\d{1,3}(?:['\s]\d{3})+(?:[.,]\d+|[.,]-{1,2})?", figure):
            return None
        figure = re.sub(r"['\s]", "", figure)
    whole = re.fullmatch(r"(.*\d)[.,]-{1,2}", figure)
    if whole:
        figure = whole.group(1).replace(",", "").replace(".", "")
    if not re.fullmatch(r"\d[\d.,]*", figure) or not figure[-1].isdigit():
        return None
    mark = _decimal_mark(figure, decimal_mark)
    integer, _, fraction = figure.rpartition(mark) if mark else (figure, "", "")
    if not _GROUPED.fullmatch(integer) or (mark and not fraction.isdigit()):
        return None
    digits = integer.replace(",", "").replace(".", "")
    return Decimal(f"{digits}.{fraction}" if mark else digits)


def _decimal_mark(figure: str, preferred: str | None) -> str | None:
    """Given a figure of digits, commas and full stops, return the decimal mark in it, or None."""
    commas, stops = figure.count(","), figure.count(".")
    if commas and stops:
        return "," if figure.rfind(",") > figure.rfind(".") else "."
    if not (commas or stops):
        return None
    mark = "," if commas else "."
    if commas + stops > 1:
        return None
    integer, fraction = figure.split(mark)
    if len(fraction) != 3 or integer in ("", "0"):
        return mark
    if mark == "." and preferred != ",":
        return mark
    return None


def without_overlaps(found: list[SpanT]) -> list[SpanT]:
    """Given matches from several patterns, return them left to right, the longer one kept where two overlap."""
    kept: list[SpanT] = []
    for match in sorted(found, key=lambda m: (m.start, -(m.end - m.start))):
        if not kept or match.start >= kept[-1].end:
            kept.append(match)
    return kept
