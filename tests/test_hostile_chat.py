"""Hostile chats: long messages, long logs, huge cells. Work must stay linear and bounded.

No test here times anything: linearity is shown by counting the work done for
two sizes of the same conversation, and bounds by what is read.
"""

from __future__ import annotations

import json
import sys
from collections import Counter
from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from evidence.extract.conversation import cues, events
from evidence.extract.conversation.cues import MAX_MESSAGE_CHARS, Text
from evidence.extract.kinds import messages as message_kind
from evidence.extract.reading import Reading
from evidence.normalize.dates import (
    document_order,
    find_dates,
    find_lead_time,
    parse_date,
)
from evidence.normalize.money import amount_in_words, find_amounts, parse_amount
from evidence.normalize.quantities import (
    find_measures,
    find_quantities,
    goods_count,
    parse_quantity,
)
from evidence.readers import message_csv, message_json
from evidence.readers.messages import MAX_CELL_CHARS, READ_LIMITS, parse_chat_text
from evidence.records import Document

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "bench"))
import chat_bench

PROPERTY = settings(max_examples=200, deadline=None, suppress_health_check=[HealthCheck.too_slow])


def _doc(path: str, filetype: str = "txt", reader: str = "messages") -> Document:
    return Document(path=path, sha256="0" * 64, size=0, filetype=filetype, reader=reader)


def _chat_document(lines: list[str]) -> Document:
    doc = _doc("chat.txt")
    parsed = parse_chat_text("\n".join(lines), doc.path)
    assert parsed is not None
    doc.reader, doc.messages = parsed
    return doc


def _extract(doc: Document):
    return message_kind.extract(Reading(doc))


# ---------------------------------------------------------------- one long message


def test_a_100kb_token_is_analysed_up_to_the_cap_and_quoted_from_the_message() -> None:
    token = "ab1" * 34_000 + " cracked."
    text = Text.of(token)
    assert text.cut and len(text.folded) == MAX_MESSAGE_CHARS
    assert text.original == token
    assert all(s.end <= MAX_MESSAGE_CHARS for s in text.sentences)
    assert text.quote(text.sentences[0]) == token[: text.sentences[0].end]


def test_a_cue_in_the_first_characters_of_a_long_message_still_counts() -> None:
    long_tail = "x" * 100 * 1024
    doc = _chat_document(chat_bench.long_message_lines(1) + [
        f"21/07/2026, 10:00 - Tom Hartwell: 40 of the 500 plates are cracked. {long_tail}",
        "21/07/2026, 10:05 - Grace Lin Ruiyang: Sorry",
    ])
    record = _extract(doc)
    assert "complaint" in {event.kind for event in record.events}
    assert sum("longer than 10,000 characters" in note for note in record.notes) == 1


def test_a_long_message_with_cues_everywhere_is_bounded() -> None:
    """Every cue looks back into its clause: many cues in one endless clause must not cost n²."""
    calls = Counter()
    original = cues.mask

    def counting_mask(text, pattern):
        calls["chars"] += len(text)
        return original(text, pattern)

    cues.mask = counting_mask
    try:
        text = Text.of("not cracked " * 20_000)
        cues.matching_sentences(cues.kinds()[0], text)
    finally:
        cues.mask = original
    # Without the cap and the negation window this was about n²/2 = 10^10 characters.
    assert calls["chars"] < 50 * MAX_MESSAGE_CHARS * 10


# ---------------------------------------------------------------- long chats


def _work(lines: int) -> tuple[Counter[str], Counter[str]]:
    """Return (event kinds found, work done) for a generated chat of `lines` lines."""
    doc = _chat_document(chat_bench.chat_lines(lines))
    turns = message_kind.document_turns(doc, {"Grace Lin Ruiyang": "supplier", "Tom Hartwell": "buyer"})
    work: Counter[str] = Counter()
    original_match, original_topic = events.matching_sentences, events._words_topic

    def counting_match(*args, **kwargs):
        work["matching_sentences"] += 1
        return original_match(*args, **kwargs)

    def counting_topic(turn):
        work["topic"] += 1
        return original_topic(turn)

    events.matching_sentences, events._words_topic = counting_match, counting_topic
    try:
        happenings = events.turns_to_happenings(turns, None)
    finally:
        events.matching_sentences, events._words_topic = original_match, original_topic
    return Counter(h.kind for h in happenings), work


def test_a_long_chat_costs_the_same_per_line_and_finds_the_same_per_round() -> None:
    size = 800  # 50 rounds of the generated conversation
    kinds_1, work_1 = _work(size)
    kinds_2, work_2 = _work(2 * size)
    kinds_3, work_3 = _work(3 * size)
    # Each further round of the conversation adds the same events and the same work: linear.
    assert kinds_3 - kinds_2 == kinds_2 - kinds_1
    assert kinds_2 - kinds_1 != Counter()
    assert work_3["matching_sentences"] - work_2["matching_sentences"] == work_2["matching_sentences"] - work_1["matching_sentences"]
    # A turn's own topic is worked out once at most, however many replies look back at it.
    assert work_3["topic"] <= 3 * size


def test_a_log_over_the_message_cap_reads_its_last_messages_with_one_note(monkeypatch) -> None:
    monkeypatch.setattr(message_kind, "MAX_MESSAGES", 64)
    doc = _chat_document(chat_bench.chat_lines(640))
    record = _extract(doc)
    assert record.get("message_count") == 640
    notes = [note for note in record.notes if "only the last 64" in note]
    assert len(notes) == 1 and "640 messages" in notes[0]
    # The end of a long chat is the order being claimed for: its complaint and answers are read.
    first_read = doc.messages[-64].source.line
    assert record.events and min(event.source.line for event in record.events) >= first_read
    # ... and it says so once, as a file read in part (F001, at most minor).
    [problem] = record.problems
    assert problem.code == "F001" and problem.partial and "only the last 64" in problem.reason


# ---------------------------------------------------------------- exports with huge cells


def test_a_csv_with_a_10mb_cell_is_read_with_a_note() -> None:
    rows = [
        "Time,Sender,Message",
        "2026-07-20 09:41,Grace Lin,Hello Tom PI attached",
        f'2026-07-20 09:42,Tom Hartwell,"{"z" * 10 * 1024 * 1024}"',
        "2026-07-20 09:43,Tom Hartwell,40 of the 500 plates are cracked",
    ]
    doc = _doc("log.csv", filetype="csv")
    message_csv.read_csv("\n".join(rows).encode(), doc)
    assert doc.reader == "messages" and not doc.problems
    assert [len(m.text) for m in doc.messages] == [len("Hello Tom PI attached"), MAX_CELL_CHARS, 32]
    assert "longer than 1,000,000 characters" in doc.metadata[READ_LIMITS]
    import csv

    assert csv.field_size_limit() == 131_072  # the csv module's limit is put back
    record = _extract(doc)
    assert sum(doc.metadata[READ_LIMITS] == note for note in record.notes) == 1


def test_a_json_log_with_a_huge_text_is_read_with_a_note(monkeypatch) -> None:
    monkeypatch.setattr(message_json, "MAX_CELL_CHARS", 1_000)
    log = {"messages": [
        {"timestamp": "2026-07-20T09:41:00", "sender": "Grace", "text": "y" * 5_000},
        {"timestamp": "2026-07-20T09:42:00", "sender": "Tom", "text": "ok"},
    ]}
    doc = _doc("log.json", filetype="json")
    message_json.read_json(json.dumps(log).encode(), doc)
    assert [len(m.text) for m in doc.messages] == [1_000, 2]
    assert "1 message text longer than 1,000" in doc.metadata[READ_LIMITS]


def test_a_text_line_over_the_line_cap_is_cut(monkeypatch) -> None:
    import evidence.readers.messages as messages_reader

    monkeypatch.setattr(messages_reader, "MAX_LINE_CHARS", 500)
    doc = _chat_document(chat_bench.long_message_lines(2))
    assert len(doc.messages[1].text) <= 500


# ---------------------------------------------------------------- arbitrary text never raises

CHAT_ALPHABET = st.characters(codec="utf-8", exclude_categories=("Cs",))
chat_text = st.text(CHAT_ALPHABET, max_size=400)
chat_like = st.lists(
    st.tuples(st.sampled_from(["20/07/2026, 09:41 - ", "[2026-07-20 09:41] ", "2026-07-20 09:41:00 ", "[7/20/26, 9:41:00 AM] ", ""]),
              st.sampled_from(["Tom: ", "Grace Lin: ", "王经理: ", ""]), chat_text),
    max_size=8,
).map(lambda parts: "\n".join(a + b + c for a, b, c in parts))


@PROPERTY
@given(st.one_of(chat_text, chat_like))
def test_chat_parsers_never_raise(text: str) -> None:
    parsed = parse_chat_text(text, "chat.txt")
    if parsed is not None:
        doc = _doc("chat.txt")
        doc.reader, doc.messages = parsed
        _extract(doc)


@PROPERTY
@given(st.one_of(chat_text, chat_like))
def test_csv_and_json_exports_never_raise(text: str) -> None:
    message_csv.read_csv(("Time,Sender,Message\n" + text).encode(), _doc("log.csv", "csv"))
    message_csv.read_csv(text.encode(), _doc("t.csv", "csv"))
    message_json.read_json(text.encode(), _doc("log.json", "json"))
    log = {"messages": [{"timestamp": text[:20], "sender": text[:5], "text": text}]}
    message_json.read_json(json.dumps(log).encode(), _doc("log.json", "json"))


@PROPERTY
@given(chat_text)
def test_message_analysis_never_raises(text: str) -> None:
    prepared = Text.of(text)
    for kind in cues.kinds():
        cues.matching_sentences(kind, prepared)
    cues.dates_in(text, None)
    events.order_numbers(prepared)


number_text = st.text(st.sampled_from(list("0123456789.,/-: 年月日号$¥€USDRMBpcsetkgmx%()")) , max_size=60)


@PROPERTY
@given(st.one_of(chat_text, number_text))
def test_date_normalizers_never_raise(text: str) -> None:
    find_dates(text)
    find_dates(text, "dmy")
    parse_date(text)
    find_lead_time(text)
    document_order([text])


@PROPERTY
@given(st.one_of(chat_text, number_text))
def test_money_normalizers_never_raise(text: str) -> None:
    find_amounts(text)
    find_amounts(text, "USD", bare=True)
    parse_amount(text)
    parse_amount(text, ",")
    amount_in_words(text)


@PROPERTY
@given(st.one_of(chat_text, number_text))
def test_quantity_normalizers_never_raise(text: str) -> None:
    find_quantities(text)
    parse_quantity(text)
    find_measures(text)
    goods_count(text)
