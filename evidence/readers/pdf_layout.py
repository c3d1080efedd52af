"""Lines, words and tables from pdfplumber-style char dicts and edges.

These are pdfplumber's own algorithms (`WordExtractor`, the text-line
clustering of `extract_text_lines`, `dedupe_chars`, `TableFinder` and
`Table.extract`), run on plain lists, so that any char source gives the output
pdfplumber would give for the same chars. `TableFinder` is used as it is but for
its search for cells (`pdf_table_finder`); the others are re-stated here, for speed or because pdfplumber's version does not fit:

- `words` is `WordExtractor.extract_words` written out for upright text (the
  general class is used when a page has rotated text); `cell_text` is
  `extract_text` on top of it. Both give pdfplumber's exact output (checked on
  every page of the sample and external corpora).
- `text_lines` reuses the words already extracted instead of extracting them a
  second time inside a TextMap (same clustering, same joining, same strip).
- `extract_table` only looks at chars inside the table before testing rows and
  cells, where `Table.extract` scans every char of the page for every row.
- `dedupe` compares glyphs pairwise by box overlap, not by top within 1 pt (see
  there): pdfium's boxes follow each font's own descent. Only glyphs of one text in
  neighbouring whole points of x0 that reach each other's height are compared, so
  aligned columns cost linear time.
"""

from __future__ import annotations

import bisect
import math
from collections import defaultdict
from collections.abc import Iterator
from operator import itemgetter
from typing import Any

from pdfplumber.table import Table, TableSettings
from pdfplumber.utils.clustering import cluster_objects
from pdfplumber.utils.text import (
    DEFAULT_X_TOLERANCE,
    DEFAULT_Y_TOLERANCE,
    LIGATURES,
    WordExtractor,
)

from evidence.readers.pdf_table_finder import FastTableFinder
from evidence.records import Page, Source, TextLine, Word
from evidence.records import Table as TableRecord

Char = dict[str, Any]

_TABLE_SETTINGS = TableSettings.resolve(None)
_WORDS = WordExtractor()
#: The single chars pdfplumber spells out in a word's text (its LIGATURES).
_LIGATURE_CHARS = frozenset(LIGATURES)


def dedupe(chars: list[Char]) -> list[Char]:
    """Drop fake-bold duplicate glyphs: the same character drawn again over itself.

    pdfplumber's ``dedupe_chars(extra_attrs=())`` keeps one glyph of each group
    with the same text whose tops and x0s are within 1 pt. The same is done here
    except that "same place" also means the boxes overlap by more than half
    their height and width, rather than tops within 1 pt: the copy is often drawn in another
    font (so the font is not compared either), and pdfium's boxes follow each
    font's descent, so copies of one glyph can differ by 2 pt in top. Glyphs are
    compared pairwise, never chained through a third. Of each set of copies the
    glyph drawn highest, then leftmost, stays (pdfplumber's choice).

    A blank char standing for a space pdfium generated (it has an ``anchor``)
    stays exactly when the glyph after it stays: the copy of a line often starts
    right after such a space, and a space kept without its glyph would split the
    first word of the original.
    """
    glyphs = [char for char in chars if "anchor" not in char]
    partners: dict[int, list[Char]] = {}
    for char, other in _copies(glyphs):
        partners.setdefault(id(char), []).append(other)
        partners.setdefault(id(other), []).append(char)
    if not partners:
        return chars
    kept: set[int] = set()
    dropped: set[int] = set()
    for char in sorted((char for char in glyphs if id(char) in partners), key=itemgetter("doctop", "x0")):
        if any(id(other) in kept for other in partners[id(char)]):
            dropped.add(id(char))
        else:
            kept.add(id(char))
    return [char for char in chars if id(char.get("anchor", char)) not in dropped]


def _copies(glyphs: list[Char]) -> Iterator[tuple[Char, Char]]:
    """Each pair of glyphs of one text whose x0s are within 1 pt and whose boxes are stacked, once.

    Glyphs are bucketed by text and whole point of x0, and each bucket sorted by top, so a
    glyph is compared only with those of its own and the next bucket that reach its height:
    a column of a thousand aligned zeros costs a thousand look-ups, not half a million pairs.
    Within its own bucket a glyph looks only down the column, at the glyphs that start above
    its bottom (each pair is met once, from its upper glyph); the next bucket, which on most
    pages does not exist, is searched by top.
    """
    columns: dict[tuple[str, int], list[Char]] = defaultdict(list)
    for glyph in glyphs:
        columns[(glyph["text"], math.floor(glyph["x0"]))].append(glyph)
    for column in columns.values():
        if len(column) > 1:
            column.sort(key=itemgetter("top"))
    for (text, x), column in columns.items():
        if len(column) > 1:
            yield from _copies_within(column)
        right = columns.get((text, x + 1))
        if right is not None:
            yield from _copies_across(column, right)


def _copies_within(column: list[Char]) -> Iterator[tuple[Char, Char]]:
    """The copies in one bucket sorted by top, each pair met from its upper glyph."""
    for index, char in enumerate(column):
        below = index + 1
        while below < len(column) and column[below]["top"] < char["bottom"]:
            if _copy_of(char, column[below]):
                yield char, column[below]
            below += 1


def _copies_across(column: list[Char], right: list[Char]) -> Iterator[tuple[Char, Char]]:
    """The copies between a bucket and the next one (one whole point of x0 to the right, sorted by top)."""
    right_tops = [glyph["top"] for glyph in right]
    tallest = max(glyph["bottom"] - glyph["top"] for glyph in right)
    for char in column:
        start = bisect.bisect_left(right_tops, char["top"] - tallest)
        end = bisect.bisect_left(right_tops, char["bottom"])
        for other in right[start:end]:
            if _copy_of(char, other):
                yield char, other


def _copy_of(one: Char, other: Char) -> bool:
    """True when two glyphs of one text have x0s within 1 pt, the same orientation and stacked boxes."""
    return abs(other["x0"] - one["x0"]) <= 1 and other["upright"] == one["upright"] and _stacked(one, other)


def _stacked(one: Char, other: Char) -> bool:
    """True when two glyph boxes overlap by more than half of each dimension.

    The width test keeps two letters side by side in a tiny font (the "ee" of
    a 1 pt "Powered by" line, 0.9 pt apart) from counting as one drawn twice.
    """
    high = min(one["bottom"], other["bottom"]) - max(one["top"], other["top"])
    wide = min(one["x1"], other["x1"]) - max(one["x0"], other["x0"])
    return high > 0.5 * min(one["bottom"] - one["top"], other["bottom"] - other["top"]) and wide > 0.5 * min(
        one["x1"] - one["x0"], other["x1"] - other["x0"]
    )


def words(chars: list[Char]) -> list[Char]:
    """pdfplumber's ``extract_words()`` with its default settings.

    When every char is upright (nearly every page), this is `WordExtractor`'s
    algorithm written out for that case alone, about twice as fast: chars are
    clustered into lines by top (3 pt), each line sorted by x0, and a word ends
    at a blank char, or where the next char starts left of the previous one's
    x0, more than 3 pt right of its x1, or more than 3 pt above or below its top.
    Pages with rotated text go through `WordExtractor` itself.
    """
    for char in chars:
        if not char["upright"]:
            return _WORDS.extract_words(chars)
    found: list[Char] = []
    x_tolerance, y_tolerance = DEFAULT_X_TOLERANCE, DEFAULT_Y_TOLERANCE
    for line in clusters_by_top(chars, y_tolerance):
        line.sort(key=itemgetter("x0"))
        current: list[Char] = []
        for char in line:
            if char["text"].isspace():
                if current:
                    found.append(_merge(current))
                    current = []
                continue
            if current:
                previous = current[-1]
                x0 = char["x0"]
                if (
                    x0 < previous["x0"]
                    or x0 > previous["x1"] + x_tolerance
                    or abs(char["top"] - previous["top"]) > y_tolerance
                ):
                    found.append(_merge(current))
                    current = []
            current.append(char)
        if current:
            found.append(_merge(current))
    return found


def clusters_by_top(objects: list[Char], tolerance: float) -> list[list[Char]]:
    """pdfplumber's ``cluster_objects(objects, itemgetter("top"), tolerance)``, without its generic machinery.

    The distinct tops, sorted, form a new cluster wherever one lies more than `tolerance`
    below the one before; clusters come top down, each holding its objects in their order.
    `words` runs this on every page and on every table cell, mostly on a handful of chars.
    """
    tops = sorted({obj["top"] for obj in objects})
    if not tops:
        return []
    cluster_of: dict[float, int] = {}
    number, last = 0, tops[0]
    for top in tops:
        if top > last + tolerance:
            number += 1
        cluster_of[top] = number
        last = top
    clusters: list[list[Char]] = [[] for _ in range(number + 1)]
    for obj in objects:
        clusters[cluster_of[obj["top"]]].append(obj)
    return clusters


def _merge(chars: list[Char]) -> Char:
    """`WordExtractor.merge_chars` for upright chars in order of x0 (as `words` gives them).

    The leftmost x0 is the first char's; the text is joined as it is unless it holds a
    ligature (a single char pdfplumber spells out: "ﬁ" becomes "fi").
    """
    first = chars[0]
    if len(chars) == 1:
        x0, top, x1, bottom = first["x0"], first["top"], first["x1"], first["bottom"]
    else:
        x0 = first["x0"]
        top = min(char["top"] for char in chars)
        x1 = max(char["x1"] for char in chars)
        bottom = max(char["bottom"] for char in chars)
    text = "".join(char["text"] for char in chars)
    if not _LIGATURE_CHARS.isdisjoint(text):
        text = "".join(LIGATURES.get(char["text"]) or char["text"] for char in chars)
    return {
        "text": text,
        "x0": x0,
        "x1": x1,
        "top": top,
        "doctop": top + (first["doctop"] - first["top"]),
        "bottom": bottom,
        "upright": first["upright"],
        "height": bottom - top,
        "width": x1 - x0,
        "direction": "ltr",
    }


def cell_text(chars: list[Char]) -> str:
    """pdfplumber's ``extract_text(chars)`` with its default settings (no layout)."""
    if not chars:
        return ""
    lines = clusters_by_top(words(chars), DEFAULT_Y_TOLERANCE)
    return "\n".join(" ".join(word["text"] for word in line) for line in lines)


def text_lines(page_words: list[Char]) -> list[str]:
    """The texts of pdfplumber's ``extract_text_lines(strip=True)``, from its words.

    That function builds a TextMap from the same words (default settings, no
    layout): consecutive words whose tops are within the y tolerance form a line,
    joined by single spaces; lines are stripped of spaces and blank ones dropped.
    """
    lines = []
    for cluster in cluster_objects(page_words, itemgetter("top"), DEFAULT_Y_TOLERANCE, preserve_order=True):
        text = " ".join(word["text"] for word in cluster).strip(" ")
        if text.strip():
            lines.append(text)
    return lines


class _TablePage:
    """What `TableFinder` reads from a page: its edges, bbox, chars and words."""

    def __init__(self, chars: list[Char], edges: list[Char], bbox: tuple[float, float, float, float]) -> None:
        self.chars = chars
        self.edges = edges
        self.bbox = bbox

    def extract_words(self, **kwargs: Any) -> list[Char]:
        return WordExtractor(**kwargs).extract_words(self.chars)


def tables(
    chars: list[Char], edges: list[Char], bbox: tuple[float, float, float, float]
) -> list[list[list[str | None]]]:
    """pdfplumber's ``find_tables()`` then ``.extract()`` of each, cells stripped.

    A cell needs a horizontal and a vertical ruling edge to cross, so a page without
    both (a rule under a heading, a box's sides alone) cannot hold a table and skips
    the finder.
    """
    if not _can_cross(edges):
        return []
    finder = FastTableFinder(_TablePage(chars, edges, bbox), _TABLE_SETTINGS)
    found = finder.tables
    if not found:
        return []
    centred = _centres(chars)
    return [_clean_rows(extract_table(table, chars, centred)) for table in found]


def _can_cross(edges: list[Char]) -> bool:
    """Whether the edges hold a horizontal and a vertical one (pdfplumber's "lines" strategy needs both)."""
    orientations = {edge.get("orientation") for edge in edges}
    return "h" in orientations and "v" in orientations


def _centres(chars: list[Char]) -> list[tuple[float, int, float, Char]]:
    """Each char with its vertical and horizontal centre and its place in page order: (v_mid, order, h_mid, char)."""
    return [
        ((char["top"] + char["bottom"]) / 2, order, (char["x0"] + char["x1"]) / 2, char)
        for order, char in enumerate(chars)
    ]


def extract_table(table: Table, chars: list[Char],
                  centred: list[tuple[float, int, float, Char]] | None = None) -> list[list[str | None]]:
    """Same as pdfplumber's ``Table.extract()`` with no arguments.

    A char belongs to a cell when its centre lies inside the cell (left and top
    edges included). `Table.extract` tests every char of the page against each
    row; here the chars inside the table are sorted by their vertical centre
    once, so that each row only looks at its own band (then back in page order,
    which the word extraction of a cell depends on). `centred` is `_centres(chars)`,
    computed once for all the tables of a page.
    """
    x0, top, x1, bottom = table.bbox
    inside = [item for item in (centred or _centres(chars)) if x0 <= item[2] < x1 and top <= item[0] < bottom]
    inside.sort(key=itemgetter(0, 1))
    v_mids = [item[0] for item in inside]
    rows: list[list[str | None]] = []
    for row in table.rows:
        r_x0, r_top, r_x1, r_bottom = row.bbox
        band = inside[bisect.bisect_left(v_mids, r_top) : bisect.bisect_left(v_mids, r_bottom)]
        row_chars = sorted((item for item in band if r_x0 <= item[2] < r_x1), key=itemgetter(1))
        cells: list[str | None] = []
        for cell in row.cells:
            if cell is None:
                cells.append(None)
                continue
            c_x0, c_top, c_x1, c_bottom = cell
            cell_chars = [
                char for v_mid, _, h_mid, char in row_chars if c_x0 <= h_mid < c_x1 and c_top <= v_mid < c_bottom
            ]
            cells.append(cell_text(cell_chars) if cell_chars else "")
        rows.append(cells)
    return rows


def _clean_rows(rows: list[list[str | None]]) -> list[list[str | None]]:
    return [[cell.strip() if isinstance(cell, str) else None for cell in row] for row in rows]


def to_word(raw: dict[str, Any]) -> Word:
    """Given a word dict of `words`, return the record's Word, in points rounded to 2 decimals."""
    return Word(
        text=raw["text"],
        x0=round(float(raw["x0"]), 2),
        top=round(float(raw["top"]), 2),
        x1=round(float(raw["x1"]), 2),
        bottom=round(float(raw["bottom"]), 2),
    )


def lay_out(page: Page, chars: list[Char], edges: list[Char], bbox: tuple[float, float, float, float],
            path: str) -> None:
    """Fill `page` with the lines, words and tables of its glyphs and ruling edges (fake bold removed)."""
    chars = dedupe(chars)
    page_words = words(chars)
    page.lines = [
        TextLine(text=text, source=Source(path, page=page.number, line=line))
        for line, text in enumerate(text_lines(page_words), start=1)
    ]
    page.words = [to_word(word) for word in page_words]
    page.tables = [TableRecord(rows=rows, source=Source(path, page=page.number)) for rows in tables(chars, edges, bbox)]
