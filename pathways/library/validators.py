"""Field validators of the library's models (migrations name them through
``pathways.library.models``, which re-exports them)."""

from __future__ import annotations

import re

from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from pathways.maps import layers

# Slugs that /library/<slug>/ cannot take: the listing and feed URLs use them.
RESERVED_SLUGS = frozenset({"feed", "type", "tag", "page"})


def validate_not_reserved(value: str) -> None:
    if value in RESERVED_SLUGS:
        raise ValidationError(
            _("“%(value)s” is used by the library's own addresses; choose another."),
            params={"value": value},
        )


def normalize_isbn(value: str) -> str:
    """Digits (and a final X) only: '978-0-306-40615-7' -> '9780306406157'."""
    return re.sub(r"[\s-]", "", value or "").upper()


def isbn_is_valid(value: str) -> bool:
    """True for an ISBN-10 or ISBN-13 whose check digit is right."""
    isbn = normalize_isbn(value)
    if re.fullmatch(r"\d{9}[\dX]", isbn):
        total = sum((10 - i) * (10 if c == "X" else int(c)) for i, c in enumerate(isbn))
        return total % 11 == 0
    if re.fullmatch(r"97[89]\d{10}", isbn):
        total = sum((3 if i % 2 else 1) * int(c) for i, c in enumerate(isbn))
        return total % 10 == 0
    return False


def validate_isbn(value: str) -> None:
    if value and not isbn_is_valid(value):
        raise ValidationError(
            _(
                "“%(value)s” is not a valid ISBN: give the 10 or 13 digits printed "
                "on the book (hyphens are fine); the last digit is a check digit."
            ),
            params={"value": value},
        )


def layer_choices() -> list[tuple[str, str]]:
    return [(spec.slug, spec.name) for spec in layers.LAYERS]


def validate_map_layers(value) -> None:
    if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
        raise ValidationError(_("Map layers must be a list of layer slugs."))
    unknown = [v for v in value if v not in layers.BY_SLUG]
    if unknown:
        raise ValidationError(
            _("Unknown map layer: %(slugs)s."), params={"slugs": ", ".join(unknown)}
        )


_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")


def validate_no_control_chars(value: str) -> None:
    """Control characters (other than tab and newlines) have no place in a name
    or comment, and XML 1.0 (the feeds) cannot carry them."""
    if value and _CONTROL.search(value):
        raise ValidationError(
            _("Remove the control characters (invisible codes) from this text."),
            code="control",
        )
