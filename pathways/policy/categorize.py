"""How a source's wording of a law fact is classed into a topic's map category.

:func:`categorize` turns the value a source states (``"Both Misdemeanor & Felony"``,
``"1"``, ``"yes (defense to prosecution, not immunity from arrest)"``) into one of
the topic's category slugs (``topics.py``), or ``""`` when it cannot be classed.
"""

from __future__ import annotations

from .topics import TOPICS

YES_WORDS = {"yes", "y", "1", "true"}
NO_WORDS = {"no", "n", "0", "false"}
# Generic wording for yes/no topics, checked after a topic's own rules.
# "expanded ..." amends a law that exists, so the law is there: yes.
# "reported permitted/authorized" is a source's claim; the row's confidence (low)
# carries the doubt, the category says what the source says.
GENERIC_RULES: tuple[tuple[str, str], ...] = (
    ("yes", "yes"),
    ("no", "no"),
    ("partial", "partial"),
    ("expanded", "yes"),
    ("reported permitted", "yes"),
    ("reported authorized", "yes"),
)


def normalize(value: str) -> str:
    return " ".join(value.lower().split())


def _match(value: str, rules: tuple[tuple[str, str], ...]) -> str:
    for prefix, category in sorted(rules, key=lambda r: -len(r[0])):
        if value == prefix or (
            value.startswith(prefix) and not value[len(prefix)].isalnum()
        ):
            return category
    return ""


def categorize(topic_slug: str, value: str) -> str:
    """The map category of ``value`` (as the source states it) for a topic, or ""
    when it cannot be classed (or the topic is a number)."""
    spec = TOPICS.get(topic_slug)
    if spec is None or spec.kind == "number":
        return ""
    v = normalize(value)
    if not v:
        return ""
    found = _match(v, spec.rules)
    if found or spec.kind == "lookup":
        return found
    if v in YES_WORDS:
        return "yes"
    if v in NO_WORDS:
        return "no"
    return _match(v, GENERIC_RULES)


def label(topic_slug: str, category: str) -> str:
    """The legend label of a category ("" when unknown)."""
    spec = TOPICS.get(topic_slug)
    if spec is None:
        return ""
    return dict(spec.categories).get(category, "")
