"""Dates as documents write them, and lead times such as "35 days after deposit".

Forms read by `find_dates` (full-width digits and separators are folded first):

- year first: ``2026-09-05``, ``2026/9/5``, ``2026.09.05``; Chinese ``2026年9月5日``
  (spaces allowed, 号 for 日) and ``二〇二六年九月五日``;
- numeric day/month: ``05/09/2026``, ``5-9-2026``, ``05.09.26`` (see below);
- a named month: ``5 Sep 2026``, ``5th September, 2026``, ``Sept. 5th, 2026``,
  ``September 5, 2026``, ``Sep-05-2026``, ``05-Sep-26``, ``2026-Sep-05`` (other
  languages' names through `english_months`: ``5 de mayo de 2026``, ``5 Mart 2026``);
- spaced form fields: ``11 / 04 / 25``.

Not read: a bare ``20260905`` (only `parse_date` reads it, for a cell under a date
label), year-first with a two-digit year (``26/09/05`` is read day first), dates
without a year, and anything glued to letters or digits (``PI-2026-09-05``,
``v1.05.09.2026``), so document numbers, versions, phone numbers and amounts stay
out. An impossible date (``31/02/2026``) is not a match.

Day/month order is never guessed silently. A numeric date whose two fields could
both be the month (``05/09/2026``) is read day first and marked
``ambiguous=True`` unless the caller passes ``order``; the usual way is to decide
the order for a whole document with `document_order` and pass it in (or call
`resolve` afterwards). A field above 12 settles the order by itself
(``25/09/2026`` is day first, whatever ``order`` says).

Two-digit years are 2000-2069 below 70 and 1970-1999 from 70.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass, replace
from datetime import date
from functools import lru_cache
from typing import Any

from evidence.normalize import CJK_NUMERAL_CHARS, cjk_to_int, fold_width, without_overlaps
from evidence.reference_data import load_data
from evidence.phrases import literal_alternation, memoized_list, phrase_alternation

ORDERS = ("dmy", "mdy")
#: Not glued to a word or to a number before it ("PI-2026-09-05", "1.05.09.2026");
#: a dash after a figure is allowed, for the second date of "2026.9.5-2026.9.10".
_BEFORE = r"(?<![0-9A-Za-z])(?<![0-9A-Za-z][/.])(?<![A-Za-z]-)"
#: Not followed by more of a number ("05/09/2026-001", "2026-09-05.3", "10:15"),
#: except a dash before another date.
_AFTER = r"(?![0-9]|[/.:][0-9]|-(?!(?:19|20)\d{2}[-/.]|\d{1,2}[-/.]\d{1,2}[-/.])[0-9])"
_YEAR4 = r"(?:19|20)\d{2}"
_ORDINAL = r"(?:st|nd|rd|th)?"
_CJK_DIGITS = "〇零○一二三四五六七八九"
_NO_WORD = r"(?!\s*[A-Za-z\u3400-\u9fff%])"


@dataclass(frozen=True)
class DateMatch:
    """A date found in text.

    `text`, `start` and `end` locate it in the text as given. `order` is the
    field order `value` was read in: "ymd", "dmy" or "mdy"; None when the month
    is named ("5 Sep 2026") or both numeric readings give the same day
    ("05/05/2026"). `ambiguous` is True when the text alone allows two different
    dates and no order was given: `value` is then the day-first reading.
    """

    value: date | None
    text: str
    start: int
    end: int
    ambiguous: bool
    order: str | None


@dataclass(frozen=True)
class LeadTime:
    """A delivery lead time counted from an event.

    `days` is the upper bound of a range ("30-35 working days" -> 35, with `low`
    30); weeks are 7 days and months 30. `kind` is "working" or "calendar".
    `anchor` is the event counted from: deposit, order, payment, contract,
    sample_approval, receipt_of_payment, balance, or unknown. `vague` marks
    "about 30 days", "30天左右" and figure-less "ASAP"/"尽快" (then `days` is
    None). `text` is the clause the lead time was read from.
    """

    days: int | None
    kind: str
    anchor: str
    text: str
    vague: bool
    low: int | None = None


@memoized_list
def find_dates(text: str, order: str | None = None) -> list[DateMatch]:
    """Given a line of text, return every date in it, left to right.

    `order` ("dmy" or "mdy") settles numeric dates whose fields could go either
    way; without it they come back day first with ``ambiguous=True``.
    """
    _check_order(order)
    folded = fold_width(text)
    found: list[DateMatch] = []
    for form, pattern in _date_patterns():
        for match in pattern.finditer(folded):
            reading = _read(form, match, order)
            if reading is not None:
                value, ambiguous, used = reading
                start, end = match.span()
                found.append(DateMatch(value, text[start:end], start, end, ambiguous, used))
    return without_overlaps(found)


def parse_date(text: str, order: str | None = None) -> date | None:
    """Given a single value (a cell, a field), return the date it holds, or None.

    Also reads a bare ``20260905``. An ambiguous numeric date without `order`
    gives None: the caller must decide the order (see `document_order`).
    """
    folded = fold_width(text).strip()
    compact = re.fullmatch(r"((?:19|20)\d{2})(\d{2})(\d{2})", folded)
    if compact:
        return _valid(*(int(part) for part in compact.groups()))
    found = find_dates(text, order)
    if not found or found[0].ambiguous:
        return None
    return found[0].value


def document_order(texts: Iterable[str]) -> str | None:
    """Given the texts of one document, return its numeric date order, or None.

    "dmy" when some numeric date can only be read day first and none only month
    first; "mdy" the other way round; None without such evidence or when the
    document contradicts itself.
    """
    seen = {
        found.order for text in texts for found in find_dates(text) if not found.ambiguous and found.order in ORDERS
    }
    return seen.pop() if len(seen) == 1 else None


def resolve(matches: Iterable[DateMatch], order: str | None) -> list[DateMatch]:
    """Given matches and a document's order, return them with ambiguous ones read in that order."""
    _check_order(order)
    if order is None:
        return list(matches)
    return [_reread(found, order) if found.ambiguous else found for found in matches]


def _reread(found: DateMatch, order: str) -> DateMatch:
    again = find_dates(found.text, order)
    if not again:
        return found
    return replace(found, value=again[0].value, ambiguous=False, order=again[0].order)


def _check_order(order: str | None) -> None:
    if order is not None and order not in ORDERS:
        raise ValueError(f"order must be one of {ORDERS} or None, not {order!r}")


@lru_cache(maxsize=1)
def month_names() -> dict[str, int]:
    """Return English month names and abbreviations (lower case) -> month number."""
    months: dict[str, int] = load_data("chat_markers")["months"]
    return months


@lru_cache(maxsize=1)
def _date_patterns() -> list[tuple[str, re.Pattern[str]]]:
    names = literal_alternation(month_names())
    mon = rf"(?<![A-Za-z])(?P<mon>{names})(?![A-Za-z])\.?"
    # A two-digit year after a named month only when a dash or slash joins it
    # ("Sep-05-26"), so "Sep 5, 26 pcs" is not a date.
    mdy_year = rf"(?P<y>{_YEAR4}|(?<=[-/'])\d{{2}})"
    # A two-digit year after a month name must not be followed by another
    # figure: in "July 1 - July 31, 2014", 31 is a day, not 2031.
    dmy_year = rf"(?P<y>{_YEAR4}|\d{{2}}(?!\s*[,.]?\s*\d))"
    sep = r"(?:\s*[-/.,']\s*|\s+|)"
    day, month = r"(?P<d>\d{1,2})", r"(?P<m>\d{1,2})"
    cjk_day, cjk_month = "(?P<d>[一二三四五六七八九十]{1,3})", "(?P<m>[一二三四五六七八九十]{1,2})"
    forms = [
        ("ymd", rf"{_BEFORE}(?P<y>{_YEAR4})(?P<s>[-/.]){month}(?P=s){day}{_AFTER}"),
        ("numeric", rf"{_BEFORE}(?P<a>\d{{1,2}})(?P<s>[-/.])(?P<b>\d{{1,2}})(?P=s)(?P<y>{_YEAR4}|\d{{2}}){_AFTER}"),
        # Form fields spaced out ("11 / 04 / 25"); a two-digit year then not before a word ("10 / 12 / 25 pcs").
        ("numeric", rf"{_BEFORE}(?P<a>\d{{1,2}})\s*(?P<s>/)\s*(?P<b>\d{{1,2}})\s*/\s*(?P<y>{_YEAR4}|\d{{2}}{_NO_WORD}){_AFTER}"),
        ("zh", rf"(?<![0-9])(?P<y>{_YEAR4})\s*年\s*{month}\s*月\s*{day}(?:\s*[日号])?(?![0-9])"),
        ("zh", rf"(?P<y>[{_CJK_DIGITS}]{{4}})\s*年\s*{cjk_month}\s*月\s*{cjk_day}\s*[日号]"),
        ("text", rf"{_BEFORE}{day}{_ORDINAL}(?:\s+day)?(?:\s+of)?{sep}{mon}{sep}{dmy_year}{_AFTER}"),
        ("text", rf"{mon}{sep}{day}{_ORDINAL}{sep}{mdy_year}{_AFTER}"),
        ("text", rf"{_BEFORE}(?P<y>{_YEAR4}){sep}{mon}{sep}{day}{_ORDINAL}{_AFTER}"),
    ]
    return [(form, re.compile(pattern, re.I)) for form, pattern in forms]


def _read(form: str, match: re.Match[str], order: str | None) -> tuple[date, bool, str | None] | None:
    """Given a pattern's match, return (date, ambiguous, order used), or None if impossible."""
    if form == "numeric":
        a, b, year = match["a"], match["b"], match["y"]
        if len(year) == 2 and match["s"] == "." and (len(a) < 2 or len(b) < 2):
            return None  # "1.2.26" is a version number far more often than a date
        return _read_numeric(int(a), int(b), _full_year(year), order)
    year, day = _number(match["y"]), _number(match["d"])
    if year is None or day is None:
        return None
    year = _full_year(str(year)) if len(match["y"]) == 2 else year
    if form == "text":
        value = _valid(year, month_names()[match["mon"].lower()], day)
        return None if value is None else (value, False, None)
    month = _number(match["m"])
    value = _valid(year, month, day) if month is not None else None
    return None if value is None else (value, False, "ymd")


def _read_numeric(a: int, b: int, year: int, order: str | None) -> tuple[date, bool, str | None] | None:
    day_first, month_first = _valid(year, b, a), _valid(year, a, b)
    if day_first is None or month_first is None:
        if day_first is month_first:
            return None
        return (day_first, False, "dmy") if day_first else (month_first, False, "mdy")  # type: ignore[return-value]
    if day_first == month_first:
        return day_first, False, None
    if order == "mdy":
        return month_first, False, "mdy"
    return day_first, order is None, "dmy"


def _number(text: str) -> int | None:
    return int(text) if text.isdigit() else cjk_to_int(text)


def _full_year(text: str) -> int:
    year = int(text)
    if len(text) != 2:
        return year
    return 2000 + year if year < 70 else 1900 + year


def _valid(year: int, month: int, day: int) -> date | None:
    try:
        return date(year, month, day)
    except ValueError:
        return None


# ---------------------------------------------------------------- lead times

#: Clauses end at ; 。 、 a newline, a comma that is not a thousands separator,
#: or a full stop before a capital ("... before shipment. Delivery: ...").
_CLAUSE_BREAK = re.compile(r"[;。\n、]|,(?!\d{3}(?!\d))|\.\s+(?=[A-Z])")


def find_lead_time(text: str) -> LeadTime | None:
    """Given a line of text, return the first delivery lead time it states, or None.

    A figure in days, weeks or months counts unless its clause is about
    something else (quotation validity, warranty, credit) or is a payment term
    ("balance within 7 days after B/L"). Without any figure, a vague word
    ("ASAP", "尽快", "TBD") in a clause that names delivery gives a vague lead
    time with ``days=None``. A sample lead time ("7 days for samples") is
    skipped. Any other figure in days is read as a lead time, so call this on
    delivery terms and messages about shipping, not on every line.
    """
    folded = fold_width(text)
    dates = [(d.start, d.end) for d in find_dates(text)]
    clauses = list(_clauses(folded))
    for start, end in clauses:
        found = _clause_lead_time(folded[start:end], start, dates, text[start:end])
        if found is not None:
            return found
    for start, end in clauses:
        found = _vague_lead_time(folded[start:end], text[start:end])
        if found is not None:
            return found
    return None


def _clauses(text: str) -> list[tuple[int, int]]:
    """Given text, return the (start, end) of each clause.

    A clause that opens with an 'after' word stays with the one before it:
    "35 days, after receipt of deposit" is one clause.
    """
    spans: list[tuple[int, int]] = []
    start = 0
    for brk in [*_CLAUSE_BREAK.finditer(text), None]:
        end = brk.start() if brk else len(text)
        if text[start:end].strip():
            if spans and _phrases("after_words.right", start=True).match(text[start:end]):
                spans[-1] = (spans[-1][0], end)
            else:
                spans.append((start, end))
        start = brk.end() if brk else len(text)
    return spans


def _clause_lead_time(clause: str, offset: int, dates: list[tuple[int, int]], original: str) -> LeadTime | None:
    if _phrases("not_lead_time").search(clause):
        return None  # quotation validity, warranty, credit terms
    for match in _lead_pattern().finditer(clause):
        start, end = offset + match.start(), offset + match.end()
        if any(s < end and start < e for s, e in dates):
            continue
        left, right = clause[: match.start()], clause[match.end() :]
        if _is_payment_term(left):
            continue
        found = _to_lead_time(match, left, right, original.strip())
        if found.anchor != "sample_approval" and _phrases("sample_only").search(clause):
            continue  # the sample lead time, not the order's
        return found
    return None


def _to_lead_time(match: re.Match[str], left: str, right: str, text: str) -> LeadTime:
    unit = (match["en"] or match["zh"]).lower()
    factor = _lead_data()["units"][unit]
    low = _number(match["low"]) or 0
    high = _number(match["high"]) if match["high"] else None
    qualifier = (match["qual"] or "") + (match["zh"] or "")
    return LeadTime(
        days=(high if high is not None else low) * factor,
        kind="working" if _phrases("kinds.working").search(qualifier) else "calendar",
        anchor=_anchor_after(right) or _anchor_before(left) or "unknown",
        text=text,
        vague=bool(
            _phrases("vague.before", end=True).search(left) or _phrases("vague.after", start=True).search(right)
        ),
        low=low * factor if high is not None else None,
    )


def _vague_lead_time(clause: str, original: str) -> LeadTime | None:
    vague = _phrases("vague.alone").search(clause)
    if vague is None or not _phrases("delivery_words").search(clause):
        return None
    anchor = _anchor_after(clause[vague.end() :]) or _anchor_before(clause[: vague.start()]) or "unknown"
    return LeadTime(days=None, kind="calendar", anchor=anchor, text=original.strip(), vague=True)


def _is_payment_term(left: str) -> bool:
    """Given the clause before a figure, return True if it reads as a payment term."""
    payments = list(_phrases("payment_first.words").finditer(left))
    if not payments or _phrases("delivery_words").search(left):
        return False
    between = left[payments[-1].end() :]
    return not (_phrases("after_words.left").search(between) or _phrases("after_words.right").search(between))


def _anchor_after(right: str) -> str | None:
    """Given the clause after a figure, return the anchor an 'after' word joins to it."""
    joint = _phrases("after_words.right").search(right)
    if joint is None:
        return None
    return _nearest_anchor(right, joint.end())


def _anchor_before(left: str) -> str | None:
    """Given the clause before a figure, return the anchor joined to it ("收到定金后", "after deposit")."""
    candidates = []
    for anchor, match in _anchor_matches(left, 0, len(left)):
        joined_after = _phrases("after_words.left").search(left[match.end() :])
        joined_before = _phrases("after_words.right").search(left[: match.start()])
        if joined_after or joined_before:
            candidates.append((match.end(), match.end() - match.start(), anchor))
    return max(candidates)[2] if candidates else None


def _nearest_anchor(text: str, start: int) -> str | None:
    """Given text and where to look from, return the first anchor there (the longer phrase on a tie)."""
    found = [(m.start(), -(m.end() - m.start()), anchor) for anchor, m in _anchor_matches(text, start, len(text))]
    return min(found)[2] if found else None


def _anchor_matches(text: str, start: int, end: int) -> list[tuple[str, re.Match[str]]]:
    return [
        (anchor, match)
        for anchor in _anchor_names()
        for match in _phrases(f"anchors.{anchor}").finditer(text, start, end)
    ]


def _anchor_names() -> list[str]:
    return [key for key in _lead_data()["anchors"] if not key.startswith("_")]


@lru_cache(maxsize=1)
def _lead_data() -> dict[str, Any]:
    data = load_data("lead_time_anchors")
    units = {key: value for key, value in data["units"].items() if not key.startswith("_")}
    return {**data, "units": units}


@lru_cache(maxsize=1)
def _lead_pattern() -> re.Pattern[str]:
    units = _lead_data()["units"]
    english = literal_alternation(u for u in units if u.isascii())
    chinese = literal_alternation(u for u in units if not u.isascii())
    number = rf"(?:\d{{1,3}}|[{CJK_NUMERAL_CHARS}]{{1,4}})"
    return re.compile(
        rf"(?<![0-9.,/$%月{CJK_NUMERAL_CHARS}])(?P<low>{number})"
        rf"(?:\s*(?:-|~|to|至|到)\s*(?P<high>{number}))?\s*"
        rf"(?:(?:(?P<qual>[A-Za-z]+)\s+)?(?P<en>{english})(?![A-Za-z])|个?(?P<zh>{chinese}))",
        re.I,
    )


@lru_cache(maxsize=None)
def _phrases(path: str, start: bool = False, end: bool = False) -> re.Pattern[str]:
    """Given a dotted path into lead_time_anchors.json, return a pattern for its phrases.

    English phrases match on word boundaries; `start`/`end` anchor the pattern
    at the start of the text (after blanks) or at its end (before blanks).
    """
    node: Any = _lead_data()
    for key in path.split("."):
        node = node[key]
    phrases = node["words"] if isinstance(node, dict) else node
    body = phrase_alternation(phrases)
    return re.compile(("^\\s*" if start else "") + body + ("\\s*$" if end else ""), re.I)


# ---------------------------------------------------------------- a document's dates


def english_months(text: str) -> str:
    """Given a date as written, return it with month names of other languages in English.

    "7. Mai 2014" becomes "7. May 2014"; the names and languages are in data/month_names.json.
    """
    english = _foreign_months().sub(lambda m: load_data("month_names")[m.group(0).lower()], text)
    return _joining_words().sub(" ", english)


@lru_cache(maxsize=1)
def _joining_words() -> re.Pattern[str]:
    """'de' and 'del' between a day, an English month name and a year ("5 de May de 2025"), to drop."""
    names = literal_alternation(month_names())
    return re.compile(rf"(?<=\d)\s+de\s+(?=(?:{names})\b)|(?<=[a-z])\s+del?\s+(?=\d{{4}}\b)", re.IGNORECASE)


@lru_cache(maxsize=1)
def _foreign_months() -> re.Pattern[str]:
    names = [name for name in load_data("month_names") if not name.startswith("_")]
    return re.compile(r"(?<![^\W\d_])" + literal_alternation(names) + r"(?![^\W\d_])", re.IGNORECASE)


def date_in(text: str, order: str | None) -> str | None:
    """Given a value, return the first date in it that `order` settles, as ISO, else None."""
    for found in find_dates(text, order):
        if found.value is not None and not found.ambiguous:
            return found.value.isoformat()
    return None
