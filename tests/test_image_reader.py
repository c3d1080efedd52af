from __future__ import annotations

import io

import pytest
from PIL import Image

from evidence.bundle import describe
from evidence.readers import read_file
from tests.conftest import jpeg


def _jpeg_with_exif(size: tuple[int, int], taken: str | None = "2026:11:06 09:14:02") -> bytes:
    return jpeg(size, taken, "Xiaomi", "Redmi Note 13\x00\x00", color=(200, 180, 160))


def test_photo_size_capture_date_and_camera() -> None:
    doc = read_file(describe("photos/dent.jpg", _jpeg_with_exif((1600, 1200))))
    assert doc.problems == []
    assert doc.image is not None
    assert (doc.image.width, doc.image.height, doc.image.format) == (1600, 1200, "jpeg")
    assert doc.image.captured_at == "2026-11-06T09:14:02"
    assert (doc.image.camera_make, doc.image.camera_model) == ("Xiaomi", "Redmi Note 13")
    assert doc.image.megapixels == pytest.approx(1.92)


def test_unset_camera_clock_is_no_date() -> None:
    doc = read_file(describe("a.jpg", _jpeg_with_exif((64, 64), taken="0000:00:00 00:00:00")))
    assert doc.image is not None and doc.image.captured_at is None


# Over Pillow's limit (1x or 2x) a photo is read from its header only, never decoded, and kept.
@pytest.mark.parametrize("limit", [1000, 6000])
def test_over_the_pixel_limit_is_read_from_its_header_only(monkeypatch: pytest.MonkeyPatch, limit: int) -> None:
    monkeypatch.setattr(Image, "MAX_IMAGE_PIXELS", limit)
    doc = read_file(describe("huge.jpg", _jpeg_with_exif((100, 100))))  # 10,000 px
    assert doc.problems == [] and doc.image is not None
    assert (doc.image.width, doc.image.captured_at) == (100, "2026-11-06T09:14:02")
    assert doc.metadata["image_decoded"].startswith("no")
    assert Image.MAX_IMAGE_PIXELS == limit


def test_heic_photo_is_read_when_pillow_heif_is_installed() -> None:
    pillow_heif = pytest.importorskip("pillow_heif")
    pillow_heif.register_heif_opener()
    buffer = io.BytesIO()
    Image.new("RGB", (320, 240), (10, 120, 200)).save(buffer, "HEIF")
    doc = read_file(describe("IMG_0042.HEIC", buffer.getvalue()))
    assert doc.filetype == "heic"
    assert doc.image is not None and (doc.image.width, doc.image.height) == (320, 240)


def test_png_named_pdf_is_read_as_an_image() -> None:
    buffer = io.BytesIO()
    Image.new("RGB", (50, 40)).save(buffer, "PNG")
    doc = read_file(describe("invoice.pdf", buffer.getvalue()))
    assert doc.reader == "image" and doc.problems == []
