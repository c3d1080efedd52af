"""Phrase cues in chat text: sentences, clauses, negation, questions and rules.

Chat messages are short, informal and bilingual, so a cue only counts where it
is meant: in a sentence that is not a question (when the rule says so), with no
negation just before it in its clause ("we don't accept", "不同意"), and with no
veto word (a hedge such as "try" or a condition such as "if") around it. The
phrase syntax and the rule shapes are described at the top of
data/message_events.json; evidence.phrases compiles the phrases, this module applies them.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from datetime import date, timedelta
from functools import cached_property, lru_cache
from typing import Any

from evidence.normalize import fold_width
from evidence.normalize.dates import find_dates, month_names
from evidence.phrases import (
    CueList,
    alternation,
    anchor_text,
    compile_cues,
    cue_alternation,
    cue_regex,
    flatten,
    literal_alternation,
)
from evidence.reference_data import load_data

DATA_FILE = "message_events.json"
#: A line at least this long that ends without punctuation was wrapped by a mailer:
#: it runs on into the next line.
WRAPPED_LINE = 50
#: How far back a negation reaches: words for Latin text, characters for Chinese.
NEGATION_WORDS, NEGATION_CHARS = 4, 3
#: A date without a year is read in the year that puts it closest to the message:
#: up to this many days before the message, otherwise after it.
YEARLESS_PAST_DAYS = 120
#: Only this many characters of a message are analysed (cues, sentences, dates). Chat
#: messages are short; a longer one is a pasted document or a hostile file, and every cue
#: match looks back into its clause, so an unbounded message costs time out of all
#: proportion. Quotes still come from the message as written.
MAX_MESSAGE_CHARS = 10_000
#: How far back (characters) `negated` reads before a cue: its 4 words and any
#: exception phrase around them lie well inside this in any real sentence, and a
#: bounded window keeps a sentence with many cues linear.
NEGATION_WINDOW = 400
_TERMINAL = ".!?"
_CJK_TERMINAL = "。！？；;"
_CLAUSE_BREAK = re.compile(
    r",(?!\d)|[，、:：()（）]|\s-\s|\b(?:but|however|although|though|whereas|otherwise)\b|但是|可是|不过|但",
    re.IGNORECASE,
)
_WORD = re.compile(r"[A-Za-z']+")

# ---------------------------------------------------------------- phrases
# The cue syntax ('crack*', 're:...') is compiled by evidence.phrases (`cue_regex`, `compile_cues`).

#: How many texts a CuePattern remembers which of its cues they may hold: a message is
#: matched sentence by sentence, and each sentence would otherwise ask again.
_PRESENT_MEMO = 64


def cue_anchor(phrase: str) -> str:
    """Given a cue, return the text its every match begins with, as `anchor_text` folds it ('' if none).

    A raw regex ('re:...') has none. Otherwise it is the cue's first word without its
    '*' ending, cut before the first character the regex may take for another one
    (an accented letter also matches the plain letter, a cased non-ASCII letter its
    other cases), so that a text without it cannot hold the cue.
    """
    words = phrase.split()
    if phrase.startswith("re:") or not words:
        return ""
    first = words[0].removesuffix("*")
    kept = ""
    for char in first:
        if not (char.isascii() or (ord(char) >= 0x250 and char.lower() == char == char.upper())):
            break
        kept += char
    return kept.lower()


class CuePattern:
    """A cue list that finds what its one alternation (`compile_cues`) finds, at a fraction of the cost.

    The alternation makes the regex engine try every cue at every character of a
    message: a microsecond or more a character for the long lists. Here each cue
    has its own pattern and its anchor (`cue_anchor`), and a text is searched only
    with the cues whose anchor it holds (and the raw regexes, which have none). The
    matches are the alternation's: the leftmost first, and where several cues match
    at one place the one listed first, as the alternation would take it.
    """

    def __init__(self, phrases: list[str]) -> None:
        self.phrases = tuple(phrases)
        # Each cue is compiled the first time a text holds its anchor: the data files list thousands.
        self._compiled: dict[int, re.Pattern[str]] = {}
        by_anchor: dict[str, list[int]] = {}
        for index, phrase in enumerate(phrases):
            by_anchor.setdefault(cue_anchor(phrase), []).append(index)
        self._by_anchor = {anchor: tuple(found) for anchor, found in by_anchor.items()}
        self._present = lru_cache(maxsize=_PRESENT_MEMO)(self._patterns_in)

    def _patterns_in(self, text: str) -> tuple[re.Pattern[str], ...]:
        """Given a text, return the patterns of the cues it may hold, in the list's order."""
        folded = anchor_text(text)
        found = sorted(index for anchor, indices in self._by_anchor.items() if anchor in folded for index in indices)
        return tuple(self.pattern(index) for index in found)

    def pattern(self, index: int) -> re.Pattern[str]:
        """Return cue `index`'s own pattern, compiled on first use."""
        compiled = self._compiled.get(index)
        if compiled is None:
            compiled = self._compiled[index] = re.compile(f"(?:{cue_regex(self.phrases[index])})", re.IGNORECASE)
        return compiled

    @cached_property
    def alternation(self) -> re.Pattern[str]:
        """Return the cues as one alternation, as `compile_cues` compiles them."""
        pattern = compile_cues(list(self.phrases))
        assert pattern is not None, "a CuePattern has cues"
        return pattern

    def search(self, text: str, pos: int = 0, endpos: int | None = None) -> re.Match[str] | None:
        """Given text (and a span of it), return the alternation's first match, or None."""
        end = len(text) if endpos is None else endpos
        return _leftmost([pattern.search(text, pos, end) for pattern in self._present(text)])

    def finditer(self, text: str, pos: int = 0, endpos: int | None = None) -> list[re.Match[str]]:
        """Given text (and a span of it), return the alternation's matches, in order, none overlapping."""
        end = len(text) if endpos is None else endpos
        patterns = self._present(text)
        upcoming = [pattern.search(text, pos, end) for pattern in patterns]
        found = []
        while (nearest := _leftmost(upcoming)) is not None:
            if nearest.start() == nearest.end():
                # Only a raw regex matches nothing; after an empty match the engine has its own
                # rules for where to look next, so let it walk the alternation itself.
                return list(self.alternation.finditer(text, pos, end))
            found.append(nearest)
            # A cue's match at a place does not depend on where the search began (a look-behind
            # still sees what lies before), so only the matches now overlapped are searched again.
            resume = nearest.end()
            upcoming = [
                match if match is None or match.start() >= resume else pattern.search(text, resume, end)
                for pattern, match in zip(patterns, upcoming)
            ]
        return found


def _leftmost(matches: list[re.Match[str] | None]) -> re.Match[str] | None:
    """Given each cue's next match (in the list's order), return the one the alternation takes."""
    chosen = None
    for match in matches:
        if match is not None and (chosen is None or match.start() < chosen.start()):
            chosen = match
    return chosen


def compile_cue_list(phrases: CueList | None) -> CuePattern | None:
    """Given chat cues, return them as a CuePattern, or None if there are none (as `compile_cues` does)."""
    found = flatten(phrases)
    return CuePattern(found) if found else None


def mask(text: str, pattern: CuePattern | None) -> str:
    """Given text, return it with every match of `pattern` blanked out (same length)."""
    if pattern is None:
        return text
    pieces, done = [], 0
    for match in pattern.finditer(text):
        pieces += [text[done : match.start()], " " * (match.end() - match.start())]
        done = match.end()
    return "".join(pieces) + text[done:]


@lru_cache(maxsize=1)
def event_data() -> dict[str, Any]:
    """Return data/message_events.json."""
    data: dict[str, Any] = load_data(DATA_FILE)
    return data


@lru_cache(maxsize=1)
def _not_words() -> CuePattern | None:
    return compile_cue_list(event_data()["not_words"]["patterns"])


@lru_cache(maxsize=1)
def _polite() -> CuePattern | None:
    return compile_cue_list(event_data()["polite"])


@lru_cache(maxsize=1)
def _relative_dates() -> CuePattern | None:
    return compile_cue_list(event_data()["relative_dates"])


# ---------------------------------------------------------------- sentences


@dataclass(frozen=True)
class Sentence:
    """A sentence of a message: its span in the message text, its clauses, and if it asks."""

    start: int
    end: int
    clauses: tuple[tuple[int, int], ...]
    question: bool

    def clause_at(self, position: int) -> tuple[int, int]:
        for start, end in self.clauses:
            if start <= position < end:
                return start, end
        return self.start, self.end


@dataclass(frozen=True)
class Text:
    """A message prepared for matching: the original, its folded form and its sentences."""

    original: str
    folded: str
    sentences: tuple[Sentence, ...]

    @classmethod
    def of(cls, text: str) -> Text:
        """Given a message, return it prepared; only its first MAX_MESSAGE_CHARS are analysed."""
        folded = mask(mask(fold_width(text[:MAX_MESSAGE_CHARS]), _not_words()), _polite())
        return cls(text, folded, tuple(split_sentences(folded)))

    @property
    def cut(self) -> bool:
        """True if the message is longer than what was analysed of it."""
        return len(self.original) > MAX_MESSAGE_CHARS

    def quote(self, sentence: Sentence) -> str:
        return " ".join(self.original[sentence.start : sentence.end].split())


def split_sentences(folded: str) -> list[Sentence]:
    """Given folded message text, return its sentences (wrapped e-mail lines joined)."""
    found = []
    for block_start, block_end in _blocks(folded):
        for start, end in _terminated(folded, block_start, block_end):
            start, end = _trimmed(folded, start, end)
            if start < end:
                found.append(Sentence(start, end, _clauses(folded, start, end), _is_question(folded[start:end])))
    return found


def _blocks(text: str) -> Iterator[tuple[int, int]]:
    """Yield spans of lines that belong together: a wrapped line runs on into the next."""
    start = position = 0
    for line in text.split("\n"):
        end = position + len(line)
        stripped = line.strip()
        wrapped = len(stripped) >= WRAPPED_LINE and stripped[-1] not in _TERMINAL + _CJK_TERMINAL + ":："
        if not wrapped:
            yield start, end
            start = end + 1
        position = end + 1
    if start < len(text):
        yield start, len(text)


def _terminated(text: str, start: int, end: int) -> Iterator[tuple[int, int]]:
    """Yield the spans of [start, end) cut after sentence-ending punctuation."""
    begin = start
    for index in range(start, end):
        char = text[index]
        following = text[index + 1] if index + 1 < end else " "
        if char in _CJK_TERMINAL or (char in _TERMINAL and (following.isspace() or following in "\"')")):
            yield begin, index + 1
            begin = index + 1
    yield begin, end


def _trimmed(text: str, start: int, end: int) -> tuple[int, int]:
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    return start, end


def _clauses(text: str, start: int, end: int) -> tuple[tuple[int, int], ...]:
    cuts = [start] + [start + m.start() for m in _CLAUSE_BREAK.finditer(text[start:end])] + [end]
    return tuple((a, b) for a, b in zip(cuts, cuts[1:]) if b > a)


def _is_question(sentence: str) -> bool:
    questions = event_data()["questions"]
    core = sentence.rstrip(" .!~。！…\"')")
    if core.endswith(tuple(questions["endings"])):
        return True
    return _question_openers().match(sentence) is not None


@lru_cache(maxsize=1)
def _question_openers() -> re.Pattern[str]:
    return re.compile(rf"^\W*{cue_alternation(event_data()['questions']['openers'])}", re.IGNORECASE)


# ---------------------------------------------------------------- negation


@lru_cache(maxsize=1)
def _negation() -> tuple[re.Pattern[str], re.Pattern[str], CuePattern | None]:
    data = event_data()["negation"]
    # A word ending in n't is matched from its first letter only (the look-behind): no rescan of a long token.
    english = re.compile(cue_alternation(data["en"]) + r"|(?<!\w)\w+n't\b", re.IGNORECASE)
    chinese = re.compile(alternation(data["zh"], "exact", "none", longest_first=False))
    return english, chinese, compile_cue_list(data["exceptions"])


def without_exceptions(text: str) -> str:
    """Given text, return it with phrases that only look negative ("no problem", "对不起") blanked out."""
    return mask(text, _negation()[2])


def negated(text: str, clause_start: int, position: int) -> bool:
    """Given text, the start of a cue's clause and the cue's position, return True if it is negated."""
    english, chinese, exceptions = _negation()
    before = mask(text[max(clause_start, position - NEGATION_WINDOW) : position], exceptions)
    words = " ".join(_WORD.findall(before)[-NEGATION_WORDS:])
    if english.search(words):
        return True
    return chinese.search(before.rstrip()[-NEGATION_CHARS:]) is not None


# ---------------------------------------------------------------- rules


@dataclass(frozen=True)
class Rule:
    """One way a cue fires: any phrase of one list, or one phrase of each of several lists."""

    groups: tuple[CuePattern, ...]
    every: bool
    veto: CuePattern | None = None
    needs_date: bool = False
    requires_prior: str | None = None
    veto_message: bool = False
    #: Phrases that cancel the rule anywhere in the sentence of its match, whatever the scope of `veto`.
    sentence_veto: CuePattern | None = None


@dataclass(frozen=True)
class CueSet:
    """A named set of rules with how to read them: an event kind or a topic."""

    name: str
    rules: tuple[Rule, ...]
    actor: str = "any"
    exclude: CuePattern | None = None
    negatable: bool = True
    questions: bool = True


def rule_from_data(data: dict[str, Any]) -> Rule:
    """Given a rule from the data file, return it compiled."""
    lists = data["all"] if "all" in data else [data["any"]]
    groups = tuple(p for p in (compile_cue_list(items) for items in lists) if p is not None)
    return Rule(
        groups=groups,
        every="all" in data,
        veto=compile_cue_list(data.get("veto")),
        needs_date=bool(data.get("needs_date")),
        requires_prior=data.get("requires_prior"),
        veto_message=data.get("veto_scope") == "message",
        sentence_veto=compile_cue_list(data.get("sentence_veto")),
    )


def cue_set_from_data(name: str, data: dict[str, Any] | list[Any]) -> CueSet:
    """Given a kind (an object with rules and options) or a topic (a list of rules), return a CueSet."""
    if isinstance(data, list):
        return CueSet(name, tuple(rule_from_data(rule) for rule in data))
    return CueSet(
        name=name,
        rules=tuple(rule_from_data(rule) for rule in data["rules"]),
        actor=data.get("actor", "any"),
        exclude=compile_cue_list(data.get("exclude")),
        negatable=data.get("negatable", True),
        questions=data.get("questions", True),
    )


@lru_cache(maxsize=1)
def kinds() -> tuple[CueSet, ...]:
    """Return the event kinds of the data file, in its order."""
    return tuple(cue_set_from_data(name, data) for name, data in event_data()["kinds"].items())


@lru_cache(maxsize=1)
def topics() -> dict[str, CueSet]:
    """Return the topics a proposal can be about (for replies that only say 'ok')."""
    data = event_data()["topics"]
    return {name: cue_set_from_data(name, rules) for name, rules in data.items() if not name.startswith("_")}


def matching_sentences(cues: CueSet, text: Text, prior: frozenset[str] = frozenset()) -> list[Sentence]:
    """Given cues and a message, return the sentences where one of the rules fires.

    `prior` holds the event kinds already seen earlier in the conversation (for
    rules that need one).
    """
    masked = mask(text.folded, cues.exclude)
    found = []
    for sentence in text.sentences:
        if sentence.question and not cues.questions:
            continue
        if any(_rule_fires(rule, cues, masked, sentence, prior) for rule in cues.rules):
            found.append(sentence)
    return found


def _rule_fires(rule: Rule, cues: CueSet, masked: str, sentence: Sentence, prior: frozenset[str]) -> bool:
    if rule.requires_prior and rule.requires_prior not in prior:
        return False
    if rule.needs_date and not has_date(masked[sentence.start : sentence.end]):
        return False
    if rule.veto is not None and rule.veto_message and rule.veto.search(masked):
        return False
    if rule.sentence_veto is not None and rule.sentence_veto.search(masked[sentence.start : sentence.end]):
        return False
    if rule.every:
        if not all(_live_matches(group, cues, masked, sentence) for group in rule.groups):
            return False
        return rule.veto is None or rule.veto.search(masked[sentence.start : sentence.end]) is None
    for match_start in _live_matches(rule.groups[0], cues, masked, sentence):
        clause_start, clause_end = sentence.clause_at(match_start)
        if rule.veto is None or rule.veto.search(masked[clause_start:clause_end]) is None:
            return True
    return False


def _live_matches(pattern: CuePattern, cues: CueSet, masked: str, sentence: Sentence) -> list[int]:
    """Return the start of each match of `pattern` in the sentence that is not negated."""
    starts = []
    for match in pattern.finditer(masked, sentence.start, sentence.end):
        if not match.group(0).strip():
            continue
        clause_start, _ = sentence.clause_at(match.start())
        if cues.negatable and negated(masked, clause_start, match.start()):
            continue
        starts.append(match.start())
    return starts


def any_phrase(pattern: CuePattern | None, texts: Iterable[str]) -> bool:
    """Given a pattern and texts, return True if it matches one of them."""
    return pattern is not None and any(pattern.search(text) for text in texts)


# ---------------------------------------------------------------- dates


@lru_cache(maxsize=1)
def _yearless_patterns() -> tuple[re.Pattern[str], ...]:
    names = literal_alternation(month_names())
    return (
        re.compile(rf"(?<![A-Za-z0-9])(?P<d>\d{{1,2}})(?:st|nd|rd|th)?\s*(?:of\s+)?(?P<mon>{names})\b\.?", re.I),
        re.compile(rf"(?<![A-Za-z])(?P<mon>{names})\.?\s*(?P<d>\d{{1,2}})(?:st|nd|rd|th)?(?![0-9])", re.I),
        re.compile(r"(?<![0-9年])(?P<m>\d{1,2})\s*月\s*(?P<d>\d{1,2})\s*[日号]"),
    )


def has_date(text: str) -> bool:
    """Given text, return True if it names a day: a calendar date (with or without a year) or "next Monday"."""
    if find_dates(text) or any(p.search(text) for p in _yearless_patterns()):
        return True
    relative = _relative_dates()
    return relative is not None and relative.search(text) is not None


def dates_in(text: str, sent: date | None, order: str | None = None) -> list[date]:
    """Given text and the day it was written, return the dates it names, in order.

    Full dates are read by `find_dates`; a date without a year ("10 Oct",
    "Oct 10", "10月20日") takes the year that puts it at most
    YEARLESS_PAST_DAYS before the message, else the next one.
    """
    found: list[tuple[int, date]] = []
    blanked = text
    for match in find_dates(text, order):
        if match.value is not None and not match.ambiguous:
            found.append((match.start, match.value))
        blanked = blanked[: match.start] + " " * (match.end - match.start) + blanked[match.end :]
    if sent is not None:
        found.extend(_yearless_dates(blanked, sent))
    return [value for _, value in sorted(found)]


def _yearless_dates(text: str, sent: date) -> Iterator[tuple[int, date]]:
    months = month_names()
    for pattern in _yearless_patterns():
        for match in pattern.finditer(text):
            groups = match.groupdict()
            month = months.get(groups["mon"].lower()) if groups.get("mon") else int(groups["m"])
            value = _nearest_year(int(match["d"]), month, sent) if month else None
            if value is not None:
                yield match.start(), value


def _nearest_year(day: int, month: int, sent: date) -> date | None:
    for year in (sent.year, sent.year + 1):
        found = find_dates(f"{year}-{month:02d}-{day:02d}")
        if not found or found[0].value is None:
            return None
        if found[0].value >= sent - timedelta(days=YEARLESS_PAST_DAYS):
            return found[0].value
    return None
