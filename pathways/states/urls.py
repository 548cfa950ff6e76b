from django.urls import path

from . import views

app_name = "states"

urlpatterns = [
    path("states/", views.state_index, name="state-index"),
    path("states/<str:postal>/", views.state_detail, name="state-detail"),
    path("compare/", views.compare, name="compare"),
]
