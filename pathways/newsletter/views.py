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


@never_cache
def confirm(request: HttpRequest, token: str) -> HttpResponse:
    try:
        if request.method == "POST":
            sub = services.subscriber_confirm(token=token)
            return render(request, "newsletter/confirmed.html", {"subscriber": sub})
        sub = services.subscriber_for_confirm(token=token)
    except TokenInvalid as exc:
        return _token_problem(request, exc, kind="confirm")
    return render(request, "newsletter/confirm.html", {"subscriber": sub})


@never_cache
@csrf_exempt  # RFC 8058 one-click unsubscribe: mail providers POST without a form
def unsubscribe(request: HttpRequest, token: str) -> HttpResponse:
    try:
        if request.method == "POST":
            sub = services.subscriber_unsubscribe(token=token)
            return render(request, "newsletter/unsubscribed.html", {"subscriber": sub})
        sub = services.subscriber_for_unsubscribe(token=token)
    except TokenInvalid as exc:
        return _token_problem(request, exc, kind="unsubscribe")
    return render(request, "newsletter/unsubscribe.html", {"subscriber": sub})
