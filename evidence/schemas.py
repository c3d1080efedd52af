"""The JSON Schemas shipped with the tool: list, load, and validate instances against them.

Schemas live in evidence/schemas/ (also shown at the top of the repository as
schemas/), one `<name>.schema.json` each, draft 2020-12. Validation errors come
back best match first, as check-jsonschema reports them, each with the JSON
path of the offending value.
"""

from __future__ import annotations

import datetime
import json
import tomllib
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources
from pathlib import Path
from typing import TYPE_CHECKING, Any

from evidence.errors import EvidenceError

if TYPE_CHECKING:
    from jsonschema import Draft202012Validator
    from jsonschema.exceptions import ValidationError

SUFFIX = ".schema.json"


@dataclass(frozen=True)
class SchemaError:
    """One way an instance breaks a schema."""

    schema: str
    path: str  # a JSON path such as "$.coverage_limit.amount"
    message: str

    def __str__(self) -> str:
        return f"{self.path}: {self.message}"


def schema_names() -> list[str]:
    """Return the names of the shipped schemas, sorted."""
    return list(_shipped_names())


@lru_cache(maxsize=1)
def _shipped_names() -> tuple[str, ...]:
    folder = resources.files("evidence").joinpath("schemas")
    return tuple(sorted(p.name[: -len(SUFFIX)] for p in folder.iterdir() if p.name.endswith(SUFFIX)))


@lru_cache(maxsize=None)
def load_schema(name: str) -> dict[str, Any]:
    """Given a schema name ('claim'), return the schema; raise EvidenceError if unknown."""
    if name not in _shipped_names():
        raise EvidenceError(f"unknown schema {name!r}; `evidence schemas` lists them")
    text = resources.files("evidence").joinpath(f"schemas/{name}{SUFFIX}").read_text("utf-8")
    return dict(json.loads(text))


def validate(instance: Any, name: str) -> list[SchemaError]:
    """Given data and a schema name, return its errors, the most relevant first."""
    from jsonschema.exceptions import relevance  # imported when first needed: a warm check validates nothing

    validator = _validator(name)
    # `relevance` ranks the best match highest, as jsonschema.best_match takes the max.
    errors = sorted(validator.iter_errors(to_json_types(instance)), key=relevance, reverse=True)
    return [SchemaError(name, error.json_path, _message(error)) for error in errors]


@lru_cache(maxsize=None)
def _validator(name: str) -> Draft202012Validator:
    """One validator per schema: building one (and its format checker) costs more than a validation."""
    from jsonschema import Draft202012Validator, FormatChecker

    return Draft202012Validator(load_schema(name), format_checker=FormatChecker())


def _message(error: ValidationError) -> str:
    description = error.schema.get("description") if isinstance(error.schema, dict) else None
    if error.validator == "pattern" and description:
        return f"{error.instance!r} is not {description}"  # clearer than the raw regex
    return error.message


def to_json_types(value: Any) -> Any:
    """TOML gives dates as date objects; JSON Schema sees them as ISO strings."""
    if isinstance(value, (datetime.date, datetime.datetime, datetime.time)):
        return value.isoformat()
    if isinstance(value, dict):
        return {str(k): to_json_types(v) for k, v in value.items()}
    if isinstance(value, list):
        return [to_json_types(v) for v in value]
    return value


def load_instance(path: Path) -> Any:
    """Given a .json or .toml file, return its data; raise EvidenceError if it cannot be parsed."""
    try:
        raw = path.read_bytes()
    except OSError as exc:
        raise EvidenceError(f"{path} cannot be read: {exc.strerror}") from None
    try:
        if path.suffix.lower() == ".toml":
            return tomllib.loads(raw.decode("utf-8-sig"))
        return json.loads(raw.decode("utf-8-sig"))
    except (tomllib.TOMLDecodeError, json.JSONDecodeError, UnicodeDecodeError) as exc:
        kind = "TOML" if path.suffix.lower() == ".toml" else "JSON"
        raise EvidenceError(f"{path} is not valid {kind} (only .json and .toml files can be validated): {exc}") from None
