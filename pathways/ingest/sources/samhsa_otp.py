"""SAMHSA Opioid Treatment Program (OTP) Directory, as published (CSV of the
directory's XLS export): program, address, phone and certification status.

Each program is stored as an ``OtpProgram``; the substance use facilities of
the National Directory that report an OTP or methadone code and match a
program (street + ZIP, else name + ZIP) link to it, which gives the finder the
program's certification status and date. The facilities ingest
(``samhsa-directory``) makes the same links, so either order works. See
docs/data/samhsa-directory.md.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path

from pathways.treatment import codes as code_table
from pathways.treatment.models import Facility, OtpProgram

from ..base import (
    ImportResult,
    IngestSource,
    RawRow,
    Rejected,
    read_delimited,
    refuse_empty,
    sync,
)
from ..observations import ensure_source, known_places
from .samhsa_directory import (
    assign_keys,
    base_key,
    delete_in_batches,
    longer_than_allowed,
    otp_candidates,
    otp_links,
    refuse_mass_removal,
    squash,
    state_and_zip,
)

SOURCE = IngestSource(
    slug="samhsa-otp",
    title="SAMHSA Opioid Treatment Program Directory",
    url="https://dpt2.samhsa.gov/treatment/directory.aspx",
    doc="docs/data/samhsa-directory.md",
    default_files=("services/samhsa_otp_directory_2020/TreatmentProgram_20200704.csv",),
    parser_version=1,
)
CURRENT_URL = (
    "https://www.samhsa.gov/find-help/locators/opioid-treatment-program-directory"
)

COLUMNS = [
    "Program Name",
    "DBA",
    "Street",
    "City",
    "State",
    "Zipcode",
    "Phone",
    "Certification",
    "FullCertification",
]
MAX_LENGTH = {"Program Name": 300, "DBA": 300, "Street": 300, "City": 120, "Phone": 40}
CERTIFICATION = {
    "certified": OtpProgram.Certification.CERTIFIED,
    "provisional": OtpProgram.Certification.PROVISIONAL,
}


@dataclass(slots=True)
class ProgramRow:
    path: str
    line: int
    program_name: str
    dba: str
    street: str
    city: str
    state_code: str
    zip: str
    phone: str
    certification: str
    full_certification_date: dt.date | None


def read(path: Path) -> Iterator[RawRow]:
    yield from read_delimited(path, required=COLUMNS)


def parse_date(text: str) -> dt.date:
    """'9/30/10' or '9/30/2010' -> 2010-09-30. Two-digit years are 2000-2099
    (OTP certification began in 2001)."""
    m = re.fullmatch(r"(\d{1,2})/(\d{1,2})/(\d{2}|\d{4})", text.strip())
    if not m:
        raise ValueError(text)
    month, day, year = int(m.group(1)), int(m.group(2)), int(m.group(3))
    if year < 100:
        year += 2000
    return dt.date(year, month, day)


def clean(row: RawRow) -> ProgramRow | Rejected:
    d = row.data
    name = squash(d["Program Name"])
    if not name:
        return row.reject("Program Name", "the program has no name")
    if too_long := longer_than_allowed(row, MAX_LENGTH):
        return too_long
    place = state_and_zip(row, "State", "Zipcode")
    if isinstance(place, Rejected):
        return place
    state, zip_code = place
    status = CERTIFICATION.get(d["Certification"].strip().lower())
    if status is None:
        return row.reject(
            "Certification",
            f"unknown certification {d['Certification']!r} (expected Certified or "
            "Provisional)",
        )
    date = None
    if d["FullCertification"].strip():
        try:
            date = parse_date(d["FullCertification"])
        except ValueError:
            return row.reject(
                "FullCertification", f"not a date: {d['FullCertification']!r}"
            )
    return ProgramRow(
        path=row.path,
        line=row.line,
        program_name=name,
        dba=squash(d["DBA"]),
        street=squash(d["Street"]),
        city=squash(d["City"]),
        state_code=state,
        zip=zip_code,
        phone=d["Phone"].strip(),
        certification=status,
        full_certification_date=date,
    )


def as_of(path: Path) -> dt.date | None:
    m = re.search(r"(?<!\d)(20\d\d)(\d\d)(\d\d)(?!\d)", path.name)
    if not m:
        return None
    try:
        return dt.date(int(m.group(1)), int(m.group(2)), int(m.group(3)))
    except ValueError:
        return None


def source_spec(path: Path) -> dict[str, object]:
    day = as_of(path)
    stamp = day.isoformat() if day else "undated"
    return {
        "slug": f"samhsa-otp-directory-{stamp}",
        "publisher": "Substance Abuse and Mental Health Services Administration "
        "(SAMHSA)",
        "dataset": "Opioid Treatment Program Directory",
        "kind": "official",
        "url": SOURCE.url,
        "landing_url": CURRENT_URL,
        "vintage": f"Directory as downloaded on {stamp}",
        "as_of": day,
        "license": "Public domain (U.S. government work)",
        "citation": "Substance Abuse and Mental Health Services Administration. "
        "Opioid Treatment Program Directory.",
        "notes": (
            "Programs certified (or provisionally certified) by SAMHSA to dispense "
            "medication for opioid use disorder. Copy downloaded from the directory "
            "on 2020-07-04 by Kiang et al. (mkiang/opioid_treatment_distance); "
            "newer programs and changes since are missing. Linked to the National "
            "Directory's facilities by street + ZIP or name + ZIP."
        ),
        "doc": SOURCE.doc,
    }


def load(rows: Sequence[ProgramRow], *, path: Path) -> ImportResult:
    refuse_empty(rows, path, "the file lists no programs")
    keys = assign_keys(
        rows,
        lambda r: base_key("otp", r.program_name, r.dba, r.street, r.zip),
    )
    stale = list(OtpProgram.objects.exclude(key__in=keys).values_list("pk", flat=True))
    refuse_mass_removal(
        path, removing=len(stale), existing=OtpProgram.objects.count(), what="programs"
    )
    source = ensure_source(source_spec(path))
    places = known_places()
    records = [
        {
            "key": k,
            "source_id": source.pk,
            "program_name": r.program_name,
            "dba": r.dba,
            "street": r.street,
            "city": r.city,
            "state_code": r.state_code,
            "state_id": places.get(r.state_code),
            "zip": r.zip,
            "phone": r.phone,
            "certification": r.certification,
            "full_certification_date": r.full_certification_date,
        }
        for k, r in zip(keys, rows, strict=True)
    ]
    result = sync(OtpProgram, records, key=("key",), scope=OtpProgram.objects.all())
    result.deleted = delete_in_batches(OtpProgram, stale)
    linked, changed = relink_facilities()
    by_status = {
        s: sum(r.certification == s for r in rows) for s in CERTIFICATION.values()
    }
    result.notes.append(
        f"programs: {len(rows):,} ({by_status['certified']:,} certified, "
        f"{by_status['provisional']:,} provisional)"
    )
    result.notes.append(
        f"facilities of the National Directory linked to a program: {linked:,} "
        f"({changed:,} links changed by this run)"
    )
    return result


def relink_facilities() -> tuple[int, int]:
    """Point every substance use facility at its OTP program (or none); returns
    (facilities linked, links changed)."""
    scope = Facility.objects.filter(directory_type__in=code_table.DIRECTORY_TYPES)
    facilities = list(
        scope.values_list(
            "key", "directory_type", "codes", "name", "name2", "street1", "zip"
        )
    )
    if not facilities:
        return 0, 0
    links = otp_links(facilities, otp_candidates())
    records = [
        {
            "key": f[0],
            "otp_program_id": links[f[0]][0] if f[0] in links else None,
            "otp_match": links[f[0]][1] if f[0] in links else "",
        }
        for f in facilities
    ]
    result = sync(Facility, records, key=("key",), scope=scope)
    return len(links), result.updated
