"""'What fits me': the scoring and its explanations (fit.py), and /find/fit/."""

from __future__ import annotations

import re
from types import SimpleNamespace

import pytest

from pathways.treatment import fit
from pathways.treatment.fit import MATCHED, NOT_LISTED, UNKNOWN, Answers

from .finder_fixtures import *  # noqa: F403  (the fixture: portland)
from .finder_fixtures import HELP, search_form_html


def fac(codes: str, directory_type: str = "substance", name: str = "X", pk: int = 1):
    return SimpleNamespace(
        code_list=codes.split(), directory_type=directory_type, name=name, pk=pk
    )


def statuses(facility, answers: Answers) -> dict[str, str]:
    f = fit.fit_one(facility, 1.0, fit.criteria(answers))
    return {o.criterion.key: o.status for o in f.outcomes}


# --- criteria ----------------------------------------------------------------------


def test_no_answers_no_criteria():
    assert fit.criteria(Answers()) == []
    # wording-only answers add nothing to the score
    assert fit.criteria(Answers(for_whom="someone", medication="not-sure")) == []
    assert fit.criteria(Answers(medication="none", goal="not-sure")) == []


def test_criteria_from_answers():
    crits = fit.criteria(
        Answers(
            help="both",
            medication="buprenorphine",
            payment=("medicaid", "sliding-fee"),
            age="young-adults",
            pregnant=True,
            language="spanish",
            needs=("housing", "childcare", "housing"),
            goal="reduce-harm",
        )
    )
    keys = [c.key for c in crits]
    assert keys == [
        "help",
        "medication",
        "payment",
        "age",
        "pregnant",
        "language",
        "goal",
        "need:housing",
        "need:childcare",
    ]
    assert crits[0].values == ("co-occurring",)
    assert crits[2].label == "Medicaid or Sliding fee (based on income)"


def test_goal_reduce_harm_does_not_double_count_a_ticked_naloxone_need():
    keys = [
        c.key for c in fit.criteria(Answers(goal="reduce-harm", needs=("naloxone",)))
    ]
    assert keys == ["need:naloxone"]


# --- matched / not listed / unknown -----------------------------------------------


def test_matched_not_listed_and_unknown():
    answers = Answers(
        medication="buprenorphine", payment=("medicaid",), language="spanish"
    )
    # lists bupe, lists payment (but not Medicaid), lists no language at all
    assert statuses(fac("SA OP BU SF PI"), answers) == {
        "medication": MATCHED,
        "payment": NOT_LISTED,
        "language": UNKNOWN,
    }
    # no payment codes at all: unknown, never "no"
    assert statuses(fac("SA OP BU"), answers)["payment"] == UNKNOWN
    assert statuses(fac("SA OP BU MD SP"), answers) == {
        "medication": MATCHED,
        "payment": MATCHED,
        "language": MATCHED,
    }


def test_medication_not_offered_is_not_listed_no_medication_codes_unknown():
    a = Answers(medication="methadone")
    assert statuses(fac("SA OP NMOA"), a)["medication"] == NOT_LISTED
    assert statuses(fac("SA OP BU"), a)["medication"] == NOT_LISTED
    assert statuses(fac("SA OP"), a)["medication"] == UNKNOWN
    assert statuses(fac("SA OP MM"), a)["medication"] == MATCHED


def test_codes_the_directory_does_not_ask_are_unknown():
    # legal help is asked only of mental health facilities (LAD)
    a = Answers(needs=("legal",))
    assert statuses(fac("SA OP HS", "substance"), a)["need:legal"] == UNKNOWN
    f = fit.fit_one(fac("SA OP HS"), 1.0, fit.criteria(a))
    assert f.outcomes[0].reason == fit.NOT_ASKED
    f = fit.fit_one(fac("MH OP", "mental"), 1.0, fit.criteria(a))
    assert (f.outcomes[0].status, f.outcomes[0].reason) == (UNKNOWN, fit.SILENT)
    assert statuses(fac("MH OP HS", "mental"), a)["need:legal"] == NOT_LISTED
    assert statuses(fac("MH OP LAD", "mental"), a)["need:legal"] == MATCHED


def test_age_evidence_is_age_codes_only():
    a = Answers(age="seniors")
    assert statuses(fac("SA OP ADLT"), a)["age"] == NOT_LISTED
    assert statuses(fac("SA OP PW"), a)["age"] == UNKNOWN
    assert statuses(fac("SA OP SE"), a)["age"] == MATCHED


def test_help_focus_and_goal():
    assert statuses(fac("MH OP", "mental"), Answers(help="substance-use")) == {
        "help": NOT_LISTED
    }
    assert statuses(fac("SA CO"), Answers(help="both")) == {"help": MATCHED}
    assert statuses(fac("SA OP NOE"), Answers(goal="reduce-harm")) == {"goal": MATCHED}
    assert statuses(fac("SA OP DT"), Answers(goal="stop")) == {"goal": MATCHED}


def test_matched_labels_and_summary():
    answers = Answers(
        medication="buprenorphine",
        payment=("medicaid", "medicare", "cash"),
        language="spanish",
    )
    f = fit.fit_one(fac("SA OP BU MD SF SP"), 3.2, fit.criteria(answers))
    assert f.matched_labels == [
        "Buprenorphine",
        "Medicaid",
        "Cash or self-pay",
        "Spanish",
    ]
    assert (
        f.summary("3.2 mi")
        == "Buprenorphine · Medicaid · Cash or self-pay · Spanish · 3.2 mi"
    )
    assert f.score == f.max_score == 6


def test_rank_by_fit_then_distance():
    answers = Answers(medication="buprenorphine", payment=("medicaid",))
    near = [
        SimpleNamespace(facility=fac("SA OP", name="near, unknowns", pk=1), miles=1.0),
        SimpleNamespace(facility=fac("SA OP BU MD", name="far, all", pk=2), miles=9.0),
        SimpleNamespace(facility=fac("SA OP NU PI", name="no, no", pk=3), miles=0.5),
        SimpleNamespace(facility=fac("SA OP BU MD", name="mid, all", pk=4), miles=5.0),
        SimpleNamespace(facility=fac("SA OP BU", name="bupe only", pk=5), miles=2.0),
    ]
    ranked = [f.facility.name for f in fit.rank(near, answers)]
    assert ranked == ["mid, all", "far, all", "bupe only", "near, unknowns", "no, no"]


def test_no_answers_rank_by_distance():
    near = [
        SimpleNamespace(facility=fac("SA", name="b", pk=2), miles=2.0),
        SimpleNamespace(facility=fac("SA", name="a", pk=1), miles=1.0),
    ]
    assert [f.facility.name for f in fit.rank(near, Answers())] == ["a", "b"]


def test_every_need_and_payment_value_is_in_the_code_table():
    from pathways.treatment import codes

    for v in fit.NEED_VALUES:
        assert ("extra-help", v) in codes.VALUES
    for v in fit.PAYMENT_VALUES:
        assert ("payment", v) in codes.VALUES


def test_values_by_group_for_comparison():
    got = fit.values_by_group(fac("SA OP BU BUM BWN MD SS ACC NMOA"))
    assert got["medications"] == ["Buprenorphine"]
    assert got["payment"] == ["Medicaid", "Sliding fee (based on income)"]
    assert "other" not in got
    assert fit.values_by_group(fac("")) == {}


# --- the page ----------------------------------------------------------------------


def names(html: str) -> list[str]:
    return re.findall(r'<h3><a href="/find/facility/[^"]+/">([^<]+)</a></h3>', html)


def test_blank_questionnaire(client, db):
    resp = client.get("/find/fit/")
    html = search_form_html(resp)
    assert html.count("<fieldset") >= 8 and html.count("<legend") >= 8
    assert 'name="medication" value="buprenorphine"' in html
    assert 'name="needs" value="housing"' in html
    assert 'name="payment" value="sliding-fee"' in html
    assert "results-title" not in html
    assert "Set-Cookie" not in str(resp.headers) and not resp.cookies
    assert "no-store" in resp["Cache-Control"] and "private" in resp["Cache-Control"]


def test_fit_results_ranked_and_explained(client, portland):
    resp = client.get(
        "/find/fit/",
        {
            "zip": "97214",
            "radius": "25",
            "medication": "buprenorphine",
            "payment": ["medicaid"],
            "language": "spanish",
        },
    )
    html = resp.content.decode()
    assert resp.status_code == 200, html
    assert not resp.cookies
    assert "no-store" in resp["Cache-Control"]
    assert names(html) == [
        "Bupe Medicaid Clinic",  # all three: 6
        "Mind Center",  # medication unknown 1, Medicaid 2, language unknown 1
        "Residential Home",  # bupe 2, payment not listed 0, language unknown 1
        "Methadone Program",  # not listed 0, not listed 0, unknown 1
    ]
    assert "Buprenorphine · Medicaid · Spanish · 0.7 mi" in html
    assert "Not listed: Medicaid" in html  # Residential Home: sliding fee only
    assert "Unknown: Spanish (this listing says nothing about language)" in html
    # the mental health directory has no buprenorphine code
    assert "Unknown: Buprenorphine (the directory does not ask" in html
    assert "Fits 3 of 3 things you asked about" in html
    # the results map (local geometry), numbered like the list
    assert 'class="finder-map-svg"' in html and "findermap.css" in html
    # compare form with the place carried along
    assert 'action="/find/compare/"' in html
    assert '<input type="hidden" name="zip" value="97214">' in html
    assert 'name="id" value="' in html
    assert all(h in html for h in HELP)


def test_fit_ranking_order(client, portland):
    html = client.get(
        "/find/fit/",
        {"zip": "97214", "medication": "buprenorphine", "payment": "medicaid"},
    ).content.decode()
    got = names(html)
    assert got[0] == "Bupe Medicaid Clinic"
    assert "Far Away Clinic" not in got
    # Residential Home: bupe matched (2) + payment not listed (0) = 2
    # Mind Center: medication unknown (1) + medicaid (2) = 3
    assert got.index("Mind Center") < got.index("Residential Home")


@pytest.mark.parametrize(
    "params",
    [
        {"zip": "00000"},
        {"zip": "abc"},
        {"zip": "97214", "radius": "7"},
        {"zip": "97214", "radius": "1000"},
        {"zip": "97214", "radius": "x"},
        {"city": "Nowhere", "state": "OR"},
        {"city": "Portland"},
        {"zip": ""},
        {"zip": "97214", "medication": "heroin"},
        {"zip": "97214", "payment": "bitcoin"},
        {"zip": "97214", "needs": "nope"},
        {"zip": "97214", "language": "klingon"},
        {"zip": "97214", "goal": "x"},
        {"zip": "972\x0014"},
        {"zip": "97214", "city": "\x00"},
        {"zip": "9" * 100_000},
        {"zip": "97214", "help": "ü" * 5000},
        {"zip": "９７２１４"},
        {"lat": "nan", "lng": "1"},
        {"lat": "1e999", "lng": "1"},
    ],
)
def test_bad_input_is_400_with_a_message(client, portland, params):
    resp = client.get("/find/fit/", params)
    assert resp.status_code == 400
    html = resp.content.decode()
    if not any("\x00" in v for v in params.values()):  # NUL: the site's own 400
        assert 'class="finder-error"' in html
    assert "results-title" not in html
    assert not resp.cookies
