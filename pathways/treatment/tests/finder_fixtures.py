"""Small hand-made facilities around Portland, OR (ZIP 97214's centre is
45.5142, -122.6364 in the ``zipcodes`` package)."""

from __future__ import annotations

import pytest

from pathways.treatment.models import Facility
from tests.factories import FacilityFactory

ORIGIN = (45.5142, -122.6364)
# The crisis line and SAMHSA's helpline, on every finder page.
HELP = ("tel:988", "tel:+18006624357", "1-800-662-4357")


def search_form_html(resp) -> str:
    """A finder page's HTML, after checking what every one has: 200, the help
    lines and a GET form with no CSRF token (nothing to store, nothing to post)."""
    html = resp.content.decode()
    assert resp.status_code == 200
    assert all(h in html for h in HELP)
    assert 'method="get"' in html and "csrfmiddlewaretoken" not in html
    return html


def clinics_north(
    count: int, service_code_info: str = "SA OP", *, origin=ORIGIN
) -> list[Facility]:
    """``count`` facilities in a line north of ``origin``, 0.001° apart, named
    Clinic 00, Clinic 01, ... (nearest first)."""
    lat, lng = origin
    return [
        FacilityFactory(
            lat=lat + i * 0.001,
            lng=lng,
            service_code_info=service_code_info,
            name=f"Clinic {i:02d}",
        )
        for i in range(count)
    ]


@pytest.fixture
def portland(db):
    """Four places near 97214 and one far away."""

    def near(north: float, codes: str, name: str, **kw) -> Facility:
        lat, lng = ORIGIN
        return FacilityFactory(
            lat=lat + north, lng=lng, service_code_info=codes, name=name, **kw
        )

    return {
        "bupe": near(0.01, "SA OP BU MD SP", "Bupe Medicaid Clinic"),
        "meth": near(0.03, "SA OP MU METH SS", "Methadone Program"),
        "approx": near(
            0,
            "SA RES BU SS",
            "Residential Home",
            location_quality="approximate",
            street1="",
            address_withheld=True,
        ),
        "mental": near(
            -0.02,
            "MH OP MD",
            "Mind Center",
            directory_type="mental",
            phone="(503) 555-0199 x12",
        ),
        "far": near(2.0, "SA OP BU MD", "Far Away Clinic"),
    }
