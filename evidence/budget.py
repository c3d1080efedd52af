"""What reading one file may cost: the budget the reader child is held to (evidence.isolation).

A module of its own, with no imports of the readers, so that the command line can show its
defaults in `--help` without loading them.
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Budget:
    """What reading one file may cost: seconds per page, and memory."""

    seconds_per_page: float = 10.0
    memory_mb: int = 2048
    #: Classifying and extracting a file read in the child may take this many pages' budget
    #: (a 200,000-line chat takes about 16 CPU seconds to extract).
    extract_pages: int = 6
    #: One OCR pass over a scanned page or a picture may take this many pages' budget (an A4 page at
    #: 200 dpi takes 3 to 12 CPU seconds on two cores: the engine's threads count, and spin when busy).
    ocr_pages: int = 4
