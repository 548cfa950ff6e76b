from django.apps import AppConfig


class StatsConfig(AppConfig):
    name = "pathways.stats"
    label = "stats"
