"""Pack a checked bundle for upload, and verify a pack later.

    from evidence.pack import pack_bundle, verify_pack

`pack_bundle` checks a bundle, then copies its files into a deterministic zip in a
clean order (01-order/ ... 08-other/) with the reports and a manifest of SHA-256
hashes; `verify_pack` re-hashes a pack (zip or unpacked folder) against that manifest.
Modules: `naming` (folders and safe, unique names), `manifest` (manifest.json and its
schema), `refusal` (what stops a pack, where it may not be written), `zipwrite`
(deterministic, atomic zip), `build` (the pack), `verify` (the check of a pack).

The names are imported when first used: verifying a pack needs none of the readers or rules.
"""

from __future__ import annotations

import importlib
from typing import TYPE_CHECKING, Any

#: Each public name and the module that defines it.
_EXPORTS = {
    "REPORT_FILES": "evidence.pack.build",
    "PackResult": "evidence.pack.build",
    "pack_bundle": "evidence.pack.build",
    "write_pack": "evidence.pack.build",
    "MANIFEST_NAME": "evidence.pack.manifest",
    "MANIFEST_SCHEMA": "evidence.pack.manifest",
    "Stopper": "evidence.pack.manifest",
    "PackRefused": "evidence.pack.refusal",
    "output_refusal": "evidence.pack.refusal",
    "stoppers": "evidence.pack.refusal",
    "Difference": "evidence.pack.verify",
    "Verification": "evidence.pack.verify",
    "verify_pack": "evidence.pack.verify",
}

if TYPE_CHECKING:
    from evidence.pack.build import REPORT_FILES, PackResult, pack_bundle, write_pack
    from evidence.pack.manifest import MANIFEST_NAME, MANIFEST_SCHEMA, Stopper
    from evidence.pack.refusal import PackRefused, output_refusal, stoppers
    from evidence.pack.verify import Difference, Verification, verify_pack


def __getattr__(name: str) -> Any:
    module = _EXPORTS.get(name)
    if module is None:
        raise AttributeError(f"module 'evidence.pack' has no attribute {name!r}")
    value = getattr(importlib.import_module(module), name)
    globals()[name] = value
    return value


__all__ = [
    "MANIFEST_NAME", "MANIFEST_SCHEMA", "REPORT_FILES", "Difference", "PackRefused", "PackResult", "Stopper",
    "Verification", "output_refusal", "pack_bundle", "stoppers", "verify_pack", "write_pack",
]
