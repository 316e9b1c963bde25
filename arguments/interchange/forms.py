"""The form that imports a map file as a new debate: size, encoding, format and address checked."""

from django import forms
from django.conf import settings
from django.utils.text import slugify
from django.utils.translation import gettext_lazy as _

from arguments.interchange.formats import (
    IMPORT_FORMATS,
    Imported,
    guess_format,
    import_file,
    not_recognised,
)
from arguments.record.models import Debate
from arguments.record.slugs import is_reserved_debate_slug, validate_debate_slug


class ImportForm(forms.Form):
    file = forms.FileField(label=_("File"))
    format = forms.ChoiceField(
        label=_("Format"),
        choices=[("", _("from the file"))] + [(f.name, f.label) for f in IMPORT_FORMATS],
        required=False,
    )
    slug = forms.SlugField(
        label=_("Address of the new debate (optional)"), max_length=50, required=False
    )

    def clean_file(self):
        upload = self.cleaned_data["file"]
        limit = settings.IMPORT_MAX_BYTES
        if upload.size > limit:
            raise forms.ValidationError(
                _("The file is %(size)s bytes; at most %(limit)s are accepted.")
                % {"size": f"{upload.size:,}", "limit": f"{limit:,}"}
            )
        try:
            self.text = upload.read().decode("utf-8-sig")
        except UnicodeDecodeError as error:
            raise forms.ValidationError(
                _("The file is not UTF-8 text (byte %(position)s).") % {"position": error.start}
            ) from error
        return upload

    def clean_slug(self):
        slug = self.cleaned_data["slug"]
        if slug:
            validate_debate_slug(slug)
        if slug and Debate.objects.filter(slug=slug).exists():
            raise forms.ValidationError(_("A debate has this address already."))
        return slug

    def clean(self):
        data = super().clean()
        if "file" in data and not data.get("format") and "format" not in self.errors:
            data["format"] = guess_format(data["file"].name, self.text)
            if not data["format"]:
                # Said at once, not by the worker: no job for a file no importer reads.
                self.add_error("file", not_recognised())
        return data

    def job_fields(self) -> dict:
        """What the import worker needs (`tasks.queue_import`). Call after is_valid()."""
        return {
            "filename": self.cleaned_data["file"].name,
            "format": self.cleaned_data["format"],
            "slug": self.cleaned_data["slug"],
            "text": self.text,
        }

    def import_debate(self, user) -> Imported:
        """The new debate, the importer's notes and the dating warnings; ImportProblems,
        nothing stored, when the file is malformed. Call after is_valid(). In the request:
        the API's import, which the worker does not run yet."""
        upload = self.cleaned_data["file"]
        slug = self.cleaned_data["slug"] or free_slug(upload.name)
        return import_file(
            self.text,
            self.cleaned_data["format"],
            upload.name,
            slug=slug,
            imported_by=user.get_username(),
        )


def free_slug(filename: str) -> str:
    """A debate address from a file's name, numbered when taken."""
    base = slugify(filename.rsplit(".", 1)[0])[:40].strip("-") or "imported"
    slug, number = base, 1
    while is_reserved_debate_slug(slug) or Debate.objects.filter(slug=slug).exists():
        number += 1
        slug = f"{base}-{number}"
    return slug
