"""/sources/: sources and disclaimer, generated from the stored provenance.

Everything on the page comes from the database: the ``core.Source`` rows (publisher,
dataset, official page, vintage, as-of date, licence, notes), the observations each
source holds (period covered, number of values, values not published), the last
``ingest.ImportRun`` of its file, the gaps of every map layer (rendered with
``layers.render`` exactly as the map renders it), arrest coverage
(``stats.arrest_rates``) and the law facts' confidence and conflicts
(``policy.facts_on``). No number is typed into the template.

The expensive part (about 50 queries, ~0.3 s on the real data) is cached with
Django's cache, keyed by the newest successful ImportRun, the newest law-fact edit
in the admin (its history row) and today's date (law facts in effect change with
the date). A cached page costs two queries.
"""

from __future__ import annotations

import datetime as dt

from django.core.cache import cache
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils.translation import get_language
from django.views.decorators.cache import cache_control

from pathways.ingest.models import ImportRun
from pathways.policy.models import PolicyFact

from .page import build

CACHE_SECONDS = 600
CACHE_VERSION = 2  # 2: the page data moved from maps to provenance
REPORT_EMAIL = "data@pathways.example"


def _cache_key(today: dt.date) -> str:
    last = (
        ImportRun.objects.filter(status=ImportRun.Status.OK)
        .order_by("-pk")
        .values_list("pk", "started_at")
        .first()
    )
    stamp = f"{last[0]}-{last[1]:%Y%m%dT%H%M%S%f}" if last else "none"
    # A data steward's edit in the admin shows at once too.
    edited = (
        PolicyFact.history.order_by("-history_id")
        .values_list("history_id", flat=True)
        .first()
    )
    # The context holds translated labels: one entry per language.
    lang = get_language() or "en"
    return f"pathways:sources-page:{lang}:{stamp}:{edited or 0}:{today.isoformat()}"


@cache_control(public=True, max_age=300)
def sources_page(request: HttpRequest) -> HttpResponse:
    today = dt.date.today()
    key = _cache_key(today)
    ctx = cache.get(key, version=CACHE_VERSION)
    if ctx is None:
        ctx = build(today)
        cache.set(key, ctx, CACHE_SECONDS, version=CACHE_VERSION)
    return render(
        request, "provenance/sources.html", {**ctx, "report_email": REPORT_EMAIL}
    )
