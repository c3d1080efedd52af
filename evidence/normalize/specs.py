"""Specification lines: what attribute they set, to what figure, and whether the
wording can be measured at all.

`parse_spec_line` reads one line of a PI's or contract's specification
("Capacity: 750 ml ±10 ml", "材质：优质不锈钢", "Wall thickness 0.5mm") into a
`SpecItem`. Attribute words and the unit kind each attribute expects are in
``data/units.json`` ("attributes"); subjective and sample-referring phrases in
``data/subjective_phrases.json``.

A subjective phrase is flagged even inside an otherwise measurable clause
("premium grade SUS304 per ASTM A240" flags "premium"): the measurable part
stands on its own and the caller decides whether the wording matters. Entries
of the data file may name contexts that clear a phrase ("A grade" next to an
AQL, "premium" next to "insurance").
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from decimal import Decimal
from functools import lru_cache
from typing import Any

from evidence.normalize import fold_width, parse_number, without_overlaps
from evidence.reference_data import load_data
from evidence.normalize.dates import find_dates
from evidence.normalize.quantities import Measure, canonical_unit, find_measures, find_quantities
from evidence.phrases import anchor_text, literal_alternation, memoized_list, phrase_alternation, phrase_anchor

SAMPLE = "reference-to-sample"
#: A label: short, not starting with a figure, before ':' '=' or a tab.
_LABEL = re.compile(r"\s*(?P<label>[^:=\t\d][^:=\t]{0,39}?)\s*(?:[:=]|\t)\s*(?P<value>.*)", re.S)
_WIDE_GAP = re.compile(r"\s*(?P<label>\S.{0,39}?)\s{2,}(?P<value>\S.*)", re.S)
_LABEL_UNIT = re.compile(r"\s*[(\[]\s*(?P<unit>[^()\[\]]{1,12}?)\s*[)\]]\s*$")
#: Where an English label meets its Chinese twin ("Weight 重量", "重量 Weight").
_LANGUAGE_EDGE = re.compile(r"(?<=[\u3400-\u9fff])\s*(?=[A-Za-z])|(?<=[A-Za-z.])\s*(?=[\u3400-\u9fff])")
_BARE_FIGURE = re.compile(r"(?<![0-9A-Za-z.,±+])(?<![A-Za-z0-9]-)\d+(?:[.,]\d+)?(?![0-9A-Za-z]|[.,]\d)")


@dataclass(frozen=True)
class PhraseMatch:
    """A phrase of ``subjective_phrases.json`` found in text.

    `phrase` is the entry as listed; `text` as written in the document.
    `category` is subjective, reference-to-previous or reference-to-sample.
    """

    phrase: str
    text: str
    category: str
    reason: str
    lang: str
    start: int
    end: int


@dataclass(frozen=True)
class SpecItem:
    """One line of a specification.

    `attribute` is the label as written ("Capacity"), `key` its canonical name
    from units.json ("capacity"), `expects` the kind of unit a figure for it
    needs (None: material, colour, size code...). `number`/`unit` are the first
    figure of `value`; a figure with no unit has ``unit=None`` (for a dimension
    attribute, that is what rule S003 looks for). `tolerance` is the first
    tolerance, written out ("±10 ml", "+0.2/-0.1 mm"). `subjective` lists the
    subjective and previous-order phrases as written; `sample_reference` the
    phrases that tie the item to a sample. `measures` has every measure of the
    value ("40 x 30 x 20 cm" gives three).
    """

    attribute: str | None
    value: str
    number: Decimal | None
    unit: str | None
    tolerance: str | None
    subjective: list[str]
    text: str
    key: str | None = None
    expects: str | None = None
    sample_reference: list[str] = field(default_factory=list)
    measures: tuple[Measure, ...] = ()


def parse_spec_line(text: str) -> SpecItem:
    """Given one line of a specification, return what it specifies.

    The attribute is a label before ':' '：' '=' or a tab (or a wide gap after
    a known attribute word), or a known attribute word the line starts with
    ("Wall thickness 0.5mm"). A unit in the label applies to a bare figure
    ("Capacity (ml): 750"). Ounces for a capacity are fluid ounces.
    """
    attribute, value = split_label(text)
    key = attribute_key(attribute) if attribute else None
    expects = _attributes()[key]["expects"] if key else None
    label_unit = _label_unit(attribute)
    measures = tuple(find_measures(value))
    number, unit = _first_figure(value, measures, label_unit)
    if unit == "oz" and expects == "volume":
        unit = "fl oz"  # a bottle's "24 oz" is a capacity
    phrases = find_phrases(text)
    entry = _attributes()[key] if key else {}
    if entry.get("names"):
        # "Brand: Excellent", "Model: Premium 750": a capitalised word of the list is the name.
        phrases = [p for p in phrases if not p.text[:1].isupper()]
    if entry.get("figures_define") and (measures or find_quantities(value)):
        # "Packing: export standard carton, 24 pcs/ctn, 60 x 40 x 35 cm": the figures define it.
        phrases = [p for p in phrases if p.category == SAMPLE]
    return SpecItem(
        attribute=attribute,
        value=value,
        number=number,
        unit=unit,
        tolerance=next((render_tolerance(m) for m in measures if m.tolerance_plus is not None), None),
        subjective=[p.text for p in phrases if p.category != SAMPLE],
        text=text,
        key=key,
        expects=expects,
        sample_reference=[p.text for p in phrases if p.category == SAMPLE],
        measures=measures,
    )


def find_subjective(text: str) -> list[str]:
    """Given text, return its subjective and previous-order phrases as written ("high quality", "优质", "as usual")."""
    return [p.text for p in find_phrases(text) if p.category != SAMPLE]


def find_sample_references(text: str) -> list[str]:
    """Given text, return its phrases that make a sample the specification ("as per sample", "以样品为准")."""
    return [p.text for p in find_phrases(text) if p.category == SAMPLE]


@memoized_list
def find_phrases(text: str) -> list[PhraseMatch]:
    """Given text, return every phrase of subjective_phrases.json in it, left to right.

    English phrases match whole words ignoring case; where two matches overlap
    the longer is kept ("good quality material" is one phrase, not two).
    """
    folded = fold_width(text)
    anchored = anchor_text(folded)
    found = []
    for entry, anchor in _phrase_entries():
        if anchor is not None and anchor not in anchored:
            continue
        for match in _phrase_pattern(entry.get("pattern") or phrase_alternation([entry["phrase"]])).finditer(folded):
            if not _cleared(entry, folded, match.end()):
                start, end = match.span()
                found.append(
                    PhraseMatch(
                        entry["phrase"], text[start:end], entry["category"], entry["reason"], entry["lang"], start, end
                    )
                )
    return without_overlaps(found)


def split_label(text: str) -> tuple[str | None, str]:
    """Given a specification line, return (attribute label or None, value)."""
    folded = fold_width(text)
    labelled = _LABEL.fullmatch(folded)
    if labelled and _looks_like_label(labelled["label"]) and not labelled["value"].startswith("//"):
        return _cut(text, labelled)
    gap = _WIDE_GAP.fullmatch(folded)
    if gap and attribute_key(gap["label"]):
        return _cut(text, gap)
    leading = _leading_attribute().match(folded)
    if leading and leading["value"].strip():
        return _cut(text, leading)
    return None, text.strip()


def expected_kind(key: str) -> str | None:
    """Given an attribute key of a record's spec line ('thickness'), return the kind of unit a figure
    for it expects ('length'), as `parse_spec_line` sets it, or None."""
    found = attribute_key(key)
    return _attributes()[found]["expects"] if found else None


def attribute_key(label: str) -> str | None:
    """Given a label ("Wall Thickness", "Outer carton size", "材质"), return its canonical attribute, or None.

    An exact attribute word wins; otherwise the longest attribute word inside the label.
    """
    name = _attribute_word(_LABEL_UNIT.sub("", fold_width(label)).strip().strip(":"))
    index = _attribute_index()
    for exact in (name, name.rstrip(".")):
        if exact in index:
            return index[exact]
    inside = [match.group() for match in _attribute_pattern().finditer(name)]
    return index.get(_attribute_word(max(inside, key=len))) if inside else None


def is_attribute_name(label: str) -> bool:
    """Given a label ("Capacity (ml)", "Weight 重量"), return True if each language of it is only an attribute word."""
    name = _LABEL_UNIT.sub("", fold_width(label)).strip().strip(":")
    parts = [part for part in _LANGUAGE_EDGE.split(name) if part.strip()]
    index = _attribute_index()
    return bool(parts) and all(_attribute_word(p) in index or _attribute_word(p).rstrip(".") in index for p in parts)


def render_tolerance(measure: Measure) -> str | None:
    """Given a measure, return its tolerance as text ("±10 ml", "+0.2/-0.1 mm", "±2%"), or None."""
    plus, minus = measure.tolerance_plus, measure.tolerance_minus
    if plus is None or minus is None:
        return None
    unit = measure.tolerance_unit or ""
    unit = unit if unit in ("", "%") else f" {unit}"
    return f"±{plus}{unit}" if plus == minus else f"+{plus}/-{minus}{unit}"


# ---------------------------------------------------------------- helpers


def _cut(text: str, match: re.Match[str]) -> tuple[str, str]:
    """Given the original text and a label match on its folded form, return (label, value) as written."""
    label = text[match.start("label") : match.end("label")].strip()
    return label, text[match.start("value") : match.end("value")].strip()


def _looks_like_label(label: str) -> bool:
    # "Inner size L x W x H (mm)" is three words: axis letters and a unit in brackets name no more.
    words = [w for w in re.sub(r"[(\[（][^)\]）]{0,12}[)\]）]", " ", label).split() if len(w) > 1]
    return any(ch.isalpha() for ch in label) and len(words) <= 6 and not label.lower().startswith("http")


def _label_unit(attribute: str | None) -> str | None:
    if not attribute:
        return None
    found = _LABEL_UNIT.search(fold_width(attribute))
    return canonical_unit(found["unit"]) if found else None


def _first_figure(
    value: str, measures: tuple[Measure, ...], label_unit: str | None
) -> tuple[Decimal | None, str | None]:
    """Given a value and its measures, return its first figure and that figure's unit."""
    measured = next((m for m in measures if m.value is not None), None)
    if measured is not None:
        return measured.value, measured.unit or label_unit
    counted = find_quantities(value)
    if counted:
        return counted[0].value, counted[0].unit
    folded = fold_width(value)
    dates = [(d.start, d.end) for d in find_dates(value)]
    for match in _BARE_FIGURE.finditer(folded):
        if not any(s < match.end() and match.start() < e for s, e in dates):
            return parse_number(match.group(), "."), label_unit
    return None, None


def _cleared(entry: dict[str, Any], text: str, end: int) -> bool:
    """Given a phrase entry and where its match ends, return True if the text clears it."""
    followers = entry.get("unless_followed_by", [])
    if followers and re.match(r"\s*" + literal_alternation(followers), text[end:]):
        return True
    if entry["category"] != SAMPLE and _name_word().match(text, end):
        return True  # "Premium Series": the name of a product line
    contexts = entry.get("unless_context", [])
    return any(re.search(_context_word(word), text, re.I) for word in contexts)


def _context_word(word: str) -> str:
    """English context words match unless glued to other letters ("GB" in "GB18401", not in "GBP")."""
    body = re.escape(word)
    return rf"(?<![A-Za-z]){body}(?![A-Za-z])" if word.isascii() and word[-1].isalpha() else body


@lru_cache(maxsize=1)
def _phrase_entries() -> list[tuple[dict[str, Any], str | None]]:
    """Each phrase entry with its anchor: a text without it holds no match (None for an entry's own regex)."""
    return [(entry, None if entry.get("pattern") else phrase_anchor(entry["phrase"]))
            for entry in load_data("subjective_phrases")["phrases"]]


@lru_cache(maxsize=None)
def _phrase_pattern(regex: str) -> re.Pattern[str]:
    """A phrase's pattern, compiled when a text first holds its anchor: most lines hold none of them."""
    return re.compile(regex, re.I)


@lru_cache(maxsize=1)
def _name_word() -> re.Pattern[str]:
    """The words after which a phrase names a product line ("Premium Series")."""
    words = load_data("subjective_phrases")["name_words"]["words"]
    return re.compile(rf"[\s-]*(?:{phrase_alternation(words)})", re.I)


@lru_cache(maxsize=1)
def _attributes() -> dict[str, Any]:
    return {k: v for k, v in load_data("units")["attributes"].items() if not k.startswith("_")}


@lru_cache(maxsize=1)
def _attribute_index() -> dict[str, str]:
    """Return lower-case attribute word -> canonical attribute."""
    return {_attribute_word(word): key for key, entry in _attributes().items() for word in entry["words"]}


def _attribute_word(word: str) -> str:
    """Given an attribute word as listed or matched, return its index key ("Wall-Thickness" -> "wall thickness")."""
    return re.sub(r"[\s\-]+", " ", word.strip().lower())


@lru_cache(maxsize=1)
def _attribute_pattern() -> re.Pattern[str]:
    return re.compile(phrase_alternation(_attribute_index()), re.I)


@lru_cache(maxsize=1)
def _leading_attribute() -> re.Pattern[str]:
    words = phrase_alternation(_attribute_index())
    return re.compile(rf"\s*(?P<label>{words})\s*(?P<value>.*)", re.I | re.S)
