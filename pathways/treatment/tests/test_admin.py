"""The read-only admin pages for facilities, programs and codes render."""

from __future__ import annotations

import pytest

from tests.factories import FacilityFactory, OtpProgramFactory, ServiceCodeFactory


@pytest.mark.django_db
def test_admin_pages_render(admin_client):
    ServiceCodeFactory(code="BU", label_en="Uses buprenorphine in treatment")
    f = FacilityFactory(
        service_code_info="SA * BU",
        location_quality="approximate",
        otp_program=OtpProgramFactory(program_name="Metro"),
    )
    for url in (
        "/admin/treatment/facility/",
        f"/admin/treatment/facility/{f.pk}/change/",
        "/admin/treatment/otpprogram/",
        "/admin/treatment/servicecode/",
    ):
        response = admin_client.get(url)
        assert response.status_code == 200, url
    page = admin_client.get(f"/admin/treatment/facility/{f.pk}/change/").content
    assert "Uses buprenorphine in treatment" in page.decode()
    assert admin_client.get("/admin/treatment/facility/add/").status_code == 403
