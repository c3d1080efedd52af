"""The house's shape: imports run one way, from the stages a file passes through down to the records.

Every `import` and `from ... import` in evidence/ (at module level, inside
functions and under TYPE_CHECKING alike) is an arrow. There must be no circle,
and no arrow may run up the stages of ARCHITECTURE.md.
"""

from __future__ import annotations

import ast
import subprocess
import sys
from functools import cache
from pathlib import Path

import pytest

from tests.conftest import ROOT

PACKAGE = ROOT / "evidence"

#: The stages, lowest first. A module may import modules of its own stage or a lower one.
STAGES: list[tuple[str, ...]] = [
    ("evidence.version", "evidence.errors", "evidence.budget", "evidence.kinds", "evidence.reference_data", "evidence.records",
     "evidence.textcodec", "evidence.findings", "evidence.deadlines", "evidence.phrases", "evidence.wording"),
    ("evidence.normalize", "evidence.schemas", "evidence.filetypes"),
    ("evidence.readers", "evidence.ocr", "evidence.bundle", "evidence.classify"),
    ("evidence.extract",),
    ("evidence.facts", "evidence.timeline"),
    ("evidence.rules",),
    ("evidence.pipeline", "evidence.report", "evidence.summary", "evidence.thumbnails", "evidence.cache",
     "evidence.isolation"),
    ("evidence.ingest", "evidence.writers"),
    ("evidence.check",),
    ("evidence.batch", "evidence.pack"),
    ("evidence", "evidence.cli"),
]


def module_name(path: Path) -> str:
    parts = path.relative_to(ROOT).with_suffix("").parts
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


def imports_of(path: Path) -> set[str]:
    """Given a module's file, return the evidence modules it imports (anywhere in it)."""
    tree = ast.parse(path.read_text(encoding="utf-8"))
    found: set[str] = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            found.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module:
            found.add(node.module)
            found.update(f"{node.module}.{alias.name}" for alias in node.names)
    return {name for name in found if name == "evidence" or name.startswith("evidence.")}


@cache
def graph() -> dict[str, set[str]]:
    modules = {module_name(p): p for p in PACKAGE.rglob("*.py")}
    edges = {}
    for name, path in modules.items():
        # `from evidence.rules import consistency` names a module; `from evidence.x import f` names x.
        targets = {target for target in imports_of(path) if target in modules}
        edges[name] = {target for target in targets if target != name}
    return edges


def stage_of(module: str) -> int:
    best = -1, -1  # (length of the matching prefix, stage)
    for stage, prefixes in enumerate(STAGES):
        for prefix in prefixes:
            if (module == prefix or module.startswith(prefix + ".")) and len(prefix) > best[0]:
                best = len(prefix), stage
    if best[1] < 0:
        raise AssertionError(f"{module} is in no stage of the architecture test: add it to STAGES")
    return best[1]


def circles(edges: dict[str, set[str]]) -> list[list[str]]:
    """Given the import graph, return its strongly connected parts of more than one module (Tarjan)."""
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    found: list[list[str]] = []

    def visit(node: str) -> None:
        index[node] = low[node] = len(index)
        stack.append(node)
        for target in sorted(edges.get(node, ())):
            if target not in index:
                visit(target)
                low[node] = min(low[node], low[target])
            elif target in stack:
                low[node] = min(low[node], index[target])
        if low[node] == index[node]:
            part = []
            while True:
                member = stack.pop()
                part.append(member)
                if member == node:
                    break
            if len(part) > 1:
                found.append(sorted(part))

    for node in sorted(edges):
        if node not in index:
            visit(node)
    return found


def package_parent(module: str, target: str) -> bool:
    """True when `target` is a package that contains `module`: importing a sibling runs its __init__."""
    return module.startswith(target + ".")


def test_there_is_no_import_circle() -> None:
    edges = {name: {t for t in targets if not package_parent(name, t)} for name, targets in graph().items()}
    assert circles(edges) == []


@pytest.mark.parametrize("module", sorted(graph()))
def test_no_import_runs_up_a_stage(module: str) -> None:
    upward = [t for t in graph()[module] if not package_parent(module, t) and stage_of(t) > stage_of(module)]
    assert upward == [], f"{module} imports modules of a later stage"


def test_the_test_sees_a_circle() -> None:
    assert circles({"a": {"b"}, "b": {"c"}, "c": {"a"}, "d": {"a"}}) == [["a", "b", "c"]]


def test_click_is_imported_by_the_command_line_only() -> None:
    users = [module_name(p) for p in PACKAGE.rglob("*.py") if "click" in _top_imports(p)]
    assert users == ["evidence.cli"]


def _top_imports(path: Path) -> set[str]:
    tree = ast.parse(path.read_text(encoding="utf-8"))
    names = {alias.name.split(".")[0] for node in ast.walk(tree) if isinstance(node, ast.Import) for alias in node.names}
    names |= {node.module.split(".")[0] for node in ast.walk(tree) if isinstance(node, ast.ImportFrom) and node.module}
    return names


def test_every_public_name_is_exported_and_importable() -> None:
    import evidence

    assert sorted(evidence.__all__) == sorted([*evidence._EXPORTS, "__version__"])
    for name in evidence.__all__:
        assert getattr(evidence, name) is not None


def test_the_readers_libraries_are_imported_when_a_file_needs_them() -> None:
    """Checking a chat imports neither the spreadsheet, PDF nor OCR libraries (they take ~0.4 s)."""
    script = (
        "import sys, pathlib, tempfile\n"
        "from datetime import date\n"
        "from evidence import check_bundle\n"
        "folder = pathlib.Path(tempfile.mkdtemp())\n"
        "(folder / 'chat.txt').write_text('[20/07/2026, 09:00:00] Tom: PI attached, please check\\n')\n"
        "check_bundle(folder, as_of=date(2026, 12, 1))\n"
        "heavy = {'openpyxl', 'pdfplumber', 'pypdfium2', 'docx', 'rapidocr_onnxruntime', 'onnxruntime', 'cv2'}\n"
        "print(sorted(heavy & set(sys.modules)))\n"
    )
    assert _printed_by_a_fresh_python(script) == "[]"


def test_load_readers_imports_every_reader_before_a_batch_forks() -> None:
    script = (
        "import sys\n"
        "from evidence.readers import READERS, load_readers\n"
        "load_readers()\n"
        "print(sorted({f'evidence.readers.{r.module}' for _, r in READERS.values()} - set(sys.modules)))\n"
    )
    assert _printed_by_a_fresh_python(script) == "[]"


def _printed_by_a_fresh_python(script: str) -> str:
    """What `script` prints in an interpreter of its own (the modules a test imported are not in it)."""
    return subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, check=True).stdout.strip()
