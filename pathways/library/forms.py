"""The comment form on an article page. Besides name, email and text it carries a
honeypot field (``website``: hidden from people, so only bots fill it) and a signed
timestamp (``started``) for the minimum fill time, both from ``pathways.core.abuse``.
Neither makes the form invalid: they set ``spam_reason`` and the comment is stored
as spam without telling the sender (see services). The one exception is a form
open for over a day: it asks to be sent again."""

from __future__ import annotations

from django import forms
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from pathways.core import abuse

from . import services
from .models import validate_no_control_chars


class CommentForm(forms.Form):
    name = forms.CharField(
        label=_("Name"),
        max_length=100,
        validators=[validate_no_control_chars],
        help_text=_("Shown with your comment."),
        widget=forms.TextInput(attrs={"autocomplete": "name"}),
    )
    email = forms.EmailField(
        label=_("Email (optional)"),
        required=False,
        max_length=254,
        help_text=_("Never shown; only the moderators see it."),
        widget=forms.EmailInput(attrs={"autocomplete": "email"}),
    )
    text = forms.CharField(
        label=_("Comment"),
        max_length=5000,
        validators=[validate_no_control_chars],
        widget=forms.Textarea(attrs={"rows": 6}),
    )
    website = abuse.honeypot_field(_("Leave this field empty"))
    started = abuse.timer_field()

    def __init__(self, *args, article_id: int, **kwargs):
        kwargs.setdefault("auto_id", "comment-%s")
        super().__init__(*args, **kwargs)
        # Set per request (not at import) so that it follows the page's language.
        self.fields["text"].help_text = gettext(
            "Plain text, up to 5,000 characters and at most %(n)d web addresses. "
            "Comments appear after a moderator approves them."
        ) % {"n": services.MAX_LINKS}
        self.article_id = article_id
        self.spam_reason = ""
        if not self.is_bound:
            self.initial["started"] = abuse.form_token(article_id)

    def clean_text(self) -> str:
        text = self.cleaned_data["text"]
        if error := services.link_error(text):
            raise forms.ValidationError(error, code="links")
        return text

    def clean(self):
        data = super().clean()
        verdict = abuse.form_verdict(self.data, self.article_id)
        if verdict == "expired":
            # Open for over a day: ask again, with a fresh timestamp.
            self.data = self.data.copy()
            self.data["started"] = abuse.form_token(self.article_id)
            raise forms.ValidationError(
                _("This form was open for more than a day; please send it again."),
                code="expired",
            )
        self.spam_reason = verdict
        return data
