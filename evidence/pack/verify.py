"""Verify a pack: re-hash every member against its manifest.json and say what was added, removed or changed.

A pack is a .zip made by `evidence pack`, or a folder it was unpacked into. Nothing
is extracted: zip members are read as streams, and each is hashed in chunks and
read no further than one byte past the size the manifest gives it, so a huge or
bombed member costs no more than the file it replaced. A member the manifest does
not list is reported without being read; so is a name that is absolute or climbs
out with '..'. A name in a zip twice is a difference of its own: either copy could
be taken for the checked file. In a folder, links are never followed, and the
litter an OS leaves (.DS_Store, Thumbs.db) is not counted as an addition.
"""

from __future__ import annotations

import hashlib
import os
import stat
import zipfile
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path, PurePosixPath
from typing import IO, Any

from evidence.bundle import display_path, is_debris
from evidence.errors import EvidenceError
from evidence.pack.manifest import MANIFEST_NAME, expected_members, json_to_manifest
from evidence.wording import counted
from evidence.writers.safe import shown

#: A manifest larger than this is no manifest of ours (one file's entry is about 300 bytes).
MAX_MANIFEST_BYTES = 64 * 1024 * 1024
#: Bytes hashed at a time.
CHUNK_BYTES = 1024 * 1024
#: The kinds of difference, in the order they are counted.
CHANGES = ("changed", "added", "removed", "duplicated")


@dataclass(frozen=True)
class Difference:
    """One way a pack differs from its manifest: changed, added, removed or duplicated, and how."""

    change: str
    path: str
    detail: str

    def __str__(self) -> str:
        return f"{self.change}: {shown(self.path)}: {self.detail}"

    def to_dict(self) -> dict[str, str]:
        return {"change": self.change, "path": self.path, "detail": self.detail}


@dataclass
class Verification:
    """The result of verifying one pack: how many listed members matched, and every difference."""

    pack: str
    manifest_sha256: str
    listed: int
    matched: int
    differences: list[Difference] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        return not self.differences

    def to_dict(self) -> dict[str, Any]:
        return {
            "pack": self.pack,
            "ok": self.ok,
            "manifest_sha256": self.manifest_sha256,
            "listed": self.listed,
            "matched": self.matched,
            "differences": [d.to_dict() for d in self.differences],
        }

    def to_text(self) -> str:
        """One line per difference, then one line of summary."""
        pack = shown(self.pack)
        if self.ok:
            return (f"ok: all {counted(self.listed, 'file')} of {pack} match {MANIFEST_NAME} "
                    f"(SHA-256 of {MANIFEST_NAME}: {self.manifest_sha256})\n")
        counts = Counter(d.change for d in self.differences)
        summary = ", ".join(f"{counts[change]} {change}" for change in CHANGES if counts[change])
        lines = [str(d) for d in self.differences]
        lines.append(f"{pack} does not match its {MANIFEST_NAME}: {summary} "
                     f"({self.matched} of {self.listed} listed files match)")
        return "\n".join(lines) + "\n"


def verify_pack(location: str | os.PathLike[str]) -> Verification:
    """Given a pack (.zip or folder), return how it compares with its manifest.

    Raise EvidenceError (one line) when it is neither, or its manifest.json is missing,
    twice in it, or malformed: then there is nothing to verify against.
    """
    path = Path(location)
    if path.is_dir():
        return _verify_folder(path)
    if not path.exists():
        raise EvidenceError(f"{path} does not exist")
    if not path.is_file() or not zipfile.is_zipfile(path):
        raise EvidenceError(f"{path} is neither a folder nor a .zip pack")
    try:
        with zipfile.ZipFile(path) as archive:
            return _verify_zip(path, archive)
    except (zipfile.BadZipFile, OSError, EOFError, ValueError) as exc:
        raise EvidenceError(f"{path} cannot be read as a zip ({exc})") from None


def _verify_zip(path: Path, archive: zipfile.ZipFile) -> Verification:
    members = [info for info in archive.infolist() if not info.filename.endswith("/")]
    present = Counter(info.filename for info in members)
    by_name = {info.filename: info for info in members}
    odd = {info.filename: "is a link inside the zip" for info in members if stat.S_ISLNK(info.external_attr >> 16)}
    manifest_bytes = _manifest_bytes(path, present[MANIFEST_NAME], lambda: archive.open(by_name[MANIFEST_NAME]))
    return _compare(str(path), manifest_bytes, present, lambda name: archive.open(by_name[name]), odd)


def _verify_folder(root: Path) -> Verification:
    present: Counter[str] = Counter()
    odd: dict[str, str] = {}
    for current, dirs, names in os.walk(root, followlinks=False):
        here = Path(current)
        for name in sorted(dirs):
            if (here / name).is_symlink():
                odd[_relative(here / name, root) + "/"] = "is a link to a folder; not followed"
        for name in names:
            full = here / name
            relative = _relative(full, root)
            if is_debris(relative):
                continue
            present[relative] += 1
            if full.is_symlink():
                odd[relative] = "is a link; not followed"
            elif not full.is_file():
                odd[relative] = "is not a regular file"
    manifest_path = root / MANIFEST_NAME
    if MANIFEST_NAME in odd:
        raise EvidenceError(f"{manifest_path} is not a regular file; it cannot be verified against")
    manifest_bytes = _manifest_bytes(root, present[MANIFEST_NAME], lambda: manifest_path.open("rb"))
    return _compare(str(root), manifest_bytes, present, lambda name: (root / name).open("rb"), odd)


def _relative(full: Path, root: Path) -> str:
    return display_path(full.relative_to(root).as_posix())


def _manifest_bytes(pack: Path, copies: int, open_manifest: Callable[[], IO[bytes]]) -> bytes:
    """Return the bytes of the pack's one manifest.json; raise EvidenceError when it has none, two, or a huge one."""
    if copies == 0:
        raise EvidenceError(f"{pack} has no {MANIFEST_NAME} at its top level: it is not a pack made by `evidence pack` "
                            "(for a folder, give the one that holds manifest.json)")
    if copies > 1:
        raise EvidenceError(f"{pack} holds {MANIFEST_NAME} {copies} times; it cannot be verified against")
    try:
        with open_manifest() as stream:
            data = stream.read(MAX_MANIFEST_BYTES + 1)
    except Exception as exc:  # noqa: BLE001 - a damaged, encrypted or unreadable member
        raise EvidenceError(f"{MANIFEST_NAME} of {pack} cannot be read ({type(exc).__name__}: {exc})") from None
    if len(data) > MAX_MANIFEST_BYTES:
        raise EvidenceError(f"{MANIFEST_NAME} of {pack} is larger than {MAX_MANIFEST_BYTES // (1024 * 1024)} MiB; "
                            "it is not a manifest made by `evidence pack`")
    return data


def _compare(pack: str, manifest_bytes: bytes, present: Counter[str], open_member: Callable[[str], IO[bytes]],
             odd: dict[str, str]) -> Verification:
    """Given the manifest's bytes, the members present (with their counts), how to open one, and members
    that are no plain file (with why), return the verification."""
    manifest = json_to_manifest(manifest_bytes, f"{MANIFEST_NAME} of {pack}")
    expected = expected_members(manifest)
    differences: list[Difference] = []
    matched = 0
    for name in sorted((set(present) | set(expected) | set(odd)) - {MANIFEST_NAME}):
        count = present.get(name, 0)
        if name in odd:
            differences.append(Difference("changed" if name in expected else "added", name, odd[name]))
        elif count > 1:
            differences.append(Difference("duplicated", name, f"is in the pack {count} times; "
                                          "either copy could be taken for the one that was checked"))
        elif name not in expected:
            differences.append(Difference("added", name, "is not in the manifest" + _unsafe_hint(name)))
        elif count == 0:
            differences.append(Difference("removed", name, "is in the manifest but not in the pack"))
        else:
            found = _member_difference(open_member, name, *expected[name])
            if found is None:
                matched += 1
            else:
                differences.append(Difference("changed", name, found))
    return Verification(pack, hashlib.sha256(manifest_bytes).hexdigest(), len(expected), matched, differences)


def _unsafe_hint(name: str) -> str:
    """Given a member's name, return why it could never be a packed file's name, if it looks hostile."""
    if name.startswith("/") or name.startswith("\\") or (len(name) > 1 and name[1] == ":"):
        return " (an absolute path)"
    if ".." in PurePosixPath(name.replace("\\", "/")).parts:
        return " (a path that climbs out with '..')"
    return ""


def _member_difference(open_member: Callable[[str], IO[bytes]], name: str, size: int, sha256: str) -> str | None:
    """Hash a member, reading at most one byte past `size`; return how it differs from the manifest, or None."""
    digest, read = hashlib.sha256(), 0
    try:
        with open_member(name) as stream:
            while chunk := stream.read(min(CHUNK_BYTES, size + 1 - read)):
                digest.update(chunk)
                read += len(chunk)
    except Exception as exc:  # noqa: BLE001 - a bad CRC, an encrypted member, no permission: the member is not as packed
        return f"cannot be read ({type(exc).__name__}: {exc})"
    if read > size:
        return f"is larger than the {size:,} bytes the manifest gives it"
    if read < size:
        return f"has {read:,} bytes; the manifest gives it {size:,}"
    if digest.hexdigest() != sha256:
        return "its content differs from the manifest (same size, another SHA-256)"
    return None
