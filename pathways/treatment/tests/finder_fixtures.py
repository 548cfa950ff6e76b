"""Small hand-made facilities around Portland, OR (ZIP 97214's centre is
45.5142, -122.6364 in the ``zipcodes`` package)."""

from __future__ import annotations

import pytest

from pathways.core.models import Source
from pathways.treatment.models import Facility

ORIGIN = (45.5142, -122.6364)


@pytest.fixture
def source(db):
    return Source.objects.create(
        slug="samhsa-test",
        publisher="SAMHSA",
        dataset="2024 National Directory (test)",
        vintage="2024",
    )


@pytest.fixture
def make(source):
    counter = iter(range(1, 100_000))

    def _make(lat, lng, codes="SA OP", *, name=None, quality=None, **kw):
        n = next(counter)
        fields = {
            "key": f"fac{n:04d}",
            "source": source,
            "source_record_id": str(n),
            "directory_type": "substance",
            "name": name or f"Place {n}",
            "street1": f"{n} SE Main Street",
            "city": "Portland",
            "state_code": "OR",
            "zip": "97214",
            "phone": "503-555-0100",
            "service_code_info": codes,
            "codes": " " + " ".join(sorted(codes.split())) + " ",
            "lat": lat,
            "lng": lng,
            "location_quality": quality or ("exact" if lat is not None else "none"),
        }
        fields.update(kw)
        return Facility.objects.create(**fields)

    return _make


@pytest.fixture
def portland(make):
    """Four places near 97214 and one far away."""
    lat, lng = ORIGIN
    return {
        "bupe": make(lat + 0.01, lng, "SA OP BU MD SP", name="Bupe Medicaid Clinic"),
        "meth": make(lat + 0.03, lng, "SA OP MU METH SS", name="Methadone Program"),
        "approx": make(
            lat,
            lng,
            "SA RES BU SS",
            name="Residential Home",
            quality="approximate",
            street1="",
            address_withheld=True,
        ),
        "mental": make(
            lat - 0.02,
            lng,
            "MH OP MD",
            name="Mind Center",
            directory_type="mental",
            phone="(503) 555-0199 x12",
        ),
        "far": make(lat + 2.0, lng, "SA OP BU MD", name="Far Away Clinic"),
    }
