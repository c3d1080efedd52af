"""What stops a pack: a blocker finding, a file that could not be read, or a document with errors.

A pack is what the buyer uploads; one that holds a blocked claim or a file the
reviewer cannot open would be sent in vain, so `evidence pack` refuses it unless
forced. A file read only in part within a limit (a PDF's first 500 pages) does not
stop it: what was read is used, the file is copied whole, and the check reports it
at most minor. Also here: the one-line refusal of an output that would be written
into the bundle, over it, or into a folder that does not exist.
"""

from __future__ import annotations

import os
from pathlib import Path

from evidence.errors import EvidenceError
from evidence.findings import SEVERITY_RANK
from evidence.pack.manifest import Stopper
from evidence.report import Report
from evidence.wording import counted

#: Findings about files that could not be read (RULES.md: F001 unreadable-file, F002 no-text-layer).
UNREADABLE_CODES = ("F001", "F002")
#: How many stoppers the one-line refusal names before it counts the rest.
NAMED_IN_REFUSAL = 5


class PackRefused(EvidenceError):
    """The bundle has findings that stop a pack (pack it anyway with force)."""

    def __init__(self, stoppers: list[Stopper]) -> None:
        self.stoppers = stoppers
        named = ", ".join(str(s) for s in stoppers[:NAMED_IN_REFUSAL])
        more = f" and {len(stoppers) - NAMED_IN_REFUSAL} more" if len(stoppers) > NAMED_IN_REFUSAL else ""
        verb = "stops" if len(stoppers) == 1 else "stop"
        super().__init__(f"not packed: {counted(len(stoppers), 'finding')} {verb} it: {named}{more}; "
                         "fix the bundle, or pack it anyway with --force")


def stoppers(report: Report) -> list[Stopper]:
    """Given a check's report, return what stops a pack of it, most severe first, each (code, file) once."""
    found: dict[tuple[str, str], tuple[int, Stopper]] = {}
    for finding in report.findings:
        unreadable = finding.code in UNREADABLE_CODES and finding.ceiling is None
        if finding.severity == "blocker" or unreadable:
            path = finding.sources[0].path if finding.sources else ""
            found.setdefault((finding.code, path), (SEVERITY_RANK[finding.severity], Stopper(finding.code, finding.name, path)))
    names = _rule_names()
    for doc, record in zip(report.documents, report.records):
        for problem in [*doc.problems, *record.problems]:
            if not problem.partial:
                stopper = Stopper(problem.code, names.get(problem.code, "document-error"), doc.path)
                found.setdefault((problem.code, doc.path), (SEVERITY_RANK["major"], stopper))
    return [stopper for _, stopper in sorted(found.values(), key=lambda pair: (pair[0], pair[1].code, pair[1].path))]


def _rule_names() -> dict[str, str]:
    from evidence.rules import load_all

    return {code: rule.name for code, rule in load_all().items()}


def output_refusal(bundle: Path, output: Path) -> str | None:
    """Given the bundle and the pack's path, return the one line saying why it cannot be written there, or None.

    Refused: a folder, an output in a folder that does not exist, an output inside the bundle
    folder (the pack would become part of the evidence) or the bundle .zip itself.
    """
    if output.is_dir():
        return f"--output {output} is a folder; give the pack's file name, such as {output / 'claim.zip'}"
    folder = output.parent
    if not folder.is_dir():
        return f"--output {output}: the folder {folder} does not exist; create it first"
    where, source = output.resolve(), bundle.resolve()
    if bundle.is_dir() and where.is_relative_to(source):
        return f"--output {output} is inside the bundle folder {bundle}; write the pack outside it"
    if where == source or (output.exists() and bundle.exists() and _same_file(output, bundle)):
        return f"--output {output} is the bundle itself; write the pack to another file"
    return None


def _same_file(one: Path, other: Path) -> bool:
    try:
        return os.path.samefile(one, other)
    except OSError:
        return False
