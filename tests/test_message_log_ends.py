"""A message log's first and last message: as a stable sort by time would pick them."""

from __future__ import annotations

from evidence.extract.kinds.messages import earliest_and_latest
from evidence.records import Message, Source


def _message(line: int, timestamp: str | None) -> Message:
    return Message(timestamp=timestamp, sender="Tom", text="ok", channel="whatsapp", source=Source("chat.txt", line=line))


def test_of_equal_times_the_first_written_is_earliest_and_the_last_written_latest() -> None:
    messages = [
        _message(1, "2026-07-20T09:42"),
        _message(2, "2026-07-20T09:41"),
        _message(3, None),
        _message(4, "2026-07-20T09:41"),
        _message(5, "2026-07-20 09:43"),
        _message(6, "2026-07-20T09:43:00"),
    ]
    ends = earliest_and_latest(messages)
    assert ends is not None
    (first, first_message), (last, last_message) = ends
    assert (first, first_message.source.line) == ("2026-07-20T09:41:00", 2)
    assert (last, last_message.source.line) == ("2026-07-20T09:43:00", 6)


def test_no_time_no_ends() -> None:
    assert earliest_and_latest([_message(1, None)]) is None
    assert earliest_and_latest([]) is None
