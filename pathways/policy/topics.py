"""The law and policy topics Pathways maps, and how a source's wording is classed.

One :class:`TopicSpec` per ``fact`` in ``laws/policy_facts.csv``. Each topic has a
kebab-case slug, a plain-language name and description, a group, and its ordered map
categories as ``(slug, label)`` pairs. This registry is the one definition of a
topic: the ``Topic`` rows follow it after every ``migrate``
(``services.topics_sync``). ``categorize.categorize`` turns the value a source
states into a category with the ``rules`` below; every judgment call is a line
there and a case in ``tests/test_selectors.py``. See docs/data/state-laws.md for
the reasoning behind each rule.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from django.utils.translation import gettext_noop

Category = tuple[str, str]

GROUPS: tuple[str, ...] = (
    "criminalization",
    "harm-reduction",
    "cannabis",
    "health-coverage",
    "arrests",
)

OFFENSE_CLASSES: tuple[Category, ...] = (
    ("not-criminalized", gettext_noop("Not criminalized")),
    ("misdemeanor", gettext_noop("Misdemeanor")),
    ("both", gettext_noop("Both misdemeanor & felony")),
    ("felony", gettext_noop("Felony")),
)
OFFENSE_RULES: tuple[tuple[str, str], ...] = (
    ("not criminalized", "not-criminalized"),
    ("not criminallzed", "not-criminalized"),  # WPR's misspelling
    ("both misdemeanor & felony", "both"),
    ("misdemeanor & felony", "both"),  # WPR's label for the same class
    ("misdemeanor", "misdemeanor"),
    ("felony", "felony"),
)


def yes_no(
    yes: str = gettext_noop("Yes"),
    partial: str = gettext_noop("Partly"),
    no: str = gettext_noop("No"),
) -> tuple:
    return (("yes", yes), ("partial", partial), ("no", no))


@dataclass(frozen=True)
class TopicSpec:
    slug: str
    fact: str  # the ``fact`` column value in policy_facts.csv
    name: str
    group: str
    description: str
    categories: tuple[Category, ...]
    # "yes-no": generic yes/no wording plus ``rules``; "lookup": only ``rules``;
    # "number": a count or rate, never classed (categories are empty).
    kind: str = "yes-no"
    # (normalized prefix, category): the value equals the prefix or starts with it
    # followed by a non-alphanumeric character. Longest prefix wins.
    rules: tuple[tuple[str, str], ...] = field(default=())

    @property
    def category_slugs(self) -> tuple[str, ...]:
        return tuple(slug for slug, _ in self.categories)


TOPIC_SPECS: tuple[TopicSpec, ...] = (
    # -- criminalization -------------------------------------------------------------
    TopicSpec(
        "possession-class",
        "possession_class",
        gettext_noop("Drug possession penalty"),
        "criminalization",
        gettext_noop(
            "How state law classes the lowest-level, first-time offense of having a "
            "small amount of a controlled substance for personal use (marijuana not "
            "included)."
        ),
        OFFENSE_CLASSES,
        kind="lookup",
        rules=OFFENSE_RULES,
    ),
    TopicSpec(
        "paraphernalia-class",
        "paraphernalia_class",
        gettext_noop("Drug paraphernalia penalty"),
        "criminalization",
        gettext_noop(
            "How state law classes the lowest-level, first-time offense of having or "
            "using drug equipment, such as pipes or syringes, for personal use."
        ),
        OFFENSE_CLASSES,
        kind="lookup",
        rules=OFFENSE_RULES,
    ),
    TopicSpec(
        "decrim-legislation-introduced",
        "decrim_legislation_introduced",
        gettext_noop("Decriminalization bill introduced"),
        "criminalization",
        gettext_noop(
            "Whether a bill to end criminal penalties for having drugs for personal use "
            "has been introduced in the state legislature."
        ),
        yes_no(
            gettext_noop("Bill introduced"),
            gettext_noop("Partly"),
            gettext_noop("No bill found"),
        ),
    ),
    TopicSpec(
        "decrim-law-in-effect",
        "decrim_law_in_effect",
        gettext_noop("Decriminalization law in effect"),
        "criminalization",
        gettext_noop(
            "Whether a state law that ends criminal penalties for having most drugs for "
            "personal use is in effect."
        ),
        yes_no(
            gettext_noop("In effect"),
            gettext_noop("Partly"),
            gettext_noop("Not in effect"),
        ),
    ),
    TopicSpec(
        "decrim-law-repealed",
        "decrim_law_repealed",
        gettext_noop("Decriminalization law repealed"),
        "criminalization",
        gettext_noop(
            "Whether a state that ended criminal penalties for having drugs for personal "
            "use has since brought them back."
        ),
        yes_no(
            gettext_noop("Repealed"),
            gettext_noop("Partly repealed"),
            gettext_noop("Not repealed"),
        ),
    ),
    # -- harm reduction --------------------------------------------------------------
    TopicSpec(
        "good-samaritan-law",
        "good_samaritan_law",
        gettext_noop("911 Good Samaritan law"),
        "harm-reduction",
        gettext_noop(
            "Whether people who call 911 or seek help during an overdose are protected "
            "from some drug charges."
        ),
        yes_no(
            gettext_noop("Yes"),
            gettext_noop("Limited (defense in court only)"),
            gettext_noop("No law"),
        ),
        rules=(("yes (defense to prosecution", "partial"),),
    ),
    TopicSpec(
        "good-samaritan-arrest-protection",
        "good_samaritan_arrest_protection",
        gettext_noop("Good Samaritan protection from arrest"),
        "harm-reduction",
        gettext_noop(
            "Whether the state's Good Samaritan law protects people who seek help during "
            "an overdose from arrest for having drugs, not only from charges."
        ),
        yes_no(),
    ),
    TopicSpec(
        "naloxone-access-law",
        "naloxone_access_law",
        gettext_noop("Naloxone access law"),
        "harm-reduction",
        gettext_noop(
            "Whether state law makes it easier for people to get and give naloxone, a "
            "medicine that reverses an opioid overdose."
        ),
        yes_no(),
    ),
    TopicSpec(
        "naloxone-standing-order",
        "naloxone_standing_order",
        gettext_noop("Naloxone standing order"),
        "harm-reduction",
        gettext_noop(
            "Whether state law lets pharmacies give out naloxone under a standing order "
            "or protocol, without a prescription for each person."
        ),
        yes_no(),
    ),
    TopicSpec(
        "naloxone-pharmacist-prescribing",
        "naloxone_pharmacist_prescribing",
        gettext_noop("Pharmacists may prescribe naloxone"),
        "harm-reduction",
        gettext_noop("Whether pharmacists may prescribe naloxone themselves."),
        yes_no(),
    ),
    TopicSpec(
        "ssp-legal-category",
        "ssp_legal_category",
        gettext_noop("Syringe services programs: legal status (2019)"),
        "harm-reduction",
        gettext_noop(
            "How state law treated syringe services programs, which offer sterile "
            "supplies and health care to people who inject drugs, in August 2019."
        ),
        (
            ("authorized", gettext_noop("Explicitly authorized")),
            ("barriers-removed", gettext_noop("Not authorized, but barriers removed")),
            ("no-law", gettext_noop("No law removing barriers")),
        ),
        kind="lookup",
        rules=(
            ("explicitly authorized by state law", "authorized"),
            (
                "not explicitly authorized; state law removes barriers/uncertainty",
                "barriers-removed",
            ),
            ("no state law removing barriers or uncertainty", "no-law"),
        ),
    ),
    TopicSpec(
        "ssp-law-explicitly-authorizes",
        "ssp_law_explicitly_authorizes",
        gettext_noop("Syringe programs explicitly authorized (2019)"),
        "harm-reduction",
        gettext_noop(
            "Whether state law explicitly authorized syringe services programs in "
            "August 2019."
        ),
        yes_no(),
    ),
    TopicSpec(
        "ssp-no-state-paraphernalia-law",
        "ssp_no_state_paraphernalia_law",
        gettext_noop("No state paraphernalia law (2019)"),
        "harm-reduction",
        gettext_noop(
            "Whether the state had no drug paraphernalia law at all in August 2019, so "
            "having syringes was not a crime under state law."
        ),
        yes_no(),
    ),
    TopicSpec(
        "ssp-free-syringe-distribution-not-prohibited",
        "ssp_free_syringe_distribution_not_prohibited",
        gettext_noop("Giving out free syringes not prohibited (2019)"),
        "harm-reduction",
        gettext_noop(
            "Whether, in August 2019, state law did not prohibit giving out sterile "
            "syringes free of charge."
        ),
        yes_no(),
    ),
    TopicSpec(
        "ssp-paraphernalia-def-excludes-injection-objects",
        "ssp_paraphernalia_def_excludes_injection_objects",
        gettext_noop("Paraphernalia law excludes syringes (2019)"),
        "harm-reduction",
        gettext_noop(
            "Whether, in August 2019, the state's definition of drug paraphernalia left "
            "out syringes and other injection equipment."
        ),
        yes_no(),
    ),
    TopicSpec(
        "ssp-paraphernalia-def-no-reference-to-injection",
        "ssp_paraphernalia_def_no_reference_to_injection",
        gettext_noop("Paraphernalia law does not mention injection (2019)"),
        "harm-reduction",
        gettext_noop(
            "Whether, in August 2019, the state's definition of drug paraphernalia did "
            "not mention injecting or injection equipment."
        ),
        yes_no(),
    ),
    TopicSpec(
        "ssp-no-law-removing-barriers",
        "ssp_no_law_removing_barriers",
        gettext_noop("No law removing barriers for syringe programs (2019)"),
        "harm-reduction",
        gettext_noop(
            "Whether, in August 2019, the state had no law that removed legal barriers "
            "or uncertainty for syringe services programs."
        ),
        yes_no(),
    ),
    TopicSpec(
        "fentanyl-test-strips-legal",
        "fentanyl_test_strips_legal",
        gettext_noop("Fentanyl test strips legal"),
        "harm-reduction",
        gettext_noop(
            "Whether people may legally have and use fentanyl test strips, which let "
            "people check their drugs for fentanyl before use."
        ),
        (
            ("yes", gettext_noop("Legal")),
            ("partial", gettext_noop("Partly legal")),
            ("no", gettext_noop("Not legal")),
            ("unclear", gettext_noop("Unclear (not confirmed)")),
        ),
        rules=(
            ("possession for personal use exempted from paraphernalia", "yes"),
            ("pending", "unclear"),
            ("unclear", "unclear"),
        ),
    ),
    TopicSpec(
        "opc-authorization",
        "opc_authorization",
        gettext_noop("Overdose prevention centers authorized"),
        "harm-reduction",
        gettext_noop(
            "Whether state law authorizes overdose prevention centers, where people can "
            "use drugs with trained staff on hand to respond to an overdose."
        ),
        (
            ("yes", gettext_noop("Authorized by state law")),
            ("partial", gettext_noop("Limited: local only, or not yet in place")),
            ("no", gettext_noop("Not authorized")),
        ),
        rules=(
            ("site operating", "yes"),
            ("not implemented", "partial"),
            ("local only", "partial"),
            (
                "no state authorization; nyc opcs operate under local authorization",
                "partial",
            ),
            ("pending", "no"),
        ),
    ),
    # -- cannabis --------------------------------------------------------------------
    TopicSpec(
        "cannabis-adult-use-legal",
        "cannabis_adult_use_legal",
        gettext_noop("Adult-use cannabis legal"),
        "cannabis",
        gettext_noop(
            "Whether state law lets adults use cannabis for non-medical purposes."
        ),
        yes_no(
            gettext_noop("Legal"), gettext_noop("Partly"), gettext_noop("Not legal")
        ),
    ),
    TopicSpec(
        "cannabis-medical-law",
        "cannabis_medical_law",
        gettext_noop("Medical cannabis law"),
        "cannabis",
        gettext_noop(
            "Whether state law lets adults use cannabis for medical purposes."
        ),
        yes_no(),
    ),
    TopicSpec(
        "cannabis-status",
        "cannabis_status",
        gettext_noop("Cannabis legal status"),
        "cannabis",
        gettext_noop(
            "Whether adults may use cannabis under state law: for any purpose, for "
            "medical purposes only, or not under a comprehensive medical law."
        ),
        (
            ("adult-use", gettext_noop("Adult use legal")),
            ("medical", gettext_noop("Medical use only")),
            ("none", gettext_noop("No comprehensive medical law")),
        ),
        kind="lookup",
        rules=(
            ("adult-use legal", "adult-use"),
            ("medical only", "medical"),
            ("no comprehensive medical law", "none"),
        ),
    ),
    # -- health coverage -------------------------------------------------------------
    TopicSpec(
        "medicaid-expansion-status",
        "medicaid_expansion_status",
        gettext_noop("Medicaid expansion"),
        "health-coverage",
        gettext_noop(
            "Whether the state has expanded Medicaid, which gives more adults with low "
            "incomes health coverage, including treatment for substance use disorders."
        ),
        (
            ("adopted", gettext_noop("Adopted and in effect")),
            ("adopted-not-implemented", gettext_noop("Adopted, not yet in effect")),
            ("not-adopted", gettext_noop("Not adopted")),
        ),
        kind="lookup",
        rules=(
            ("adopted and implemented", "adopted"),
            ("adopted but not implemented", "adopted-not-implemented"),
            ("adopted, not implemented", "adopted-not-implemented"),
            ("not adopted", "not-adopted"),
        ),
    ),
    TopicSpec(
        "medicaid-expansion-effective-date",
        "medicaid_expansion_effective_date",
        gettext_noop("Medicaid expansion coverage in effect"),
        "health-coverage",
        gettext_noop(
            "The date coverage under the state's Medicaid expansion took effect."
        ),
        yes_no(
            gettext_noop("In effect"),
            gettext_noop("Partly"),
            gettext_noop("Not in effect"),
        ),
    ),
    # -- arrests ---------------------------------------------------------------------
    TopicSpec(
        "dpa-drug-arrests-count",
        "dpa_drug_arrests_count",
        gettext_noop("Drug arrests"),
        "arrests",
        gettext_noop(
            "Number of arrests for drug offenses (having and selling drugs) in one year, "
            "as compiled by the Drug Policy Alliance."
        ),
        (),
        kind="number",
    ),
    TopicSpec(
        "dpa-drug-arrests-per-100k",
        "dpa_drug_arrests_per_100k",
        gettext_noop("Drug arrest rate"),
        "arrests",
        gettext_noop(
            "Arrests for drug offenses per 100,000 residents in one year, as compiled by "
            "the Drug Policy Alliance."
        ),
        (),
        kind="number",
    ),
)

TOPICS: dict[str, TopicSpec] = {t.slug: t for t in TOPIC_SPECS}
BY_FACT: dict[str, TopicSpec] = {t.fact: t for t in TOPIC_SPECS}
