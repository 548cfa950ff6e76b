"""The seed: idempotent, complete against seed-facts.md, in our own words."""

from __future__ import annotations

import re
from io import StringIO

import pytest
from django.conf import settings
from django.core.management import call_command

from pathways.library.models import IssueArea, Resource, ResourceType, Status, Tag
from pathways.library.seed import ISSUE_AREAS, RESOURCES, seed_library

pytestmark = pytest.mark.django_db

SEED_FACTS = settings.BASE_DIR.parent / "shared" / "content" / "seed-facts.md"


def _facts() -> str:
    if not SEED_FACTS.is_file():
        pytest.skip(f"{SEED_FACTS} not found")
    return SEED_FACTS.read_text(encoding="utf-8")


def _table_first_column(text: str, heading: str) -> list[str]:
    """First cells of the markdown table under ``## heading``."""
    part = text.split(f"## {heading}", 1)[1].split("\n## ", 1)[0]
    rows = [ln for ln in part.splitlines() if ln.startswith("|")][2:]
    return [ln.split("|")[1].strip() for ln in rows]


def _norm(s: str) -> str:
    return re.sub(r"[^a-z0-9]+", " ", s.lower().replace("bi-partisan", "bipartisan"))


def test_seed_twice_changes_nothing_the_second_time():
    first = seed_library()
    assert (first.issue_areas.created, first.resources.created) == (9, 20)
    second = seed_library()
    assert (second.created, second.updated) == (0, 0)
    assert second.issue_areas.unchanged == 9
    assert second.resources.unchanged == 20
    assert second.tags.unchanged == Tag.objects.count()


def test_command_prints_counts():
    out = StringIO()
    call_command("seed_library", stdout=out)
    assert "issue areas: created 9 · updated 0 · unchanged 0" in out.getvalue()
    out = StringIO()
    call_command("seed_library", stdout=out)
    text = out.getvalue()
    assert "issue areas: created 0 · updated 0 · unchanged 9" in text
    assert "resources: created 0 · updated 0 · unchanged 20" in text
    assert "library seed: created 0 · updated 0" in text


def test_every_issue_area_in_seed_facts_is_seeded(seeded):
    text = _facts()
    part = text.split("## Issue areas", 1)[1].split("\n## ", 1)[0]
    titles = re.findall(r"^\d+\. (.+?) — ", part, flags=re.M)
    assert len(titles) == 9
    english = IssueArea.objects.published().filter(language="en")
    seeded_titles = list(english.values_list("title", flat=True))
    assert seeded_titles == titles  # same names, same order
    for area in english.prefetch_related("sections"):
        assert area.summary and area.sections.count() >= 2
        assert area.map_layers, area.slug


@pytest.mark.parametrize(
    "heading, type_",
    [
        ("Books", ResourceType.BOOK),
        ("Organizations and programs", ResourceType.ORGANIZATION),
        ("Press releases and reports", ResourceType.PRESS_RELEASE),
    ],
)
def test_every_table_row_in_seed_facts_is_seeded(seeded, heading, type_):
    names = _table_first_column(_facts(), heading)
    assert names
    have = [
        _norm(t)
        for t in Resource.objects.published()
        .filter(type=type_)
        .values_list("title", flat=True)
    ]
    for name in names:
        name = re.sub(r"\(monograph\)", "", name)
        assert any(_norm(name).strip() in h for h in have), name


def test_the_report_and_the_article_are_seeded(seeded):
    text = _facts()
    report = re.search(r"report \"([^\"]+)\"", text).group(1)
    article = re.search(r"## Article\n\"([^\"]+)\"", text).group(1)
    assert Resource.objects.get(type=ResourceType.REPORT, title=report)
    assert Resource.objects.get(type=ResourceType.ARTICLE, title=article)


def test_facts_carried_over(seeded):
    book = Resource.objects.get(slug="over-the-influence")
    assert book.author_list == ["Patt Denning", "Jeannie Little", "Adina Glickman"]
    assert book.publisher == "The Guilford Press"
    assert book.publish_at.date().isoformat() == "2003-11-15"
    nm = Resource.objects.get(slug="new-mexico-sb-321-passes")
    assert nm.dateline == "Santa Fe, New Mexico"
    assert nm.contact_list == ["Emily Kaltenbach", "Adriann Barboa"]
    assert "21 votes to 3" in nm.body and "41 votes to 26" in nm.body
    decrim = IssueArea.objects.get(slug="decriminalization")
    body = " ".join(s.text for s in decrim.sections.all())
    for fact in ("107,600", "27 times", "Ballot Measure 110", "HB 4002", "85%"):
        assert fact in body


def test_no_phone_numbers_in_seed():
    phone = re.compile(r"\(?\d{3}\)?[\s.-]?\d{3}[\s.-]?\d{4}")
    for spec in RESOURCES:
        for value in spec.values():
            if isinstance(value, str):
                assert not phone.search(value), (spec["slug"], value)


def _prose() -> list[tuple[str, str]]:
    """(where, text) for every sentence-bearing field of the seed."""
    out = []
    for a in ISSUE_AREAS:
        out.append((a["slug"], a["summary"]))
        out += [(a["slug"], h + ". " + t) for h, t in a["sections"]]
    for r in RESOURCES:
        out += [(r["slug"], r["summary"]), (r["slug"], r.get("body", ""))]
    return out


def test_seed_prose_is_not_copied_from_seed_facts():
    """No run of 8 words from seed-facts.md reappears in our prose, apart from the
    titles of the seeded items themselves (a title is a fact)."""
    facts = _norm(_facts()).split()
    grams = {tuple(facts[i : i + 8]) for i in range(len(facts) - 7)}
    titles = [_norm(r["title"]).strip() for r in RESOURCES]
    for where, text in _prose():
        text = _norm(text)
        for title in titles:
            text = text.replace(title, " ")
        words = text.split()
        for i in range(len(words) - 7):
            assert tuple(words[i : i + 8]) not in grams, (where, words[i : i + 8])


# Person-first language. Proper names (a bill, a society, an article title) may
# keep their wording; the prose around them may not.
STIGMA = re.compile(
    r"\b(addicts?|addicted|junkies?|abusers?|drug abuse|clean|dirty|users?)\b", re.I
)


def test_seed_prose_is_person_first():
    for where, text in _prose():
        text = text.replace("Substance Abuse and Crime Prevention", "")
        assert not STIGMA.search(text), (where, STIGMA.search(text).group(0))
    for a in ISSUE_AREAS:
        assert not STIGMA.search(a["title"]), a["title"]


def test_staff_edits_survive_a_reseed_unless_forced(seeded):
    res = Resource.objects.get(slug="asam")
    res.summary = "Edited by staff."
    res.save()  # as the admin does: updated_at moves past seeded_at
    area = IssueArea.objects.get(slug="harm-reduction")
    area.status = Status.DRAFT
    area.save()

    again = seed_library()
    assert again.resources.kept == 1 and again.resources.kept_slugs == ["asam"]
    assert again.issue_areas.kept == 1
    assert (again.created, again.updated) == (0, 0)
    assert Resource.objects.get(slug="asam").summary == "Edited by staff."

    forced = seed_library(force=True)
    assert forced.resources.updated == 1 and forced.issue_areas.updated == 1
    assert Resource.objects.get(slug="asam").summary != "Edited by staff."
    assert IssueArea.objects.get(slug="harm-reduction").status == Status.PUBLISHED
    final = seed_library()
    assert (final.created, final.updated, final.resources.kept) == (0, 0, 0)


def test_seed_changes_reach_untouched_rows(seeded, monkeypatch):
    """A row nobody edited picks up a changed seed text on the next run."""
    import pathways.library.seed as seed

    changed = [dict(r) for r in seed.RESOURCES]
    changed[0]["summary"] = "A newer summary."
    monkeypatch.setattr(seed, "RESOURCES", changed)
    result = seed.seed_library()
    assert result.resources.updated == 1
    assert Resource.objects.get(slug=changed[0]["slug"]).summary == "A newer summary."
