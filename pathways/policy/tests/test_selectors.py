from __future__ import annotations

import csv
import datetime as dt
from collections import Counter

import pytest

from pathways.ingest.runner import run_source
from pathways.ingest.sources import state_laws
from pathways.places.models import State
from pathways.policy import selectors
from pathways.policy.categorize import categorize, label
from pathways.policy.models import PolicyFact
from pathways.policy.topics import BY_FACT, TOPIC_SPECS, TOPICS
from tests.factories import PolicyFactFactory

D = dt.date

# -- topics and categorize ----------------------------------------------------------


def test_registry_has_one_topic_per_fact():
    assert len(TOPIC_SPECS) == 26 == len(TOPICS) == len(BY_FACT)
    for spec in TOPIC_SPECS:
        assert spec.slug == spec.fact.replace("_", "-")
        assert spec.group in {
            "criminalization",
            "harm-reduction",
            "cannabis",
            "health-coverage",
            "arrests",
        }
        assert spec.name and spec.description.endswith(".")
        assert len(set(spec.category_slugs)) == len(spec.categories)
        if spec.kind == "yes-no":
            assert {"yes", "partial", "no"} <= set(spec.category_slugs)


# topic -> (value as a source states it, category)
CATEGORIES = {
    "possession-class": [
        ("Not Criminalized", "not-criminalized"),
        ("Misdemeanor", "misdemeanor"),
        ("Both Misdemeanor & Felony", "both"),
        ("Misdemeanor & Felony", "both"),
        ("Felony", "felony"),
        ("Gross misdemeanor", ""),
    ],
    "paraphernalia-class": [
        ("Not Criminallzed", "not-criminalized"),
    ],
    "decrim-legislation-introduced": [
        ("Yes", "yes"),
        ("No", "no"),
    ],
    "decrim-law-in-effect": [
        ("no (repealed effective 2024-09-01)", "no"),
    ],
    "decrim-law-repealed": [
        ("yes - HB 4002 (2024) reclassified ...", "yes"),
    ],
    "good-samaritan-law": [
        ("no law in OPTIC data through 2021", "no"),
        ("yes (defense to prosecution, not immunity from arrest)", "partial"),
        ("yes (new; limited immunity, max twice per year)", "yes"),
        ("expanded (anyone rendering aid at scene)", "yes"),
    ],
    "naloxone-access-law": [
        ("yes", "yes"),
        ("nothing we know", ""),
        ("", ""),
    ],
    "ssp-law-explicitly-authorizes": [
        ("1", "yes"),
        ("0", "no"),
    ],
    "cannabis-medical-law": [
        ("1", "yes"),
        ("0", "no"),
    ],
    "ssp-legal-category": [
        (
            "not explicitly authorized; state law removes barriers/uncertainty",
            "barriers-removed",
        ),
    ],
    "fentanyl-test-strips-legal": [
        ("reported permitted", "yes"),
        ("yes (conflicting sources)", "yes"),
        ("possession for personal use exempted from paraphernalia definition", "yes"),
        ("partial (furnishing immunity)", "partial"),
        ("no (still paraphernalia as of Jul 2024)", "no"),
        ("pending (HB 5179 passed House 2024)", "unclear"),
        ("pending/unconfirmed (ESB 5022)", "unclear"),
        ("unclear (2018 bill passed Senate)", "unclear"),
    ],
    "opc-authorization": [
        ("yes - OPC pilot in Burlington", "yes"),
        ("site operating: Project Weber/RENEW", "yes"),
        ("reported authorized (secondary sources; verify)", "yes"),
        ("not implemented (safer-use spaces on hold)", "partial"),
        ("local only: 2 NYC sites; no state law", "partial"),
        (
            "no state authorization; NYC OPCs operate under local authorization "
            "since 2021",
            "partial",
        ),
        ("pending (SB 1285, 2025)", "no"),
        ("no (SB 57 vetoed)", "no"),
    ],
    "cannabis-status": [
        ("no comprehensive medical law (per OPTIC 2023)", "none"),
        ("adult-use legal", "adult-use"),
    ],
    "medicaid-expansion-status": [
        ("adopted and implemented", "adopted"),
        ("not adopted", "not-adopted"),
    ],
    "dpa-drug-arrests-count": [
        ("17278", ""),
    ],
    "no-such-topic": [
        ("yes", ""),
    ],
}


@pytest.mark.parametrize(
    ("topic", "value", "category"),
    [(t, v, c) for t, pairs in CATEGORIES.items() for v, c in pairs],
)
def test_categorize(topic, value, category):
    assert categorize(topic, value) == category


def test_yes_and_no_do_not_swallow_longer_words():
    assert categorize("naloxone-access-law", "not implemented") == ""
    assert categorize("naloxone-access-law", "nobody knows") == ""
    assert categorize("naloxone-access-law", "yesterday") == ""


def test_label():
    assert label("possession-class", "both") == "Both misdemeanor & felony"
    assert label("possession-class", "nope") == ""


# -- facts_on / fact_history on hand-made facts ---------------------------------------


@pytest.fixture
def topics(db):
    return state_laws.ensure_topics()


@pytest.fixture
def fact(topics):
    """Build a fact (Washington, naloxone access, as of the ``topics`` registry)."""
    return PolicyFactFactory


def only(found):
    assert len(found) == 1, found
    return found[0]


@pytest.mark.django_db
def test_preference_citation_then_as_of_then_confidence_then_bulk(fact):
    bulk = fact(value="yes", as_of_date=D(2024, 1, 1), source__slug="law-bulk")
    low = fact(
        value="no", as_of_date=D(2024, 1, 1), confidence="low", source__slug="law-a"
    )
    x = only(selectors.facts_on(on=D(2024, 6, 1), topic="naloxone-access-law"))
    assert x.fact == bulk and x.alternatives == [low]  # bulk ranks as medium
    later = fact(
        value="partial",
        as_of_date=D(2024, 2, 1),
        confidence="low",
        source__slug="law-b",
    )
    x = only(selectors.facts_on(on=D(2024, 6, 1), topic="naloxone-access-law"))
    assert x.fact == later and set(x.alternatives) == {bulk, low}
    cited = fact(
        value="no (x)", citation="Wash. HB 1", confidence="low", source__slug="law-c"
    )
    x = only(selectors.facts_on(on=D(2024, 6, 1), topic="naloxone-access-law"))
    assert x.fact == cited and x.agreeing == [low]
    assert x.date_known is False
    fact(
        value="yes (y)",
        citation="none found",
        as_of_date=D(2025, 1, 1),
        source__slug="law-d",
    )
    x = only(selectors.facts_on(on=D(2024, 6, 1), topic="naloxone-access-law"))
    assert x.fact == cited  # "none found" is not a citation


@pytest.mark.django_db
def test_confidence_breaks_ties_and_bulk_wins_last(fact):
    high = fact(value="no", confidence="high", source__slug="law-a")
    fact(value="yes", confidence="", source__slug="law-bulk")
    assert only(selectors.facts_on(on=D(2024, 1, 1))).fact == high
    PolicyFact.objects.filter(pk=high.pk).update(confidence="medium")
    assert only(selectors.facts_on(on=D(2024, 1, 1))).fact.source.slug == "law-bulk"


@pytest.mark.django_db
def test_history_by_date_and_absent_states(fact):
    old = fact(
        value="no",
        effective_date=D(2010, 1, 1),
        end_date=D(2015, 6, 30),
        source__slug="law-a",
    )
    new = fact(value="yes", effective_date=D(2015, 7, 1), source__slug="law-a")
    assert only(selectors.facts_on(on=D(2012, 1, 1))).fact == old
    x = only(selectors.facts_on(on=D(2020, 1, 1)))
    assert x.fact == new and x.alternatives == [] and x.date_known
    assert selectors.facts_on(on=D(2009, 1, 1)) == []
    wa = State.objects.get(postal="WA")
    assert (
        selectors.facts_on(on=D(2020, 1, 1), state=State.objects.get(postal="OR")) == []
    )
    assert selectors.fact_history(state=wa, topic="naloxone-access-law") == [old, new]


@pytest.mark.django_db
def test_fact_history_orders_undated_by_as_of(fact):
    wa = State.objects.get(postal="WA")
    amended = fact(value="expanded", as_of_date=D(2025, 4, 9), source__slug="law-b")
    law = fact(value="yes", effective_date=D(2017, 7, 1), source__slug="law-a")
    undated = fact(value="yes (c)", source__slug="law-c")
    assert selectors.fact_history(state=wa, topic="naloxone-access-law") == [
        undated,
        law,
        amended,
    ]


@pytest.mark.django_db
def test_facts_on_is_one_query(fact, django_assert_num_queries):
    for postal in ("WA", "OR", "GA", "TX"):
        fact(state__postal=postal, value="yes", source__slug="law-a")
        fact(state__postal=postal, value="no", confidence="low", source__slug="law-b")
        fact(
            state__postal=postal,
            topic__slug="possession-class",
            value="Felony",
            source__slug="law-a",
        )
    with django_assert_num_queries(1):
        found = selectors.facts_on(on=D(2024, 1, 1))
        assert len(found) == 8
        for x in found:
            _ = (x.state.name, x.topic.slug, x.fact.source.slug)
            _ = [a.source.slug for a in x.alternatives]
    wa = State.objects.get(postal="WA")
    with django_assert_num_queries(1):
        found = selectors.facts_on(on=D(2024, 1, 1), topic="possession-class", state=wa)
        assert [x.fact.source.slug for x in found] == ["law-a"]


@pytest.mark.django_db
def test_topics_in_registry_order(topics):
    assert [t.slug for t in selectors.topics()] == [t.slug for t in TOPIC_SPECS]
    t = selectors.topics().get(slug="possession-class")
    assert t.categories[0] == ["not-criminalized", "Not criminalized"]


# -- the real file ------------------------------------------------------------------

MAP_TOPICS = [
    "possession-class",
    "paraphernalia-class",
    "decrim-legislation-introduced",
    "decrim-law-in-effect",
    "good-samaritan-law",
    "naloxone-access-law",
    "cannabis-status",
    "medicaid-expansion-status",
    "ssp-legal-category",
    "fentanyl-test-strips-legal",
    "opc-authorization",
]


@pytest.mark.realdata
def test_categorize_classes_every_real_value(data_dir):
    """Every value of every topic is classed; the only deliberate exceptions are
    the two arrest figures (numbers, never classed)."""
    with (data_dir / "laws" / "policy_facts.csv").open(encoding="utf-8-sig") as fh:
        rows = list(csv.DictReader(fh))
    unclassed = Counter()
    for r in rows:
        spec = BY_FACT[r["fact"]]
        category = categorize(spec.slug, r["value"])
        if category:
            assert category in spec.category_slugs
        else:
            unclassed[spec.slug] += 1
    assert unclassed == {"dpa-drug-arrests-count": 1, "dpa-drug-arrests-per-100k": 1}
    assert not set(MAP_TOPICS) & set(unclassed)


@pytest.fixture
def real(data_dir, db):
    out = run_source(state_laws, data_dir / "laws" / "policy_facts.csv", progress=False)
    assert out.rejections == []
    return {s.postal: s for s in State.objects.all()}


def on(day, topic, state):
    return only(selectors.facts_on(on=day, topic=topic, state=state))


@pytest.mark.realdata
def test_real_possession_washington(real):
    x = on(D(2025, 1, 1), "possession-class", real["WA"])
    assert x.category == "misdemeanor" and x.fact.confidence == "high"
    assert x.date_known is False and x.alternatives == []


@pytest.mark.realdata
def test_real_oregon_decriminalization_then_repeal(real):
    before = on(D(2022, 1, 1), "decrim-law-in-effect", real["OR"])
    assert before.category == "yes" and before.date_known is False
    after = on(D(2025, 1, 1), "decrim-law-in-effect", real["OR"])
    assert after.category == "no" and after.date_known
    assert after.fact.effective_date == D(2024, 9, 1)
    assert after.alternatives == []
    history = selectors.fact_history(state=real["OR"], topic="decrim-law-in-effect")
    assert [f.category for f in history] == ["yes", "no"]
    assert history[0].end_date == D(2024, 8, 31)
    # every other state: no decriminalization law
    found = selectors.facts_on(on=D(2025, 1, 1), topic="decrim-law-in-effect")
    assert len(found) == 51
    assert {x.category for x in found} == {"no"}


@pytest.mark.realdata
def test_real_georgia_naloxone_sources_stay_visible(real):
    """Both sources agree GA has had a naloxone law since 2014 (the statute row,
    with its citation, is preferred); the OPTIC row flagged SOURCE CONFLICT stays
    visible beside it."""
    x = on(D(2020, 1, 1), "naloxone-access-law", real["GA"])
    assert x.fact.citation.startswith("Ga. HB 965")
    assert x.fact.effective_date == D(2014, 4, 24)
    assert x.alternatives == []
    assert len(x.agreeing) == 1 and "SOURCE CONFLICT" in x.agreeing[0].notes
    assert x.agreeing[0].effective_precision == "month"
    # between the two effective dates only the statute row holds
    x = on(D(2014, 4, 28), "naloxone-access-law", real["GA"])
    assert x.agreeing == []


@pytest.mark.realdata
def test_real_conflicts_are_alternatives(real):
    tx = on(D(2025, 1, 1), "good-samaritan-law", real["TX"])
    assert tx.category == "partial"
    assert [a.category for a in tx.alternatives] == ["no"]
    assert on(D(2020, 1, 1), "good-samaritan-law", real["TX"]).category == "no"
    wy = on(D(2025, 8, 1), "good-samaritan-law", real["WY"])
    assert wy.category == "yes" and wy.alternatives == []
    assert on(D(2024, 1, 1), "good-samaritan-law", real["WY"]).category == "no"
    mn = on(D(2025, 1, 1), "opc-authorization", real["MN"])
    assert mn.category == "partial"
    assert [a.category for a in mn.alternatives] == ["yes"]


@pytest.mark.realdata
def test_real_map_coverage(real):
    def count(topic):
        return len(selectors.facts_on(on=D(2025, 9, 1), topic=topic))

    assert count("possession-class") == 51
    assert count("paraphernalia-class") == 50  # NH missing
    assert count("good-samaritan-law") == 51
    assert count("fentanyl-test-strips-legal") == 49  # no NV, VT
    # Indiana's law took effect 2025-07-01: before that its row does not hold
    assert (
        len(selectors.facts_on(on=D(2025, 6, 1), topic="fentanyl-test-strips-legal"))
        == 48
    )
    assert count("opc-authorization") == 11
    assert count("dpa-drug-arrests-count") == 1


# -- admin (data stewards) ----------------------------------------------------------


@pytest.mark.django_db
def test_admin_requires_evidence_and_recomputes_history(fact, admin_client):
    old = fact(value="no", effective_date=D(2010, 1, 1), source__slug="law-a")
    url = "/admin/policy/policyfact/add/"
    assert admin_client.get(url).status_code == 200
    form = {
        "state": State.objects.get(postal="WA").pk,
        "topic": old.topic.pk,
        "value": "yes",
        "category": "",
        "effective_date": "",
        "effective_precision": "unknown",
        "effective_text": "",
        "citation": "",
        "source": old.source.pk,
        "as_of": "",
        "as_of_date": "",
        "confidence": "high",
        "evidence": "",
        "notes": "",
        "origin": "",
    }
    response = admin_client.post(url, form)
    assert response.status_code == 200  # form errors shown again
    errors = response.context["adminform"].form.errors
    assert {"effective_date", "citation"} <= set(errors)
    form.update(effective_date="2020-03-01", citation="Wash. HB 1 (2020)")
    response = admin_client.post(url, form)
    assert response.status_code == 302, response.context["adminform"].form.errors
    new = PolicyFact.objects.get(value="yes")
    assert new.category == "yes" and new.effective_text == "2020-03-01"
    assert new.effective_precision == "day"
    old.refresh_from_db()
    assert old.end_date == D(2020, 2, 29)
    assert admin_client.get("/admin/policy/policyfact/?q=WA").status_code == 200
