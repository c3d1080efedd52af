"""The day/month order of one document's numeric dates, and whether it was settled or guessed.

`decide_date_order` weighs, in turn: a numeric date that can only be read one
way (``25/09/2026``); a printed format label (``DATE (MM/DD/YY)``,
``JJ/MM/AAAA``, ``TT.MM.JJJJ``: the document says how it writes dates); an
ambiguous date that matches one written with a month name; and only then,
guessed, where the document comes from, else day first. The guess is marked so
that a guessed date never decides a claim (the Reading's `settled_order`).
"""

from __future__ import annotations

import re
from functools import lru_cache

from evidence.normalize.dates import document_order, find_dates
from evidence.reference_data import load_data


def decide_date_order(texts: list[str]) -> tuple[str | None, bool]:
    """Given the lines of one document, return (its day/month order, whether it was guessed).

    None when no date needs an order. See the module docstring for what settles it.
    """
    order = document_order(texts) or order_by_label(texts) or _order_by_agreement(texts)
    if order is not None:
        return order, False
    if not any(match.ambiguous for text in texts for match in find_dates(text)):
        return None, False
    return _order_by_origin("\n".join(texts)) or "dmy", True


def order_by_label(texts: list[str]) -> str | None:
    """Given a document's lines, return the order its printed date-format labels state ("MM/DD/YY"), or None.

    Labels that contradict each other settle nothing.
    """
    seen = set()
    for text in texts:
        for match in _format_label().finditer(text):
            seen.add("mdy" if match.group("first") else "dmy")
    return seen.pop() if len(seen) == 1 else None


@lru_cache(maxsize=1)
def _letters() -> dict[str, frozenset[str]]:
    data = load_data("date_formats")["letters"]
    return {part: frozenset(word.lower() for word in words) for part, words in data.items() if part != "_about"}


@lru_cache(maxsize=1)
def _format_label() -> re.Pattern[str]:
    """Day and month letters, then a year's, joined by separators: 'MM/DD/YY', 'jj.mm.aaaa', 'DD-MM-YYYY'."""
    day, month, year = (_alternation(_letters()[part]) for part in ("day", "month", "year"))
    return re.compile(
        rf"(?<![A-Za-z])(?:(?P<first>{month})\s*[/.\-]\s*(?:{day})|(?P<dfirst>{day})\s*[/.\-]\s*(?:{month}))"
        rf"\s*[/.\-]\s*(?:{year})(?![A-Za-z])",
        re.IGNORECASE,
    )


def _alternation(words: frozenset[str]) -> str:
    return "|".join(sorted(map(re.escape, words), key=len, reverse=True))


def _order_by_agreement(texts: list[str]) -> str | None:
    certain = {m.value for text in texts for m in find_dates(text) if not m.ambiguous}
    votes = set()
    for text in texts:
        for match in find_dates(text):
            if not match.ambiguous:
                continue
            month_first = find_dates(match.text, "mdy")[0].value
            if (month_first in certain) != (match.value in certain):
                votes.add("mdy" if month_first in certain else "dmy")
    return votes.pop() if len(votes) == 1 else None


def _order_by_origin(text: str) -> str | None:
    mdy = sum(1 for _ in _origin_cues("mdy").finditer(text))
    dmy = sum(1 for _ in _origin_cues("dmy").finditer(text))
    if mdy == dmy:
        return None
    return "mdy" if mdy > dmy else "dmy"


@lru_cache(maxsize=2)
def _origin_cues(order: str) -> re.Pattern[str]:
    """Given 'mdy' or 'dmy', return one pattern of all its origin cues.

    One scan of the text finds them all: a cue alone starts with a word boundary, so
    `re` scans the whole text once per cue (48 scans, 0.4 s on a 500-page PDF). The
    cues of one order do not overlap, so counting the alternation's matches counts
    each cue's (a test keeps the list so).
    """
    cues = load_data("document_hints.json")["date_order_cues"][order]
    return re.compile("|".join(f"(?:{cue})" for cue in cues))
