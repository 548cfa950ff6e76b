from django.apps import AppConfig


class MapsConfig(AppConfig):
    name = "pathways.maps"
    label = "maps"
