"""Every ingest source, in the order ``ingest --all`` runs them."""

from __future__ import annotations

import importlib
from types import ModuleType

MODULES = [
    "pathways.ingest.sources.cdc_vsrr",
]


def sources() -> dict[str, ModuleType]:
    out: dict[str, ModuleType] = {}
    for name in MODULES:
        module = importlib.import_module(name)
        out[module.SOURCE.slug] = module
    return out
