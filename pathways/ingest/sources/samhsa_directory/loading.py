"""``load``: the code definitions, then the facilities with their keys,
locations and program links, in the caller's transaction."""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Sequence
from pathlib import Path
from typing import Any

from django.db.models import Model

from pathways.treatment import codes as code_table
from pathways.treatment.models import Facility, ServiceCode

from ...base import (
    ImportResult,
    Rejected,
    RejectedFile,
    refuse_empty,
    repeats,
    sync,
)
from ...observations import ensure_source, known_places
from .locations import (
    Location,
    LocationIndex,
    Q,
    locate,
    location_index,
    services_dir_for,
    zip_centroids,
)
from .matching import assign_keys, base_key, otp_candidates, otp_links
from .schema import (
    BLANK,
    DEFAULT_EDITION,
    LEGEND,
    CodeRow,
    FacilityRow,
    SkippedRow,
    file_kind,
)

# The Source record of an edition lives with the code table it describes.
source_spec = code_table.source_spec

# Refuse a file that would remove more than this share of the loaded facilities.
MAX_REMOVED_SHARE = 0.5


def edition_of(path: Path) -> int:
    m = re.search(r"(?<!\d)(20\d\d)(?!\d)", path.name)
    return int(m.group(1)) if m else DEFAULT_EDITION


def refuse_mass_removal(
    path: Path, *, removing: int, existing: int, what: str, advice: str = ""
) -> None:
    """A file that would remove most of what is loaded is probably truncated."""
    if existing and removing > MAX_REMOVED_SHARE * existing:
        raise RejectedFile(
            [
                Rejected(
                    path.name,
                    1,
                    1,
                    f"this file would remove {removing:,} of the {existing:,} "
                    f"loaded {what}; a truncated file?{advice}",
                )
            ]
        )


def delete_in_batches(model: type[Model], pks: Sequence[int]) -> int:
    """Delete these rows (500 at a time); returns how many."""
    for i in range(0, len(pks), 500):
        model.objects.filter(pk__in=pks[i : i + 500]).delete()
    return len(pks)


def load(rows: Sequence[Any], *, path: Path) -> ImportResult:
    if file_kind(path) == "definitions":
        return load_definitions(rows, path=path)
    return load_facilities(rows, path=path)


def _duplicates(rows: Sequence[Any], key, what: str) -> list[Rejected]:
    return [
        Rejected(r.path, r.line, 1, f"duplicate {what} {k}: already on line {first}")
        for r, k, first in repeats(rows, key)
    ]


def load_definitions(rows: Sequence[CodeRow], *, path: Path) -> ImportResult:
    refuse_empty(rows, path, "the file defines no codes")
    problems = _duplicates(rows, lambda r: (r.directory_type, r.code), "code")
    if problems:
        raise RejectedFile(problems)
    source = ensure_source(source_spec(edition_of(path)))
    records = []
    for i, r in enumerate(rows):
        reviewed = code_table.BY_KEY[(r.directory_type, r.code)]
        records.append(
            {
                "directory_type": r.directory_type,
                "code": r.code,
                "official_label": r.official_label,
                "group": reviewed.group,
                "value": reviewed.value,
                "label_en": reviewed.label_en,
                "label_es": reviewed.label_es,
                "sort": i,
                "source_id": source.pk,
            }
        )
    result = sync(
        ServiceCode,
        records,
        key=("directory_type", "code"),
        scope=ServiceCode.objects.all(),
    )
    by_type = Counter(r.directory_type for r in rows)
    result.notes.append(
        "codes: " + ", ".join(f"{by_type[t]:,} {t}" for t in code_table.DIRECTORY_TYPES)
    )
    return result


def _share(n: int, total: int) -> str:
    return f"{n:,} ({100 * n / total:.1f}%)" if total else "0"


def load_facilities(rows: Sequence[Any], *, path: Path) -> ImportResult:
    skipped = [r for r in rows if isinstance(r, SkippedRow)]
    facilities: list[FacilityRow] = [r for r in rows if isinstance(r, FacilityRow)]
    refuse_empty(facilities, path, "the file lists no facilities")
    problems = _duplicates(facilities, lambda r: r.record_id, "facility_id")
    if problems:
        raise RejectedFile(problems)

    keys = assign_keys(
        facilities,
        lambda r: base_key(r.directory_type, r.name, r.name2, r.street1, r.zip),
    )
    index = location_index(services_dir_for(path))
    centroids = zip_centroids()
    locations = [locate(r, index, centroids) for r in facilities]
    codes_text = [" " + " ".join(r.codes) + " " for r in facilities]
    links = otp_links(
        (
            (k, r.directory_type, c, r.name, r.name2, r.street1, r.zip)
            for k, r, c in zip(keys, facilities, codes_text, strict=True)
        ),
        otp_candidates(),
    )
    source = ensure_source(source_spec(edition_of(path)))
    places = known_places()
    records = []
    for k, r, loc, c in zip(keys, facilities, locations, codes_text, strict=True):
        link = links.get(k)
        records.append(
            {
                "key": k,
                "source_id": source.pk,
                "source_record_id": r.record_id,
                "directory_type": r.directory_type,
                "name": r.name,
                "name2": r.name2,
                "street1": r.street1,
                "street2": r.street2,
                "address_withheld": r.address_withheld,
                "city": r.city,
                "state_code": r.state_code,
                "state_id": places.get(r.state_code),
                "zip": r.zip,
                "phone": r.phone,
                "intake1": r.intake1,
                "intake2": r.intake2,
                "intake1a": r.intake1a,
                "intake2a": r.intake2a,
                "service_code_info": r.service_code_info,
                "codes": c,
                "lat": loc.lat,
                "lng": loc.lng,
                "location_quality": loc.quality,
                "location_source": loc.source,
                "otp_program_id": link[0] if link else None,
                "otp_match": link[1] if link else "",
            }
        )

    scope = Facility.objects.filter(directory_type__in=code_table.DIRECTORY_TYPES)
    in_file = set(keys)
    stale = [pk for pk, k in scope.values_list("pk", "key") if k not in in_file]
    refuse_mass_removal(
        path,
        removing=len(stale),
        existing=scope.count(),
        what="facilities",
        advice=" (if it is right, delete the old facilities in the admin first)",
    )
    result = sync(Facility, records, key=("key",), scope=scope)
    result.deleted = delete_in_batches(Facility, stale)
    result.notes.extend(
        _notes(facilities, skipped, locations, links, index, keys, len(stale))
    )
    return result


def _notes(
    facilities: Sequence[FacilityRow],
    skipped: Sequence[SkippedRow],
    locations: Sequence[Location],
    links: dict[str, tuple[int, str]],
    index: LocationIndex,
    keys: Sequence[str],
    removed: int,
) -> list[str]:
    notes = []
    by_type = Counter(r.directory_type for r in facilities)
    notes.append(
        f"facilities: {len(facilities):,} ({by_type['substance']:,} substance use + "
        f"{by_type['mental']:,} mental health)"
    )
    if skipped:
        parts = []
        for reason in (BLANK, LEGEND):
            lines = [s.line for s in skipped if s.reason == reason]
            if lines:
                parts.append(
                    f"{len(lines)} {reason}{'s' if len(lines) > 1 else ''} "
                    f"(line{'s' if len(lines) > 1 else ''} {_ranges(lines)})"
                )
        notes.append(
            f"skipped {len(skipped)} rows that are not facilities (the spreadsheet's "
            "footer): " + ", ".join(parts)
        )
    total = len(facilities)
    quality = Counter(loc.quality for loc in locations)
    notes.append(
        f"located: exact {_share(quality[Q.EXACT], total)} · approximate (ZIP "
        f"centre) {_share(quality[Q.APPROXIMATE], total)} · none "
        f"{_share(quality[Q.NONE], total)}"
    )
    for t in code_table.DIRECTORY_TYPES:
        sub = [
            loc
            for r, loc in zip(facilities, locations, strict=True)
            if r.directory_type == t
        ]
        q = Counter(loc.quality for loc in sub)
        notes.append(
            f"  {t}: exact {_share(q[Q.EXACT], len(sub))} · approximate "
            f"{_share(q[Q.APPROXIMATE], len(sub))} · none {_share(q[Q.NONE], len(sub))}"
        )
    method = Counter(loc.method for loc in locations)
    withheld = sum(r.address_withheld for r in facilities)
    notes.append(
        f"location method: street + ZIP {method['address']:,}, name + ZIP "
        f"{method['name']:,}, ZIP centre {method['zip']:,} (of which {withheld:,} "
        f"with no street address in the directory), none {method['none']:,}"
    )
    if index.missing:
        notes.append(
            "geocoded lists not found (ZIP centres used instead): "
            + ", ".join(index.missing)
        )
    repeats = sum(1 for k in keys if "-" in k)
    if repeats:
        notes.append(
            f"{repeats} facilities repeat another's name, street and ZIP (numbered "
            "keys)"
        )
    how = Counter(h for _, h in links.values())
    notes.append(
        f"opioid treatment program directory: {len(links):,} facilities matched "
        f"({how['address']:,} by address, {how['name']:,} by name)"
    )
    if removed:
        notes.append(f"removed {removed:,} facilities that are not in this file")
    return notes


def _ranges(lines: Sequence[int]) -> str:
    lines = sorted(lines)
    out = []
    start = prev = lines[0]
    for n in lines[1:]:
        if n == prev + 1:
            prev = n
            continue
        out.append(f"{start}" if start == prev else f"{start}–{prev}")
        start = prev = n
    out.append(f"{start}" if start == prev else f"{start}–{prev}")
    return ", ".join(out)
