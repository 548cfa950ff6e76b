"""The editor, moderator and data steward groups (pathways/staff/roles.py).
Idempotent: it sets each group to exactly its permissions."""

from django.db import migrations


def forwards(apps, schema_editor):
    from pathways.staff.roles import sync_groups

    sync_groups(apps)


class Migration(migrations.Migration):
    dependencies = [
        ("auth", "0012_alter_user_first_name_max_length"),
        ("contenttypes", "0002_remove_content_type_name"),
        ("core", "0001_initial"),
        ("ingest", "0001_initial"),
        ("library", "0003_history_and_translations"),
        ("places", "0002_seed_jurisdictions"),
        ("policy", "0002_steward_review_and_history"),
        ("stats", "0002_fewer_indexes"),
        ("treatment", "0002_listingreport"),
    ]

    operations = [migrations.RunPython(forwards, migrations.RunPython.noop)]
