from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from pathways.core import abuse
from pathways.library.models import IssueArea

from .models import validate_zip


class SignupForm(forms.Form):
    email = forms.EmailField(
        label=_("Email address"),
        max_length=254,
        widget=forms.EmailInput(attrs={"autocomplete": "email"}),
    )
    zip = forms.CharField(
        label=_("ZIP code (optional)"),
        required=False,
        max_length=5,
        validators=[validate_zip],
        help_text=_("Five digits. Lets us tell you about your state."),
        widget=forms.TextInput(
            attrs={"inputmode": "numeric", "autocomplete": "postal-code", "size": 6}
        ),
    )
    interests = forms.ModelMultipleChoiceField(
        label=_("Topics (optional)"),
        required=False,
        queryset=IssueArea.objects.none(),
        widget=forms.CheckboxSelectMultiple,
        help_text=_("Choose none to hear about everything."),
    )
    # The template writes the honeypot's input itself.
    website = abuse.honeypot_field(_("Leave this empty"))

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["interests"].queryset = IssueArea.objects.published().only(
            "id", "title", "order"
        )

    def clean_zip(self) -> str:
        return (self.cleaned_data.get("zip") or "").strip()
