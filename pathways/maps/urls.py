from django.urls import path

from . import views_map

app_name = "maps"

urlpatterns = [
    path("map/", views_map.map_page, name="map"),
    path("map/embed/", views_map.map_embed, name="embed"),
]
