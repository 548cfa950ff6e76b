"""The library's first content: the nine issue areas and every book, organization,
press release, report and article named in ../shared/content/seed-facts.md, and
Spanish versions of the nine issue areas and the press releases, linked to their
English originals (``translation_of``).

The content is data: TOML files in ``seed_content/`` (tags, issue areas, resources
and their Spanish versions); this module reads them and writes the rows. Facts
(names, dates, numbers) come from seed-facts.md; every sentence is our own.
``seed_library()`` creates what is missing and updates what the seed changed, and
leaves alone any row staff edited in the admin since the seed last wrote it (unless
``force``). Running it twice in a row changes nothing."""

from __future__ import annotations

import datetime as dt
import tomllib
from dataclasses import dataclass, field
from pathlib import Path
from zoneinfo import ZoneInfo

from django.db import transaction
from django.db.models import F
from django.utils import timezone

from .choices import SPECIFIC_FIELDS, ResourceType, Status
from .models import IssueArea, Resource, Section, Tag

ET = ZoneInfo("America/New_York")
CONTENT_DIR = Path(__file__).resolve().parent / "seed_content"


def _listed(day: dt.date) -> dt.datetime:
    """The date the original library listed an item, at noon Eastern."""
    return dt.datetime(day.year, day.month, day.day, 12, 0, tzinfo=ET)


def _read(name: str) -> dict:
    with (CONTENT_DIR / name).open("rb") as f:
        return tomllib.load(f)


def _area(spec: dict) -> dict:
    sections = [(s["heading"], s["text"]) for s in spec.get("sections", [])]
    return {**spec, "sections": sections}


def _resource(spec: dict) -> dict:
    out = dict(spec)
    if "type" in out:
        out["type"] = ResourceType(out["type"])
    if "listed" in out:
        out["listed"] = _listed(out["listed"])
    return out


# The content, from the TOML files in seed_content/ (one entry per row, in order).
TAGS: dict[str, str] = _read("tags.toml")["tags"]
ISSUE_AREAS: list[dict] = [_area(a) for a in _read("issue_areas.toml")["area"]]
RESOURCES: list[dict] = [_resource(r) for r in _read("resources.toml")["resource"]]
# Spanish versions, linked to their English originals (translation_of): issue areas
# take the original's order and map layers; resources the original's type, issue
# areas, tags and type-specific facts unless given.
ISSUE_AREAS_ES: list[dict] = [_area(a) for a in _read("issue_areas_es.toml")["area"]]
RESOURCES_ES: list[dict] = [
    _resource(r) for r in _read("resources_es.toml")["resource"]
]

RESOURCE_FIELDS = (
    "type",
    "title",
    "summary",
    "body",
    *SPECIFIC_FIELDS,
    "source_url",
    "published_date",
    "language",
    "status",
)
AREA_FIELDS = ("title", "summary", "map_layers", "order", "language", "status")


@dataclass
class Counts:
    created: int = 0
    updated: int = 0
    unchanged: int = 0
    kept: int = 0  # edited in the admin since the seed wrote it: left alone
    kept_slugs: list[str] = field(default_factory=list)

    def rewrite(self, row, *, same: bool, force: bool) -> bool:
        """Count an existing row; True when the seed should write it again: it
        differs from the seed and staff have not edited it since (or ``force``)."""
        if same:
            self.unchanged += 1
            return False
        if _edited_since_seed(row) and not force:
            self.kept += 1
            self.kept_slugs.append(row.slug)
            return False
        self.updated += 1
        return True

    def __str__(self) -> str:
        s = (
            f"created {self.created} · updated {self.updated} · "
            f"unchanged {self.unchanged}"
        )
        if self.kept:
            s += f" · kept (edited in the admin) {self.kept}: " + ", ".join(
                self.kept_slugs
            )
        return s


@dataclass
class SeedResult:
    issue_areas: Counts
    resources: Counts
    tags: Counts
    translations: Counts = field(default_factory=Counts)  # Spanish areas + resources

    def _all(self) -> tuple[Counts, ...]:
        return (self.issue_areas, self.resources, self.tags, self.translations)

    @property
    def created(self) -> int:
        return sum(c.created for c in self._all())

    @property
    def updated(self) -> int:
        return sum(c.updated for c in self._all())


def _edited_since_seed(obj) -> bool:
    return obj.seeded_at is None or obj.updated_at > obj.seeded_at


def _area_wanted(spec: dict, order: int) -> dict:
    return {
        "title": spec["title"],
        "summary": spec["summary"],
        "map_layers": list(spec["map_layers"]),
        "order": order,
        "language": spec.get("language", "en"),
        "status": Status.PUBLISHED,
        "sections": [tuple(s) for s in spec["sections"]],
        "translation_of": spec.get("translation_of"),
    }


def _area_state(area: IssueArea) -> dict:
    state = {name: getattr(area, name) for name in AREA_FIELDS}
    state["sections"] = [(s.heading, s.text) for s in area.sections.all()]
    state["translation_of"] = (
        area.translation_of.slug if area.translation_of_id else None
    )
    return state


def _resource_wanted(spec: dict) -> dict:
    want = {name: spec.get(name, "") for name in RESOURCE_FIELDS}
    want.update(
        type=str(spec["type"]),
        published_date=spec.get("published_date"),
        language=spec.get("language", "en"),
        status=Status.PUBLISHED,
        issue_areas=sorted(spec["issue_areas"]),
        tags=sorted(spec["tags"]),
        translation_of=spec.get("translation_of"),
    )
    if "listed" in spec:
        want["publish_at"] = spec["listed"]
    return want


def _resource_state(res: Resource, *, with_publish_at: bool) -> dict:
    state = {name: getattr(res, name) for name in RESOURCE_FIELDS}
    state["issue_areas"] = sorted(a.slug for a in res.issue_areas.all())
    state["tags"] = sorted(t.slug for t in res.tags.all())
    state["translation_of"] = res.translation_of.slug if res.translation_of_id else None
    if with_publish_at:
        state["publish_at"] = res.publish_at
    return state


def area_specs_es() -> list[tuple[int, dict]]:
    """(order, spec) of each Spanish issue area: the original's order and map
    layers, in Spanish."""
    originals = {s["slug"]: (i, s) for i, s in enumerate(ISSUE_AREAS, start=1)}
    out = []
    for spec in ISSUE_AREAS_ES:
        order, original = originals[spec["translation_of"]]
        out.append(
            (order, {"map_layers": original["map_layers"], **spec, "language": "es"})
        )
    return out


def resource_specs_es() -> list[dict]:
    """Each Spanish resource: the original's type, issue areas, tags and facts,
    with the Spanish text."""
    originals = {s["slug"]: s for s in RESOURCES}
    out = []
    for spec in RESOURCES_ES:
        original = originals[spec["translation_of"]]
        base = {k: v for k, v in original.items() if k not in ("slug", "body")}
        out.append({**base, **spec, "language": "es"})
    return out


def _save(row, want: dict, fields: tuple[str, ...], originals: dict | None) -> None:
    """Set the ``fields`` the seed gives (and a translation's original), check, save."""
    for name in fields:
        if name in want:
            setattr(row, name, want[name])
    if want["translation_of"]:
        row.translation_of = originals[want["translation_of"]]
    row.full_clean()
    row.save()


def _mark_seeded(model, pk: int) -> None:
    model.objects.filter(pk=pk).update(seeded_at=F("updated_at"))


def _seed_tags() -> tuple[Counts, dict[str, Tag]]:
    counts = Counts()
    existing = {t.slug: t for t in Tag.objects.filter(slug__in=TAGS)}
    for slug, name in TAGS.items():
        if slug in existing:
            counts.unchanged += 1  # names are staff's to change
        else:
            existing[slug] = Tag.objects.create(slug=slug, name=name)
            counts.created += 1
    return counts, existing


def _seed_areas(
    *, force: bool, specs: list[tuple[int, dict]], originals: dict | None = None
) -> tuple[Counts, dict[str, IssueArea]]:
    counts = Counts()
    slugs = [s["slug"] for _, s in specs]
    existing = {
        a.slug: a
        for a in IssueArea.objects.filter(slug__in=slugs)
        .select_related("translation_of")
        .prefetch_related("sections")
    }
    for order, spec in specs:
        want = _area_wanted(spec, order)
        area = existing.get(spec["slug"])
        if area is not None:
            if not counts.rewrite(area, same=_area_state(area) == want, force=force):
                continue
        else:
            area = IssueArea(slug=spec["slug"], publish_at=timezone.now())
            counts.created += 1
        _save(area, want, AREA_FIELDS, originals)
        area.sections.all().delete()
        Section.objects.bulk_create(
            Section(issue_area=area, heading=h, text=t, order=i)
            for i, (h, t) in enumerate(want["sections"], start=1)
        )
        _mark_seeded(IssueArea, area.pk)
        existing[area.slug] = area
    return counts, existing


def _seed_resources(
    *,
    force: bool,
    areas: dict[str, IssueArea],
    tags: dict[str, Tag],
    specs: list[dict],
    originals: dict[str, Resource] | None = None,
) -> tuple[Counts, dict[str, Resource]]:
    counts = Counts()
    slugs = [s["slug"] for s in specs]
    existing = {
        r.slug: r
        for r in Resource.objects.filter(slug__in=slugs)
        .select_related("translation_of")
        .prefetch_related("issue_areas", "tags")
    }
    now = timezone.now()
    for i, spec in enumerate(specs):
        want = _resource_wanted(spec)
        res = existing.get(spec["slug"])
        if res is not None:
            state = _resource_state(res, with_publish_at="publish_at" in want)
            if not counts.rewrite(res, same=state == want, force=force):
                continue
        else:
            # Undated items: added now, a second apart, first in the list newest;
            # a translation: when its original was added.
            original = originals and originals.get(want["translation_of"])
            res = Resource(
                slug=spec["slug"],
                publish_at=original.publish_at
                if original
                else now - dt.timedelta(seconds=i),
            )
            counts.created += 1
        _save(res, want, (*RESOURCE_FIELDS, "publish_at"), originals)
        res.issue_areas.set([areas[s] for s in want["issue_areas"]])
        res.tags.set([tags[s] for s in want["tags"]])
        _mark_seeded(Resource, res.pk)
        existing[res.slug] = res
    return counts, existing


def seed_library(*, force: bool = False) -> SeedResult:
    """Create or update the seed content in one transaction; see the module doc."""
    with transaction.atomic():
        tag_counts, tags = _seed_tags()
        area_counts, areas = _seed_areas(
            force=force, specs=list(enumerate(ISSUE_AREAS, start=1))
        )
        resource_counts, resources = _seed_resources(
            force=force, areas=areas, tags=tags, specs=RESOURCES
        )
        es_areas, _ = _seed_areas(force=force, specs=area_specs_es(), originals=areas)
        es_resources, _ = _seed_resources(
            force=force,
            areas=areas,
            tags=tags,
            specs=resource_specs_es(),
            originals=resources,
        )
    translations = Counts(
        created=es_areas.created + es_resources.created,
        updated=es_areas.updated + es_resources.updated,
        unchanged=es_areas.unchanged + es_resources.unchanged,
        kept=es_areas.kept + es_resources.kept,
        kept_slugs=es_areas.kept_slugs + es_resources.kept_slugs,
    )
    return SeedResult(area_counts, resource_counts, tag_counts, translations)
