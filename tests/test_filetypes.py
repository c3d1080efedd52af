from __future__ import annotations

import io
import zipfile

import pytest

from evidence import filetypes
from evidence.textcodec import decode_text


def _zip_with(*names: str) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        for name in names:
            archive.writestr(name, "x")
    return buffer.getvalue()


@pytest.mark.parametrize(
    ("data", "name", "expected"),
    [
        (b"%PDF-1.7\n...", "scan.jpg", "pdf"),  # the extension lies; the bytes decide
        (b"garbage before\n%PDF-1.4\n", "x.pdf", "pdf"),
        (b"\x89PNG\r\n\x1a\n" + b"\0" * 32, "photo.pdf", "png"),
        (b"\xff\xd8\xff\xe0\x00\x10JFIF\x00", "a.png", "jpeg"),
        (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\0" * 32, "a.xlsx", "ole"),
        (_zip_with("[Content_Types].xml", "xl/workbook.xml"), "pi.bin", "xlsx"),
        (_zip_with("[Content_Types].xml", "word/document.xml"), "c.xlsx", "docx"),
        (_zip_with("photos/a.jpg"), "more.zip", "zip"),
        (b"   \n\t ", "a.txt", "empty"),
        (b"From: a@b.com\nTo: c@d.com\nSubject: PI\n\nbody", "mail", "eml"),
        (b"From a@b.com Thu Sep  3 10:00:00 2026\nFrom: a@b.com\n\nx", "box", "mbox"),
        (b'{"messages": []}', "log", "json"),
        (b"time,sender,message\n2026-09-01 10:00,Li,hi\n", "chat.csv", "csv"),
        (b"order = 1\n", "claim.toml", "toml"),
        (b"just some words\n", "notes", "text"),
        (bytes(range(256)) * 4, "blob", "binary"),
    ],
)
def test_detect(data: bytes, name: str, expected: str) -> None:
    assert filetypes.detect(data, name) == expected


def test_decode_text_handles_chinese_encodings() -> None:
    text = "形式发票 交货期：2026年9月5日 数量 5000 件\n" * 3
    assert decode_text(text.encode("gb18030")) == text
    assert decode_text(text.encode("utf-16")) == text
    assert decode_text(text.encode("utf-16-le")) == text
    assert decode_text(b"\xef\xbb\xbf" + text.encode("utf-8")) == text


def test_decode_text_refuses_binary() -> None:
    assert decode_text(bytes(range(256)) * 8) is None
