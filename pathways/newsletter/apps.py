from django.apps import AppConfig


class NewsletterConfig(AppConfig):
    name = "pathways.newsletter"
    label = "newsletter"
