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

Entries are pickled: the file lives in the user's own cache folder and is only
ever read by the same user's tool, like a browser's cache.
"""

from __future__ import annotations

import hashlib
import os
import pickle
import sqlite3
import zlib
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

import platformdirs

from evidence import version
from evidence.bundle import BundleFile
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


@lru_cache(maxsize=1)
def tool_version() -> str:
    """The release number plus a digest of every code and data file of the package."""
    digest = hashlib.sha256()
    for path in sorted(_PACKAGE.rglob("*")):
        if path.is_file() and path.suffix in {".py", ".json", ".toml"}:
            digest.update(path.relative_to(_PACKAGE).as_posix().encode())
            digest.update(path.read_bytes())
    return f"{version.__version__}+{digest.hexdigest()[:12]}"


def pack(document: Document, record: Record) -> bytes:
    """A document and its record as the bytes an entry stores."""
    return zlib.compress(pickle.dumps((document, record), protocol=pickle.HIGHEST_PROTOCOL), 1)


def unpack(payload: bytes) -> tuple[Document, Record]:
    document, record = pickle.loads(zlib.decompress(payload))
    return document, record


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

    def get(self, file: BundleFile) -> tuple[Document, Record] | None:
        """The cached document and record of `file`, or None."""
        row = self._execute(
            "SELECT payload FROM entries WHERE sha256 = ? AND path = ? AND tool = ?",
            (file.sha256, file.path, self.tool),
        )
        found = row.fetchone() if row is not None else None
        if found is None:
            return None
        try:
            return unpack(found[0])
        except Exception:  # written by an older layout of the same classes: read the file again
            return None

    def put(self, file: BundleFile, payload: bytes) -> None:
        """Store `payload` (from `pack`) as the entry of `file`."""
        self._execute(
            "INSERT OR REPLACE INTO entries (sha256, path, tool, size, payload) VALUES (?, ?, ?, ?, ?)",
            (file.sha256, file.path, self.tool, file.size, payload),
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
        try:
            self.path.parent.mkdir(parents=True, exist_ok=True)
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
