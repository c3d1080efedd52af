"""Open a bundle (a folder or a .zip of one) safely, and hash and type each file.

Nothing is ever written into or next to the bundle: folders are only read, and a
zip's members are read into memory. A zip member with an absolute path, a `..`
part or a link, and anything past the size and count limits, is refused with a
problem (F001) instead of being read; the rest of the bundle is still checked.
A zip member is unpacked in chunks and counted as it comes, never trusting the
size its header claims. A file or folder that cannot be listed or read (no
permission, a link loop) is a problem too, never an abort; a second zip member
of the same name is refused (F004) so it cannot stand in for the first.

A file name that is not UTF-8 is read from its own bytes on disk, and shown in
the report with the bad bytes escaped (`bad\\xffname.pdf`) so every report is
valid UTF-8.
"""

from __future__ import annotations

import hashlib
import io
import json
import os
import stat
import zipfile
from dataclasses import dataclass, field
from pathlib import Path, PurePosixPath
from typing import BinaryIO

from evidence import filetypes
from evidence.errors import BundleError
from evidence.records import Problem, Source
from evidence.wording import counted

DEBRIS_NAMES = {".ds_store", "thumbs.db", "desktop.ini", ".localized", "icon\r"}
DEBRIS_DIRS = {"__macosx", ".git", ".svn", ".trash", ".trashes", ".spotlight-v100", ".fseventsd"}


@dataclass(frozen=True)
class Limits:
    """Safety limits for one bundle: what a hostile or broken archive can cost us."""

    max_files: int = 5_000
    max_file_bytes: int = 256 * 1024 * 1024  # one file (a zip member as it unpacks)
    max_total_bytes: int = 1024 * 1024 * 1024  # all files together (what a zip unpacks to)


#: Bytes unpacked from a zip member at a time, counted against the limits as they come.
CHUNK_BYTES = 1024 * 1024


@dataclass
class BundleFile:
    """One file of a bundle: where it is, what it is, and how to get its bytes."""

    path: str  # relative to the bundle, with forward slashes
    size: int
    sha256: str
    filetype: str
    _data: bytes | None = field(default=None, repr=False)
    _disk_path: Path | None = field(default=None, repr=False)

    def read_bytes(self) -> bytes:
        if self._data is not None:
            return self._data
        assert self._disk_path is not None
        return self._disk_path.read_bytes()

    def open(self) -> BinaryIO:
        """Return the file's bytes as a stream: read from disk as it goes for a folder's file."""
        if self._data is not None:
            return io.BytesIO(self._data)
        assert self._disk_path is not None
        return self._disk_path.open("rb")


@dataclass
class Bundle:
    """The files of one order's evidence, in a stable (sorted) order."""

    location: str
    files: list[BundleFile]
    problems: list[Problem] = field(default_factory=list)


def open_bundle(location: str | os.PathLike[str], limits: Limits = Limits()) -> Bundle:
    """Given a folder or a .zip, return its files; raise BundleError if it cannot be opened."""
    path = Path(location)
    if path.is_dir():
        return _without_pack_reports(_open_folder(path, limits))
    refusal = refuse_bundle_file(path)
    if refusal is not None:
        raise BundleError(refusal)
    return _without_pack_reports(_open_zip(path, limits))


#: The manifest `evidence pack` writes at the top of a pack, beside its reports.
PACK_MANIFEST = "manifest.json"


def _without_pack_reports(bundle: Bundle) -> Bundle:
    """Given an opened bundle, return it without a pack's own manifest and reports, when it is a pack.

    A pack checked again must be judged on its evidence: its report.html read as a
    document was taken for a proforma invoice. Only the reports the manifest lists,
    byte for byte as it hashed them, are left out; an edited one is read as any file.
    """
    manifest = next((f for f in bundle.files if f.path == PACK_MANIFEST), None)
    if manifest is None or manifest.size > _PACK_MANIFEST_MAX_BYTES:
        return bundle
    try:
        data = json.loads(manifest.read_bytes())
        ours = {(r["packed_path"], r["sha256"]) for r in data["reports"]} if data.get("tool") == "evidence" else set()
    except (OSError, ValueError, TypeError, KeyError, AttributeError):
        return bundle
    if not ours:
        return bundle
    bundle.files = [f for f in bundle.files if f is not manifest and (f.path, f.sha256) not in ours]
    return bundle


#: A pack's manifest lists every file: a larger manifest.json is no pack's.
_PACK_MANIFEST_MAX_BYTES = 16 * 1024 * 1024


#: The part every Office Open XML file (.xlsx, .docx, .pptx) holds: a document, not an archive of them.
_OFFICE_PART = "[Content_Types].xml"


def refuse_bundle_file(path: Path) -> str | None:
    """Given a path that is not a folder, return the one line saying why it is no bundle, or None for a .zip.

    A missing path, a device or pipe (/dev/null), a damaged or truncated zip, and a single
    .xlsx/.docx (a zip of XML parts, but one document) each get their own accurate line.
    """
    if not path.exists():
        return f"{path} does not exist"
    if not path.is_file():
        return f"{path} is not a folder or a .zip file (it is a device, pipe or other special file)"
    try:
        with path.open("rb") as handle:
            head = handle.read(4)
    except OSError as exc:
        return f"{path} cannot be read: {exc.strerror or exc}"
    if not zipfile.is_zipfile(path):
        if head.startswith(b"PK"):
            return f"{path} is a damaged or truncated .zip archive; re-create it, or unpack it into a folder"
        return f"{path} is neither a folder nor a .zip archive" + (" (it is empty)" if not head else "")
    try:
        with zipfile.ZipFile(path) as archive:
            names = set(archive.namelist())
    except (zipfile.BadZipFile, OSError, ValueError):
        return f"{path} is a damaged or truncated .zip archive; re-create it, or unpack it into a folder"
    if _OFFICE_PART in names:
        return (f"{path} is one document (an Office file), not a bundle: put it in a folder with the order's "
                "other documents and check the folder")
    return None


def is_debris(relative: str) -> bool:
    """True for files an OS or archiver leaves behind, which are never evidence."""
    parts = PurePosixPath(relative).parts
    if any(part.lower() in DEBRIS_DIRS for part in parts[:-1]):
        return True
    name = parts[-1]
    return name.lower() in DEBRIS_NAMES or name.startswith("._") or name.startswith("~$")


def describe(path: str, data: bytes) -> BundleFile:
    """Given a file's path and bytes, return it hashed and typed."""
    return BundleFile(
        path=path,
        size=len(data),
        sha256=hashlib.sha256(data).hexdigest(),
        filetype=filetypes.detect(data, path),
        _data=data,
    )


def display_path(name: str) -> str:
    """Given a path as the file system gave it (undecodable bytes as surrogates), return it printable.

    A name that is not UTF-8 keeps its bad bytes as `\\xff` escapes, so reports stay valid UTF-8
    and the name still tells the user which file it is.
    """
    try:
        name.encode("utf-8")
        return name
    except UnicodeEncodeError:
        return os.fsencode(name).decode("utf-8", "backslashreplace")


def _open_folder(root: Path, limits: Limits) -> Bundle:
    bundle = Bundle(location=str(root), files=[])
    resolved_root = root.resolve()
    total = 0

    def record_unlistable(error: OSError) -> None:
        where = Path(error.filename) if error.filename else root
        if where == root:
            raise BundleError(f"{root} cannot be opened ({_os_reason(error)})")
        relative = where.relative_to(root).as_posix() if where.is_relative_to(root) else str(where)
        bundle.problems.append(Problem(
            "F001", f"is a folder that cannot be opened ({_os_reason(error)}); the files in it were not read",
            Source(display_path(relative))))

    for current, dirs, names in os.walk(root, onerror=record_unlistable, followlinks=False):
        dirs[:] = sorted(d for d in dirs if d.lower() not in DEBRIS_DIRS)
        for name in sorted(names):
            full = Path(current) / name
            relative = display_path(full.relative_to(root).as_posix())
            if is_debris(relative):
                continue
            try:
                refusal = _refuse_disk_file(full, resolved_root, limits)
                if refusal is None and len(bundle.files) >= limits.max_files:
                    refusal = f"the bundle has more than {limits.max_files} files; the rest were not read"
                if refusal is None and total + full.stat().st_size > limits.max_total_bytes:
                    refusal = "the bundle exceeds its total size limit; this file was not read"
                data = b"" if refusal else full.read_bytes()
            except (OSError, RuntimeError, ValueError) as exc:  # no permission, a link loop, a bad name
                refusal = f"cannot be read ({_os_reason(exc)})"
            if refusal:
                bundle.problems.append(Problem("F001", refusal, Source(relative)))
                continue
            total += len(data)
            described = describe(relative, data)
            # Keep only the hash in memory; the bytes are read again when needed.
            described._data = None
            described._disk_path = full
            bundle.files.append(described)
    bundle.files.sort(key=lambda f: f.path)
    return bundle


def _os_reason(exc: BaseException) -> str:
    """Given an error from the file system, return its reason in a few words."""
    if isinstance(exc, OSError) and exc.strerror:
        return exc.strerror
    text = str(exc).splitlines()[0] if str(exc).strip() else ""
    return f"{type(exc).__name__}: {text}"[:200] if text else type(exc).__name__


def _refuse_disk_file(full: Path, resolved_root: Path, limits: Limits) -> str | None:
    if full.is_symlink():
        try:
            target = full.resolve(strict=True)
        except (OSError, RuntimeError):
            return "is a link that loops or points nowhere; not followed"
        if not target.is_relative_to(resolved_root):
            return "is a link that points outside the bundle; not followed"
    if not full.is_file():
        return "is not a regular file"
    if full.stat().st_size > limits.max_file_bytes:
        return f"is larger than the {_mib(limits.max_file_bytes)} limit per file"
    return None


def _mib(size: int) -> str:
    return f"{size / (1024 * 1024):g} MiB"


def _open_zip(path: Path, limits: Limits) -> Bundle:
    bundle = Bundle(location=str(path), files=[])
    try:
        archive = zipfile.ZipFile(path)
    except (zipfile.BadZipFile, OSError, UnicodeDecodeError, ValueError, EOFError) as exc:
        raise BundleError(f"{path} cannot be opened as a zip archive: {_os_reason(exc)}") from None
    with archive:
        members = [m for m in archive.infolist() if not m.is_dir()]
        root = _common_root(members)
        total = 0
        seen: set[str] = set()
        past_total: list[str] = []
        # sorted() is stable: of two members with one name, the first in the archive comes first.
        for member in sorted(members, key=lambda m: m.filename):
            relative = display_path(_strip_root(member.filename, root))
            if is_debris(relative):
                continue
            if relative in seen:
                bundle.problems.append(Problem(
                    "F004", "is in the archive twice under the same name; only the first copy "
                    "was read, the later one is ignored", Source(relative)))
                continue
            seen.add(relative)
            if past_total:
                past_total.append(relative)
                continue
            refusal = _refuse_member(member, limits)
            if refusal is None and len(bundle.files) >= limits.max_files:
                refusal = f"the archive has more than {limits.max_files} files; the rest were not read"
            if refusal is None:
                data, refusal = _read_member(archive, member, limits, limits.max_total_bytes - total)
                if refusal == _PAST_TOTAL:
                    past_total.append(relative)
                    continue
            if refusal:
                bundle.problems.append(Problem("F001", refusal, Source(relative)))
                continue
            total += len(data)
            bundle.files.append(describe(relative, data))
        if past_total:
            others = f" and {counted(len(past_total) - 1, 'more file')}" if len(past_total) > 1 else ""
            shown = ", ".join(past_total[1:6]) + (", ..." if len(past_total) > 6 else "")
            verb = "were" if others else "was"
            listed = f" ({shown})" if shown else ""
            bundle.problems.append(Problem(
                "F001", f"{others} {verb} not read: the archive unpacks past its {_mib(limits.max_total_bytes)} "
                f"total limit{listed}".lstrip(), Source(past_total[0])))
    bundle.files.sort(key=lambda f: f.path)
    return bundle


def _refuse_member(member: zipfile.ZipInfo, limits: Limits) -> str | None:
    name = member.filename.replace("\\", "/")
    parts = PurePosixPath(name).parts
    if name.startswith("/") or (len(name) > 1 and name[1] == ":"):
        return "has an absolute path inside the archive; refused"
    if ".." in parts:
        return "has a '..' path that leaves the archive; refused"
    mode = member.external_attr >> 16
    if stat.S_ISLNK(mode):
        return "is a link inside the archive; links are not followed"
    if member.flag_bits & 0x1:
        return "is encrypted inside the archive and cannot be read"
    if member.file_size > limits.max_file_bytes:
        return f"unpacks to more than the {_mib(limits.max_file_bytes)} limit per file"
    return None


_PAST_TOTAL = "past the archive's total limit"


def _read_member(
    archive: zipfile.ZipFile, member: zipfile.ZipInfo, limits: Limits, room: int
) -> tuple[bytes, str | None]:
    """Unpack a member chunk by chunk, stopping at the per-file limit or the room left, whatever its header claims.

    Returns its bytes, or a reason it was refused (`_PAST_TOTAL` when the archive's
    total limit, not this member's own, stopped it).
    """
    cap = min(limits.max_file_bytes, max(room, 0))
    data = bytearray()
    try:
        with archive.open(member) as stream:
            while chunk := stream.read(min(CHUNK_BYTES, cap + 1 - len(data))):
                data += chunk
                if len(data) > cap:
                    break
    except Exception as exc:  # noqa: BLE001 - a broken member (bad CRC, odd method, zlib error) is its own problem
        return b"", f"cannot be unpacked from the archive ({_os_reason(exc)})"
    if len(data) > cap:
        if cap < limits.max_file_bytes:
            return b"", _PAST_TOTAL
        return b"", f"unpacks past the {_mib(limits.max_file_bytes)} limit per file; refused"
    return bytes(data), None


def _common_root(members: list[zipfile.ZipInfo]) -> str:
    """A zip of a folder holds 'folder/...' for every member: strip that one folder."""
    firsts = {PurePosixPath(m.filename).parts[0] for m in members if m.filename.strip("/")}
    if len(firsts) != 1 or any("/" not in m.filename for m in members):
        return ""
    return firsts.pop() + "/"


def _strip_root(name: str, root: str) -> str:
    name = name.replace("\\", "/")
    return name[len(root):] if root and name.startswith(root) else name


def read_member(location: str | os.PathLike[str], relative: str, limits: Limits = Limits()) -> bytes | None:
    """Given a bundle (folder or .zip) and a file's path in it as a report names it, return the file's
    bytes, or None when it cannot be read again under the same rules as the check read it.

    For the writers that show a file's content (a photo's thumbnail): a zip is read in memory and
    only the first member of that name is taken; a folder's file must still be a regular file
    inside the bundle. Nothing is written.
    """
    path = Path(location)
    try:
        if path.is_dir():
            return _read_disk_member(path, relative, limits)
        if refuse_bundle_file(path) is None:
            return _read_zip_member(path, relative, limits)
    except (OSError, RuntimeError, ValueError, zipfile.BadZipFile, EOFError):
        pass
    return None


def _read_disk_member(root: Path, relative: str, limits: Limits) -> bytes | None:
    parts = PurePosixPath(relative).parts
    if not parts or ".." in parts or PurePosixPath(relative).is_absolute() or is_debris(relative):
        return None
    full = root.joinpath(*parts)
    if _refuse_disk_file(full, root.resolve(), limits) is not None:
        return None
    return full.read_bytes()


def _read_zip_member(path: Path, relative: str, limits: Limits) -> bytes | None:
    with zipfile.ZipFile(path) as archive:
        members = [m for m in archive.infolist() if not m.is_dir()]
        root = _common_root(members)
        for member in sorted(members, key=lambda m: m.filename):  # the first copy of a name, as the check read
            if display_path(_strip_root(member.filename, root)) != relative:
                continue
            if _refuse_member(member, limits) is not None:
                return None
            data, refusal = _read_member(archive, member, limits, limits.max_file_bytes)
            return None if refusal else data
    return None
