"""Phrase lists from data files, compiled to patterns that forgive layout differences.

The one place a phrase becomes a regex. `phrase_regex` does it for one phrase,
with two choices: how the gap between words may be written (`Gap`) and where a
Latin phrase must not touch a letter or digit (`Edges`). The rest are the
combinations the code needs, each named for where it is used:

- `phrase_to_pattern`, `phrases_pattern`, `find_named`, `PhraseList`: labels,
  titles and names in PDF text (layout gaps, whole words, acronyms as written);
- `phrase_alternation`, `compile_phrases`: vocabulary inside sentences (blank or
  hyphen gaps, edges where the phrase ends in a letter or digit);
- `literal_alternation`: words as written (month names, codes, titles);
- `marker_alternation`: chat-export markers (any blanks, no edges);
- `cue_alternation`, `compile_cues`: the cue syntax of message_events.json.

Alternations put the longest phrase first (cues excepted), since the regex
engine takes the first alternative that matches.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from functools import lru_cache, wraps
from itertools import groupby
from typing import Any, Literal, TypeVar

_Item = TypeVar("_Item")

#: How the gap between two words of a phrase may be written in the text:
#:
#: - "layout": any run of blanks, hyphens and full stops, or nothing at all, and a
#:   phrase ending in "." may drop it. PDF text and labels come with their layout
#:   mangled: 'pro forma invoice' must find 'PRO-FORMA  INVOICE' and 'PROFORMA INVOICE',
#:   'invoice no.' must find 'Invoice No'.
#: - "hyphen": a run of blanks or one hyphen, never nothing: 'high quality' finds
#:   'high-quality', but 'lead time' must not find 'leadtime' inside a longer word.
#: - "blank": a run of blanks, as people type in chat and in data ('new account').
#: - "any_blank": any blanks or none: chat exports put NBSP or U+202F or nothing
#:   inside markers ('a. m.', 'a.m.').
#: - "exact": the phrase as written, a single space for a space (month names, titles).
Gap = Literal["layout", "hyphen", "blank", "any_blank", "exact"]
_JOINS = {"layout": r"[\s\-.]*", "hyphen": r"[\s\-]+", "blank": r"\s+", "any_blank": r"\s*"}

#: Where a phrase must not touch a letter or digit (only Latin phrases; Chinese has no spaces between words):
#:
#: - "always": on both sides of every ASCII phrase, whatever it starts or ends with:
#:   'pi' must not match 'shipping', and a label ending in a symbol ('p/o #') must
#:   still not run into a word.
#: - "word": on a side only where the phrase ends in a letter or digit there, so
#:   'no.' still matches before a figure ('no.123') and '#' is not held to words.
#: - "none": anywhere, for markers that sit glued to digits ('10:15am').
Edges = Literal["always", "word", "none"]
_BEFORE, _AFTER = r"(?<![A-Za-z0-9])", r"(?![A-Za-z0-9])"


@lru_cache(maxsize=None)
def phrase_anchor(phrase: str) -> str:
    """The phrase's first word, lower-cased: a lower-cased text without it cannot match its pattern.

    Checking `anchor in text.lower()` first skips most of a long phrase list at the
    cost of one substring test each, instead of a regex search each.
    """
    parts = [part for part in re.split(r"[\s\-.]+", phrase.strip().lower()) if part]
    first = parts[0] if parts else ""
    # The letters before the first accented one: 'reçu' is also written (and read by OCR) 'recu'.
    return next((first[:index] for index, char in enumerate(first) if _plain_letter(char) != char), first)


#: Characters other than an ASCII letter's own two cases that a case-blind regex takes for it:
#: dotted and dotless I, the long s and the Kelvin sign. `anchor_text` folds them to the letter.
_CASE_TWINS = str.maketrans({"\u0130": "i", "\u0131": "i", "\u017f": "s", "\u212a": "k"})


def anchor_text(text: str) -> str:
    """Given text, return it folded so that an anchor is in it wherever a case-blind pattern could match."""
    return text.translate(_CASE_TWINS).lower()


def phrase_regex(phrase: str, gap: Gap = "layout", edges: Edges = "always", wildcards: bool = False) -> str:
    """Given a phrase and how to forgive its spacing and where it may touch words, return its regex.

    With `wildcards`, a word ending in '*' matches any ending ('crack*' finds
    'cracked', 'crack-free'): the chat cue lists use it for inflections.
    """
    return "".join(_phrase_parts(phrase, gap, edges, wildcards))


def _phrase_parts(phrase: str, gap: Gap, edges: Edges, wildcards: bool) -> tuple[str, str, str]:
    """A phrase's regex in three parts: the edge before it ('' for none), its body, the edge after it."""
    if gap == "exact":
        body = re.escape(phrase)
    elif gap == "layout":
        body = _JOINS[gap].join(_accents_optional(re.escape(part)) for part in re.split(r"[\s\-.]+", phrase.strip())
                                if part)
        if phrase.rstrip().endswith("."):
            body += r"\.?"
    else:
        body = _JOINS[gap].join(_accents_optional(_word_regex(word, wildcards)) for word in phrase.split())
    if edges == "none" or not phrase.isascii():
        return "", body, ""
    if edges == "always":
        return _BEFORE, body, _AFTER
    head = _BEFORE if phrase[0].isalnum() else ""
    tail = _AFTER if phrase[-1].isalnum() else ""
    return head, body, tail


def _either(parts: Iterable[tuple[str, str, str]]) -> str:
    """Given alternatives as (edge before, body, edge after), in order, return them joined with '|'.

    Neighbours with the same edges share them: 'E(?:a|b)F' matches what 'EaF|EbF' matches,
    trying the same things in the same order (an edge is tested at the same place either
    way, and the engine backtracks into the group as it would go on to the next
    alternative), but it is two look-arounds to compile instead of one pair per phrase.
    Compiling the look-arounds was most of the cost of compiling a long phrase list.
    """
    joined = []
    for (head, tail), run in groupby(parts, key=lambda part: (part[0], part[2])):
        bodies = [body for _, body, _ in run]
        joined.append(f"{head}(?:{'|'.join(bodies)}){tail}" if len(bodies) > 1 else f"{head}{bodies[0]}{tail}")
    return "|".join(f"(?:{alternative})" for alternative in joined)


def _accents_optional(pattern: str) -> str:
    """Each accented Latin letter of a pattern also matches its plain letter ('reçu' finds 'recu'):
    documents typed on an English keyboard, and OCR, often drop accents."""
    return "".join(f"[{char}{plain}]" if (plain := _plain_letter(char)) != char else char for char in pattern)


def without_accents(text: str) -> str:
    """The text with each accented Latin letter made plain ('Reçu' -> 'Recu')."""
    return "".join(_plain_letter(char) for char in text)


def _plain_letter(char: str) -> str:
    """The letter without its accent ('ç' -> 'c'), or the character itself."""
    if char.isascii() or not char.isalpha() or ord(char) >= 0x250:
        return char
    base = unicodedata.normalize("NFKD", char)[0]
    return base if base.isascii() and base.isalpha() else char


def _word_regex(word: str, wildcards: bool) -> str:
    if wildcards and word.endswith("*"):
        return re.escape(word[:-1]) + r"[\w'-]*"
    return re.escape(word)


def alternation(
    phrases: Iterable[str],
    gap: Gap = "layout",
    edges: Edges = "always",
    longest_first: bool = True,
    wildcards: bool = False,
) -> str:
    """Given phrases, return one group matching any of them: '(?:a|b)'.

    Longest first, because the regex engine takes the first alternative that
    matches: 'invoice' before 'invoice no.' would leave 'no.' behind. Repeated
    phrases are listed once; equal lengths keep their order.
    """
    unique = list(dict.fromkeys(phrases))
    if longest_first:
        unique.sort(key=len, reverse=True)
    return "(?:" + _either(_phrase_parts(p, gap, edges, wildcards) for p in unique) + ")"


def phrase_alternation(phrases: Iterable[str]) -> str:
    """Given phrases of a data list, return their alternation: blanks or a hyphen between words, Latin ones on word edges.

    The forgiving used for vocabulary inside sentences (lead-time words, units,
    spec attributes), where a phrase must not be found inside a longer word.
    """
    return alternation(phrases, "hyphen", "word")


def literal_alternation(words: Iterable[str]) -> str:
    """Given words (month names, titles, codes), return their alternation as written, longest first, no edges.

    Callers put their own edges around the group, as the words sit in larger patterns.
    """
    return alternation(words, "exact", "none")


def marker_alternation(words: Iterable[str]) -> str:
    """Given chat-export marker words ('a. m.', '上午', 'at'), return their alternation, longest first.

    Any blanks or none between words, since exports write NBSP, U+202F or nothing
    there; no edges, since markers sit glued to figures ('10:15am', '2566 พ.ศ.').
    """
    return alternation(words, "any_blank", "none")


@lru_cache(maxsize=None)
def compile_phrases(phrases: tuple[str, ...]) -> re.Pattern[str]:
    """Given phrases, return `phrase_alternation` compiled, case-insensitive."""
    return re.compile(phrase_alternation(phrases), re.IGNORECASE)


@lru_cache(maxsize=None)
def phrase_to_pattern(phrase: str) -> re.Pattern[str]:
    """Given 'pro forma invoice', return a pattern also matching 'PRO-FORMA  INVOICE' or 'PROFORMA INVOICE'.

    Layout gaps, whole words for Latin phrases, any case: for labels and titles read from PDFs.
    """
    return re.compile(phrase_regex(phrase, "layout", "always"), re.IGNORECASE)


@lru_cache(maxsize=None)
def phrases_pattern(phrases: tuple[str, ...], acronyms: tuple[str, ...] = ()) -> re.Pattern[str] | None:
    """Given phrases (any case, layout gaps) and acronyms (as written), return one pattern, or None if none.

    Acronyms keep their case: 'ONE' is a carrier, 'one' is a word.
    """
    parts = [_phrase_parts(p, "layout", "always", False) for p in sorted(phrases, key=len, reverse=True)]
    parts += [(_BEFORE, f"(?-i:{re.escape(a)})", _AFTER) for a in acronyms]
    if not parts:
        return None
    return re.compile(_either(parts), re.IGNORECASE)


def required_phrases_pattern(phrases: tuple[str, ...]) -> re.Pattern[str]:
    """Given phrases a data file must list, return their `phrases_pattern` (an empty list is a broken data file)."""
    pattern = phrases_pattern(phrases)
    assert pattern is not None, "a data file lists no phrases where some are required"
    return pattern


#: Names this short match only through their acronyms.
SHORT_NAME = 5


@dataclass(frozen=True)
class Named:
    """A known company or term found in text: its canonical name and where."""

    name: str
    text: str
    start: int


def find_named(text: str, entries: Iterable[dict[str, Any]]) -> list[Named]:
    """Given text and data entries ({name, aliases, acronyms}), return the entries it names, leftmost first.

    A short name ('ONE', 'UL') matches only through its acronyms, as written:
    'One original Bill of Lading' names no carrier.
    """
    found = []
    for entry in entries:
        name = entry["name"]
        names = [name] if len(name) > SHORT_NAME or not name.isalpha() else []
        pattern = phrases_pattern(tuple([*names, *entry.get("aliases", [])]), tuple(entry.get("acronyms", [])))
        match = pattern.search(text) if pattern is not None else None
        if match is not None:
            found.append(Named(entry["name"], match.group(0), match.start()))
    return sorted(found, key=lambda n: (n.start, -len(n.text)))


#: Cues of the chat data files: a list, or lists by language ('_about' keys are notes).
CueList = list[str] | dict[str, list[str]]


def flatten(phrases: CueList | None) -> list[str]:
    """Given a phrase list or {lang: list}, return the phrases as one list ('_about' keys skipped)."""
    if phrases is None:
        return []
    if isinstance(phrases, dict):
        return [p for key, items in phrases.items() if not key.startswith("_") for p in items]
    return list(phrases)


def cue_regex(phrase: str) -> str:
    """Given a chat cue ('crack*', 'new account', 're:...'), return its regex.

    The syntax of data/message_events.json: 're:' starts a raw regex, '*' ends a
    word with any ending, words are apart by blanks, Latin cues on word edges.
    """
    if phrase.startswith("re:"):
        return phrase[3:]
    return phrase_regex(phrase, "blank", "word", wildcards=True)


def cue_alternation(phrases: CueList | None) -> str:
    """Given chat cues, return one group matching any of them, in the order given.

    Not longest first: a raw regex cue has no length to sort by, and the data
    files list cues in the order they should be tried.
    """
    return "(?:" + "|".join(f"(?:{cue_regex(p)})" for p in flatten(phrases)) + ")"


def compile_cues(phrases: CueList | None) -> re.Pattern[str] | None:
    """Given chat cues, return `cue_alternation` compiled, case-insensitive, or None if there are none."""
    if not flatten(phrases):
        return None
    return re.compile(cue_alternation(phrases), re.IGNORECASE)


@dataclass(frozen=True)
class PhraseMatch:
    """One occurrence of a phrase of a PhraseList: the tag given with the phrase, and where it is."""

    tag: Any
    text: str
    start: int
    end: int


class PhraseList:
    """Tagged phrases, longest first, found in a text without overlaps: a longer phrase hides those inside it.

    Each phrase is tried only when the text holds its anchor (its first word), and
    each anchor is tested once for all the phrases that share it ('invoice no.',
    'invoice date'), so a line costs a few substring tests, not a regex per phrase.
    A phrase's pattern is compiled the first time its anchor is seen: the label
    list holds a thousand phrases in many languages, and a bundle meets a fraction.
    """

    def __init__(self, tagged: Iterable[tuple[Any, str]]) -> None:
        ordered = sorted(tagged, key=lambda item: -len(item[1]))
        self.tags = tuple(tag for tag, _ in ordered)
        self.phrases = tuple(text for _, text in ordered)
        positions: dict[str, list[int]] = {}
        for position, (_, text) in enumerate(ordered):
            positions.setdefault(phrase_anchor(text), []).append(position)
        self._by_anchor = {anchor: tuple(found) for anchor, found in positions.items()}

    def find(self, text: str, keep: Callable[[str, int, int], bool] | None = None) -> list[PhraseMatch]:
        """Given a text, return the occurrences, longest phrase first; `keep` may veto one by its span."""
        folded = anchor_text(text)
        present = sorted(p for anchor, found in self._by_anchor.items() if anchor in folded for p in found)
        taken: list[tuple[int, int]] = []
        matches: list[PhraseMatch] = []
        for position in present:
            for match in phrase_to_pattern(self.phrases[position]).finditer(text):
                start, end = match.span()
                if any(start < t_end and t_start < end for t_start, t_end in taken):
                    continue
                if keep is not None and not keep(text, start, end):
                    continue
                taken.append((start, end))
                matches.append(PhraseMatch(self.tags[position], match.group(0), start, end))
        return matches


def memoized_list(finder: Callable[..., list[_Item]]) -> Callable[..., list[_Item]]:
    """Given a pure finder of hashable arguments that returns a list, return it memoized.

    Extraction asks the same questions of the same lines many times over (every
    field reader looks for labels, dates and amounts), so answers are kept, as
    tuples; each caller gets its own list, free to change. `cache_clear` empties the memo.
    """
    # Bounded: a batch reads thousands of distinct lines, and an unbounded memo would keep them all.
    remembered = lru_cache(maxsize=8192)(lambda *args, **kwargs: tuple(finder(*args, **kwargs)))

    @wraps(finder)
    def memoized(*args: Any, **kwargs: Any) -> list[_Item]:
        return list(remembered(*args, **kwargs))

    memoized.cache_clear = remembered.cache_clear  # type: ignore[attr-defined]
    return memoized
