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
    Source = apps.get_model("core", "Source")
    Source.objects.update_or_create(
        slug="census-fips",
        defaults={
            "publisher": "U.S. Census Bureau",
            "dataset": "ANSI/FIPS codes for states and the District of Columbia",
            "kind": "official",
            "url": "https://www2.census.gov/geo/docs/reference/codes2020/national_state2020.txt",
            "landing_url": "https://www.census.gov/library/reference/code-lists/ansi.html",
            "vintage": "2020",
            "license": "Public domain (U.S. government work)",
            "notes": (
                "State names, USPS codes and FIPS codes. New York City (YC) is the "
                "VSRR reporting unit, not a state; its code is the NYC place FIPS."
            ),
        },
    )


def unseed(apps, schema_editor):
    apps.get_model("places", "State").objects.all().delete()


class Migration(migrations.Migration):
    dependencies = [("places", "0001_initial"), ("core", "0001_initial")]
    operations = [migrations.RunPython(seed, unseed)]
