"""Which sender of a conversation is the buyer and which the supplier.

Exports name people, not parties, so the side is read from what each sender
writes and is called: the supplier sends the PI and bank details, speaks of
"our factory" and ships; the buyer pays, receives and complains. Display names
help ("Zhou Xiaoyang (Ningbo Haoyu Drinkware)", a Chinese name, a .cn
address). The cues live in data/message_roles.json.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass
from functools import lru_cache
from typing import Any

from evidence.extract.conversation.cues import (
    MAX_MESSAGE_CHARS,
    CuePattern,
    compile_cue_list,
)
from evidence.normalize import fold_width
from evidence.reference_data import load_data

DATA_FILE = "message_roles.json"
SIDES = ("supplier", "buyer")
NAME_POINTS = 2
_ADDRESS = re.compile(r"<?([\w.+-]+@([\w-]+(?:\.[\w-]+)+))>?")
_CJK = re.compile(r"[\u4e00-\u9fff]")


@dataclass(frozen=True)
class _Side:
    phrases: CuePattern | None
    names: CuePattern | None
    domains: CuePattern | None


@lru_cache(maxsize=1)
def _data() -> dict[str, Any]:
    data: dict[str, Any] = load_data(DATA_FILE)
    return data


@lru_cache(maxsize=1)
def _sides() -> dict[str, _Side]:
    data = _data()
    return {
        side: _Side(
            compile_cue_list(data[side]["phrases"]),
            compile_cue_list(data[side]["names"]),
            compile_cue_list(data[side]["domains"]),
        )
        for side in SIDES
    }


def split_address(sender: str) -> tuple[str, str | None]:
    """Given 'Kevin Chen <kevin@x.example>', return ('Kevin Chen', 'kevin@x.example')."""
    found = _ADDRESS.search(sender)
    if found is None:
        return sender.strip(), None
    name = (sender[: found.start()] + sender[found.end() :]).strip().strip('"').strip()
    return name or found.group(1), found.group(1)


def sender_scores(texts_by_sender: dict[str, list[str]]) -> dict[str, Counter[str]]:
    """Given each sender's message texts, return their points for each side."""
    return {sender: _score(sender, texts) for sender, texts in texts_by_sender.items()}


def _score(sender: str, texts: Iterable[str]) -> Counter[str]:
    points: Counter[str] = Counter()
    name, address = split_address(fold_width(sender))
    # Each text is folded once, and only the part of it a message is analysed for (MAX_MESSAGE_CHARS).
    folded = [fold_width(text[:MAX_MESSAGE_CHARS]) for text in texts]
    for side, cues in _sides().items():
        points[side] += sum(1 for text in folded if cues.phrases and cues.phrases.search(text))
        if cues.names is not None and cues.names.search(name):
            points[side] += NAME_POINTS
        if address and cues.domains is not None and cues.domains.search(address.split("@")[-1]):
            points[side] += NAME_POINTS
    if _CJK.search(name):
        points["supplier"] += int(_data().get("cjk_name_points", 0))
    return points


def assign_roles(texts_by_sender: dict[str, list[str]]) -> dict[str, str]:
    """Given each sender's message texts, return sender -> 'buyer' | 'supplier' for those that are clear.

    With two senders the one leaning more to the supplier side is the supplier
    and the other the buyer (when they lean differently at all); with one or
    more than two, each sender whose lean reaches `min_margin` gets that side.
    """
    scores = sender_scores(texts_by_sender)
    lean = {sender: points["supplier"] - points["buyer"] for sender, points in scores.items()}
    if len(lean) == 2:
        (first, a), (second, b) = lean.items()
        if a == b:
            return {}
        supplier, buyer = (first, second) if a > b else (second, first)
        return {supplier: "supplier", buyer: "buyer"}
    margin = int(_data().get("min_margin", 1))
    return {sender: ("supplier" if value > 0 else "buyer") for sender, value in lean.items() if abs(value) >= margin}


def other_side(roles: dict[str, str], senders: Iterable[str]) -> dict[str, str]:
    """Given known roles and all parties, return roles with a lone unknown party set opposite the only known side."""
    everyone = list(dict.fromkeys(senders))
    unknown = [s for s in everyone if s not in roles]
    known = set(roles.values())
    if len(unknown) == 1 and len(known) == 1:
        return {**roles, unknown[0]: "buyer" if known == {"supplier"} else "supplier"}
    return roles
