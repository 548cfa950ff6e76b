from django.urls import path

from . import views

app_name = "provenance"

urlpatterns = [
    path("sources/", views.sources_page, name="sources"),
]
