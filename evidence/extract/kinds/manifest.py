"""The claim manifest (claim.toml): what the buyer states that no document shows.

It is validated against schemas/claim.schema.json; a value that breaks the
schema is reported (F005) and left out, and the valid rest is still used.
Every value is the buyer's own statement under its key: labeled, note `claim.toml`.
"""

from __future__ import annotations

import tomllib

from evidence.extract.reading import Reading
from evidence.kinds import CLAIM_MANIFEST
from evidence.records import LABELED, Document, Problem, Record, Source
from evidence.schemas import to_json_types, validate


def extract(reading: Reading) -> Record:
    """Given the claim.toml Document, return its valid values as a Record."""
    doc = reading.source
    record = Record(kind=CLAIM_MANIFEST, path=doc.path)
    try:
        data = to_json_types(tomllib.loads(doc.text))
    except tomllib.TOMLDecodeError as exc:
        record.problems.append(Problem("F005", f"{doc.path} is not valid TOML ({exc}); the manifest is ignored", Source(doc.path)))
        return record
    for error in validate(data, "claim"):
        reason = f"{doc.path} does not match claim.schema.json at {error.path}: {error.message}"
        record.problems.append(Problem("F005", reason, Source(doc.path)))
        _drop(data, error.path)
    for name, value in data.items():
        record.set(name, value, _source_of(doc, name), str(value), LABELED, "claim.toml")
    return record


def _drop(data: dict[str, object], json_path: str) -> None:
    """Remove the top-level key an error points into: '$.coverage_limit.amount' drops coverage_limit."""
    parts = json_path.removeprefix("$").lstrip(".").replace("[", ".").split(".")
    key = parts[0].strip("'\"]") if parts and parts[0] else None
    if key is None:
        data.clear()
    else:
        data.pop(key, None)


def _source_of(doc: Document, key: str) -> Source:
    """The line where `key` is set (or its [table] starts), for citations."""
    for line in doc.lines:
        stripped = line.text.strip()
        if stripped.startswith((f"{key} ", f"{key}=", f"[{key}]", f'"{key}"')):
            return line.source
    return Source(doc.path)
