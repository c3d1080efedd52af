"""Photos and videos of the goods: size, when they were taken, and with what.

A photo's worth as evidence rests on its capture time (before or after
delivery, P002/P003) and its resolution (P004); the camera, software and GPS
position help to judge whether it is genuine. All come from what the image
reader found in the file (EXIF); nothing is guessed from the file name.
A capture time from a camera whose clock was never set (1998-01-01, the year
2000 default, a date past 2100) is kept but marked `clock_suspect`.

What the file states (its format and size, its EXIF tags) is labeled, with the
tag or header it was read from as note; what is decided from it (media, whether
the clock looks unset, whether any EXIF was found) is inferred.
"""

from __future__ import annotations

from datetime import date
from functools import lru_cache
from typing import Any

from evidence.extract.reading import Reading, whole_file
from evidence.kinds import PHOTO
from evidence.reference_data import load_data
from evidence.records import INFERRED, LABELED, ImageInfo, Record

DATA_FILE = "photos.json"
MEGAPIXEL_DIGITS = 2
_HEADER = "the image header"
#: Where each photo field is read from: a field not listed is decided from those (inferred).
_READ_FROM = {
    "format": _HEADER,
    "width": _HEADER,
    "height": _HEADER,
    "megapixels": "width and height in the image header",
    # The reader takes DateTimeOriginal, else DateTimeDigitized, else DateTime.
    "captured_at": "EXIF capture date",
    "capture_date": "EXIF capture date",
    "camera": "EXIF Make and Model",
    "camera_make": "EXIF Make",
    "camera_model": "EXIF Model",
    "software": "EXIF Software",
    "orientation": "EXIF Orientation",
    "gps": "EXIF GPS",
}
_DECIDED = {
    "media": "from the file type",
    "has_exif": "whether any EXIF tag was found",
    "clock_suspect": "from the capture date",
}


def extract(reading: Reading) -> Record:
    """Given a Document read from an image or video file, return its photo Record."""
    doc = reading.source
    record = Record(kind=PHOTO, path=doc.path)
    where = whole_file(doc)
    if doc.image is None:
        media = doc.metadata.get("media", "video" if doc.filetype == "video" else "photo")
        record.set("media", media, where, "", INFERRED, _DECIDED["media"])
        record.set("format", doc.filetype, where, "", INFERRED, "from the file's signature")
        record.set("has_exif", False, where, "", INFERRED, "the image could not be read")
        if media == "photo":
            record.notes.append("the image could not be read, so its size and capture time are unknown")
        return record
    for name, value in image_fields(doc.image).items():
        if name in _READ_FROM:
            record.set(name, value, where, "", LABELED, _READ_FROM[name])
        else:
            record.set(name, value, where, "", INFERRED, _DECIDED.get(name, ""))
    return record


def image_fields(image: ImageInfo) -> dict[str, Any]:
    """Given what the reader found in an image, return the photo fields (absent ones left out)."""
    fields: dict[str, Any] = {
        "media": "photo",
        "format": image.format,
        "width": image.width,
        "height": image.height,
        "megapixels": round(image.megapixels, MEGAPIXEL_DIGITS),
        "has_exif": has_exif(image),
    }
    if image.captured_at:
        fields["captured_at"] = image.captured_at
        fields["capture_date"] = image.captured_at[:10]
        fields["clock_suspect"] = clock_suspect(image.captured_at)
    camera = camera_name(image.camera_make, image.camera_model)
    optional = {
        "camera": camera,
        "camera_make": image.camera_make,
        "camera_model": image.camera_model,
        "software": image.software,
        "orientation": image.orientation,
        "gps": dict(image.gps) if image.gps else None,
    }
    fields.update({name: value for name, value in optional.items() if value is not None})
    return fields


def has_exif(image: ImageInfo) -> bool:
    """Given an image's facts, return True if any EXIF metadata was found in it."""
    found = (image.captured_at, image.camera_make, image.camera_model, image.software, image.gps, image.orientation)
    return any(value is not None for value in found)


def clock_suspect(captured_at: str) -> bool:
    """Given an ISO capture time, return True if it shows a camera clock that was never set."""
    data = _data()["clock"]
    try:
        day = date.fromisoformat(captured_at[:10])
    except ValueError:
        return True
    if day < date.fromisoformat(data["earliest"]) or day >= date.fromisoformat(data["latest"]):
        return True
    return captured_at[:19] in data["default_stamps"]


def camera_name(make: str | None, model: str | None) -> str | None:
    """Given EXIF Make and Model, return 'Make Model', without the make twice ('Canon Canon EOS 40D')."""
    if not model:
        return make or None
    if not make:
        return model
    generic = set(_data()["camera"]["generic_make_words"])
    make_words = {word for word in make.lower().split() if word not in generic}
    first = model.lower().split()[0] if model.split() else ""
    return model if first in make_words else f"{make} {model}"


@lru_cache(maxsize=1)
def _data() -> dict[str, Any]:
    data: dict[str, Any] = load_data(DATA_FILE)
    return data
