"""evidence: check a buyer's evidence bundle before a Trade Assurance claim is filed.

Public API::

    from evidence import check_bundle, open_bundle, read_path
"""

from __future__ import annotations

from evidence.bundle import Bundle, BundleFile, Limits, open_bundle
from evidence.cache import Cache
from evidence.check import check_bundle
from evidence.findings import Finding
from evidence.isolation import Budget
from evidence.readers import read_bundle, read_file, read_path
from evidence.records import Document, ImageInfo, Message, Page, Problem, Source, Table, TextLine
from evidence.report import Report
from evidence.version import __version__

__all__ = [
    "Bundle",
    "Budget",
    "BundleFile",
    "Cache",
    "Document",
    "Finding",
    "Report",
    "check_bundle",
    "ImageInfo",
    "Limits",
    "Message",
    "Page",
    "Problem",
    "Source",
    "Table",
    "TextLine",
    "open_bundle",
    "read_bundle",
    "read_file",
    "read_path",
    "__version__",
]
