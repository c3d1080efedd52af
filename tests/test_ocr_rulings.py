"""Ruling lines of scanned pages (evidence/ocr/rulings.py): a ruled table on a scan is a Table, as on a text PDF."""

from __future__ import annotations

import random
import re
import sys
import unicodedata
from dataclasses import dataclass

import pytest
from PIL import Image, ImageDraw, ImageFilter, ImageFont

from evidence import ocr
from evidence.ocr import rulings

SCALE = 72 / 200  # points per pixel of a page rendered at 200 dpi
needs_engine = pytest.mark.skipif(not ocr.available(), reason="the OCR engine is not installed")

HEADER = ["Description", "Qty", "Unit Price", "Amount"]
ROWS = [
    ["Steel bottle 750 ml", "2000", "4.85", "9700.00"],
    ["Bottle lid black", "500", "0.60", "300.00"],
    ["Gift box printed", "2500", "0.25", "625.00"],
]
COLUMNS = [120, 640, 820, 1140, 1460]  # x of the vertical rulings, in pixels
ROW_TOPS = [200, 270, 340, 410, 480]  # y of the horizontal rulings


def font() -> ImageFont.FreeTypeFont | ImageFont.ImageFont:
    return ImageFont.load_default(size=28)


def ruled_table(width: int = 1654, height: int = 760, line: int = 3) -> Image.Image:
    """A white page at 200 dpi with a large title and an invoice table ruled in a grid, text in every cell."""
    image = Image.new("RGB", (width, height), "white")
    draw = ImageDraw.Draw(image)
    draw.text((120, 70), "PROFORMA INVOICE", fill="black", font=ImageFont.load_default(size=64))  # long strokes
    for x in COLUMNS:
        draw.line([(x, ROW_TOPS[0]), (x, ROW_TOPS[-1])], fill="black", width=line)
    for y in ROW_TOPS:
        draw.line([(COLUMNS[0], y), (COLUMNS[-1], y)], fill="black", width=line)
    for row_index, row in enumerate([HEADER, *ROWS]):
        for column, text in enumerate(row):
            draw.text((COLUMNS[column] + 18, ROW_TOPS[row_index] + 20), text, fill="black", font=font())
    draw.text((120, 560), "Payment: 30% deposit, balance before shipment", fill="black", font=font())
    return image


def compact(text: str | None) -> str:
    """A cell's text as compared: OCR may drop or add spaces and read full-width punctuation."""
    return re.sub(r"\s+", "", unicodedata.normalize("NFKC", text or "")).lower()


# ---------------------------------------------------------------- edges() alone


def grid(lines_x: list[int], lines_y: list[int], size: tuple[int, int] = (1654, 1200), width: int = 3) -> Image.Image:
    image = Image.new("RGB", size, "white")
    draw = ImageDraw.Draw(image)
    for x in lines_x:
        draw.rectangle([x, lines_y[0], x + width - 1, lines_y[-1] + width - 1], fill="black")
    for y in lines_y:
        draw.rectangle([lines_x[0], y, lines_x[-1] + width - 1, y + width - 1], fill="black")
    return image


def test_a_grid_gives_one_edge_per_ruling_in_points() -> None:
    xs, ys = [100, 400, 700, 1000, 1500], [150, 300, 450, 600, 1000]
    found = rulings.edges(grid(xs, ys), SCALE)
    horizontal = sorted((e for e in found if e["orientation"] == "h"), key=lambda e: e["top"])
    vertical = sorted((e for e in found if e["orientation"] == "v"), key=lambda e: e["x0"])
    assert len(horizontal) == len(ys) and len(vertical) == len(xs)
    for edge, y in zip(horizontal, ys, strict=True):
        centre = (y + 1.5) * SCALE  # a 3-pixel line from y to y + 3
        assert edge["top"] == edge["bottom"] and abs(edge["top"] - centre) < 1
        assert abs(edge["x0"] - xs[0] * SCALE) < 1 and abs(edge["x1"] - (xs[-1] + 3) * SCALE) < 1
        assert edge["width"] == pytest.approx(edge["x1"] - edge["x0"]) and edge["height"] == 0
        assert edge["doctop"] == edge["top"] and edge["object_type"] == "line"
    for edge, x in zip(vertical, xs, strict=True):
        assert edge["x0"] == edge["x1"] and abs(edge["x0"] - (x + 1.5) * SCALE) < 1
        assert abs(edge["top"] - ys[0] * SCALE) < 1 and abs(edge["bottom"] - (ys[-1] + 3) * SCALE) < 1


def test_faint_grey_and_broken_rulings_are_whole_lines() -> None:
    image = Image.new("RGB", (1654, 800), "white")
    draw = ImageDraw.Draw(image)
    draw.line([(100, 200), (1500, 200)], fill=(190, 190, 190), width=2)  # a light grey hairline
    draw.line([(100, 400), (1500, 400)], fill="black", width=3)
    draw.rectangle([700, 395, 704, 405], fill="white")  # a dropout 5 px wide (under 3 pt)
    found = [e for e in rulings.edges(image, SCALE) if e["orientation"] == "h"]
    assert len(found) == 2
    assert all(abs(e["x0"] - 100 * SCALE) < 1 and abs(e["x1"] - 1500 * SCALE) < 1 for e in found)


def test_text_and_short_dashes_are_not_rulings() -> None:
    image = Image.new("RGB", (1654, 800), "white")
    draw = ImageDraw.Draw(image)
    draw.text((100, 100), "Description Qty Unit Price Amount TOTAL 14,700.00 一二三 目", fill="black", font=font())
    draw.text((100, 200), "Pillow's default font draws no Chinese: its missing glyphs are boxes", fill="black",
              font=font())
    for x in range(100, 1500, 40):
        draw.line([(x, 500), (x + 15, 500)], fill="black", width=2)  # dashes shorter than a ruling
    assert rulings.edges(image, SCALE) == []


def test_a_filled_bar_gives_its_outline_not_a_thick_line() -> None:
    image = Image.new("RGB", (1654, 2339), "white")
    ImageDraw.Draw(image).rectangle([100, 300, 1499, 399], fill=(40, 60, 120))  # a header band 100 px high
    found = rulings.edges(image, SCALE)
    horizontal = sorted(e["top"] for e in found if e["orientation"] == "h")
    vertical = sorted(e["x0"] for e in found if e["orientation"] == "v")
    assert len(horizontal) == 2 and len(vertical) == 2
    assert abs(horizontal[0] - 300 * SCALE) < 3 and abs(horizontal[1] - 400 * SCALE) < 3  # pdfplumber snaps 3 pt
    assert abs(vertical[0] - 100 * SCALE) < 3 and abs(vertical[1] - 1500 * SCALE) < 3


def test_a_segment_inside_a_text_box_is_a_stroke_not_a_ruling() -> None:
    @dataclass
    class Box:
        text: str
        x0: float
        top: float
        x1: float
        bottom: float

    image = Image.new("RGB", (1654, 800), "white")
    ImageDraw.Draw(image).line([(300, 400), (420, 400)], fill="black", width=3)  # a long stroke of a title
    assert len(rulings.edges(image, SCALE)) == 1
    assert rulings.edges(image, SCALE, boxes=[Box("標題", 280, 370, 440, 430)]) == []
    assert len(rulings.edges(image, SCALE, boxes=[Box("一", 280, 370, 440, 430)])) == 1  # OCR read the line


def test_edges_are_taken_from_the_image_turned_as_the_text_was_read() -> None:
    xs, ys = [100, 500, 900], [150, 400, 700, 1000]
    image = grid(xs, ys)
    for turns, method in ((1, Image.Transpose.ROTATE_90), (3, Image.Transpose.ROTATE_270)):
        expected = rulings.edges(image.transpose(method), SCALE)
        assert rulings.edges(image, SCALE, turns=turns) == expected
        assert sum(e["orientation"] == "h" for e in expected) == len(xs)  # the verticals are now horizontal


def test_a_page_with_no_lines_gives_no_edges() -> None:
    image = Image.new("RGB", (1654, 1000), "white")
    draw = ImageDraw.Draw(image)
    for index in range(12):
        draw.text((120, 80 + 60 * index), f"Line {index}: goods shipped in 24 cartons, 5-ply export carton",
                  fill="black", font=font())
    assert rulings.edges(image, SCALE) == []


def photo(size: tuple[int, int] = (1654, 1240), seed: int = 7) -> Image.Image:
    """A photo-like texture: noise at several grain sizes, blurred, in colour."""
    rng = random.Random(seed)
    layers = []
    for grain in (1, 4, 16):
        small = Image.new("L", (size[0] // grain, size[1] // grain))
        small.putdata([rng.randrange(256) for _ in range(small.width * small.height)])
        layers.append(small.resize(size, Image.Resampling.BICUBIC).filter(ImageFilter.GaussianBlur(1)))
    return Image.merge("RGB", layers)


def test_a_photo_like_texture_gives_few_edges() -> None:
    assert len(rulings.edges(photo(), SCALE)) <= 10  # a few straight runs of grain: no table (below)


def test_without_opencv_there_are_no_edges(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setitem(sys.modules, "cv2", None)  # importing it raises ImportError
    assert rulings.edges(grid([100, 500], [100, 500]), SCALE) == []


# ---------------------------------------------------------------- read_image: tables on scans


@needs_engine
def test_a_ruled_table_on_a_scan_is_a_table_with_its_cells() -> None:
    page = ocr.read_image(ruled_table(), "scan.png", scale=SCALE).page
    assert page is not None
    assert len(page.tables) == 1
    rows = page.tables[0].rows
    assert [len(row) for row in rows] == [4, 4, 4, 4]
    assert [[compact(cell) for cell in row] for row in rows] == [[compact(c) for c in r] for r in [HEADER, *ROWS]]
    assert page.tables[0].source.page == 1


@needs_engine
def test_a_ruled_table_photographed_sideways_is_read_upright_with_its_cells() -> None:
    # The page lies turned a quarter clockwise: the engine turns it back, and the rulings must be
    # taken from the page turned so.
    text = ocr.read_image(ruled_table().transpose(Image.Transpose.ROTATE_270), "sideways.png", scale=SCALE)
    assert text.turns == 1 and text.page is not None
    assert (text.page.width, text.page.height) == (round(1654 * SCALE, 2), round(760 * SCALE, 2))
    assert len(text.page.tables) == 1
    rows = text.page.tables[0].rows
    assert [[compact(cell) for cell in row] for row in rows] == [[compact(c) for c in r] for r in [HEADER, *ROWS]]


@needs_engine
def test_a_page_without_lines_has_no_table() -> None:
    image = Image.new("RGB", (1654, 700), "white")
    draw = ImageDraw.Draw(image)
    for index, row in enumerate([HEADER, *ROWS]):
        for column, text in enumerate(row):
            draw.text((COLUMNS[column] + 18, 200 + 70 * index), text, fill="black", font=font())
    page = ocr.read_image(image, "unruled.png", scale=SCALE).page
    assert page is not None and page.tables == []


@needs_engine
def test_underlined_form_fields_are_no_table() -> None:
    image = Image.new("RGB", (1654, 900), "white")
    draw = ImageDraw.Draw(image)
    for index, label in enumerate(["Buyer name:", "Order number:", "Date of delivery:", "Signature:"]):
        y = 150 + 150 * index
        draw.text((120, y), label, fill="black", font=font())
        draw.line([(480, y + 34), (1400, y + 34)], fill="black", width=2)
        draw.text((500, y), "Northfield Outdoor Supply" if index == 0 else "2381093617405528", fill="black",
                  font=font())
    found = rulings.edges(image, SCALE)
    assert len(found) == 4 and all(edge["orientation"] == "h" for edge in found)
    page = ocr.read_image(image, "form.png", scale=SCALE).page
    assert page is not None and page.tables == []


@needs_engine
def test_a_photo_with_a_label_has_no_table() -> None:
    image = photo()
    draw = ImageDraw.Draw(image)
    draw.rectangle([300, 500, 1300, 620], fill="white")
    draw.text((330, 540), "CARTON 12/24 MADE IN CHINA", fill="black", font=font())
    text = ocr.read_image(image, "photo.jpg")
    assert text.page is None or text.page.tables == []
