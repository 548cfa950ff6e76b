"""The finder's forms: search, "what fits me" and compare (GET forms: no
session, no CSRF token, no cookie)."""

from __future__ import annotations

import re

from django import forms
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from . import fit
from .selectors import (
    FILTER_GROUPS,
    PARAM_OF_GROUP,
    Place,
    city_place,
    group_values,
    zip_place,
)

RADIUS_CHOICES = [5, 10, 25, 50, 100]
DEFAULT_RADIUS = 25
MIN_RADIUS, MAX_RADIUS = 5, 100
ZIP_RE = re.compile(r"^\d{5}$")

# The U.S. states, DC and territories the directory lists (postal, name).
STATES = [
    ("AL", "Alabama"), ("AK", "Alaska"), ("AZ", "Arizona"), ("AR", "Arkansas"),
    ("CA", "California"), ("CO", "Colorado"), ("CT", "Connecticut"),
    ("DE", "Delaware"), ("DC", "District of Columbia"), ("FL", "Florida"),
    ("GA", "Georgia"), ("HI", "Hawaii"), ("ID", "Idaho"), ("IL", "Illinois"),
    ("IN", "Indiana"), ("IA", "Iowa"), ("KS", "Kansas"), ("KY", "Kentucky"),
    ("LA", "Louisiana"), ("ME", "Maine"), ("MD", "Maryland"),
    ("MA", "Massachusetts"), ("MI", "Michigan"), ("MN", "Minnesota"),
    ("MS", "Mississippi"), ("MO", "Missouri"), ("MT", "Montana"),
    ("NE", "Nebraska"), ("NV", "Nevada"), ("NH", "New Hampshire"),
    ("NJ", "New Jersey"), ("NM", "New Mexico"), ("NY", "New York"),
    ("NC", "North Carolina"), ("ND", "North Dakota"), ("OH", "Ohio"),
    ("OK", "Oklahoma"), ("OR", "Oregon"), ("PA", "Pennsylvania"),
    ("RI", "Rhode Island"), ("SC", "South Carolina"), ("SD", "South Dakota"),
    ("TN", "Tennessee"), ("TX", "Texas"), ("UT", "Utah"), ("VT", "Vermont"),
    ("VA", "Virginia"), ("WA", "Washington"), ("WV", "West Virginia"),
    ("WI", "Wisconsin"), ("WY", "Wyoming"), ("AS", "American Samoa"),
    ("GU", "Guam"), ("MP", "Northern Mariana Islands"), ("PR", "Puerto Rico"),
    ("VI", "U.S. Virgin Islands"),
]  # fmt: skip

# Groups shown open in the form; the others are in a <details> that opens when
# one of its boxes is ticked.
OPEN_GROUPS = ("medications", "level-of-care", "payment")


def _radius_choices() -> list[tuple[int, str]]:
    # A callable: the labels follow the language of each request.
    return [(r, gettext("Within %(n)d miles") % {"n": r}) for r in RADIUS_CHOICES]


class PlaceForm(forms.Form):
    """Where to search from: a ZIP code, a city and state, or a point (the
    "use my location" button); and how far."""

    zip = forms.CharField(
        label=_("ZIP code"),
        required=False,
        max_length=10,
        widget=forms.TextInput(
            attrs={"inputmode": "numeric", "autocomplete": "postal-code", "size": 7}
        ),
    )
    city = forms.CharField(
        label=_("City"),
        required=False,
        max_length=80,
        widget=forms.TextInput(attrs={"autocomplete": "address-level2"}),
    )
    state = forms.ChoiceField(
        label=_("State"),
        required=False,
        choices=[("", _("Choose a state"))] + STATES,
        error_messages={"invalid_choice": _("Choose a state from the list.")},
    )
    radius = forms.TypedChoiceField(
        label=_("Distance"),
        coerce=int,
        required=False,
        choices=_radius_choices,
        initial=DEFAULT_RADIUS,
        error_messages={
            "invalid_choice": _("Choose a distance between 5 and 100 miles."),
            "invalid": _("Choose a distance between 5 and 100 miles."),
        },
    )

    # Filled only by "Use my location" (JavaScript), rounded to 2 decimals
    # (about 1 km) in the browser; never stored or logged.
    lat = forms.FloatField(
        required=False, min_value=-90, max_value=90, widget=forms.HiddenInput
    )
    lng = forms.FloatField(
        required=False, min_value=-180, max_value=180, widget=forms.HiddenInput
    )

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("use_required_attribute", False)
        super().__init__(*args, **kwargs)
        self.place: Place | None = None

    def clean_zip(self) -> str:
        value = "".join(self.cleaned_data.get("zip", "").split())
        if value and not ZIP_RE.match(value[:5]):
            raise forms.ValidationError(
                _("Enter a 5-digit ZIP code, for example 97214."), code="zip-format"
            )
        return value[:5]

    def clean_radius(self) -> int:
        value = self.cleaned_data.get("radius")
        if value in (None, ""):
            return DEFAULT_RADIUS
        return value

    def clean(self):
        data = super().clean()
        if any(n in self.errors for n in ("zip", "city", "state", "lat", "lng")):
            return data
        zip_code, city, state = data.get("zip"), data.get("city"), data.get("state")
        if zip_code:
            self.place = zip_place(zip_code)
            if self.place is None:
                self.add_error(
                    "zip",
                    _(
                        "We could not find the ZIP code %(zip)s. Check the number, "
                        "or search by city and state instead."
                    )
                    % {"zip": zip_code},
                )
        elif city and state:
            self.place = city_place(city, state)
            if self.place is None:
                self.add_error(
                    "city",
                    _(
                        "We could not find %(city)s in %(state)s. Check the "
                        "spelling, or search by ZIP code instead."
                    )
                    % {"city": city, "state": state},
                )
        elif city or state:
            self.add_error(
                "city" if state else "state",
                _("To search by city, enter both the city and the state."),
            )
        elif data.get("lat") is not None and data.get("lng") is not None:
            self.place = Place(data["lat"], data["lng"], str(_("your location")))
        else:
            raise forms.ValidationError(
                _("Enter a ZIP code, or a city and state, to search."), code="empty"
            )
        return data


SORT_CHOICES = [("distance", _("Nearest first")), ("fit", _("Best fit first"))]


class FinderForm(PlaceForm):
    sort = forms.ChoiceField(
        label=_("Sort results"),
        required=False,
        choices=SORT_CHOICES,
        error_messages={"invalid_choice": _("Choose how to sort the results.")},
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for group in FILTER_GROUPS:
            self.fields[PARAM_OF_GROUP[group]] = forms.MultipleChoiceField(
                label=fit.group_label(group),
                required=False,
                choices=[
                    (v, fit.value_label(group, v)) for v, _en in group_values(group)
                ],
                widget=forms.CheckboxSelectMultiple,
                error_messages={
                    "invalid_choice": _(
                        "“%(value)s” is not one of the choices for %(group)s."
                    ).replace("%(group)s", fit.group_label(group).lower())
                },
            )

    def filters(self) -> dict[str, list[str]]:
        out = {}
        for group in FILTER_GROUPS:
            values = self.cleaned_data.get(PARAM_OF_GROUP[group])
            if values:
                out[group] = list(values)
        return out

    def group_fields(self):
        """(bound field, open?) for each filter group, in the finder's order."""
        for group in FILTER_GROUPS:
            param = PARAM_OF_GROUP[group]
            bound = self[param]
            ticked = bool(self.data.getlist(param)) if self.is_bound else False
            # A blank form opens the main groups; after a search, only those
            # with a ticked box (the results come sooner on a phone).
            yield (
                bound,
                ticked
                or bool(bound.errors)
                or (not self.is_bound and group in OPEN_GROUPS),
            )


def _value_choices(group: str, values) -> list[tuple[str, str]]:
    return [(v, fit.value_label(group, v)) for v in values]


def _one_of(label, choices) -> forms.ChoiceField:
    """An optional question with one answer (radio buttons)."""
    return forms.ChoiceField(
        label=label, required=False, choices=choices, widget=forms.RadioSelect
    )


def _any_of(label, group: str, values) -> forms.MultipleChoiceField:
    """An optional question with any number of answers (checkboxes), labelled
    as the finder labels the values of ``group``."""
    return forms.MultipleChoiceField(
        label=label,
        required=False,
        choices=lambda: _value_choices(group, values),
        widget=forms.CheckboxSelectMultiple,
    )


class FitForm(PlaceForm):
    """'What fits me': where (required), then short optional questions. The
    answers are read from the query string and never stored."""

    help = _one_of(_("What would you like help with?"), fit.HELP_CHOICES)
    for_whom = _one_of(_("Who is the help for?"), fit.FOR_WHOM_CHOICES)
    medication = _one_of(_("Medication for opioid use"), fit.MEDICATION_CHOICES)
    payment = _any_of(_("How would you like to pay?"), "payment", fit.PAYMENT_VALUES)
    age = _one_of(_("Age"), fit.AGE_CHOICES)
    pregnant = forms.BooleanField(
        label=_("Pregnant or recently gave birth (postpartum)"), required=False
    )
    language = forms.ChoiceField(
        label=_("Language other than English"),
        required=False,
        choices=lambda: (
            [("", _("No preference (English is fine)"))]
            + _value_choices("language", fit.LANGUAGE_VALUES)
        ),
    )
    needs = _any_of(_("Help with other things in life"), "extra-help", fit.NEED_VALUES)
    goal = _one_of(_("What are you hoping for right now?"), fit.GOAL_CHOICES)

    def answers(self) -> fit.Answers:
        d = self.cleaned_data
        return fit.Answers(
            help=d.get("help") or "",
            for_whom=d.get("for_whom") or "",
            medication=d.get("medication") or "",
            payment=tuple(d.get("payment") or ()),
            age=d.get("age") or "",
            pregnant=bool(d.get("pregnant")),
            language=d.get("language") or "",
            needs=tuple(d.get("needs") or ()),
            goal=d.get("goal") or "",
        )
