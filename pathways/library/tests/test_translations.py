"""Content translations: an item links to its versions in other languages
("Leer en español" / "Read in English", hreflang alternates), at most one per
language; listings show each item once, in the reader's language where a version
exists, else as it is, marked with its own lang."""

from __future__ import annotations

import re

import pytest
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.utils import translation

from pathways.library import selectors
from pathways.library.models import IssueArea, Resource, Status
from pathways.library.seed import ISSUE_AREAS, ISSUE_AREAS_ES, RESOURCES_ES
from tests.factories import IssueAreaFactory, ResourceFactory

pytestmark = pytest.mark.django_db


def _html(client, url: str) -> str:
    resp = client.get(url)
    assert resp.status_code == 200, url
    return resp.content.decode()


# -- the model ------------------------------------------------------------------------


def test_a_translation_must_be_in_another_language(db):
    en = ResourceFactory(slug="en")
    same = ResourceFactory.build(type=en.type, language="en", translation_of=en)
    with pytest.raises(ValidationError) as exc:
        same.full_clean()
    assert "language" in exc.value.message_dict


def test_at_most_one_translation_per_language(db):
    en = ResourceFactory(slug="en")
    ResourceFactory(slug="es-1", language="es", translation_of=en)
    second = ResourceFactory.build(
        type=en.type, slug="es-2", language="es", translation_of=en
    )
    with pytest.raises(ValidationError) as exc:
        second.full_clean()
    assert "translation_of" in exc.value.message_dict
    with pytest.raises(IntegrityError), transaction.atomic():
        second.save()


def test_a_translation_points_at_the_original_not_at_a_translation(db):
    en = IssueAreaFactory(slug="en")
    es = IssueAreaFactory(slug="es", language="es", translation_of=en)
    third = IssueAreaFactory.build(language="en", translation_of=es)
    with pytest.raises(ValidationError) as exc:
        third.full_clean()
    assert "translation_of" in exc.value.message_dict
    en.translation_of = es
    with pytest.raises(ValidationError):
        en.full_clean()


def test_versions_are_the_published_other_languages(db):
    en = ResourceFactory(slug="en")
    es = ResourceFactory(slug="es", language="es", translation_of=en)
    assert en.versions() == [es]
    assert es.versions() == [en]
    es.status = Status.DRAFT
    es.save()
    assert en.versions() == []
    assert en.versions(include_unpublished=True) == [es]


# -- the seed ---------------------------------------------------------------------------


def test_the_nine_issue_areas_and_some_resources_are_seeded_in_spanish(seeded):
    assert seeded.translations.created == len(ISSUE_AREAS_ES) + len(RESOURCES_ES)
    spanish = IssueArea.objects.published().filter(language="es")
    assert spanish.count() == len(ISSUE_AREAS) == 9
    for area in spanish.select_related("translation_of"):
        assert area.translation_of.language == "en"
        assert area.map_layers == area.translation_of.map_layers
        assert area.order == area.translation_of.order
        assert "Nuestras prioridades" in [s.heading for s in area.sections.all()]
    for spec in RESOURCES_ES:
        res = Resource.objects.get(slug=spec["slug"])
        original = res.translation_of
        assert (res.language, original.slug) == ("es", spec["translation_of"])
        assert res.type == original.type
        assert set(res.issue_areas.all()) == set(original.issue_areas.all())


# -- pages -------------------------------------------------------------------------------


def test_an_english_page_links_to_its_spanish_version(client, seeded):
    html = _html(client, "/issues/harm-reduction/")
    assert (
        '<a href="/es/issues/reduccion-de-danos/" hreflang="es" lang="es">'
        "Leer en español</a>"
    ) in html
    assert re.search(
        r'<link rel="alternate" hreflang="es" href="http://testserver/es/issues/'
        r'reduccion-de-danos/">',
        html,
    )
    assert re.search(
        r'<link rel="alternate" hreflang="en" href="http://testserver/issues/'
        r'harm-reduction/">',
        html,
    )
    # The header's language switch goes to the Spanish version too.
    assert re.search(
        r'class="lang-switch"><a href="/es/issues/reduccion-de-danos/"', html
    )


def test_a_spanish_page_links_back_to_english(client, seeded):
    html = _html(client, "/es/library/victoria-de-la-proposicion-36/")
    assert (
        '<a href="/library/proposition-36-victory/" hreflang="en" lang="en">'
        "Read in English</a>"
    ) in html
    assert "Victoria de la Proposición 36" in html
    html = _html(client, "/library/proposition-36-victory/")
    assert 'href="/es/library/victoria-de-la-proposicion-36/"' in html


def test_a_spanish_issue_area_names_its_map_layers_in_spanish(client, seeded):
    from pathways.maps.layers import BY_SLUG

    area = IssueArea.objects.filter(language="es").exclude(map_layers=[]).first()
    with translation.override("es"):
        url = area.get_absolute_url()
        names = [translation.gettext(BY_SLUG[slug].name) for slug in area.map_layers]
    html = _html(client, url)
    for slug, name in zip(area.map_layers, names, strict=True):
        assert f"?layer={slug}" in html
        assert name in html and name != BY_SLUG[slug].name


def test_a_page_without_translation_keeps_the_site_wide_alternates(client, seeded):
    html = _html(client, "/library/over-the-influence/")
    assert "Leer en español" not in html
    assert re.search(
        r'<link rel="alternate" hreflang="es" href="http://testserver/es/library/'
        r'over-the-influence/">',
        html,
    )


def test_unpublished_translations_are_not_linked(client):
    en = ResourceFactory(slug="en-only")
    ResourceFactory(
        slug="es-draft", language="es", translation_of=en, status=Status.DRAFT
    )
    assert "Leer en español" not in _html(client, "/library/en-only/")


# -- listings by language ---------------------------------------------------------------


def test_spanish_listings_prefer_spanish_versions(seeded):
    with translation.override("es"):
        areas = selectors.issue_areas()
        slugs = [r.slug for r in selectors.resources()]
    assert [a.language for a in areas] == ["es"] * 9
    assert "reduccion-de-danos" in [a.slug for a in areas]
    assert "victoria-de-la-proposicion-36" in slugs
    assert "proposition-36-victory" not in slugs
    assert "over-the-influence" in slugs  # English only: shown, as it is
    # Each issue area in Spanish counts its original's resources.
    by_slug = {a.slug: a.n_resources for a in areas}
    with translation.override("en"):
        english = {a.slug: a.n_resources for a in selectors.issue_areas()}
    assert by_slug["reduccion-de-danos"] == english["harm-reduction"] > 0


def test_english_listings_hide_spanish_versions_of_english_items(seeded):
    with translation.override("en"):
        areas = selectors.issue_areas()
        slugs = [r.slug for r in selectors.resources()]
    assert [a.language for a in areas] == ["en"] * 9
    assert "victoria-de-la-proposicion-36" not in slugs
    assert "proposition-36-victory" in slugs


def test_spanish_only_content_shows_in_english_listings(db):
    ResourceFactory(slug="solo-es", language="es", title="Sólo en español")
    with translation.override("en"):
        assert "solo-es" in [r.slug for r in selectors.resources()]


def test_spanish_pages_mark_english_items_lang_en(client, seeded):
    html = _html(client, "/es/issues/reduccion-de-danos/")
    assert "<h1>Reducción de daños</h1>" in html
    # An English-only book in the Spanish listing carries lang="en".
    assert re.search(r'<h3 lang="en"><a href="/es/library/[a-z0-9-]+/">', html)
    html = _html(client, "/es/library/")
    assert re.search(r'<h3><a href="/es/library/victoria-de-la-proposicion-36/">', html)
    assert "/es/library/proposition-36-victory/" not in html
    html = _html(client, "/es/issues/")
    assert "Reducción de daños" in html and ">Harm Reduction<" not in html


def test_resource_page_names_issue_areas_in_the_readers_language(client, seeded):
    html = _html(client, "/es/library/over-the-influence/")
    assert '<a href="/es/issues/reduccion-de-danos/">Reducción de daños</a>' in html
    html = _html(client, "/library/over-the-influence/")
    assert '<a href="/issues/harm-reduction/">Harm Reduction</a>' in html
