from django.apps import AppConfig


class ProvenanceConfig(AppConfig):
    name = "pathways.provenance"
    label = "provenance"
