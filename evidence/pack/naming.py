"""Where each file goes in a pack, under a name every file system accepts.

A packed name is built from the document's kind, its own number and its date
(`01-order/proforma-invoice_PI-2026-0815_2026-08-15.pdf`); a document with no number
(a chat, a photo) keeps its original file name in place of one. Names are safe on
Windows, macOS and Linux alike: no separators, control or format characters, no
reserved device names (CON, NUL, COM1...), no trailing dot or space, and short
enough for any file system. Chinese and other scripts are kept. Names that would
clash on a case-insensitive file system are made unique by a counter, in the
order of the original paths, so the same bundle always gives the same names.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import PurePosixPath

from evidence.kinds import (
    CLAIM_MANIFEST,
    COMMERCIAL_INVOICE,
    CONTRACT,
    INSPECTION_REPORT,
    MESSAGE_LOG,
    PAYMENT_RECORD,
    PHOTO,
    PROFORMA_INVOICE,
    SHIPPING_DOCUMENT,
    UNKNOWN,
)

#: Document kind -> the pack's folder for it, in the order a reviewer reads a claim.
FOLDER_BY_KIND: dict[str, str] = {
    PROFORMA_INVOICE: "01-order",
    COMMERCIAL_INVOICE: "01-order",
    CONTRACT: "02-contract",
    INSPECTION_REPORT: "03-inspection",
    PAYMENT_RECORD: "04-payment",
    SHIPPING_DOCUMENT: "05-shipping",
    MESSAGE_LOG: "06-messages",
    PHOTO: "07-photos",
    UNKNOWN: "08-other",
}
#: Where a kind missing above goes (a kind added later is still packed).
OTHER_FOLDER = "08-other"
#: The claim manifest stays at the pack's root under its own name: it describes the claim rather
#: than proving anything, and the root is the one place a check takes a claim.toml from.
MANIFEST_AT_ROOT = "claim.toml"

#: Characters Windows forbids in a name, beside the path separators.
_FORBIDDEN = set('<>:"/\\|?*')
#: Names Windows reserves for devices, with or without an extension.
_RESERVED = {"con", "prn", "aux", "nul", "conin$", "conout$",
             *(f"{device}{n}" for device in ("com", "lpt") for n in [*"123456789", "¹", "²", "³"])}
#: The longest a name's stem may be, in UTF-8 bytes: 255 is every common file system's limit
#: for a name; this leaves room for a counter and an extension, and for a folder on Windows.
MAX_STEM_BYTES = 120
_EXTENSION = re.compile(r"\.[A-Za-z0-9]{1,10}")
_RUNS = re.compile(r"-{2,}")


@dataclass(frozen=True)
class NamedFile:
    """What naming needs to know of one document."""

    path: str  # the original path in the bundle
    kind: str
    number: str | None = None
    date: str | None = None  # ISO


def safe_part(text: str) -> str:
    """Given any text, return it as one safe name part: unsafe characters and spaces become '-'."""
    text = unicodedata.normalize("NFC", text)
    out = "".join("-" if _unsafe(ch) else ch for ch in text)
    return _RUNS.sub("-", out).strip("-._ ")


def _unsafe(ch: str) -> bool:
    """Separators, Windows' forbidden characters, spaces, and control, format or unassigned code points."""
    return ch in _FORBIDDEN or ch.isspace() or unicodedata.category(ch) in {"Cc", "Cf", "Cs", "Co", "Cn", "Zl", "Zp"}


def extension_of(path: str) -> str:
    """Given an original path, return its extension as it was written ('.JPG'), or '' if it has none fit to keep."""
    suffix = PurePosixPath(path).suffix
    return suffix if _EXTENSION.fullmatch(suffix) else ""


def base_name(file: NamedFile) -> str:
    """Given a document, return its name in the pack without folder, counter or extension."""
    kind = file.kind.replace("_", "-")
    own = safe_part(file.number) if file.number else ""
    if not own:  # no number: the original file name says which chat or photo it is
        own = safe_part(PurePosixPath(file.path).stem)
    parts = [kind, own, safe_part(file.date) if file.date else ""]
    return _shortened("_".join(part for part in parts if part))


def _shortened(stem: str) -> str:
    """Given a stem, return it cut to MAX_STEM_BYTES of UTF-8 at a character boundary, and not a device name."""
    encoded = stem.encode("utf-8")[:MAX_STEM_BYTES]
    stem = encoded.decode("utf-8", "ignore").rstrip("-._ ") or "file"
    return f"{stem}_" if stem.split(".")[0].lower() in _RESERVED else stem


def folder_of(kind: str) -> str:
    """Given a document kind, return the pack folder it goes in ('' for the pack's root)."""
    if kind == CLAIM_MANIFEST:
        return ""
    return FOLDER_BY_KIND.get(kind, OTHER_FOLDER)


def packed_names(files: Iterable[NamedFile], taken: Iterable[str] = ()) -> dict[str, str]:
    """Given the documents, return original path -> packed path, every packed path unique.

    Two names that differ only in case or Unicode normalisation clash too (they are one
    file on Windows and macOS): the later one, by original path, gets '-2', '-3', ...
    `taken` are names already used in the pack (the reports, the manifest).
    """
    used = {_folded(name) for name in taken}
    names: dict[str, str] = {}
    for file in sorted(files, key=lambda f: f.path):
        if file.kind == CLAIM_MANIFEST:
            folder, stem, extension = "", PurePosixPath(MANIFEST_AT_ROOT).stem, PurePosixPath(MANIFEST_AT_ROOT).suffix
        else:
            folder, stem, extension = folder_of(file.kind), base_name(file), extension_of(file.path)
        candidate, counter = _joined(folder, stem, extension), 1
        while _folded(candidate) in used:
            counter += 1
            candidate = _joined(folder, f"{stem}-{counter}", extension)
        used.add(_folded(candidate))
        names[file.path] = candidate
    return names


def _joined(folder: str, stem: str, extension: str) -> str:
    return f"{folder}/{stem}{extension}" if folder else f"{stem}{extension}"


def _folded(name: str) -> str:
    """The form in which two names are one file on a case-insensitive, normalising file system."""
    return unicodedata.normalize("NFC", name).casefold()


def is_safe_name(name: str) -> bool:
    """True when each part of a packed path is a name every common file system accepts as it is."""
    parts = name.split("/")
    return all(
        part and part not in {".", ".."} and part == part.rstrip(". ")
        and not any(_unsafe(ch) for ch in part)
        and part.split(".")[0].lower() not in _RESERVED and len(part.encode("utf-8")) <= 255
        for part in parts
    )
