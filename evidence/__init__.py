"""evidence: check a buyer's evidence bundle before a Trade Assurance claim is filed.

Public API::

    from evidence import check_bundle, open_bundle, read_path

The names are imported when first used (PEP 562): `evidence --help` and `evidence rules`
need none of the readers, the OCR engine or the rules, and a bare interpreter starts in a
twentieth of the time importing them all takes.
"""

from __future__ import annotations

import importlib
from typing import TYPE_CHECKING, Any

from evidence.version import __version__

#: Each public name and the module that defines it.
_EXPORTS = {
    "Bundle": "evidence.bundle",
    "BundleFile": "evidence.bundle",
    "Limits": "evidence.bundle",
    "open_bundle": "evidence.bundle",
    "Cache": "evidence.cache",
    "check_bundle": "evidence.check",
    "Finding": "evidence.findings",
    "Budget": "evidence.isolation",
    "read_bundle": "evidence.readers",
    "read_file": "evidence.readers",
    "read_path": "evidence.readers",
    "Document": "evidence.records",
    "ImageInfo": "evidence.records",
    "Message": "evidence.records",
    "Page": "evidence.records",
    "Problem": "evidence.records",
    "Source": "evidence.records",
    "Table": "evidence.records",
    "TextLine": "evidence.records",
    "Report": "evidence.report",
}

if TYPE_CHECKING:  # what type checkers and editors see; at run time the names come from __getattr__
    from evidence.bundle import Bundle, BundleFile, Limits, open_bundle
    from evidence.cache import Cache
    from evidence.check import check_bundle
    from evidence.findings import Finding
    from evidence.isolation import Budget
    from evidence.readers import read_bundle, read_file, read_path
    from evidence.records import Document, ImageInfo, Message, Page, Problem, Source, Table, TextLine
    from evidence.report import Report


def __getattr__(name: str) -> Any:
    module = _EXPORTS.get(name)
    if module is None:
        raise AttributeError(f"module 'evidence' has no attribute {name!r}")
    value = getattr(importlib.import_module(module), name)
    globals()[name] = value  # looked up once
    return value


__all__ = [
    "Budget", "Bundle", "BundleFile", "Cache", "Document", "Finding", "ImageInfo", "Limits", "Message", "Page",
    "Problem", "Report", "Source", "Table", "TextLine", "__version__", "check_bundle", "open_bundle",
    "read_bundle", "read_file", "read_path",
]
