"""The service finder's pages: search (/find/) and one facility.

Privacy: these views read only the query string, never the session, set no
cookie, and neither store nor log what was searched for. The one exception is
the "report a problem with this listing" form (``report``): a POST form, so its
page sets the CSRF cookie."""

from __future__ import annotations

import math

from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, render
from django.views.decorators.cache import cache_control
from django.views.decorators.http import require_http_methods, require_safe

from pathways.core.models import Source
from pathways.library.services import client_ip_hash

from .forms import FinderForm
from .models import Facility
from .report import RateLimited, ReportForm, report_create
from .selectors import facilities_near, matched_values, services_by_group

PER_PAGE = 20


def _page_number(text: str | None, pages: int) -> int:
    try:
        n = int(text or 1)
    except ValueError:
        return 1
    return min(max(n, 1), max(pages, 1))


def _query_without_page(request: HttpRequest) -> str:
    q = request.GET.copy()
    q.pop("page", None)
    return q.urlencode()


@require_safe
@cache_control(private=True, max_age=0, no_store=True)
def find(request: HttpRequest) -> HttpResponse:
    searched = any(k in request.GET for k in ("zip", "city", "state", "lat", "lng"))
    form = FinderForm(request.GET if searched else None)
    ctx: dict = {"form": form, "searched": searched}
    status = 200
    if searched and form.is_valid():
        filters = form.filters()
        results = facilities_near(
            lat=form.place.lat,
            lng=form.place.lng,
            miles=form.cleaned_data["radius"],
            filters=filters,
        )
        paginator = Paginator(results, PER_PAGE)
        page = paginator.page(
            _page_number(request.GET.get("page"), paginator.num_pages)
        )
        rows = [
            {
                "f": hit.facility,
                "miles": miles_display(hit.miles),
                "matched": matched_values(hit.facility, filters),
                "tel": tel_href(hit.facility.phone) if hit.facility.phone else "",
            }
            for hit in page.object_list
        ]
        ctx.update(
            place=form.place,
            radius=form.cleaned_data["radius"],
            filters=filters,
            page=page,
            rows=rows,
            results_shown=True,
            paginator=paginator,
            count=len(results),
            base_query=_query_without_page(request),
            sources=list(
                Source.objects.filter(pk__in={r["f"].source_id for r in rows})
            ),
        )
    elif searched:
        status = 400
    return render(request, "treatment/find.html", ctx, status=status)


@require_safe
@cache_control(public=True, max_age=3600)
def facility(request: HttpRequest, key: str) -> HttpResponse:
    f = get_object_or_404(
        Facility.objects.select_related("source", "otp_program"), key=key
    )
    phones = []
    for label, number in (
        ("Main phone", f.phone),
        ("Intake", f.intake1),
        ("Intake", f.intake2),
        ("Intake", f.intake1a),
        ("Intake", f.intake2a),
    ):
        if number and number not in [p[1] for p in phones]:
            phones.append((label, number, tel_href(number)))
    return render(
        request,
        "treatment/facility.html",
        {
            "f": f,
            "phones": phones,
            "groups": services_by_group(f),
            "source": f.source,
        },
    )


@require_http_methods(["GET", "HEAD", "POST"])
@cache_control(private=True, max_age=0, no_store=True)
def report(request: HttpRequest, key: str) -> HttpResponse:
    """Report a problem with a listing. The only finder page that sets a cookie
    (CSRF, on this form's page only)."""
    f = get_object_or_404(Facility.objects.only("pk", "key", "name", "city"), key=key)
    status = 200
    limited = False
    if request.method == "POST":
        form = ReportForm(request.POST, facility=f)
        if form.is_bot() or form.is_valid():
            try:
                report_create(form, ip_hash=client_ip_hash(request))
            except RateLimited:
                limited, status = True, 429
            else:
                return render(request, "treatment/report_thanks.html", {"f": f})
        else:
            status = 400
    else:
        form = ReportForm(facility=f)
    return render(
        request,
        "treatment/report.html",
        {"f": f, "form": form, "limited": limited},
        status=status,
    )


def tel_href(number: str) -> str:
    """'503-555-0100 x12' -> 'tel:+15035550100,12' (digits only; an extension
    after a pause)."""
    main, _, ext = (
        number.lower().replace("ext.", "x").replace("ext", "x").partition("x")
    )
    digits = "".join(ch for ch in main if ch.isdigit())
    if len(digits) == 10:
        digits = "+1" + digits
    elif len(digits) == 11 and digits.startswith("1"):
        digits = "+" + digits
    ext_digits = "".join(ch for ch in ext if ch.isdigit())
    return f"tel:{digits}" + (f",{ext_digits}" if ext_digits else "")


def miles_display(miles: float) -> str:
    return f"{math.floor(miles * 10 + 0.5) / 10:.1f} mi"
