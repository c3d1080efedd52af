"""Images via Pillow: size, format, and the EXIF capture date and camera.

The whole image is decoded once (at reduced scale for JPEG, which is cheap) so
that truncated or corrupt files are caught here rather than trusted. Pillow's
decompression-bomb guard stays on: an image over its pixel limit is refused.
HEIC/HEIF photos are read when the optional pillow-heif package is installed.
"""

from __future__ import annotations

import io
import re
import warnings
from typing import Any

from PIL import Image, UnidentifiedImageError

from evidence.records import Document, ImageInfo

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
            doc.image = _inspect(data)
        except (Image.DecompressionBombError, Image.DecompressionBombWarning):
            doc.add_problem("F001", f"{doc.path} has more pixels than the safety limit; refused")
        except UnidentifiedImageError:
            doc.add_problem("F001", f"{doc.path} is not a readable image")
        except (OSError, SyntaxError, ValueError, EOFError) as exc:
            doc.add_problem("F001", f"{doc.path} is a damaged or truncated image ({_reason(exc)})")


def read_video(data: bytes, doc: Document) -> None:
    """Videos count as media of the goods; their frames are not read."""
    doc.metadata["media"] = "video"


def _inspect(data: bytes) -> ImageInfo:
    with Image.open(io.BytesIO(data)) as image:
        width, height = image.size
        image_format = (image.format or "unknown").lower()
        exif = image.getexif()
        if image_format == "jpeg":
            image.draft("RGB", (max(1, width // 8), max(1, height // 8)))
        image.load()
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
