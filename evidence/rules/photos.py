"""P: photos and media. Whether the bundle shows the goods as received, in dated, usable photos."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date
from typing import TYPE_CHECKING

from evidence.findings import Finding
from evidence.kinds import PHOTO
from evidence.records import Record, Source
from evidence.rules.registry import RULES, rule
from evidence.wording import counted

if TYPE_CHECKING:
    from evidence.rules.context import Context

KIND = PHOTO
MIN_MEGAPIXELS = 1.0
STILL = "photo"  # a photo record's `media` value for a still (the other is "video")


def _media(ctx: Context) -> list[Record]:
    return sorted((r for r in ctx.records if r.kind == KIND), key=lambda r: r.path)


def _photos(ctx: Context) -> list[Record]:
    """Still photos only (videos carry no megapixels or EXIF capture date to check)."""
    return [r for r in _media(ctx) if r.get("media", STILL) == STILL]


def _where(record: Record, name: str) -> Source:
    value = record.fields.get(name)
    return value.source if value is not None else Source(record.path)


def _capture_date(record: Record) -> date | None:
    """The photo's capture date, or None when it has none, it is unreadable or the camera clock is suspect."""
    if record.get("clock_suspect") is True:
        return None
    for name in ("capture_date", "captured_at"):
        value = record.get(name)
        if isinstance(value, str) and len(value) >= 10:
            try:
                return date.fromisoformat(value[:10])
            except ValueError:
                continue
    return None


@rule(
    "P001",
    "photos-missing",
    "major",
    "No photo or video of the goods is in the bundle.",
    "Add clear, dated photos (or a video) of the goods as received: the defect close up, the "
    "cartons and shipping marks, labels, and measurements being taken.",
)
def photos_missing(ctx: Context) -> Iterator[Finding]:
    """What it checks: the bundle holds at least one photo or video.

    Why it matters: the reviewer has to see the defect; a quality claim with no picture
    of the goods rests on words alone.
    """
    if _media(ctx):
        return
    where = [Source(d.path) for d in ctx.documents[:1]] or [Source(".")]
    yield RULES["P001"].finding(f"no photo or video among the bundle's {counted(len(ctx.documents), 'document')}", *where)


@rule(
    "P002",
    "photo-undated",
    "minor",
    "A photo carries no (trustworthy) capture date.",
    "Add the original photo files straight from the camera or phone (messaging apps strip the "
    "EXIF capture date), or retake the photos with the camera clock set.",
)
def photo_undated(ctx: Context) -> Iterator[Finding]:
    """What it checks: every photo carries an EXIF capture date, from a camera clock that was set.

    Why it matters: an undated photo cannot show it was taken after delivery, so the
    supplier can say it shows other goods or old stock.
    """
    for record in _photos(ctx):
        if _capture_date(record) is not None:
            continue
        if record.get("clock_suspect") is True:
            stamp = record.get("captured_at") or record.get("capture_date")
            reason = f"its capture date {stamp} comes from an unset camera clock"
        else:
            reason = "it has no EXIF capture date"
        yield RULES["P002"].finding(f"{record.path}: {reason}", _where(record, "captured_at"))


@rule(
    "P003",
    "photo-predates-delivery",
    "minor",
    "A photo was taken before the delivery date.",
    "Use photos taken after the goods were received to show their condition; keep earlier "
    "photos (production, loading) only as background, and say what they show.",
)
def photo_predates_delivery(ctx: Context) -> Iterator[Finding]:
    """What it checks: each dated photo was taken on or after the delivery (receipt) date.

    Why it matters: a photo taken before delivery cannot show the goods as received; the
    supplier will say it shows a sample, another lot or goods damaged elsewhere.
    """
    delivery = ctx.fact_date("delivery_date")
    if delivery is None:
        return
    fact = ctx.facts.get("delivery_date")
    delivered_at = list(fact.sources[:1]) if fact is not None else []
    for record in _photos(ctx):
        taken = _capture_date(record)
        if taken is not None and taken < delivery:
            yield RULES["P003"].finding(
                f"{record.path} was taken on {taken.isoformat()}, before delivery on {delivery.isoformat()}",
                _where(record, "capture_date"), *delivered_at,
            )


@rule(
    "P004",
    "photo-low-resolution",
    "minor",
    "A photo is under 1 megapixel.",
    "Add the full-size original photo; thumbnails and chat-app copies are too small to show a defect.",
)
def photo_low_resolution(ctx: Context) -> Iterator[Finding]:
    """What it checks: each photo has at least 1 megapixel.

    Why it matters: a reviewer cannot see a scratch, a dent or a label in a thumbnail.
    """
    for record in _photos(ctx):
        megapixels = record.get("megapixels")
        if not isinstance(megapixels, (int, float)) or isinstance(megapixels, bool) or megapixels >= MIN_MEGAPIXELS:
            continue
        width, height = record.get("width"), record.get("height")
        size = f"{width} x {height} px, " if width and height else ""
        yield RULES["P004"].finding(
            f"{record.path} is {size}{megapixels} MP, under {MIN_MEGAPIXELS:g} MP", _where(record, "megapixels"),
        )
