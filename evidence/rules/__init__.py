"""The rule catalog: each rule a small unit registered by its code.

A rule is a function ``check(ctx) -> Iterator[Finding]`` decorated with
`@rule(...)`, which records its code, name, default severity, one-line summary
and remedy. Its docstring says *What it checks* and *Why it matters*; the
remedy is written once, in `@rule`, because findings print it too, and
`Rule.doc` (what `evidence rule CODE` prints) adds it under *Remedy*.
Rules never raise on bad data: they yield findings.
"""

from __future__ import annotations

from evidence.rules.registry import RULES, Rule, rule


def load_all() -> dict[str, Rule]:
    """Import every rule module (one per area) so that the registry is complete."""
    from evidence.rules import (  # noqa: F401  (imported for their @rule registrations)
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


__all__ = ["RULES", "Rule", "load_all", "rule"]
