"""/states/, /states/<postal>/ and /compare/: parse the request, build the page
model (``page.state_page``, ``compare.compare_page``), render.

Every figure comes from the same selectors the API uses (``stats``, ``policy``,
``layers``), so a number on a page equals the API's number for the same fact.
Everything works without JavaScript: links and GET forms; the charts are SVG built
on the server (``maps.charts``)."""

from __future__ import annotations

import datetime as dt

from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.cache import cache_control

from pathways.core import params
from pathways.maps import layers
from pathways.places.models import State

from .compare import MAX_COMPARE, compare_page, parse_states
from .page import state_page

EARLIEST = dt.date(1900, 1, 1)
LATEST = dt.date(2100, 12, 31)
CACHE = {"public": True, "max_age": 300}


def law_date(text: str | None) -> tuple[dt.date, str]:
    """The date to show laws for (default today) and an error message for the
    reader when ``text`` is not a real date in YYYY-MM-DD form."""
    today = dt.date.today()
    try:
        on = params.parse_date(text, "date", earliest=EARLIEST, latest=LATEST)
    except params.ParamError as e:
        if e.kind == params.ParamError.OUT_OF_RANGE:
            return today, _(
                "Choose a date between %(first)s and %(last)s. Showing today’s laws "
                "instead."
            ) % {"first": f"{EARLIEST:%Y}", "last": f"{LATEST:%Y}"}
        return today, _(
            "“%(text)s” is not a date we can read. Enter it as year-month-day, "
            "for example 2021-02-01. Showing today’s laws instead."
        ) % {"text": text.strip()[:40]}
    return on or today, ""


def _by_code(code: str) -> State | None:
    """The state or DC with this postal or FIPS code, else None."""
    code = code.strip()
    if not code or len(code) > 7:
        return None
    try:
        return params.parse_state_code(code, "state")
    except params.ParamError:
        return None


@cache_control(**CACHE)
def state_index(request: HttpRequest) -> HttpResponse:
    code = request.GET.get("state", "")
    error = ""
    if code:
        st = _by_code(code)
        if st is not None:
            return redirect("states:state-detail", postal=st.postal)
        error = _("There is no state or district with the code “%(code)s”.") % {
            "code": code[:20]
        }
    return render(
        request,
        "states/state_index.html",
        {"states": layers.states(), "error": error, "code": code[:20]},
        status=200,
    )


@cache_control(**CACHE)
def state_detail(request: HttpRequest, postal: str) -> HttpResponse:
    st = _by_code(postal) if postal.isalpha() else None
    if st is None:
        raise Http404(f"No state {postal!r}")
    if postal != st.postal:
        url = reverse("states:state-detail", kwargs={"postal": st.postal})
        query = request.GET.urlencode()
        return redirect(f"{url}?{query}" if query else url, permanent=True)
    on, date_error = law_date(request.GET.get("date"))
    page = state_page(st, on)
    return render(
        request,
        "states/state_detail.html",
        {
            **vars(page),
            "today": dt.date.today(),
            "date_value": request.GET.get("date", "")[:40]
            if date_error
            else (on.isoformat() if request.GET.get("date") else ""),
            "date_error": date_error,
        },
    )


@cache_control(**CACHE)
def compare(request: HttpRequest) -> HttpResponse:
    chosen, unknown = parse_states(request.GET.getlist("states"))
    on, date_error = law_date(request.GET.get("date"))
    errors = []
    if unknown:
        errors.append(
            _("These codes are not a U.S. state or DC: %(codes)s.")
            % {"codes": ", ".join(unknown)}
        )
    if date_error:
        errors.append(date_error)
    too_many = len(chosen) > MAX_COMPARE
    if too_many:
        errors.append(
            _(
                "You chose %(n)s states. Compare up to %(max)s at a time: untick some "
                "and press Compare again."
            )
            % {"n": len(chosen), "max": MAX_COMPARE}
        )
    page = compare_page(chosen, on) if chosen and not too_many else None
    return render(
        request,
        "states/compare.html",
        {
            "all_states": layers.states(),
            "chosen": chosen,
            "chosen_postals": {s.postal for s in chosen},
            "errors": errors,
            "rows": page.rows if page else [],
            "chart": page.chart if page else None,
            "on": on,
            "date_value": on.isoformat()
            if request.GET.get("date") and not date_error
            else "",
            "max_compare": MAX_COMPARE,
            "sources": page.sources if page else [],
        },
    )
