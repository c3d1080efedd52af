"""Header rows: a row of labels with their values in the row below, column by column.

Invoices often put their references in a box: "Customer  Order  Invoice date
Invoice  Due date" over "C-118  4471  8-9-2022  VF1005  22-9-2022". The text
layer gives two lines with nothing tying a value to its label except its
position, so this module lines the words of the value row up under the labels
of the header row (by x position, from the PDF's words) and returns them as
ordinary labeled values.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from evidence.extract.labels import Labeled
from evidence.phrases import PhraseList, memoized_list
from evidence.reference_data import load_data
from evidence.records import Document, Page, Source, Word

_ROW_TOLERANCE = 2.5
_MIN_COVERAGE = 0.7


@dataclass(frozen=True)
class _Column:
    field: str
    label: str
    x0: float
    x1: float


def column_labeled(doc: Document) -> list[Labeled]:
    """Given a Document, return the values found under header rows of labels (PDF pages only)."""
    found: list[Labeled] = []
    for page in doc.pages:
        rows = _rows(page.words)
        for header, below in zip(rows, rows[1:], strict=False):
            columns = _header_columns(header)
            if columns:
                found.extend(_values_below(columns, below, _source(doc.path, page, below)))
    return found


def _rows(words: list[Word]) -> list[list[Word]]:
    """Given a page's words, return them grouped into rows (same top), each left to right."""
    rows: list[list[Word]] = []
    for word in sorted(words, key=lambda w: (w.top, w.x0)):
        if rows and abs(rows[-1][0].top - word.top) <= _ROW_TOLERANCE:
            rows[-1].append(word)
        else:
            rows.append([word])
    return [sorted(row, key=lambda w: w.x0) for row in rows]


def _header_columns(row: list[Word]) -> list[_Column]:
    """Given a row of words, return its label columns if the row is (almost) only labels."""
    text, spans = _join(row)
    hits = _label_hits(text)
    covered = sum(end - start for _, _, start, end in hits)
    letters = len(text.replace(" ", ""))
    if len(hits) < 2 or not letters or covered / letters < _MIN_COVERAGE:
        return []
    columns = []
    for field, label, start, end in hits:
        inside = [word for word, (s, e) in zip(row, spans, strict=True) if s < end and start < e]
        columns.append(_Column(field, label, min(w.x0 for w in inside), max(w.x1 for w in inside)))
    return columns


def _values_below(columns: list[_Column], row: list[Word], source: Source) -> list[Labeled]:
    """Given label columns and the row under them, return each column's value."""
    parts: dict[int, list[str]] = {}
    for word in row:
        parts.setdefault(_nearest(columns, word), []).append(word.text)
    if len(parts) < 2:
        return []
    return [
        Labeled(columns[index].field, columns[index].label, " ".join(texts), source)
        for index, texts in sorted(parts.items())
    ]


def _nearest(columns: list[_Column], word: Word) -> int:
    """Given columns and a word, return the index of the column the word sits under."""

    def distance(column: _Column) -> float:
        overlap = min(column.x1, word.x1) - max(column.x0, word.x0)
        if overlap > 0:
            return -overlap
        return min(abs(column.x0 - word.x1), abs(word.x0 - column.x1))

    return min(range(len(columns)), key=lambda index: distance(columns[index]))


def _join(row: list[Word]) -> tuple[str, list[tuple[int, int]]]:
    """Given words, return their text joined by spaces and each word's span in it."""
    spans, position = [], 0
    for word in row:
        spans.append((position, position + len(word.text)))
        position += len(word.text) + 1
    return " ".join(word.text for word in row), spans


@memoized_list
def _label_hits(text: str) -> list[tuple[str, str, int, int]]:
    """Given a header row, return (field, label, start, end) of its labels, anywhere, longest first."""
    hits = [(m.tag, m.text, m.start, m.end) for m in _headers().find(text)]
    return sorted(hits, key=lambda hit: hit[2])


def _source(path: str, page: Page, row: list[Word]) -> Source:
    """Given a row of words, return the source of the page line that holds them."""
    key = re.sub(r"\s+", "", "".join(word.text for word in row))
    for line in page.lines:
        if re.sub(r"\s+", "", line.text) == key:
            return line.source
    return Source(path, page=page.number)


@lru_cache(maxsize=1)
def _headers() -> PhraseList:
    """Labels of labels.json plus the column-only headers of invoice_terms.json."""
    labels = load_data("labels.json")
    extra = load_data("invoice_terms.json")["column_headers"]
    phrases = [
        (field, text)
        for source in (labels, extra)
        for field, synonyms in source.items()
        if not field.startswith("_") and field != "document_number"
        for text in synonyms
    ]
    phrases += [("document_number", text) for text in labels["document_number"] if len(text) > 3]
    return PhraseList(phrases)
