"""Every ingest source, in the order ``ingest --all`` runs them."""

from __future__ import annotations

import importlib
from types import ModuleType

MODULES = [
    "pathways.ingest.sources.cdc_vsrr",
    "pathways.ingest.sources.fbi_arrests",
    "pathways.ingest.sources.fbi_arrests_compiled",
    "pathways.ingest.sources.census_population",
    "pathways.ingest.sources.cdc_wonder",
    "pathways.ingest.sources.cdc_dispensing",
    "pathways.ingest.sources.state_laws",
    "pathways.ingest.sources.samhsa_directory",
    "pathways.ingest.sources.samhsa_otp",
]


def sources() -> dict[str, ModuleType]:
    out: dict[str, ModuleType] = {}
    for name in MODULES:
        module = importlib.import_module(name)
        out[module.SOURCE.slug] = module
    return out
