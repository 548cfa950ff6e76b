"""One plain-language sentence per map layer and category: what a law means for a
person, for a general reader. Person-first words; no legal advice.

Keys are layer slugs (``layers.LAYERS``; policy layers share their topic's slug) and
category slugs (``policy/topics.py``, or the decriminalization layer's own).
"""

from __future__ import annotations

NO_DATA_SENTENCE = (
    "We have no record for this state on this topic. That does not mean there is "
    "no law."
)

_POSSESSION = "Having a small amount of a drug for personal use"
_PARAPHERNALIA = "Having drug equipment, such as a pipe or syringe, for personal use"

SENTENCES: dict[str, dict[str, str]] = {
    "possession-class": {
        "not-criminalized": f"{_POSSESSION} is not a crime here.",
        "misdemeanor": f"{_POSSESSION} is a misdemeanor here.",
        "both": (
            f"{_POSSESSION} can be charged as a misdemeanor or a felony here, "
            "depending on the drug or the amount."
        ),
        "felony": f"{_POSSESSION} is a felony here, even the first time.",
    },
    "paraphernalia-class": {
        "not-criminalized": f"{_PARAPHERNALIA} is not a crime here.",
        "misdemeanor": f"{_PARAPHERNALIA} is a misdemeanor here.",
        "both": (f"{_PARAPHERNALIA} can be charged as a misdemeanor or a felony here."),
        "felony": f"{_PARAPHERNALIA} is a felony here.",
    },
    "decriminalization": {
        "in-effect": (
            "A state law has removed criminal penalties for having drugs for "
            "personal use."
        ),
        "introduced": (
            "A bill to remove criminal penalties for having drugs for personal use "
            "was introduced, but it is not law."
        ),
        "none": (
            "No bill to remove criminal penalties for having drugs for personal use "
            "was found."
        ),
    },
    "good-samaritan-law": {
        "yes": (
            "People who call 911 or get help during an overdose are protected from "
            "some drug charges."
        ),
        "partial": (
            "People who call 911 during an overdose can still be charged, but the "
            "law gives them a defense in court."
        ),
        "no": (
            "No law protects people who call 911 during an overdose from drug charges."
        ),
    },
    "good-samaritan-arrest-protection": {
        "yes": (
            "People who get help during an overdose are protected from being "
            "arrested for having drugs, not only from charges."
        ),
        "partial": (
            "People who get help during an overdose are protected from arrest for "
            "having drugs only in some situations."
        ),
        "no": (
            "The law does not protect people who get help during an overdose from "
            "being arrested for having drugs."
        ),
    },
    "naloxone-access-law": {
        "yes": (
            "State law makes it easier to get and give naloxone, the medicine that "
            "reverses an opioid overdose."
        ),
        "partial": "State law makes naloxone somewhat easier to get and give.",
        "no": "No state law makes naloxone easier to get or give.",
    },
    "naloxone-standing-order": {
        "yes": (
            "Pharmacies can give out naloxone without a prescription written for "
            "each person."
        ),
        "partial": (
            "Pharmacies can give out naloxone without a personal prescription in "
            "some cases."
        ),
        "no": (
            "State law sets up no standing order for pharmacies to give out "
            "naloxone (over-the-counter naloxone nasal spray is sold nationwide)."
        ),
    },
    "naloxone-pharmacist-prescribing": {
        "yes": "Pharmacists can prescribe naloxone themselves.",
        "partial": "Pharmacists can prescribe naloxone in some cases.",
        "no": "Pharmacists cannot prescribe naloxone themselves under state law.",
    },
    "ssp-legal-category": {
        "authorized": (
            "In 2019, state law explicitly allowed syringe services programs, which "
            "give sterile supplies and care to people who inject drugs."
        ),
        "barriers-removed": (
            "In 2019, state law did not explicitly allow syringe services programs, "
            "but it removed some legal barriers to them."
        ),
        "no-law": (
            "In 2019, no state law removed legal barriers to syringe services programs."
        ),
    },
    "fentanyl-test-strips-legal": {
        "yes": (
            "People can legally have and use fentanyl test strips to check drugs "
            "for fentanyl."
        ),
        "partial": "Fentanyl test strips are legal only in some situations.",
        "no": "Having fentanyl test strips may count as having drug paraphernalia.",
        "unclear": "It is not confirmed whether fentanyl test strips are legal.",
    },
    "opc-authorization": {
        "yes": (
            "State law allows overdose prevention centers, where people can use "
            "drugs with trained staff ready to respond to an overdose."
        ),
        "partial": (
            "Overdose prevention centers are allowed only locally, or are allowed "
            "but not yet open."
        ),
        "no": "State law does not allow overdose prevention centers.",
    },
    "cannabis-status": {
        "adult-use": "Adults 21 and older can legally use cannabis.",
        "medical": (
            "Only people with a qualifying medical condition can legally use cannabis."
        ),
        "none": "State law has no comprehensive medical or adult-use cannabis law.",
    },
    "medicaid-expansion-status": {
        "adopted": (
            "More adults with low incomes can get Medicaid, which covers treatment "
            "for substance use disorders."
        ),
        "adopted-not-implemented": (
            "The state has decided to expand Medicaid, but the expansion is not in "
            "effect yet."
        ),
        "not-adopted": (
            "The state has not expanded Medicaid, so many adults with low incomes "
            "cannot get it."
        ),
    },
}


def sentence(layer: str, category: str) -> str:
    """The sentence for one layer's category; the no-data sentence when there is no
    category, "" when Pathways has no sentence for it."""
    if category in ("", "no-data"):
        return NO_DATA_SENTENCE
    return SENTENCES.get(layer, {}).get(category, "")
