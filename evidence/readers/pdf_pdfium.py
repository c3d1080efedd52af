"""One PDF page as pdfium sees it, in the shapes pdfplumber's text and table tools take.

`PageGeometry` maps pdfium's user-space points to pdfplumber's coordinates: the
page rotation is applied the way pdfminer applies it, and y runs down from the
top of the MediaBox. `page_chars` turns a pdfium text page into pdfplumber-style
char dicts, and `add_blanks` puts back among them the text objects made of
spaces only that `pdf_objects.page_objects` finds (which also gives the page's
ruling edges).

pdfium's text page is not a plain list of glyphs, and these functions undo the
differences that matter:

- Where pdfium believes a space belongs it inserts a *generated* space, and when
  the content also draws a real space glyph there it keeps only the generated
  one. A generated space therefore becomes a blank char (zero width, at the
  left edge of the glyph after it, its ``anchor``), so that words still break
  where the page shows a space. pdfium also generates spaces for kerning gaps
  that have no space glyph (TeX output, some e-invoice generators), where
  pdfminer glued the words together ("8Unit(s)", "AbschlagLagerware"); breaking
  there is what a reader of the page sees.
- A ligature or a multi-letter ToUnicode entry becomes several chars with the
  same box; they are joined back into one char, as pdfminer gives it (in
  logical order: pdfium lays right-to-left letters out reversed).
- A line-end hyphen is reported as U+0002; it becomes ``-`` again.
- A text object made only of spaces is left out (it has no width); pdfminer
  keeps its space glyphs, which break words, so `add_blanks` puts them back.
- Glyphs without a Unicode mapping come back as their raw char code. One-byte
  codes of simple fonts are usually ASCII and kept; CID codes (two bytes) are
  glyph numbers, never text, and are dropped like control characters and lone
  UTF-16 surrogates (pairs are joined). So no ``(cid:NNN)`` ever appears.
- For a font without usable metrics pdfium gives tight glyph boxes; those
  glyphs are put on their baseline with a neighbour's descent (`_place_tight`).

Left as pdfium has it: the order of text objects within a line (sorted by x,
which only matters for mirrored text), its own removal of glyphs drawn twice
at one spot, ActualText replacing the glyphs it covers, and a space glyph
overlapping the next glyph (French thin spaces before "?" and ":") being dropped.

Boxes follow pdfminer: x from the glyph origin over its advance (pdfium's
"loose" box), bottom at the font's descent and top one font size above it.
pdfium takes the descent from the font program where pdfminer takes it from the
font descriptor, so tops and bottoms can differ by up to about 1 pt (0.8 pt on
the samples); x0 can differ by about 1 pt for glyphs that overhang their origin
("J", "f"). Lines, words and tables of the 13 samples are the same as
pdfplumber's.
"""

from __future__ import annotations

import bisect
import ctypes
import unicodedata
from functools import lru_cache
from typing import Any, NamedTuple

import pypdfium2.raw as pdfium_c

#: What pdfium puts in place of a hyphen it takes for a line-end hyphenation.
_HYPHEN_MARK = 0x2
#: The characters pdfium generates itself: spaces and line breaks.
_GENERATED = {0x20, 0x0D, 0x0A}
#: pdfium's font box spans the font's descent to its ascent, about 0.9 to 1.5 font
#: sizes; a box lower than this is a tight glyph box (pdfium's fallback for fonts
#: without usable metrics), whose bottom is no font descent.
_LOOSE = 0.85
#: A typical font descent, in font sizes, for glyphs without a font box.
_DESCENT = 0.21


class PageGeometry:
    """Page size and the mapping from pdfium user space to pdfplumber coordinates."""

    def __init__(self, page: Any) -> None:
        self.rotation = int(pdfium_c.FPDFPage_GetRotation(page)) % 4 * 90
        x0, y0, x1, y1 = _mediabox(page)
        # pdfminer's initial CTM for the page rotation (pdfinterp.process_page).
        if self.rotation == 90:
            ctm = (0.0, -1.0, 1.0, 0.0, -y0, x1)
            box = (y0, x0, y1, x1)
        elif self.rotation == 180:
            ctm = (-1.0, 0.0, 0.0, -1.0, x1, y1)
            box = (x0, y0, x1, y1)
        elif self.rotation == 270:
            ctm = (0.0, 1.0, -1.0, 0.0, y1, -x0)
            box = (y0, x0, y1, x1)
        else:
            ctm = (1.0, 0.0, 0.0, 1.0, -x0, -y0)
            box = (x0, y0, x1, y1)
        self.ctm = ctm
        # pdfplumber.Page: mediabox flipped to a top-left origin.
        self.height = box[3] - box[1]
        self.width = box[2] - box[0]
        self.shift_x = box[0]
        self.shift_top = self.height - box[3]
        # The whole mapping as x = xx*X + xy*Y + x0, top = tx*X + ty*Y + t0.
        a, b, c, d, e, f = ctm
        self.affine = (a, c, e + self.shift_x, -b, -d, self.height + self.shift_top - f)

    def point(self, x: float, y: float) -> tuple[float, float]:
        """Given a point in PDF user space, return pdfplumber's (x, top).

        Rounded to 4 decimals (`_round`): pdfium keeps coordinates as 32-bit
        floats, whose noise (about 1e-5) would otherwise tip comparisons that
        pdfplumber makes at exactly its tolerances (two boxes 3.0 pt apart, say)
        the other way.
        """
        xx, xy, x0, tx, ty, t0 = self.affine
        return _round(xx * x + xy * y + x0), _round(tx * x + ty * y + t0)

    def box(self, left: float, bottom: float, right: float, top: float) -> tuple[float, float, float, float]:
        """Given a user-space box, return pdfplumber's (x0, top, x1, bottom), rounded as `point`."""
        xx, xy, x0, tx, ty, t0 = self.affine
        ax, bx = xx * left + xy * bottom + x0, xx * right + xy * top + x0
        ay, by = tx * left + ty * bottom + t0, tx * right + ty * top + t0
        if ax > bx:
            ax, bx = bx, ax
        if ay > by:
            ay, by = by, ay
        return _round(ax), _round(ay), _round(bx), _round(by)

    def upright(self, a: float, b: float, c: float, d: float) -> bool:
        """pdfminer's test on a char matrix, after the page rotation is applied."""
        ra, rb, rc, rd = self.ctm[:4]
        na, nb = a * ra + b * rc, a * rb + b * rd
        nc, nd = c * ra + d * rc, c * rb + d * rd
        return na * nd > 0 and nb * nc <= 0


def _round(value: float) -> float:
    """`value` to 4 decimals, about twice as fast as `round(value, 4)`.

    To the nearest for the usual coordinates (not negative); a negative one (off
    the page) may come out 1e-4 high, which is as deterministic and harmless.
    """
    return int(value * 10000.0 + 0.5) / 10000.0


def _mediabox(page: Any) -> tuple[float, float, float, float]:
    """The page's MediaBox, normalised.

    pdfium answers only for a MediaBox set on the page itself; an inherited one
    is taken from the page's bounding box (the MediaBox clipped by the CropBox),
    which equals it unless an inherited CropBox is smaller.
    """
    left, bottom, right, top = (ctypes.c_float() for _ in range(4))
    if pdfium_c.FPDFPage_GetMediaBox(page, left, bottom, right, top):
        box = (left.value, bottom.value, right.value, top.value)
    else:
        rect = pdfium_c.FS_RECTF()
        if pdfium_c.FPDF_GetPageBoundingBox(page, rect):
            box = (rect.left, rect.bottom, rect.right, rect.top)
        else:
            box = (0.0, 0.0, pdfium_c.FPDF_GetPageWidthF(page), pdfium_c.FPDF_GetPageHeightF(page))
    x0, x1 = sorted((float(box[0]), float(box[2])))
    y0, y1 = sorted((float(box[1]), float(box[3])))
    return x0, y0, x1, y1


def _char(text: str, x0: float, top: float, x1: float, bottom: float, upright: bool) -> dict[str, Any]:
    """A char dict with the keys pdfplumber's word, line and table code reads."""
    return {"text": text, "x0": x0, "x1": x1, "top": top, "bottom": bottom, "doctop": top, "upright": upright}


def page_chars(textpage: Any, geometry: PageGeometry) -> list[dict[str, Any]]:
    """Given a pdfium text page, return its glyphs as pdfplumber-style char dicts.

    This loop runs once per glyph of every page, so it is written for speed:
    the usual glyph (printable, upright, with a font box) costs four pdfium calls
    and no Python function call.
    """
    count = pdfium_c.FPDFText_CountChars(textpage)
    calls = _glyph_calls()
    get_unicode, is_generated, loose_box = calls.get_unicode, calls.is_generated, calls.loose_box
    get_matrix, font_size = calls.get_matrix, calls.font_size
    page = ctypes.cast(textpage, ctypes.c_void_p).value
    rect = pdfium_c.FS_RECTF()
    matrix = pdfium_c.FS_MATRIX()
    to_box = geometry.box
    xx, xy, xc, tx, ty, tc = geometry.affine
    plain = xy == 0 and tx == 0 and xx > 0 and ty < 0  # page not rotated
    chars: list[dict[str, Any]] = []
    tight: list[tuple[dict[str, Any], int, float, float, float]] = []
    pieces: list[dict[str, Any]] = []
    space_pending = False
    last_key: tuple[float, float, float, float] | None = None
    last_matrix: tuple[float, float, float, float] | None = None
    upright = True
    index = 0
    while index < count:
        code = get_unicode(page, index)
        if 0x20 < code < 0x7F or 0xA0 <= code < 0x100:
            text = chr(code)
        elif code in _GENERATED and is_generated(page, index):
            space_pending = space_pending or code == 0x20
            last_key = None
            index += 1
            continue
        else:
            text = _text(page, index, code, calls)
            if 0xD800 <= code < 0xDC00 and text:
                index += 1  # the low surrogate joined into `text`
            if not text:
                index += 1
                continue
        loose_box(page, index, rect)
        left, low, right, high = rect.left, rect.bottom, rect.right, rect.top
        key = (left, low, right, high)
        if key == last_key and chars and _same_object(textpage, index):
            chars[-1]["text"] += text  # one glyph, several letters (ligature)
            if not pieces or pieces[-1] is not chars[-1]:
                pieces.append(chars[-1])
            index += 1
            continue
        last_key = key
        get_matrix(page, index, matrix)
        a, b, c, d = matrix.a, matrix.b, matrix.c, matrix.d
        size = font_size(page, index)
        if (a, b, c, d) != last_matrix:
            last_matrix = (a, b, c, d)
            upright = geometry.upright(a, b, c, d)
        em = 0.0
        if b == 0 and c == 0 and d > 0:
            em = size * d
            if plain:  # `PageGeometry.box`, written out
                x0 = int((xx * left + xc) * 10000.0 + 0.5) / 10000.0
                x1 = int((xx * right + xc) * 10000.0 + 0.5) / 10000.0
                top = int((ty * (low + em) + tc) * 10000.0 + 0.5) / 10000.0
                bottom = int((ty * low + tc) * 10000.0 + 0.5) / 10000.0
            else:
                x0, top, x1, bottom = to_box(left, low, right, low + em)
        else:
            x0, top, x1, bottom = to_box(*_font_box(left, low, right, high, a, b, c, d, size))
        char: dict[str, Any] = {
            "text": text, "x0": x0, "x1": x1, "top": top, "bottom": bottom, "doctop": top, "upright": upright
        }
        if em and high - low < _LOOSE * em:
            tight.append((char, index, left, right, em))
        if space_pending:
            if chars:
                space = _char(" ", x0, top, x0, bottom, upright)
                space["anchor"] = char  # see pdf_layout.dedupe
                chars.append(space)
            space_pending = False
        chars.append(char)
        index += 1
    for char in pieces:
        if any(unicodedata.bidirectional(letter) in ("R", "AL") for letter in char["text"]):
            char["text"] = char["text"][::-1]  # pdfium laid the letters out right to left
    if tight:
        _place_tight(textpage, geometry, tight, count)
        for char in chars:
            if "anchor" in char:
                anchor = char["anchor"]
                char.update(top=anchor["top"], doctop=anchor["top"], bottom=anchor["bottom"])
    return chars


class _GlyphCalls(NamedTuple):
    """The pdfium functions `page_chars` calls for each glyph (see `_glyph_calls`)."""

    get_unicode: Any
    is_generated: Any
    is_hyphen: Any
    map_error: Any
    loose_box: Any
    get_matrix: Any
    font_size: Any


@lru_cache(maxsize=1)
def _glyph_calls() -> _GlyphCalls:
    """pdfium's per-glyph text calls, taking the text page as a plain address (an int).

    pypdfium2 declares the text page argument as a typed pointer, which ctypes checks and
    converts at every call. The same C functions declared with a void pointer, given the
    address, cost 0.1-0.3 microseconds less a call, and `page_chars` makes four calls a glyph:
    a 500-page PDF has some 700,000 glyphs.
    """

    def declared(function: Any, result: Any, *more: Any) -> Any:
        address = ctypes.cast(function, ctypes.c_void_p).value
        return ctypes.CFUNCTYPE(result, ctypes.c_void_p, ctypes.c_int, *more)(address)

    return _GlyphCalls(
        get_unicode=declared(pdfium_c.FPDFText_GetUnicode, ctypes.c_uint),
        is_generated=declared(pdfium_c.FPDFText_IsGenerated, ctypes.c_int),
        is_hyphen=declared(pdfium_c.FPDFText_IsHyphen, ctypes.c_int),
        map_error=declared(pdfium_c.FPDFText_HasUnicodeMapError, ctypes.c_int),
        loose_box=declared(pdfium_c.FPDFText_GetLooseCharBox, ctypes.c_int, ctypes.POINTER(pdfium_c.FS_RECTF)),
        get_matrix=declared(pdfium_c.FPDFText_GetMatrix, ctypes.c_int, ctypes.POINTER(pdfium_c.FS_MATRIX)),
        font_size=declared(pdfium_c.FPDFText_GetFontSize, ctypes.c_double),
    )


def _text(page: int, index: int, code: int, calls: _GlyphCalls) -> str:
    """The text of char `index` of the text page at address `page`, or "" when it carries none."""
    if code == _HYPHEN_MARK and calls.is_hyphen(page, index) == 1:
        return "-"
    if 0xD800 <= code < 0xDC00:
        low = calls.get_unicode(page, index + 1)
        if 0xDC00 <= low < 0xE000:
            return chr(0x10000 + ((code - 0xD800) << 10) + (low - 0xDC00))
        return ""
    if code == 0 or 0xDC00 <= code < 0xE000 or code in (0xFFFE, 0xFFFF):
        return ""
    if code < 0x20 and code not in (0x09, 0x0A, 0x0D):
        return ""
    if 0x7F <= code < 0xA0:
        return ""
    if code >= 0x100 and calls.map_error(page, index) == 1:
        return ""  # a CID with no Unicode: a glyph number, not text
    return chr(code)


def _font_box(
    left: float, bottom: float, right: float, top: float, a: float, b: float, c: float, d: float, size: float
) -> tuple[float, float, float, float]:
    """pdfminer's box of a glyph from pdfium's loose box (both in user space).

    Both run along the advance from the glyph origin; across it, pdfium spans
    the font's descent to its ascent, pdfminer the descent to one font size
    above it. So the side facing the text's "up" is moved to descent + size.
    Text at an angle other than a multiple of 90 degrees keeps pdfium's box.
    """
    if b == 0 and c == 0 and d:
        return (left, bottom, right, bottom + size * d) if d > 0 else (left, top + size * d, right, top)
    if a == 0 and d == 0 and c:
        return (left, bottom, left + size * c, top) if c > 0 else (right + size * c, bottom, right, top)
    return left, bottom, right, top


def _place_tight(
    textpage: Any, geometry: PageGeometry, tight: list[tuple[dict[str, Any], int, float, float, float]], count: int
) -> None:
    """Give glyphs that have only a tight box the vertical box of their line.

    Without usable font metrics pdfium returns the tight glyph box: its bottom
    is the glyph's own (a dash floats at mid-height and would form a line of its
    own), not the font's descent. Such a glyph is put on its baseline with the
    descent of an upright glyph with a font box on the same baseline nearby (so
    that it shares its neighbours' top), or a typical descent when there is none.
    """
    skip = {index for _, index, _, _, _ in tight}
    descents: dict[float, float] = {}
    for char, index, left, right, size in tight:
        baseline = _origin_y(textpage, index)
        key = round(baseline, 1)
        if key not in descents:
            descents[key] = _descent_near(textpage, index, baseline, count, skip)
        low = baseline + descents[key] * size
        x0, top, x1, bottom = geometry.box(left, low, right, low + size)
        char.update(x0=x0, x1=x1, top=top, bottom=bottom, doctop=top)


def _descent_near(textpage: Any, index: int, baseline: float, count: int, skip: set[int]) -> float:
    """The font descent (in font sizes, negative) of a glyph near `index` on `baseline`."""
    rect = pdfium_c.FS_RECTF()
    matrix = pdfium_c.FS_MATRIX()
    for step in range(1, 41):
        for other in (index - step, index + step):
            if other < 0 or other >= count or other in skip or pdfium_c.FPDFText_IsGenerated(textpage, other):
                continue
            pdfium_c.FPDFText_GetMatrix(textpage, other, matrix)
            size = pdfium_c.FPDFText_GetFontSize(textpage, other) * matrix.d
            if matrix.b or matrix.c or size <= 0:
                continue
            pdfium_c.FPDFText_GetLooseCharBox(textpage, other, rect)
            if rect.top - rect.bottom < _LOOSE * size:
                continue
            other_baseline = _origin_y(textpage, other)
            if abs(other_baseline - baseline) < 0.01 * size:
                return (rect.bottom - other_baseline) / size
    return -_DESCENT


def _origin_y(textpage: Any, index: int) -> float:
    x, y = ctypes.c_double(), ctypes.c_double()
    pdfium_c.FPDFText_GetCharOrigin(textpage, index, x, y)
    return float(y.value)


def _same_object(textpage: Any, index: int) -> bool:
    first = pdfium_c.FPDFText_GetTextObject(textpage, index - 1)
    second = pdfium_c.FPDFText_GetTextObject(textpage, index)
    return ctypes.cast(first, ctypes.c_void_p).value == ctypes.cast(second, ctypes.c_void_p).value


def add_blanks(chars: list[dict[str, Any]], blanks: list[tuple[float, float]]) -> list[dict[str, Any]]:
    """Given a page's chars and its blank spots, return the chars with a space at each.

    A blank spot becomes a zero-width space char just before the first upright
    glyph to its right on the same baseline (its ``anchor``, as for a space
    pdfium generated), so that the words on either side stay apart as they
    do in pdfminer. A spot with no glyph after it ends a line and changes nothing.
    """
    if not blanks or not chars:
        return chars
    ordered = sorted((char["x0"], index) for index, char in enumerate(chars) if char["upright"])
    starts = [x0 for x0, _ in ordered]
    before: dict[int, dict[str, Any]] = {}
    for x, baseline in blanks:
        position = bisect.bisect_left(starts, x - 0.5)
        for x0, index in ordered[position : position + 400]:
            char = chars[index]
            if char["top"] <= baseline <= char["bottom"] and not char["text"].isspace():
                if index not in before and not (index and "anchor" in chars[index - 1]):
                    space = _char(" ", x0, char["top"], x0, char["bottom"], True)
                    space["anchor"] = char
                    before[index] = space
                break
    if not before:
        return chars
    out: list[dict[str, Any]] = []
    for index, char in enumerate(chars):
        if index in before:
            out.append(before[index])
        out.append(char)
    return out


__all__ = ["PageGeometry", "add_blanks", "page_chars"]
