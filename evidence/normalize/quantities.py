"""Quantities ("5,000 pcs", "120 CTNS", "5000件") and measures ("750 ml ±10 ml").

Units, their aliases in English and Chinese, and conversion factors live in
``data/units.json``. A quantity is a figure with a count, length, mass, volume
or area unit, as an order states it; a measure is a figure of a specification,
with its tolerance or limit. Both are found in a line of text with their
offsets, so a finding can quote them.

Not read as quantities: ranges ("100-200 pcs"), figures inside a dimension
("40 x 30 x 20 cm": those are measures), tolerances ("±10 ml"), figures inside
dates, and container counts ("1 x 20' GP"). Not read as measures: figures
without a unit or tolerance ("Wall thickness 0.5": `evidence.normalize.specs`
reports those), designations ("AISI 304L", "M8x1.25", "Pantone 2945C"), and
units written before the figure ("HRC 58"). Only temperatures may be negative
("-20~120°C"); elsewhere a dash before a figure is punctuation.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from decimal import Decimal
from functools import lru_cache
from itertools import groupby
from typing import Any

from evidence.normalize import fold_width, parse_number
from evidence.reference_data import load_data
from evidence.normalize.dates import find_dates
from evidence.phrases import literal_alternation, memoized_list, phrase_alternation

#: Kinds of unit an order quantity may have (a measure may have any).
QUANTITY_KINDS = frozenset({"count", "length", "mass", "volume", "area"})
MEASURE_KINDS = frozenset({"length", "mass", "volume", "area", "other"})
#: Inch marks only count glued to the figure (15.6"), never after a space,
#: where they close a quotation.
_ATTACHED_ONLY = frozenset({'"', "″", "''"})
_NUM = r"\d{1,3}(?:,\d{3})+(?:\.\d+)?|\d{1,3}(?:\.\d{3})+(?:,\d+)?|\d+(?:[.,]\d+)?"
_MEASURE_NUM = r"(?:\d{1,3}(?:,\d{3})+(?:\.\d+)?|\d+(?:[.,]\d+)?)"
#: A figure must not be glued to a word, another figure or a tolerance sign.
_START = r"(?<![0-9A-Za-z.,±+/])(?<![0-9A-Za-z]-)"
_PREFIX = r"(?:[ØøΦφ⌀]\s*|(?i:dia\.?)\s*)"
_DIMENSION_SIGN = r"[x×*X]"
#: Units whose figures may be negative ("-20°C"); elsewhere a dash is punctuation.
_SIGNED_UNITS = frozenset({"°C", "°F"})


@dataclass(frozen=True)
class Unit:
    """A unit from ``data/units.json``: canonical name, kind, factor to its base (None: not converted)."""

    name: str
    kind: str
    factor: Decimal | None


@dataclass(frozen=True)
class Quantity:
    """An amount of goods: "5,000 pcs" -> value 5000, unit "pcs", kind "count".

    `unit` is the canonical unit name; it is None only from `parse_quantity`
    reading a bare figure ("Qty: 5000"), whose kind is then "count".
    """

    value: Decimal
    unit: str | None
    kind: str
    text: str
    start: int
    end: int


@dataclass(frozen=True)
class Measure:
    """A measured value of a specification, with its tolerance or limit.

    `value` is None for a tolerance stated alone ("Tolerance: ±0.5 mm"); `unit`
    is None for a toleranced figure without any unit ("72±0.5"). A range
    ("10-12 mm") is read as 10 mm +2/-0 mm. `tolerance_unit` is the unit of the
    tolerance ("mm" or "%"), the value's own when the tolerance has none
    ("0.5mm ±0.05"). `limit` is "max" or "min" for "≤ 0.5 mm", "min. 2 mm",
    "5mm以上", else None. `kind` is that of the unit (of the tolerance's unit
    when there is no value). In a dimension ("40 x 30 x 20 cm") each figure is
    one measure spanning its own figure, all sharing the unit.
    """

    value: Decimal | None
    unit: str | None
    kind: str
    tolerance_plus: Decimal | None
    tolerance_minus: Decimal | None
    tolerance_unit: str | None
    text: str
    start: int
    end: int
    limit: str | None = None

    def bounds(self) -> tuple[Decimal, Decimal] | None:
        """Return (lowest, highest) acceptable value in `unit`, or None without a value and tolerance."""
        if self.value is None or self.tolerance_plus is None or self.tolerance_minus is None:
            return None
        plus, minus = self.tolerance_plus, self.tolerance_minus
        if self.tolerance_unit == "%" and self.unit != "%":
            plus, minus = self.value * plus / 100, self.value * minus / 100
        elif self.tolerance_unit != self.unit and self.unit is not None:
            plus, minus = (
                _convert(plus, self.tolerance_unit, self.unit),
                _convert(minus, self.tolerance_unit, self.unit),
            )
        return self.value - minus, self.value + plus


@memoized_list
def find_quantities(text: str) -> list[Quantity]:
    """Given a line of text, return every figure with a count, length, mass, volume or area unit."""
    folded = fold_width(text)
    dates = [(d.start, d.end) for d in find_dates(text)]
    found = []
    for match in _quantity_pattern().finditer(folded):
        start, end = match.span()
        name = canonical_unit(match["unit"] or match["att"])
        if name is None:  # a letter the pattern's case folding allows but no alias has ('bagſ')
            continue
        unit = units()[name]
        if _overlaps(start, end, dates) or _in_tolerance(folded, start):
            continue
        if unit.kind != "count" and _in_dimension(folded, start, end):
            continue
        value = parse_number(match["num"], "," if unit.kind == "count" else ".")
        if value is not None:
            found.append(Quantity(value, unit.name, unit.kind, text[start:end], start, end))
    return found


def parse_quantity(text: str) -> Quantity | None:
    """Given a single value ("5,000 pcs", "5000", "Qty: 5.000"), return the quantity, or None.

    A figure with a unit wins; otherwise the only figure in the text, with unit
    None and kind "count" (its separators read as for a count: "5.000" is 5000).
    """
    found = find_quantities(text)
    if found:
        return found[0]
    folded = fold_width(text)
    dates = [(d.start, d.end) for d in find_dates(text)]
    bare = [
        m for m in re.finditer(rf"{_START}(?:{_NUM})(?![0-9A-Za-z]|[.,]\d)", folded) if not _overlaps(*m.span(), dates)
    ]
    if len(bare) != 1:
        return None
    value = parse_number(bare[0].group(), ",")
    start, end = bare[0].span()
    return None if value is None else Quantity(value, None, "count", text[start:end], start, end)


@memoized_list
def find_measures(text: str) -> list[Measure]:
    """Given a line of a specification, return its measures, tolerances and dimensions, left to right.

    Reads "750 ml ±10 ml", "0.5mm ±0.05", "320 g (+/- 5 g)", "Ø 72 mm",
    "72±0.5mm", "±2%", "+0.2/-0.1 mm", "40 x 30 x 20 cm", "26 cm (tolerance ±1 cm)",
    "750毫升±10毫升", "公差±0.5mm", "厚度0.5毫米", "10-12 mm", "≤ 0.5 mm".
    Percentages are measures too ("Cotton 95%"): call it on specification text.
    """
    folded = fold_width(text)
    dates = [(d.start, d.end) for d in find_dates(text)]
    found: list[Measure] = []
    for match in _measure_pattern().finditer(folded):
        if _overlaps(*match.span(), dates) or _after_designation(folded, match.start()):
            continue
        if match["chain"]:
            found.extend(_chain_measures(match, text))
        elif match["range"]:
            found.extend(_range_measure(match, text))
        elif match["single"]:
            found.extend(_single_measure(match, text))
        else:
            found.extend(_tolerance_only(match, text))
    return found


def to_base(value: Decimal, unit: str) -> tuple[Decimal, str]:
    """Given a value and a unit (canonical or any alias), return it in its kind's base unit.

    Length goes to mm, mass to g, volume to ml, area to m2; counts and other
    units come back unchanged. Raise ValueError for a unit not in units.json
    (`in_base` returns None instead).
    """
    found = in_base(value, unit)
    if found is None:
        raise ValueError(f"unknown unit {unit!r}")
    return found


def in_base(value: Decimal, unit: str) -> tuple[Decimal, str] | None:
    """Given a value and a unit, return it in its kind's base unit, or None for a unit not in units.json."""
    name = canonical_unit(unit)
    if name is None:
        return None
    known = units()[name]
    if known.factor is None:
        return value, name
    return value * known.factor, load_data("units")["bases"][known.kind]


def canonical_unit(token: str) -> str | None:
    """Given a unit as written ("PCS", "ctns", "毫升", '"') or its canonical name ("t"), return that name, or None."""
    token = fold_width(token).strip()
    exact, folded = _alias_index()
    # A canonical name is a unit too: records carry it and callers convert it back ("t", "jin").
    return exact.get(token) or folded.get(re.sub(r"\s+", " ", token.lower())) or (token if token in units() else None)


@lru_cache(maxsize=1)
def units() -> dict[str, Unit]:
    """Return every unit of ``data/units.json`` by canonical name."""
    return {
        name: Unit(name, entry["kind"], Decimal(entry["factor"]) if "factor" in entry else None)
        for name, entry in load_data("units")["units"].items()
    }


@lru_cache(maxsize=1)
def _alias_index() -> tuple[dict[str, str], dict[str, str]]:
    """Return (exact alias -> unit, lower-case alias -> unit)."""
    exact: dict[str, str] = {}
    folded: dict[str, str] = {}
    for name, entry in load_data("units")["units"].items():
        for alias in [*entry.get("exact", []), *entry.get("guarded", [])]:
            exact[alias] = name
        for alias in entry["aliases"]:
            folded[alias.lower()] = name
    return exact, folded


def unit_alternation(kinds: frozenset[str]) -> str:
    """Given unit kinds, return a regex alternation of their aliases that may follow a figure after blanks."""
    return _unit_alternation(kinds, attached=False)


@lru_cache(maxsize=None)
def _unit_alternation(kinds: frozenset[str], attached: bool) -> str:
    data = load_data("units")
    parts: list[tuple[str, str, str]] = []  # (alias, its regex, what may not follow it)
    for entry in data["units"].values():
        if entry["kind"] not in kinds:
            continue
        for alias in entry.get("exact", []):
            if (alias in _ATTACHED_ONLY) == attached:
                parts.append((alias, *_alias_regex(alias, True)))
        if attached:
            continue
        parts += [(alias, *_alias_regex(alias, False)) for alias in entry["aliases"]]
        parts += [(alias, re.escape(alias), _guarded_tail()) for alias in entry.get("guarded", [])]
    parts.sort(key=lambda part: len(part[0]), reverse=True)
    return "(?:" + "|".join(_shared_tails(parts)) + ")" if parts else "(?!)"


def _shared_tails(parts: list[tuple[str, str, str]]) -> list[str]:
    """Given aliases longest first, return their alternatives, those of one length and tail sharing it once.

    'a(?!x)|b(?!x)' and '(?:a|b)(?!x)' match alike (a failing tail backtracks into the next
    alternative either way), but a tail costs a few milliseconds to compile and the measure
    pattern holds the unit list fourteen times. Aliases of one length without blanks match
    as many characters whichever comes first, so only they are reordered to share a tail.
    """
    alternatives = []
    for _, same_length in groupby(parts, key=lambda part: len(part[0])):
        bucket = list(same_length)
        if not any(" " in alias for alias, _, _ in bucket):
            bucket.sort(key=lambda part: part[2])
        for tail, sharing in groupby(bucket, key=lambda part: part[2]):
            bodies = [body for _, body, _ in sharing]
            alternatives.append((bodies[0] if len(bodies) == 1 else "(?:" + "|".join(bodies) + ")") + tail)
    return alternatives


def _alias_regex(alias: str, exact: bool) -> tuple[str, str]:
    """Given a unit alias, return its regex and the tail that says what may not follow it."""
    body = r"\s*".join(re.escape(word) for word in alias.split())
    body = f"(?-i:{body})" if exact else f"(?i:{body})"
    tail = r"(?![A-Za-z])" if alias.isascii() and alias[-1].isalnum() else ""
    stops = load_data("units")["not_followed_by"].get(alias)
    if stops:
        tail += rf"(?!\s*(?i:{literal_alternation(stops)}))"
    return body, tail


def _guarded_tail() -> str:
    return rf"(?![A-Za-z])(?=\s*(?:$|[,;:)\]±]|\+\s*/?\s*-|{_DIMENSION_SIGN}\s*\d))"


@lru_cache(maxsize=1)
def _quantity_pattern() -> re.Pattern[str]:
    units_after_blank = _unit_alternation(QUANTITY_KINDS, attached=False)
    attached = _unit_alternation(QUANTITY_KINDS, attached=True)
    return re.compile(rf"{_START}(?<![0-9][-~])(?P<num>{_NUM})(?:\s*(?P<unit>{units_after_blank})|(?P<att>{attached}))")


def _in_tolerance(text: str, start: int) -> bool:
    """Given a figure's start, return True if it is the figure of a tolerance ("±10 ml")."""
    return bool(re.search(r"(?:±|\+\s*/?\s*-)\s*$", text[:start]))


def _in_dimension(text: str, start: int, end: int) -> bool:
    """Given a figure's span, return True if it is one figure of a dimension ("40 x 30 x 20 cm")."""
    sign = _DIMENSION_SIGN
    return bool(re.search(rf"(?:\d\s*|\s){sign}\s*$", text[:start]) or re.match(rf"\s*{sign}\s*\d", text[end:]))


def _overlaps(start: int, end: int, spans: list[tuple[int, int]]) -> bool:
    return any(s < end and start < e for s, e in spans)


# ---------------------------------------------------------------- measures


@lru_cache(maxsize=1)
def _measure_pattern() -> re.Pattern[str]:
    data = load_data("units")
    unit = rf"(?:\s*{_unit_alternation(MEASURE_KINDS, False)}|{_unit_alternation(MEASURE_KINDS, True)})"
    value = rf"{_MEASURE_NUM}(?:{unit})?"
    symmetric = rf"(?:±|\+\s*/\s*-|\+\s*-|-\s*/\s*\+|正负)\s*{value}"
    asymmetric = rf"\+\s*{value}\s*[/,]?\s*-\s*{value}"
    tol_words = phrase_alternation(data["tolerance_words"])
    # "26 cm, tol. ±1 cm": a comma may come first when a tolerance word follows it.
    lead = rf"(?:[,;]\s*(?={tol_words}))?"
    tolerance = rf"{lead}(?:\(\s*)?(?:{tol_words}\s*[:=]?\s*)?(?:{asymmetric}|{symmetric})(?:\s*\))?"
    before = phrase_alternation([*data["limits"]["max"]["before"], *data["limits"]["min"]["before"]])
    after = phrase_alternation([*data["limits"]["max"]["after"], *data["limits"]["min"]["after"]])
    return re.compile(
        rf"{_START}(?P<chain>{_PREFIX}?{value}(?:\s*{_DIMENSION_SIGN}\s*{_PREFIX}?{value}){{1,3}})(?P<ctol>\s*{tolerance})?"
        rf"|{_START}(?P<range>{_PREFIX}?{_MEASURE_NUM}(?:{unit})?(?:\s*-\s*|\s*(?:~|to|至|到)\s*-?){_MEASURE_NUM}{unit})"
        rf"|(?P<single>(?:(?P<before>{before})\s*)?{_START}{_PREFIX}?(?P<num>{_MEASURE_NUM})(?P<unit>{unit})?"
        rf"(?P<tol>\s*{tolerance})?(?:\s*(?P<after>{after}))?)"
        rf"|(?P<alone>{tolerance})",
        re.I,
    )


@lru_cache(maxsize=1)
def _figure_pattern() -> re.Pattern[str]:
    unit = (
        rf"(?:\s*(?P<unit>{_unit_alternation(MEASURE_KINDS, False)})|(?P<att>{_unit_alternation(MEASURE_KINDS, True)}))"
    )
    return re.compile(rf"(?P<num>{_MEASURE_NUM})(?:{unit})?")


def _figures(text: str) -> list[tuple[Decimal, str | None, int, int]]:
    pattern = _figure_pattern()
    found = []
    for match in pattern.finditer(text):
        value = parse_number(match["num"], ".")
        written = match["unit"] or match["att"]
        if value is not None:
            found.append((value, canonical_unit(written) if written else None, match.start(), match.end()))
    return found


def _tolerance(text: str | None) -> tuple[Decimal, Decimal, str | None] | None:
    """Given a tolerance ("±10 ml", "+0.2/-0.1 mm", "(+/- 5 g)"), return (plus, minus, unit)."""
    if not text:
        return None
    folded = re.sub(r"\+\s*/\s*-|\+\s*-|-\s*/\s*\+|正负", "±", text)
    figures = _figures(folded)
    if not figures:
        return None
    unit = next((u for _, u, _, _ in reversed(figures) if u), None)
    if "±" in folded or len(figures) == 1:
        return figures[0][0], figures[0][0], unit
    return figures[0][0], figures[1][0], unit


def _measure(
    text: str,
    span: tuple[int, int],
    value: Decimal | None,
    unit: str | None,
    tol: tuple[Decimal, Decimal, str | None] | None,
    limit: str | None = None,
) -> Measure:
    plus, minus, tol_unit = tol if tol else (None, None, None)
    if tol is not None and tol_unit is None:
        tol_unit = unit
    kind_of = unit or tol_unit
    kind = units()[kind_of].kind if kind_of else "other"
    start, end = span
    return Measure(value, unit, kind, plus, minus, tol_unit, text[start:end].strip(), start, end, limit)


def _chain_measures(match: re.Match[str], text: str) -> list[Measure]:
    offset = match.start("chain")
    figures = _figures(match["chain"])
    shared = next((u for _, u, _, _ in reversed(figures) if u), None)
    tol = _tolerance(match["ctol"])
    if shared is None and (tol is None or tol[2] is None):
        return []  # a dimension without any unit is a designation or a count, not a measure
    shared = shared or (tol[2] if tol else None)
    return [
        _measure(text, (offset + start, offset + end), value, unit or shared, tol)
        for value, unit, start, end in figures
    ]


def _range_measure(match: re.Match[str], text: str) -> list[Measure]:
    written = match["range"]
    figures = _figures(written)
    if len(figures) != 2:
        return []
    (low, low_unit, _, _), (high, unit, high_start, _) = figures
    unit = unit or low_unit
    start, end = match.span("range")
    if unit in _SIGNED_UNITS:
        # "-20~120°C", "-40 to -10 °C": only temperatures go below zero.
        minus = re.search(r"(?<![0-9A-Za-z])-\s*$", match.string[:start])
        if minus:
            low, start = -low, minus.start()
        if re.search(r"(?:~|to|至|到)\s*-\s*$", written[:high_start]):
            high = -high
    if high < low:
        return []
    return [_measure(text, (start, end), low, unit, (high - low, Decimal(0), unit))]


def _single_measure(match: re.Match[str], text: str) -> list[Measure]:
    tol = _tolerance(match["tol"])
    written = match["unit"]
    unit = canonical_unit(written) if written else (tol[2] if tol else None)
    if unit is None and tol is None:
        return []
    if tol is not None and tol[2] is None:
        tol = (tol[0], tol[1], unit)
    value = parse_number(match["num"], ".")
    if value is None:
        return []
    start, end = match.span("single")
    minus = re.search(r"(?<![0-9A-Za-z])-\s*$", match.string[:start])
    if minus and unit in _SIGNED_UNITS:
        value, start = -value, minus.start()
    return [_measure(text, (start, end), value, unit, tol, _limit(match["before"], match["after"]))]


def _tolerance_only(match: re.Match[str], text: str) -> list[Measure]:
    tol = _tolerance(match["alone"])
    return [_measure(text, match.span("alone"), None, None, tol)] if tol else []


def _limit(before: str | None, after: str | None) -> str | None:
    limits: dict[str, Any] = load_data("units")["limits"]
    for name, words in limits.items():
        if name.startswith("_"):
            continue
        if (before and _same_phrase(before, words["before"])) or (after and _same_phrase(after, words["after"])):
            return name
    return None


def _same_phrase(written: str, phrases: list[str]) -> bool:
    key = re.sub(r"\s+", " ", written.strip().lower())
    return key in {p.lower() for p in phrases}


def _after_designation(text: str, start: int) -> bool:
    """Given a measure's start, return True if a designation word ("AISI", "型号") stands right before it."""
    return bool(_designation_pattern().search(text, 0, start))


@lru_cache(maxsize=1)
def _designation_pattern() -> re.Pattern[str]:
    words = phrase_alternation(load_data("units")["designation_words"]["words"])
    return re.compile(rf"{words}\s*[:#.\-]?\s*$", re.I)


def _convert(value: Decimal, unit: str | None, target: str) -> Decimal:
    if unit is None:
        return value
    base_value, base = to_base(value, unit)
    target_factor, target_base = to_base(Decimal(1), target)
    return base_value / target_factor if base == target_base else value


# ---------------------------------------------------------------- counts in a value


def quantities_in(text: str, kind: str = "count") -> list[Quantity]:
    """Given text, return its quantities of one kind (counts: '3,000 pcs', '125 CTNS'), leftmost first."""
    return [found for found in find_quantities(text) if found.kind == kind]


def integer_in(text: str) -> int | None:
    """Given a value ('200 pcs (code L)', '125'), return its first whole number."""
    found = quantities_in(text)
    if found:
        return int(found[0].value)
    match = re.search(r"(?<![\w.,/-])(?:\d{1,3}(?:,\d{3})+|\d+)(?![\w.,/-]?\d)", text)
    return int(match.group(0).replace(",", "")) if match else None


def goods_count(text: str) -> Decimal | None:
    """Given a quantity value, return its count of goods (not of cartons), or its bare figure."""
    counts = quantities_in(text)
    goods = [q for q in counts if q.unit not in package_units()]
    if goods:
        return goods[0].value
    if counts:
        return None
    bare = integer_in(text)
    return Decimal(bare) if bare is not None else None


def quantity_in(text: str) -> tuple[Decimal, str] | None:
    """Given a value, return its first count quantity and unit ('3,000 pcs' -> (3000, 'pcs'))."""
    for found in find_quantities(text):
        if found.kind == "count" and found.unit is not None:
            return found.value, found.unit
    return None


@lru_cache(maxsize=1)
def package_units() -> frozenset[str]:
    """Return the units that count packages (cartons, pallets...), not goods."""
    return frozenset(load_data("shipping_terms.json")["package_units"])
