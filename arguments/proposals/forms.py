"""Forms for readers' proposals: a new argument under a claim, or a relation between two claims."""

from django import forms
from django.utils.translation import gettext_lazy as _

from arguments.record.models import QUOTATION_MAX_LENGTH, Claim, Relation, Source
from arguments.record.params import search_text

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


# Claims offered when what the reader typed names several.
TARGET_CHOICES_SHOWN = 12


class ProposeRelationForm(forms.Form):
    """A relation from this claim to another, picked by typing: the words of its statement
    (or its address's last part). With htmx, matching claims are offered as the reader
    types (`matching_targets`); without it, several matches come back as choices. Never a
    list of every claim: a debate may hold a hundred thousand."""

    kind = forms.ChoiceField(label=_("This claim is"), choices=ARGUMENT_KINDS)
    target = forms.CharField(
        label=_("for or against the claim"),
        max_length=200,
        help_text=_("Type words of its statement, then choose it among the claims found."),
    )
    target_choice = forms.CharField(required=False, max_length=120, widget=forms.HiddenInput)

    def __init__(self, *args, claim, **kwargs):
        kwargs.setdefault("auto_id", "relation-%s")  # the argument form on the page has a kind too
        super().__init__(*args, **kwargs)
        self.claim = claim
        self.candidates: list[Claim] = []

    def clean(self):
        cleaned = super().clean()
        target = self._target(cleaned.get("target_choice", ""), cleaned.get("target", ""))
        kind = cleaned.get("kind")
        if target is None:
            return cleaned
        cleaned["target"] = target
        if (
            kind
            and Relation.objects.filter(from_claim=self.claim, to_claim=target, kind=kind).exists()
        ):
            raise forms.ValidationError(_("This relation is already on the map."))
        return cleaned

    def _target(self, choice: str, typed: str) -> Claim | None:
        """The claim chosen (a slug) or the one claim the typed words name; else an error on
        the field, with the claims it may mean as choices."""
        if choice:
            found = self.targets().filter(slug=choice).first()
            if found is None:
                self.add_error("target", _("The claim chosen is not in this debate."))
            return found
        typed = search_text(typed)
        if not typed:
            return None  # the field's own "required" error
        exact = self.targets().filter(slug=typed).first()
        if exact is not None:
            return exact
        self.candidates = matching_targets(self.claim, typed)
        if len(self.candidates) == 1:
            return self.candidates[0]
        if not self.candidates:
            self.add_error("target", _("No claim of this debate matches these words."))
        else:
            self.add_error("target", _("Several claims match: choose one below."))
        return None

    def targets(self):
        return targets_of(self.claim)


def targets_of(claim: Claim):
    """What a relation from `claim` may go to: the debate's other claims readers can see
    (never a hidden one: its statement would show)."""
    return (
        Claim.objects.filter(debate_id=claim.debate_id)
        .shown()
        .exclude(pk=claim.pk)
        .only("slug", "statement", "statement_en")
    )


def matching_targets(claim: Claim, typed: str) -> list[Claim]:
    """The claims the words may mean, best first, at most TARGET_CHOICES_SHOWN."""
    return list(targets_of(claim).search(typed)[:TARGET_CHOICES_SHOWN])
