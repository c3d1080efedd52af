"""How a writer asks for coloured text without knowing the terminal: a style function passed in."""

from __future__ import annotations

from collections.abc import Callable

from evidence.findings import Finding
from evidence.wording import counted

__all__ = ["Style", "plain", "certainty_mark", "places", "counted", "PLACES_SHOWN"]

#: Given a text and a colour name ("red", "yellow", "cyan", "white"), return the text styled.
#: Writers given none write plain text; the CLI passes one built on click.style.
Style = Callable[[str, str], str]


def plain(text: str, colour: str) -> str:
    """Given a text and a colour name, return the text unchanged."""
    return text


def certainty_mark(certainty: str, note: str = "") -> str:
    """Given how sure a value is, return what a reader sees beside it: nothing when it was read
    under its label, else ' (inferred: from the letterhead)' or ' (guessed: ...)'."""
    if certainty == "labeled":
        return ""
    return f" ({certainty}: {note})" if note else f" ({certainty})"


#: How many of a grouped finding's sources a report lists (the JSON report keeps them all).
PLACES_SHOWN = 5


def places(finding: Finding) -> str:
    """Given a finding, return where it was seen: its sources, or the first few of a grouped finding's."""
    if finding.count is None or len(finding.sources) <= PLACES_SHOWN:
        return "; ".join(str(source) for source in finding.sources)
    first = "; ".join(str(source) for source in finding.sources[:PLACES_SHOWN])
    return f"{first} ... ({finding.count:,} in all)"

