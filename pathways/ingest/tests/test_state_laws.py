from __future__ import annotations

import csv
import datetime as dt
import io
from collections import Counter
from pathlib import Path

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError

from pathways.core.models import Source
from pathways.ingest.base import RawRow, Rejected
from pathways.ingest.runner import run_source
from pathways.ingest.sources import state_laws
from pathways.policy.models import PolicyFact, Topic
from pathways.policy.services import HistoryItem, end_dates
from pathways.policy.topics import BY_FACT, TOPIC_SPECS

COLUMNS = [*state_laws.REQUIRED, *state_laws.OPTIONAL]
HEADER = ",".join(COLUMNS) + "\n"
PLACES = {"OR", "WA", "GA", "TX", "DC", "PR"}
OEPS_NAL = (
    "OEPS (healthyregions/oeps) state-2022.csv: AnyNalxDt; orig. RAND-USC "
    "OPTIC-Vetted Naloxone Policy data (re-accessed May 2025)"
)


def fields(**overrides) -> dict[str, str]:
    row = {
        "state": "WA",
        "fact": "possession_class",
        "value": "Misdemeanor",
        "effective_date": "",
        "citation": "RCW 69.50.4013",
        "source_name": "",
        "source_url": "https://senatedemocrats.wa.gov/blog/2023/05/16/blake/",
        "as_of": "2023-05-16",
        "confidence": "high",
        "evidence": "reclassifies knowing possession as a gross misdemeanor",
        "notes": "",
        "origin": "possession_class_additions.csv",
    }
    row.update(overrides)
    return row


def line(**overrides) -> str:
    buf = io.StringIO()
    csv.writer(buf, lineterminator="\n").writerow(
        [fields(**overrides)[c] for c in COLUMNS]
    )
    return buf.getvalue()


def raw(**overrides) -> RawRow:
    return RawRow(
        "f.csv", 2, fields(**overrides), {c: i for i, c in enumerate(COLUMNS)}
    )


def clean(**overrides):
    return state_laws.clean(raw(**overrides), places=PLACES)


# -- clean --------------------------------------------------------------------------


def test_clean_typed_row():
    r = clean()
    assert (r.state, r.topic, r.category) == ("WA", "possession-class", "misdemeanor")
    assert r.effective_date is None and r.effective_precision == "unknown"
    assert r.as_of_date == dt.date(2023, 5, 16)
    assert r.line == 2 and r.confidence == "high"


@pytest.mark.parametrize(
    ("text", "date", "precision"),
    [
        ("2024-09-01", dt.date(2024, 9, 1), "day"),
        ("2022-06", dt.date(2022, 6, 1), "month"),
        ("2019", dt.date(2019, 1, 1), "year"),
        ("", None, "unknown"),
        ("2021-08-01..2022-08-31 (window per NPHL)", None, "unknown"),
        ("30 days after enactment (date not in source)", None, "unknown"),
        ("2023 (per NPHL)", None, "unknown"),
        ("2023-11-29 at latest", None, "unknown"),
    ],
)
def test_effective_date_and_precision(text, date, precision):
    r = clean(effective_date=text)
    assert (r.effective_date, r.effective_precision) == (date, precision)
    assert r.effective_text == text


def test_optic_naloxone_dates_are_month_precision():
    r = clean(
        fact="naloxone_access_law",
        value="yes",
        effective_date="2010-07-01",
        source_name=OEPS_NAL,
        notes="OPTIC dates have month-year precision (day set to 01)",
        confidence="",
    )
    assert (r.effective_date, r.effective_precision) == (dt.date(2010, 7, 1), "month")
    assert r.category == "yes" and r.confidence == ""


@pytest.mark.parametrize(
    ("text", "date"),
    [
        ("2022 (OPTIC data accessed May 2025)", dt.date(2022, 1, 1)),
        ("2024-03", dt.date(2024, 3, 1)),
        ("2022-08-01 (PHLR window 2021-01-01..2022-08-01)", dt.date(2022, 8, 1)),
        ("c. 2021 (version listing Oklahoma 7/1/2021)", None),
        ("OPTIC data accessed 2021-01-07", None),
        ("undated", None),
        ("2024-13", None),
    ],
)
def test_as_of_date_where_the_text_starts_with_one(text, date):
    r = clean(as_of=text)
    assert r.as_of_date == date and r.as_of == text


@pytest.mark.parametrize(
    ("overrides", "column", "col_index"),
    [
        ({"state": "ZZ"}, "state", 1),
        ({"state": "YC"}, "state", 1),
        ({"fact": "possession_penalty"}, "fact", 2),
        ({"value": "  "}, "value", 3),
        ({"effective_date": "2024-02-30"}, "effective_date", 4),
        ({"effective_date": "2024-13"}, "effective_date", 4),
        ({"source_url": "worldpopulationreview.com/x"}, "source_url", 7),
        ({"confidence": "very high"}, "confidence", 9),
        ({"value": "x" * 301}, "value", 3),
    ],
)
def test_clean_rejects_with_line_and_column(overrides, column, col_index):
    r = clean(**overrides)
    assert isinstance(r, Rejected), r
    assert (r.line, r.column, r.column_name) == (2, col_index, column)
    assert str(r).startswith(f"f.csv:2:{col_index} [{column}]")


def test_confidence_case_is_normalized():
    assert clean(confidence="Medium").confidence == "medium"


# -- rules --------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("url", "kind"),
    [
        ("https://github.com/healthyregions/oeps/blob/x/state-2021.csv", "official"),
        ("https://github.com/GeoDaCenter/opioid-policy-scan/blob/x/S.csv", "official"),
        ("https://www.kff.org/medicaid/issue-brief/status/", "official"),
        ("https://phlr.org/product/drug-decriminalization-laws", "official"),
        (
            "http://webserver.rilegislature.gov/PublicLaws/law25/law25016.htm",
            "official",
        ),
        (
            "http://webserver.rilin.state.ri.us/BillText23/HouseText23/H5582.htm",
            "official",
        ),
        ("https://ilga.gov/ftp/Public%20Acts/103/103-0336.htm", "official"),
        ("https://worldpopulationreview.com/state-rankings/x", "secondary"),
        ("https://drugpolicy.org/decrim", "secondary"),
        ("https://law.justia.com/codes/south-dakota/2019/", "secondary"),
        ("https://github.com/tannewt/wa-law.org/blob/x/rcw.md", "secondary"),
        ("https://www.criminaldefenselawyer.com/resources/x", "secondary"),
        ("https://vtdigger.org/2024/06/17/x/", "secondary"),
        ("https://evilgov.com/x", "secondary"),
    ],
)
def test_source_kind_rule(url, kind):
    assert state_laws.source_kind(url) == kind


def item(key, category, effective=None, as_of=""):
    return HistoryItem(key, category, effective, as_of)


def test_end_dates_dated_history():
    ends = end_dates(
        [
            item("a", "no", dt.date(2010, 1, 1)),
            item("b", "no", dt.date(2012, 5, 1)),
            item("c", "yes", dt.date(2015, 7, 1)),
            item("d", "no", dt.date(2020, 1, 1)),
        ]
    )
    assert ends == {
        "a": dt.date(2015, 6, 30),
        "b": dt.date(2015, 6, 30),
        "c": dt.date(2019, 12, 31),
        "d": None,
    }


def test_end_dates_undated_rows():
    # known true through 2021-12-31 (as-of year), then a law from 2025: history
    ends = end_dates(
        [
            item("no", "no", None, "2021 (OPTIC data)"),
            item("yes", "yes", dt.date(2025, 7, 1), "2025-03-07"),
        ]
    )
    assert ends == {"no": dt.date(2025, 6, 30), "yes": None}
    # the source described the law after the other row took effect: a conflict,
    # not history; both stay open
    ends = end_dates(
        [
            item("no", "no", None, "2021"),
            item("partial", "partial", dt.date(2021, 9, 1), "2021"),
        ]
    )
    assert ends == {"no": None, "partial": None}
    # neither date known: never ends; unclassed rows neither end nor are ended
    ends = end_dates(
        [
            item("x", "no", None, "undated"),
            item("u", "", dt.date(2000, 1, 1)),
            item("v", "no", dt.date(1999, 1, 1)),
            item("y", "yes", dt.date(2030, 1, 1)),
        ]
    )
    assert ends == {"x": None, "u": None, "v": dt.date(2029, 12, 31), "y": None}


def test_source_slug_is_stable():
    a = state_laws.source_slug("name", "https://x.org/a")
    assert a == state_laws.source_slug("name", "https://x.org/a")
    assert a != state_laws.source_slug("", "https://x.org/a")
    assert a.startswith("law-") and len(a) == 12


# -- whole files --------------------------------------------------------------------

OR_ROWS = line(
    state="OR",
    fact="decrim_law_in_effect",
    value="yes",
    citation="",
    source_name="Temple CPHLR, Drug Decriminalization Laws",
    source_url="https://phlr.org/product/drug-decriminalization-laws",
    as_of="2023-07-01",
    confidence="",
    origin="state_policy_facts_long.csv",
) + line(
    state="OR",
    fact="decrim_law_repealed",
    value="yes - HB 4002 (2024)",
    effective_date="2024-09-01",
    citation="",
    source_name="News reports on Oregon HB 4002",
    source_url="https://www.governing.com/number/sept-1-oregon",
    as_of="2024-04",
    confidence="",
    origin="state_policy_facts_long.csv",
)


def fact(state, topic):
    return PolicyFact.objects.filter(state__postal=state, topic__slug=topic)


@pytest.mark.django_db
def test_ingest_bom_reordered_columns_and_idempotent(write_file, capsys):
    rows = list(csv.reader(io.StringIO(HEADER + line() + OR_ROWS)))
    order = list(reversed(range(len(COLUMNS))))
    buf = io.StringIO()
    w = csv.writer(buf, lineterminator="\n")
    for r in rows:
        w.writerow([r[i] for i in order])
    path = write_file("facts.csv", "\ufeff" + buf.getvalue())
    call_command("ingest", "state-laws", str(path), "--no-progress")
    # 3 rows + Oregon's derived "no longer in effect" row
    assert PolicyFact.objects.count() == 4
    wa = fact("WA", "possession-class").get()
    assert wa.category == "misdemeanor" and wa.source.kind == "official"
    assert wa.source.doc == "docs/data/state-laws.md"
    assert Topic.objects.count() == len(TOPIC_SPECS)
    yes = fact("OR", "decrim-law-in-effect").get(value="yes")
    no = fact("OR", "decrim-law-in-effect").get(category="no")
    assert yes.end_date == dt.date(2024, 8, 31)
    assert no.effective_date == dt.date(2024, 9, 1) and no.end_date is None
    assert "DERIVED" in no.notes and no.source.publisher == "governing.com"
    call_command("ingest", "state-laws", str(path), "--force", "--no-progress")
    out = capsys.readouterr().out
    assert "read 3 · inserted 0 · updated 0 · unchanged 4" in out


@pytest.mark.django_db
def test_newer_file_adds_history_and_keeps_old_facts(write_file, capsys):
    first = write_file(
        "a.csv",
        HEADER
        + line(
            state="TX",
            fact="good_samaritan_law",
            value="no law in OPTIC data through 2021",
            as_of="2021",
            confidence="",
            citation="",
        ),
    )
    call_command("ingest", "state-laws", str(first), "--no-progress")
    second = write_file(
        "b.csv",
        HEADER
        + line(
            state="TX",
            fact="good_samaritan_law",
            value="yes (new law)",
            effective_date="2025-09-01",
            source_url="https://capitol.texas.gov/x",
            as_of="2025-06",
        ),
    )
    call_command("ingest", "state-laws", str(second), "--no-progress")
    out = capsys.readouterr().out
    assert "inserted 1 · updated 1" in out  # the old fact got its end date
    old = fact("TX", "good-samaritan-law").get(category="no")
    assert old.end_date == dt.date(2025, 8, 31)


BAD_FILES = {
    "truncated": (HEADER + line() + line(state="OR")[:40], "facts.csv:3:"),
    "unterminated-quote": (
        HEADER + line() + 'OR,possession_class,"Mis',
        "facts.csv:3:",
    ),
    "duplicate": (
        HEADER + line() + line(state="OR") + line(notes="other notes"),
        "facts.csv:4:1: duplicate row: WA possession_class 'Misdemeanor' from the "
        "same source and effective date as line 2",
    ),
    "unknown-state": (HEADER + line() + line(state="ZZ"), "facts.csv:3:1 [state]"),
    "unknown-fact": (HEADER + line() + line(fact="x"), "facts.csv:3:2 [fact]"),
    "bad-confidence": (
        HEADER + line() + line(confidence="sure"),
        "facts.csv:3:9 [confidence]",
    ),
    "missing-column": (HEADER.replace("source_url,", "") + "x\n", "facts.csv:1:"),
    "empty": ("", "facts.csv:1:1"),
}


@pytest.mark.django_db
@pytest.mark.parametrize("case", sorted(BAD_FILES))
def test_bad_file_changes_nothing(case, write_file, capsys):
    good = write_file("good.csv", HEADER + line(state="GA", value="Felony"))
    call_command("ingest", "state-laws", str(good), "--no-progress")
    before = list(PolicyFact.objects.values_list("pk", "value", "end_date"))
    sources = Source.objects.count()
    content, where = BAD_FILES[case]
    path = write_file("facts.csv", content)
    with pytest.raises(CommandError):
        call_command("ingest", "state-laws", str(path), "--no-progress")
    assert where in capsys.readouterr().err
    assert list(PolicyFact.objects.values_list("pk", "value", "end_date")) == before
    assert Source.objects.count() == sources


@pytest.mark.django_db
def test_wrong_encoding_names_line_and_column(write_file, capsys):
    content = (HEADER + line()).encode() + line(value="Misdemean\u00f3r").encode(
        "latin-1"
    )
    path = write_file("facts.csv", content)
    with pytest.raises(CommandError):
        call_command("ingest", "state-laws", str(path), "--no-progress")
    assert "facts.csv:3:30: not valid UTF-8" in capsys.readouterr().err
    assert PolicyFact.objects.count() == 0


@pytest.mark.django_db
def test_dry_run_changes_nothing(write_file):
    path = write_file("facts.csv", HEADER + line())
    call_command("ingest", "state-laws", str(path), "--dry-run", "--no-progress")
    assert PolicyFact.objects.count() == 0


def test_source_knows_its_doc():
    assert state_laws.SOURCE.default_files == ("laws/policy_facts.csv",)
    assert Path(state_laws.SOURCE.doc).name == "state-laws.md"


# -- the real file ------------------------------------------------------------------


@pytest.mark.realdata
@pytest.mark.django_db
def test_real_file_loads_every_row_and_is_idempotent(data_dir):
    path = data_dir / "laws" / "policy_facts.csv"
    with path.open(encoding="utf-8-sig", newline="") as fh:
        csv_rows = list(csv.DictReader(fh))
    assert len(csv_rows) == 1078
    out = run_source(state_laws, path, progress=False)
    assert out.rejections == []
    assert out.result.read == 1078
    assert out.result.inserted == 1079  # + Oregon's derived "no longer in effect"

    stored = Counter(
        PolicyFact.objects.values_list("topic__slug", flat=True).iterator()
    )
    expected = Counter(BY_FACT[r["fact"]].slug for r in csv_rows)
    expected["decrim-law-in-effect"] += 1
    assert stored == expected
    assert len(stored) == 26

    # every row points at a source named by its (name, url) pair
    pairs = {(r["source_name"], r["source_url"]) for r in csv_rows}
    assert Source.objects.filter(slug__startswith="law-").count() == len(pairs)
    kinds = dict(Source.objects.values_list("slug", "kind"))
    assert (
        kinds[
            state_laws.source_slug(
                *next(iter(p for p in pairs if "healthyregions/oeps" in p[1]))
            )
        ]
        == "official"
    )

    # the only facts with an end date are history, not conflicts
    ended = set(
        PolicyFact.objects.exclude(end_date=None).values_list(
            "state__postal", "topic__slug", "end_date"
        )
    )
    assert ended == {
        ("OR", "decrim-law-in-effect", dt.date(2024, 8, 31)),
        ("WY", "good-samaritan-law", dt.date(2025, 6, 30)),
    }

    again = run_source(state_laws, path, force=True, progress=False)
    assert (again.result.inserted, again.result.updated) == (0, 0)
    assert again.result.unchanged == 1079
