"""Phrase lists from data files, compiled to patterns that forgive layout differences."""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from functools import lru_cache, wraps
from typing import Any, TypeVar

_Item = TypeVar("_Item")


def phrase_anchor(phrase: str) -> str:
    """The phrase's first word, lower-cased: a lower-cased text without it cannot match its pattern.

    Checking `anchor in text.lower()` first skips most of a long phrase list at the
    cost of one substring test each, instead of a regex search each.
    """
    parts = [part for part in re.split(r"[\s\-.]+", phrase.strip().lower()) if part]
    return parts[0] if parts else ""


def phrase_to_pattern(phrase: str) -> re.Pattern[str]:
    """Given 'pro forma invoice', return a pattern also matching 'PRO-FORMA  INVOICE' or 'PROFORMA INVOICE'."""
    parts = [re.escape(part) for part in re.split(r"[\s\-.]+", phrase.strip()) if part]
    body = r"[\s\-.]*".join(parts)
    if phrase.rstrip().endswith("."):
        body += r"\.?"
    if phrase.isascii():
        # Latin phrases match whole words only: 'pi' must not match 'shipping'.
        return re.compile(rf"(?<![A-Za-z0-9]){body}(?![A-Za-z0-9])", re.IGNORECASE)
    return re.compile(body, re.IGNORECASE)


@dataclass(frozen=True)
class PhraseMatch:
    """One occurrence of a phrase of a PhraseList: the tag given with the phrase, and where it is."""

    tag: Any
    text: str
    start: int
    end: int


class PhraseList:
    """Tagged phrases, longest first, found in a text without overlaps: a longer phrase hides those inside it.

    Each phrase is tried only when the text holds its anchor (its first word), and
    each anchor is tested once for all the phrases that share it ('invoice no.',
    'invoice date'), so a line costs a few substring tests, not a regex per phrase.
    """

    def __init__(self, tagged: Iterable[tuple[Any, str]]) -> None:
        ordered = sorted(tagged, key=lambda item: -len(item[1]))
        self.tags = tuple(tag for tag, _ in ordered)
        self.patterns = tuple(phrase_to_pattern(text) for _, text in ordered)
        positions: dict[str, list[int]] = {}
        for position, (_, text) in enumerate(ordered):
            positions.setdefault(phrase_anchor(text), []).append(position)
        self._by_anchor = {anchor: tuple(found) for anchor, found in positions.items()}

    def find(self, text: str, keep: Callable[[str, int, int], bool] | None = None) -> list[PhraseMatch]:
        """Given a text, return the occurrences, longest phrase first; `keep` may veto one by its span."""
        lowered = text.lower()
        present = sorted(p for anchor, found in self._by_anchor.items() if anchor in lowered for p in found)
        taken: list[tuple[int, int]] = []
        matches: list[PhraseMatch] = []
        for position in present:
            for match in self.patterns[position].finditer(text):
                start, end = match.span()
                if any(start < t_end and t_start < end for t_start, t_end in taken):
                    continue
                if keep is not None and not keep(text, start, end):
                    continue
                taken.append((start, end))
                matches.append(PhraseMatch(self.tags[position], match.group(0), start, end))
        return matches


def memoized_list(finder: Callable[..., list[_Item]]) -> Callable[..., list[_Item]]:
    """Given a pure finder of hashable arguments that returns a list, return it memoized.

    Extraction asks the same questions of the same lines many times over (every
    field reader looks for labels, dates and amounts), so answers are kept, as
    tuples; each caller gets its own list, free to change. `cache_clear` empties the memo.
    """
    # Bounded: a batch reads thousands of distinct lines, and an unbounded memo would keep them all.
    remembered = lru_cache(maxsize=8192)(lambda *args, **kwargs: tuple(finder(*args, **kwargs)))

    @wraps(finder)
    def memoized(*args: Any, **kwargs: Any) -> list[_Item]:
        return list(remembered(*args, **kwargs))

    memoized.cache_clear = remembered.cache_clear  # type: ignore[attr-defined]
    return memoized
