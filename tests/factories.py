"""factory_boy builders for the common models, shared by every app's tests.

``SourceFactory(slug="x")`` returns the existing row when the slug is taken (so
facilities, codes and programs built in one test share one SAMHSA source), and
``StateFactory(postal="WA")`` returns the seeded state. ``.build()`` gives an
unsaved object (for ``full_clean`` tests).
"""

from __future__ import annotations

import datetime as dt

import factory
from django.utils import timezone
from factory.django import DjangoModelFactory

from pathways.core.models import Source
from pathways.library import models as library
from pathways.newsletter.models import Subscriber
from pathways.places.models import State
from pathways.policy.categorize import categorize
from pathways.policy.models import PolicyFact, Topic
from pathways.stats.models import Indicator, Observation
from pathways.treatment.models import Facility, ListingReport, OtpProgram, ServiceCode

# -- core, places ---------------------------------------------------------------------


class SourceFactory(DjangoModelFactory):
    class Meta:
        model = Source
        django_get_or_create = ("slug",)

    slug = factory.Sequence(lambda n: f"source-{n}")
    publisher = "Example Bureau"
    dataset = factory.Sequence(lambda n: f"Dataset {n}")


class StateFactory(DjangoModelFactory):
    """A state; the 50 states, DC and the nation are seeded, so this usually gets."""

    class Meta:
        model = State
        django_get_or_create = ("postal",)

    postal = "OR"
    fips = factory.Sequence(lambda n: f"9{n:04d}")
    name = factory.Sequence(lambda n: f"Place {n}")
    slug = factory.Sequence(lambda n: f"place-{n}")
    kind = State.Kind.STATE


# -- stats ----------------------------------------------------------------------------


class SlugNamedFactory(DjangoModelFactory):
    """A row found by its slug (an existing one is reused), named after it."""

    class Meta:
        abstract = True
        django_get_or_create = ("slug",)

    slug = factory.Sequence(lambda n: f"item-{n}")
    name = factory.LazyAttribute(lambda o: o.slug.replace("-", " ").capitalize())


class IndicatorFactory(SlugNamedFactory):
    class Meta:
        model = Indicator

    topic = "overdose"
    unit = Indicator.Unit.DEATHS


class ObservationFactory(DjangoModelFactory):
    class Meta:
        model = Observation

    indicator = factory.SubFactory(IndicatorFactory)
    place = factory.SubFactory(StateFactory)
    source = factory.SubFactory(SourceFactory)
    period_type = Observation.Period.YEAR
    period_start = dt.date(2023, 1, 1)
    period_end = dt.date(2023, 12, 31)
    value = 100.0


# -- policy ---------------------------------------------------------------------------


class TopicFactory(SlugNamedFactory):
    class Meta:
        model = Topic

    group = "harm-reduction"


class PolicyFactFactory(DjangoModelFactory):
    """A Washington fact on naloxone access, classed as ``categorize`` would."""

    class Meta:
        model = PolicyFact

    state = factory.SubFactory(StateFactory, postal="WA")
    topic = factory.SubFactory(TopicFactory, slug="naloxone-access-law")
    source = factory.SubFactory(SourceFactory)
    value = "yes"
    category = factory.LazyAttribute(lambda o: categorize(o.topic.slug, o.value))
    effective_text = factory.LazyAttribute(
        lambda o: o.effective_date.isoformat() if o.effective_date else ""
    )
    effective_date = None


# -- treatment ------------------------------------------------------------------------

SAMHSA_TEST = {
    "slug": "samhsa-test",
    "publisher": "SAMHSA",
    "dataset": "2024 National Directory (test)",
    "vintage": "2024",
}


def padded_codes(service_code_info: str) -> str:
    """The ``codes`` column: every code, sorted, space-delimited and padded."""
    return " " + " ".join(sorted(set(service_code_info.split()) - {"*"})) + " "


class ServiceCodeFactory(DjangoModelFactory):
    class Meta:
        model = ServiceCode
        django_get_or_create = ("directory_type", "code")

    directory_type = "substance"
    code = "BU"
    official_label = "Buprenorphine used in Treatment"
    group = "medications"
    value = "buprenorphine"
    label_en = "Uses buprenorphine in treatment"
    label_es = "Usa buprenorfina en el tratamiento"
    source = factory.SubFactory(SourceFactory, **SAMHSA_TEST)


class OtpProgramFactory(DjangoModelFactory):
    class Meta:
        model = OtpProgram

    key = factory.Sequence(lambda n: f"otp{n:04d}")
    source = factory.SubFactory(SourceFactory, **SAMHSA_TEST)
    program_name = factory.Sequence(lambda n: f"Program {n}")
    state_code = "OR"
    zip = "97214"
    certification = OtpProgram.Certification.CERTIFIED


class FacilityFactory(DjangoModelFactory):
    """A substance-use facility in Portland, OR (ZIP 97214), offering ``SA OP``.

    Give the services as published (``service_code_info="SA OP BU"``); ``codes``
    follows. ``lat=None`` makes a facility with no location."""

    class Meta:
        model = Facility

    key = factory.Sequence(lambda n: f"fac{n:04d}")
    source = factory.SubFactory(SourceFactory, **SAMHSA_TEST)
    source_record_id = factory.Sequence(str)
    directory_type = "substance"
    name = factory.Sequence(lambda n: f"Place {n}")
    street1 = factory.Sequence(lambda n: f"{n} SE Main Street")
    city = "Portland"
    state_code = "OR"
    zip = "97214"
    phone = "503-555-0100"
    service_code_info = "SA OP"
    codes = factory.LazyAttribute(lambda o: padded_codes(o.service_code_info))
    lat = 45.5142
    lng = -122.6364
    location_quality = factory.LazyAttribute(
        lambda o: "exact" if o.lat is not None else "none"
    )


class ListingReportFactory(DjangoModelFactory):
    class Meta:
        model = ListingReport

    facility = factory.SubFactory(FacilityFactory)
    kind = "closed"


# -- library --------------------------------------------------------------------------


class IssueAreaFactory(DjangoModelFactory):
    """A published issue area with one section (``sections=[(heading, text), ...]``)."""

    class Meta:
        model = library.IssueArea
        skip_postgeneration_save = True

    title = factory.Sequence(lambda n: f"Area {n}")
    slug = factory.Sequence(lambda n: f"area-{n}")
    summary = factory.Sequence(lambda n: f"Summary of area {n}.")
    status = library.Status.PUBLISHED
    publish_at = factory.LazyFunction(lambda: timezone.now() - dt.timedelta(days=1))

    @factory.post_generation
    def sections(self, create, extracted, **kwargs):
        if not create:
            return
        given = [("Our priorities", "- One\n- Two")] if extracted is None else extracted
        for i, (heading, text) in enumerate(given):
            library.Section.objects.create(
                issue_area=self, heading=heading, text=text, order=i
            )


class TagFactory(DjangoModelFactory):
    class Meta:
        model = library.Tag

    name = factory.Sequence(lambda n: f"tag {n}")
    slug = factory.Sequence(lambda n: f"tag-{n}")


class ResourceFactory(DjangoModelFactory):
    """A published article; each later one a little older (``publish_at``)."""

    class Meta:
        model = library.Resource
        skip_postgeneration_save = True

    type = library.ResourceType.ARTICLE
    title = factory.Sequence(lambda n: f"Resource {n}")
    slug = factory.Sequence(lambda n: f"resource-{n}")
    summary = factory.Sequence(lambda n: f"Summary of resource {n}.")
    status = library.Status.PUBLISHED
    publish_at = factory.Sequence(lambda n: timezone.now() - dt.timedelta(hours=n + 1))

    @factory.post_generation
    def issue_areas(self, create, extracted, **kwargs):
        if create and extracted:
            self.issue_areas.set(extracted)

    @factory.post_generation
    def tags(self, create, extracted, **kwargs):
        if create and extracted:
            self.tags.set(extracted)


class CommentFactory(DjangoModelFactory):
    class Meta:
        model = library.Comment

    article = factory.SubFactory(ResourceFactory)
    name = factory.Sequence(lambda n: f"Reader {n}")
    text = factory.Sequence(lambda n: f"Comment {n}")
    ip_hash = "h"


# -- newsletter -----------------------------------------------------------------------


class SubscriberFactory(DjangoModelFactory):
    class Meta:
        model = Subscriber

    email = factory.Sequence(lambda n: f"person{n}@example.org")
