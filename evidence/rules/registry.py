"""The registry of rules: the `Rule` unit, the `@rule` decorator and `RULES` (finding code -> rule).

Rule modules register into it; `evidence.rules.load_all` imports them all.
"""

from __future__ import annotations

import inspect
import textwrap
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from typing import TYPE_CHECKING

from evidence.findings import Finding
from evidence.records import Source

if TYPE_CHECKING:
    from evidence.rules.context import Context

Check = Callable[["Context"], Iterator[Finding]]

#: The heading under which `Rule.doc` shows the remedy; a docstring never writes it.
REMEDY_HEADING = "Remedy:"
#: Width the remedy is wrapped to in `Rule.doc`, like the docstrings beside it.
DOC_WIDTH = 88


@dataclass(frozen=True)
class Rule:
    """A registered rule: its catalog entry (RULES.md), its documentation and its check."""

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
        RULES[code] = Rule(code, name, severity, summary, remedy, rule_doc(check.__doc__, remedy), check)
        return check

    return register


def rule_doc(docstring: str | None, remedy: str) -> str:
    """Given a rule's docstring and its remedy, return its documentation, the remedy last under its heading."""
    remedy_text = textwrap.fill(
        f"{REMEDY_HEADING} {remedy}", DOC_WIDTH, break_long_words=False, break_on_hyphens=False
    )
    return f"{inspect.cleandoc(docstring or '')}\n\n{remedy_text}"
