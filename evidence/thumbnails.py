"""Small JPEG thumbnails of a report's photos, for the HTML report to show inline.

The Report knows where its bundle is and each document's path and SHA-256, so a
photo is read again from there (through the bundle module: a .zip is read in
memory, nothing is ever written) and kept only when its bytes still hash to what
was checked: a page never shows a picture that is not the evidence it describes.
A thumbnail is turned upright by its EXIF orientation and bounded in size. One
that cannot be made (a broken or vanished file, an image too large to decode
safely, a format Pillow cannot open) is simply left out.
"""

from __future__ import annotations

import base64
import hashlib
import io
import warnings

from PIL import Image, ImageOps

from evidence.bundle import read_member
from evidence.kinds import PHOTO
from evidence.report import Report

try:  # optional, as for the image reader: iPhone photos
    import pillow_heif

    pillow_heif.register_heif_opener()
except ImportError:  # pragma: no cover - depends on the installation
    pass

#: The longest side of a thumbnail, in pixels (shown at half that on screen, sharp on a printout).
THUMBNAIL_PX = 320
#: JPEG quality of a thumbnail: small data URIs, still clear enough to tell a crack from a shadow.
JPEG_QUALITY = 70
#: At most this many photos of one report get a thumbnail (the documents table lists them all).
MAX_THUMBNAILS = 24


def photo_thumbnails(report: Report) -> dict[str, str]:
    """Given a Report, return each photo's path -> its thumbnail as a `data:image/jpeg;base64,` URI."""
    thumbnails: dict[str, str] = {}
    for doc, record in zip(report.documents, report.records):
        if record.kind != PHOTO or len(thumbnails) >= MAX_THUMBNAILS:
            continue
        data = read_member(report.bundle, doc.path)
        if data is None or hashlib.sha256(data).hexdigest() != doc.sha256:
            continue
        jpeg = image_to_thumbnail(data)
        if jpeg is not None:
            thumbnails[doc.path] = "data:image/jpeg;base64," + base64.b64encode(jpeg).decode("ascii")
    return thumbnails


def image_to_thumbnail(data: bytes, size: int = THUMBNAIL_PX) -> bytes | None:
    """Given an image file's bytes, return an upright JPEG at most `size` pixels on its longest
    side, or None when it cannot be made safely (unreadable, or over Pillow's pixel limit)."""
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")  # a DecompressionBombWarning is decided on below
            with Image.open(io.BytesIO(data)) as image:
                limit = Image.MAX_IMAGE_PIXELS
                if limit is not None and image.width * image.height > limit:
                    return None  # as the reader does: never decode what could be a decompression bomb
                image.draft("RGB", (size * 2, size * 2))  # JPEG: decode at a fraction of full size
                upright = ImageOps.exif_transpose(image)
                upright.thumbnail((size, size))
                out = io.BytesIO()
                upright.convert("RGB").save(out, "JPEG", quality=JPEG_QUALITY)
                return out.getvalue()
    except Exception:  # noqa: BLE001 - any broken image only loses its thumbnail
        return None
