from django.apps import AppConfig


class SearchConfig(AppConfig):
    name = "pathways.search"
    label = "search"
