"""The ruling lines of a scanned or photographed page: table borders as the edges a text PDF gives.

A text PDF draws its table borders as paths, which `readers.pdf_objects` turns
into pdfplumber's edges; a scan has only pixels. Here the pixels are read with
OpenCV (installed with the OCR engine, imported only when a page is read):

- the page is binarised with an adaptive threshold (ink is darker than its
  neighbourhood by THRESHOLD_C grey levels), so faint grey rulings and uneven
  lighting still come out;
- a morphological opening with a long thin kernel (a thirtieth of the page's
  width or height, between 12 and 20 pt: KERNEL_POINTS) keeps only runs of ink at least
  that long: horizontal ones with a one-pixel-high kernel, vertical ones with a
  one-pixel-wide kernel. Letters are shorter than the kernel and vanish;
- each connected run left is a segment. One whose mean thickness is over
  MAX_THICKNESS_POINTS (a photo's dark area) or which is thicker across than a
  slight skew explains is dropped; so is one lying inside a box of text OCR read
  (a stroke of a large character, a strike-through). A filled bar or shaded cell
  is not ink inside (the threshold is local) but along its border, so it gives
  its outline, a little inside, as a filled rect gives its four edges in a PDF;
- pieces on one line with gaps under JOIN_POINTS (a scan's dropouts, a line cut
  by a stamp) are joined.

Edges are pdfplumber-style dicts in points (pixels times `scale`), lines at the
centre of their ink, so a ruled table on a scan is found by the same
`TableFinder` as on a text PDF.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any, Protocol

from PIL import Image

from evidence.readers.pdf_objects import line_edge

#: A run of ink at least this long is a ruling: a thirtieth of the page's side, within these bounds in points
#: (a letter's strokes are shorter than the lower one: an image's text is scaled to 11 pt).
KERNEL_POINTS = (12.0, 20.0)
#: Never shorter than this many pixels, whatever the scale.
MIN_KERNEL_PIXELS = 12
#: A run of ink thicker than this on average is no ruling (table borders run 0.25 to 2 pt).
MAX_THICKNESS_POINTS = 4.0
#: A segment's box may be thicker than its ink by this share of its length (a scan turned by up to ~1°).
SKEW = 0.02
#: Pieces of one line whose ends are this close are joined (pdfplumber's join tolerance is 3 pt).
JOIN_POINTS = 3.0
#: Adaptive threshold: the neighbourhood (in points, made odd in pixels) and how much darker ink is.
BLOCK_POINTS = 9.0
THRESHOLD_C = 12
#: A text box's margin, in pixels, when testing whether a segment lies inside it.
BOX_MARGIN = 2.0
#: Text made only of these is a line OCR read as text, not text: it masks nothing.
LINE_TEXT = set("-_—–一=~.·・ ")

Edge = dict[str, Any]


class _Box(Protocol):
    """A box of text read on the page (engine.TextBox), in pixels."""

    @property
    def text(self) -> str: ...
    @property
    def x0(self) -> float: ...
    @property
    def top(self) -> float: ...
    @property
    def x1(self) -> float: ...
    @property
    def bottom(self) -> float: ...


def edges(image: Image.Image, scale: float, turns: int = 0, boxes: Sequence[_Box] = ()) -> list[Edge]:
    """Given a page's image, return its ruling lines as pdfplumber edges in points (`scale` per pixel).

    `turns` quarter turns (counter-clockwise, as `engine.recognize` applies them) are
    applied first, so the edges are in the coordinates of the text as read; `boxes`
    are the text boxes read there (in pixels of the turned image): no segment inside
    one is a ruling. Returns [] when OpenCV or numpy is not installed.
    """
    try:
        import cv2
        import numpy as np
    except ImportError:  # the OCR engine's dependencies are missing: no rulings
        return []
    gray = np.asarray(image.convert("L"))
    if turns % 4:
        gray = np.ascontiguousarray(np.rot90(gray, turns % 4))
    height, width = gray.shape
    if min(height, width) < MIN_KERNEL_PIXELS or scale <= 0:
        return []
    block = max(3, int(BLOCK_POINTS / scale) | 1)
    ink = cv2.adaptiveThreshold(gray, 255, cv2.ADAPTIVE_THRESH_MEAN_C, cv2.THRESH_BINARY_INV, block, THRESHOLD_C)
    text = [box for box in boxes if not set(box.text) <= LINE_TEXT]
    found: list[Edge] = []
    for horizontal in (True, False):
        side = width if horizontal else height
        shortest, longest = (bound / scale for bound in KERNEL_POINTS)
        length = max(MIN_KERNEL_PIXELS, round(max(shortest, min(side / 30, longest))))
        shape = (length, 1) if horizontal else (1, length)
        kernel = cv2.getStructuringElement(cv2.MORPH_RECT, shape)
        runs = cv2.morphologyEx(ink, cv2.MORPH_OPEN, kernel)
        segments = _segments(cv2, runs, horizontal, length, scale, text)
        found.extend(_edge(segment, horizontal, scale) for segment in _join(segments, JOIN_POINTS / scale))
    return found


Segment = tuple[float, float, float, float]  # start, end (along), centre (across), thickness, in pixels


def _segments(cv2: Any, runs: Any, horizontal: bool, length: int, scale: float,
              text: Sequence[_Box]) -> list[Segment]:
    """The connected runs of ink that are thin lines: (start, end, centre, thickness) along their direction.

    A run shorter than the kernel `length` is left by the opening at the image's border only (the
    erosion's border counts as ink): it is dropped."""
    contours, _ = cv2.findContours(runs, cv2.RETR_EXTERNAL, cv2.CHAIN_APPROX_SIMPLE)
    most = MAX_THICKNESS_POINTS / scale
    segments: list[Segment] = []
    for contour in contours:
        left, top, w, h = cv2.boundingRect(contour)
        along, across = (w, h) if horizontal else (h, w)
        if along < length or across > most + SKEW * along:
            continue
        thickness = cv2.countNonZero(runs[top:top + h, left:left + w]) / along
        if thickness > most:
            continue
        if horizontal:
            segment = (float(left), float(left + w), top + h / 2, thickness)
        else:
            segment = (float(top), float(top + h), left + w / 2, thickness)
        if not _in_text(segment, horizontal, text):
            segments.append(segment)
    return segments


def _in_text(segment: Segment, horizontal: bool, text: Sequence[_Box]) -> bool:
    """True when the segment lies inside a text box (a stroke of a letter, not a ruling)."""
    start, end, centre, _ = segment
    for box in text:
        lo, hi, cross_lo, cross_hi = (box.x0, box.x1, box.top, box.bottom) if horizontal else \
            (box.top, box.bottom, box.x0, box.x1)
        if lo - BOX_MARGIN <= start and end <= hi + BOX_MARGIN and cross_lo < centre < cross_hi:
            return True
    return False


def _join(segments: list[Segment], gap: float) -> list[Segment]:
    """Pieces of one line (centres within their thickness, at least 2 px) with gaps under `gap`, joined."""
    lines: list[list[Segment]] = []
    for segment in sorted(segments, key=lambda s: s[2]):
        if lines and segment[2] - lines[-1][-1][2] <= max(segment[3], lines[-1][-1][3], 2.0):
            lines[-1].append(segment)
        else:
            lines.append([segment])
    joined: list[Segment] = []
    for line in lines:
        pieces: list[Segment] = []
        for start, end, centre, thickness in sorted(line):
            if pieces and start - pieces[-1][1] <= gap:
                p_start, p_end, p_centre, p_thickness = pieces[-1]
                weight = (p_end - p_start) + (end - start)
                mean = (p_centre * (p_end - p_start) + centre * (end - start)) / weight
                pieces[-1] = (p_start, max(end, p_end), mean, max(thickness, p_thickness))
            else:
                pieces.append((start, end, centre, thickness))
        joined.extend(pieces)
    return joined


def _edge(segment: Segment, horizontal: bool, scale: float) -> Edge:
    start, end, centre, _ = segment
    if horizontal:
        return line_edge(start * scale, centre * scale, end * scale, centre * scale)
    return line_edge(centre * scale, start * scale, centre * scale, end * scale)


__all__ = ["edges"]
