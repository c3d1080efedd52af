"""WhatsApp exports from other parsers' test suites, in ../shared/external/whatsapp.

Every export must read as a chat, and where the suite ships expectations
(chat-miner's targets) ours must agree. Counts and first/last timestamps of the
whats_json files were read off the files by hand. The whole module skips when
the shared corpus is not checked out next to the repository.
"""

from __future__ import annotations

import glob
import json
from pathlib import Path

import pytest

from evidence.readers import read_path
from evidence.readers.messages import parse_chat_text
from evidence.records import Message
from tests.conftest import EXTERNAL

WHATSAPP = EXTERNAL / "whatsapp"
CHAT_MINER = WHATSAPP / "chat-miner"

pytestmark = pytest.mark.skipif(not WHATSAPP.exists(), reason="../shared/external/whatsapp is not available")

#: Chat exports only: the .json files beside them are upstream expectations and format lists.
EXPORTS = sorted(WHATSAPP.rglob("*.txt")) if WHATSAPP.exists() else []


def find(pattern: str) -> Path:
    """Given a glob under whatsapp/, return the one file it names (names hold no-break spaces)."""
    matches = sorted(WHATSAPP.glob(pattern))
    assert len(matches) == 1, f"{pattern} matches {matches}"
    return matches[0]


def parse(pattern: str) -> tuple[str, list[Message]]:
    path = find(pattern)
    found = parse_chat_text(path.read_text(encoding="utf-8"), path.name)
    assert found is not None, f"{path.name} was not read as a chat"
    return found


def messages(pattern: str) -> list[Message]:
    return parse(pattern)[1]


def at(found: list[Message], timestamp: str) -> Message:
    (message,) = [m for m in found if m.timestamp == timestamp]
    return message


# ---------------------------------------------------------------- every file


@pytest.mark.parametrize("path", EXPORTS, ids=lambda p: p.relative_to(WHATSAPP).as_posix())
def test_every_export_reads_as_a_chat(path: Path) -> None:
    doc = read_path(path)
    assert doc.problems == []
    assert doc.reader in {"whatsapp", "transcript"}
    assert len(doc.messages) >= 2
    assert all(m.timestamp for m in doc.messages), "a header's date or time was not understood"
    assert all(m.sender or m.system for m in doc.messages)
    lines = [m.source.line for m in doc.messages]
    assert lines == sorted(set(lines)) and lines[0] == 1


# ---------------------------------------------------------------- chat-miner targets


def _target_pairs() -> list[tuple[Path, Path]]:
    if not CHAT_MINER.exists():
        return []
    current = [(txt, CHAT_MINER / "target.json") for txt in sorted(CHAT_MINER.glob("test_*.txt"))]
    older = [
        (txt, txt.with_name(f"{txt.stem}_target.json"))
        for txt in sorted((CHAT_MINER / "older").glob("test_*.txt"))
    ]
    return current + older


def _ours(found: list[Message], with_system: bool) -> list[tuple[str, str, str]]:
    """Our messages as (minute, author, text) in file order, shaped like chat-miner's rows."""
    rows = []
    for m in found:
        if m.system and not with_system:
            continue
        # Upstream quirk: ``John Doe:.`` (an empty message) becomes "<Disappearing Message>"
        # in the older targets and is dropped by the current one; we keep the "." as sent.
        if m.text == ".":
            continue
        assert m.timestamp is not None
        rows.append((m.timestamp[:16], "System" if m.system else str(m.sender), " ".join(m.text.split())))
    return rows


def _theirs(target: Path) -> list[tuple[str, str, str]]:
    """chat-miner's rows, oldest line first (upstream lists them in reverse file order)."""
    data = json.loads(target.read_text(encoding="utf-8"))
    rows = data["messages"] if isinstance(data, dict) else data
    return [
        (row["timestamp"].replace(" ", "T")[:16], row["author"], " ".join(row["message"].split()))
        for row in reversed(rows)
        if row["message"] != "<Disappearing Message>"
    ]


@pytest.mark.parametrize("txt, target", _target_pairs(), ids=lambda p: p.name)
def test_chat_miner_targets(txt: Path, target: Path) -> None:
    kind, found = parse_chat_text(txt.read_text(encoding="utf-8"), txt.name) or ("", [])
    assert kind == "whatsapp"
    theirs = _theirs(target)
    # The current target.json leaves out system lines; the older ones list them as "System".
    ours = _ours(found, with_system=any(author == "System" for _, author, _ in theirs))
    assert len(ours) == len(theirs)
    assert ours[0][0] == theirs[0][0] and ours[-1][0] == theirs[-1][0]
    assert [author for _, author, _ in ours] == [author for _, author, _ in theirs]
    # Upstream joins lines with spaces and turns U+00A0 into a space; compare words.
    assert ours == theirs


def test_chat_miner_invalid_pm_after_13_hours() -> None:
    found = messages("chat-miner/older/test_dateformat4.txt")
    # ``[11/10/22 13:37:00 p.m.]``: the hour is already 24-hour; the marker is ignored.
    assert [m.timestamp for m in found] == [
        "2022-10-09T23:37:00",
        "2022-10-10T12:37:00",
        "2022-10-11T13:37:00",
        "2022-10-12T14:37:00",
    ]


def test_chat_miner_same_chat_in_five_header_formats() -> None:
    stamps = {
        txt.name: [m.timestamp for m in messages(f"chat-miner/{glob.escape(txt.name)}")]
        for txt in CHAT_MINER.glob("test_*.txt")
    }
    assert len(stamps) == 5
    assert len({tuple(values) for values in stamps.values()}) == 1


# ---------------------------------------------------------------- whats_json


WHATS_JSON = [
    # (file glob, messages, first timestamp, last timestamp, what it exercises)
    ("whats_json/ios/*(EN).txt", 25, "2022-03-18T14:56:01", "2023-01-07T23:32:30"),
    ("whats_json/ios/*(FR).txt", 25, "2022-03-18T14:56:00", "2023-01-07T23:32:30"),  # no comma
    ("whats_json/ios/*(Arabic).txt", 25, "2022-03-18T14:56:01", "2023-01-07T23:32:30"),  # RLM, '،', d/m
    ("whats_json/ios/iOS Vietnamese.txt", 28, "2022-03-18T14:56:01", "2023-01-12T15:35:15"),  # time first
    ("whats_json/ios/iOS Indonesian.txt", 28, "2022-03-18T14:56:01", "2023-01-12T15:35:14"),  # 14.56.01
    ("whats_json/ios/iOS Japanese.txt", 28, "2022-03-18T14:56:00", "2023-01-12T15:35:14"),  # 2:05:44
    ("whats_json/calendars/Buddhist iOS.txt", 28, "2022-03-18T14:56:01", "2023-01-12T15:35:15"),  # 2565 BE
    ("whats_json/calendars/Japanese iOS.txt", 28, "2022-03-18T14:56:01", "2023-01-12T15:35:15"),  # R4, R5
    ("whats_json/languages/arabic_ios.txt", 23, "2022-03-18T14:56:00", "2022-03-27T21:56:45"),  # ١٨, م
    ("whats_json/android/*Dmitry S EN Android.txt", 60, "2022-03-23T13:31", "2023-01-07T23:32"),
    ("whats_json/android/*CZ Android.txt", 60, "2022-03-23T13:31", "2023-01-07T23:32"),  # 18.03.22
    ("whats_json/android/*RU Android.txt", 60, "2022-03-23T13:31", "2023-01-07T23:32"),  # 18.03.2022,
    ("whats_json/android/*Group Chat XXX Android.txt", 20, "2023-01-11T16:13", "2023-01-11T16:57"),
    ("whats_json/languages/deutch_android_media.txt", 41, "2022-03-23T13:31", "2023-01-07T23:32"),  # 18-03-2022
]


@pytest.mark.parametrize("pattern, count, first, last", WHATS_JSON, ids=[row[0][10:] for row in WHATS_JSON])
def test_whats_json_counts_and_ends(pattern: str, count: int, first: str, last: str) -> None:
    kind, found = parse(pattern)
    assert kind == "whatsapp"
    assert all(m.channel == "whatsapp" for m in found)
    assert len(found) == count
    assert (found[0].timestamp, found[-1].timestamp) == (first, last)


@pytest.mark.parametrize("pattern", ["whats_json/calendars/*Buddhist*", "whats_json/calendars/*Japanese*"])
def test_era_years_become_gregorian(pattern: str) -> None:
    years = {m.timestamp[:4] for m in messages(pattern) if m.timestamp}
    assert years == {"2022", "2023"}


def test_arabic_indic_digits_12_hour_and_wrapped_phone_sender() -> None:
    found = messages("whats_json/languages/arabic_ios.txt")
    first = found[0]
    # ``[١٨‏/٣‏/٢٠٢٢، ٢:٥٦:٠٠ م] ‪+40 521 028 61 88‬: ...``
    assert first.timestamp == "2022-03-18T14:56:00"
    assert first.sender == "+40 521 028 61 88"
    assert first.system  # the encryption notice, in Arabic
    assert found[1].timestamp == "2022-03-27T21:41:35" and found[1].text == "Hello World"


IOS_LOCALES = sorted(
    path.relative_to(WHATSAPP).as_posix()
    for path in EXPORTS
    if "whats_json/ios" in path.as_posix() or path.name.endswith("_ios.txt")
)


@pytest.mark.parametrize("relative", IOS_LOCALES)
def test_ios_media_and_notices_in_every_locale(relative: str) -> None:
    found = messages(relative)
    assert found[0].system and found[0].sender  # encryption notice under the chat's name
    photo = next(m for m in found if (m.timestamp or "").endswith("21:41:55"))
    assert photo.attachments  # "image omitted" in whatever language, or <attached: ...>
    hello = next(m for m in found if m.text == "Hello World")
    assert hello.attachments == [] and not hello.system
    deleted = [m for m in found if (m.timestamp or "").endswith("21:54:45")]
    assert deleted and deleted[0].attachments == []  # a deleted message is no media


def test_ios_attached_file_names() -> None:
    found = messages("whats_json/ios/*(EN+Media).txt")
    assert at(found, "2022-03-27T21:41:55").attachments == ["00000035-PHOTO-2022-03-27-21-41-55.jpg"]
    assert at(found, "2022-03-27T21:50:09").attachments == ["00000046-Some file.txt"]
    assert at(found, "2022-03-27T21:51:20").attachments == ["<media omitted>"]
    assert at(found, "2022-03-27T21:51:20").text == "image omitted"
    assert at(found, "2022-03-27T21:50:54").attachments == []  # "You deleted this message."


def test_android_media_captions_and_multiline() -> None:
    found = messages("whats_json/android/*EN+Media Android.txt")
    voice = next(m for m in found if m.source.line == 9)
    assert voice.attachments == ["PTT-20220323-WA0000.opus"]
    captioned = next(m for m in found if m.source.line == 4)
    assert captioned.attachments == ["<media omitted>"]
    assert captioned.text == "<Media omitted>\nCaption"
    plain = messages("whats_json/android/*Dmitry S EN Android.txt")
    place = next(m for m in plain if m.source.line == 39)
    assert place.text == "Pimlico Gardens\nLondon, United Kingdom\nhttps://foursquare.com/v/4e89af95e5fa82ad4c0aa03b"
    assert place.sender == "Dmitry S"


def test_android_localised_media_markers() -> None:
    russian = messages("whats_json/android/*RU Android.txt")
    assert [m.attachments for m in russian[2:4]] == [["<media omitted>"], ["<media omitted>"]]
    assert any(m.attachments == ["Alex.vcf"] for m in russian)  # "(файл добавлен)"
    dutch = messages("whats_json/languages/deutch_android_media.txt")
    assert any(m.attachments == ["VID-20220327-WA0001.mp4"] for m in dutch)  # "(bestand bijgevoegd)"
    assert sum(m.attachments == ["<media omitted>"] for m in dutch) == 12  # <Media weggelaten>


def test_android_group_system_lines() -> None:
    found = messages("whats_json/android/*Group Chat XXX Android.txt")
    system = [m for m in found if m.system]
    assert len(system) == 16 and all(m.sender is None for m in system)
    assert system[1].text == 'Dmitry S created group "Group Chat"'
    assert [m.text for m in found if not m.system] == ["Hello all", "This is group chat", "This message was deleted", "We"]


# ---------------------------------------------------------------- whatstk, whatsapp-chat-parser


def test_whatstk_lorem_2000() -> None:
    kind, found = parse("whatstk/lorem-2000.txt")
    # ``[2019-04-16 02:09] Name: text`` with no trace of the app is the spec's
    # Message Center copy-paste shape, so it reads as a platform transcript.
    assert kind == "transcript"
    assert len(found) == 2000
    assert found[0].timestamp == "2019-04-16T02:09" and found[0].sender == "+1 123 456 789"


def test_whatstk_lorem_day_first_two_digit_years() -> None:
    found = messages("whatstk/lorem.txt")
    assert len(found) == 500
    assert found[0].timestamp == "2020-01-15T02:22:56"  # [15-01-20 02:22:56]


def test_whatstk_12_hour_spellings_agree() -> None:
    upper = messages("whatstk/example-12h.txt")
    dotted = messages("whatstk/example-12h-2.txt")
    assert len(upper) == 20
    assert at(upper, "2016-08-07T23:45").sender == "Prof. Oak"  # 11:45 PM
    assert at(upper, "2016-08-10T09:45").sender == "Jessie & James"  # 09:45 AM
    assert upper[0].system and upper[0].text == "You created group “Sample Group”"
    # example-12h-2 writes "p.m." everywhere (even for the morning), so only PM lines match.
    pm_lines = [m for m in upper if (m.timestamp or "")[11:13] >= "12"]
    assert {(m.timestamp, m.sender) for m in pm_lines} <= {(m.timestamp, m.sender) for m in dotted}


def test_whatstk_year_first_brackets_and_pokemon() -> None:
    bracketed = messages("whatstk/example_2.txt")
    assert len(bracketed) == 20
    assert bracketed[0].system and bracketed[0].sender is None
    assert bracketed[-1].timestamp == "2016-10-31T12:23"
    pokemon = messages("whatstk/pokemon.txt")
    assert len(pokemon) == 20
    assert (pokemon[0].timestamp, pokemon[-1].timestamp) == ("2016-04-15T15:04", "2016-10-31T12:23")
    assert pokemon[1].system  # "Messages you send to this group are now secured ..."


def test_whatsapp_chat_parser_short_chat() -> None:
    found = messages("whatsapp-chat-parser/short-chat.txt")
    assert len(found) == 5
    assert [m.system for m in found] == [True, True, False, False, False]
    last = found[-1]
    assert last.sender == "+410123456789"
    assert last.text == "How are you?\n\nIs everything alright?"
    assert last.source.line == 5
    # 06/03, 08/05, 09/04: no field above 12. Read day-first the chat would go
    # back in time (8 May, then 9 April); month-first it runs forward.
    assert [m.timestamp for m in found[2:]] == ["2017-06-03T00:45", "2017-08-05T01:48", "2017-09-04T01:50"]
