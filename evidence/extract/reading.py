"""One Reading of a document: what every extractor reads from.

A Reading is a Document prepared for extraction:
- its lines with letter-spaced label words rejoined ("F actuurnummer" -> "Factuurnummer");
- its labeled values from the layouts its kind uses (FORM_LAYOUTS, TERMS_LAYOUTS):
  table cells, header rows over value rows (columns), 'label: value' in lines;
- its day/month order for numeric dates, and whether that order was guessed.

Extractors ask it for "the first date under a ship-by label" or "the first
identifier under a report-number label"; each answer comes with the Labeled it
was read from, so the record keeps the value's source.
"""

from __future__ import annotations

from collections.abc import Callable, Collection, Iterable
from functools import cached_property
from typing import Any, TypeVar

from evidence.extract.cells import table_pairs
from evidence.extract.columns import column_labeled
from evidence.extract.labels import Labeled, label_key, labeled_values, repaired
from evidence.normalize.date_order import decide_date_order
from evidence.normalize.dates import date_in, english_months, find_dates
from evidence.normalize.identifiers import identifier_in
from evidence.normalize.money import Money, amount_in
from evidence.records import GUESSED, INFERRED, LABELED, Document, Record, Source, TextLine, weakest

T = TypeVar("T")
#: Where labeled values are read from, first to last, for a form drawn as a grid (inspection
#: report, bank slip, B/L): its cells keep a label and its value together where a text line may
#: run two columns into one.
FORM_LAYOUTS = ("cells", "lines")
#: ... and for a document stating commercial terms (PI, invoice, contract): its lines first,
#: then header rows over value rows; its tables are item and bank grids whose cells run
#: several values together, so they are not read as label cells.
TERMS_LAYOUTS = ("lines", "columns")
#: How much of a sentence a note quotes.
_NOTE_QUOTE = 40


class Reading:
    """A document prepared for extraction: its labeled values and its date order.

    `source` is the Document as read; `doc` the same with split label words
    rejoined (sources kept). `order` is how numeric dates are read ("dmy",
    "mdy", or None when no date needs it). `order_guessed` is True when nothing
    in the document settled it and it was taken from where the document comes
    from (or day first by default); `settled_order` is then None, for values a
    guess must not decide. `columns` are the values read from header rows (also
    in `labeled`). Each part is worked out when first asked for, so a chat or a
    photo pays for none of it.
    """

    def __init__(self, source: Document, layouts: tuple[str, ...] = FORM_LAYOUTS) -> None:
        self.source = source
        self.layouts = layouts

    @classmethod
    def of(cls, doc: Document, layouts: tuple[str, ...] = FORM_LAYOUTS) -> Reading:
        """Given a Document, return its Reading, with labeled values from `layouts` in that order."""
        return cls(doc, layouts)

    @cached_property
    def doc(self) -> Document:
        return repaired(self.source)

    @cached_property
    def columns(self) -> list[Labeled]:
        return column_labeled(self.doc) if "columns" in self.layouts else []

    @cached_property
    def labeled(self) -> list[Labeled]:
        found = {"cells": table_pairs, "columns": lambda _: self.columns, "lines": labeled_values}
        return [item for layout in self.layouts for item in found[layout](self.doc)]

    @cached_property
    def _date_order(self) -> tuple[str | None, bool]:
        return decide_date_order([line.text for line in self.doc.lines])

    @property
    def order(self) -> str | None:
        return self._date_order[0]

    @property
    def order_guessed(self) -> bool:
        return self._date_order[1]

    @cached_property
    def _lines(self) -> dict[Source, TextLine]:
        return {line.source: line for line in self.doc.lines}

    @property
    def settled_order(self) -> str | None:
        """The day/month order when the document itself settles it, else None."""
        return None if self.order_guessed else self.order

    # ------------------------------------------------------------ look-ups by label

    def values(self, *fields: str, labels: Collection[str] | None = None) -> list[Labeled]:
        """Return the labeled values of `fields`, in reading order (cells, columns, lines).

        `labels` keeps only values whose label, normalized by `label_key`, is one of them.
        """
        keys = {label_key(label) for label in labels} if labels is not None else None
        return [
            item for item in self.labeled if item.field in fields and (keys is None or label_key(item.label) in keys)
        ]

    def first(
        self, fields: str | Iterable[str], parse: Callable[[str], T | None], **kw: Any
    ) -> tuple[T, Labeled] | None:
        """Return the first value under `fields` labels that `parse` accepts."""
        names = (fields,) if isinstance(fields, str) else tuple(fields)
        for item in self.values(*names, **kw):
            value = parse(item.value)
            if value is not None:
                return value, item
        return None

    def date(self, *fields: str, **kw: Any) -> tuple[str, Labeled] | None:
        return self.first(fields, self.date_of, **kw)

    def settled_date(self, *fields: str, **kw: Any) -> tuple[str, Labeled] | None:
        """The first date under `fields` labels that the document's own order settles (never a guess)."""
        return self.first(fields, lambda text: date_in(english_months(text), self.settled_order), **kw)

    def identifier(self, *fields: str, **kw: Any) -> tuple[str, Labeled] | None:
        return self.first(fields, identifier_in, **kw)

    def amount(self, field: str, hint: str | None = None) -> tuple[Money, Labeled] | None:
        return self.first(field, lambda text: amount_in(text, hint))

    def text(self, *fields: str, **kw: Any) -> tuple[str, Labeled] | None:
        return self.first(fields, lambda text: text.strip() or None, **kw)

    # ------------------------------------------------------------ dates and lines

    def date_of(self, text: str) -> str | None:
        """Given text, return its first date as ISO, read in the document's order (month names of any listed language)."""
        return date_in(english_months(text), self.order)

    def date_certainty(self, text: str, certainty: str, note: str) -> tuple[str, str]:
        """Given how a date was found in `text` (its certainty and note), return them: guessed, saying why,
        when the date reads two ways and the document does not settle its day/month order."""
        why = self.order_guess(text)
        if not why:
            return certainty, note
        return GUESSED, f"{note}; {why}" if note else why

    def order_guess(self, text: str) -> str:
        """Given the text a date was read from, return why its day/month order is a guess ('' when it is none).

        The date is the first one `date_of` reads in `text`; it is a guess when both of its
        numbers could be the month and the document does not settle which one is.
        """
        if not self.order_guessed or self.order is None:
            return ""
        for match in find_dates(english_months(text), self.order):
            if match.value is None:
                continue
            alone = find_dates(match.text)
            if alone and alone[0].ambiguous:
                first = "day first" if self.order == "dmy" else "month first"
                return f"{match.text.strip()} read {first}: nothing in the document settles day/month order"
            return ""
        return ""

    def dates(self) -> list[tuple[str, TextLine]]:
        """Return every date of the document in reading order, with its line."""
        found = []
        for line in self.doc.lines:
            for match in find_dates(line.text, self.order):
                if match.value is not None and not match.ambiguous:
                    found.append((match.value.isoformat(), line))
        return found

    def note_date_order(self, record: Record) -> None:
        """Say on the record when its day/month order was not settled by the document itself."""
        if self.order_guessed:
            record.notes.append(f"numeric dates could be read day or month first; read as {self.order}")

    def line(self, source: Source) -> TextLine | None:
        """Given a value's source, return the line it sits on (None when it is not a line's)."""
        return self._lines.get(source)

    def line_text(self, source: Source) -> str:
        """Given a value's source, return the whole line it sits on ('' when it is not a line's)."""
        line = self._lines.get(source)
        return line.text if line is not None else ""

    def top_lines(self, count: int = 12) -> list[TextLine]:
        """The first lines of page 1, where letterheads and titles sit."""
        return top_lines(self.doc, count)


def top_lines(doc: Document, count: int = 12) -> list[TextLine]:
    """The first lines of page 1, where letterheads and titles sit."""
    return doc.pages[0].lines[:count] if doc.pages else []


def whole_file(doc: Document) -> Source:
    """The source of a value that rests on the whole file (a photo's EXIF, a chat's participants)."""
    return Source(doc.path)


def put(record: Record, name: str, found: tuple[Any, Labeled] | None, convert: Callable[[Any], Any] = lambda v: v) -> None:
    """Set `name` on the record from a (value, Labeled) pair, keeping its source; it was read under its label."""
    if found is not None:
        value, labeled = found
        record.set(name, convert(value), labeled.source, labeled.value, LABELED, labeled_note(labeled))


def put_date(record: Record, name: str, reading: Reading, found: tuple[str, Labeled] | None) -> None:
    """Set a date read under its label (as `put` does), guessed when its day/month order was."""
    if found is not None:
        iso, labeled = found
        certainty, note = reading.date_certainty(labeled.value, LABELED, labeled_note(labeled))
        record.set(name, iso, labeled.source, labeled.value, certainty, note)


def set_line_date(record: Record, name: str, reading: Reading, iso: str, line: TextLine, note: str) -> None:
    """Set a date found on a line by context, not under a label: inferred, or guessed."""
    certainty, note = reading.date_certainty(line.text, INFERRED, note)
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


def labeled_note(labeled: Labeled) -> str:
    """Given a labeled value, return the note that says which label it was read under."""
    return label_note(labeled.label)


def label_note(label: str) -> str:
    """Given a label as written, return the note of a value read under it ('under "Invoice No."')."""
    return f'under "{label.strip()}"' if label.strip() else ""


def column_note(header: str) -> str:
    """Given a column's header cell, return the note of a value read under it ('under column "Qty"')."""
    header = " ".join(header.split())
    return f'under column "{header}"' if header else ""


def from_note(where: str, text: str, ending: str = "") -> str:
    """Given what a value was read from ("sentence", "line") and its text, return the note quoting it, trimmed.

    A long text is quoted from its start, or up to `ending` (the value) when that stands further on.
    """
    text = " ".join(text.split())
    end = text.find(ending) + len(ending) if ending and ending in text else 0
    if len(text) <= _NOTE_QUOTE:
        quoted = text
    elif end > _NOTE_QUOTE:
        quoted = "..." + " ".join(reversed(_fitting(reversed(text[:end].split(" ")))))[-_NOTE_QUOTE:]
    else:
        quoted = " ".join(_fitting(text.split(" ")))[:_NOTE_QUOTE] + "..."
    return f'from the {where} "{quoted}"'


def _fitting(words: Iterable[str]) -> list[str]:
    """Given words, return the first of them that fit in a note's quote (at least one)."""
    kept: list[str] = []
    size = 0
    for word in words:
        size += len(word) + 1
        if kept and size > _NOTE_QUOTE + 1:
            break
        kept.append(word)
    return kept


def stand_in(record: Record, name: str, other: str) -> None:
    """Set `name` to the value of `other` when the document gives only that one (a report's date
    for its inspection date, a receipt's date for its payment date): the document does not say
    they are the same, so it is inferred at best."""
    if name in record.fields or other not in record.fields:
        return
    kept = record.fields[other]
    called = other.replace("_on", "-on date").replace("_", " ")  # 'shipped_on' is the shipped-on date
    note = f"from the {called}" + (f", {kept.note}" if kept.note else "")
    record.set(name, kept.value, kept.source, kept.text, weakest(INFERRED, kept.certainty), note)
