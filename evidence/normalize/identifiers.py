"""Document numbers and references as written: "PI-2026-0817", "2381 0936 1740 5528", "F 1234K20/1234/12".

Pure functions from a labeled value or a token to the number it holds. Which
label a number sits under, and so whether it is the document's own number or
one it cites, is decided by the extractors (extract/references.py).
"""

from __future__ import annotations

import re

from evidence.normalize.dates import find_dates

#: A long number printed in groups of digits ("2381 0936 1740 5528"): read as one identifier.
_DIGIT_GROUPS = re.compile(r"\d{3,6}(?: \d{3,6}){2,}(?![\d.,])")
#: An order number written in groups, by spaces or dashes ("1098 7654 3210 9876", "2381-0936-1740-5528"):
#: kept as written, since the platform prints it both ways.
_ORDER_GROUPS = re.compile(r"\d{3,6}(?:[ \-]\d{3,6}){2,5}(?![\d])")
_IDENTIFIER = re.compile(r"[A-Za-z0-9][A-Za-z0-9\-/_.#]*[A-Za-z0-9]|[0-9]+")
#: A token with a digit in it that may be a document number ("INV-2026/08", "4471").
NUMBER_TOKEN = re.compile(r"(?=[A-Za-z0-9\-/_.#]*\d)[A-Za-z0-9][A-Za-z0-9\-/_.#]*[A-Za-z0-9]")


def identifier_in(text: str) -> str | None:
    """Given a value, return the first token that looks like a document number (has a digit).

    Long numbers printed in groups ("2381 0936 1740 5528") are one number.
    """
    grouped = _DIGIT_GROUPS.match(text.strip())
    if grouped:
        return re.sub(r"\s", "", grouped.group(0))
    for match in _IDENTIFIER.finditer(text):
        token = match.group(0).strip(".-/#")
        if any(ch.isdigit() for ch in token) and len(token) >= 3 and find_dates(token) == []:
            return token
    return None


def grouped_order_number(text: str) -> str | None:
    """Given a labeled value, return the order number it starts with when written in digit groups, as written."""
    found = _ORDER_GROUPS.match(text.strip())
    return found.group(0) if found else None


def own_number(text: str, generic: bool = False) -> str | None:
    """Given a labeled value, return the document number it starts with, or None.

    Under a generic label ("No.") the value must be the number alone: "No. 88
    Jinhai Road" is an address. Under a specific label a short series letter
    stays with its number ("F 1234K20/1234/12") and a short number counts ("42").
    """
    value = text.strip().lstrip("#:：.").strip()
    words = value.split()
    if not words:
        return None
    if generic:
        token = identifier_in(value)
        return token if token is not None and value.startswith(token[:3]) and len(words) <= 2 else None
    if len(words) > 1 and re.fullmatch(r"[A-Z]{1,3}", words[0]) and NUMBER_TOKEN.fullmatch(words[1]):
        return f"{words[0]} {words[1]}"
    first = words[0].strip(".,;")
    if first.isdigit() and len(first) <= 2:
        return first  # a one- or two-digit number under its own label ("装箱单号: 6")
    return first if NUMBER_TOKEN.fullmatch(first) and not find_dates(first) else None


def reference_token(text: str) -> str | None:
    """Given the token after an order word in running text, return it when it can be an order number.

    It needs five digits and must not be a date: "order 2026-08-14" cites no order.
    """
    token = text.strip(".-/#:")
    digits = sum(ch.isdigit() for ch in token)
    if digits < 5 or find_dates(token):
        return None
    return token


def digits_of(token: str) -> str:
    """Given a number as written ("2381-0936 1740"), return it without spaces and dashes."""
    return re.sub(r"[\s\-]", "", token)
