"""The PDF reader's faster versions of pdfplumber's steps must give exactly what pdfplumber's give."""

from __future__ import annotations

import random
from dataclasses import asdict
from operator import itemgetter
from pathlib import Path

import pypdfium2
import pytest
from pdfplumber.table import edges_to_intersections, intersections_to_cells
from pdfplumber.utils.clustering import cluster_objects

from evidence.readers import pdf_layout
from evidence.readers.pdf_objects import page_objects
from evidence.readers.pdf_pdfium import PageGeometry, page_chars
from evidence.readers.pdf_table_finder import FastTableFinder, cells_at
from evidence.records import Source
from tests.conftest import EXTERNAL, SAMPLES

#: PDFs with ruled tables: the samples' and the external corpus's (when it is there).
RULED_PDFS = sorted(SAMPLES.glob("*/**/*.pdf")) + sorted(EXTERNAL.glob("pdfplumber/*.pdf"))[:40]


def _tops(random_tops: random.Random, count: int) -> list[dict[str, float]]:
    # Few distinct values, so that ties and chains within the tolerance are common.
    return [{"top": random_tops.choice([0.0, 1.5, 2.9, 3.0, 6.1, 9.2, 9.2, 20.0, 21.0, 25.5]) + random_tops.random()
             * random_tops.choice([0, 0, 1]), "n": n} for n in range(count)]


@pytest.mark.parametrize("tolerance", [0, 1, 3])
def test_clusters_by_top_are_pdfplumbers_clusters(tolerance: float) -> None:
    random_tops = random.Random(7)
    for count in [0, 1, 2, 3, 5, 8, 13, 40]:
        for _ in range(50):
            objects = _tops(random_tops, count)
            expected = cluster_objects(objects, itemgetter("top"), tolerance)
            assert pdf_layout.clusters_by_top(objects, tolerance) == expected


def test_clusters_by_top_split_where_a_gap_exceeds_the_tolerance() -> None:
    objects = [{"top": 10.0}, {"top": 0.0}, {"top": 3.0}, {"top": 6.5}, {"top": 9.0}]
    assert pdf_layout.clusters_by_top(objects, 3) == [[{"top": 0.0}, {"top": 3.0}], [{"top": 10.0}, {"top": 6.5},
                                                                                    {"top": 9.0}]]


def _page_intersections(path: Path) -> list[dict]:
    """The crossings of ruling edges of each ruled page (of the first five), as the table finder takes them."""
    found = []
    try:
        pdf = pypdfium2.PdfDocument(path)
    except pypdfium2.PdfiumError:
        return []  # the corpus's broken files
    try:
        for index in range(min(len(pdf), 5)):
            page = pdf[index]
            geometry = PageGeometry(page.raw)
            edges, _ = page_objects(page.raw, geometry)
            bbox = (geometry.shift_x, geometry.shift_top, geometry.shift_x + geometry.width,
                    geometry.shift_top + geometry.height)
            page.close()
            if pdf_layout._can_cross(edges):
                finder = FastTableFinder(pdf_layout._TablePage([], edges, bbox), pdf_layout._TABLE_SETTINGS)
                found.append(finder.intersections)
    finally:
        pdf.close()
    return found


def test_cells_are_pdfplumbers_cells_on_every_ruled_page() -> None:
    compared = 0
    for path in RULED_PDFS:
        for intersections in _page_intersections(path):
            assert cells_at(intersections) == intersections_to_cells(intersections), path
            compared += len(intersections) > 3
    assert compared >= 10  # the samples alone have more ruled pages than this


def test_a_grid_gives_its_cells_and_a_missing_edge_merges_two() -> None:
    def edge(x0: float, top: float, x1: float, bottom: float) -> dict:
        return {"x0": x0, "top": top, "x1": x1, "bottom": bottom, "orientation": "h" if top == bottom else "v",
                "width": x1 - x0, "height": bottom - top}

    rows = [edge(0, y, 20, y) for y in (0, 10, 20)]
    columns = [edge(x, 0, x, 20) for x in (0, 10, 20)]
    grid = edges_to_intersections(rows + columns, 3, 3)
    assert cells_at(grid) == [(0, 0, 10, 10), (0, 10, 10, 20), (10, 0, 20, 10), (10, 10, 20, 20)]
    # Without the middle column's lower half the two lower cells are one.
    split = [edge(10, 0, 10, 10)]
    merged = edges_to_intersections(rows + [columns[0], columns[2], *split], 3, 3)
    assert cells_at(merged) == intersections_to_cells(merged)
    assert (0, 10, 20, 20) in cells_at(merged)


def test_page_chars_are_the_same_through_either_binding() -> None:
    # The glyph loop calls pdfium through its own declarations; pypdfium2's give the same codes.
    path = SAMPLES / "strong-quality-claim" / "01_PI_HY-PI-2026-0817.pdf"
    pdf = pypdfium2.PdfDocument(path)
    page = pdf[0]
    textpage = page.get_textpage()
    chars = page_chars(textpage.raw, PageGeometry(page.raw))
    codes = [pypdfium2.raw.FPDFText_GetUnicode(textpage.raw, index)
             for index in range(pypdfium2.raw.FPDFText_CountChars(textpage.raw))]
    textpage.close()
    page.close()
    pdf.close()
    assert "".join(char["text"] for char in chars if char["text"].strip()) == "".join(
        chr(code) for code in codes if chr(code).strip() and code > 0x20)


@pytest.mark.parametrize("source", [Source("a.pdf"), Source("a.pdf", page=2, line=7), Source("b.xlsx", 1, None, "S!B7"),
                                    Source("c.jpg", line=3, ocr_confidence=0.5), Source("d", 0, 0, "", 0.0)])
def test_a_source_dict_is_its_fields_without_the_empty_ones(source: Source) -> None:
    expected = {key: value for key, value in asdict(source).items() if value is not None}
    assert source.to_dict() == expected
    assert list(source.to_dict()) == list(expected)
