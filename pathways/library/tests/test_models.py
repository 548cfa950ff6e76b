from __future__ import annotations

import datetime as dt

import pytest
from django.core.exceptions import ValidationError
from django.utils import timezone

from pathways.library.models import (
    IssueArea,
    Resource,
    ResourceType,
    Status,
    isbn_is_valid,
    normalize_isbn,
)
from tests.factories import ResourceFactory


@pytest.mark.parametrize(
    "isbn",
    [
        "0-306-40615-2",  # ISBN-10
        "0306406152",
        "0-8044-2957-X",  # ISBN-10 with check digit X
        "0 8044 2957 x",
        "978-0-306-40615-7",  # ISBN-13
        "9780306406157",
        "979-10-90636-07-1",  # 979 prefix
    ],
)
def test_valid_isbns(isbn):
    assert isbn_is_valid(isbn)


@pytest.mark.parametrize(
    "isbn",
    [
        "0-306-40615-3",  # wrong check digit
        "978-0-306-40615-8",
        "977-0-306-40615-7",  # not a 978/979 prefix
        "030640615",  # too short
        "03064061521",  # too long
        "X306406152",  # X only as the last digit
        "97803064061X7",
        "abcdefghij",
        "",
    ],
)
def test_invalid_isbns(isbn):
    assert not isbn_is_valid(isbn)


@pytest.mark.django_db
def test_resource_clean_normalizes_and_rejects_isbn():
    r = ResourceFactory.build(type=ResourceType.BOOK, isbn="978-0-306-40615-7")
    r.full_clean()
    assert r.isbn == "9780306406157"
    r.isbn = "978-0-306-40615-8"
    with pytest.raises(ValidationError) as exc:
        r.full_clean()
    assert "isbn" in exc.value.message_dict
    assert normalize_isbn(" 0-8044-2957-x ") == "080442957X"


@pytest.mark.django_db
def test_type_specific_fields_only_on_their_types():
    r = ResourceFactory.build(
        type=ResourceType.ORGANIZATION,
        dateline="Somewhere",
        isbn="0306406152",
        website="https://example.org/",
    )
    with pytest.raises(ValidationError) as exc:
        r.full_clean()
    assert set(exc.value.message_dict) == {"dateline", "isbn"}
    r.type = ResourceType.PRESS_RELEASE
    r.isbn = ""
    r.website = ""
    r.full_clean()


@pytest.mark.django_db
@pytest.mark.parametrize("slug", ["feed", "type", "tag", "page"])
def test_reserved_resource_slugs(slug):
    r = ResourceFactory.build(slug=slug)
    with pytest.raises(ValidationError) as exc:
        r.full_clean()
    assert "slug" in exc.value.message_dict


@pytest.mark.django_db
def test_map_layers_validated_against_the_map():
    area = IssueArea(title="A", slug="a", summary="S", map_layers=["overdose-rate"])
    area.full_clean()
    area.map_layers = ["overdose-rate", "no-such-layer"]
    with pytest.raises(ValidationError) as exc:
        area.full_clean()
    assert "no-such-layer" in str(exc.value)
    area.map_layers = "overdose-rate"  # not a list
    with pytest.raises(ValidationError):
        area.full_clean()


@pytest.mark.django_db
def test_image_needs_alt_text():
    area = IssueArea(title="A", slug="a", summary="S", image="library/x.png")
    with pytest.raises(ValidationError) as exc:
        area.full_clean()
    assert "image_alt" in exc.value.message_dict
    area.image_alt = "People at a community meeting"
    area.full_clean()
    area.image = "library/x.svg"  # SVG can carry script: not accepted
    with pytest.raises(ValidationError):
        area.full_clean()


def test_published_queryset(db):
    now = timezone.now()
    live = ResourceFactory(publish_at=now - dt.timedelta(minutes=1))
    ResourceFactory(status=Status.DRAFT, publish_at=now - dt.timedelta(days=1))
    ResourceFactory(publish_at=now + dt.timedelta(days=1))  # scheduled
    assert list(Resource.objects.published()) == [live]
    later = now + dt.timedelta(days=2)
    assert Resource.objects.published(now=later).count() == 2
