"""Words for counts in messages people read: '1 day', '3 days', never 'day(s)'.

Readers, rules and writers all say how many of something they saw; this leaf
module (it imports nothing of the package) gives them one way to say it.
"""

from __future__ import annotations


def counted(count: int, noun: str, plural_noun: str | None = None) -> str:
    """Given a count and a noun, return them as words a person writes: '1 day', '3 days', '2 copies'."""
    word = noun if count == 1 else plural_noun or f"{noun}s"
    return f"{count:,} {word}"


def clipped(text: str, limit: int) -> str:
    """Given a text, return it on one line within `limit` characters, an ellipsis saying where it was cut."""
    whole = " ".join(text.split())
    return whole if len(whole) <= limit else whole[: limit - 1].rstrip() + "…"
