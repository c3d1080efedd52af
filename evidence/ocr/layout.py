"""OCR boxes laid out as a page: lines, words and tables, like a PDF page's.

The engine gives boxes of text, each with its characters' boxes. They are turned
into the char dicts a PDF page gives (`readers.pdf_layout`), so that words,
columns and ruled tables are found by the same code for scans as for text PDFs:

- boxes whose vertical spans overlap by half the shorter one are one line (a
  photo's lines slope, so tops alone would split or merge them); every char of
  a line gets the line's band, and lines keep the order of their tops;
- a box's characters are laid edge to edge (the engine's character boxes are
  estimates), so a word breaks only at a space or between boxes;
- words OCR glued together or misspelt with digits are put right (`spacing`);
- each line's source carries the confidence of its least sure box.

A photographed page is rarely level: its boxes are turned back by the median
slope of its long lines before they are grouped (`straightened`).

Coordinates are PDF points: a rendered PDF page keeps its own (pixels times
72/dpi), and an image is scaled so its median text height is TEXT_HEIGHT
points, the size the layout's tolerances (3 pt) were made for.
"""

from __future__ import annotations

import math
import statistics
from collections.abc import Sequence
from dataclasses import replace
from typing import Any

from evidence.ocr.engine import Glyph, Reading, TextBox
from evidence.ocr.spacing import repaired
from evidence.readers.pdf_layout import tables, to_word, words
from evidence.records import Page, Source, Table, TextLine

#: An image's median box height, in points, once scaled (body text of a printed page).
TEXT_HEIGHT = 11.0
#: Two boxes are on one line when their vertical spans overlap by this share of the shorter.
LINE_OVERLAP = 0.5
#: Below this slope (about a quarter of a degree) a page is taken as level.
MIN_SKEW = 0.004
#: A box this many times wider than tall shows the slope of its line (a short box's corners are a few pixels off).
LONG_BOX = 8

Char = dict[str, Any]


def image_scale(reading: Reading) -> float:
    """Points per pixel for an image: its median text height becomes TEXT_HEIGHT points."""
    heights = [box.bottom - box.top for box in reading.boxes if box.bottom > box.top]
    return TEXT_HEIGHT / statistics.median(heights) if heights else 1.0


def ocr_page(reading: Reading, number: int, path: str, scale: float,
             edges: Sequence[Char] = ()) -> Page:
    """Given what OCR read on one image or page, return it as a Page in points (`scale` per pixel)."""
    page = Page(number=number, width=round(reading.width * scale, 2), height=round(reading.height * scale, 2))
    every_char: list[Char] = []
    for boxes in _lines(straightened(reading.boxes)):
        by_box = _line_chars(boxes, scale)
        line_words = [word for chars in by_box for word in words(chars)]  # boxes may overlap: never mix them
        chars = [char for chars in by_box for char in chars]
        text = " ".join(word["text"] for word in line_words).strip()
        if not text:
            continue
        confidence = round(min(box.confidence for box in boxes), 2)
        page.lines.append(TextLine(text, Source(path, page=number, line=len(page.lines) + 1,
                                                ocr_confidence=confidence)))
        page.words.extend(to_word(word) for word in line_words)
        every_char.extend(chars)
    bbox = (0.0, 0.0, reading.width * scale, reading.height * scale)
    page.tables = [Table(rows=rows, source=Source(path, page=number))
                   for rows in tables(every_char, list(edges), bbox)]
    return page


def skew(boxes: list[TextBox]) -> float:
    """The slope of the page's lines (rise over run, positive when they climb to the left), from its long boxes."""
    slopes = []
    for box in boxes:
        if len(box.quad) == 4 and len(box.text) >= 4 and box.x1 - box.x0 >= LONG_BOX * (box.bottom - box.top):
            (x0, y0), (x1, y1) = box.quad[0], box.quad[1]
            if x1 > x0:
                slopes.append((y1 - y0) / (x1 - x0))
    return statistics.median(slopes) if slopes else 0.0


def straightened(boxes: list[TextBox]) -> list[TextBox]:
    """The boxes of a page photographed a little turned, turned back so its lines run level.

    A sloping line's upright bounding box is taller than its text by its width times the
    slope (50 px for a 1,500 px line at 2 degrees): enough to merge it with the next line.
    """
    slope = skew(boxes)
    if abs(slope) < MIN_SKEW:
        return boxes
    angle = math.atan(slope)
    cos, sin = math.cos(angle), math.sin(angle)

    def level(x: float, y: float) -> tuple[float, float]:
        return x * cos + y * sin, -x * sin + y * cos

    turned = []
    for box in boxes:
        corners = [level(x, y) for x, y in box.quad] if box.quad else [level(box.x0, box.top), level(box.x1, box.bottom)]
        xs, ys = [x for x, _ in corners], [y for _, y in corners]
        glyphs = tuple(_moved(glyph, level) for glyph in box.glyphs)
        turned.append(replace(box, x0=min(xs), top=min(ys), x1=max(xs), bottom=max(ys), glyphs=glyphs,
                              quad=tuple(corners)))
    return turned


def _moved(glyph: Glyph, level: Any) -> Glyph:
    """A character's box moved with its centre (it is too small for its own slope to matter)."""
    x, y = level((glyph.x0 + glyph.x1) / 2, (glyph.top + glyph.bottom) / 2)
    half_width, half_height = (glyph.x1 - glyph.x0) / 2, (glyph.bottom - glyph.top) / 2
    return Glyph(glyph.text, x - half_width, y - half_height, x + half_width, y + half_height)


def _lines(boxes: list[TextBox]) -> list[list[TextBox]]:
    """Boxes grouped into lines, top to bottom, each left to right."""
    lines: list[list[TextBox]] = []
    bands: list[tuple[float, float]] = []
    for box in sorted(boxes, key=lambda b: ((b.top + b.bottom) / 2, b.x0)):
        for index in range(len(lines) - 1, max(-1, len(lines) - 4), -1):  # the last few lines only
            top, bottom = bands[index]
            overlap = min(bottom, box.bottom) - max(top, box.top)
            if overlap >= LINE_OVERLAP * min(bottom - top, box.bottom - box.top):
                lines[index].append(box)
                break
        else:
            lines.append([box])
            bands.append((box.top, box.bottom))
    ordered = sorted(lines, key=lambda line: statistics.median(box.top for box in line))
    return [sorted(line, key=lambda box: box.x0) for line in ordered]


def _line_chars(boxes: list[TextBox], scale: float) -> list[list[Char]]:
    """Each box's chars, all in the line's band."""
    top = statistics.median(box.top for box in boxes) * scale
    bottom = max(statistics.median(box.bottom for box in boxes) * scale, top + 1)
    return [_box_chars(box, top, bottom, scale) for box in boxes]


def _box_chars(box: TextBox, top: float, bottom: float, scale: float) -> list[Char]:
    """A box's characters edge to edge across it, with a blank where a space was left out."""
    text, points = repaired(box.text)
    edges = _char_edges(box)
    spaces = set(points)
    chars: list[Char] = []
    for index, char in enumerate(text):
        x0, x1 = edges[index] * scale, edges[index + 1] * scale
        if index in spaces:
            chars.append(_char(" ", x0, x0, top, bottom))
        chars.append(_char(char, x0, x1, top, bottom))
    return chars


def _char_edges(box: TextBox) -> list[float]:
    """Where each character starts, and the box's right edge: the engine's when it gave them, else even."""
    count = len(box.text)
    if len(box.glyphs) == count and count:
        starts = [box.x0] + [glyph.x0 for glyph in box.glyphs[1:]]
        edges = [*starts, box.x1]
        for index in range(1, len(edges)):  # never backwards, never past the box
            edges[index] = min(max(edges[index], edges[index - 1]), box.x1)
        return edges
    step = (box.x1 - box.x0) / count if count else 0.0
    return [box.x0 + step * index for index in range(count + 1)]


def _char(text: str, x0: float, x1: float, top: float, bottom: float) -> Char:
    return {"text": text, "x0": x0, "x1": x1, "top": top, "bottom": bottom, "doctop": top, "upright": True}
