"""A cache of what was read and extracted from each file, so a re-run reads only hashes.

An entry holds one file's Document and Record, keyed by the file's SHA-256, its
path inside the bundle (sources cite that path) and the tool version. The tool
version is the release number plus a digest of the package's code and data
files, so editing a reference list (labels, subjective words...) or upgrading
the tool never serves records the current code would not produce.

The store is one SQLite file in the user's cache folder (platformdirs), or in
$EVIDENCE_CACHE_DIR. Several worker processes may share it: it runs in WAL mode
and waits for a writer instead of failing. A cache that cannot be opened or
written is skipped, never an error: the check just reads the files again.

Entries are data, never code: JSON (zlib-compressed) in which a dataclass of
evidence.records is a tagged list of its fields, rebuilt only from that fixed
list of classes. Whoever can write the cache can at worst make a check read a
wrong value, never run code; an entry that does not decode to a Document and a
Record (corrupt, foreign, an older layout) is ignored and the file read again.
A cache folder other users can write to (group- or world-writable and not
owned by the user) is refused with one warning line; a new folder is made 0700.
"""

from __future__ import annotations

import hashlib
import os
import json
import stat
import sqlite3
import zlib
import dataclasses
from dataclasses import dataclass
from datetime import date, datetime
from decimal import Decimal
from functools import lru_cache
from importlib import metadata
from pathlib import Path

import platformdirs

from evidence import version
from evidence.bundle import BundleFile
from evidence import records
from evidence.records import Document, Record

CACHE_ENV = "EVIDENCE_CACHE_DIR"
CACHE_FILE = "records.sqlite3"
_PACKAGE = Path(__file__).resolve().parent
_SCHEMA = """
CREATE TABLE IF NOT EXISTS entries (
    sha256 TEXT NOT NULL,
    path TEXT NOT NULL,
    tool TEXT NOT NULL,
    size INTEGER NOT NULL,
    payload BLOB NOT NULL,
    PRIMARY KEY (sha256, path, tool)
)
"""


def default_cache_dir() -> Path:
    """$EVIDENCE_CACHE_DIR if set, else the user's cache folder for evidence."""
    configured = os.environ.get(CACHE_ENV)
    return Path(configured) if configured else Path(platformdirs.user_cache_dir("evidence"))


#: The libraries whose version changes what a file reads as: a new pdfium can find other text, and a
#: scan read without the OCR engine must be read again once it is installed.
READING_LIBRARIES = ("pypdfium2", "pdfplumber", "openpyxl", "python-calamine", "python-docx",
                     "charset-normalizer", "Pillow", "pillow-heif", "rapidocr-onnxruntime")


@lru_cache(maxsize=1)
def tool_version() -> str:
    """The release number plus a digest of every code and data file of the package and of the
    reading libraries' installed versions (from their metadata: nothing is imported)."""
    digest = hashlib.sha256(" ".join(map(_installed_version, READING_LIBRARIES)).encode())
    for path in sorted(_PACKAGE.rglob("*")):
        if path.is_file() and path.suffix in {".py", ".json", ".toml"}:
            digest.update(path.relative_to(_PACKAGE).as_posix().encode())
            digest.update(path.read_bytes())
    return f"{version.__version__}+{digest.hexdigest()[:12]}"


def _installed_version(package: str) -> str:
    try:
        return f"{package} {metadata.version(package)}"
    except metadata.PackageNotFoundError:
        return f"{package} none"


#: The only classes an entry may rebuild, by name: the dataclasses of evidence.records.
_CLASSES: dict[str, type] = {
    name: cls for name, cls in vars(records).items()
    if isinstance(cls, type) and dataclasses.is_dataclass(cls) and cls.__module__ == records.__name__
}
_FIELDS: dict[type, tuple[str, ...]] = {
    cls: tuple(f.name for f in dataclasses.fields(cls) if f.init) for cls in _CLASSES.values()
}
#: An entry inflating past this is not one `pack` wrote (500 pages with every word are ~20 MB).
MAX_ENTRY_BYTES = 256 * 1024 * 1024
_TAG = "\u0000"  # a key no document text produces: marks a tagged object, not a plain dict


class _Undecodable(ValueError):
    """An entry that is not what `pack` writes."""


def pack(document: Document, record: Record) -> bytes:
    """A document and its record as the bytes an entry stores (compressed JSON, no code).

    Empty bytes when they hold a value the codec does not know: such a pair is not stored.
    """
    try:
        text = json.dumps([_encode(document), _encode(record)], ensure_ascii=False, separators=(",", ":"))
    except (TypeError, ValueError):
        return b""
    # A name that was not UTF-8 is kept surrogate-escaped (os.fsdecode): stored as it is.
    return zlib.compress(text.encode("utf-8", "surrogatepass"), 1)


def unpack(payload: bytes) -> tuple[Document, Record]:
    """The document and record of an entry; ValueError (or another plain error) when it is not one."""
    inflate = zlib.decompressobj()
    text = inflate.decompress(payload, MAX_ENTRY_BYTES)
    if inflate.unconsumed_tail:
        raise _Undecodable("inflates past MAX_ENTRY_BYTES")  # a planted zlib bomb
    data = json.loads(text.decode("utf-8", "surrogatepass"))
    if not (isinstance(data, list) and len(data) == 2):
        raise _Undecodable("not a document and a record")
    document, record = _decode(data[0]), _decode(data[1])
    if not (isinstance(document, Document) and isinstance(record, Record)):
        raise _Undecodable("not a document and a record")
    return document, record


def _encode(value: object) -> object:
    if value is None or isinstance(value, (str, bool, int, float)):
        return value
    if isinstance(value, list):
        return [_encode(v) for v in value]
    cls = type(value)
    if cls in _FIELDS:
        return {_TAG: cls.__name__, "f": [_encode(getattr(value, name)) for name in _FIELDS[cls]]}
    if isinstance(value, dict):
        if all(isinstance(k, str) and k != _TAG for k in value):
            return {k: _encode(v) for k, v in value.items()}
        return {_TAG: "dict", "f": [[_encode(k), _encode(v)] for k, v in value.items()]}
    if isinstance(value, tuple):
        return {_TAG: "tuple", "f": [_encode(v) for v in value]}
    if isinstance(value, Decimal):
        return {_TAG: "Decimal", "f": str(value)}
    if isinstance(value, datetime):
        return {_TAG: "datetime", "f": value.isoformat()}
    if isinstance(value, date):
        return {_TAG: "date", "f": value.isoformat()}
    raise TypeError(f"{cls.__name__} is not stored in the cache")


def _decode(data: object) -> object:
    if isinstance(data, list):
        return [_decode(v) for v in data]
    if not isinstance(data, dict):
        return data
    tag = data.get(_TAG)
    if tag is None:
        return {k: _decode(v) for k, v in data.items()}
    body = data.get("f")
    if tag in _CLASSES and isinstance(body, list) and len(body) == len(_FIELDS[_CLASSES[tag]]):
        return _CLASSES[tag](*(_decode(v) for v in body))
    if tag == "dict" and isinstance(body, list):
        return {_hashable(_decode(k)): _decode(v) for k, v in body}
    if tag == "tuple" and isinstance(body, list):
        return tuple(_decode(v) for v in body)
    if isinstance(body, str) and tag in ("Decimal", "datetime", "date"):
        return {"Decimal": Decimal, "datetime": datetime.fromisoformat, "date": date.fromisoformat}[tag](body)
    raise _Undecodable(f"unknown entry tag {tag!r}")


def _hashable(key: object) -> object:
    if isinstance(key, (list, dict)):
        raise _Undecodable("an unhashable key")
    return key


def _key(path: str) -> str:
    """A bundle path as the database stores it: a name that was not UTF-8 with its bytes escaped."""
    return path.encode("utf-8", "surrogateescape").decode("utf-8", "backslashreplace")


def folder_refusal(folder: Path) -> str | None:
    """Why the cache folder is unsafe to use (other users can write to it), or None.

    A folder the user owns is theirs to share; one owned by someone else that
    is group- or world-writable lets others plant entries, so it is refused.
    """
    if not hasattr(os, "getuid"):  # pragma: no cover - Windows: no POSIX modes to check
        return None
    try:
        state = folder.stat()
    except OSError:
        return None  # not there yet: it will be made 0700
    if state.st_uid != os.getuid() and state.st_mode & (stat.S_IWGRP | stat.S_IWOTH):
        return f"the cache folder {folder} can be written by other users; running without the cache"
    return None


@dataclass(frozen=True)
class CacheInfo:
    path: Path
    entries: int
    current: int  # entries written by this tool version
    payload_bytes: int
    file_bytes: int
    usable: bool  # False when the database cannot be opened or created there


class Cache:
    """Documents and records by (SHA-256, path in bundle, tool version)."""

    def __init__(self, folder: Path | None = None, tool: str | None = None) -> None:
        self.path = (folder or default_cache_dir()) / CACHE_FILE
        self.tool = tool or tool_version()
        self._db: sqlite3.Connection | None = None
        self._broken = False
        self.refusal: str | None = None  # why the folder was refused, said once on stderr

    def get(self, file: BundleFile) -> tuple[Document, Record] | None:
        """The cached document and record of `file`, or None."""
        row = self._execute(
            "SELECT payload FROM entries WHERE sha256 = ? AND path = ? AND tool = ?",
            (file.sha256, _key(file.path), self.tool),
        )
        found = row.fetchone() if row is not None else None
        if found is None:
            return None
        try:
            return unpack(found[0])
        except Exception:  # corrupt, foreign or an older layout: read the file again
            return None

    def put(self, file: BundleFile, payload: bytes) -> None:
        """Store `payload` (from `pack`) as the entry of `file`; empty bytes store nothing."""
        if not payload:
            return
        self._execute(
            "INSERT OR REPLACE INTO entries (sha256, path, tool, size, payload) VALUES (?, ?, ?, ?, ?)",
            (file.sha256, _key(file.path), self.tool, file.size, payload),
            commit=True,
        )

    def info(self) -> CacheInfo:
        """How many entries there are, how many this tool version wrote, and their size."""
        totals = self._execute(
            "SELECT COUNT(*), COALESCE(SUM(tool = ?), 0), COALESCE(SUM(LENGTH(payload)), 0) FROM entries",
            (self.tool,),
        )
        entries, current, payload = totals.fetchone() if totals is not None else (0, 0, 0)
        file_bytes = sum(p.stat().st_size for p in self.path.parent.glob(CACHE_FILE + "*") if p.is_file())
        return CacheInfo(self.path, entries, current, payload, file_bytes, not self._broken)

    def clear(self, stale_only: bool = False) -> int:
        """Delete every entry (or only other tool versions'); return how many went."""
        where = " WHERE tool != ?" if stale_only else ""
        cursor = self._execute("DELETE FROM entries" + where, (self.tool,) if stale_only else (), commit=True)
        removed = cursor.rowcount if cursor is not None else 0
        self._execute("VACUUM", ())
        return removed

    def close(self) -> None:
        if self._db is not None:
            self._db.close()
            self._db = None

    def _execute(self, sql: str, params: tuple[object, ...], commit: bool = False) -> sqlite3.Cursor | None:
        """Run one statement; on any database error, switch the cache off for this process."""
        db = self._connect()
        if db is None:
            return None
        try:
            cursor = db.execute(sql, params)
            if commit:
                db.commit()
            return cursor
        except sqlite3.Error:
            self._broken = True
            self.close()
            return None

    def _connect(self) -> sqlite3.Connection | None:
        if self._db is not None or self._broken:
            return self._db
        self.refusal = folder_refusal(self.path.parent)
        if self.refusal is not None:  # the command line says why, once (cli._cache_dir)
            self._broken = True
            return None
        try:
            self.path.parent.mkdir(mode=0o700, parents=True, exist_ok=True)
            db = sqlite3.connect(self.path, timeout=60)
            db.execute("PRAGMA journal_mode=WAL")
            db.execute("PRAGMA synchronous=NORMAL")
            db.execute(_SCHEMA)
            db.commit()
        except (sqlite3.Error, OSError):
            self._broken = True
            return None
        self._db = db
        return db
