from django.apps import AppConfig


class PolicyConfig(AppConfig):
    name = "pathways.policy"
    label = "policy"

    def ready(self):
        from pathways.core.upsert import sync_after_migrate

        from .services import topics_sync

        # The Topic rows follow the registry in topics.py.
        sync_after_migrate(self, "Topic", topics_sync)
