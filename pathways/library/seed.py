"""The library's first content: the nine issue areas and every book, organization,
press release, report and article named in ../shared/content/seed-facts.md, and
Spanish versions of the nine issue areas and the press releases, linked to their
English originals (``translation_of``).

Facts (names, dates, numbers) come from that file; every sentence here is our own.
``seed_library()`` creates what is missing and updates what the seed changed, and
leaves alone any row staff edited in the admin since the seed last wrote it (unless
``force``). Running it twice in a row changes nothing."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from zoneinfo import ZoneInfo

from django.db import transaction
from django.db.models import F
from django.utils import timezone

from .models import IssueArea, Resource, ResourceType, Section, Status, Tag

ET = ZoneInfo("America/New_York")


def _listed(y: int, m: int, d: int) -> dt.datetime:
    """The date the original library listed an item, at noon Eastern."""
    return dt.datetime(y, m, d, 12, 0, tzinfo=ET)


# -- issue areas ------------------------------------------------------------------
# (slug, title, summary, map layers, [(heading, text), ...]) in display order.
ISSUE_AREAS: list[dict] = [
    {
        "slug": "community-reinvestment",
        "title": "Community Reinvestment",
        "summary": (
            "Money spent arresting and locking up people for drugs should go back "
            "to the communities that enforcement has hurt most, and pay for what "
            "keeps people there healthy and safe."
        ),
        "map_layers": ["arrest-rate", "cannabis-status"],
        "sections": [
            (
                "Why it matters",
                "Drug enforcement has not landed evenly. Some neighborhoods have "
                "lost far more than others to arrests, incarceration and everything "
                "that follows them: lost income, broken-up families, closed doors."
                "\n\n"
                "Reinvestment moves public money out of enforcement and into the "
                "places that carried its costs.",
            ),
            (
                "Our priorities",
                "- Redirect money now spent on drug enforcement to the communities "
                "most harmed by it.\n"
                "- Use it to tackle the conditions that lie underneath problematic "
                "drug use, not only its symptoms.",
            ),
        ],
    },
    {
        "slug": "decriminalization",
        "title": "Decriminalize Drugs, Invest in Health Services",
        "summary": (
            "No one should be arrested for having drugs for their own use. The "
            "money saved should pay for health and social services that people "
            "choose freely."
        ),
        "map_layers": [
            "possession-class",
            "paraphernalia-class",
            "decriminalization",
            "arrest-rate",
            "overdose-rate",
        ],
        "sections": [
            (
                "What decriminalization means",
                "Decriminalization takes criminal penalties away from possessing "
                "drugs for personal use. It is not the same as legalization: "
                "selling drugs stays against the law, and no legal market is "
                "created."
                "\n\n"
                "What it changes is where public money and attention go: away from "
                "arrests and prosecutions, toward help that people can take up "
                "voluntarily.",
            ),
            (
                "Our priorities",
                "- Stop arresting people for possessing drugs for personal use.\n"
                "- Spend the savings on help people can choose freely: treatment, "
                "housing, help finding work, harm reduction, recovery support and "
                "peer support.\n"
                "- Keep decriminalization and legalization distinct, in law and in "
                "public debate.",
            ),
            (
                "The numbers behind it",
                "- U.S. police make more than 1 million arrests for drug possession "
                "every year, and about 85% of all drug arrests nationwide are for "
                "possession alone. The policy map's drug arrest layer shows each "
                "state's rate from FBI data, with how much of the state reported.\n"
                "- The CDC counted 107,600 overdose deaths in the United States in "
                "2021.\n"
                "- In the first two weeks after release from jail or prison, "
                "people die of opioid overdose at 27 times the rate of the general "
                "population.",
            ),
            (
                "Oregon's experience",
                "In November 2020, Oregon voters passed Ballot Measure 110, and "
                "Oregon became the first state to decriminalize possessing drugs "
                "for personal use. In 2024 the legislature reversed course: "
                "HB 4002 made possession a crime again from 1 September 2024.",
            ),
            (
                "Where we work",
                "We lead legislative campaigns to decriminalize drug possession in "
                "Vermont, New York and Washington, D.C. We back allied campaigns in "
                "Maine, Maryland, Massachusetts, Minnesota, New Jersey, Rhode Island "
                "and Washington State, and we convene a national decriminalization "
                "table where these campaigns compare notes and plan together.",
            ),
        ],
    },
    {
        "slug": "civil-punishment",
        "title": "Ending Drug War Civil Punishment",
        "summary": (
            "A drug record can follow someone long after any sentence is over, "
            "costing them a job, a student loan or a home. We work to end these "
            "penalties outside the courtroom."
        ),
        "map_layers": ["possession-class", "arrest-rate"],
        "sections": [
            (
                "Punishment beyond the sentence",
                "The drug war's penalties reach well past courts and prisons, into "
                "schools, workplaces and housing. One possession record can be "
                "enough to lose a job, a student loan or a place to live."
                "\n\n"
                "These consequences last for years and land on whole families. "
                "They make it harder to study, work and keep a home, which are "
                "the very things that help people stay well.",
            ),
            (
                "Our priorities",
                "- End penalties in education, employment and housing that follow "
                "a drug record.\n"
                "- Make sure a past possession charge does not cost anyone their "
                "student aid, their job or their home.",
            ),
        ],
    },
    {
        "slug": "safer-supply",
        "title": "Legal Regulation and Safer Supply",
        "summary": (
            "People have a right to know what is in the drugs they take. An "
            "unregulated supply, of unknown strength and content, is what drives "
            "overdose deaths."
        ),
        "map_layers": ["overdose-rate", "fentanyl-test-strips-legal"],
        "sections": [
            (
                "Why the supply matters",
                "When drugs come only from an illicit market, nobody checks what is "
                "in them. Strength changes from batch to batch and other substances "
                "are mixed in without warning, so people cannot judge how much is "
                "safe to take."
                "\n\n"
                "Regulating the supply takes that guesswork away.",
            ),
            (
                "Our priorities",
                "- Recognize people's right to know what is in their drugs.\n"
                "- Answer the unregulated supply, a main driver of overdose deaths, "
                "with regulation rather than more enforcement.\n"
                "- Keep drug-checking tools such as fentanyl test strips legal.",
            ),
        ],
    },
    {
        "slug": "marijuana",
        "title": "Legalizing and Regulating Marijuana the Right Way",
        "summary": (
            "Marijuana legalization should be built on health, justice, equity and "
            "reinvestment, and federal law should stop treating marijuana as a "
            "controlled substance."
        ),
        "map_layers": ["cannabis-status", "arrest-rate"],
        "sections": [
            (
                "Doing it right",
                "How marijuana is legalized matters as much as whether it is. A "
                "good law protects public health, repairs the damage done by "
                "marijuana arrests, shares the benefits of the new market fairly, "
                "and puts revenue back into the communities that enforcement hit "
                "hardest.",
            ),
            (
                "Our priorities",
                "- Write health, justice, equity and reinvestment into every "
                "legalization law.\n"
                "- Take marijuana off the federal schedules of controlled "
                "substances (descheduling).\n"
                "- Decriminalize marijuana under federal law.",
            ),
        ],
    },
    {
        "slug": "overdose-prevention-centers",
        "title": "Overdose Prevention Centers (OPCs)",
        "summary": (
            "Overdose prevention centers, also called supervised consumption "
            "sites, are places where people can use drugs with trained staff on "
            "hand. They prevent overdose deaths and link people to health care."
        ),
        "map_layers": ["opc-authorization", "overdose-rate", "good-samaritan-law"],
        "sections": [
            (
                "What they are",
                "At an overdose prevention center, people use drugs they bring "
                "with them while staff watch over them, ready to respond to an "
                "overdose straight away. With help that close, an overdose does "
                "not have to end in death."
                "\n\n"
                "The centers are also a way in to other help: visitors can be put "
                "in touch with health care and treatment when they want it.",
            ),
            (
                "Our priorities",
                "- Authorize and fund overdose prevention centers.\n"
                "- Use them to link people to care, on their own terms.",
            ),
        ],
    },
    {
        "slug": "drug-trade",
        "title": "Rethinking and Reducing Punishment of People in the Drug Trade",
        "summary": (
            "Ending arrests for possession leaves a harder question: how to respond "
            "to people who sell drugs. We look for new answers that lean less on "
            "punishment."
        ),
        "map_layers": ["arrest-rate"],
        "sections": [
            (
                "A new approach",
                "Reform debates often stop at drug possession, and people involved "
                "in selling drugs are left out, even though arrests and prison time "
                "for sales shape families and neighborhoods too."
                "\n\n"
                "Sales are the smaller share of drug arrests: possession alone "
                "accounts for about 85% of them nationwide. Arrest figures, "
                "including those on the policy map, usually count both together.",
            ),
            (
                "Our priorities",
                "- Develop new responses to drug sales that depend less on arrest "
                "and incarceration.\n"
                "- Reduce the punishment that people in the drug trade face.",
            ),
        ],
    },
    {
        "slug": "drug-treatment",
        "title": "Drug Treatment",
        "summary": (
            "Drug treatment is health care. It should be well funded, grounded in "
            "research, open to everyone who wants it, and never forced on anyone "
            "who neither needs nor wants it."
        ),
        "map_layers": ["medicaid-expansion-status", "overdose-rate"],
        "sections": [
            (
                "Treatment is a health service",
                "Care for substance use disorder belongs in the health system, held "
                "to the same standards of evidence and respect as care for any "
                "other condition, and available where people live when they are "
                "ready for it.",
            ),
            (
                "Our priorities",
                "- More funding for treatment, and more research into what works.\n"
                "- Wider access to replacement therapies: methadone, buprenorphine "
                "and heroin-assisted treatment.\n"
                "- Offer treatment in place of jail or prison.\n"
                "- Never force treatment on someone who doesn't need it or doesn't "
                "want it.",
            ),
        ],
    },
    {
        "slug": "harm-reduction",
        "title": "Harm Reduction",
        "summary": (
            "Harm reduction meets people where they are and counts every step "
            "toward better health as a success, not only abstinence."
        ),
        "map_layers": [
            "ssp-legal-category",
            "naloxone-access-law",
            "naloxone-standing-order",
            "good-samaritan-law",
            "fentanyl-test-strips-legal",
        ],
        "sections": [
            (
                "What it means",
                "Harm reduction starts from a person's life as it is now, not as "
                "someone else thinks it ought to be. It offers practical ways to "
                "make drug use safer and builds the trust that can lead to further "
                "change."
                "\n\n"
                "Any positive change counts: using less, using more safely, or "
                "stopping altogether.",
            ),
            (
                "Our priorities",
                "- Meet people where they are, without preconditions.\n"
                "- Accept gradual, step-by-step change as success.\n"
                "- Protect harm-reduction services in state law: syringe services, "
                "naloxone access and Good Samaritan protections.",
            ),
        ],
    },
]

TAGS: dict[str, str] = {
    "access-to-treatment": "access to treatment",
    "advocacy": "advocacy",
    "ballot-measures": "ballot measures",
    "california": "California",
    "canada": "Canada",
    "chicago": "Chicago",
    "city-policy": "city policy",
    "community": "community",
    "drug-courts": "drug courts",
    "families": "families",
    "harm-reduction": "harm reduction",
    "heroin-assisted-treatment": "heroin-assisted treatment",
    "hiv": "HIV",
    "international": "international",
    "legislation": "legislation",
    "medicine": "medicine",
    "new-mexico": "New Mexico",
    "new-york": "New York",
    "opinion": "opinion",
    "overdose": "overdose",
    "prevention": "prevention",
    "psychotherapy": "psychotherapy",
    "recovery": "recovery",
    "research": "research",
    "self-help": "self-help",
    "training": "training",
    "treatment-instead-of-incarceration": "treatment instead of incarceration",
    "youth": "youth",
}

# Resources. "listed" is the date the original library listed the item; items
# without one get the time the seed first created them ("Added to the library"),
# a second apart in this order, so the first here shows first.
RESOURCES: list[dict] = [
    # -- press releases -----------------------------------------------------------
    {
        "type": ResourceType.PRESS_RELEASE,
        "slug": "drug-courts-report-release",
        "title": "New Report Finds “Drug Courts Are Not the Answer”",
        "dateline": "Washington, D.C.",
        "press_contacts": "Tony Newman\nMargaret Dooley-Sammuli",
        "summary": (
            "A new report, presented at two briefings on Capitol Hill, concludes "
            "that drug courts have not been shown to save money, cut "
            "incarceration or improve public safety, and calls for a "
            "health-centered approach to drug use."
        ),
        "body": (
            "The report, “Drug Courts Are Not the Answer: Toward a Health-Centered "
            "Approach to Drug Use”, was released at two Capitol Hill briefings."
            "\n\n"
            "Its authors looked for the benefits usually claimed for drug courts "
            "(lower costs, fewer people behind bars, safer communities) and did not "
            "find them demonstrated. The full report is also in the library."
        ),
        "issue_areas": ["drug-treatment", "decriminalization"],
        "tags": ["drug-courts"],
    },
    {
        "type": ResourceType.PRESS_RELEASE,
        "slug": "new-mexico-sb-321-passes",
        "title": (
            "Treatment-Instead-of-Incarceration Bill Passes Legislature with "
            "Overwhelming Bi-partisan Support"
        ),
        "dateline": "Santa Fe, New Mexico",
        "press_contacts": "Emily Kaltenbach\nAdriann Barboa",
        "summary": (
            "Lawmakers of both parties in New Mexico passed Senate Bill 321, which "
            "offers treatment in place of incarceration, and sent it to the "
            "Governor to sign."
        ),
        "body": (
            "Senate Bill 321, titled the “Substance Abuse and Crime Prevention "
            "Act”, was sponsored by Senator Martinez and Representative Maestas."
            "\n\n"
            "It cleared the Senate by 21 votes to 3 and the House by 41 votes to "
            "26, with support from both parties, and was waiting for the "
            "Governor's signature when this release was issued."
        ),
        "issue_areas": ["drug-treatment", "decriminalization"],
        "tags": ["new-mexico", "treatment-instead-of-incarceration", "legislation"],
    },
    {
        "type": ResourceType.PRESS_RELEASE,
        "slug": "proposition-36-victory",
        "title": "Proposition 36 victory",
        "dateline": "California",
        "summary": (
            "California voters approved Proposition 36 in 2000 with 61% of the "
            "vote. People convicted a first or second time of low-level drug "
            "possession, with no violence involved, gained the right to probation "
            "and treatment in their community instead of incarceration."
        ),
        "body": (
            "We wrote and sponsored Proposition 36, a treatment-instead-of-"
            "incarceration law. Under it, a first or second conviction for "
            "low-level possession, with no violence involved, leads to probation "
            "and treatment in the community rather than a jail or prison term."
            "\n\n"
            "Sixty-one percent of California voters backed the measure in 2000."
        ),
        "issue_areas": ["drug-treatment", "decriminalization"],
        "tags": ["california", "treatment-instead-of-incarceration", "ballot-measures"],
    },
    # -- report -------------------------------------------------------------------
    {
        "type": ResourceType.REPORT,
        "slug": "drug-courts-are-not-the-answer",
        "title": (
            "Drug Courts Are Not the Answer: Toward a Health-Centered Approach to "
            "Drug Use"
        ),
        "summary": (
            "An examination of drug courts that finds no demonstrated cost "
            "savings, no drop in incarceration and no gain in public safety, and "
            "argues for treating drug use as a health matter rather than a court "
            "matter."
        ),
        "body": (
            "Drug courts are often presented as a humane alternative to prison. "
            "This report tests that claim against the evidence and finds that the "
            "promised benefits (lower costs, fewer people incarcerated, safer "
            "communities) have not been shown."
            "\n\n"
            "It was released at two briefings on Capitol Hill; the press release "
            "announcing it is also in the library."
        ),
        "issue_areas": ["drug-treatment", "decriminalization"],
        "tags": ["drug-courts", "research"],
    },
    # -- article ------------------------------------------------------------------
    {
        "type": ResourceType.ARTICLE,
        "slug": "harm-reduction-model-of-treatment",
        "title": "The Harm Reduction Model of Drug Addiction Treatment",
        "summary": (
            "In this opinion article the author holds that drug use is a question "
            "of health and social justice rather than law enforcement, and that "
            "treatment should not have to begin with abstinence."
        ),
        "body": (
            "The author likens demanding abstinence first to reaching for the most "
            "drastic option when treating any other health condition, instead of "
            "starting from where the person is."
            "\n\n"
            "The piece cites the CDC's estimate of 64,000 overdose deaths in the "
            "United States in 2016 and puts the number of people who use opioids "
            "every day at about two million. It traces how the crisis shifted "
            "from prescription opioids to heroin, and then to fentanyl."
        ),
        "issue_areas": ["harm-reduction", "drug-treatment"],
        "tags": ["opinion", "overdose", "harm-reduction"],
    },
    # -- organizations ------------------------------------------------------------
    {
        "type": ResourceType.ORGANIZATION,
        "slug": "harm-reduction-coalition",
        "title": "Harm Reduction Coalition",
        "summary": (
            "A national organization that advocates for, and builds up, the "
            "programs protecting the dignity and health of people who use drugs."
        ),
        "body": (
            "Its work runs on two tracks: advocacy at the national level, and "
            "capacity building, helping harm-reduction programs grow stronger so "
            "they can serve people who use drugs better."
        ),
        "issue_areas": ["harm-reduction", "overdose-prevention-centers"],
        "tags": ["harm-reduction", "advocacy"],
    },
    {
        "type": ResourceType.ORGANIZATION,
        "slug": "innerchange-foundation",
        "title": "InnerChange Foundation",
        "summary": (
            "A foundation that researches integrated routes out of long-term "
            "substance use disorder."
        ),
        "body": (
            "Its research asks how different kinds of help can be joined up into "
            "one workable way forward for people who have lived with a substance "
            "use disorder for a long time."
        ),
        "issue_areas": ["drug-treatment"],
        "tags": ["research", "recovery"],
    },
    {
        "type": ResourceType.ORGANIZATION,
        "slug": "four-pillars-drug-strategy",
        "title": "Four Pillars Drug Strategy",
        "summary": (
            "Vancouver's drug strategy, which aims to balance public order with "
            "public health."
        ),
        "body": (
            "The city's approach treats public order and public health as goals to "
            "pursue together rather than as rivals."
        ),
        "issue_areas": ["harm-reduction", "overdose-prevention-centers"],
        "tags": ["canada", "city-policy"],
    },
    {
        "type": ResourceType.ORGANIZATION,
        "slug": "chicago-recovery-alliance",
        "title": "Chicago Recovery Alliance (CRA)",
        "summary": (
            "A Chicago group whose members include people living with HIV and "
            "people who use drugs, together with people working in treatment, "
            "health care, education and law."
        ),
        "body": (
            "The alliance brings lived experience and professional experience "
            "into the same room."
        ),
        "issue_areas": ["harm-reduction"],
        "tags": ["chicago", "hiv", "harm-reduction"],
    },
    {
        "type": ResourceType.ORGANIZATION,
        "slug": "youth-rise",
        "title": "Youth RISE (Resource. Information. Support. Education)",
        "summary": "An international network run by and for young people.",
        "body": (
            "RISE stands for Resource, Information, Support and Education. Young "
            "people lead the network and set its direction."
        ),
        "issue_areas": ["harm-reduction"],
        "tags": ["youth", "international"],
    },
    {
        "type": ResourceType.ORGANIZATION,
        "slug": "icsdp",
        "title": "International Centre for Science in Drug Policy (ICSDP)",
        "summary": (
            "A network of scientists, academics and health practitioners from many "
            "countries who bring research evidence to drug policy."
        ),
        "body": (
            "Its members come from many countries and disciplines and share one "
            "aim: drug policy built on scientific evidence."
        ),
        "issue_areas": ["safer-supply", "harm-reduction"],
        "tags": ["research", "international"],
    },
    {
        "type": ResourceType.ORGANIZATION,
        "slug": "join-together",
        "title": "Join Together",
        "summary": (
            "Since 1991, Join Together has backed community-based efforts in "
            "prevention, treatment, and alcohol and drug policy."
        ),
        "body": (
            "It supports local efforts: the coalitions and groups that shape "
            "alcohol and drug policy, prevention and treatment in their own towns "
            "and cities."
        ),
        "issue_areas": ["community-reinvestment", "drug-treatment"],
        "tags": ["community", "prevention"],
    },
    {
        "type": ResourceType.ORGANIZATION,
        "slug": "naomi",
        "title": "North American Opiate Medication Initiative (NAOMI)",
        "summary": (
            "A clinical trial in Vancouver and Montreal that tested heroin-assisted "
            "treatment for people with long-term opioid use disorder whom other "
            "treatments had not helped."
        ),
        "body": (
            "The Canadian Institutes of Health Research funded the study, and "
            "Health Canada approved it. It asked whether prescribed heroin could "
            "help people for whom the usual treatments had not worked."
        ),
        "issue_areas": ["drug-treatment", "safer-supply"],
        "tags": ["heroin-assisted-treatment", "research", "canada"],
    },
    {
        "type": ResourceType.ORGANIZATION,
        "slug": "asam",
        "title": "American Society of Addiction Medicine (ASAM)",
        "summary": (
            "A professional society for physicians who treat substance use "
            "disorders; when this listing was first written it had close to 3,000 "
            "physician members."
        ),
        "body": (
            "The figure of close to 3,000 physicians is the one given when the "
            "society was first listed here; ask the society for its current "
            "membership."
        ),
        "issue_areas": ["drug-treatment"],
        "tags": ["medicine", "access-to-treatment"],
    },
    {
        "type": ResourceType.ORGANIZATION,
        "slug": "harm-reduction-therapy-center",
        "title": "Harm Reduction Therapy Center (HRTC)",
        "summary": (
            "A nonprofit offering harm reduction psychotherapy, which sees each "
            "person's substance use as shaped by their own mix of biology, "
            "psychology and social circumstances."
        ),
        "body": (
            "Rather than one model for everyone, the center starts from how body, "
            "mind and surroundings come together for the person in front of it, "
            "and plans care from there."
        ),
        "issue_areas": ["harm-reduction", "drug-treatment"],
        "tags": ["psychotherapy", "harm-reduction"],
    },
    {
        "type": ResourceType.ORGANIZATION,
        "slug": "a-new-path",
        "title": "A New PATH",
        "summary": (
            "A nonprofit advocacy group of parents, concerned citizens, people in "
            "recovery, health care professionals and community leaders, working to "
            "widen access to treatment and end discriminatory drug policies."
        ),
        "body": (
            "Its members come to the issue from different places (as family "
            "members, as people in recovery, as clinicians and as local leaders) "
            "and share two goals: making treatment easier to get, and ending drug "
            "policies that discriminate."
        ),
        "issue_areas": ["drug-treatment", "civil-punishment"],
        "tags": ["families", "recovery", "access-to-treatment"],
    },
    {
        "type": ResourceType.ORGANIZATION,
        "slug": "harm-reduction-psychotherapy-and-training-associates",
        "title": "Harm Reduction Psychotherapy and Training Associates",
        "summary": (
            "A New York City group for harm reduction psychotherapy and training, "
            "co-directed by Andrew Tatarsky, Ph.D., and Mark Sehl."
        ),
        "body": (
            "Andrew Tatarsky earned his doctorate in clinical psychology at the "
            "City University of New York, and leads the group with Mark Sehl. His "
            "book, Harm Reduction Psychotherapy, is also in the library."
        ),
        "issue_areas": ["drug-treatment", "harm-reduction"],
        "tags": ["psychotherapy", "training", "new-york"],
    },
    # -- books (dated by the original listing) ----------------------------------
    {
        "type": ResourceType.BOOK,
        "slug": "harm-reduction-evidence-impacts-and-challenges",
        "title": "Harm Reduction: Evidence, Impacts and Challenges",
        "authors": "EMCDDA",
        "publisher": "EMCDDA",
        "listed": _listed(2010, 4, 20),
        "summary": (
            "A monograph from the European Monitoring Centre for Drugs and Drug "
            "Addiction (EMCDDA) that reviews what is known about harm reduction: "
            "the evidence for it, what it has achieved, and the problems it still "
            "faces."
        ),
        "body": (
            "Written and published by the EMCDDA, the European Union's drugs "
            "agency, the monograph gathers research on harm-reduction approaches "
            "in one volume."
        ),
        "issue_areas": ["harm-reduction", "overdose-prevention-centers"],
        "tags": ["research", "international", "harm-reduction"],
    },
    {
        "type": ResourceType.BOOK,
        "slug": "harm-reduction-psychotherapy",
        "title": (
            "Harm Reduction Psychotherapy: A New Treatment for Drug and Alcohol "
            "Problems"
        ),
        "authors": "Andrew Tatarsky",
        "listed": _listed(2007, 6, 10),
        "summary": (
            "Andrew Tatarsky makes the case for psychotherapy that works with "
            "people on their drug and alcohol use as they themselves see it, "
            "instead of requiring abstinence before treatment can start."
        ),
        "body": (
            "The library lists the paperback edition. Tatarsky also co-directs "
            "Harm Reduction Psychotherapy and Training Associates in New York "
            "City, listed under organizations."
        ),
        "issue_areas": ["drug-treatment", "harm-reduction"],
        "tags": ["psychotherapy", "harm-reduction"],
    },
    {
        "type": ResourceType.BOOK,
        "slug": "over-the-influence",
        "title": (
            "Over the Influence: The Harm Reduction Guide for Managing Drugs and "
            "Alcohol"
        ),
        "authors": "Patt Denning\nJeannie Little\nAdina Glickman",
        "publisher": "The Guilford Press",
        "listed": _listed(2003, 11, 15),
        "summary": (
            "A practical guide for people who use alcohol or other drugs, and for "
            "the people close to them, on weighing what their use gives and costs "
            "them and making changes that fit their own goals."
        ),
        "body": (
            "Patt Denning, Jeannie Little and Adina Glickman show how to take an "
            "honest look at one's relationship with drugs and alcohol without "
            "starting from a demand to stop."
        ),
        "issue_areas": ["harm-reduction", "drug-treatment"],
        "tags": ["harm-reduction", "self-help"],
    },
]

RESOURCE_FIELDS = (
    "type",
    "title",
    "summary",
    "body",
    "authors",
    "publisher",
    "isbn",
    "dateline",
    "press_contacts",
    "website",
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
            if _area_state(area) == want:
                counts.unchanged += 1
                continue
            if _edited_since_seed(area) and not force:
                counts.kept += 1
                counts.kept_slugs.append(area.slug)
                continue
            counts.updated += 1
        else:
            area = IssueArea(slug=spec["slug"], publish_at=timezone.now())
            counts.created += 1
        for name in AREA_FIELDS:
            setattr(area, name, want[name])
        if want["translation_of"]:
            area.translation_of = originals[want["translation_of"]]
        area.full_clean()
        area.save()
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
            if state == want:
                counts.unchanged += 1
                continue
            if _edited_since_seed(res) and not force:
                counts.kept += 1
                counts.kept_slugs.append(res.slug)
                continue
            counts.updated += 1
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
        for name in (*RESOURCE_FIELDS, "publish_at"):
            if name in want:
                setattr(res, name, want[name])
        if want["translation_of"]:
            res.translation_of = originals[want["translation_of"]]
        res.full_clean()
        res.save()
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


# -- Spanish versions -------------------------------------------------------------
# Linked to their English originals (translation_of); our own Spanish, from the
# same facts. Issue areas take the original's order and map layers; resources take
# the original's type, issue areas, tags and type-specific facts unless given here.
ISSUE_AREAS_ES: list[dict] = [
    {
        "translation_of": "community-reinvestment",
        "slug": "reinversion-comunitaria",
        "title": "Reinversión comunitaria",
        "summary": (
            "El dinero que se gasta en arrestar y encarcelar a personas por drogas "
            "debe volver a las comunidades más golpeadas por esa persecución y "
            "pagar lo que las mantiene sanas y seguras."
        ),
        "sections": [
            (
                "Nuestras prioridades",
                "- Destinar el dinero que hoy se gasta en perseguir las drogas a las "
                "comunidades que más daño han sufrido por ello.\n"
                "- Usarlo para atender las condiciones que están en la raíz del "
                "consumo problemático de drogas, y no solo sus síntomas.",
            ),
        ],
    },
    {
        "translation_of": "decriminalization",
        "slug": "descriminalizacion",
        "title": "Descriminalizar las drogas e invertir en servicios de salud",
        "summary": (
            "Nadie debería ser arrestado por tener drogas para su propio consumo. "
            "El dinero que se ahorra debe financiar servicios sociales y de salud "
            "que cada persona elija libremente."
        ),
        "sections": [
            (
                "Nuestras prioridades",
                "- Dejar de arrestar a las personas por poseer drogas para uso "
                "personal.\n"
                "- Invertir lo ahorrado en ayuda que la gente pueda elegir "
                "libremente: tratamiento, vivienda, apoyo para encontrar trabajo, "
                "reducción de daños, servicios de recuperación y apoyo entre pares.\n"
                "- Distinguir siempre, en la ley y en el debate público, entre "
                "descriminalizar y legalizar: descriminalizar no crea un mercado "
                "legal.",
            ),
        ],
    },
    {
        "translation_of": "civil-punishment",
        "slug": "castigos-civiles",
        "title": "Acabar con los castigos civiles de la guerra contra las drogas",
        "summary": (
            "Un antecedente por drogas puede seguir a una persona mucho después de "
            "cumplida la condena y costarle un empleo, un préstamo para estudiar o "
            "su vivienda. Trabajamos para acabar con esas sanciones fuera de los "
            "tribunales."
        ),
        "sections": [
            (
                "Nuestras prioridades",
                "- Eliminar las sanciones en la educación, el empleo y la vivienda "
                "que arrastra un antecedente por drogas.\n"
                "- Que un cargo por posesión del pasado no le cueste a nadie su "
                "ayuda para estudiar, su trabajo ni su hogar.",
            ),
        ],
    },
    {
        "translation_of": "safer-supply",
        "slug": "suministro-mas-seguro",
        "title": "Regulación legal y suministro más seguro",
        "summary": (
            "Las personas tienen derecho a saber qué contienen las drogas que "
            "consumen. Un suministro sin regular, de potencia y composición "
            "desconocidas, es lo que impulsa las muertes por sobredosis."
        ),
        "sections": [
            (
                "Nuestras prioridades",
                "- Reconocer el derecho de cada persona a saber qué contienen sus "
                "drogas.\n"
                "- Responder al suministro no regulado, una de las causas "
                "principales de las muertes por sobredosis, con regulación y no con "
                "más castigo.\n"
                "- Mantener legales las herramientas para analizar drogas, como las "
                "tiras reactivas de fentanilo.",
            ),
        ],
    },
    {
        "translation_of": "marijuana",
        "slug": "marihuana",
        "title": "Legalizar y regular bien la marihuana",
        "summary": (
            "La legalización de la marihuana debe apoyarse en la salud, la "
            "justicia, la equidad y la reinversión, y la ley federal debe dejar de "
            "tratarla como una sustancia controlada."
        ),
        "sections": [
            (
                "Nuestras prioridades",
                "- Incluir la salud, la justicia, la equidad y la reinversión en "
                "cada ley de legalización.\n"
                "- Sacar la marihuana de las listas federales de sustancias "
                "controladas.\n"
                "- Descriminalizar la marihuana en la ley federal.",
            ),
        ],
    },
    {
        "translation_of": "overdose-prevention-centers",
        "slug": "centros-de-prevencion-de-sobredosis",
        "title": "Centros de prevención de sobredosis",
        "summary": (
            "Los centros de prevención de sobredosis, también llamados sitios de "
            "consumo supervisado, son lugares donde las personas pueden consumir "
            "drogas con personal capacitado a su lado. Evitan muertes por "
            "sobredosis y acercan a la gente a la atención de salud."
        ),
        "sections": [
            (
                "Nuestras prioridades",
                "- Autorizar y financiar centros de prevención de sobredosis.\n"
                "- Aprovecharlos para conectar a las personas con la atención que "
                "buscan, cuando ellas lo decidan.",
            ),
        ],
    },
    {
        "translation_of": "drug-trade",
        "slug": "comercio-de-drogas",
        "title": (
            "Repensar y reducir el castigo a las personas que participan en el "
            "comercio de drogas"
        ),
        "summary": (
            "Dejar de arrestar por posesión abre una pregunta más difícil: cómo "
            "responder a quienes venden drogas. Buscamos respuestas nuevas que se "
            "apoyen menos en el castigo."
        ),
        "sections": [
            (
                "Nuestras prioridades",
                "- Crear respuestas nuevas a la venta de drogas que dependan menos "
                "del arresto y la cárcel.\n"
                "- Reducir el castigo que reciben las personas que participan en el "
                "comercio de drogas.",
            ),
        ],
    },
    {
        "translation_of": "drug-treatment",
        "slug": "tratamiento",
        "title": "Tratamiento para el consumo de drogas",
        "summary": (
            "El tratamiento es atención de salud. Debe contar con buen "
            "financiamiento, basarse en la investigación, estar al alcance de "
            "todas las personas que lo quieran y nunca imponerse a quien no lo "
            "necesita ni lo desea."
        ),
        "sections": [
            (
                "Nuestras prioridades",
                "- Más fondos para el tratamiento y más investigación sobre lo que "
                "funciona.\n"
                "- Acceso más amplio a las terapias de sustitución: metadona, "
                "buprenorfina y tratamiento asistido con heroína.\n"
                "- Ofrecer tratamiento en lugar de cárcel o prisión.\n"
                "- No obligar nunca a recibir tratamiento a quien no lo necesita o "
                "no lo quiere.",
            ),
        ],
    },
    {
        "translation_of": "harm-reduction",
        "slug": "reduccion-de-danos",
        "title": "Reducción de daños",
        "summary": (
            "La reducción de daños acompaña a las personas en el punto en que se "
            "encuentran y cuenta como un logro cada paso hacia una mejor salud, no "
            "solo la abstinencia."
        ),
        "sections": [
            (
                "Nuestras prioridades",
                "- Acompañar a las personas allí donde están, sin condiciones "
                "previas.\n"
                "- Aceptar el cambio gradual, paso a paso, como un éxito.\n"
                "- Proteger en las leyes estatales los servicios de reducción de "
                "daños: los programas de jeringas, el acceso a la naloxona y las "
                "protecciones del Buen Samaritano.",
            ),
        ],
    },
]

RESOURCES_ES: list[dict] = [
    {
        "translation_of": "proposition-36-victory",
        "slug": "victoria-de-la-proposicion-36",
        "title": "Victoria de la Proposición 36",
        "summary": (
            "En 2000, el electorado de California aprobó la Proposición 36 con el "
            "61 % de los votos. Quienes fueran condenados por primera o segunda vez "
            "por posesión de drogas de bajo nivel, sin violencia de por medio, "
            "ganaron el derecho a libertad condicional y tratamiento en su "
            "comunidad en lugar de la cárcel."
        ),
        "body": (
            "Redactamos y promovimos la Proposición 36, una ley de tratamiento en "
            "lugar de encarcelamiento. Con ella, una primera o segunda condena por "
            "posesión de bajo nivel, sin violencia, lleva a libertad condicional y "
            "tratamiento en la comunidad, no a una pena de cárcel o prisión."
            "\n\n"
            "El sesenta y uno por ciento de los votantes de California la respaldó "
            "en 2000."
        ),
    },
    {
        "translation_of": "new-mexico-sb-321-passes",
        "slug": "nuevo-mexico-aprueba-sb-321",
        "title": (
            "La Legislatura aprueba con amplio apoyo de ambos partidos el proyecto "
            "de tratamiento en lugar de encarcelamiento"
        ),
        "dateline": "Santa Fe, Nuevo México",
        "summary": (
            "Legisladores de los dos partidos aprobaron en Nuevo México el Proyecto "
            "de Ley del Senado 321, que ofrece tratamiento en lugar de "
            "encarcelamiento, y lo enviaron al Ejecutivo estatal para su firma."
        ),
        "body": (
            "El Proyecto de Ley del Senado 321, con el título en inglés “Substance "
            "Abuse and Crime Prevention Act”, lo presentaron el senador Martinez y "
            "el representante Maestas."
            "\n\n"
            "Pasó el Senado por 21 votos contra 3 y la Cámara de Representantes por "
            "41 votos contra 26, con apoyo de ambos partidos, y esperaba la firma "
            "del Ejecutivo estatal cuando se publicó este comunicado."
        ),
    },
    {
        "translation_of": "drug-courts-report-release",
        "slug": "informe-tribunales-de-drogas",
        "title": "Un nuevo informe concluye que “los tribunales de drogas no son la respuesta”",
        "summary": (
            "Un nuevo informe, presentado en dos sesiones informativas en el "
            "Capitolio, concluye que no está demostrado que los tribunales de "
            "drogas ahorren dinero, reduzcan el encarcelamiento ni mejoren la "
            "seguridad pública, y propone un enfoque del consumo de drogas centrado "
            "en la salud."
        ),
        "body": (
            "El informe, titulado en inglés “Drug Courts Are Not the Answer: Toward "
            "a Health-Centered Approach to Drug Use”, se dio a conocer en dos "
            "sesiones informativas en el Capitolio."
            "\n\n"
            "Sus autores buscaron los beneficios que suelen atribuirse a los "
            "tribunales de drogas (menos gasto, menos personas tras las rejas, "
            "comunidades más seguras) y no encontraron pruebas de ellos. El informe "
            "completo, en inglés, también está en la biblioteca."
        ),
    },
]
