"""CuePattern: a cue list searched cue by cue must find exactly what its one alternation finds."""

from __future__ import annotations

import re
import sys
from typing import Any

import pytest

from evidence.extract.conversation.cues import CuePattern, compile_cue_list, cue_anchor
from evidence.phrases import anchor_text, compile_cues, flatten
from evidence.reference_data import load_data

#: Chat lines that hold cues of many lists, near misses, negations, cases and Chinese.
TEXTS = [
    "Hello Tom, PI RY-20260720-03 attached, please check",
    "Honestly the colour looks cheap, not like the sample. 40 of the 500 plates are cracked.",
    "We can give 5% discount for this order, USD 700, refund to your Alibaba account.",
    "Please pay the balance to my boss's personal account, not Alibaba",
    "We will ship by 10 Oct, production starts Sep 8",
    "ok, thanks",
    "OK we accept the 5% discount. SHIPPED yesterday!",
    "it is our mistake, sorry. we don't accept returns but we'll ship the remake",
    "The goods are NOT damaged? crack-free, shipping, shipped, reshipped",
    "好的，我们下周安排退款。样品确认，同意更改",
    "İNVOICE ſhipped by T/T to the new bank account, Kelvin \u212aelvin",
    "paid on alibaba with card; payment made; we paid via paypal to the same account",
    "Can we ship on Nov 5 instead?",
    "",
    "   ",
]


def _cue_lists(node: Any) -> list[Any]:
    """Given a data file, return every list of cues in it (a list of strings, or lists by language)."""
    if isinstance(node, list):
        if node and all(isinstance(item, str) for item in node):
            return [node]
        return [found for item in node for found in _cue_lists(item)]
    if isinstance(node, dict):
        by_language = [v for k, v in node.items() if not k.startswith("_")]
        own = [node] if by_language and all(isinstance(v, list) and all(isinstance(i, str) for i in v) for v in by_language) else []
        return own + [found for value in node.values() for found in _cue_lists(value)]
    return []


def _data_cue_lists() -> list[Any]:
    found = []
    for name in ("message_events", "message_roles"):
        for cues in _cue_lists(load_data(name)):
            if not flatten(cues):
                continue
            try:
                compile_cues(cues)
            except re.error:
                continue  # not a cue list (the order-number patterns name their group in each)
            found.append(cues)
    return found


def _spans(matches: Any) -> list[tuple[int, int, str]]:
    return [(m.start(), m.end(), m.group(0)) for m in matches]


@pytest.mark.parametrize("cues", _data_cue_lists(), ids=lambda cues: str(flatten(cues)[:2]))
def test_finds_what_the_alternation_finds(cues: Any) -> None:
    alternation, pattern = compile_cues(cues), compile_cue_list(cues)
    assert alternation is not None and pattern is not None
    for text in TEXTS:
        for pos, endpos in ((0, len(text)), (len(text) // 3, len(text)), (1, max(1, len(text) - 2))):
            assert _spans(pattern.finditer(text, pos, endpos)) == _spans(alternation.finditer(text, pos, endpos)), text
            expected = alternation.search(text, pos, endpos)
            found = pattern.search(text, pos, endpos)
            assert (found and found.span()) == (expected and expected.span()), text


def test_at_one_place_the_cue_listed_first_wins() -> None:
    # As in the alternation: the first cue that matches at a place, even where a later one is longer.
    pattern = CuePattern(["ship*", "re:shipped\\s+by"])
    assert _spans(pattern.finditer("shipped by air")) == [(0, 7, "shipped")]
    pattern = CuePattern(["re:shipped\\s+by", "ship*"])
    assert _spans(pattern.finditer("shipped by air, ships")) == [(0, 10, "shipped by"), (16, 21, "ships")]


def test_an_empty_match_is_left_to_the_alternation() -> None:
    cues = ["re:x*", "ok"]
    alternation = compile_cues(cues)
    assert alternation is not None
    for text in ("ok xx ok", "xok", ""):
        assert _spans(CuePattern(cues).finditer(text)) == _spans(alternation.finditer(text))


def test_a_text_without_the_anchor_is_not_searched_with_the_cue() -> None:
    pattern = CuePattern(["crack*", "new bank account"])
    assert pattern.search("the cup is cracked") is not None
    assert pattern._patterns_in("send it to our bank account") == ()
    assert pattern._patterns_in("a NEW account") == (pattern.pattern(1),)


@pytest.mark.parametrize(
    ("cue", "anchor"),
    [
        ("crack*", "crack"),
        ("new bank account", "new"),
        ("re:\\bour\\s+fault", ""),
        ("reçu", "re"),
        ("T/T", "t/t"),
        ("'ll", "'ll"),
        ("样品确认", "样品确认"),
        ("Ｏｋ", ""),
    ],
)
def test_cue_anchor(cue: str, anchor: str) -> None:
    assert cue_anchor(cue) == anchor


def test_every_character_the_regex_takes_for_an_anchor_folds_to_it() -> None:
    """A text holding a cue case-blind must hold its anchor once folded, whatever its letters."""
    every_character = "".join(chr(code) for code in range(sys.maxunicode + 1) if not 0xD800 <= code <= 0xDFFF)
    anchors = {cue_anchor(cue) for cues in _data_cue_lists() for cue in flatten(cues)}
    for char in sorted({char for anchor in anchors for char in anchor}):
        for twin in re.findall(re.escape(char), every_character, re.IGNORECASE):
            assert char in anchor_text(twin), (char, twin)
