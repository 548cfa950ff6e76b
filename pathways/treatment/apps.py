from django.apps import AppConfig
from django.db import connections
from django.db.models.signals import post_migrate


def _sync_registries(sender, using, **kwargs):
    """After ``migrate``: the ServiceCode rows follow the code table file."""
    from .models import ServiceCode
    from .services import service_codes_sync

    if ServiceCode._meta.db_table in connections[using].introspection.table_names():
        service_codes_sync(using=using)


class TreatmentConfig(AppConfig):
    name = "pathways.treatment"
    label = "treatment"
    verbose_name = "Service finder"

    def ready(self):
        post_migrate.connect(_sync_registries, sender=self)
