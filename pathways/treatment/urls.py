from django.urls import path

from . import views

app_name = "treatment"

urlpatterns = [
    path("find/", views.find, name="find"),
    path("find/fit/", views.fit, name="fit"),
    path("find/compare/", views.compare, name="compare"),
    path("find/facility/<str:key>/", views.facility, name="facility"),
    path("find/facility/<str:key>/report/", views.report, name="report"),
]
