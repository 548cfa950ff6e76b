from django.apps import AppConfig


class LibraryConfig(AppConfig):
    name = "pathways.library"
    label = "library"
