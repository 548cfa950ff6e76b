"""/indicators, /sources, /topics: what Pathways holds and where it comes from."""

from __future__ import annotations

from ninja import Router

from pathways.core import selectors as core
from pathways.policy import selectors as policy
from pathways.stats import selectors as stats

from .. import schemas as s
from ..params import Format, route
from ..respond import respond

router = Router(tags=["figures"])
IndicatorsEnvelope = s.envelope_of(s.IndicatorOut, "IndicatorsEnvelope")
SourcesEnvelope = s.envelope_of(s.SourceOut, "SourcesEnvelope")
TopicsEnvelope = s.envelope_of(s.TopicOut, "TopicsEnvelope")


@route(router, "/indicators", IndicatorsEnvelope)
def indicators(request, topic: str | None = None):
    """Every figure Pathways holds, with the sources that publish it"""
    found = stats.indicator_catalog(topic=topic)
    rows = [
        {
            "slug": i.slug,
            "name": i.name,
            "official_label": i.official_label,
            "topic": i.topic,
            "unit": i.unit,
            "description": i.description,
            "sources": slugs,
        }
        for i, slugs in found.rows
    ]
    return respond("json", rows, found.sources)


@route(router, "/sources", SourcesEnvelope)
def sources(request, format: Format = "json"):
    """Every source, with publisher, vintage, URL, license and notes"""
    srcs = core.sources()
    rows = [src.as_dict() for src in srcs]
    return respond(format, rows, srcs, filename="sources", source_of=lambda row: None)


@route(router, "/topics", TopicsEnvelope, tags=["policy"])
def topics(request):
    """Law and policy topics and their map categories"""
    by_topic, used = policy.sources_by_topic()
    rows = [
        {
            "slug": t.slug,
            "name": t.name,
            "group": t.group,
            "description": t.description,
            "categories": [
                {"slug": c[0], "label": c[1]} if isinstance(c, list | tuple) else c
                for c in t.categories
            ],
            "sources": by_topic.get(t.pk, []),
        }
        for t in policy.topics()
    ]
    return respond("json", rows, used)
