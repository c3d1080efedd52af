"""manifest.json: what a pack holds, where each file came from, and its SHA-256.

The manifest is the pack's own record of what was checked and sent: for each
file its original path in the bundle, its path in the pack, its size, SHA-256
and kind; the tool version, as-of date, claim type and verdict of the check;
and the SHA-256 of each report. Its JSON Schema is `schemas/pack_manifest.schema.json`.
It is written with sorted entries and fixed formatting, so the same check gives
the same bytes.
"""

from __future__ import annotations

import hashlib
import json
from dataclasses import dataclass
from typing import Any

from evidence.errors import EvidenceError
from evidence.schemas import validate

MANIFEST_NAME = "manifest.json"
MANIFEST_SCHEMA = "pack_manifest"
MANIFEST_VERSION = "1"


@dataclass(frozen=True)
class PackedFile:
    """One member of a pack with its size and SHA-256; `original` and `kind` for the bundle's files."""

    packed_path: str
    size: int
    sha256: str
    original: str | None = None
    kind: str | None = None

    def to_dict(self) -> dict[str, Any]:
        data: dict[str, Any] = {}
        if self.original is not None:
            data["original_path"] = self.original
        data.update({"packed_path": self.packed_path, "bytes": self.size, "sha256": self.sha256})
        if self.kind is not None:
            data["kind"] = self.kind
        return data


def packed_bytes(name: str, data: bytes) -> PackedFile:
    """Given a member made in memory (a report), return its entry."""
    return PackedFile(name, len(data), hashlib.sha256(data).hexdigest())


@dataclass(frozen=True)
class Stopper:
    """A finding that stops a pack unless it is forced: its code, name and the file it is about."""

    code: str
    name: str
    path: str

    def __str__(self) -> str:
        return f"{self.code} {self.name} ({self.path})" if self.path else f"{self.code} {self.name}"

    def to_dict(self) -> dict[str, str]:
        return {"code": self.code, "name": self.name, "path": self.path}


def manifest_dict(
    *, tool_version: str, bundle: str, as_of: str, claim_type: str, verdict: str, files: list[PackedFile],
    reports: list[PackedFile], left_out: list[tuple[str, str]], forced_past: list[Stopper],
) -> dict[str, Any]:
    """Return the manifest's data, entries sorted by their path in the pack."""
    return {
        "manifest_version": MANIFEST_VERSION,
        "tool": "evidence",
        "tool_version": tool_version,
        "bundle": bundle,
        "as_of": as_of,
        "claim_type": claim_type,
        "verdict": verdict,
        "forced_past": [stopper.to_dict() for stopper in forced_past],
        "files": [f.to_dict() for f in sorted(files, key=lambda f: f.packed_path)],
        "reports": [r.to_dict() for r in sorted(reports, key=lambda r: r.packed_path)],
        "left_out": [{"original_path": path, "reason": reason} for path, reason in sorted(left_out)],
    }


def manifest_to_json(manifest: dict[str, Any]) -> bytes:
    """Given the manifest's data, return its bytes: indented, UTF-8, one newline at the end."""
    return (json.dumps(manifest, indent=2, ensure_ascii=False) + "\n").encode("utf-8")


def json_to_manifest(data: bytes, where: str) -> dict[str, Any]:
    """Given a manifest's bytes, return its data; raise EvidenceError (one line) when it is malformed."""
    try:
        manifest = json.loads(data.decode("utf-8"))
    except (UnicodeDecodeError, json.JSONDecodeError) as exc:
        raise EvidenceError(f"{where} is not valid JSON ({exc}); it cannot be verified against") from None
    errors = validate(manifest, MANIFEST_SCHEMA)
    if errors:
        raise EvidenceError(f"{where} does not match the pack manifest schema: {errors[0]}"
                            + (f" (and {len(errors) - 1} more)" if len(errors) > 1 else ""))
    listed = [entry["packed_path"] for entry in [*manifest["files"], *manifest["reports"]]]
    twice = sorted({name for name in listed if listed.count(name) > 1} | ({MANIFEST_NAME} & set(listed)))
    if twice:
        raise EvidenceError(f"{where} is malformed: {twice[0]} is listed more than once")
    return dict(manifest)


def expected_members(manifest: dict[str, Any]) -> dict[str, tuple[int, str]]:
    """Given a valid manifest, return each member it lists -> (bytes, SHA-256)."""
    return {entry["packed_path"]: (entry["bytes"], entry["sha256"]) for entry in [*manifest["files"], *manifest["reports"]]}
