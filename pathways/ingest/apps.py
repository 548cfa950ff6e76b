from django.apps import AppConfig


class IngestConfig(AppConfig):
    name = "pathways.ingest"
    label = "ingest"
