"""One PDF page's objects as pdfium sees them: ruling edges from paths, blank spots from text.

`page_objects` turns the page's path objects into the line, rect and curve
edges pdfplumber's `TableFinder` works from, and finds the text objects made of
spaces only, which `pdf_pdfium.add_blanks` puts back among the chars. Form
XObjects are entered, their matrices applied, so a table drawn inside one keeps
its rulings.
"""

from __future__ import annotations

import ctypes
import itertools
from typing import Any

import pypdfium2.raw as pdfium_c

from evidence.readers.pdf_pdfium import PageGeometry

_PATH = pdfium_c.FPDF_PAGEOBJ_PATH
_FORM = pdfium_c.FPDF_PAGEOBJ_FORM
_TEXT = pdfium_c.FPDF_PAGEOBJ_TEXT
_MOVE = pdfium_c.FPDF_SEGMENT_MOVETO
_BEZIER = pdfium_c.FPDF_SEGMENT_BEZIERTO

Matrix = tuple[float, float, float, float, float, float]
_IDENTITY: Matrix = (1.0, 0.0, 0.0, 1.0, 0.0, 0.0)


def page_objects(page: Any, geometry: PageGeometry) -> tuple[list[dict[str, Any]], list[tuple[float, float]]]:
    """Given a pdfium page, return its ruling edges and the spots of its blank text.

    Edges are pdfplumber's `page.edges` for the page's path objects: each
    painted path is split into subpaths and classified as pdfminer does
    (`PDFLayoutAnalyzer.paint_path`): a single segment is a line, a closed
    axis-aligned four-sided loop a rect, anything else a curve; then the edges
    come out in pdfplumber's order, line edges, then rect edges, then curve edges.

    Blank spots are the (x, baseline) of upright text objects that draw nothing
    but spaces. pdfium's text page skips such objects (their box has no width),
    where pdfminer keeps their space glyphs, which break words: see `pdf_pdfium.add_blanks`.
    """
    lines: list[dict[str, Any]] = []
    rects: list[dict[str, Any]] = []
    curves: list[dict[str, Any]] = []
    blanks: list[tuple[float, float]] = []
    for kind, obj, matrix in _objects(page, pdfium_c.FPDFPage_CountObjects, pdfium_c.FPDFPage_GetObject, _IDENTITY):
        if kind == _PATH:
            for shape, points in _subpaths(_segments(obj, matrix)):
                _classify(shape, points, geometry, lines, rects, curves)
        elif _is_blank(obj) and geometry.upright(*matrix[:4]):
            blanks.append(geometry.point(matrix[4], matrix[5]))
    edges = [_line_edge(line) for line in lines]
    for rect in rects:
        edges.extend(_rect_edges(rect))
    for curve in curves:
        edges.extend(_curve_edges(curve))
    return edges, blanks


def _objects(holder: Any, count_fn: Any, get_fn: Any, outer: Matrix) -> Any:
    """Yield (type, object, matrix to user space) of path and text objects, in content order."""
    get_type = pdfium_c.FPDFPageObj_GetType
    fs_matrix = pdfium_c.FS_MATRIX()
    for index in range(count_fn(holder)):
        obj = get_fn(holder, index)
        kind = get_type(obj)
        if kind not in (_PATH, _FORM, _TEXT):
            continue
        if not pdfium_c.FPDFPageObj_GetMatrix(obj, fs_matrix):
            continue
        own = (fs_matrix.a, fs_matrix.b, fs_matrix.c, fs_matrix.d, fs_matrix.e, fs_matrix.f)
        matrix = _multiply(own, outer)
        if kind == _FORM:
            yield from _objects(obj, pdfium_c.FPDFFormObj_CountObjects, pdfium_c.FPDFFormObj_GetObject, matrix)
        else:
            yield kind, obj, matrix


def _is_blank(text_object: Any) -> bool:
    """pdfium's test for a text object it leaves out of the text page: no width."""
    left, bottom, right, top = (ctypes.c_float() for _ in range(4))
    if not pdfium_c.FPDFPageObj_GetBounds(text_object, left, bottom, right, top):
        return False
    return abs(right.value - left.value) < 0.01



def _multiply(m1: Matrix, m0: Matrix) -> Matrix:
    """m1 then m0 (row vectors, as pdfminer's `mult_matrix`)."""
    a1, b1, c1, d1, e1, f1 = m1
    a0, b0, c0, d0, e0, f0 = m0
    return (
        a0 * a1 + c0 * b1,
        b0 * a1 + d0 * b1,
        a0 * c1 + c0 * d1,
        b0 * c1 + d0 * d1,
        a0 * e1 + c0 * f1 + e0,
        b0 * e1 + d0 * f1 + f0,
    )


def _segments(path: Any, matrix: Matrix) -> list[tuple[str, float, float]]:
    """A path's points as pdfminer ops: m, l, c (end point only) and h (close)."""
    a, b, c, d, e, f = matrix
    x, y = ctypes.c_float(), ctypes.c_float()
    ops: list[tuple[str, float, float]] = []
    bezier = 0
    for index in range(pdfium_c.FPDFPath_CountSegments(path)):
        segment = pdfium_c.FPDFPath_GetPathSegment(path, index)
        if not segment or not pdfium_c.FPDFPathSegment_GetPoint(segment, x, y):
            continue
        kind = pdfium_c.FPDFPathSegment_GetType(segment)
        px, py = x.value, y.value
        point = (a * px + c * py + e, b * px + d * py + f)
        if kind == _BEZIER:
            bezier += 1
            if bezier % 3:
                continue  # control points: pdfminer keeps a curve's end point only
            ops.append(("c", *point))
        else:
            bezier = 0
            ops.append(("m" if kind == _MOVE else "l", *point))
        if pdfium_c.FPDFPathSegment_GetClose(segment):
            ops.append(("h", 0.0, 0.0))
    return ops


def _subpaths(ops: list[tuple[str, float, float]]) -> Any:
    """Yield (shape, points) per subpath, an ``h`` standing at its start point."""
    start = 0
    for index in range(1, len(ops) + 1):
        if index == len(ops) or ops[index][0] == "m":
            part = ops[start:index]
            start = index
            if not part or part[0][0] != "m":
                continue
            first = (part[0][1], part[0][2])
            shape = "".join(op for op, _, _ in part)
            points = [first if op == "h" else (px, py) for op, px, py in part]
            yield shape, points


def _classify(
    shape: str,
    points: list[tuple[float, float]],
    geometry: PageGeometry,
    lines: list[dict[str, Any]],
    rects: list[dict[str, Any]],
    curves: list[dict[str, Any]],
) -> None:
    pts = [geometry.point(px, py) for px, py in points]
    if len(shape) > 3 and shape[-2:] == "lh" and points[-2] == points[0]:
        shape = shape[:-2] + "h"
        pts.pop()
        points = points[:-1]
    if shape in {"mlh", "ml"}:
        lines.append(_bbox_object("line", pts[:2]))
    elif shape in {"mlllh", "mllll"}:
        (x0, y0), (x1, y1), (x2, y2), (x3, y3), _ = points
        closed = points[0] == points[4]
        square = (x0 == x1 and y1 == y2 and x2 == x3 and y3 == y0) or (
            y0 == y1 and x1 == x2 and y2 == y3 and x3 == x0
        )
        if closed and square:
            rects.append(_bbox_object("rect", [pts[0], pts[2]]))
        else:
            curves.append({**_bbox_object("curve", pts), "pts": pts})
    else:
        curves.append({**_bbox_object("curve", pts), "pts": pts})


def _bbox_object(kind: str, pts: list[tuple[float, float]]) -> dict[str, Any]:
    xs = [p[0] for p in pts]
    tops = [p[1] for p in pts]
    x0, x1, top, bottom = min(xs), max(xs), min(tops), max(tops)
    return {
        "object_type": kind,
        "x0": x0,
        "x1": x1,
        "top": top,
        "bottom": bottom,
        "doctop": top,
        "width": x1 - x0,
        "height": bottom - top,
    }


def line_edge(x0: float, top: float, x1: float, bottom: float) -> dict[str, Any]:
    """A ruling line from (x0, top) to (x1, bottom) as pdfplumber's edge of a line object (for scans' rulings)."""
    return _line_edge(_bbox_object("line", [(x0, top), (x1, bottom)]))


def _line_edge(line: dict[str, Any]) -> dict[str, Any]:
    return {**line, "orientation": "h" if line["top"] == line["bottom"] else "v"}


def _rect_edges(rect: dict[str, Any]) -> list[dict[str, Any]]:
    top, bottom, height = rect["top"], rect["bottom"], rect["height"]
    base = {**rect, "object_type": "rect_edge"}
    return [
        {**base, "height": 0, "bottom": top, "orientation": "h"},
        {**base, "height": 0, "top": top + height, "doctop": rect["doctop"] + height, "bottom": bottom,
         "orientation": "h"},
        {**base, "width": 0, "x1": rect["x0"], "orientation": "v"},
        {**base, "width": 0, "x0": rect["x1"], "orientation": "v"},
    ]


def _curve_edges(curve: dict[str, Any]) -> list[dict[str, Any]]:
    pts = curve["pts"]
    return [
        {
            "object_type": "curve_edge",
            "x0": min(p0[0], p1[0]),
            "x1": max(p0[0], p1[0]),
            "top": min(p0[1], p1[1]),
            "doctop": min(p0[1], p1[1]),
            "bottom": max(p0[1], p1[1]),
            "width": abs(p0[0] - p1[0]),
            "height": abs(p0[1] - p1[1]),
            "orientation": "v" if p0[0] == p1[0] else ("h" if p0[1] == p1[1] else None),
        }
        for p0, p1 in itertools.pairwise(pts)
    ]


__all__ = ["line_edge", "page_objects"]
