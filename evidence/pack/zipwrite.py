"""Write a zip that is the same bytes every time, and only ever appears whole.

Every member gets the same fixed time (the as-of date at midnight), the same
permissions (rw-r--r--), the same creator system and the same compression level,
and members are written in sorted order: the same inputs give a byte-identical
archive on any run. The archive is written to a temporary file in the output's
own folder and renamed over the output only when complete, so a pack that fails
or is interrupted leaves nothing half-written behind.
"""

from __future__ import annotations

import contextlib
import hashlib
import os
import tempfile
import zipfile
from collections.abc import Iterator
from datetime import date
from pathlib import Path
from typing import BinaryIO

#: rw-r--r--: a plain file, readable by all, whatever the umask of the machine that packed it.
MEMBER_MODE = 0o100644
#: zlib's default level: packs are mostly PDFs and photos, which a higher level barely shrinks.
COMPRESS_LEVEL = 6
#: 3 is Unix: set explicitly, since Python writes 0 (MS-DOS) on Windows.
CREATOR_UNIX = 3
#: Bytes copied at a time: a member is never held in memory whole.
CHUNK_BYTES = 1024 * 1024
#: The years a zip's DOS time can hold.
_ZIP_YEARS = (1980, 2107)


def member_time(as_of: date) -> tuple[int, int, int, int, int, int]:
    """Given the as-of date, return the fixed time every member carries (clamped to what zip can hold)."""
    year = min(max(as_of.year, _ZIP_YEARS[0]), _ZIP_YEARS[1])
    if year != as_of.year:
        return (year, 1, 1, 0, 0, 0)
    return (as_of.year, as_of.month, as_of.day, 0, 0, 0)


def member_info(name: str, size: int, when: tuple[int, int, int, int, int, int]) -> zipfile.ZipInfo:
    """Given a member's name, size and time, return its header with every other field fixed."""
    info = zipfile.ZipInfo(name, date_time=when)
    info.compress_type = zipfile.ZIP_DEFLATED
    info.create_system = CREATOR_UNIX
    info.external_attr = MEMBER_MODE << 16
    info.file_size = size  # lets zipfile choose zip64 up front for a large member
    # A ZipInfo's own level, not the archive's, is the one used (named compress_level from Python 3.13).
    setattr(info, "compress_level" if hasattr(info, "compress_level") else "_compresslevel", COMPRESS_LEVEL)
    return info


def write_stream(archive: zipfile.ZipFile, info: zipfile.ZipInfo, stream: BinaryIO) -> tuple[int, str]:
    """Copy a stream into the archive as `info`, chunk by chunk; return the bytes copied and their SHA-256."""
    digest, size = hashlib.sha256(), 0
    with archive.open(info, "w") as member:
        while chunk := stream.read(CHUNK_BYTES):
            digest.update(chunk)
            member.write(chunk)
            size += len(chunk)
    return size, digest.hexdigest()


@contextlib.contextmanager
def deterministic_zip(handle: BinaryIO) -> Iterator[zipfile.ZipFile]:
    """Open a zip for writing on `handle` with the fixed compression level."""
    with zipfile.ZipFile(handle, "w", compression=zipfile.ZIP_DEFLATED, compresslevel=COMPRESS_LEVEL) as archive:
        yield archive


@contextlib.contextmanager
def atomic_output(target: Path) -> Iterator[BinaryIO]:
    """Yield a temporary file beside `target`; rename it to `target` when the block ends without error.

    On any error (Ctrl-C included) the temporary file is removed and `target` is left as it was.
    """
    descriptor, temporary = tempfile.mkstemp(prefix=f".{target.name}.", suffix=".part", dir=target.parent)
    try:
        with os.fdopen(descriptor, "wb") as handle:
            yield handle
            handle.flush()
            os.fsync(handle.fileno())
        os.chmod(temporary, 0o666 & ~_umask())  # mkstemp's 0600 would hide the pack from other users
        os.replace(temporary, target)
    except BaseException:
        with contextlib.suppress(OSError):
            os.unlink(temporary)
        raise


def _umask() -> int:
    mask = os.umask(0o022)
    os.umask(mask)
    return mask
