"""/api/v1/: the API object, its one error shape, and its routers (one per
resource in pathways/api/routers/). A route parses input (pathways/api/params.py),
calls selectors, and answers through pathways/api/respond.py (JSON or CSV)."""

from __future__ import annotations

from django.http import HttpRequest, HttpResponse
from ninja import NinjaAPI
from ninja.errors import HttpError, ValidationError

from pathways.core.envelope import ApiError, error_body

from .routers import arrests, catalog, facilities, facts, layers, overdose, states


class PathwaysAPI(NinjaAPI):
    def get_openapi_operation_id(self, operation) -> str:
        """Operation ids as they were before the routers were split out of this
        module (``pathways_api_api_<view>``; the finder's
        ``pathways_api_facilities_<view>``), so generated clients keep working."""
        view = operation.view_func
        module = "facilities" if view.__module__.endswith(".facilities") else "api"
        return f"pathways_api_{module}_{view.__name__}"


api = PathwaysAPI(
    title="Pathways API",
    version="1",
    description=(
        "State drug-policy facts, overdose deaths, arrests and population, each "
        "value with its source. Every success is `{data, sources, next}`; every "
        "error is `{error: {status, message}}`. Add `format=csv` for CSV with "
        "provenance columns."
    ),
    urls_namespace="api",
    openapi_url="/openapi.json",
    docs_url="/docs",
)

# The order of the OpenAPI document's paths.
for module in (states, overdose, arrests, catalog, facts, layers, facilities):
    api.add_router("", module.router)


# -- errors: one shape --------------------------------------------------------------


def _error(request: HttpRequest, status: int, message: str) -> HttpResponse:
    return api.create_response(request, error_body(status, message), status=status)


@api.exception_handler(ApiError)
def _api_error(request, exc: ApiError):
    return _error(request, exc.status, exc.message)


@api.exception_handler(ValidationError)
def _validation_error(request, exc: ValidationError):
    parts = []
    for err in exc.errors:
        loc = [str(p) for p in err.get("loc", []) if p not in ("query", "path", "body")]
        parts.append(f"{'.'.join(loc) or 'request'}: {err.get('msg', 'invalid')}")
    return _error(request, 400, "Bad parameter: " + "; ".join(parts))


@api.exception_handler(HttpError)
def _http_error(request, exc: HttpError):
    return _error(request, exc.status_code, str(exc))
