from __future__ import annotations

from django.db import connection
from django.http import HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import render
from django.views.decorators.cache import never_cache

from pathways.core.models import Source
from pathways.places.models import State


@never_cache
def healthz(request: HttpRequest) -> JsonResponse:
    """200 when the app and the database answer; 503 otherwise."""
    try:
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1")
            cursor.fetchone()
        states = State.objects.states_and_dc().count()
    except Exception as exc:  # noqa: BLE001 - report, never raise, from a probe
        return JsonResponse(
            {"status": "error", "database": type(exc).__name__}, status=503
        )
    return JsonResponse({"status": "ok", "database": "ok", "states": states})


def home(request: HttpRequest) -> HttpResponse:
    return render(
        request,
        "core/home.html",
        {
            "states": State.objects.states_and_dc(),
            # Figures' sources; the many law-fact sources are on /sources/.
            "sources": Source.objects.filter(observations__isnull=False).distinct(),
        },
    )
