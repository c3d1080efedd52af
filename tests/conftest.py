"""Shared test helpers: where the external corpus and the samples are."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
SAMPLES = ROOT / "samples"
EXTERNAL = ROOT.parent / "shared" / "external"

needs_external = pytest.mark.skipif(not EXTERNAL.is_dir(), reason="../shared/external is not beside the checkout")


@pytest.fixture(autouse=True, scope="session")
def _private_cache(tmp_path_factory: pytest.TempPathFactory) -> None:
    """The CLI caches read files by default: keep the tests' cache out of the user's."""
    os.environ["EVIDENCE_CACHE_DIR"] = str(tmp_path_factory.mktemp("evidence-cache"))
