"""The editors' forms for deciding on proposals, attaching theses and writing corrections.
They read and type-check what was posted; the rules of the record (a quotation in its
text, the dating rule, lengths) are the actions' (`Refused`), shared with the API."""

from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from arguments.record.models import Relation
from arguments.workbench.proposals.actions import LINE_MAX_LENGTH, REASON_MAX_LENGTH


class CorrectionFields(forms.Form):
    """Offered with every acceptance: record a correction entry saying why."""

    record_correction = forms.BooleanField(
        label=_("Record a correction entry in the public log"), required=False
    )
    correction_reason = forms.CharField(
        label=_("Reason for the log"),
        required=False,
        max_length=REASON_MAX_LENGTH,
        widget=forms.Textarea(attrs={"rows": 2}),
    )
    correction_reason_en = forms.CharField(
        label=_("Reason for the log (English)"),
        required=False,
        max_length=REASON_MAX_LENGTH,
        widget=forms.Textarea(attrs={"rows": 2}),
    )

    def clean(self):
        data = super().clean()
        if data.get("record_correction") and not (data.get("correction_reason") or "").strip():
            self.add_error("correction_reason", _("Say why, for the corrections log."))
        return data


class Choices:
    """The debate's participants and sources, read once for every form of a page (a
    ModelChoiceField would ask the database again for each proposal of the queue)."""

    def __init__(self, debate, using: str = "default"):
        self.participants = {p.slug: p for p in debate.participants.using(using).order_by("name")}
        self.sources = {s.slug: s for s in debate.sources.using(using).order_by("slug")}
        self.texts = {
            s.slug: s
            for s in debate.sources.using(using).filter(full_text__isnull=False).order_by("slug")
        }


def _choices(objects: dict) -> list[tuple[str, str]]:
    return [("", "---------"), *((slug, str(obj)) for slug, obj in objects.items())]


class AcceptClaimForm(CorrectionFields):
    statement = forms.CharField(label=_("Statement"), max_length=5000, widget=forms.Textarea)
    statement_en = forms.CharField(
        label=_("Statement (English)"), max_length=5000, required=False, widget=forms.Textarea
    )
    holder = forms.ChoiceField(label=_("Holder"), required=False)
    source = forms.ChoiceField(label=_("Source"), required=False)
    quotation = forms.CharField(
        label=_("Quotation, verbatim"),
        max_length=300,
        required=False,
        help_text=_("Left empty: the proposer's quotation."),
    )

    # The claim first, the correction entry after it.
    field_order = ["statement", "statement_en", "holder", "source", "quotation"]

    def __init__(self, *args, claim, choices: Choices, **kwargs):
        initial = {
            "statement": claim.statement,
            "statement_en": claim.statement_en,
            "holder": claim.holder.slug if claim.holder else "",
            "source": claim.source.slug if claim.source else "",
            "quotation": claim.quotation,
        }
        super().__init__(*args, initial=initial, prefix=f"claim-{claim.pk}", **kwargs)
        self.choices = choices
        self.fields["holder"].choices = _choices(choices.participants)
        self.fields["source"].choices = _choices(choices.sources)

    def clean_holder(self):
        return self.choices.participants.get(self.cleaned_data["holder"])

    def clean_source(self):
        return self.choices.sources.get(self.cleaned_data["source"])


class AcceptRelationForm(CorrectionFields):
    kind = forms.ChoiceField(label=_("Kind"), choices=Relation.Kind.choices)
    justification = forms.CharField(
        label=_("Editors' justification (one line)"),
        max_length=LINE_MAX_LENGTH,
        required=False,
    )
    justification_en = forms.CharField(
        label=_("Editors' justification (English)"), max_length=LINE_MAX_LENGTH, required=False
    )
    text_source = forms.ChoiceField(
        label=_("Or: the text that makes this argument"),
        required=False,
        help_text=_("A source with its text stored; the passage must be in it."),
    )
    passage = forms.CharField(
        label=_("Passage of that text, verbatim"),
        max_length=5000,
        required=False,
        widget=forms.Textarea(attrs={"rows": 2}),
    )

    field_order = ["kind", "justification", "justification_en", "text_source", "passage"]

    def __init__(self, *args, relation, choices: Choices, **kwargs):
        initial = {"kind": relation.kind}
        super().__init__(*args, initial=initial, prefix=f"relation-{relation.pk}", **kwargs)
        self.choices = choices
        self.fields["text_source"].choices = _choices(choices.texts)

    def clean_text_source(self):
        return self.choices.texts.get(self.cleaned_data["text_source"])


class DeclineForm(forms.Form):
    reason = forms.CharField(
        label=_("Reason (the proposer sees it)"),
        max_length=REASON_MAX_LENGTH,
        widget=forms.Textarea(attrs={"rows": 2}),
    )


class AttachThesisForm(forms.Form):
    question = forms.ModelChoiceField(label=_("Question"), queryset=None)
    claim = forms.SlugField(label=_("Claim (its address)"), max_length=120)
    gist = forms.CharField(label=_("The answer in a few words"), max_length=200)
    gist_en = forms.CharField(
        label=_("The answer in a few words (English)"), max_length=200, required=False
    )

    def __init__(self, *args, debate, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["question"].queryset = debate.questions.all()


class CorrectionForm(forms.Form):
    title = forms.CharField(label=_("Title"), max_length=LINE_MAX_LENGTH)
    title_en = forms.CharField(
        label=_("Title (English)"), max_length=LINE_MAX_LENGTH, required=False
    )
    reason = forms.CharField(
        label=_("What changed and why"), max_length=REASON_MAX_LENGTH, widget=forms.Textarea
    )
    reason_en = forms.CharField(
        label=_("What changed and why (English)"),
        max_length=REASON_MAX_LENGTH,
        required=False,
        widget=forms.Textarea,
    )
