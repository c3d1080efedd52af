"""Phrase lists from data files, compiled to patterns that forgive layout differences."""

from __future__ import annotations

import json
import re
from functools import lru_cache
from importlib import resources
from typing import Any


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
