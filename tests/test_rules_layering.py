"""Rules read facts and record values, never a document's lines: a static check of evidence/rules.

Data flows one way (read -> extract -> facts -> rules). A rule that imports an
extractor's helper, or scans a Document's text again, is a second extractor
nobody tests as one; what it needs belongs in the record. Pure normalizers
(evidence.normalize) on record values are fine.
"""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

from tests.conftest import ROOT

RULES_DIR = ROOT / "evidence" / "rules"
#: What a Document holds as content; no record-layer object has attributes of these names.
DOCUMENT_CONTENT = {"lines", "pages", "messages", "words", "tables"}
#: Attributes of a Document a rule may read: what the file is, not what it says.
DOCUMENT_METADATA = {"path", "sha256", "size", "filetype", "reader", "problems", "readable", "metadata"}


def _is_documents(node: ast.AST) -> bool:
    """Whether an expression is the list of Documents (ctx.documents, a slice of it, zip/enumerate/sorted of it)."""
    if isinstance(node, ast.Attribute):
        return node.attr == "documents"
    if isinstance(node, ast.Subscript):
        return isinstance(node.slice, ast.Slice) and _is_documents(node.value)
    if isinstance(node, ast.Call) and isinstance(node.func, ast.Name):
        return node.func.id in {"zip", "enumerate", "sorted", "reversed", "list"} and any(
            _is_documents(a) for a in node.args)
    return False


def _is_document(node: ast.AST) -> bool:
    """Whether an expression is one Document: ctx.documents[i], or next(d for d in ctx.documents ...)."""
    if isinstance(node, ast.Subscript):
        return not isinstance(node.slice, ast.Slice) and _is_documents(node.value)
    if isinstance(node, ast.Call) and isinstance(node.func, ast.Name) and node.func.id == "next" and node.args:
        first = node.args[0]
        return isinstance(first, ast.GeneratorExp) and any(_is_documents(g.iter) for g in first.generators)
    return False


def _bound(target: ast.AST, iterable: ast.AST) -> set[str]:
    """Given a loop target and what it iterates, return the names that hold a Document."""
    if isinstance(iterable, ast.Call) and isinstance(iterable.func, ast.Name) and isinstance(target, ast.Tuple):
        if iterable.func.id == "zip":
            return {n for t, a in zip(target.elts, iterable.args) if _is_documents(a) for n in _bound(t, a)}
        if iterable.func.id == "enumerate" and len(target.elts) == 2:
            return _bound(target.elts[1], iterable.args[0])
    return {target.id} if isinstance(target, ast.Name) else set()


def _document_names(tree: ast.AST) -> set[str]:
    """Given a module, return the names bound to a Document (loop targets over ctx.documents, assignments)."""
    names: set[str] = set()
    for node in ast.walk(tree):
        if isinstance(node, (ast.For, ast.comprehension)) and _is_documents(node.iter):
            names |= _bound(node.target, node.iter)
        elif isinstance(node, ast.Assign) and _is_document(node.value):
            names |= {t.id for t in node.targets if isinstance(t, ast.Name)}
        elif isinstance(node, ast.NamedExpr) and _is_document(node.value):
            names.add(node.target.id)
    return names


def violations(source: str) -> list[str]:
    """Given a rule module's source, return each import of evidence.extract and each read of a Document's content."""
    tree = ast.parse(source)
    found = []
    documents = _document_names(tree)
    for node in ast.walk(tree):
        line = getattr(node, "lineno", 0)
        if isinstance(node, ast.Import):
            found += [f"{line}: import {a.name}" for a in node.names if a.name.startswith("evidence.extract")]
        elif isinstance(node, ast.ImportFrom):
            module = node.module or ""
            if module.startswith("evidence.extract") or (module == "evidence" and any(
                    a.name == "extract" for a in node.names)) or (node.level and "extract" in module.split(".")):
                found.append(f"{line}: from {module} import ...")
        elif isinstance(node, ast.Constant) and isinstance(node.value, str) and node.value.startswith(
                "evidence.extract"):
            found.append(f"{line}: names module {node.value}")  # import_module("evidence.extract...")
        elif isinstance(node, ast.Attribute) and node.attr in DOCUMENT_CONTENT:
            found.append(f"{line}: reads .{node.attr}")
        elif isinstance(node, ast.Attribute) and node.attr not in DOCUMENT_METADATA and (
                _is_document(node.value) or (isinstance(node.value, ast.Name) and node.value.id in documents)):
            found.append(f"{line}: reads .{node.attr} of a Document")
    return found


@pytest.mark.parametrize("path", sorted(RULES_DIR.glob("*.py")), ids=lambda p: p.name)
def test_rules_read_records_not_documents(path: Path) -> None:
    assert violations(path.read_text(encoding="utf-8")) == []


@pytest.mark.parametrize(
    "source",
    [
        "from evidence.extract.parts.scan import phrase_pattern",
        "import evidence.extract.kinds.invoice",
        "from evidence import extract",
        "from ..extract import reading",
        "module = import_module('evidence.extract.parts.totals')",
        # The scan X003 used to do on the document's lines:
        ("document = next((d for d in ctx.documents if d.path == record.path), None)\n"
         "for line in document.lines:\n    pass"),
        "text = ctx.documents[0].text",
        "for doc in ctx.documents:\n    body = doc.text",
        "for doc, record in zip(ctx.documents, ctx.records):\n    body = doc.text",
    ],
)
def test_the_check_catches_what_it_forbids(source: str) -> None:
    assert violations(source)


@pytest.mark.parametrize(
    "source",
    [
        "from evidence.normalize.companies import company_key",
        "where = [Source(d.path) for d in ctx.documents[:1]]",
        "for doc, record in zip(ctx.documents, ctx.records):\n    ok = doc.readable and not doc.problems",
        "text = value.text if value.text else str(value.value)",  # a record Value's own text
        "count = len(ctx.documents)",
    ],
)
def test_the_check_allows_record_values_and_file_metadata(source: str) -> None:
    assert violations(source) == []
