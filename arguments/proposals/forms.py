"""Forms for readers' proposals: a new argument under a claim, or a relation between two claims."""

from django import forms
from django.utils.translation import gettext_lazy as _

from arguments.record.models import QUOTATION_MAX_LENGTH, Claim, Relation, Source

ARGUMENT_KINDS = [
    (Relation.Kind.SUPPORT.value, _("a support")),
    (Relation.Kind.OBJECTION.value, _("an objection")),
]


class ProposeArgumentForm(forms.Form):
    kind = forms.ChoiceField(label=_("I propose"), choices=ARGUMENT_KINDS)
    statement = forms.CharField(
        label=_("Statement"), max_length=1000, widget=forms.Textarea(attrs={"rows": 2})
    )
    quotation = forms.CharField(
        label=_("Quotation (optional, verbatim)"),
        max_length=QUOTATION_MAX_LENGTH,
        required=False,
        widget=forms.Textarea(attrs={"rows": 2}),
    )
    source = forms.ModelChoiceField(
        label=_("Source (optional)"), queryset=Source.objects.none(), required=False
    )

    def __init__(self, *args, debate, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["source"].queryset = debate.sources.order_by("title")

    def clean_statement(self):
        statement = " ".join(self.cleaned_data["statement"].split())
        if not statement:
            raise forms.ValidationError(_("Write the statement."))
        return statement


class ProposeRelationForm(forms.Form):
    kind = forms.ChoiceField(label=_("This claim is"), choices=ARGUMENT_KINDS)
    target = forms.ModelChoiceField(
        label=_("for or against"), queryset=Claim.objects.none(), to_field_name="slug"
    )

    def __init__(self, *args, claim, **kwargs):
        super().__init__(*args, **kwargs)
        self.claim = claim
        self.fields["target"].queryset = (
            # Never a hidden claim: its statement would show in the list. Not through
            # claim.debate.claims: it would set each option's debate, loading the deferred
            # debate_id one claim at a time.
            Claim.objects.filter(debate_id=claim.debate_id)
            .shown()
            .exclude(pk=claim.pk)
            .order_by("statement")
            .only("slug", "statement")
        )

    def clean(self):
        cleaned = super().clean()
        target, kind = cleaned.get("target"), cleaned.get("kind")
        if (
            target
            and kind
            and Relation.objects.filter(from_claim=self.claim, to_claim=target, kind=kind).exists()
        ):
            raise forms.ValidationError(_("This relation is already on the map."))
        return cleaned
