from django.apps import AppConfig


class StatesConfig(AppConfig):
    name = "pathways.states"
    label = "states"
