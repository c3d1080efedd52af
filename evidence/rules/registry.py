"""The registry of rules: the `Rule` unit, the `@rule` decorator and `RULES` (finding code -> rule).

Rule modules register into it; `evidence.rules.load_all` imports them all.
"""

from __future__ import annotations

import inspect
import textwrap
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from typing import TYPE_CHECKING

from evidence.findings import Finding
from evidence.records import Basis, Source

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

    def finding(
        self, message: str, *sources: Source, remedy: str | None = None, rests_on: Iterable[Basis | None] = ()
    ) -> Finding:
        """Return a finding of this rule at its default severity, decided from the values in `rests_on`.

        `check` settles its severity by the pipeline and by how sure those values are
        (`findings.at_severity`).
        """
        basis = tuple(found for found in rests_on if found is not None)
        return Finding(self.code, self.name, self.severity, message, remedy or self.remedy, tuple(sources), basis)


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
