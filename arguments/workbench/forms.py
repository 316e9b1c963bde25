"""The workbench's forms: a source with its full text, a text for an existing source, a
claim made from a source's text (its quotation typed and checked against it)."""

from __future__ import annotations

from django import forms
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from arguments.record.fixture_format import parse_date
from arguments.record.models import QUOTATION_MAX_LENGTH, Participant, Source
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

    def clean(self):
        data = super().clean()
        pasted, upload = data.get("pasted") or "", data.get("upload")
        if self.errors:
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

    def __init__(self, *args, source: Source, text: str, **kwargs):
        super().__init__(*args, **kwargs)
        self.source = source
        self.text = text
        self.fields["holder"].queryset = source.debate.participants.order_by("name")
        self.fields["reported_from"].queryset = source.debate.sources.exclude(pk=source.pk)
        self.closest = None

    def clean_quotation(self):
        quotation = self.cleaned_data["quotation"]
        match = find_quotation(quotation, self.text)
        if match is None:
            self.closest = closest_passage(quotation, self.text)
            raise forms.ValidationError(not_found_message(self.closest))
        self.match = match
        return quotation.strip()


def not_found_message(passage) -> str:
    if passage is None:
        return _("The quotation is not in the text, and none of its words is.")
    return _(
        "The quotation is not in the text. The closest passage, paragraph %(paragraph)d: "
        "“%(passage)s”"
    ) % {"paragraph": passage.paragraph, "passage": passage.text}
