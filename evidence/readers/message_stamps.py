"""Date-times as the platform's message logs write them, read into WhatsApp's Stamp.

Message Center CSV and JSON logs and copied transcripts spell a time many ways
("2026-09-03 10:15", "03/09/2026 10:15", "Sep 3, 2026 at 10:15 AM",
"2026年9月3日 10:15"); one column is read with one day/month order.
"""

from __future__ import annotations

import re
from functools import cache
from typing import Any

from evidence.phrases import marker_alternation
from evidence.readers import whatsapp
from evidence.readers.whatsapp import Stamp, choose_day_first, markers

_TIME = (
    r"(?:(?P<pre>{mer})\s*)?(?P<h>\d{{1,2}})[:.](?P<mi>\d{{2}})(?:[:.](?P<s>\d{{2}})(?:[.,]\d+)?)?"
    r"(?:\s*(?P<post>{mer}))?"
)
_ZONE = r"\s*(?P<zone>Z|[+-]\d{2}:?\d{2})?"


@cache
def _stamp_patterns() -> dict[str, re.Pattern[str]]:
    """Return the regexes of the date-time spellings found in platform exports."""
    time = _TIME.format(mer=whatsapp.meridiem_regex())
    joiner = marker_alternation(markers()["date_time_joiners"])  # "Sep 3, 2026 at 10:15"
    clock = rf"(?:(?:T|\s+|,\s*)(?:(?:{joiner})\s+)?{time}{_ZONE})?"
    shapes = {
        "ymd": r"(?P<y>\d{4})\s*[-/.年]\s*(?P<mo>\d{1,2})\s*[-/.月]\s*(?P<d>\d{1,2})\s*日?"
        + clock,
        "dmy": rf"(?P<a>\d{{1,2}})[-/.](?P<b>\d{{1,2}})[-/.](?P<y>\d{{4}}|\d{{2}}){clock}",
        "mdy-name": r"(?P<mon>[^\W\d_]{3,9})\.?\s+(?P<d>\d{1,2})(?:st|nd|rd|th)?,?\s+(?P<y>\d{4})"
        + clock,
        "dmy-name": rf"(?P<d>\d{{1,2}})\s+(?P<mon>[^\W\d_]{{3,9}})\.?,?\s+(?P<y>\d{{4}}){clock}",
    }
    return {name: re.compile(rf"^\s*{body}\s*$", re.IGNORECASE) for name, body in shapes.items()}


def parse_stamp(value: str) -> Stamp | None:
    """Given a date-time as a platform export writes it, return its Stamp, or None."""
    text = whatsapp.strip_bidi(value).strip()
    for shape, pattern in _stamp_patterns().items():
        found = pattern.match(text)
        if found is not None:
            return _match_to_stamp(shape, found)
    return None


def _match_to_stamp(shape: str, found: re.Match[str]) -> Stamp | None:
    groups = found.groupdict()
    clock = _clock(groups)
    year = whatsapp.full_year(found["y"])
    if shape == "dmy":
        return Stamp(year, whatsapp.digits_value(found["a"]), whatsapp.digits_value(found["b"]), **clock)
    month = _month(groups)
    if month is None:
        return None
    return Stamp(year, month, whatsapp.digits_value(found["d"]), fixed=True, **clock)


def _month(groups: dict[str, str | None]) -> int | None:
    if groups.get("mo"):
        return whatsapp.digits_value(groups["mo"] or "")
    return markers()["months"].get((groups.get("mon") or "").casefold())


def _clock(groups: dict[str, str | None]) -> dict[str, Any]:
    if groups.get("h") is None:
        return {"hour": 0, "minute": 0, "clock": False}
    seconds = groups.get("s")
    meridiem = groups.get("pre") or groups.get("post")
    return {
        "hour": whatsapp.hour_24(whatsapp.digits_value(groups["h"] or "0"), meridiem),
        "minute": whatsapp.digits_value(groups["mi"] or "0"),
        "seconds": whatsapp.digits_value(seconds) if seconds else None,
        "zone": groups.get("zone") or "",
    }


def stamps_to_iso(values: list[str]) -> list[str | None]:
    """Given one column of date-times, return them as ISO 8601, day/month order decided once.

    Day-first is proven by a first field above 12, month-first by a second;
    otherwise the order that keeps the messages chronological, and failing
    that month-first (US-style M/D/Y is what spreadsheets write by default).
    """
    stamps = [parse_stamp(value) for value in values]
    day_first = choose_day_first([s for s in stamps if s is not None], default=False)
    return [s.to_iso(day_first) if s is not None else None for s in stamps]
