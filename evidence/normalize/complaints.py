"""Complaints: whether a complaint's text is of a kind Trade Assurance does not cover.

A pure text-to-value reading, as company_key is for names: rule E005 applies it
to record values (the manifest's `complaint`, the quotes of complaint events),
never to a document's lines. The phrases are in data/out_of_scope.json: 'ip'
and 'approved-sample' count on any match; 'subjective' only when the complaint
also gives no measured figure and no objective cue ('cracked', 'leaking').
"""

from __future__ import annotations

import re
from functools import lru_cache

from evidence.phrases import phrase_to_pattern
from evidence.reference_data import load_data

#: A measured figure: a number with a unit ('0.38 mm', '320 g', '5%').
MEASURED = re.compile(
    r"\d[\d,.]*\s*(?:mm|cm|m|μm|um|g|kg|lbs?|oz|ml|l|w|v|a|mah|°c|°f|k|lm|%|pcs|pieces|cartons|units)(?![a-z])",
    re.IGNORECASE,
)


@lru_cache(maxsize=1)
def _out_of_scope() -> tuple[dict[str, list[re.Pattern[str]]], list[re.Pattern[str]], dict[str, str]]:
    data = load_data("out_of_scope.json")
    patterns = {kind: [phrase_to_pattern(p) for p in phrases] for kind, phrases in data["phrases"].items()}
    return patterns, [phrase_to_pattern(p) for p in data["objective_cues"]], data["categories"]


def complaint_out_of_scope(text: str) -> tuple[str, str] | None:
    """Given a complaint, return (kind, matched phrase) when it is of a kind not covered, else None."""
    patterns, objective, _ = _out_of_scope()
    for kind in ("ip", "approved-sample"):
        for pattern in patterns.get(kind, []):
            if match := pattern.search(text):
                return kind, match.group(0)
    # A figure or an objective defect makes the complaint measurable, however it is worded.
    if MEASURED.search(text) or any(p.search(text) for p in objective):
        return None
    for pattern in patterns.get("subjective", []):
        if match := pattern.search(text):
            return "subjective", match.group(0)
    return None


def scope_category(kind: str) -> str:
    """Given a kind complaint_out_of_scope returns, return how a report describes it."""
    return _out_of_scope()[2].get(kind, kind)
