"""Events in a buyer-supplier conversation: complaints, admissions, promises, payments, agreements.

Each message is read sentence by sentence against the event kinds of
data/message_events.json, and an event only counts from the side allowed to
say it: a promise from the supplier, an acceptance from the buyer. A short
reply such as "ok" or "同意" is read against what the other side proposed
since the replier last wrote: "ok" after "we can give 5% discount" is a
settlement, after "can we ship on Nov 5 instead?" an extension, after a
request to pay the boss's account nothing of the kind.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass, field
from datetime import date
from functools import lru_cache

from evidence.extract.conversation.cues import (
    CuePattern,
    CueSet,
    Sentence,
    Text,
    any_phrase,
    compile_cue_list,
    dates_in,
    event_data,
    has_date,
    kinds,
    matching_sentences,
    negated,
    topics,
    without_exceptions,
)
from evidence.phrases import cue_regex, flatten
from evidence.records import Message

UNKNOWN = "unknown"
#: Kinds a reply agreeing to the other side's proposal can produce.
ACCEPTANCE_KINDS = frozenset({"settlement-accepted", "extension-agreed", "spec-change-agreed", "sample-approved"})
#: Kinds whose dates are shipping dates worth keeping (date_promises, agreed_ship_dates).
DATED_KINDS = frozenset({"supplier-promise", "extension-agreed"})
OFF_PLATFORM = "off-platform"


@dataclass(frozen=True)
class Turn:
    """One message of the conversation, ready for matching, with its sender's side."""

    message: Message
    text: Text
    role: str
    sent: date | None


@dataclass(frozen=True)
class Happening:
    """An event found in a message, with the sentences it rests on and the dates they name."""

    kind: str
    turn: Turn
    sentences: tuple[Sentence, ...]
    dates: tuple[date, ...] = ()

    @property
    def actor(self) -> str:
        return self.turn.role


@dataclass
class Conversation:
    """What the messages showed so far, for rules and replies that depend on earlier messages."""

    seen: set[str] = field(default_factory=set)
    happenings: list[Happening] = field(default_factory=list)
    #: Running state, so that no message rescans the ones before it: the turns (by id) that asked
    #: for an off-platform payment, and each turn's topic from its own words once worked out.
    off_platform: set[int] = field(default_factory=set)
    topics: dict[int, str | None] = field(default_factory=dict)

    def record(self, found: list[Happening]) -> None:
        self.happenings.extend(found)
        self.seen.update(h.kind for h in found)
        self.off_platform.update(id(h.turn) for h in found if h.kind == "off-platform-payment-request")


def turns_to_happenings(turns: list[Turn], date_order: str | None) -> list[Happening]:
    """Given the conversation's turns in order, return every event they show, in order."""
    conversation = Conversation()
    for index, turn in enumerate(turns):
        found = list(_direct_events(turn, conversation, date_order))
        if not any(h.kind in ACCEPTANCE_KINDS for h in found):
            found.extend(_reply_events(turns, index, conversation, date_order))
        conversation.record(found)
    return conversation.happenings


# ---------------------------------------------------------------- direct cues


def _direct_events(turn: Turn, conversation: Conversation, date_order: str | None) -> Iterator[Happening]:
    """Yield the events a message's own words show (the kinds of the data file)."""
    prior = frozenset(conversation.seen)
    for cues in kinds():
        if not _actor_allowed(cues.actor, turn.role):
            continue
        sentences = matching_sentences(cues, turn.text, prior)
        if sentences:
            yield _happening(cues.name, turn, sentences, date_order)


def _actor_allowed(allowed: str, role: str) -> bool:
    # An unknown side may say anything: the event keeps actor "unknown" for the rules to weigh.
    return allowed == "any" or role in (allowed, UNKNOWN)


def _happening(kind: str, turn: Turn, sentences: list[Sentence], date_order: str | None) -> Happening:
    dates: tuple[date, ...] = ()
    if kind in DATED_KINDS:
        dates = tuple(ship_dates(turn, sentences, date_order))
    return Happening(kind, turn, tuple(sentences), dates)


def ship_dates(turn: Turn, sentences: list[Sentence] | tuple[Sentence, ...], date_order: str | None) -> list[date]:
    """Given sentences of a message, return the dates named where they speak of shipping.

    A clause that names both shipping and a date is read on its own, so that
    "production starts Sep 8, we ship by Oct 10" gives Oct 10 only; failing
    that, the whole sentence.
    """
    found: list[date] = []
    for sentence in sentences:
        spans = [c for c in sentence.clauses if _dated_shipping(turn, *c)] or [(sentence.start, sentence.end)]
        for start, end in spans:
            if _ship_words().search(turn.text.folded[start:end]):
                dates = dates_in(turn.text.folded[start:end], turn.sent, date_order)
                found.extend(d for d in dates if d not in found)
    return found


def _dated_shipping(turn: Turn, start: int, end: int) -> bool:
    text = turn.text.folded[start:end]
    return _ship_words().search(text) is not None and has_date(text)


@lru_cache(maxsize=1)
def _ship_words() -> CuePattern:
    pattern = compile_cue_list(event_data()["ship_words"])
    assert pattern is not None, "data/message_events.json needs ship_words"
    return pattern


# ---------------------------------------------------------------- replies


@dataclass(frozen=True)
class _Acceptance:
    """The part of the acceptance data a reply is read with."""

    assent: CuePattern | None
    tolerate: CuePattern | None
    openers: re.Pattern[str]
    acknowledgements: CuePattern | None
    rejections: CuePattern | None
    window: int
    priority: tuple[str, ...]
    topic_kinds: dict[str, str]
    supplier_may_accept: frozenset[str]
    settlement_prior: str
    remedial: CuePattern | None


@lru_cache(maxsize=1)
def _acceptance() -> _Acceptance:
    data = event_data()["acceptance"]
    openers = "|".join(_opener_regex(p) for p in flatten(data["openers"]))
    return _Acceptance(
        assent=compile_cue_list(data["assent"]),
        tolerate=compile_cue_list(data["tolerate"]),
        openers=re.compile(rf"^\W*(?:{openers})", re.IGNORECASE),
        acknowledgements=compile_cue_list(data["acknowledgements"]),
        rejections=compile_cue_list(data["rejections"]),
        window=int(data["window"]),
        priority=tuple(data["topic_priority"]),
        topic_kinds={k: v for k, v in data["topic_kinds"].items() if not k.startswith("_")},
        supplier_may_accept=frozenset(data["supplier_may_accept"]["topics"]),
        settlement_prior=data["settlement_needs"]["prior"],
        remedial=compile_cue_list(data["settlement_needs"]["remedial"]),
    )


def _opener_regex(phrase: str) -> str:
    """Given an opener ('ok', '好'), return a regex that needs it to stand alone at the start."""
    body = cue_regex(phrase)
    if phrase.isascii():
        return body
    # One Chinese character is a word only when nothing Chinese follows it ("好久" is not "好").
    return body if len(phrase) > 1 else body + r"(?![\u4e00-\u9fff])"


def _reply_events(
    turns: list[Turn], index: int, conversation: Conversation, date_order: str | None
) -> Iterator[Happening]:
    """Yield an agreement when a message accepts what the other side proposed."""
    turn = turns[index]
    strength = _acceptance_strength(turn.text)
    if strength is None:
        return
    for topic, source in _candidate_topics(turns, index, conversation, strength):
        kind = _acceptance().topic_kinds.get(topic)
        if kind is not None and _may_accept(topic, turn, source) and _grounded(topic, turn, source, conversation):
            dates = ship_dates(turn, turn.text.sentences, date_order) or ship_dates(
                source, source.text.sentences, date_order
            )
            yield Happening(kind, turn, _opening_sentences(turn), tuple(dates) if kind in DATED_KINDS else ())
            return
        if kind is None:
            return  # agreeing to a remake or to an off-platform payment is no agreement of these kinds


def _candidate_topics(
    turns: list[Turn], index: int, conversation: Conversation, strength: str
) -> list[tuple[str, Turn]]:
    """Return what the reply may be agreeing to, most likely first.

    A bare "ok" answers the other side's latest proposal; "we accept the 5%
    discount" says itself what it accepts. "Fine, we can accept it" with no
    topic at all, after a complaint, says the problem itself is acceptable.
    """
    turn = turns[index]
    own = _topic(turn, conversation)
    offer = _offer(turns, index, conversation)
    mine = [(own, turn)] if own else []
    theirs = [offer] if offer else []
    found = theirs + mine if strength == "opener" else mine + theirs
    if not found and strength == "tolerate" and _problem_tolerated(turns, index, conversation):
        found = [("settlement", turn)]
    return found


def _problem_tolerated(turns: list[Turn], index: int, conversation: Conversation) -> bool:
    """Return True if "we can accept it" can only mean the problem: the buyer complained, and
    neither the reply nor the message before it speaks of shipping or dates ("is Nov 5 acceptable?")."""
    turn = turns[index]
    if turn.role == "supplier" or "complaint" not in conversation.seen:
        return False
    nearby = [turn.text.folded] + [t.text.folded for t in turns[max(0, index - 1) : index]]
    return not any(_ship_words().search(text) or has_date(text) for text in nearby)


def _acceptance_strength(text: Text) -> str | None:
    """Given a reply, return how it agrees: 'assent', 'tolerate', 'opener' (a bare 'ok'), or None."""
    data = _acceptance()
    sentences = [without_exceptions(text.folded[s.start : s.end]) for s in text.sentences]
    if not sentences or any_phrase(data.rejections, sentences):
        return None
    first = text.sentences[0]
    if first.question:
        return None
    for name, pattern in (("tolerate", data.tolerate), ("assent", data.assent)):
        if pattern is not None and _live(pattern, text):
            return name
    opener = data.openers.match(text.folded)
    if opener is None:
        return None
    rest = text.folded[opener.end() :]
    if data.acknowledgements is not None and data.acknowledgements.search(rest):
        return None  # "ok, thanks" / "OK got the email": read, not agreed
    return "opener"


def _live(pattern: CuePattern, text: Text) -> bool:
    """Return True if `pattern` matches outside a question and without a negation before it."""
    for sentence in text.sentences:
        if sentence.question:
            continue
        for match in pattern.finditer(text.folded, sentence.start, sentence.end):
            clause_start, _ = sentence.clause_at(match.start())
            if not negated(text.folded, clause_start, match.start()):
                return True
    return False


def _topic(turn: Turn, conversation: Conversation) -> str | None:
    """Given a message, return what it proposes or speaks of, by the data's priority."""
    if id(turn) in conversation.off_platform:
        return OFF_PLATFORM
    if id(turn) not in conversation.topics:
        conversation.topics[id(turn)] = _words_topic(turn)
    return conversation.topics[id(turn)]


def _words_topic(turn: Turn) -> str | None:
    """Given a message, return the first topic of the data's priority its own words speak of."""
    found = topics()
    for name in _acceptance().priority:
        cues: CueSet | None = found.get(name)
        if cues is not None and matching_sentences(cues, turn.text):
            return name
    return None


def _offer(turns: list[Turn], index: int, conversation: Conversation) -> tuple[str, Turn] | None:
    """Return the topic of the other side's latest proposal since this sender last wrote, if any."""
    turn = turns[index]
    for earlier in reversed(turns[max(0, index - _acceptance().window) : index]):
        if earlier.message.sender == turn.message.sender:
            return None  # the replier already answered what came before
        topic = _topic(earlier, conversation)
        if topic is not None:
            return topic, earlier
    return None


def _may_accept(topic: str, turn: Turn, source: Turn) -> bool:
    """Return True if this reply may agree to this topic, proposed in `source`.

    The buyer (or an unknown side) agrees to the other side's proposals; the
    supplier only to what the buyer proposed, and only for some topics.
    """
    if source is not turn and source.role == turn.role != UNKNOWN:
        return False  # nobody agrees with themselves
    if turn.role != "supplier":
        return True
    return source is not turn and topic in _acceptance().supplier_may_accept


def _grounded(topic: str, turn: Turn, source: Turn, conversation: Conversation) -> bool:
    """Return True unless a 'settlement' is a discount agreed before any problem (price negotiation)."""
    data = _acceptance()
    if topic != "settlement" or data.settlement_prior in conversation.seen:
        return True
    return any(data.remedial is not None and data.remedial.search(t.text.folded) for t in (turn, source))


def _opening_sentences(turn: Turn) -> tuple[Sentence, ...]:
    return turn.text.sentences[:1]


# ---------------------------------------------------------------- order numbers


@lru_cache(maxsize=1)
def _order_patterns() -> tuple[re.Pattern[str], ...]:
    return tuple(re.compile(cue_regex(p), re.IGNORECASE) for p in event_data()["order_number"]["patterns"])


def order_numbers(text: Text) -> list[str]:
    """Given a message, return the Trade Assurance order numbers it names, in order."""
    found: list[tuple[int, str]] = []
    for pattern in _order_patterns():
        for match in pattern.finditer(text.folded):
            number = match.group("number")
            if number not in (n for _, n in found):
                found.append((match.start("number"), number))
    return [number for _, number in sorted(found)]
