"""``{{ value|gettext }}``: translate a string that was marked elsewhere (with
``gettext_noop``), e.g. a map layer's name kept in English for the API."""

from __future__ import annotations

from django import template
from django.utils.translation import gettext as _gettext

register = template.Library()


@register.filter(name="gettext")
def gettext_filter(value: object) -> str:
    if value is None or value == "":
        return ""
    return _gettext(str(value))
