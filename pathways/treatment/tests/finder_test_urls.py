"""Until the finder router is mounted on the main API (``api.add_router("",
router)`` in pathways/api/api.py), the API tests serve it from a test API with
the main API's error handlers, in front of the site's URLs."""

from __future__ import annotations

from django.urls import path
from ninja import NinjaAPI

from config.urls import urlpatterns as site_urlpatterns
from pathways.api.api import api as main_api
from pathways.api.routers.facilities import router

test_api = NinjaAPI(urls_namespace="finder-test", docs_url=None)
for exc, handler in main_api._exception_handlers.items():
    test_api.add_exception_handler(exc, handler)
test_api.add_router("", router)

urlpatterns = [path("api/v1/", test_api.urls), *site_urlpatterns]
