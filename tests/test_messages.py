"""Message logs: the platform's CSV/JSON/transcripts, WhatsApp edge cases, and
documents that must not be mistaken for chats. Fixtures in fixtures/chats/."""

from __future__ import annotations

import json

import pytest
from jsonschema import Draft202012Validator

from evidence.readers import read_path
from evidence.readers.message_csv import read_csv
from evidence.readers.message_json import message_log_schema, read_json
from evidence.readers.message_stamps import parse_stamp
from evidence.readers.messages import parse_chat_text
from evidence.records import Document, Message
from tests.conftest import FIXTURES

CHATS = FIXTURES / "chats"


def doc_for(name: str, filetype: str) -> Document:
    return Document(path=name, sha256="0" * 64, size=0, filetype=filetype, reader="messages")


def chat(text: str) -> tuple[str, list[Message]]:
    found = parse_chat_text(text, "chat.txt")
    assert found is not None, "not read as a chat"
    return found


def stamps(found: list[Message]) -> list[str | None]:
    return [m.timestamp for m in found]


# ---------------------------------------------------------------- CSV


def test_csv_english_header() -> None:
    doc = read_path(CHATS / "message_center_en.csv")
    assert (doc.filetype, doc.reader, doc.problems) == ("csv", "messages", [])
    assert [m.sender for m in doc.messages] == ["Chen Jie", "Laura Mendez", "Chen Jie", "Laura Mendez"]
    assert stamps(doc.messages) == [
        "2026-09-03T10:15:22",
        "2026-09-03T10:21:05",
        "2026-09-20T16:02:11",
        "2026-10-20T09:12:40",
    ]
    assert doc.messages[0].text == "Dear Laura, the deposit of USD 3,780.00 is received."
    assert doc.messages[2].text == "Handles reinforced.\nLoad test 12 kg passed, photos attached."
    assert doc.messages[2].attachments == ["handle_test_01.jpg", "handle_test_02.jpg"]
    # The quoted cell of record 4 spans lines 4-5, so record 5 starts on line 6.
    assert [m.source.line for m in doc.messages] == [2, 3, 4, 6]
    assert {m.channel for m in doc.messages} == {"platform"}


def test_csv_chinese_header_gb18030_semicolons() -> None:
    data = (CHATS / "message_center_zh_gb18030.csv").read_bytes()
    with pytest.raises(UnicodeDecodeError):
        data.decode("utf-8")  # the fixture really is GB18030
    doc = doc_for("消息.csv", "csv")
    read_csv(data, doc)
    assert doc.reader == "messages"
    assert len(doc.messages) == 4
    first = doc.messages[0]
    assert (first.timestamp, first.sender, first.text) == ("2026-09-03T10:15", "陈洁", "您好，定金3780美元已收到，谢谢！")
    assert doc.messages[-1].timestamp == "2026-10-21T08:30"


def test_csv_split_date_and_time_columns_day_first_proven() -> None:
    data = (
        "Date\tTime\tFrom\tContent\n"
        "03/09/2026\t10:15\tChen Jie\tDeposit received.\n"
        "21/09/2026\t09:05\tLaura Mendez\tPhotos received, thanks.\n"
    ).encode("utf-8")
    doc = doc_for("log.tsv", "csv")
    read_csv(data, doc)
    # 21/09 can only be day-first, so 03/09 is the 3rd of September too.
    assert stamps(doc.messages) == ["2026-09-03T10:15", "2026-09-21T09:05"]
    assert [m.sender for m in doc.messages] == ["Chen Jie", "Laura Mendez"]


def test_csv_header_below_a_title_row() -> None:
    data = b"Alibaba.com Message Center export\nSent at,Sender Name,Message Content\n2026-09-03 10:15,Chen Jie,Hello\n"
    doc = doc_for("export.csv", "csv")
    read_csv(data, doc)
    assert [(m.timestamp, m.sender, m.text, m.source.line) for m in doc.messages] == [
        ("2026-09-03T10:15", "Chen Jie", "Hello", 3)
    ]


def test_csv_that_is_not_a_message_log_becomes_a_page_and_table() -> None:
    data = b"Item,Qty,Unit price\nKettle 1.7L,1200,8.50\n\nTeapot 1.2L,400,6.00\n"
    doc = doc_for("packing.csv", "csv")
    read_csv(data, doc)
    assert doc.reader == "csv" and doc.messages == []
    (page,) = doc.pages
    assert [(line.text, line.source.line) for line in page.lines] == [
        ("Item | Qty | Unit price", 1),
        ("Kettle 1.7L | 1200 | 8.50", 2),
        ("Teapot 1.2L | 400 | 6.00", 4),
    ]
    assert page.tables[0].rows[1] == ["Kettle 1.7L", "1200", "8.50"]


@pytest.mark.parametrize(
    "data",
    [b"", b"\n\n", b'Time,Sender,Message\n2026-09-03 10:15,"Chen, unterminated\n', b"\x00,\x00\n", b"one line"],
    ids=["empty", "blank", "open-quote", "nul", "one-line"],
)
def test_csv_odd_input_never_raises(data: bytes) -> None:
    doc = doc_for("odd.csv", "csv")
    read_csv(data, doc)
    assert doc.reader in {"csv", "messages"}


def test_csv_apostrophes_do_not_change_quoting() -> None:
    data = b"time,sender,message\n2026-09-03 10:15,Chen Jie,It's the factory's fault\n2026-09-03 10:16,Laura,'ok'\n"
    doc = doc_for("log.csv", "csv")
    read_csv(data, doc)
    assert [m.text for m in doc.messages] == ["It's the factory's fault", "'ok'"]


@pytest.mark.parametrize(
    "value, expected",
    [
        ("2026-09-03 10:15:22", "2026-09-03T10:15:22"),
        ("2026/9/3 10:15", "2026-09-03T10:15"),
        ("2026年9月3日 下午3:15", "2026-09-03T15:15"),
        ("Sep 3, 2026 at 10:15 PM", "2026-09-03T22:15"),
        ("3 September 2026 15:15", "2026-09-03T15:15"),
        ("2026-09-03T10:15:22Z", "2026-09-03T10:15:22Z"),
        ("2026-09-03", "2026-09-03"),
        ("2026-02-30 10:00", None),
    ],
)
def test_platform_timestamps(value: str, expected: str | None) -> None:
    stamp = parse_stamp(value)
    assert stamp is not None
    assert stamp.to_iso(day_first=False) == expected


# ---------------------------------------------------------------- JSON


def test_schema_is_valid_draft_2020_12() -> None:
    Draft202012Validator.check_schema(message_log_schema())


def test_json_valid_log() -> None:
    doc = read_path(CHATS / "message_log_valid.json")
    assert (doc.filetype, doc.reader, doc.problems) == ("json", "messages", [])
    assert [(m.timestamp, m.sender) for m in doc.messages] == [
        ("2026-09-03T10:15:22", "Chen Jie"),
        ("2026-09-03T10:21:05", "Laura Mendez"),
        ("2026-10-12T09:40", "Chen Jie"),  # "2026-10-12 09:40" normalised, no seconds invented
    ]
    assert doc.messages[2].attachments == ["BL_NGB2610-118.pdf"]
    assert [m.source.line for m in doc.messages] == [17, 23, 29]
    assert {m.channel for m in doc.messages} == {"platform"}
    assert doc.metadata["order_number"] == "2381-0093"


def test_json_invalid_log_reports_f005_and_keeps_good_messages() -> None:
    doc = read_path(CHATS / "message_log_invalid.json")
    (problem,) = doc.problems
    assert problem.code == "F005"
    assert "message_log.schema.json at $.messages[1].timestamp" in problem.reason
    assert "'03/09/2026 10:21'" in problem.reason
    assert problem.source.line == 23
    assert doc.reader == "messages"
    assert [m.source.line for m in doc.messages] == [17, 29]


def test_json_missing_sender_names_the_item() -> None:
    data = json.dumps({"messages": [{"timestamp": "2026-09-03T10:15", "text": "hi"}]}).encode()
    doc = doc_for("log.json", "json")
    read_json(data, doc)
    (problem,) = doc.problems
    assert problem.reason.endswith("at $.messages[0]: 'sender' is a required property")
    assert doc.messages == []


def test_json_bare_array_and_channel() -> None:
    items = [
        {"timestamp": "2026-09-03T10:15:22+08:00", "sender": "陈洁", "text": "收到"},
        {"timestamp": "2026-09-03T10:16", "sender": "Laura Mendez", "text": "Thanks", "role": "buyer"},
    ]
    doc = doc_for("log.json", "json")
    read_json(json.dumps(items, ensure_ascii=False, indent=1).encode("utf-16"), doc)
    assert doc.problems == []
    assert stamps(doc.messages) == ["2026-09-03T10:15:22+08:00", "2026-09-03T10:16"]  # a stated zone is kept
    assert [m.source.line for m in doc.messages] == [2, 7]
    assert {m.channel for m in doc.messages} == {"platform"}
    wechat = doc_for("wechat.json", "json")
    read_json(json.dumps({"channel": "wechat", "messages": items}).encode(), wechat)
    assert {m.channel for m in wechat.messages} == {"wechat"}


def test_json_that_is_not_a_message_log_is_pretty_text() -> None:
    doc = doc_for("invoice.json", "json")
    read_json(b'{"invoice":"BW-PI-260903","total":12600}', doc)
    assert (doc.reader, doc.messages, doc.problems) == ("json", [], [])
    assert [line.text for line in doc.pages[0].lines] == ["{", '  "invoice": "BW-PI-260903",', '  "total": 12600', "}"]


# ---------------------------------------------------------------- transcripts


def test_two_line_transcript() -> None:
    doc = read_path(CHATS / "transcript_two_line.txt")
    assert doc.reader == "transcript" and doc.pages == []
    assert [(m.source.line, m.sender, m.timestamp) for m in doc.messages] == [
        (1, "Chen Jie", "2026-09-03T10:15:22"),
        (5, "Laura Mendez", "2026-09-03T10:21:05"),
        (8, "陈洁", "2026-09-20T16:02:11"),
        (12, "Laura Mendez", "2026-09-21T09:05"),  # "Sep 21, 2026 9:05 AM"
    ]
    assert doc.messages[0].text == (
        "Dear Laura, the deposit of USD 3,780.00 is received. Thank you!\nMass production will start on 2026-09-08."
    )
    assert doc.messages[2].text == "好的，手柄已加厚，承重测试12公斤没有裂纹。\n照片见附件：handle_test_01.jpg"
    assert {m.channel for m in doc.messages} == {"platform"}


def test_one_line_transcript_after_a_title() -> None:
    doc = read_path(CHATS / "transcript_one_line.txt")
    assert doc.reader == "transcript"
    assert [(m.source.line, m.sender) for m in doc.messages] == [
        (2, "Laura Mendez"),
        (3, "Laura Mendez"),
        (4, "陈洁"),
        (6, "Laura Mendez"),
    ]
    assert doc.messages[2].text == "收到，我们会和工厂核实。\nPlease give us 3 working days."
    assert doc.messages[3].timestamp == "2026-10-23T17:30"


def test_bracketed_iso_transcript_with_fullwidth_colon() -> None:
    kind, found = chat("[2026-09-03 10:15] 陈洁：样品已寄出\n[2026-09-03 10:20] Laura Mendez: Thanks!\n")
    assert kind == "transcript"
    assert [(m.sender, m.text, m.channel) for m in found] == [
        ("陈洁", "样品已寄出", "platform"),
        ("Laura Mendez", "Thanks!", "platform"),
    ]


def test_invoice_text_is_not_a_chat() -> None:
    doc = read_path(CHATS / "proforma_invoice.txt")
    assert (doc.reader, doc.messages) == ("text", [])
    assert doc.pages[0].lines[0].text == "NINGBO BRIGHTWAY HOUSEWARES CO., LTD."


def test_dated_lines_over_a_document_body_are_not_a_chat() -> None:
    text = (
        "2026-09-05 10:00 Deposit 30%: USD 3,780.00\n"
        "2026-10-08 17:00 Balance 70%: USD 8,820.00\n"
        "Beneficiary: Ningbo Brightway Housewares Co., Ltd.\n"
        "Bank: Bank of China, Ningbo Branch\n"
        "SWIFT: BKCHCNBJ92A\n"
        "Account: 3581 0000 1234 5678\n"
        "Ship by: 2026-10-10\n"
        "Incoterm: FOB Ningbo\n"
    )
    assert parse_chat_text(text, "schedule.txt") is None


def test_a_single_message_is_not_a_chat() -> None:
    assert parse_chat_text("18/03/2022, 14:56 - Chen Jie: hello\n", "one.txt") is None


# ---------------------------------------------------------------- WhatsApp details


def test_whatsapp_utf16_12_hour_with_narrow_no_break_space() -> None:
    doc = read_path(CHATS / "whatsapp_android_12h_utf16.txt")
    assert doc.reader == "whatsapp"
    found = doc.messages
    assert len(found) == 8
    assert found[0].system and found[0].sender is None
    assert (found[4].timestamp, found[4].sender) == ("2026-09-15T16:05", "Laura Mendez")  # 4:05 PM
    assert found[3].attachments == ["IMG-20260902-WA0003.jpg"]
    assert found[3].text == "IMG-20260902-WA0003.jpg (file attached)\nGolden sample, handles reinforced"
    assert found[6].attachments == ["<media omitted>"] and found[6].text == "<Media omitted>"
    assert [m.source.line for m in found] == [1, 2, 3, 4, 6, 7, 9, 10]


def test_day_first_proven_by_any_line_of_the_file() -> None:
    _, found = chat("03/04/2026, 10:00 - A: x\n25/04/2026, 11:00 - B: y\n")
    assert stamps(found) == ["2026-04-03T10:00", "2026-04-25T11:00"]


def test_month_first_proven_by_any_line_of_the_file() -> None:
    _, found = chat("[03/04/26, 10:00:00] A: x\n[04/25/26, 11:00:00] B: y\n")
    assert stamps(found) == ["2026-03-04T10:00:00", "2026-04-25T11:00:00"]


def test_ambiguous_dates_follow_chronology_over_the_default() -> None:
    # Bracketed (iOS) defaults to month-first, but Dec 3 -> Jan 4 would run backwards.
    _, found = chat("[12/03/26, 10:00:00] A: x\n[01/04/26, 10:00:00] B: y\n")
    assert stamps(found) == ["2026-03-12T10:00:00", "2026-04-01T10:00:00"]


@pytest.mark.parametrize(
    "text, expected",
    [
        ("05/03/2026, 10:00 - A: x\n05/03/2026, 10:01 - B: y\n", "2026-03-05T10:00"),  # Android: day-first
        ("[05/03/2026, 10:00:00] A: x\n[05/03/2026, 10:01:00] B: y\n", "2026-05-03T10:00:00"),  # iOS: month-first
    ],
    ids=["android", "ios"],
)
def test_undecidable_dates_use_the_style_default(text: str, expected: str) -> None:
    assert chat(text)[1][0].timestamp == expected


@pytest.mark.parametrize(
    "header, expected",
    [
        ("9/15/26, 12:05\u202fAM - ", "2026-09-15T00:05"),
        ("9/15/26, 12:05 PM - ", "2026-09-15T12:05"),
        ("9/15/26, 1:05 p.\u00a0m. - ", "2026-09-15T13:05"),
        ("9/15/26, 13:37 p.m. - ", "2026-09-15T13:37"),
        ("[2026/9/3 下午3:15:00] ", "2026-09-03T15:15:00"),
        ("[١٨‏/٣‏/٢٠٢٦، ٩:٠٥:٠٠ ص] ", "2026-03-18T09:05:00"),  # Arabic-Indic digits, ص = AM
    ],
    ids=["12am-nnbsp", "12pm", "p-nbsp-m", "13-pm", "chinese-prefix", "arabic-am"],
)
def test_twelve_hour_markers(header: str, expected: str) -> None:
    text = f"{header}Chen Jie: first\n{header}Laura Mendez: second\n"
    assert chat(text)[1][0].timestamp == expected


def test_sender_marks_and_system_line_with_colon() -> None:
    text = (
        "12/09/2026, 10:00 - \u202a+86 138 0000 0000\u202c: 你好\n"
        '12/09/2026, 10:01 - Chen Jie changed the subject from "PO 1" to "PO: 2381-0093"\n'
        "12/09/2026, 10:02 - John Doe:.\n"
        "12/09/2026, 10:03 - Laura: see https://example.com/a:b\n"
    )
    found = chat(text)[1]
    assert (found[0].sender, found[0].text) == ("+86 138 0000 0000", "你好")
    assert found[1].system and found[1].sender is None
    assert (found[2].sender, found[2].text) == ("John Doe", ".")
    assert (found[3].sender, found[3].text) == ("Laura", "see https://example.com/a:b")


@pytest.mark.parametrize(
    "text, expected",
    [
        ("2022. 3. 18. 오후 2:56 - 김민준: 안녕하세요\n2022. 3. 18. 오후 3:01 - Laura: hi\n", "2022-03-18T14:56"),
        ("[2022. 3. 18. 오후 2:56:01] 김민준: 안녕하세요\n[2022. 3. 18. 오후 3:01:00] Laura: hi\n", "2022-03-18T14:56:01"),
        ("18.3.2022 klo 14.56 - Matti: Hei\n19.3.2022 klo 9.05 - Laura: hi\n", "2022-03-18T14:56"),
        ("2022/3/18 下午2:56 - 陈洁: 你好\n2022/3/18 下午3:01 - Laura: hi\n", "2022-03-18T14:56"),
        ("[18.03.22, 14:56:01] Jürgen: Hallo\n[18.03.22, 14:57:10] Laura: hi\n", "2022-03-18T14:56:01"),
        ("2022-03-18 14:56 - Sven: Hej\n2022-03-18 14:57 - Laura: hi\n", "2022-03-18T14:56"),
    ],
    ids=["korean-android", "korean-ios", "finnish-klo", "chinese-android", "german-ios", "swedish-android"],
)
def test_locales_beyond_the_corpus(text: str, expected: str) -> None:
    kind, found = chat(text)
    assert kind == "whatsapp"
    assert found[0].timestamp == expected and found[1].sender == "Laura"
