"""A WhatsApp export's senders are cleaned once: every message of a sender shares one name."""

from __future__ import annotations

from evidence.readers.messages import parse_chat_text
from evidence.readers.whatsapp import digits_value, split_sender

CHAT = """20/07/2026, 09:41 - Grace\u00a0Lin: Hello Tom, PI attached
20/07/2026, 09:42 - Tom Hartwell: ok
20/07/2026, 09:43 - Grace\u00a0Lin: We will ship by 10 Oct
20/07/2026, 09:44 - Tom Hartwell: thanks
"""


def test_messages_of_one_sender_share_its_cleaned_name() -> None:
    parsed = parse_chat_text(CHAT, "chat.txt")
    assert parsed is not None
    _, messages = parsed
    assert [m.sender for m in messages] == ["Grace Lin", "Tom Hartwell", "Grace Lin", "Tom Hartwell"]
    assert messages[0].sender is messages[2].sender


def test_a_system_phrase_is_no_sender_however_often_it_comes() -> None:
    for _ in range(2):
        assert split_sender("Tom changed the subject to \"Q: price\"") == (
            None, "Tom changed the subject to \"Q: price\"", True)
        assert split_sender("  : text") == (None, "  : text", True)
        assert split_sender("Tom: hi") == ("Tom", "hi", False)


def test_digits_value_reads_every_script() -> None:
    assert digits_value("2026") == 2026
    assert digits_value("\u0662\u0660\u0662\u0666") == 2026  # Arabic-Indic
    assert digits_value("\u0968\u0966") == 20  # Devanagari
    assert digits_value("") == 0


def test_a_long_chat_tells_the_time_budget_it_is_moving() -> None:
    from evidence.readers import progress, whatsapp

    lines = [f"[20/07/2026, 09:{n % 60:02d}:00] Tom: line {n}" for n in range(25_000)]
    steps: list[tuple[str, int]] = []
    progress.listen(lambda event, number: steps.append((event, number)))
    try:
        headers = whatsapp.find_headers(lines)
        whatsapp.headers_to_messages(lines, headers, "chat.txt")
    finally:
        progress.listen(None)
    assert len(headers) == 25_000
    assert steps == [("page", 1), ("page", 2), ("page", 1), ("page", 2)]
