"""The service finder's pages: search (/find/), "what fits me" (/find/fit/),
compare (/find/compare/) and one facility.

Privacy: these views read only the query string, never the session, set no
cookie, and neither store nor log what was searched for. The one exception is
the "report a problem with this listing" form (``report``): a POST form, so its
page sets the CSRF cookie."""

from __future__ import annotations

import math
import re

from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, render
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django.views.decorators.cache import cache_control
from django.views.decorators.http import require_http_methods, require_safe

from pathways.core.abuse import client_hash
from pathways.core.geo import haversine_miles
from pathways.core.models import Source
from pathways.core.pagination import paginate

from . import fit as fitting
from .forms import FinderForm, FitForm, PlaceForm
from .models import Facility
from .report import RateLimited, ReportForm, report_create
from .selectors import (
    FILTER_GROUPS,
    facilities_near,
    services_by_group,
)

PER_PAGE = 20
COMPARE_MAX = 4
PLACE_PARAMS = ("zip", "city", "state", "lat", "lng")
KEY_RE = re.compile(r"^[A-Za-z0-9_-]{1,40}$")


@require_safe
@cache_control(private=True, max_age=0, no_store=True)
def find(request: HttpRequest) -> HttpResponse:
    searched, form = _place_form(request, FinderForm)
    ctx: dict = {"form": form, "searched": searched}
    status = 200
    if searched and form.is_valid():
        filters = form.filters()
        results = _nearby(form, filters=filters)
        sort = form.cleaned_data.get("sort") or "distance"
        if sort == "fit" and filters:
            # Best fit: the most chosen values matched (a place already has
            # one in each chosen group), then nearest.
            scored = [(fitting.matched_count(n.facility, filters), n) for n in results]
            scored.sort(key=lambda t: (-t[0], t[1].miles, t[1].facility.name))
            results = [n for _count, n in scored]
        page = _results_page(request, form, results, ctx)
        rows = [
            _row(hit, matched=fitting.matched_labels_for(hit.facility, filters))
            for hit in page.object_list
        ]
        ctx.update(sort=sort, filters=filters, **_rows_context(rows))
    elif searched:
        status = 400
    return render(request, "treatment/find.html", ctx, status=status)


def _place_form(request: HttpRequest, form_class) -> tuple[bool, PlaceForm]:
    """(asked?, form): the form is bound once the query names a place."""
    asked = any(k in request.GET for k in PLACE_PARAMS)
    return asked, form_class(request.GET if asked else None)


def _nearby(form: PlaceForm, **kw):
    """The places within the form's radius of its place (``facilities_near``)."""
    return facilities_near(
        lat=form.place.lat, lng=form.place.lng, miles=form.cleaned_data["radius"], **kw
    )


def _place_params(form: PlaceForm) -> list[tuple[str, str]]:
    """The search's place as (name, value) pairs, for hidden inputs of the
    compare form (so the comparison can show distances)."""
    out = []
    for name in PLACE_PARAMS:
        value = form.cleaned_data.get(name)
        if value not in (None, ""):
            out.append((name, str(value)))
    return out


def _sources(facilities) -> list[Source]:
    return list(Source.objects.filter(pk__in={f.source_id for f in facilities}))


def _row(hit, **extra) -> dict:
    """One result row (search or fit): the facility, its distance as shown, its
    phone as a tel: link, and ``extra``."""
    f = hit.facility
    return {
        "f": f,
        "miles": miles_display(hit.miles),
        "tel": tel_href(f.phone) if f.phone else "",
    } | extra


def _rows_context(rows: list[dict]) -> dict:
    return {"rows": rows, "sources": _sources(r["f"] for r in rows)}


def _results_page(request: HttpRequest, form: PlaceForm, results, ctx: dict):
    """Paginate a result list (search or fit) and put what both result pages
    show into ``ctx``: the place, radius, page, count and query. Returns the page."""
    page = paginate(request, results, per_page=PER_PAGE, strict=False)
    ctx.update(
        place=form.place,
        radius=form.cleaned_data["radius"],
        place_params=_place_params(form),
        page=page,
        count=len(results),
        results_shown=True,
    )
    return page


@require_safe
@cache_control(private=True, max_age=0, no_store=True)
def fit(request: HttpRequest) -> HttpResponse:
    """'What fits me': a GET questionnaire; results ranked by fit, then
    distance, each explaining what matched, what is not listed and what the
    directory does not say. The answers live only in this request."""
    asked, form = _place_form(request, FitForm)
    ctx: dict = {"form": form, "asked": asked}
    status = 200
    if asked and form.is_valid():
        answers = form.answers()
        ranked = fitting.rank(_nearby(form), answers)
        page = _results_page(request, form, ranked, ctx)
        rows = [_row(item, fit=item) for item in page.object_list]
        for row in rows:
            row["summary"] = row["fit"].summary(row["miles"])
        ctx.update(
            answers=answers, criteria=fitting.criteria(answers), **_rows_context(rows)
        )
    elif asked:
        status = 400
    return render(request, "treatment/fit.html", ctx, status=status)


@require_safe
@cache_control(private=True, max_age=0, no_store=True)
def compare(request: HttpRequest) -> HttpResponse:
    """Up to four facilities side by side (?id=<key>&id=<key>…), with
    distances when the query has a place (zip, city and state, or lat/lng)."""
    keys = list(dict.fromkeys(k.strip() for k in request.GET.getlist("id")))
    keys = [k for k in keys if k]
    errors: list[str] = []
    facilities: list[Facility] = []
    place = None
    if len(keys) < 2:
        errors.append(_("Choose at least two places to compare."))
    elif len(keys) > COMPARE_MAX:
        errors.append(
            _("You can compare up to %(max)d places at a time; you chose %(n)d.")
            % {"max": COMPARE_MAX, "n": len(keys)}
        )
    else:
        found = {
            f.key: f
            for f in Facility.objects.select_related("source", "otp_program").filter(
                key__in=[k for k in keys if KEY_RE.match(k)]
            )
        }
        missing = [k for k in keys if k not in found]
        if missing:
            errors.append(
                ngettext(
                    "We could not find one of the places you chose. "
                    "It may have been removed from the directory.",
                    "We could not find %(n)d of the places you chose. "
                    "They may have been removed from the directory.",
                    len(missing),
                )
                % {"n": len(missing)}
            )
        facilities = [found[k] for k in keys if k in found]
    place_form = None
    if any(k in request.GET for k in PLACE_PARAMS):
        place_form = PlaceForm(request.GET)
        if place_form.is_valid():
            place = place_form.place
        else:
            errors.extend(
                str(e)
                for field_errors in place_form.errors.values()
                for e in field_errors
            )
    if errors:
        return render(
            request,
            "treatment/compare.html",
            {"errors": errors, "facilities": []},
            status=400,
        )
    columns = []
    for f in facilities:
        miles = None
        if place is not None and f.lat is not None:
            miles = miles_display(haversine_miles(place.lat, place.lng, f.lat, f.lng))
        groups = fitting.values_by_group(f)
        columns.append(
            {
                "f": f,
                "miles": miles,
                "phones": _phones(f),
                "groups": groups,
            }
        )
    rows = [
        {
            "label": fitting.group_label(group),
            "cells": [c["groups"].get(group, []) for c in columns],
        }
        for group in FILTER_GROUPS
    ]
    return render(
        request,
        "treatment/compare.html",
        {
            "facilities": facilities,
            "columns": columns,
            "rows": rows,
            "place": place,
            "sources": _sources(facilities),
        },
    )


def _phones(f: Facility) -> list[tuple[str, str, str]]:
    phones: list[tuple[str, str, str]] = []
    for label, number in (
        (_("Main phone"), f.phone),
        (_("Intake"), f.intake1),
        (_("Intake"), f.intake2),
        (_("Intake"), f.intake1a),
        (_("Intake"), f.intake2a),
    ):
        if number and number not in [p[1] for p in phones]:
            phones.append((label, number, tel_href(number)))
    return phones


@require_safe
@cache_control(public=True, max_age=3600)
def facility(request: HttpRequest, key: str) -> HttpResponse:
    f = get_object_or_404(
        Facility.objects.select_related("source", "otp_program"), key=key
    )
    phones = _phones(f)
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
                report_create(form, ip_hash=client_hash(request))
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
