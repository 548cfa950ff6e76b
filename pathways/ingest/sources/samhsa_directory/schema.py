"""The National Directory files: where they are, their columns, the typed rows
``clean`` makes of them, and ``read``."""

from __future__ import annotations

import codecs
import csv
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

from pathways.treatment import codes as code_table

from ...base import IngestSource, RawRow, Rejected, RejectedFile, read_delimited

PARSER = 1
DEFINITIONS = (
    "services/samhsa_nsumhss_2024_directory/nsumhss_2024_service_code_definitions.csv"
)
FACILITIES = "services/samhsa_nsumhss_2024_directory/nsumhss_2024_national_directory_facilities.csv"
LANDING_URL = code_table.LANDING_URL

SOURCE = IngestSource(
    slug="samhsa-directory",
    title="SAMHSA National Directories of substance use and mental health "
    "treatment facilities",
    url=LANDING_URL,
    doc="docs/data/samhsa-directory.md",
    default_files=(DEFINITIONS, FACILITIES),
    # The reviewed code table is part of the parser: editing it re-reads the files.
    parser_version=PARSER * 1000 + code_table.REVISION,
)

DEFINITION_COLUMNS = ["directory_type", "code", "label"]
FACILITY_COLUMNS = [
    "facility_id",
    "directory_type",
    "name1",
    "name2",
    "street1",
    "street2",
    "city",
    "state",
    "zip",
    "phone",
    "intake1",
    "intake2",
    "intake1a",
    "intake2a",
    "service_code_info",
]
CONTENT_COLUMNS = FACILITY_COLUMNS[2:]
# Longest text each model field takes (PostgreSQL enforces them).
MAX_LENGTH = {
    "name1": 300,
    "name2": 300,
    "street1": 300,
    "street2": 300,
    "city": 120,
    "phone": 40,
    "intake1": 40,
    "intake2": 40,
    "intake1a": 40,
    "intake2a": 40,
}
DEFAULT_EDITION = code_table.EDITION

# States, DC, territories and freely associated states that SAMHSA lists, and the
# military "states" USPS uses.
_POSTAL = (
    "AL AK AZ AR CA CO CT DE DC FL GA HI ID IL IN IA KS KY LA ME MD MA MI MN MS MO "
    "MT NE NV NH NJ NM NY NC ND OH OK OR PA RI SC SD TN TX UT VT VA WA WV WI WY "
    "PR GU VI AS MP FM MH PW AA AE AP"
)
POSTAL_CODES = frozenset(_POSTAL.split())


# -- typed rows ----------------------------------------------------------------------


@dataclass(slots=True)
class CodeRow:
    path: str
    line: int
    directory_type: str
    code: str
    official_label: str


@dataclass(slots=True)
class FacilityRow:
    path: str
    line: int
    record_id: str
    directory_type: str
    name: str
    name2: str
    street1: str
    street2: str
    address_withheld: bool
    city: str
    state_code: str
    zip: str
    phone: str
    intake1: str
    intake2: str
    intake1a: str
    intake2a: str
    service_code_info: str
    codes: tuple[str, ...]


@dataclass(slots=True)
class SkippedRow:
    """A row of the file that is not a facility (the XLSX's footer), counted."""

    path: str
    line: int
    reason: str


BLANK = "blank row"
LEGEND = "code legend row"


# -- read ----------------------------------------------------------------------------


def file_kind(path: Path) -> str:
    """'definitions' or 'facilities', from the header line."""
    with path.open("rb") as fh:
        head = fh.read(8192)
    if head.startswith(codecs.BOM_UTF8):
        head = head[len(codecs.BOM_UTF8) :]
    first = head.split(b"\n", 1)[0].decode("utf-8", "replace").strip("\r")
    header = {h.strip() for h in next(csv.reader([first]), [])} if first else set()
    if "service_code_info" in header:
        return "facilities"
    if set(DEFINITION_COLUMNS) <= header:
        return "definitions"
    raise RejectedFile(
        [
            Rejected(
                path.name,
                1,
                1,
                "not a SAMHSA National Directory file: expected the facilities "
                "header (facility_id, …, service_code_info) or the code "
                "definitions header (directory_type, code, label)",
            )
        ]
    )


def read(path: Path) -> Iterator[RawRow]:
    if file_kind(path) == "definitions":
        yield from read_delimited(path, required=DEFINITION_COLUMNS)
    else:
        yield from read_delimited(path, required=FACILITY_COLUMNS)
