"""What every workbook reader shares: a sheet's rows to a Page, and which sheet is the document.

A workbook often holds several documents (a contract, its invoice, its packing
list, a customs sheet). Each sheet is its own Page; the document's values come
from one main sheet only, so a total on the invoice sheet never mixes with a
date on the contract sheet. The main sheet is the first meaningful sheet named
like a document kind ("Invoice", "Packing list"), else the first meaningful
sheet. A sheet named or headed like a document of its own is a part, noted in
the Document's metadata and left out of what is classified and extracted; an
untitled annex (a spec sheet, a data table) stays with the main document.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from dataclasses import replace
from datetime import date, datetime, time, timedelta
from functools import lru_cache
from typing import Any

from evidence.phrases import alternation
from evidence.records import Document, Page, Source, Table, TextLine
from evidence.reference_data import load_data

#: Rows read per sheet at most: a safety limit against sheets padded to a million rows.
MAX_ROWS = 20_000
#: A sheet with fewer filled rows than this is a cover or a scrap, not the document.
MEANINGFUL_ROWS = 3
#: Metadata keys a workbook reader sets (the extractors read only the main sheet).
MAIN_SHEET, PARTS, PART_SHEETS = "main_sheet", "parts", "part_sheets"
#: Rows at the top of a sheet where its own title sits.
TITLE_ROWS = 3


def sheet_page(rows: Iterable[Sequence[Any]], number: int, name: str, path: str) -> Page:
    """Given a sheet's rows of cell values, return its Page: a line per filled row and the whole grid as a Table."""
    page = Page(number=number, name=name)
    grid: list[list[str | None]] = []
    for row_index, row in enumerate(rows, start=1):
        if row_index > MAX_ROWS:
            break
        cells = [cell_to_text(value) for value in row]
        grid.append(cells)
        filled = [(col, text) for col, text in enumerate(cells, start=1) if text]
        if filled:
            cell = f"{name}!{column_letter(filled[0][0])}{row_index}"
            text = " | ".join(text for _, text in filled)
            page.lines.append(TextLine(text, Source(path, page=number, line=row_index, cell=cell)))
    if any(any(c for c in row) for row in grid):
        page.tables.append(Table(rows=_trim(grid), source=Source(path, page=number, cell=f"{name}!A1")))
    return page


def cell_to_text(value: Any) -> str | None:
    """Given a cell value, return its text as a reader would see it (dates as ISO)."""
    if value is None:
        return None
    if isinstance(value, datetime):
        return value.date().isoformat() if value.time() == time(0) else value.isoformat(sep=" ")
    if isinstance(value, (date, time)):
        return value.isoformat()
    if isinstance(value, timedelta):  # a duration cell; not a date
        return str(value)
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    text = str(value).strip()
    return text or None


def column_letter(number: int) -> str:
    """Given a 1-based column number, return its letters (1 -> A, 27 -> AA)."""
    letters = ""
    while number > 0:
        number, rest = divmod(number - 1, 26)
        letters = chr(65 + rest) + letters
    return letters


def choose_main_sheet(doc: Document) -> None:
    """Mark the Document's main sheet, and note as its parts the sheets that are documents of their own."""
    meaningful = [page for page in doc.pages if len(page.lines) >= MEANINGFUL_ROWS]
    candidates = meaningful or [page for page in doc.pages if page.lines]
    if not candidates:
        return
    titled = [page for page in candidates if _named_like_a_kind(page.name or "")]
    main = (titled or candidates)[0]
    doc.metadata[MAIN_SHEET] = str(main.number)
    # An annex without a title of its own (a spec sheet, a data table) belongs to the main document;
    # a sheet named or headed like a document (an invoice, a packing list, a customs form) is another one.
    parts = [page for page in doc.pages if page is not main and page.lines and _own_document(page)]
    if parts:
        doc.metadata[PARTS] = "; ".join(f"{page.number}: {page.name}" for page in parts)
        doc.metadata[PART_SHEETS] = ",".join(str(page.number) for page in parts)


def document_view(doc: Document) -> Document:
    """Given a Document, return it without the sheets that are documents of their own (itself if none)."""
    numbers = set(doc.metadata.get(PART_SHEETS, "").split(","))
    kept = [page for page in doc.pages if str(page.number) not in numbers]
    return doc if len(kept) == len(doc.pages) else replace(doc, pages=kept)


def _own_document(page: Page) -> bool:
    if _named_like_a_kind(page.name or ""):
        return True
    pattern = _titles_pattern()
    return any(pattern.search(line.text) for line in page.lines[:TITLE_ROWS])


def _named_like_a_kind(name: str) -> bool:
    return _key(name) in {_key(title) for title in _kind_titles()}


@lru_cache(maxsize=1)
def _kind_titles() -> tuple[str, ...]:
    data = load_data("document_kinds.json")
    titles = [title for kind, groups in data.items() if not kind.startswith("_") for title in groups.get("titles", [])]
    return tuple(titles + data["_separate_documents"]["titles"])


@lru_cache(maxsize=1)
def _titles_pattern() -> re.Pattern[str]:
    # Only titles that head a line: 'Invoice No.' inside a row is a label, not a heading.
    titles = alternation(_kind_titles(), "layout", "always", longest_first=False)
    return re.compile(rf"^\s*{titles}\s*(?:$|\|)", re.IGNORECASE)


def _key(text: str) -> str:
    return re.sub(r"[\s\-_.]+", " ", text).strip().lower()


def _trim(grid: list[list[str | None]]) -> list[list[str | None]]:
    """Drop trailing empty rows and columns that spreadsheets pad with."""
    while grid and not any(grid[-1]):
        grid.pop()
    width = max((max((i + 1 for i, c in enumerate(row) if c), default=0) for row in grid), default=0)
    return [(row + [None] * width)[:width] for row in grid]
