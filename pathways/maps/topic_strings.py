"""The policy topics' names, descriptions and category labels (pathways/policy/
topics.py keeps them in English for the data and the API), marked here so that
``makemessages`` puts them in the catalog; pages translate them with
``gettext``/``{{ value|gettext }}``. A test checks this list covers every topic."""

from django.utils.translation import gettext_noop

TOPIC_STRINGS = (
    gettext_noop("Drug possession penalty"),
    gettext_noop(
        "How state law classes the lowest-level, first-time offense of having a small amount of a controlled substance for personal use (marijuana not included)."
    ),
    gettext_noop("Not criminalized"),
    gettext_noop("Misdemeanor"),
    gettext_noop("Both misdemeanor & felony"),
    gettext_noop("Felony"),
    gettext_noop("Drug paraphernalia penalty"),
    gettext_noop(
        "How state law classes the lowest-level, first-time offense of having or using drug equipment, such as pipes or syringes, for personal use."
    ),
    gettext_noop("Decriminalization bill introduced"),
    gettext_noop(
        "Whether a bill to end criminal penalties for having drugs for personal use has been introduced in the state legislature."
    ),
    gettext_noop("Bill introduced"),
    gettext_noop("Partly"),
    gettext_noop("No bill found"),
    gettext_noop("Decriminalization law in effect"),
    gettext_noop(
        "Whether a state law that ends criminal penalties for having most drugs for personal use is in effect."
    ),
    gettext_noop("In effect"),
    gettext_noop("Not in effect"),
    gettext_noop("Decriminalization law repealed"),
    gettext_noop(
        "Whether a state that ended criminal penalties for having drugs for personal use has since brought them back."
    ),
    gettext_noop("Repealed"),
    gettext_noop("Partly repealed"),
    gettext_noop("Not repealed"),
    gettext_noop("911 Good Samaritan law"),
    gettext_noop(
        "Whether people who call 911 or seek help during an overdose are protected from some drug charges."
    ),
    gettext_noop("Yes"),
    gettext_noop("Limited (defense in court only)"),
    gettext_noop("No law"),
    gettext_noop("Good Samaritan protection from arrest"),
    gettext_noop(
        "Whether the state's Good Samaritan law protects people who seek help during an overdose from arrest for having drugs, not only from charges."
    ),
    gettext_noop("No"),
    gettext_noop("Naloxone access law"),
    gettext_noop(
        "Whether state law makes it easier for people to get and give naloxone, a medicine that reverses an opioid overdose."
    ),
    gettext_noop("Naloxone standing order"),
    gettext_noop(
        "Whether state law lets pharmacies give out naloxone under a standing order or protocol, without a prescription for each person."
    ),
    gettext_noop("Pharmacists may prescribe naloxone"),
    gettext_noop("Whether pharmacists may prescribe naloxone themselves."),
    gettext_noop("Syringe services programs: legal status (2019)"),
    gettext_noop(
        "How state law treated syringe services programs, which offer sterile supplies and health care to people who inject drugs, in August 2019."
    ),
    gettext_noop("Explicitly authorized"),
    gettext_noop("Not authorized, but barriers removed"),
    gettext_noop("No law removing barriers"),
    gettext_noop("Syringe programs explicitly authorized (2019)"),
    gettext_noop(
        "Whether state law explicitly authorized syringe services programs in August 2019."
    ),
    gettext_noop("No state paraphernalia law (2019)"),
    gettext_noop(
        "Whether the state had no drug paraphernalia law at all in August 2019, so having syringes was not a crime under state law."
    ),
    gettext_noop("Giving out free syringes not prohibited (2019)"),
    gettext_noop(
        "Whether, in August 2019, state law did not prohibit giving out sterile syringes free of charge."
    ),
    gettext_noop("Paraphernalia law excludes syringes (2019)"),
    gettext_noop(
        "Whether, in August 2019, the state's definition of drug paraphernalia left out syringes and other injection equipment."
    ),
    gettext_noop("Paraphernalia law does not mention injection (2019)"),
    gettext_noop(
        "Whether, in August 2019, the state's definition of drug paraphernalia did not mention injecting or injection equipment."
    ),
    gettext_noop("No law removing barriers for syringe programs (2019)"),
    gettext_noop(
        "Whether, in August 2019, the state had no law that removed legal barriers or uncertainty for syringe services programs."
    ),
    gettext_noop("Fentanyl test strips legal"),
    gettext_noop(
        "Whether people may legally have and use fentanyl test strips, which let people check their drugs for fentanyl before use."
    ),
    gettext_noop("Legal"),
    gettext_noop("Partly legal"),
    gettext_noop("Not legal"),
    gettext_noop("Unclear (not confirmed)"),
    gettext_noop("Overdose prevention centers authorized"),
    gettext_noop(
        "Whether state law authorizes overdose prevention centers, where people can use drugs with trained staff on hand to respond to an overdose."
    ),
    gettext_noop("Authorized by state law"),
    gettext_noop("Limited: local only, or not yet in place"),
    gettext_noop("Not authorized"),
    gettext_noop("Adult-use cannabis legal"),
    gettext_noop(
        "Whether state law lets adults use cannabis for non-medical purposes."
    ),
    gettext_noop("Medical cannabis law"),
    gettext_noop("Whether state law lets adults use cannabis for medical purposes."),
    gettext_noop("Cannabis legal status"),
    gettext_noop(
        "Whether adults may use cannabis under state law: for any purpose, for medical purposes only, or not under a comprehensive medical law."
    ),
    gettext_noop("Adult use legal"),
    gettext_noop("Medical use only"),
    gettext_noop("No comprehensive medical law"),
    gettext_noop("Medicaid expansion"),
    gettext_noop(
        "Whether the state has expanded Medicaid, which gives more adults with low incomes health coverage, including treatment for substance use disorders."
    ),
    gettext_noop("Adopted and in effect"),
    gettext_noop("Adopted, not yet in effect"),
    gettext_noop("Not adopted"),
    gettext_noop("Medicaid expansion coverage in effect"),
    gettext_noop("The date coverage under the state's Medicaid expansion took effect."),
    gettext_noop("Drug arrests"),
    gettext_noop(
        "Number of arrests for drug offenses (having and selling drugs) in one year, as compiled by the Drug Policy Alliance."
    ),
    gettext_noop("Drug arrest rate"),
    gettext_noop(
        "Arrests for drug offenses per 100,000 residents in one year, as compiled by the Drug Policy Alliance."
    ),
)
