"""Seed the jurisdictions: they are geography, not data from an ingest."""

from django.db import migrations
from django.utils.text import slugify


def seed(apps, schema_editor):
    from pathways.places.jurisdictions import ALL

    State = apps.get_model("places", "State")
    for fips, postal, name, kind in ALL:
        State.objects.update_or_create(
            postal=postal,
            defaults={"fips": fips, "name": name, "slug": slugify(name), "kind": kind},
        )
    ny = State.objects.get(postal="NY")
    State.objects.filter(postal="YC").update(parent=ny)


def unseed(apps, schema_editor):
    apps.get_model("places", "State").objects.all().delete()


class Migration(migrations.Migration):
    dependencies = [("places", "0001_initial")]
    operations = [migrations.RunPython(seed, unseed)]
