"""/facts, /states/{postal}/facts(/{topic}/history): law and policy facts, as
``policy.selectors`` reads them (the preferred fact on a date, alternatives)."""

from __future__ import annotations

import datetime as dt
from typing import Any

from ninja import Router

from pathways.policy import selectors as policy

from .. import params
from .. import schemas as s
from ..params import DateParam, Format, route, topic_slug
from ..respond import iso, respond

router = Router(tags=["policy"])
FactsEnvelope = s.envelope_of(s.FactOut, "FactsEnvelope")
StateFactsEnvelope = s.envelope_of(s.FactOut, "StateFactsEnvelope")
FactHistoryEnvelope = s.envelope_of(s.FactOut, "FactHistoryEnvelope")


def _fact_row(f, alternatives=(), date_known=None) -> dict[str, Any]:
    return {
        "state": f.state.postal,
        "topic": f.topic.slug,
        "value": f.value,
        "category": f.category,
        "effective_date": iso(f.effective_date),
        "effective_precision": f.effective_precision,
        "effective_text": f.effective_text,
        "end_date": iso(f.end_date),
        "date_known": date_known,
        "as_of": f.as_of,
        "citation": f.citation,
        "confidence": f.confidence,
        "evidence": f.evidence,
        "notes": f.notes,
        "source": f.source.slug,
        "review": f.review,
        "alternatives": [
            {
                "value": a.value,
                "category": a.category,
                "effective_date": iso(a.effective_date),
                "as_of": a.as_of,
                "source": a.source.slug,
            }
            for a in alternatives
        ],
    }


def _facts_on(fmt, on, topic, st, filename):
    """The facts in effect ``on`` (default today) as rows with their sources."""
    found = policy.facts_on(on=on or dt.date.today(), topic=topic_slug(topic), state=st)
    rows = [_fact_row(x.fact, x.alternatives, x.date_known) for x in found]
    srcs = [x.fact.source for x in found] + [
        a.source for x in found for a in x.alternatives
    ]
    return respond(fmt, rows, srcs, filename=filename)


@route(router, "/facts", FactsEnvelope)
def facts(
    request,
    topic: str | None = None,
    date: DateParam = None,
    state: str | None = None,
    format: Format = "json",
):
    """Law and policy facts in effect on a date, by topic

    The preferred fact per state and topic in effect on `date` (default today), with
    sources that disagree listed under `alternatives`. States without a fact are
    absent: that means no data, not 'no law'."""
    st = params.state(state, name="state") if state else None
    return _facts_on(format, date, topic, st, f"facts-{topic or 'all'}")


@route(router, "/states/{postal}/facts", StateFactsEnvelope)
def state_facts(
    request,
    postal: str,
    date: DateParam = None,
    topic: str | None = None,
    format: Format = "json",
):
    """Every law and policy fact for one state on a date"""
    st = params.state(postal)
    return _facts_on(format, date, topic, st, f"facts-{st.postal}")


@route(router, "/states/{postal}/facts/{topic}/history", FactHistoryEnvelope)
def fact_history(request, postal: str, topic: str, format: Format = "json"):
    """Every recorded fact for one state and topic, oldest first"""
    st = params.state(postal)
    found = policy.fact_history(state=st, topic=topic_slug(topic))
    return respond(
        format,
        [_fact_row(f) for f in found],
        [f.source for f in found],
        filename=f"history-{st.postal}-{topic}",
    )
