"""The read-only admin pages for facilities, programs and codes render."""

from __future__ import annotations

import pytest
from django.contrib.auth import get_user_model

from pathways.core.models import Source
from pathways.treatment.models import Facility, OtpProgram, ServiceCode


@pytest.mark.django_db
def test_admin_pages_render(client):
    user = get_user_model().objects.create_superuser("admin", "a@example.org", "pw")
    client.force_login(user)
    source = Source.objects.create(slug="s", publisher="SAMHSA", dataset="D")
    ServiceCode.objects.create(
        directory_type="substance",
        code="BU",
        official_label="Buprenorphine used in Treatment",
        group="medications",
        value="buprenorphine",
        label_en="Uses buprenorphine in treatment",
        label_es="Usa buprenorfina en el tratamiento",
        source=source,
    )
    program = OtpProgram.objects.create(
        key="p",
        source=source,
        program_name="Metro",
        state_code="OR",
        zip="97201",
        certification="certified",
    )
    f = Facility.objects.create(
        key="k",
        source=source,
        source_record_id="substance_1",
        directory_type="substance",
        name="Recovery Place",
        city="Portland",
        state_code="OR",
        zip="97201",
        service_code_info="SA * BU",
        codes=" BU SA ",
        lat=45.5,
        lng=-122.7,
        location_quality="approximate",
        otp_program=program,
    )
    for url in (
        "/admin/treatment/facility/",
        f"/admin/treatment/facility/{f.pk}/change/",
        "/admin/treatment/otpprogram/",
        "/admin/treatment/servicecode/",
    ):
        response = client.get(url)
        assert response.status_code == 200, url
    page = client.get(f"/admin/treatment/facility/{f.pk}/change/").content.decode()
    assert "Uses buprenorphine in treatment" in page
    assert client.get("/admin/treatment/facility/add/").status_code == 403
