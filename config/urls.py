from django.conf import settings
from django.conf.urls.static import static
from django.contrib import admin
from django.urls import include, path

from pathways.api.api import api
from pathways.core import views as core_views

urlpatterns = [
    path("", core_views.home, name="home"),
    path("healthz", core_views.healthz, name="healthz"),
    path("admin/", admin.site.urls),
    path("api/v1/", api.urls),
    path("", include("pathways.maps.urls")),
    path("", include("pathways.treatment.urls")),
    path("", include("pathways.library.urls")),
    path("", include("pathways.newsletter.urls")),
    path("", include("pathways.search.urls")),
]

if settings.DEBUG:  # in production the web server serves MEDIA_ROOT (docs/deploy.md)
    urlpatterns += static(settings.MEDIA_URL, document_root=settings.MEDIA_ROOT)

handler404 = "pathways.core.errors.not_found"
handler500 = "pathways.core.errors.server_error"
