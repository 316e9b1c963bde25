"""The workbench's forms: a source with its full text, a text for an existing source, a
claim made from a source's text (its quotation typed and checked against it)."""

from __future__ import annotations

from django import forms
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from arguments.record.fixture_format import parse_date
from arguments.record.models import QUOTATION_MAX_LENGTH, Claim, Participant, Relation, Source
from arguments.record.params import search_text
from arguments.record.text import clean_text as clean_user_text
from arguments.workbench.models import DraftRelation
from arguments.workbench.quotations import closest_passage, find_quotation
from arguments.workbench.texts import (
    MAX_TEXT_CHARACTERS,
    MAX_UPLOAD_BYTES,
    TextRefused,
    checked_text,
    format_of,
    refuse_unreadable_pdf,
    text_from_file,
)


class TextForm(forms.Form):
    """A full text, pasted or uploaded (one of the two)."""

    pasted = forms.CharField(
        label=gettext_lazy("Full text, pasted"),
        required=False,
        strip=False,
        # A little over the stored bound: cleaning may shorten it.
        max_length=MAX_TEXT_CHARACTERS + 65536,
        widget=forms.Textarea(attrs={"rows": 12}),
        help_text=gettext_lazy(
            "Paragraphs separated by a blank line. A form takes about 2 MB: upload a longer "
            "text as a .txt file."
        ),
    )
    upload = forms.FileField(
        label=gettext_lazy("or a file (.txt, .html, .pdf; 5 MB at most)"),
        required=False,
        widget=forms.ClearableFileInput(attrs={"accept": ".txt,.html,.htm,.pdf"}),
    )

    # The API adds a source first and its text later, when the editor has it.
    text_required = True

    def clean(self):
        data = super().clean()
        pasted, upload = data.get("pasted") or "", data.get("upload")
        if self.errors:
            return data
        if not self.text_required and not pasted.strip() and not upload:
            data["text"] = data["format"] = data["queued"] = None
            return data
        if bool(pasted.strip()) == bool(upload):
            raise forms.ValidationError(_("Paste the text or upload a file: one of the two."))
        data["text"] = data["format"] = None
        data["queued"] = None
        try:
            if upload:
                if upload.size > MAX_UPLOAD_BYTES:
                    raise TextRefused(_("The file is larger than 5 MB."))
                format_name = format_of(upload.name)
                content = upload.read()
                if format_name == "text":
                    data["text"], data["format"] = text_from_file(upload.name, content)
                else:
                    # HTML and PDF take seconds to read: the task worker does it.
                    refuse_unreadable_pdf(format_name, content)
                    data["queued"] = (upload.name, format_name, content)
            else:
                data["text"], data["format"] = checked_text(pasted), "text"
        except TextRefused as refusal:
            raise forms.ValidationError(str(refusal)) from None
        return data


class SourceForm(TextForm):
    """A new source of the debate, its metadata and its full text."""

    title = forms.CharField(label=gettext_lazy("Title"), max_length=2000)
    authors = forms.ModelMultipleChoiceField(
        label=gettext_lazy("Authors"),
        queryset=Participant.objects.none(),
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )
    new_author = forms.CharField(
        label=gettext_lazy("or a new author's name"), max_length=200, required=False
    )
    venue = forms.CharField(label=gettext_lazy("Venue"), max_length=200, required=False)
    date = forms.CharField(
        label=gettext_lazy("Date"),
        max_length=10,
        required=False,
        help_text=gettext_lazy("2025, 2025-08 or 2025-08-14: as precise as known, no more."),
    )
    date_qualifier = forms.ChoiceField(
        label=gettext_lazy("The date is"), choices=Source.Qualifier, initial=Source.Qualifier.EXACT
    )
    url = forms.URLField(
        label=gettext_lazy("URL"), max_length=4000, required=False, assume_scheme="https"
    )
    language = forms.CharField(label=gettext_lazy("Language"), max_length=10, initial="fr")

    field_order = [
        "title",
        "authors",
        "new_author",
        "venue",
        "date",
        "date_qualifier",
        "url",
        "language",
        "pasted",
        "upload",
    ]

    def __init__(self, *args, debate, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["authors"].queryset = debate.participants.order_by("name")

    def clean_date(self):
        value = self.cleaned_data["date"].strip()
        if not value:
            return None, Source.Precision.DAY
        try:
            published, precision = parse_date(value)
        except (TypeError, ValueError):
            published = None
        if published is None:
            raise forms.ValidationError(_("Write the date as 2025, 2025-08 or 2025-08-14."))
        return published, precision

    def clean(self):
        data = super().clean()
        if not data.get("authors") and not (data.get("new_author") or "").strip():
            self.add_error("authors", _("Choose an author or name a new one."))
        return data


class ClaimForm(forms.Form):
    """A claim of the record made from a source's stored text: the quotation must be in it."""

    quotation = forms.CharField(
        label=gettext_lazy("Quotation, verbatim from the text"),
        max_length=QUOTATION_MAX_LENGTH,
        widget=forms.Textarea(attrs={"rows": 3}),
    )
    statement = forms.CharField(
        label=gettext_lazy("Statement in French, in our own words"),
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 2}),
    )
    statement_en = forms.CharField(
        label=gettext_lazy("Statement in English, in our own words"),
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 2}),
    )
    holder = forms.ModelChoiceField(
        label=gettext_lazy("Holder"), queryset=Participant.objects.none()
    )
    reported_from = forms.ModelChoiceField(
        label=gettext_lazy("Reported speech: the text where the holder said it"),
        queryset=Source.objects.none(),
        required=False,
        help_text=gettext_lazy(
            "Only when this text reports someone else's position: the holder is the one "
            "reported, this text is the reporter."
        ),
    )
    section = forms.CharField(label=gettext_lazy("Section"), max_length=300, required=False)
    # Filled by the selection in the browser (static/js/workbench-select.js): where the
    # passage selected is in the stored text, so that a passage said twice is the one
    # selected. The server finds the quotation itself; these only choose among its places.
    start = forms.IntegerField(required=False, min_value=0, widget=forms.HiddenInput)
    end = forms.IntegerField(required=False, min_value=0, widget=forms.HiddenInput)
    paragraph = forms.IntegerField(required=False, min_value=1, widget=forms.HiddenInput)
    prefix = forms.CharField(required=False, max_length=64, strip=False, widget=forms.HiddenInput)
    suffix = forms.CharField(required=False, max_length=64, strip=False, widget=forms.HiddenInput)

    def __init__(self, *args, source: Source, text: str, **kwargs):
        super().__init__(*args, **kwargs)
        self.source = source
        self.text = text
        self.fields["holder"].queryset = source.debate.participants.order_by("name")
        self.fields["reported_from"].queryset = source.debate.sources.exclude(pk=source.pk)
        self.closest = None
        if not self.is_bound and "holder" not in self.initial:
            # A text by one author mostly states that author's claims: one choice fewer.
            authors = list(source.authors.values_list("pk", flat=True)[:2])
            if len(authors) == 1:
                self.initial["holder"] = authors[0]

    def clean(self):
        data = super().clean()
        # As the record's fields will store them: no control characters, NFC.
        for name, multiline in (("statement", True), ("statement_en", True), ("section", False)):
            if data.get(name):
                data[name] = clean_user_text(data[name], multiline=multiline)
        quotation = data.get("quotation")
        if not quotation:
            return data
        match = find_quotation(quotation, self.text, near=data.get("start"))
        if match is None:
            self.closest = closest_passage(quotation, self.text)
            self.add_error("quotation", not_found_message(self.closest))
            return data
        self.match = match
        data["quotation"] = quotation.strip()
        return data


def not_found_message(passage) -> str:
    if passage is None:
        return _("The quotation is not in the text, and none of its words is.")
    return _(
        "The quotation is not in the text. The closest passage, paragraph %(paragraph)d: "
        "“%(passage)s”"
    ) % {"paragraph": passage.paragraph, "passage": passage.text}


# Claims offered when the words typed name several (as the proposals' picker offers them;
# the workbench sits below the proposals, so it does not import theirs).
TARGET_CHOICES_SHOWN = 12


class RelationForm(forms.Form):
    """A draft relation from a draft or a record claim: its target picked by typing (the
    proposals' picker: words of the target's statement, or its address), its kind, and its
    layer, vouched for by the passage of the stored text that argues it or by the
    editors' justification. An undercut names the relation it objects to among the target
    claim's incoming ones. The dating rule is checked by the view's action."""

    kind = forms.ChoiceField(label=gettext_lazy("This claim"), choices=DraftRelation.Kind)
    target = forms.CharField(
        label=gettext_lazy("The claim it bears on"),
        max_length=200,
        required=False,
        help_text=gettext_lazy(
            "Type words of its statement, then choose it among the claims found. For an "
            "undercut, the claim the relation undercut goes to."
        ),
    )
    target_choice = forms.CharField(required=False, max_length=120, widget=forms.HiddenInput)
    undercut_relation = forms.IntegerField(
        label=gettext_lazy("The relation undercut"), required=False, min_value=1
    )
    layer = forms.ChoiceField(
        label=gettext_lazy("Drawn by"),
        choices=DraftRelation.Layer,
        widget=forms.RadioSelect,
        initial=DraftRelation.Layer.TEXT,
    )
    passage = forms.CharField(
        label=gettext_lazy("The passage of this text that argues it, verbatim"),
        max_length=QUOTATION_MAX_LENGTH,
        required=False,
        widget=forms.Textarea(attrs={"rows": 2}),
    )
    justification = forms.CharField(
        label=gettext_lazy("Editors' justification, in one line (French)"),
        max_length=300,
        required=False,
    )
    justification_en = forms.CharField(
        label=gettext_lazy("Editors' justification (English)"), max_length=300, required=False
    )

    def __init__(self, *args, debate, start, source: Source | None, text: str | None, **kwargs):
        """`start` is the DraftClaim or Claim the relation goes from; `source` the text
        that makes it (its own argument) and `text` that text's stored words, if any."""
        super().__init__(*args, **kwargs)
        self.debate = debate
        self.start = start
        self.source = source
        self.text = text
        self.candidates: list[Claim] = []
        self.relation_choices: list[Relation] = []

    def targets(self):
        rows = Claim.objects.filter(debate=self.debate).shown()
        if isinstance(self.start, Claim):
            rows = rows.exclude(pk=self.start.pk)
        return rows.only("slug", "statement", "statement_en")

    def _target(self, choice: str, typed: str) -> Claim | None:
        if choice:
            found = self.targets().filter(slug=choice).first()
            if found is None:
                self.add_error("target", _("The claim chosen is not in this debate."))
            return found
        typed = search_text(typed)
        if not typed:
            self.add_error("target", _("Find the claim it bears on, then choose it."))
            return None
        exact = self.targets().filter(slug=typed).first()
        if exact is not None:
            return exact
        self.candidates = list(self.targets().search(typed)[:TARGET_CHOICES_SHOWN])
        if len(self.candidates) == 1:
            return self.candidates[0]
        if not self.candidates:
            self.add_error("target", _("No claim of this debate matches these words."))
        else:
            self.add_error("target", _("Several claims match: choose one below."))
        return None

    def clean(self):
        data = super().clean()
        target = self._target(data.get("target_choice", ""), data.get("target", ""))
        kind, layer = data.get("kind"), data.get("layer")
        result = {}
        if target is not None and kind == DraftRelation.Kind.UNDERCUT:
            self.relation_choices = list(
                Relation.objects.filter(to_claim=target).select_related("from_claim", "to_claim")
            )
            chosen = data.get("undercut_relation")
            relation = next((r for r in self.relation_choices if r.pk == chosen), None)
            if not self.relation_choices:
                self.add_error("target", _("No relation goes to this claim: nothing to undercut."))
            elif relation is None:
                self.add_error("undercut_relation", _("Choose the relation it undercuts."))
            result["to_relation"] = relation
        elif target is not None:
            result["to_claim"] = target
        if layer == DraftRelation.Layer.TEXT:
            passage = (data.get("passage") or "").strip()
            if self.text is None:
                self.add_error(
                    "layer",
                    _("This claim's text has no stored text: make it an editors' link."),
                )
            elif not passage:
                self.add_error("passage", _("Give the passage of the text that argues it."))
            elif find_quotation(passage, self.text) is None:
                self.add_error("passage", not_found_message(closest_passage(passage, self.text)))
            result.update(source=self.source, passage=passage)
        elif layer == DraftRelation.Layer.EDITORS:
            justification = " ".join((data.get("justification") or "").split())
            if not justification:
                self.add_error("justification", _("Say in one line why the editors join them."))
            result.update(
                justification=justification,
                justification_en=" ".join((data.get("justification_en") or "").split()),
            )
        if isinstance(self.start, Claim):
            result["from_claim"] = self.start
        else:
            result["from_draft"] = self.start
        data["relation"] = {"kind": kind, "layer": layer, **result}
        return data
