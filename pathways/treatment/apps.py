from django.apps import AppConfig


class TreatmentConfig(AppConfig):
    name = "pathways.treatment"
    label = "treatment"
    verbose_name = "Service finder"

    def ready(self):
        from pathways.core.upsert import sync_after_migrate

        from .services import service_codes_sync

        # The ServiceCode rows follow the code table file.
        sync_after_migrate(self, "ServiceCode", service_codes_sync)
