"""OCR: the text of scanned pages and pictures of documents, read as text like any other.

`read_image` is the one entry point: given an image (a photo, a screenshot, a
PDF page rendered by the PDF reader) it returns a `Page` whose lines, words and
tables are laid out as a text PDF's are, each line citing its confidence, or
None when nothing legible is on it. A ruled table's borders are found in the
pixels (`rulings`), turned as the text was read, and given to the layout as a
text PDF's ruling edges are. What counts as legible, the resolution
scans are rendered at and when an image shows a document are in data/ocr.json.

The engine (`engine`) is optional at run time: `available()` says whether it is
installed, and readers report a scan they cannot read as F002 with the command
that installs it.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, replace
from functools import lru_cache
from typing import Any

from PIL import Image

from evidence.ocr.engine import (
    INSTALL_HINT,
    Reading,
    available,
    engine_version,
    glance,
    recognize,
)
from evidence.ocr.layout import MIN_SKEW, image_scale, ocr_page, skew
from evidence.ocr.rulings import edges
from evidence.readers.progress import ocr_pass
from evidence.records import Page
from evidence.reference_data import load_data


@dataclass(frozen=True)
class PageText:
    """What OCR made of one image: the page (None when nothing legible), and the confidences seen."""

    page: Page | None
    mean_confidence: float  # over every box found, legible or not (0.0 when none was found)
    boxes: int
    turns: int  # quarter turns that made the text upright
    area: float  # share of the image the legible boxes cover, in [0, 1]


def read_image(image: Image.Image, path: str, number: int = 1, scale: float | None = None,
               worth_reading: Callable[[list[str]], bool] | None = None) -> PageText:
    """Given an RGB image, return its text as page `number` of `path`, in points (`scale` per pixel,
    or the scale that gives its text a printed page's size).

    An image where a quick look finds no text is not read. With `worth_reading`, the look also
    reads its boxes, and the image is read only when `worth_reading` (given what they say) agrees:
    a camera's photo of the goods is not read for a brand on it.
    """
    shrink = _shrink(image)
    if shrink < 1.0:
        image = image.resize((max(1, round(image.width * shrink)), max(1, round(image.height * shrink))),
                             Image.Resampling.LANCZOS)
    boxes = glance(image, read=worth_reading is not None)
    if not boxes or (worth_reading is not None and not worth_reading(boxes)):
        return PageText(None, 0.0, len(boxes), 0, 0.0)
    ocr_pass()
    reading = recognize(image)
    legible = [box for box in reading.boxes if box.confidence >= settings()["legible_confidence"]]
    if not legible:
        return PageText(None, reading.mean_confidence, len(reading.boxes), reading.turns, 0.0)
    kept = replace(reading, boxes=legible)
    points = image_scale(kept) if scale is None else scale / shrink
    # Rulings are found level or not at all: a page that slopes has its text turned back, not its lines.
    level = abs(skew(legible)) < MIN_SKEW
    rulings = edges(image, points, turns=reading.turns, boxes=legible) if level else []  # in the pixels read
    page = ocr_page(kept, number, path, points, rulings)
    return PageText(page, reading.mean_confidence, len(reading.boxes), reading.turns, _area(kept))


def _area(reading: Reading) -> float:
    covered = sum((box.x1 - box.x0) * (box.bottom - box.top) for box in reading.boxes)
    return round(min(1.0, covered / (reading.width * reading.height)), 4) if reading.width and reading.height else 0.0


def _shrink(image: Image.Image) -> float:
    longest = max(image.width, image.height)
    return min(1.0, settings()["max_side_pixels"] / longest) if longest else 1.0


@lru_cache(maxsize=1)
def settings() -> dict[str, Any]:
    data: dict[str, Any] = load_data("ocr.json")
    return data


__all__ = ["INSTALL_HINT", "PageText", "available", "engine_version", "read_image", "settings"]
