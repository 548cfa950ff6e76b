from django.urls import path

from . import views_map, views_sources, views_state

app_name = "maps"

urlpatterns = [
    path("map/", views_map.map_page, name="map"),
    path("map/embed/", views_map.map_embed, name="embed"),
    path("states/", views_state.state_index, name="state-index"),
    path("states/<str:postal>/", views_state.state_detail, name="state-detail"),
    path("compare/", views_state.compare, name="compare"),
    path("sources/", views_sources.sources_page, name="sources"),
]
