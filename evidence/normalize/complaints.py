"""Complaints: whether a complaint's text is of a kind Trade Assurance does not cover.

A pure text-to-value reading, as company_key is for names: rule E005 applies it
to record values (the manifest's `complaint`, the quotes of complaint events),
never to a document's lines. The phrases are in data/out_of_scope.json: 'ip'
and 'approved-sample' count on any match; 'subjective' only when the complaint
also gives no measured figure and no objective cue ('cracked', 'leaking').
"""

from __future__ import annotations

import re

from evidence.phrases import anchor_text, phrase_anchor, phrase_to_pattern
from evidence.reference_data import load_data

#: A measured figure: a number with a unit ('0.38 mm', '320 g', '5%').
MEASURED = re.compile(
    r"\d[\d,.]*\s*(?:mm|cm|m|μm|um|g|kg|lbs?|oz|ml|l|w|v|a|mah|°c|°f|k|lm|%|pcs|pieces|cartons|units)(?![a-z])",
    re.IGNORECASE,
)


def complaint_out_of_scope(text: str) -> tuple[str, str] | None:
    """Given a complaint, return (kind, matched phrase) when it is of a kind not covered, else None."""
    data = load_data("out_of_scope.json")
    anchored = anchor_text(text)
    for kind in ("ip", "approved-sample"):
        if match := _first_phrase(data["phrases"].get(kind, []), text, anchored):
            return kind, match.group(0)
    # A figure or an objective defect makes the complaint measurable, however it is worded.
    if MEASURED.search(text) or _first_phrase(data["objective_cues"], text, anchored):
        return None
    if match := _first_phrase(data["phrases"].get("subjective", []), text, anchored):
        return "subjective", match.group(0)
    return None


def _first_phrase(phrases: list[str], text: str, anchored: str) -> re.Match[str] | None:
    """The first of the phrases, in their order, that `text` holds (`anchored`: the text as `anchor_text` folds it).

    A phrase is compiled only when the text holds its anchor: complaints are short, the lists long.
    """
    for phrase in phrases:
        if phrase_anchor(phrase) in anchored and (match := phrase_to_pattern(phrase).search(text)):
            return match
    return None


def scope_category(kind: str) -> str:
    """Given a kind complaint_out_of_scope returns, return how a report describes it."""
    return dict(load_data("out_of_scope.json")["categories"]).get(kind, kind)
