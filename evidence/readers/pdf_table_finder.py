"""pdfplumber's `TableFinder`, with its search for cells written to do each look-up once.

pdfplumber finds a table's cells from the points where ruling edges cross: for
each point, the nearest point below and the nearest to its right that an edge
joins it to, and the corner those two close. Its `intersections_to_cells` builds
each point's set of edges again for every pair of points it compares, and scans
all later points for those below and to the right; on a page with a ruled grid
that was most of the time spent finding tables. Here each point's edge sets are
built once and the points are grouped by column and by row, which gives the same
cells in the same order (checked against pdfplumber on every page of the sample
and external corpora). Everything else is pdfplumber's own code.
"""

from __future__ import annotations

from collections import defaultdict
from typing import Any

from pdfplumber.table import Table, TableFinder, TableSettings, cells_to_tables, edges_to_intersections
from pdfplumber.utils import obj_to_bbox

Point = tuple[float, float]
Box = tuple[float, float, float, float]


class FastTableFinder(TableFinder):
    """`TableFinder` on a page-like object (edges, bbox, chars), finding its cells with `cells_at`."""

    def __init__(self, page: Any, settings: TableSettings) -> None:  # noqa: D107 - as TableFinder's
        self.page = page
        self.settings = settings
        self.edges = self.get_edges()
        self.intersections = edges_to_intersections(
            self.edges, settings.intersection_x_tolerance, settings.intersection_y_tolerance
        )
        self.cells = cells_at(self.intersections)
        self.tables = [Table(self.page, group) for group in cells_to_tables(self.cells)]


def cells_at(intersections: dict[Point, dict[str, list[Any]]]) -> list[Box]:
    """pdfplumber's `intersections_to_cells`: for each crossing point, in order, the smallest cell it is the top left of."""
    vertical = {point: {obj_to_bbox(edge) for edge in edges["v"]} for point, edges in intersections.items()}
    horizontal = {point: {obj_to_bbox(edge) for edge in edges["h"]} for point, edges in intersections.items()}

    def joined(one: Point, other: Point) -> bool:
        if one[0] == other[0] and not vertical[one].isdisjoint(vertical[other]):
            return True
        return one[1] == other[1] and not horizontal[one].isdisjoint(horizontal[other])

    points = sorted(intersections)
    by_column: dict[float, list[Point]] = defaultdict(list)
    by_row: dict[float, list[Point]] = defaultdict(list)
    for point in points:  # in sorted order: a column by top, a row by x
        by_column[point[0]].append(point)
        by_row[point[1]].append(point)
    place_in_row = {point: place for row in by_row.values() for place, point in enumerate(row)}
    cells = []
    for column in by_column.values():  # columns left to right, each top down: the points' sorted order
        for place, point in enumerate(column):
            right = by_row[point[1]][place_in_row[point] + 1:]
            cell = _smallest_cell(point, column[place + 1:], right, intersections, joined)
            if cell is not None:
                cells.append(cell)
    return cells


def _smallest_cell(point: Point, below: list[Point], right: list[Point], intersections: dict[Point, Any],
                   joined: Any) -> Box | None:
    """pdfplumber's `find_smallest_cell`: the first corner, nearest below then nearest right, joined on all sides."""
    for below_point in below:
        if not joined(point, below_point):
            continue
        for right_point in right:
            if not joined(point, right_point):
                continue
            corner = (right_point[0], below_point[1])
            if corner in intersections and joined(corner, right_point) and joined(corner, below_point):
                return (point[0], point[1], corner[0], corner[1])
    return None
