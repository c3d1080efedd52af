"""Readers: one module per input format, each filling a Document from a file's bytes.

A reader is a function ``read(data: bytes, doc: Document) -> None``. It adds
pages, messages or image facts to `doc`, and records what it could not read as
problems (F001/F002). It may raise on input it does not understand; the
dispatcher turns any such exception into an F001 problem, so one broken file
never stops a bundle.
"""

from __future__ import annotations

import importlib
import os
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from evidence import filetypes
from evidence.bundle import Bundle, BundleFile, Limits, describe, open_bundle
from evidence.records import Document

Reader = Callable[[bytes, Document], None]


@dataclass(frozen=True)
class ReaderIn:
    """A reader function named by its module here, imported when a file first needs it.

    The readers' libraries take a third of a second to import (openpyxl, pdfplumber,
    the OCR engine): a bundle of PDFs and a chat should not pay for the spreadsheet
    reader, nor `evidence cache info` for any of them.
    """

    module: str
    function: str

    def __call__(self, data: bytes, doc: Document) -> None:
        module = importlib.import_module(f"{__name__}.{self.module}")
        getattr(module, self.function)(data, doc)


#: Registry: detected file type -> (reader name, reader function).
READERS: dict[str, tuple[str, Reader]] = {
    filetypes.PDF: ("pdf", ReaderIn("pdf", "read")),
    filetypes.XLSX: ("xlsx", ReaderIn("xlsx", "read")),
    filetypes.OLE: ("xls", ReaderIn("xls", "read")),  # a legacy .xls; other OLE files are refused by the reader
    filetypes.DOCX: ("docx", ReaderIn("docx", "read")),
    filetypes.EML: ("email", ReaderIn("email", "read_eml")),
    filetypes.MBOX: ("email", ReaderIn("email", "read_mbox")),
    filetypes.CSV: ("messages", ReaderIn("message_csv", "read_csv")),
    filetypes.JSON: ("messages", ReaderIn("message_json", "read_json")),
    filetypes.TEXT: ("text", ReaderIn("text", "read_text")),
    filetypes.TOML: ("text", ReaderIn("text", "read_text")),
    filetypes.VIDEO: ("video", ReaderIn("image", "read_video")),
    **{kind: ("image", ReaderIn("image", "read")) for kind in filetypes.IMAGE_TYPES},
}

def load_readers() -> None:
    """Import every reader and its library now: a batch does, before it forks its workers, so they share them."""
    for _, reader in READERS.values():
        if isinstance(reader, ReaderIn):
            importlib.import_module(f"{__name__}.{reader.module}")


_UNSUPPORTED = {
    filetypes.EMPTY: "is empty (it holds no content)",
    filetypes.ZIP: "is an archive inside the bundle; unpack it into the bundle instead",
    filetypes.BINARY: "is not a document type the tool can read",
}


def read_file(file: BundleFile) -> Document:
    """Given one bundle file, return everything read from it; never raises on bad input."""
    reader_name, reader = READERS.get(file.filetype, ("none", None))
    doc = Document(
        path=file.path,
        sha256=file.sha256,
        size=file.size,
        filetype=file.filetype,
        reader=reader_name,
    )
    if reader is None:
        doc.add_problem("F001", f"{file.path} {_UNSUPPORTED.get(file.filetype, 'is not supported')}")
        return doc
    try:
        reader(file.read_bytes(), doc)
    except MemoryError:
        doc.add_problem("F001", f"{file.path} is too large to read in memory")
    except Exception as exc:  # a reader's library failed on this file: a finding, not a crash
        doc.add_problem("F001", f"{file.path} could not be read as {reader_name}: {_one_line(exc)}")
    return doc


def read_bundle(bundle: Bundle) -> list[Document]:
    """Given an opened bundle, return a Document for each file, in the bundle's order."""
    return [read_file(file) for file in bundle.files]


def read_path(path: str | os.PathLike[str], limits: Limits = Limits(),
              read: Callable[[BundleFile], Any] = read_file) -> Any:
    """Given one file on disk, return what was read from it (for `evidence extract`): `read`'s result.

    The file gets what a bundle's file gets in `check`: over the per-file size
    limit it is refused unread (F001), and the Document saying so is returned;
    `read` may be a budgeted reader (the CLI passes isolation's reader child,
    stopped when a page takes too long or memory runs out).
    """
    location = Path(path)
    size = location.stat().st_size
    if size > limits.max_file_bytes:
        doc = Document(path=location.name, sha256="", size=size, filetype=filetypes.BINARY, reader="none")
        doc.add_problem("F001", f"{location.name} is larger than the {limits.max_file_bytes // (1024 * 1024)} "
                        "MiB limit per file")
        return doc
    return read(describe(location.name, location.read_bytes()))


def _one_line(exc: BaseException) -> str:
    message = str(exc).strip().splitlines()
    # A library that wraps a traceback in its message (the OCR engine does) says the cause last.
    text = (message[-1] if message[0].startswith("Traceback") else message[0]) if message else ""
    name = type(exc).__name__
    return f"{name}: {text}"[:300] if text else name


__all__ = ["READERS", "load_readers", "read_bundle", "read_file", "read_path", "open_bundle"]
