"""Claim pipelines: which rules run for a claim type, and at what severity.

A pipeline is a TOML file (pipelines/quality.toml, late-shipment.toml,
non-delivery.toml ship with the tool; `--pipeline FILE` runs a user's own),
validated by schemas/pipeline.schema.json. Codes select by prefix, as in ruff:
`select = ["E", "D"]` runs every eligibility and date rule. A code or prefix
that names no rule is an error, never silently ignored.
"""

from __future__ import annotations

import tomllib
from dataclasses import dataclass, field
from importlib import resources
from pathlib import Path
from typing import Any

from evidence.errors import EvidenceError
from evidence.rules import Rule, load_all
from evidence.schemas import validate

CLAIM_TYPES = ("quality", "late-shipment", "non-delivery")


@dataclass(frozen=True)
class Pipeline:
    claim: str
    description: str
    select: tuple[str, ...]
    ignore: tuple[str, ...] = ()
    severity: dict[str, str] = field(default_factory=dict)
    expects: tuple[str, ...] = ()

    def rules(self, select: list[str] | None = None, ignore: list[str] | None = None) -> list[Rule]:
        """Return the rules this pipeline runs, narrowed by the user's --select/--ignore.

        An unknown code there is an error: a typo in --select would otherwise run
        no rule at all and read as a clean bundle.
        """
        _raise_unknown([*(select or []), *(ignore or [])], "--select/--ignore")
        chosen = []
        for code, rule in sorted(load_all().items()):
            if not _matches(code, self.select) or _matches(code, self.ignore):
                continue
            if select is not None and not _matches(code, select):
                continue
            if ignore and _matches(code, ignore):
                continue
            chosen.append(rule)
        return chosen

    def severity_of(self, rule: Rule) -> str:
        return self.severity.get(rule.code, rule.severity)


def load_pipeline(claim: str | None = None, path: Path | None = None) -> Pipeline:
    """Given a claim type (or a user's pipeline file), return its validated Pipeline."""
    if path is not None:
        try:
            text = path.read_text(encoding="utf-8")
        except OSError as exc:
            raise EvidenceError(f"pipeline {path} cannot be read: {exc.strerror}") from None
        return parse_pipeline(text, str(path))
    name = claim or "quality"
    if name not in CLAIM_TYPES:
        raise EvidenceError(f"unknown claim type {name!r}; choose one of {', '.join(CLAIM_TYPES)}")
    text = resources.files("evidence").joinpath(f"pipelines/{name}.toml").read_text("utf-8")
    # A shipped pipeline matches its schema (a test checks each one): validating it again at
    # every run would import jsonschema, a tenth of a warm check's time.
    return _pipeline(tomllib.loads(text))


def parse_pipeline(text: str, where: str) -> Pipeline:
    """Given a pipeline's TOML text, return the Pipeline; raise EvidenceError naming what is wrong."""
    try:
        data = tomllib.loads(text)
    except tomllib.TOMLDecodeError as exc:
        raise EvidenceError(f"pipeline {where} is not valid TOML: {exc}") from None
    errors = validate(data, "pipeline")
    if errors:
        raise EvidenceError(f"pipeline {where} does not match pipeline.schema.json at {errors[0]}")
    _check_codes(data, where)
    return _pipeline(data)


def _pipeline(data: dict[str, Any]) -> Pipeline:
    return Pipeline(
        claim=data["claim"],
        description=data["description"],
        select=tuple(data["select"]),
        ignore=tuple(data.get("ignore", [])),
        severity=dict(data.get("severity", {})),
        expects=tuple(data.get("expects", [])),
    )


def _check_codes(data: dict[str, object], where: str) -> None:
    named = [*data.get("select", []), *data.get("ignore", []), *data.get("severity", {})]  # type: ignore[misc]
    _raise_unknown(named, f"pipeline {where}")


def _raise_unknown(codes: list[str], where: str) -> None:
    """Raise EvidenceError naming the codes or prefixes that match no rule."""
    known = load_all()
    unknown = sorted({code for code in codes if not any(k.startswith(code) for k in known)})
    if unknown:
        raise EvidenceError(f"{where} names unknown rule codes: {', '.join(unknown)}; `evidence rules` lists them")


def _matches(code: str, prefixes: tuple[str, ...] | list[str]) -> bool:
    return any(code.startswith(prefix) for prefix in prefixes)
