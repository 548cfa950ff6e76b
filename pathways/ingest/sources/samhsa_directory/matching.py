"""Matching facilities across lists: normalized streets and names, the stable
facility key, and the links to the opioid treatment program directory."""

from __future__ import annotations

import hashlib
import re
from collections import Counter, defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from functools import lru_cache
from typing import Any

from pathways.treatment import codes as code_table
from pathways.treatment.models import OtpProgram

STREET_WORDS = {
    "street": "st",
    "avenue": "ave",
    "av": "ave",
    "road": "rd",
    "drive": "dr",
    "boulevard": "blvd",
    "lane": "ln",
    "court": "ct",
    "place": "pl",
    "parkway": "pkwy",
    "highway": "hwy",
    "circle": "cir",
    "terrace": "ter",
    "square": "sq",
    "route": "rte",
    "center": "ctr",
    "centre": "ctr",
    "mount": "mt",
    "saint": "st",
    "fort": "ft",
    "trail": "trl",
    "expressway": "expy",
    "freeway": "fwy",
    "turnpike": "tpke",
    "plaza": "plz",
    "north": "n",
    "south": "s",
    "east": "e",
    "west": "w",
    "northeast": "ne",
    "northwest": "nw",
    "southeast": "se",
    "southwest": "sw",
    "first": "1st",
    "second": "2nd",
    "third": "3rd",
    "fourth": "4th",
    "fifth": "5th",
    "sixth": "6th",
    "seventh": "7th",
    "eighth": "8th",
    "ninth": "9th",
    "tenth": "10th",
}
# Everything after one of these (or after a comma) is a unit inside the building.
UNIT_WORDS = {
    "suite",
    "suites",
    "ste",
    "stes",
    "unit",
    "apt",
    "room",
    "rm",
    "floor",
    "fl",
    "bldg",
    "building",
    "mail",
}
DIRECTIONS = {"n", "s", "e", "w", "ne", "nw", "se", "sw"}
NAME_NOISE = {"inc", "llc", "the", "of", "and", "pc", "pllc", "corp", "ltd", "lp"}
NON_ALNUM = re.compile(r"[^a-z0-9]+")


@lru_cache(maxsize=65536)
def normalize_street(text: str) -> str:
    """'1424 South Seventh Ave., Bldg. C' -> '1424 s 7th ave'."""
    text = text.split(",", 1)[0].lower().replace("&", " and ").replace("#", " unit ")
    out: list[str] = []
    for token in NON_ALNUM.sub(" ", text).split():
        if token in UNIT_WORDS and out:
            break
        out.append(STREET_WORDS.get(token, token))
    return " ".join(out)


@lru_cache(maxsize=65536)
def loose_street(text: str) -> str:
    """House number + the first word of the street's name: '2525 S. Rural Road,
    Suites 9-10' and '2525 South Rural Rd' -> '2525 rural'. '' without a number."""
    tokens = normalize_street(text).split()
    if not tokens or not tokens[0][0].isdigit():
        return ""
    number = re.match(r"\d+", tokens[0]).group(0)
    for t in tokens[1:]:
        if t.isdigit() or len(t) == 1 or t in DIRECTIONS:
            continue
        return f"{number} {t}"
    return ""


@lru_cache(maxsize=65536)
def normalize_name(text: str) -> str:
    text = text.lower().replace("&", " and ")
    return " ".join(t for t in NON_ALNUM.sub(" ", text).split() if t not in NAME_NOISE)


def _key_text(text: str) -> str:
    return " ".join(NON_ALNUM.sub(" ", text.lower()).split())


def base_key(directory_type: str, name: str, name2: str, street: str, zip_code: str):
    """The facility's stable key: a hash of its directory type, names, street and
    ZIP (case, spacing and punctuation ignored). Not the file's facility_id, which
    the carrier repository numbered."""
    text = "|".join(
        [directory_type, _key_text(name), _key_text(name2), _key_text(street), zip_code]
    )
    return hashlib.sha1(text.encode()).hexdigest()[:20]


def assign_keys(rows: Sequence[Any], key_of) -> list[str]:
    """``key_of(row)`` for each row; the 2nd, 3rd… row with the same key (separate
    programs the directory lists identically, e.g. behind a withheld address) get
    ``-2``, ``-3``… in file order."""
    seen: Counter[str] = Counter()
    keys = []
    for r in rows:
        k = key_of(r)
        seen[k] += 1
        keys.append(k if seen[k] == 1 else f"{k}-{seen[k]}")
    return keys


# -- opioid treatment program directory links ------------------------------------------

# Codes that a program listed in the OTP directory reports in the 2024 directory.
OTP_CODES = frozenset({"OTP", "SOTP", "MU", "METH", "MM", "DM"})


@dataclass(frozen=True, slots=True)
class OtpCandidate:
    pk: int
    key: str
    names: tuple[str, ...]  # normalized program name and DBA
    street: str  # normalized
    loose: str  # house number + street name word
    zip: str


def otp_candidates() -> list[OtpCandidate]:
    out = []
    for pk, key, name, dba, street, z in OtpProgram.objects.values_list(
        "pk", "key", "program_name", "dba", "street", "zip"
    ).order_by("key"):
        names = tuple(n for n in {normalize_name(name), normalize_name(dba)} if n)
        out.append(
            OtpCandidate(
                pk,
                key,
                tuple(sorted(names)),
                normalize_street(street),
                loose_street(street),
                z,
            )
        )
    return out


def otp_links(
    facilities: Iterable[tuple[str, str, str, str, str, str, str]],
    programs: Sequence[OtpCandidate],
) -> dict[str, tuple[int, str]]:
    """facility key -> (OtpProgram pk, 'address' | 'name') for the substance use
    facilities that report an OTP or methadone code and match a program by street
    + ZIP, else by name (program or DBA against name1 or name2) + ZIP.

    ``facilities``: (key, directory_type, codes text, name, name2, street1, zip)."""
    by_address: dict[tuple[str, str], list[OtpCandidate]] = defaultdict(list)
    by_loose: dict[tuple[str, str], list[OtpCandidate]] = defaultdict(list)
    by_name: dict[tuple[str, str], list[OtpCandidate]] = defaultdict(list)
    for p in programs:
        if p.street:
            by_address[(p.street, p.zip)].append(p)
        if p.loose:
            by_loose[(p.loose, p.zip)].append(p)
        for n in p.names:
            by_name[(n, p.zip)].append(p)
    out: dict[str, tuple[int, str]] = {}
    for key, directory_type, codes_text, name, name2, street, z in facilities:
        if directory_type != code_table.SUBSTANCE:
            continue
        if not OTP_CODES.intersection(codes_text.split()):
            continue
        names = {normalize_name(name), normalize_name(name2)} - {""}
        found = by_address.get((normalize_street(street), z)) if street else None
        if not found and street:
            found = by_loose.get((loose_street(street), z))
        how = "address"
        if found and len(found) > 1:
            named = [p for p in found if names.intersection(p.names)]
            found = named or found
        if not found:
            how = "name"
            found = sorted(
                {p.pk: p for n in names for p in by_name.get((n, z), ())}.values(),
                key=lambda p: p.key,
            )
        if found:
            out[key] = (found[0].pk, how)
    return out
