"""/updates/: sign up, check your inbox, confirm, unsubscribe.

Confirm and unsubscribe links show a button on GET and act on POST, so mail
scanners that open every link neither confirm nor unsubscribe anyone."""

from __future__ import annotations

from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.views.decorators.cache import never_cache
from django.views.decorators.csrf import csrf_exempt

from pathways.core import abuse

from . import services
from .forms import SignupForm
from .tokens import TokenExpired, TokenInvalid

CSS = "css/forms.css"


def _token_problem(request: HttpRequest, exc: TokenInvalid, *, kind: str):
    return render(
        request,
        "newsletter/token_problem.html",
        {"expired": isinstance(exc, TokenExpired), "kind": kind},
        status=400,
    )


def signup(request: HttpRequest) -> HttpResponse:
    if request.method == "POST":
        form = SignupForm(request.POST)
        if services.rate_limited(client=abuse.client_hash(request)):
            return render(request, "newsletter/slow_down.html", status=429)
        if form.is_valid():
            if not abuse.honeypot_filled(form.cleaned_data):  # a person
                services.subscriber_signup(
                    email=form.cleaned_data["email"],
                    zip=form.cleaned_data["zip"],
                    interests=form.cleaned_data["interests"],
                    base_url=request.build_absolute_uri("/"),
                )
            return redirect("newsletter:check-inbox")
        return render(request, "newsletter/signup.html", {"form": form}, status=400)
    return render(request, "newsletter/signup.html", {"form": SignupForm()})


def check_inbox(request: HttpRequest) -> HttpResponse:
    return render(request, "newsletter/check_inbox.html")


# Each token page: how GET finds the subscriber, what POST does, the page after.
TOKEN_PAGES = {
    "confirm": (
        services.subscriber_for_confirm,
        services.subscriber_confirm,
        "confirmed",
    ),
    "unsubscribe": (
        services.subscriber_for_unsubscribe,
        services.subscriber_unsubscribe,
        "unsubscribed",
    ),
}


def _token_page(request: HttpRequest, token: str, *, kind: str) -> HttpResponse:
    """GET shows the ``kind`` page with a button; POST acts and shows the page
    after. A bad or expired token gets the same problem page either way."""
    read, act, done = TOKEN_PAGES[kind]
    try:
        if request.method == "POST":
            sub = act(token=token)
            return render(request, f"newsletter/{done}.html", {"subscriber": sub})
        sub = read(token=token)
    except TokenInvalid as exc:
        return _token_problem(request, exc, kind=kind)
    return render(request, f"newsletter/{kind}.html", {"subscriber": sub})


@never_cache
def confirm(request: HttpRequest, token: str) -> HttpResponse:
    return _token_page(request, token, kind="confirm")


@never_cache
@csrf_exempt  # RFC 8058 one-click unsubscribe: mail providers POST without a form
def unsubscribe(request: HttpRequest, token: str) -> HttpResponse:
    return _token_page(request, token, kind="unsubscribe")
