"""The rule catalog: each rule a small unit registered by its code.

A rule is a function ``check(ctx) -> Iterator[Finding]`` decorated with
`@rule(...)`, which records its code, name, default severity, one-line summary
and remedy; its docstring (What it checks / Why it matters / Remedy) is what
`evidence rule CODE` prints. Rules never raise on bad data: they yield findings.
"""

from __future__ import annotations

import inspect
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from typing import TYPE_CHECKING

from evidence.findings import Finding
from evidence.records import Source

if TYPE_CHECKING:
    from evidence.rules.context import Context

Check = Callable[["Context"], Iterator[Finding]]


@dataclass(frozen=True)
class Rule:
    code: str
    name: str
    severity: str
    summary: str
    remedy: str
    doc: str
    check: Check

    def finding(self, message: str, *sources: Source, remedy: str | None = None) -> Finding:
        """Return a finding of this rule at its default severity."""
        return Finding(
            code=self.code,
            name=self.name,
            severity=self.severity,
            message=message,
            remedy=remedy or self.remedy,
            sources=tuple(sources),
        )


#: Registry: finding code -> rule.
RULES: dict[str, Rule] = {}


def rule(code: str, name: str, severity: str, summary: str, remedy: str) -> Callable[[Check], Check]:
    """Register the decorated check function as the rule `code`."""

    def register(check: Check) -> Check:
        if code in RULES:
            raise ValueError(f"rule code {code} is registered twice")
        RULES[code] = Rule(code, name, severity, summary, remedy, inspect.cleandoc(check.__doc__ or ""), check)
        return check

    return register


def load_all() -> dict[str, Rule]:
    """Import every rule module so that the registry is complete."""
    from evidence.rules import (  # noqa: F401
        consistency,
        dates,
        eligibility,
        files,
        inspection,
        messages,
        photos,
        specs,
    )

    return RULES
