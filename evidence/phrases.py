"""Phrase lists from data files, compiled to patterns that forgive layout differences."""

from __future__ import annotations

import json
import re
from collections.abc import Callable, Sequence
from functools import lru_cache, wraps
from importlib import resources
from typing import Any, TypeVar

_Item = TypeVar("_Item")


@lru_cache(maxsize=None)
def load_data(name: str) -> Any:
    """Given a data file's name or stem ('labels.json' or 'labels'), return its parsed content.

    The one loader of evidence/data/: cached, so callers share one object and must not mutate it.
    """
    file_name = name if name.endswith(".json") else f"{name}.json"
    return json.loads(resources.files("evidence").joinpath(f"data/{file_name}").read_text("utf-8"))


def phrase_anchor(phrase: str) -> str:
    """The phrase's first word, lower-cased: a lower-cased text without it cannot match its pattern.

    Checking `anchor in text.lower()` first skips most of a long phrase list at the
    cost of one substring test each, instead of a regex search each.
    """
    parts = [part for part in re.split(r"[\s\-.]+", phrase.strip().lower()) if part]
    return parts[0] if parts else ""


def anchor_positions(anchors: Sequence[str]) -> dict[str, tuple[int, ...]]:
    """Given the anchors of a phrase list, in list order, return each anchor with the positions of its phrases."""
    positions: dict[str, list[int]] = {}
    for position, anchor in enumerate(anchors):
        positions.setdefault(anchor, []).append(position)
    return {anchor: tuple(found) for anchor, found in positions.items()}


def positions_present(anchors: dict[str, tuple[int, ...]], lowered: str) -> list[int]:
    """Given `anchor_positions` of a phrase list and a lower-cased text, return, in list order,
    the positions of the phrases whose anchor the text holds.

    Phrases share anchors ('invoice no.', 'invoice date'), so testing each anchor once
    is cheaper than testing each phrase's.
    """
    return sorted(position for anchor, found in anchors.items() if anchor in lowered for position in found)


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
