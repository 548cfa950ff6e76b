from django.apps import AppConfig


class TreatmentConfig(AppConfig):
    name = "pathways.treatment"
    label = "treatment"
    verbose_name = "Service finder"
