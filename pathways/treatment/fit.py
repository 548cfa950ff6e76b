"""'What fits me': score and explain facilities against a person's answers.

Pure functions over the reviewed code table (``codes.py``) and the facilities a
search already found within the radius (``selectors.facilities_near``): nothing
here touches the database, the session or a log.

Each answer becomes one *criterion* (a set of codes per directory type). For a
facility a criterion is

* ``matched``: the facility lists one of its codes;
* ``not_listed``: the facility lists other codes of the same kind (say, other
  ways to pay) but none of these, so it is probably not offered, but we say
  "not listed", never "no";
* ``unknown``: the facility lists nothing of that kind at all (no payment codes,
  no language codes…), so the directory cannot tell.

Score: 2 per match, 1 per unknown, 0 per "not listed"; results are ranked by
score, then by number of matches, then by distance.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from functools import lru_cache

from django.utils.translation import gettext_lazy as _

from . import codes as code_table

MATCHED, NOT_LISTED, UNKNOWN = "matched", "not_listed", "unknown"
NOT_ASKED, SILENT = "not-asked", "silent"
POINTS = {MATCHED: 2, UNKNOWN: 1, NOT_LISTED: 0}

HELP_CHOICES = [
    ("substance-use", _("Substance use")),
    ("mental-health", _("Mental health")),
    ("both", _("Both substance use and mental health")),
]
FOR_WHOM_CHOICES = [("me", _("Me")), ("someone", _("Someone I care about"))]
MEDICATION_CHOICES = [
    ("methadone", _("Methadone")),
    ("buprenorphine", _("Buprenorphine (for example Suboxone)")),
    ("naltrexone", _("Naltrexone (for example Vivitrol)")),
    ("none", _("No medication")),
    ("not-sure", _("Not sure yet")),
]
AGE_CHOICES = [
    ("adolescents", _("Under 18")),
    ("young-adults", _("18 to 25")),
    ("adults", _("26 to 64")),
    ("seniors", _("65 or older")),
]
GOAL_CHOICES = [
    ("stop", _("Stop completely now")),
    ("reduce-harm", _("Reduce harm first")),
    ("not-sure", _("Not sure yet")),
]
# Payment, language and wrap-around needs offer the code table's own values.
PAYMENT_VALUES = [v for (g, v) in code_table.VALUES if g == "payment"]
LANGUAGE_VALUES = [v for (g, v) in code_table.VALUES if g == "language"]
NEED_VALUES = [
    "housing",
    "legal",
    "employment",
    "childcare",
    "transportation",
    "peer-support",
    "naloxone",
    "hiv-testing",
    "hepatitis-testing",
    "case-management",
    "social-services",
    "primary-care",
    "domestic-violence-services",
]
AGE_VALUES = [v for v, _label in AGE_CHOICES]

# What the goal adds to the ranking. The directory does not record whether a
# place requires people to stop using, so the goal can only prefer places that
# list a related service; the page says so.
GOAL_CRITERIA: dict[str, tuple[str, tuple[str, ...]]] = {
    # Withdrawal care: detox or medication to ease withdrawal.
    "stop": ("level-of-care", ("detox",)),
    # Harm reduction the directory records: naloxone and overdose education.
    "reduce-harm": ("extra-help", ("naloxone",)),
}


def value_label(group: str, value: str) -> str:
    """The plain-language label of a filter value, in the active language."""
    return code_table.in_language(*code_table.VALUES[(group, value)])


def group_label(group: str) -> str:
    return code_table.in_language(*code_table.GROUPS[group])


@dataclass(frozen=True, slots=True)
class Answers:
    """The questionnaire's answers (all optional; the place is asked elsewhere)."""

    help: str = ""
    for_whom: str = ""
    medication: str = ""
    payment: tuple[str, ...] = ()
    age: str = ""
    pregnant: bool = False
    language: str = ""
    needs: tuple[str, ...] = ()
    goal: str = ""


@dataclass(frozen=True, slots=True)
class Criterion:
    """One thing the person asked for: any of ``values`` of ``group``."""

    key: str
    group: str
    values: tuple[str, ...]
    # Which values of the group count as "the facility says something about
    # this" (for unknown versus not listed); empty = the whole group.
    evidence_values: tuple[str, ...] = ()

    @property
    def label(self) -> str:
        """'Medicaid or Medicare', 'Spanish', 'Payment'…"""
        labels = [str(value_label(self.group, v)) for v in self.values]
        if len(labels) <= 2:
            return str(_(" or ")).join(labels)
        return ", ".join(labels[:-1]) + str(_(" or ")) + labels[-1]

    @property
    def topic(self) -> str:
        """What an unknown is about: 'payment', 'language'…"""
        if self.key == "age":
            return str(_("age group"))
        if self.key == "pregnant":
            return str(_("programs for pregnant and postpartum people"))
        return str(group_label(self.group)).lower()

    def codes(self, directory_type: str) -> frozenset[str]:
        return _codes(self.group, self.values).get(directory_type, frozenset())

    def evidence(self, directory_type: str) -> frozenset[str]:
        return _evidence(self.group, self.evidence_values, directory_type)


@lru_cache(maxsize=256)
def _evidence(
    group: str, evidence_values: tuple[str, ...], directory_type: str
) -> frozenset[str]:
    values = evidence_values or tuple(v for (g, v) in code_table.VALUES if g == group)
    codes = set(_codes(group, values).get(directory_type, frozenset()))
    if group == "medications":
        # "Does not offer medication for opioid use disorder" is an answer.
        codes |= {"NMOA"}
    return frozenset(codes)


def _codes(group: str, values: Iterable[str]) -> dict[str, frozenset[str]]:
    return _codes_cached(group, tuple(values))


@lru_cache(maxsize=512)
def _codes_cached(group: str, values: tuple[str, ...]) -> dict[str, frozenset[str]]:
    # The code table is fixed at import; scoring thousands of facilities asks
    # the same few questions of it.
    return code_table.codes_for(group, values)


def _matched(facility, filters: Mapping[str, Iterable[str]]):
    """The (group, value) pairs of ``filters`` the facility lists, in the order
    of the groups."""
    codes = set(facility.code_list)
    for group in code_table.GROUPS:
        for value in filters.get(group, ()):
            if codes & _codes(group, (value,)).get(facility.directory_type, ()):
                yield group, value


def matched_count(facility, filters: Mapping[str, Iterable[str]]) -> int:
    """How many of the chosen filter values a facility lists (for sorting the
    search results by fit)."""
    return sum(1 for _ in _matched(facility, filters))


def criteria(answers: Answers) -> list[Criterion]:
    """The criteria the answers ask for, in the order they are explained."""
    out: list[Criterion] = []
    if answers.help:
        value = "co-occurring" if answers.help == "both" else answers.help
        out.append(Criterion("help", "focus", (value,)))
    if answers.medication in ("methadone", "buprenorphine", "naltrexone"):
        out.append(Criterion("medication", "medications", (answers.medication,)))
    if answers.payment:
        out.append(Criterion("payment", "payment", tuple(answers.payment)))
    if answers.age:
        out.append(Criterion("age", "population", (answers.age,), tuple(AGE_VALUES)))
    if answers.pregnant:
        out.append(Criterion("pregnant", "population", ("pregnant-postpartum",)))
    if answers.language:
        out.append(Criterion("language", "language", (answers.language,)))
    needs = list(dict.fromkeys(answers.needs))
    goal = GOAL_CRITERIA.get(answers.goal)
    if goal and not (goal[0] == "extra-help" and set(goal[1]) <= set(needs)):
        out.append(Criterion("goal", goal[0], goal[1]))
    for need in needs:
        out.append(Criterion(f"need:{need}", "extra-help", (need,)))
    return out


@dataclass(frozen=True, slots=True)
class Outcome:
    criterion: Criterion
    status: str  # MATCHED, NOT_LISTED or UNKNOWN
    # The values the facility has ("medicaid"), when matched.
    matched_values: tuple[str, ...] = ()
    # Why unknown: NOT_ASKED (the facility's directory has no such code) or
    # SILENT (the listing has no code of that kind at all).
    reason: str = ""

    @property
    def matched_labels(self) -> tuple[str, ...]:
        """Their labels in the active language (only for the rows shown)."""
        return tuple(
            str(value_label(self.criterion.group, v)) for v in self.matched_values
        )


@dataclass(slots=True)
class Fit:
    """One facility's fit: its outcomes, score and distance."""

    facility: object
    miles: float
    outcomes: list[Outcome] = field(default_factory=list)

    @property
    def score(self) -> int:
        return sum(POINTS[o.status] for o in self.outcomes)

    @property
    def max_score(self) -> int:
        return POINTS[MATCHED] * len(self.outcomes)

    @property
    def matched(self) -> list[Outcome]:
        return [o for o in self.outcomes if o.status == MATCHED]

    @property
    def not_listed(self) -> list[Outcome]:
        return [o for o in self.outcomes if o.status == NOT_LISTED]

    @property
    def unknown(self) -> list[Outcome]:
        return [o for o in self.outcomes if o.status == UNKNOWN]

    @property
    def matched_labels(self) -> list[str]:
        out: list[str] = []
        for o in self.matched:
            for label in o.matched_labels:
                if label not in out:
                    out.append(label)
        return out

    def summary(self, distance: str) -> str:
        """'Buprenorphine · Medicaid · Spanish · 3.2 mi'."""
        return " · ".join([*self.matched_labels, distance])

    def sort_key(self) -> tuple:
        f = self.facility
        return (-self.score, -len(self.matched), self.miles, f.name, f.pk)


def evaluate(criterion: Criterion, *, directory_type: str, codes: set[str]) -> Outcome:
    """Matched, not listed or unknown, for one facility's codes."""
    wanted = criterion.codes(directory_type)
    if not wanted:
        # This directory does not ask about it (legal help is only asked of
        # mental health facilities, for example): the directory cannot tell.
        return Outcome(criterion, UNKNOWN, reason=NOT_ASKED)
    if codes & wanted:
        values = tuple(
            v
            for v in criterion.values
            if codes & _codes(criterion.group, (v,)).get(directory_type, frozenset())
        )
        return Outcome(criterion, MATCHED, values)
    if codes & criterion.evidence(directory_type):
        return Outcome(criterion, NOT_LISTED)
    return Outcome(criterion, UNKNOWN, reason=SILENT)


def fit_one(facility, miles: float, crits: Sequence[Criterion]) -> Fit:
    codes = set(facility.code_list)
    return Fit(
        facility,
        miles,
        [
            evaluate(c, directory_type=facility.directory_type, codes=codes)
            for c in crits
        ],
    )


def rank(nearby: Iterable, answers: Answers) -> list[Fit]:
    """Score every facility (``selectors.Nearby``: facility and miles) against
    the answers; best fit first, then nearest."""
    crits = criteria(answers)
    fits = [fit_one(n.facility, n.miles, crits) for n in nearby]
    fits.sort(key=Fit.sort_key)
    return fits


def values_by_group(facility) -> dict[str, list[str]]:
    """group -> the plain-language filter values the facility lists (each once,
    in the code table's order of values): the short form a comparison needs."""
    order = {key: i for i, key in enumerate(code_table.VALUES)}
    found: dict[str, set[tuple[str, str]]] = {}
    for token in facility.code_list:
        c = code_table.BY_KEY.get((facility.directory_type, token))
        if c is not None and c.group != code_table.OTHER:
            found.setdefault(c.group, set()).add((c.group, c.value))
    return {
        group: [value_label(*key) for key in sorted(keys, key=order.__getitem__)]
        for group, keys in found.items()
    }


def matched_labels_for(facility, filters: Mapping[str, Iterable[str]]) -> list[str]:
    """The chosen filter values a facility lists, as labels in the active
    language, in the order of the groups ("what matched" on a result)."""
    return [str(value_label(g, v)) for g, v in _matched(facility, filters)]
