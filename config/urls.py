from django.conf import settings
from django.conf.urls.i18n import i18n_patterns
from django.conf.urls.static import static
from django.contrib import admin
from django.urls import include, path

from pathways.api.api import api
from pathways.core import views as core_views

# Not translated: the admin, the API (and its docs) and the health probe stay at
# one address each.
urlpatterns = [
    path("healthz", core_views.healthz, name="healthz"),
    path("admin/", admin.site.urls),
    path("api/v1/", api.urls),
]

# Public pages: English at the root, Spanish under /es/ (docs/decisions/0005-i18n.md).
urlpatterns += i18n_patterns(
    path("", core_views.home, name="home"),
    path("", include("pathways.maps.urls")),
    path("", include("pathways.states.urls")),
    path("", include("pathways.provenance.urls")),
    path("", include("pathways.treatment.urls")),
    path("", include("pathways.library.urls")),
    path("", include("pathways.newsletter.urls")),
    path("", include("pathways.search.urls")),
    prefix_default_language=False,
)

if settings.DEBUG:  # in production the web server serves MEDIA_ROOT (docs/deploy.md)
    urlpatterns += static(settings.MEDIA_URL, document_root=settings.MEDIA_ROOT)

handler404 = "pathways.core.errors.not_found"
handler500 = "pathways.core.errors.server_error"
