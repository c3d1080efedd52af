"""How sure a value is, where it is found some other way than `reading.put` finds it.

`put` marks a value read under its own label. The payment and shipping
extractors also read values a label does not vouch for: a date whose day/month
order nothing in the document settles (guessed, and the note says so), a value
found by layout or context (inferred, with a note saying how), and a field that
stands in for another (inferred: a receipt's date taken as its payment date).
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from evidence.extract.labels import Labeled
from evidence.extract.reading import Reading, labeled_note
from evidence.records import GUESSED, INFERRED, LABELED, Record, TextLine

def dated(reading: Reading, text: str, certainty: str, note: str) -> tuple[str, str]:
    """Given how a date was found in `text`, return its certainty and note: guessed, saying why, when its order was."""
    why = reading.order_guess(text)
    if not why:
        return certainty, note
    return GUESSED, f"{note}; {why}" if note else why


def put_date(record: Record, name: str, reading: Reading, found: tuple[str, Labeled] | None) -> None:
    """Set a date read under its label (as `put` does), guessed when its day/month order was."""
    if found is not None:
        iso, labeled = found
        certainty, note = dated(reading, labeled.value, LABELED, labeled_note(labeled))
        record.set(name, iso, labeled.source, labeled.value, certainty, note)


def set_line_date(record: Record, name: str, reading: Reading, iso: str, line: TextLine, note: str) -> None:
    """Set a date found on a line by context, not under a label: inferred, or guessed."""
    certainty, note = dated(reading, line.text, INFERRED, note)
    record.set(name, iso, line.source, line.text, certainty, note)


def put_inferred(
    record: Record, name: str, found: tuple[Any, Labeled] | None, note: str, convert: Callable[[Any], Any] = lambda v: v
) -> None:
    """Set `name` from a (value, Labeled) pair that no label of its own vouches for: inferred, `note` says how."""
    if found is not None:
        value, labeled = found
        record.set(name, convert(value), labeled.source, labeled.value, INFERRED, note)


def put_read(
    record: Record, name: str, found: tuple[Any, Labeled] | None, note: str, convert: Callable[[Any], Any] = lambda v: v
) -> None:
    """Set `name` from a (value, Labeled) pair: labeled when it has a label, else inferred, `note` saying how."""
    if found is None:
        return
    value, labeled = found
    if labeled.label.strip():
        record.set(name, convert(value), labeled.source, labeled.value, LABELED, labeled_note(labeled))
    else:
        record.set(name, convert(value), labeled.source, labeled.value, INFERRED, note)
