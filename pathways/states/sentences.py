"""One plain-language sentence per map layer and category: what a law means for a
person, for a general reader. Person-first words; no legal advice.

Keys are layer slugs (``layers.LAYERS``; policy layers share their topic's slug) and
category slugs (``policy/topics.py``, or the decriminalization layer's own).
"""

from __future__ import annotations

from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _

NO_DATA_SENTENCE = _(
    "We have no record for this state on this topic. That does not mean there is "
    "no law."
)

SENTENCES: dict[str, dict[str, Promise]] = {
    "possession-class": {
        "not-criminalized": _(
            "Having a small amount of a drug for personal use is not a crime here."
        ),
        "misdemeanor": _(
            "Having a small amount of a drug for personal use is a misdemeanor here."
        ),
        "both": _(
            "Having a small amount of a drug for personal use can be charged as a misdemeanor or a felony here, depending on the drug or the amount."
        ),
        "felony": _(
            "Having a small amount of a drug for personal use is a felony here, even the first time."
        ),
    },
    "paraphernalia-class": {
        "not-criminalized": _(
            "Having drug equipment, such as a pipe or syringe, for personal use is not a crime here."
        ),
        "misdemeanor": _(
            "Having drug equipment, such as a pipe or syringe, for personal use is a misdemeanor here."
        ),
        "both": _(
            "Having drug equipment, such as a pipe or syringe, for personal use can be charged as a misdemeanor or a felony here."
        ),
        "felony": _(
            "Having drug equipment, such as a pipe or syringe, for personal use is a felony here."
        ),
    },
    "decriminalization": {
        "in-effect": _(
            "A state law has removed criminal penalties for having drugs for "
            "personal use."
        ),
        "introduced": _(
            "A bill to remove criminal penalties for having drugs for personal use "
            "was introduced, but it is not law."
        ),
        "none": _(
            "No bill to remove criminal penalties for having drugs for personal use "
            "was found."
        ),
    },
    "good-samaritan-law": {
        "yes": _(
            "People who call 911 or get help during an overdose are protected from "
            "some drug charges."
        ),
        "partial": _(
            "People who call 911 during an overdose can still be charged, but the "
            "law gives them a defense in court."
        ),
        "no": _(
            "No law protects people who call 911 during an overdose from drug charges."
        ),
    },
    "good-samaritan-arrest-protection": {
        "yes": _(
            "People who get help during an overdose are protected from being "
            "arrested for having drugs, not only from charges."
        ),
        "partial": _(
            "People who get help during an overdose are protected from arrest for "
            "having drugs only in some situations."
        ),
        "no": _(
            "The law does not protect people who get help during an overdose from "
            "being arrested for having drugs."
        ),
    },
    "naloxone-access-law": {
        "yes": _(
            "State law makes it easier to get and give naloxone, the medicine that "
            "reverses an opioid overdose."
        ),
        "partial": _("State law makes naloxone somewhat easier to get and give."),
        "no": _("No state law makes naloxone easier to get or give."),
    },
    "naloxone-standing-order": {
        "yes": _(
            "Pharmacies can give out naloxone without a prescription written for "
            "each person."
        ),
        "partial": _(
            "Pharmacies can give out naloxone without a personal prescription in "
            "some cases."
        ),
        "no": _(
            "State law sets up no standing order for pharmacies to give out "
            "naloxone (over-the-counter naloxone nasal spray is sold nationwide)."
        ),
    },
    "naloxone-pharmacist-prescribing": {
        "yes": _("Pharmacists can prescribe naloxone themselves."),
        "partial": _("Pharmacists can prescribe naloxone in some cases."),
        "no": _("Pharmacists cannot prescribe naloxone themselves under state law."),
    },
    "ssp-legal-category": {
        "authorized": _(
            "In 2019, state law explicitly allowed syringe services programs, which "
            "give sterile supplies and care to people who inject drugs."
        ),
        "barriers-removed": _(
            "In 2019, state law did not explicitly allow syringe services programs, "
            "but it removed some legal barriers to them."
        ),
        "no-law": _(
            "In 2019, no state law removed legal barriers to syringe services programs."
        ),
    },
    "fentanyl-test-strips-legal": {
        "yes": _(
            "People can legally have and use fentanyl test strips to check drugs "
            "for fentanyl."
        ),
        "partial": _("Fentanyl test strips are legal only in some situations."),
        "no": _("Having fentanyl test strips may count as having drug paraphernalia."),
        "unclear": _("It is not confirmed whether fentanyl test strips are legal."),
    },
    "opc-authorization": {
        "yes": _(
            "State law allows overdose prevention centers, where people can use "
            "drugs with trained staff ready to respond to an overdose."
        ),
        "partial": _(
            "Overdose prevention centers are allowed only locally, or are allowed "
            "but not yet open."
        ),
        "no": _("State law does not allow overdose prevention centers."),
    },
    "cannabis-status": {
        "adult-use": _("Adults 21 and older can legally use cannabis."),
        "medical": _(
            "Only people with a qualifying medical condition can legally use cannabis."
        ),
        "none": _("State law has no comprehensive medical or adult-use cannabis law."),
    },
    "medicaid-expansion-status": {
        "adopted": _(
            "More adults with low incomes can get Medicaid, which covers treatment "
            "for substance use disorders."
        ),
        "adopted-not-implemented": _(
            "The state has decided to expand Medicaid, but the expansion is not in "
            "effect yet."
        ),
        "not-adopted": _(
            "The state has not expanded Medicaid, so many adults with low incomes "
            "cannot get it."
        ),
    },
}


def sentence(layer: str, category: str) -> str:
    """The sentence for one layer's category; the no-data sentence when there is no
    category, "" when Pathways has no sentence for it."""
    if category in ("", "no-data"):
        return str(NO_DATA_SENTENCE)
    return str(SENTENCES.get(layer, {}).get(category, ""))
