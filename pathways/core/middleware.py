"""Site-wide request/response rules: cacheable API answers, no NUL in URLs."""

from __future__ import annotations

from django.http import HttpRequest, HttpResponse, HttpResponseBadRequest, JsonResponse
from django.utils.cache import patch_cache_control

from .envelope import error_body

API_MAX_AGE = 300


class ApiCacheMiddleware:
    """Small, cacheable API answers: the data change only when an ingest runs."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        response = self.get_response(request)
        if (
            request.method in ("GET", "HEAD")
            and request.path.startswith("/api/")
            and response.status_code == 200
            and not response.has_header("Cache-Control")
        ):
            patch_cache_control(response, public=True, max_age=API_MAX_AGE)
        return response


class RejectNulMiddleware:
    """A NUL character is never meaningful in a URL, and PostgreSQL refuses it in
    text: answer 400 before any view sees it (instead of a 500 on PostgreSQL)."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        if "\x00" in request.path or any(
            "\x00" in k or any("\x00" in v for v in vs) for k, vs in request.GET.lists()
        ):
            message = "Bad request: the URL contains a NUL character"
            if request.path.startswith("/api/"):
                return JsonResponse(error_body(400, message), status=400)
            return HttpResponseBadRequest(message, content_type="text/plain")
        return self.get_response(request)
