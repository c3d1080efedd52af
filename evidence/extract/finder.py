"""Known companies and terms named in text (inspection companies, carriers): one pattern per data entry."""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass
from functools import lru_cache
from typing import Any

from evidence.phrases import phrase_to_pattern

_SHORT_NAME = 5  # names this short match only as acronyms


@dataclass(frozen=True)
class Named:
    """A known company or term found in text: its canonical name and where."""

    name: str
    text: str
    start: int


@lru_cache(maxsize=None)
def phrases_pattern(phrases: tuple[str, ...], acronyms: tuple[str, ...] = ()) -> re.Pattern[str] | None:
    """Given phrases (any case, optional spacing) and acronyms (as written), return one pattern."""
    parts = [phrase_to_pattern(p).pattern for p in sorted(phrases, key=len, reverse=True)]
    parts += [rf"(?<![A-Za-z0-9])(?-i:{re.escape(a)})(?![A-Za-z0-9])" for a in acronyms]
    if not parts:
        return None
    return re.compile("|".join(f"(?:{part})" for part in parts), re.IGNORECASE)


def find_named(text: str, entries: Iterable[dict[str, Any]]) -> list[Named]:
    """Given text and data entries ({name, aliases, acronyms}), return the entries it names, leftmost first.

    A short name ('ONE', 'UL') matches only through its acronyms, as written:
    'One original Bill of Lading' names no carrier.
    """
    found = []
    for entry in entries:
        name = entry["name"]
        names = [name] if len(name) > _SHORT_NAME or not name.isalpha() else []
        pattern = phrases_pattern(tuple([*names, *entry.get("aliases", [])]), tuple(entry.get("acronyms", [])))
        match = pattern.search(text) if pattern is not None else None
        if match is not None:
            found.append(Named(entry["name"], match.group(0), match.start()))
    return sorted(found, key=lambda n: (n.start, -len(n.text)))
