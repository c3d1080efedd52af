"""Images via Pillow: size, format, and the EXIF capture date and camera.

Size, format and EXIF come from the file's header; pixels are not needed. An
image within Pillow's pixel limit (Image.MAX_IMAGE_PIXELS, 89.5 MP) is also
decoded once (at 1/8 scale for JPEG, which is cheap) so that truncated or
corrupt files are caught here rather than trusted. A larger one (a 108 or
200 MP phone photo) is read from its header only and never decoded, so a
decompression bomb is never unpacked; a header claiming more than
MAX_MEGAPIXELS (1,000 MP: no camera takes that) is refused as one.
HEIC/HEIF photos are read when the optional pillow-heif package is installed.

Whether an image shows the goods or a document is decided here, where the
evidence is. The file itself can tell a scanned page (a scanner in its EXIF, or
no camera and a page's proportions) or a phone screen (data/photos.json). OCR
(evidence.ocr) tells the rest: an image with enough lines of text over enough of
its area (data/ocr.json) shows a document. A camera's photo is read only when a
quick look at a small copy finds a page's worth of boxes of text, or a
document's title among a few: the labels on the goods cost no OCR. Any legible
text becomes the Document's page, read and cited like a PDF's, and classify.py makes an image
whose text names a document kind that document; a photo with a shipping mark
or a label in it names none and stays a photo. An image of a document with
nothing legible in it, or that needs OCR where the engine is not installed, is
F002.
"""

from __future__ import annotations

import io
import re
import threading
import warnings
from collections.abc import Iterator
from contextlib import contextmanager
from functools import lru_cache
from typing import Any

from PIL import Image, ImageOps, UnidentifiedImageError

from evidence import ocr
from evidence.phrases import required_phrases_pattern
from evidence.readers import progress
from evidence.records import Document, ImageInfo, Page
from evidence.reference_data import load_data

try:  # optional: iPhone photos
    import pillow_heif

    pillow_heif.register_heif_opener()
    HEIC_SUPPORTED = True
except ImportError:  # pragma: no cover - depends on the installation
    HEIC_SUPPORTED = False

EXIF_IFD = 0x8769
GPS_IFD = 0x8825
TAG_MAKE, TAG_MODEL, TAG_SOFTWARE, TAG_ORIENTATION, TAG_DATETIME = 0x010F, 0x0110, 0x0131, 0x0112, 0x0132
TAG_DATETIME_ORIGINAL, TAG_DATETIME_DIGITIZED = 0x9003, 0x9004
#: Above this a header is not a photo but a decompression bomb (phone cameras top out at 200 MP).
MAX_MEGAPIXELS = 1000
_LIMIT_LOCK = threading.Lock()
_EXIF_DATE = re.compile(r"^\s*(\d{4})[:\-/](\d{2})[:\-/](\d{2})[ T](\d{2}):(\d{2}):(\d{2})")


def read(data: bytes, doc: Document) -> None:
    """Fill `doc.image` from an image file, or say why it cannot be read."""
    if doc.filetype == "heic" and not HEIC_SUPPORTED:
        doc.add_problem("F001", f"{doc.path} is a HEIC photo; install evidence[heic] to read it")
        return
    with warnings.catch_warnings():
        # Pillow warns about odd EXIF or MPO headers it then reads fine: not the user's concern.
        warnings.simplefilter("ignore", UserWarning)
        warnings.simplefilter("error", Image.DecompressionBombWarning)
        try:
            doc.image = _inspect(data, doc)
        except (Image.DecompressionBombError, Image.DecompressionBombWarning):
            doc.add_problem("F001", f"{doc.path} has more pixels than the safety limit; refused")
        except _Bomb as exc:
            doc.add_problem("F001", f"{doc.path} claims {exc} megapixels, more than any camera takes "
                            f"(limit {MAX_MEGAPIXELS}); refused as a decompression bomb")
        except UnidentifiedImageError:
            doc.add_problem("F001", f"{doc.path} is not a readable image")
        except (OSError, SyntaxError, ValueError, EOFError) as exc:
            doc.add_problem("F001", f"{doc.path} is a damaged or truncated image ({_reason(exc)})")
    if doc.image is not None and doc.readable:
        _read_text(data, doc, doc.image)


def _read_text(data: bytes, doc: Document, info: ImageInfo) -> None:
    """Find out whether the image shows a document and, if it does, read its text (OCR)."""
    by_file = document_image(info)
    if "image_decoded" in doc.metadata or not ocr.available():
        info.document = by_file
        if by_file is not None:
            why = ("it is too large to read its text" if "image_decoded" in doc.metadata
                   else f"reading its text needs the OCR engine, which is not installed ({ocr.INSTALL_HINT})")
            doc.add_problem("F002", f"{doc.path} is an image of {by_file}, not a photo of the goods: {why}")
        return
    with Image.open(io.BytesIO(data)) as opened:
        if getattr(opened, "n_frames", 1) > 1 and opened.format == "TIFF":
            _read_scanned_pages(opened, doc, info)
            return
        side = ocr.settings()["max_side_pixels"]
        opened.draft("RGB", (side, side))  # a JPEG decodes straight at a smaller scale: OCR scales it down anyway
        image = ImageOps.exif_transpose(opened).convert("RGB")
    # A camera's photo may show a document, but is read only when a quick look finds text enough for one.
    text = ocr.read_image(image, doc.path, worth_reading=None if by_file else _may_show_a_document)
    progress.page_read(1)
    info.text_lines = len(text.page.lines) if text.page is not None else 0
    info.text_area = text.area
    info.document = by_file or _document_by_text(info)
    if text.page is not None:  # classify decides whether a label on the goods names a document
        doc.pages.append(text.page)
        doc.metadata["ocr"] = f"{ocr.engine_version()}; mean confidence {text.mean_confidence:.2f}"
    elif info.document is not None:
        doc.add_problem("F002", f"{doc.path} is an image of {info.document}, but OCR recognised nothing legible "
                        f"in it ({text.boxes} text boxes, mean confidence {text.mean_confidence:.2f})")


def _read_scanned_pages(opened: Image.Image, doc: Document, info: ImageInfo) -> None:
    """A multi-page TIFF (what scanners and fax servers write): each page read by OCR, as a PDF scan's are."""
    frames: int = opened.n_frames  # type: ignore[attr-defined]
    info.document = f"a scan of {frames} pages"
    limit = ocr.settings()["max_ocr_pages"]
    confidences, lines = [], 0
    for index in range(min(frames, limit)):
        opened.seek(index)
        text = ocr.read_image(opened.convert("RGB"), doc.path, number=index + 1)
        progress.page_read(index + 1)
        confidences.append(text.mean_confidence)
        doc.pages.append(text.page or Page(number=index + 1))
        lines += len(text.page.lines) if text.page is not None else 0
    info.text_lines = lines
    mean = sum(confidences) / len(confidences)
    if frames > limit:
        doc.metadata["ocr_not_read"] = f"pages {limit + 1}-{frames}: past the limit of {limit} scanned pages per file"
    if lines:
        doc.metadata["ocr"] = f"{ocr.engine_version()}; {min(frames, limit)} pages read by OCR; mean confidence {mean:.2f}"
    else:
        doc.add_problem("F002", f"{doc.path} is {info.document}, but OCR recognised nothing legible in it "
                        f"(mean confidence {mean:.2f})")


def _may_show_a_document(boxes: list[str]) -> bool:
    """A quick look at a camera's photo found a page's worth of lines, or a document's title among a few."""
    return len(boxes) >= ocr.settings()["photo_min_boxes"] or any(_titles().search(text) for text in boxes)


@lru_cache(maxsize=1)
def _titles() -> re.Pattern[str]:
    kinds = load_data("document_kinds.json")
    return required_phrases_pattern(tuple(title for kind, entry in kinds.items() if not kind.startswith("_")
                                          for title in entry.get("titles", [])))


def _document_by_text(info: ImageInfo) -> str | None:
    rule = ocr.settings()["document_image"]
    lines, area = info.text_lines or 0, info.text_area or 0.0
    if lines >= rule["min_lines"] and area >= rule["min_text_area"]:
        return f"a document ({lines} lines of text over {area:.0%} of the picture)"
    return None


def document_image(image: ImageInfo) -> str | None:
    """Given what the file says of itself, return what document it shows ('a scanned page
    (CanoScan LiDE 400)', 'a phone screen (1080 x 2400 px, no camera)'), or None when it may be a photo."""
    data = _document_images()
    device = " ".join(filter(None, (image.camera_make, image.camera_model, image.software)))
    scanner = next((word for word in data["scanner_words"] if word in device.lower()), None)
    if scanner is not None:
        return f"a scanned page ({device})"
    if image.camera_make or image.camera_model or not image.width or not image.height:
        return None
    long_side, short_side = max(image.width, image.height), min(image.width, image.height)
    ratio = long_side / short_side
    size = f"{image.width} x {image.height} px, no camera"
    if long_side >= data["page_min_pixels"] and any(
        abs(ratio - page) <= data["page_ratio_tolerance"] for page in data["page_ratios"]
    ):
        return f"a scanned page ({size}: a page's proportions)"
    if image.height > image.width and ratio >= data["screen_min_ratio"]:
        return f"a phone screen ({size})"
    return None


@lru_cache(maxsize=1)
def _document_images() -> dict[str, Any]:
    data: dict[str, Any] = load_data("photos.json")["document_images"]
    return data


def read_video(data: bytes, doc: Document) -> None:
    """Videos count as media of the goods; their frames are not read."""
    doc.metadata["media"] = "video"


class _Bomb(Exception):
    """A header claiming more pixels than MAX_MEGAPIXELS; the argument is its megapixels."""


@contextmanager
def _header_only() -> Iterator[None]:
    """Let Image.open read a header of any size: it decodes nothing, and nothing here decodes past the limit."""
    with _LIMIT_LOCK:
        saved = Image.MAX_IMAGE_PIXELS
        Image.MAX_IMAGE_PIXELS = None
        try:
            yield
        finally:
            Image.MAX_IMAGE_PIXELS = saved


def _inspect(data: bytes, doc: Document) -> ImageInfo:
    limit = Image.MAX_IMAGE_PIXELS
    with _header_only():
        image = Image.open(io.BytesIO(data))
    with image:
        width, height = image.size
        image_format = (image.format or "unknown").lower()
        if width * height > MAX_MEGAPIXELS * 1_000_000:
            raise _Bomb(f"{width * height / 1_000_000:,.0f}")
        exif = image.getexif()
        if limit is None or width * height <= limit:
            if image_format == "jpeg":
                image.draft("RGB", (max(1, width // 8), max(1, height // 8)))
            image.load()
        else:
            doc.metadata["image_decoded"] = "no: over the pixel limit, read from its header only"
    info = ImageInfo(width=width, height=height, format=image_format)
    _read_exif(exif, info)
    return info


def _read_exif(exif: Any, info: ImageInfo) -> None:
    try:
        details = exif.get_ifd(EXIF_IFD)
    except Exception:  # a corrupt EXIF block leaves the basic tags readable
        details = {}
    info.captured_at = exif_date(details.get(TAG_DATETIME_ORIGINAL)) or exif_date(
        details.get(TAG_DATETIME_DIGITIZED)
    ) or exif_date(exif.get(TAG_DATETIME))
    info.camera_make = _exif_text(exif.get(TAG_MAKE))
    info.camera_model = _exif_text(exif.get(TAG_MODEL))
    info.software = _exif_text(exif.get(TAG_SOFTWARE))
    orientation = exif.get(TAG_ORIENTATION)
    info.orientation = orientation if isinstance(orientation, int) else None
    info.gps = _gps(exif)


def exif_date(value: Any) -> str | None:
    """Given an EXIF date ("2026:11:05 14:03:22"), return ISO 8601, or None if unset."""
    text = _exif_text(value)
    match = _EXIF_DATE.match(text or "")
    if not match:
        return None
    year, month, day, hour, minute, second = (int(g) for g in match.groups())
    if year == 0 or not (1 <= month <= 12 and 1 <= day <= 31 and hour < 24 and minute < 60 and second < 61):
        return None
    return f"{year:04d}-{month:02d}-{day:02d}T{hour:02d}:{minute:02d}:{min(second, 59):02d}"


def _exif_text(value: Any) -> str | None:
    if isinstance(value, bytes):
        value = value.decode("utf-8", "replace")
    if not isinstance(value, str):
        return None
    cleaned = value.replace("\x00", "").strip()
    return cleaned or None


def _gps(exif: Any) -> dict[str, float] | None:
    try:
        gps = exif.get_ifd(GPS_IFD)
        lat, lat_ref, lon, lon_ref = gps.get(2), gps.get(1), gps.get(4), gps.get(3)
        if not (lat and lon):
            return None
        latitude = _degrees(lat) * (-1 if lat_ref in ("S", b"S") else 1)
        longitude = _degrees(lon) * (-1 if lon_ref in ("W", b"W") else 1)
    except Exception:  # GPS blocks are often malformed; they are a bonus, not evidence
        return None
    return {"latitude": round(latitude, 6), "longitude": round(longitude, 6)}


def _degrees(dms: Any) -> float:
    degrees, minutes, seconds = (float(part) for part in dms)
    return degrees + minutes / 60 + seconds / 3600


def _reason(exc: BaseException) -> str:
    text = str(exc).strip().splitlines()
    return text[0][:120] if text else type(exc).__name__
