"""Pages to download a debate in an interchange format and to import a debate from a file."""

from __future__ import annotations

from django import forms
from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.text import slugify
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_GET, require_http_methods

from annotations.ratelimit import write_rate_limited

from .interchange.document import ImportProblems
from .interchange.formats import FORMATS, IMPORT_FORMATS, export_text, guess_format, import_text
from .models import Debate

MODERATE = "annotations.moderate_annotation"
WARNINGS_SHOWN = 30


@require_GET
@login_required
def export_debate(request: HttpRequest, debate_slug: str, format_name: str) -> HttpResponse:
    debate = get_object_or_404(Debate, slug=debate_slug)
    format = FORMATS.get(format_name)
    if format is None:
        raise Http404(_("No such format."))
    site = f"{request.scheme}://{request.get_host()}"
    text = export_text(debate, format.name, site, moderator=request.user.has_perm(MODERATE))
    response = HttpResponse(text, content_type=format.content_type)
    response["Content-Disposition"] = f'attachment; filename="{debate.slug}.{format.extension}"'
    return response


class ImportForm(forms.Form):
    file = forms.FileField(label=gettext_lazy("File"))
    format = forms.ChoiceField(
        label=gettext_lazy("Format"),
        choices=[("", gettext_lazy("from the file"))] + [(f.name, f.label) for f in IMPORT_FORMATS],
        required=False,
    )
    slug = forms.SlugField(
        label=gettext_lazy("Address of the new debate (optional)"), max_length=50, required=False
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
            return upload.read().decode("utf-8-sig")
        except UnicodeDecodeError as error:
            raise forms.ValidationError(
                _("The file is not UTF-8 text (byte %(position)s).") % {"position": error.start}
            ) from error

    def clean_slug(self):
        slug = self.cleaned_data["slug"]
        if slug and Debate.objects.filter(slug=slug).exists():
            raise forms.ValidationError(_("A debate has this address already."))
        return slug


@require_http_methods(["GET", "POST"])
@login_required
@write_rate_limited
def import_debate(request: HttpRequest) -> HttpResponse:
    form = ImportForm(request.POST or None, request.FILES or None)
    problems: list[str] = []
    if request.method == "POST" and form.is_valid():
        text = form.cleaned_data["file"]
        filename = request.FILES["file"].name
        name = form.cleaned_data["format"] or guess_format(filename, text)
        slug = form.cleaned_data["slug"] or _free_slug(filename)
        try:
            debate, warnings = import_text(
                text, name, filename, slug=slug, imported_by=request.user.get_username()
            )
        except ImportProblems as error:
            problems = error.problems
        else:
            messages.success(
                request,
                _("Imported from %(file)s as %(format)s.")
                % {"file": filename, "format": FORMATS[name].label},
            )
            for warning in warnings[:WARNINGS_SHOWN]:
                messages.warning(request, warning)
            if len(warnings) > WARNINGS_SHOWN:
                messages.warning(
                    request,
                    _("… and %(count)s more notes.") % {"count": len(warnings) - WARNINGS_SHOWN},
                )
            return redirect(debate)
    status = 400 if request.method == "POST" else 200
    context = {"form": form, "problems": problems, "formats": IMPORT_FORMATS}
    return render(request, "arguments/import.html", context, status=status)


def _free_slug(filename: str) -> str:
    """A debate address from the file's name, numbered when taken."""
    base = slugify(filename.rsplit(".", 1)[0])[:40].strip("-") or "imported"
    slug, number = base, 1
    while Debate.objects.filter(slug=slug).exists():
        number += 1
        slug = f"{base}-{number}"
    return slug
