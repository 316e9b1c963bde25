"""Forms for writing annotations and replies; tags are checked here, the body length too."""

import re

from django import forms
from django.utils.translation import gettext_lazy as _

from .models import BODY_MAX_LENGTH, TAGS_MAX, Annotation

TAG = re.compile(r"^[\w-]{1,30}$")


class AnnotationForm(forms.ModelForm):
    class Meta:
        model = Annotation
        fields = ["stance", "body", "tags"]
        widgets = {"body": forms.Textarea(attrs={"rows": 4, "maxlength": BODY_MAX_LENGTH})}
        help_texts = {
            "body": _("Markdown: *emphasis*, **strong**, [links](https://…), lists, quotes."),
            "tags": _("Up to eight words separated by spaces, e.g. sources method"),
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["stance"].required = False  # a plain comment unless said otherwise

    def clean_stance(self):
        return self.cleaned_data.get("stance") or Annotation.Stance.COMMENT

    def clean_body(self):
        body = self.cleaned_data["body"].strip()
        if not body:
            raise forms.ValidationError(_("Write something."))
        return body

    def clean_tags(self):
        tags = self.cleaned_data.get("tags", "").replace(",", " ").lower().split()
        if len(tags) > TAGS_MAX:
            raise forms.ValidationError(_("At most eight tags."))
        for tag in tags:
            if not TAG.match(tag):
                raise forms.ValidationError(
                    _("A tag is one word of letters, digits or hyphens (30 characters at most).")
                )
        return " ".join(dict.fromkeys(tags))


class ReplyForm(forms.Form):
    body = forms.CharField(
        label=_("Reply"),
        max_length=BODY_MAX_LENGTH,
        widget=forms.Textarea(attrs={"rows": 2, "maxlength": BODY_MAX_LENGTH}),
    )

    def clean_body(self):
        body = self.cleaned_data["body"].strip()
        if not body:
            raise forms.ValidationError(_("Write something."))
        return body


class ReasonForm(forms.Form):
    """Why a reader flags, or a moderator hides, an annotation."""

    reason = forms.CharField(label=_("Reason"), max_length=300)

    def clean_reason(self):
        reason = self.cleaned_data["reason"].strip()
        if not reason:
            raise forms.ValidationError(_("Say why."))
        return reason


# Versions count edits from 1; the next one must still fit the column (a 32-bit integer on
# PostgreSQL), so a form claiming a larger one is refused rather than overflowing it.
VERSION_MAX = 2**31 - 2


def edited_version(raw: str) -> int | None:
    """The version an edit form says it was opened at; None if it says none that can be."""
    try:
        version = int(raw.strip())
    except ValueError:
        return None
    return version if 1 <= version <= VERSION_MAX else None
