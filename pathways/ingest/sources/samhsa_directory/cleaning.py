"""``clean``: one raw row of either file into a typed row, a skipped footer row
or a rejection naming the column. Pure, given ``context()``."""

from __future__ import annotations

import re
from collections import defaultdict
from collections.abc import Iterable

from pathways.treatment import codes as code_table
from pathways.treatment.models import ServiceCode

from ...base import RawRow, Rejected
from .schema import (
    BLANK,
    CONTENT_COLUMNS,
    LEGEND,
    MAX_LENGTH,
    POSTAL_CODES,
    CodeRow,
    FacilityRow,
    SkippedRow,
)


def squash(text: str) -> str:
    """Runs of white space as one space, ends trimmed."""
    return " ".join(text.split())


def official_label(text: str) -> str:
    """The label as SAMHSA wrote it: the file's U+FFFD stood for '®'."""
    return text.replace("\ufffd", "®").strip()


ZIP_RE = re.compile(r"(\d{3,5})(?:-?\d{4})?")


def zip5(text: str) -> str | None:
    """'6708' -> '06708'; '12345-6789' or '123456789' -> '12345'; else None."""
    m = ZIP_RE.fullmatch(text.strip())
    if not m:
        return None
    digits = m.group(1)
    if len(text.strip()) in (7, 8) and "-" not in text:
        return None  # 7-8 bare digits: a ZIP+4 that lost zeros cannot be told apart
    z = digits.zfill(5)
    return None if z == "00000" else z


def longer_than_allowed(row: RawRow, limits: dict[str, int]) -> Rejected | None:
    """The first column longer than its model field takes, rejected."""
    for column, limit in limits.items():
        if len(row.data[column].strip()) > limit:
            return row.reject(column, f"longer than {limit} characters")
    return None


def state_and_zip(row: RawRow, state: str, zip_code: str) -> tuple[str, str] | Rejected:
    """(postal code, five-digit ZIP) from the named columns, or the rejection."""
    postal = row.data[state].strip().upper()
    if postal not in POSTAL_CODES:
        return row.reject(state, f"unknown state or territory code {row.data[state]!r}")
    five = zip5(row.data[zip_code])
    if five is None:
        return row.reject(zip_code, f"not a ZIP code: {row.data[zip_code]!r}")
    return postal, five


def unknown_directory(row: RawRow) -> Rejected:
    return row.reject(
        "directory_type",
        f"unknown directory type {row.data['directory_type'].strip()!r} "
        "(expected substance or mental)",
    )


def clean(
    row: RawRow,
    *,
    known_codes: dict[str, frozenset[str]],
    legend: dict[str, frozenset[str]],
) -> CodeRow | FacilityRow | SkippedRow | Rejected:
    if "service_code_info" in row.data:
        return clean_facility(row, known_codes=known_codes, legend=legend)
    return clean_definition(row)


def clean_definition(row: RawRow) -> CodeRow | Rejected:
    d = row.data
    directory_type = d["directory_type"].strip()
    if directory_type not in code_table.DIRECTORY_TYPES:
        return unknown_directory(row)
    code = d["code"].strip()
    if not re.fullmatch(r"[A-Z0-9]{1,10}", code):
        return row.reject("code", f"not a service code: {code!r}")
    label = official_label(d["label"])
    if not label:
        return row.reject("label", f"code {code} has no label")
    reviewed = code_table.BY_KEY.get((directory_type, code))
    if reviewed is None:
        return row.reject(
            "code",
            f"code {code} of the {directory_type} directory is not in the reviewed "
            "table pathways/treatment/codes.py; review it and add a row first",
        )
    if reviewed.official_label != label:
        return row.reject(
            "label",
            f"label of {code} ({directory_type}) is {label!r}, the reviewed table "
            f"has {reviewed.official_label!r}; review its meaning in "
            "pathways/treatment/codes.py",
        )
    return CodeRow(row.path, row.line, directory_type, code, label)


def _is_legend(values: Iterable[str], words: frozenset[str]) -> bool:
    return all(v in words or squash(v).lower() in words for v in values)


def clean_facility(
    row: RawRow,
    *,
    known_codes: dict[str, frozenset[str]],
    legend: dict[str, frozenset[str]],
) -> FacilityRow | SkippedRow | Rejected:
    d = row.data
    directory_type = d["directory_type"].strip()
    if directory_type not in code_table.DIRECTORY_TYPES:
        return unknown_directory(row)
    values = [d[c].strip() for c in CONTENT_COLUMNS]
    filled = [v for v in values if v]
    name = d["name1"].strip()
    # The XLSX's footer: empty rows and the legend of the "type of care" codes
    # (one row of labels, one of codes). Anything else without a name is refused.
    if not filled:
        return SkippedRow(row.path, row.line, BLANK)
    if not name and _is_legend(filled, legend.get(directory_type, frozenset())):
        return SkippedRow(row.path, row.line, LEGEND)
    if not name:
        return row.reject("name1", "the facility has no name (name1 is empty)")
    record_id = d["facility_id"].strip()
    if not record_id:
        return row.reject("facility_id", "facility_id is empty")
    if too_long := longer_than_allowed(row, MAX_LENGTH):
        return too_long
    street1 = d["street1"].strip()
    withheld = not any(ch.isalnum() for ch in street1)
    city = d["city"].strip()
    if not city:
        return row.reject("city", "city is empty")
    place = state_and_zip(row, "state", "zip")
    if isinstance(place, Rejected):
        return place
    state, zip_code = place
    info = d["service_code_info"].strip()
    found = [t for t in info.split() if t != "*"]
    if not found:
        return row.reject("service_code_info", "the facility has no service codes")
    known = known_codes.get(directory_type)
    if not known:
        return row.reject(
            "service_code_info",
            f"no {directory_type} service codes are loaded: ingest the code "
            "definitions file first (manage.py ingest samhsa-directory)",
        )
    for token in found:
        if token not in known:
            return row.reject(
                "service_code_info",
                f"unknown code {token!r}: not in the {directory_type} code definitions",
            )
    return FacilityRow(
        path=row.path,
        line=row.line,
        record_id=record_id,
        directory_type=directory_type,
        name=squash(name),
        name2=squash(d["name2"]),
        street1="" if withheld else squash(street1),
        street2=squash(d["street2"]),
        address_withheld=withheld,
        city=squash(city),
        state_code=state,
        zip=zip_code,
        phone=d["phone"].strip(),
        intake1=d["intake1"].strip(),
        intake2=d["intake2"].strip(),
        intake1a=d["intake1a"].strip(),
        intake2a=d["intake2a"].strip(),
        service_code_info=info,
        codes=tuple(sorted(set(found))),
    )


def context() -> dict[str, object]:
    """The loaded code definitions (``clean`` checks every code against them)."""
    known: dict[str, set[str]] = defaultdict(set)
    words: dict[str, set[str]] = defaultdict(set)
    for directory_type, code, label in ServiceCode.objects.values_list(
        "directory_type", "code", "official_label"
    ):
        known[directory_type].add(code)
        words[directory_type].update((code, squash(label).lower()))
    return {
        "known_codes": {k: frozenset(v) for k, v in known.items()},
        "legend": {k: frozenset(v) for k, v in words.items()},
    }
