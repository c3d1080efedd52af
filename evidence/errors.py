"""Exceptions for usage errors only: a broken file is a finding, never an exception."""

from __future__ import annotations


class EvidenceError(Exception):
    """A problem the user must fix before the tool can run; shown as one line."""


class BundleError(EvidenceError):
    """The bundle as a whole cannot be opened (missing, not a folder or .zip)."""
