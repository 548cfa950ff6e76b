"""The reviewed code table: complete, consistent, and worded for people."""

from __future__ import annotations

import csv
import re

import pytest

from pathways.ingest.sources.samhsa_directory import DEFINITIONS, official_label
from pathways.treatment import codes as code_table

# Words person-first guides ask us not to use about people (English, Spanish).
STIGMA = re.compile(
    r"\b(addicts?|abusers?|abuse of|substance abuse|clean|dirty|junkies?|"
    r"alcoholics?|drug users?|clients?|adict[oa]s?|drogadict[oa]s?|abusador(es)?|"
    r"limpi[oa]s?|toxic[oó]man[oa]s?|alcoh[oó]lic[oa]s?|clientes?)\b",
    re.IGNORECASE,
)


def test_every_row_has_a_group_value_and_both_labels():
    assert len(code_table.TABLE) == 400
    for c in code_table.TABLE:
        assert c.group in code_table.GROUPS
        assert re.fullmatch(r"[a-z0-9]+(-[a-z0-9]+)*", c.value), c
        assert c.label_en.strip() == c.label_en and c.label_es.strip() == c.label_es
        if c.group != code_table.OTHER:
            assert (c.group, c.value) in code_table.VALUES


@pytest.mark.parametrize(
    "row", code_table.TABLE, ids=lambda c: f"{c.directory_type}-{c.code}"
)
def test_plain_labels_are_person_first(row):
    assert not STIGMA.search(row.label_en), row.label_en
    assert not STIGMA.search(row.label_es), row.label_es


def test_filter_labels_are_person_first():
    for group, (en, es) in code_table.GROUPS.items():
        assert not STIGMA.search(en) and not STIGMA.search(es), group
    for key, (en, es) in code_table.VALUES.items():
        assert not STIGMA.search(en) and not STIGMA.search(es), key


def test_filters_the_finder_needs_exist():
    needed = {
        "medications": ["methadone", "buprenorphine", "naltrexone", "certified-otp"],
        "level-of-care": [
            "outpatient",
            "intensive-outpatient",
            "residential",
            "detox",
            "hospital-inpatient",
            "telehealth",
        ],
        "payment": [
            "medicaid",
            "medicare",
            "private-insurance",
            "cash",
            "sliding-fee",
            "free",
            "payment-assistance",
        ],
        "population": [
            "adolescents",
            "young-adults",
            "seniors",
            "pregnant-postpartum",
            "women",
            "men",
            "lgbtq",
            "veterans",
            "justice-involved",
        ],
        "language": ["spanish", "sign-language", "other-languages"],
        "extra-help": [
            "naloxone",
            "hiv-testing",
            "hepatitis-testing",
            "peer-support",
            "housing",
            "legal",
            "employment",
            "childcare",
        ],
        "focus": ["substance-use", "mental-health", "co-occurring"],
    }
    for group, values in needed.items():
        by_type = code_table.codes_for(group, values)
        for value in values:
            assert any(code_table.codes_for(group, [value]).values()), (group, value)
        assert by_type


def test_key_mappings():
    su = lambda g, v: code_table.codes_for(g, [v])["substance"]  # noqa: E731
    assert su("medications", "methadone") == {"MU", "METH", "MM", "DM"}
    assert su("medications", "buprenorphine") >= {"BU", "UB", "BWN", "BERI"}
    assert su("medications", "certified-otp") == {"OTP", "SOTP"}
    assert su("payment", "free") == {"NP"}
    assert su("payment", "sliding-fee") == {"SS"}
    assert su("population", "women") == {"WN"}  # programs, not "accepts" (FEM)
    # Codes that say a facility does NOT do something are never filters.
    for code in ("NMOA", "NOOP", "NMAUT", "NAUT"):
        assert code_table.BY_KEY[("substance", code)].group == code_table.OTHER


def test_unknown_filters_raise():
    with pytest.raises(ValueError, match="unknown filter group"):
        code_table.codes_for("colour", ["red"])
    with pytest.raises(ValueError, match="unknown value"):
        code_table.codes_for("payment", ["bitcoin"])
    with pytest.raises(ValueError):
        code_table.codes_for("other", ["cbt"])


@pytest.mark.realdata
def test_table_is_exactly_the_official_definitions(data_dir):
    with (data_dir / DEFINITIONS).open(encoding="utf-8", newline="") as fh:
        official = {
            (r["directory_type"], r["code"]): official_label(r["label"])
            for r in csv.DictReader(fh)
        }
    table = {k: c.official_label for k, c in code_table.BY_KEY.items()}
    assert table == official
