"""Placeholder: filled in by the issue-5 work."""

from django.http import HttpRequest, HttpResponse


def _todo(request: HttpRequest, *args, **kwargs) -> HttpResponse:
    return HttpResponse("Coming soon.", content_type="text/plain")


sources_page = _todo
