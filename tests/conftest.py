"""Shared test helpers: where the external corpus and the samples are."""

from __future__ import annotations

from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
SAMPLES = ROOT / "samples"
EXTERNAL = ROOT.parent / "shared" / "external"

needs_external = pytest.mark.skipif(not EXTERNAL.is_dir(), reason="../shared/external is not beside the checkout")
