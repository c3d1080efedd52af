"""The one loader of the reference lists under evidence/data/ (labels, titles, companies, units, phrases).

They are JSON files a user can read and extend; every module that needs one asks here.
"""

from __future__ import annotations

import json
from functools import lru_cache
from importlib import resources
from typing import Any


@lru_cache(maxsize=None)
def load_data(name: str) -> Any:
    """Given a data file's name or stem ('labels.json' or 'labels'), return its parsed content.

    Cached, so callers share one object and must not mutate it.
    """
    file_name = name if name.endswith(".json") else f"{name}.json"
    return json.loads(resources.files("evidence").joinpath(f"data/{file_name}").read_text("utf-8"))
