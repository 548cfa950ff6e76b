"""SAMHSA National Directories of substance use and mental health treatment
facilities (2024 edition, from the 2023 N-SUMHSS), in their published format.

Two files, each loaded as published (``manage.py ingest samhsa-directory`` reads
both, definitions first):

* the code definitions (``directory_type,code,label``): every code must be in
  the reviewed table ``pathways/treatment/codes.py`` with the same official
  label, else the row is rejected;
* the facilities (one row per facility; ``service_code_info`` is the codes in
  ``*``-separated groups). Every code must be defined for that directory.

The facilities file has no coordinates. Each facility gets a location, best
first: a match to the geocoded facility lists in the data folder (normalized
street + ZIP, else name + ZIP; never for an address the directory withholds),
else the centre of its ZIP code from the offline ``zipcodes`` package (shown as
"approximate location"), else none. See docs/data/samhsa-directory.md.

The parts: ``schema`` (files, columns, typed rows, ``read``), ``cleaning``
(``clean``), ``matching`` (normalized names and streets, keys, program links),
``locations`` (geocoded lists and ZIP centres) and ``loading`` (``load``).
"""

from __future__ import annotations

from .cleaning import (
    clean,
    clean_definition,
    clean_facility,
    context,
    longer_than_allowed,
    official_label,
    squash,
    state_and_zip,
    zip5,
)
from .loading import (
    delete_in_batches,
    load,
    load_definitions,
    load_facilities,
    refuse_mass_removal,
)
from .locations import GEO_LISTS, Location, locate, location_index
from .matching import (
    OTP_CODES,
    assign_keys,
    base_key,
    loose_street,
    normalize_name,
    normalize_street,
    otp_candidates,
    otp_links,
)
from .schema import (
    BLANK,
    CONTENT_COLUMNS,
    DEFINITIONS,
    FACILITIES,
    FACILITY_COLUMNS,
    LEGEND,
    POSTAL_CODES,
    SOURCE,
    CodeRow,
    FacilityRow,
    SkippedRow,
    file_kind,
    read,
)

__all__ = [
    "BLANK",
    "CONTENT_COLUMNS",
    "DEFINITIONS",
    "FACILITIES",
    "FACILITY_COLUMNS",
    "GEO_LISTS",
    "LEGEND",
    "OTP_CODES",
    "POSTAL_CODES",
    "SOURCE",
    "CodeRow",
    "FacilityRow",
    "Location",
    "SkippedRow",
    "assign_keys",
    "base_key",
    "clean",
    "clean_definition",
    "clean_facility",
    "context",
    "delete_in_batches",
    "file_kind",
    "load",
    "load_definitions",
    "load_facilities",
    "locate",
    "longer_than_allowed",
    "location_index",
    "loose_street",
    "normalize_name",
    "normalize_street",
    "official_label",
    "otp_candidates",
    "otp_links",
    "read",
    "refuse_mass_removal",
    "squash",
    "state_and_zip",
    "zip5",
]
