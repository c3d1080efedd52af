"""E-mail reader: .eml and .mbox files become Messages and Pages with their sources."""

from __future__ import annotations

from pathlib import Path

import pytest

from evidence.readers import read_path
from evidence.readers.email import mail_timestamp, read_eml, read_mbox, split_mbox
from evidence.readers.mail_text import bytes_to_text, html_to_text
from evidence.records import Document, Source
from tests.conftest import EXTERNAL, FIXTURES, needs_external

MAIL = EXTERNAL / "mail"
UNSTRUCTURED = EXTERNAL / "unstructured" / "eml"
EMAIL = FIXTURES / "email"


def _corpus() -> list[Path]:
    if not EXTERNAL.is_dir():
        return []
    return sorted([*MAIL.glob("*"), *UNSTRUCTURED.glob("*")])


def _doc(path: Path) -> Document:
    return Document(path=path.name, sha256="", size=0, filetype="eml", reader="email")


def _eml(path: Path) -> Document:
    """Read a file with read_eml directly, whatever the detector would call it."""
    doc = _doc(path)
    read_eml(path.read_bytes(), doc)
    return doc


# ---------------------------------------------------------------- the whole corpus


@needs_external
@pytest.mark.parametrize("path", _corpus(), ids=lambda p: p.name)
def test_every_corpus_mail_reads_or_says_why(path: Path) -> None:
    for doc in (read_path(path), _eml(path)):
        problems = [p for p in doc.problems if p.code == "F001"]
        assert doc.messages or problems, f"{path.name}: no message and no reason"
        assert not any(p.reason.startswith(f"{path.name} could not be read as") for p in problems)
        for problem in problems:
            assert problem.reason and "\n" not in problem.reason
        assert len(doc.pages) == len(doc.messages)
        for message in doc.messages:
            assert message.channel == "email"
            assert message.text.startswith("Subject: ")
            assert message.source.path == path.name


@needs_external
def test_corpus_mails_go_to_the_email_reader() -> None:
    kinds = {p.name: read_path(p).reader for p in _corpus() if p.name != "empty.eml"}
    assert set(kinds.values()) == {"email"}, kinds


# ---------------------------------------------------------------- attachments


@needs_external
def test_pdf_attachment_is_listed_with_type_and_size() -> None:
    doc = read_path(MAIL / "attachment_pdf.eml")  # starts with a "From " line: an mbox of one
    (message,) = doc.messages
    assert message.attachments == ["broken.pdf"]
    assert doc.metadata["attachments"] == "broken.pdf (application/pdf, 1026 bytes)"
    assert doc.metadata["subject"] == "Another PDF with 🎉 Unicode chars in it 🍿"
    assert message.source == Source("attachment_pdf.eml", line=1)
    assert "Just attaching another PDF" in message.text


@needs_external
def test_raw_utf8_attachment_name_is_decoded() -> None:
    (message,) = _eml(MAIL / "attachment_nonascii_filename.eml").messages
    assert message.attachments == ["ciële.txt"]
    # The attached text file is not the body, even though it is text/plain.
    assert message.text == "Subject: testing\n\nThis is the first part."


@needs_external
def test_rfc2231_attachment_name_is_decoded() -> None:
    doc = read_path(MAIL / "attachment_with_encoded_name.eml")
    (name,) = doc.messages[0].attachments
    # name*=iso-2022-jp'ja'01%20Quien%20Te%20Dij%8aat...: %8a is no iso-2022-jp byte.
    assert name == "01 Quien Te Dij\ufffdat. Pitbull.mp3"


@needs_external
def test_forwarded_message_brings_its_text_and_attachments() -> None:
    doc = _eml(MAIL / "attachment_message_rfc822.eml")
    (message,) = doc.messages
    assert message.attachments == ["ForwardedMessage.eml", "broken.pdf"]
    assert message.text.startswith("Subject: testing\n\nThis is the first part.\n\n")
    assert "---------- Forwarded message ----------" in message.text
    assert "From: Test Tester <xxxx@xxxx.com>" in message.text
    assert "Subject: Another PDF" in message.text
    assert "to see if I can figure out what is going wrong here." in message.text
    assert "broken.pdf (application/pdf, 1026 bytes)" in doc.metadata["attachments"]


@needs_external
def test_attachment_name_with_equals_signs() -> None:
    (message,) = _eml(UNSTRUCTURED / "email-equals-attachment-filename.eml").messages
    assert message.attachments == ["odd=file=name.txt"]
    assert message.text.endswith("Below is an example of an odd filename")


# ---------------------------------------------------------------- charsets


@needs_external
def test_iso_2022_jp_body_and_utf8_encoded_word_subject() -> None:
    doc = _eml(MAIL / "japanese_iso_2022.eml")
    assert doc.messages[0].text == "Subject: まみむめも\n\nすみません。"
    assert doc.metadata["subject"] == "まみむめも"


@needs_external
def test_shift_jis_body() -> None:
    (message,) = _eml(MAIL / "japanese_shift_jis.eml").messages
    expected = "Subject: test\n\nあいうえお\n\nこのメールはテスト用のメールです。"
    assert message.text.startswith(expected)
    assert message.timestamp == "2014-05-28T17:18:19+09:00"


@needs_external
def test_korean_ks_c_5601_body_and_euc_kr_subject() -> None:
    assert _eml(MAIL / "ks_c_5601-1987.eml").messages[0].text == "Subject: test\n\n스티해"
    doc = read_path(MAIL / "raw_email_string_in_date_field.eml")
    assert doc.metadata["subject"] == "NOTE: 한국말로 하는 것"
    assert "제 이름은 Jamis입니다." in doc.messages[0].text


@needs_external
def test_raw_utf8_headers_give_the_sender() -> None:
    (message,) = _eml(MAIL / "utf8_headers.eml").messages
    assert message.sender == "Jöhn Doe <jdöe@mächine.example>"
    assert message.text == "Subject: Säying Hello\n\nbody"


@needs_external
def test_utf16_le_file_is_decoded() -> None:
    doc = read_path(UNSTRUCTURED / "fake-email-utf-16-le.eml")
    (message,) = doc.messages
    assert message.sender == "Matthew Robinson <mrobinson@unstructured.io>"
    assert message.timestamp == "2022-12-16T17:04:16-05:00"
    assert message.text == (
        "Subject: Test Email\n\nThis is a test email to use for unit tests.\n\n"
        "Important points:\n\n   - Roses are red\n   - Violets are blue"
    )


@pytest.mark.parametrize(
    ("payload", "charset", "expected"),
    [
        ("货物：不锈钢保温杯，王喆".encode("gbk"), "gb2312", "货物：不锈钢保温杯，王喆"),
        ("“new” account".encode("cp1252"), "iso-8859-1", "“new” account"),
        ("Müller".encode(), "iso-8859-1", "Müller"),  # UTF-8 mislabelled as Latin-1
        ("请付款到新账户".encode(), "x-unknown-charset", "请付款到新账户"),
        (b"plain ascii", None, "plain ascii"),
    ],
)
def test_bodies_decode_despite_wrong_labels(
    payload: bytes, charset: str | None, expected: str
) -> None:
    assert bytes_to_text(payload, charset) == expected


def test_undecodable_body_is_replaced_not_raised() -> None:
    text = bytes_to_text(b"Total \xff\xfe\x00\x81 due", "utf-8")
    assert text.startswith("Total ") and text.endswith(" due")


# ---------------------------------------------------------------- dates


@needs_external
def test_timestamp_keeps_the_header_offset() -> None:
    (message,) = _eml(MAIL / "basic_email.eml").messages
    assert message.timestamp == "2008-11-22T15:04:59+11:00"
    assert message.sender == "Mikel Lindsaar <test@lindsaar.net>"
    assert message.source == Source("basic_email.eml", line=1)


@needs_external
@pytest.mark.parametrize(
    "path",
    [
        MAIL / "bad_date_header.eml",
        MAIL / "raw_email_with_bad_date.eml",
        UNSTRUCTURED / "test-invalid-date.eml",
        UNSTRUCTURED / "rfc822-no-date.eml",
    ],
    ids=lambda p: p.name,
)
def test_bad_or_missing_date_gives_no_timestamp(path: Path) -> None:
    (message,) = read_path(path).messages
    assert message.timestamp is None
    assert message.sender


@needs_external
def test_date_with_a_garbled_comment_still_parses() -> None:
    # "Sat, 20 Sep 2008 20:04:30 +0300 (<mojibake>)": only the comment is garbage.
    (message,) = read_path(MAIL / "raw_email_string_in_date_field.eml").messages
    assert message.timestamp == "2008-09-20T20:04:30+03:00"


@pytest.mark.parametrize(
    ("header", "expected"),
    [
        ("Thu, 03 Sep 2026 10:15:00 +0800", "2026-09-03T10:15:00+08:00"),
        ("Thu, 3 Sep 2026 10:15 -0000", "2026-09-03T10:15:00"),  # -0000: zone unknown
        ("Thu, 03 Sep 2026 10:15:00", "2026-09-03T10:15:00"),
        ("", None),
        ("   ", None),
        (None, None),
        ("Pn, 29 paX 2007 21:13:00 +0100", None),
        ("2026-09-03", None),
    ],
)
def test_mail_timestamp(header: str | None, expected: str | None) -> None:
    assert mail_timestamp(header) == expected


# ---------------------------------------------------------------- unreadable mails


@needs_external
def test_whitespace_only_file_is_f001() -> None:
    doc = _eml(UNSTRUCTURED / "empty.eml")
    assert not doc.messages
    assert [(p.code, p.reason) for p in doc.problems] == [
        ("F001", "empty.eml is an empty e-mail file")
    ]


def test_empty_mailbox_is_f001() -> None:
    doc = _doc(Path("box.mbox"))
    read_mbox(b"\n\n  \n", doc)
    assert [(p.code, p.reason) for p in doc.problems] == [
        ("F001", "box.mbox is an empty mailbox file")
    ]


def test_binary_bytes_are_f001_not_a_crash() -> None:
    doc = _doc(Path("blob.eml"))
    read_eml(bytes(range(256)) * 4, doc)
    assert not doc.messages
    assert [(p.code, p.reason) for p in doc.problems] == [
        ("F001", "blob.eml is not an e-mail in any known text encoding")
    ]


@needs_external
def test_encrypted_mail_keeps_headers_and_says_why() -> None:
    doc = read_path(UNSTRUCTURED / "fake-encrypted.eml")
    (message,) = doc.messages
    assert message.sender == "Michael Elkins <elkins@aero.org>"
    assert message.text == "Subject: \n\n"
    assert message.attachments == []  # the ciphertext is not an attachment
    assert [(p.code, p.reason) for p in doc.problems] == [
        (
            "F001",
            "fake-encrypted.eml is an encrypted e-mail (multipart/encrypted); "
            "its body cannot be read",
        )
    ]
    assert not doc.readable
    assert "subject" not in doc.metadata  # the mail has no Subject header


@needs_external
def test_multipart_without_parts_has_an_empty_body() -> None:
    (message,) = _eml(MAIL / "missing_body.eml").messages
    assert message.text == "Subject: REDACTED\n\n"
    assert message.attachments == []


# ---------------------------------------------------------------- HTML bodies


@needs_external
def test_plain_part_is_preferred_over_html() -> None:
    (message,) = _eml(UNSTRUCTURED / "mime-different-plain-html.eml").messages
    assert "This is the text/plain part." in message.text
    assert "text/html part" not in message.text


@needs_external
def test_html_only_mail_becomes_text() -> None:
    (message,) = _eml(MAIL / "bad_date_header.eml").messages  # text/html, empty body
    assert message.text == "Subject: You may_be Eligible for Legitimate_Cash from_GovAgencies!\n\n"


def test_html_to_text_keeps_block_breaks_and_drops_markup() -> None:
    html = (
        "<html><head><title>t</title><style>p{color:red}</style></head><body>"
        "<div>Dear Tom,</div><div><br></div>"
        "<p>Pay&nbsp;by <b>T/T</b><br/>to the\n   new account</p>"
        "<table><tr><td>Qty</td><td>3000</td></tr><tr><td>Price</td><td>USD 2.35</td></tr></table>"
        "<script>alert(1)</script></body></html>"
    )
    assert html_to_text(html) == (
        "Dear Tom,\n\nPay by T/T\nto the new account\n\nQty 3000\nPrice USD 2.35"
    )


# ---------------------------------------------------------------- own fixtures


def test_new_bank_account_mail() -> None:
    doc = read_path(EMAIL / "new_bank_account.eml")
    assert doc.reader == "email" and doc.problems == []
    (message,) = doc.messages
    assert message.timestamp == "2026-09-03T10:15:00+08:00"
    assert message.sender == "Lily Zhang <lily.zhang@hengda-housewares.example>"
    assert message.channel == "email"
    assert message.source == Source("new_bank_account.eml", line=1)
    assert message.attachments == ["Bank_Account_Change_Notice.pdf"]
    assert message.text.startswith(
        "Subject: Re: Order 2026-0815 balance payment - NEW bank account\n\nDear Tom,\n"
    )
    assert "by T/T\nto our NEW bank account below" in message.text  # the plain part, not HTML
    assert "<b>" not in message.text
    assert "> Hi Lily, the goods are ready?" in message.text  # quoted history is kept
    assert doc.metadata == {
        "subject": "Re: Order 2026-0815 balance payment - NEW bank account",
        "attachments": "Bank_Account_Change_Notice.pdf (application/pdf, 97 bytes)",
    }


def test_new_bank_account_page_lines() -> None:
    doc = read_path(EMAIL / "new_bank_account.eml")
    (page,) = doc.pages
    assert page.number == 1
    assert [line.text for line in page.lines[:7]] == [
        "From: Lily Zhang <lily.zhang@hengda-housewares.example>",
        "To: Tom Berger <tom.berger@berger-kitchen.example>",
        "Date: Thu, 03 Sep 2026 10:15:00 +0800",
        "Subject: Re: Order 2026-0815 balance payment - NEW bank account",
        "Attachments: Bank_Account_Change_Notice.pdf",
        "",
        "Dear Tom,",
    ]
    assert [line.source for line in page.lines[:2]] == [
        Source("new_bank_account.eml", page=1, line=1),
        Source("new_bank_account.eml", page=1, line=2),
    ]
    account = next(line for line in page.lines if line.text.startswith("Account No."))
    assert account.text == "Account No.: 801-554-209913"
    number = page.lines.index(account) + 1
    assert account.source == Source("new_bank_account.eml", page=1, line=number)


def test_gbk_mail_with_pi_attachment() -> None:
    doc = read_path(EMAIL / "gbk_pi.eml")
    assert doc.problems == []
    (message,) = doc.messages
    assert message.sender == "王喆 <wangzhe@hengda-housewares.example>"
    assert message.timestamp == "2026-08-17T16:42:08+08:00"
    assert message.attachments == ["形式发票PI-2026-0815.pdf"]
    assert doc.metadata["subject"] == "形式发票 PI-2026-0815 订单确认"
    assert doc.metadata["attachments"] == "形式发票PI-2026-0815.pdf (application/pdf, 97 bytes)"
    # Labelled gb2312 but written in GBK: 喆 exists only in GBK.
    assert "货物：不锈钢保温杯 500ml，数量 3000 个，单价 USD 2.35。" in message.text
    assert message.text.endswith("王喆\n宁波恒达家居用品有限公司")
    assert "This is a multi-part message" not in message.text  # the preamble is not the body


def test_mbox_gives_three_messages_in_order_with_start_lines() -> None:
    doc = read_path(EMAIL / "supplier_thread.mbox")
    assert doc.filetype == "mbox" and doc.reader == "email"
    assert doc.problems == []
    assert [m.source for m in doc.messages] == [
        Source("supplier_thread.mbox", line=1),
        Source("supplier_thread.mbox", line=19),
        Source("supplier_thread.mbox", line=38),
    ]
    assert [m.timestamp for m in doc.messages] == [
        "2026-08-10T09:00:00+02:00",
        "2026-08-10T21:30:12+08:00",
        "2026-09-22T18:05:33+02:00",
    ]
    assert [m.sender for m in doc.messages] == [
        "Tom Berger <tom.berger@berger-kitchen.example>",
        "Lily Zhang <lily.zhang@hengda-housewares.example>",
        "Tom Berger <tom.berger@berger-kitchen.example>",
    ]
    assert [m.attachments for m in doc.messages] == [[], [], ["carton_damage_01.jpg"]]
    assert [page.number for page in doc.pages] == [1, 2, 3]
    assert doc.pages[2].lines[0].source == Source("supplier_thread.mbox", page=3, line=1)
    assert "subject" not in doc.metadata
    assert doc.metadata["attachments"] == "carton_damage_01.jpg (image/jpeg, 22 bytes)"


def test_mbox_bodies() -> None:
    first, quote, complaint = read_path(EMAIL / "supplier_thread.mbox").messages
    # mboxrd: ">From the samples" in the file is "From the samples" in the mail.
    assert "\nFrom the samples we received in July" in first.text
    assert quote.text == (
        "Subject: Re: Inquiry: vacuum cup 500 ml, 3000 pcs\n\nDear Tom,\n\n"
        "Thanks for your inquiry. Our best price:\n\nItem Qty Unit price\n"
        "Vacuum cup 500 ml 3000 USD 2.35\n\nLead time 25 days after deposit.\n"
        "Payment: 30% deposit, 70% before shipment.\n\nLily"
    )
    # A "From ..." body line not after a blank line does not start a new message.
    kept = "on arrival.\nFrom inspection on Mon Sep 21 2026\nwe counted 412 dented cups"
    assert kept in complaint.text


def test_split_mbox_start_lines() -> None:
    data = (
        b"\n\nFrom a@x.example Thu Sep  3 10:00:00 2026\nSubject: one\n\nhi\n\n"
        b"From b@y.example Thu Sep  3 11:00:00 2026\nSubject: two\n\nsee you\nFrom x Mon 2026\n"
    )
    chunks = split_mbox(data)
    assert [line for line, _ in chunks] == [3, 8]
    assert chunks[1][1].endswith(b"see you\nFrom x Mon 2026\n")


def test_text_before_the_first_separator_is_its_own_message() -> None:
    data = b"Subject: stray\n\nx\n\nFrom a@x.example Thu Sep  3 10:00:00 2026\nSubject: one\n\nhi\n"
    assert [line for line, _ in split_mbox(data)] == [1, 5]
