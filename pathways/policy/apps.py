from django.apps import AppConfig


class PolicyConfig(AppConfig):
    name = "pathways.policy"
    label = "policy"
