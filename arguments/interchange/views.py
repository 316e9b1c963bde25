"""Pages to download a debate in an interchange format and to import a debate from a file."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods

from accounts.ratelimit import write_rate_limited
from arguments.interchange.formats import FORMATS, IMPORT_FORMATS, export_text
from arguments.interchange.forms import ImportForm
from arguments.record.files import ImportProblems
from arguments.record.models import MODERATE, Debate

WARNINGS_SHOWN = 30


@require_GET
@login_required
def export_debate(request: HttpRequest, debate_slug: str, format_name: str) -> HttpResponse:
    debate = get_object_or_404(Debate, slug=debate_slug)
    if format_name not in FORMATS:
        raise Http404(_("No such format."))
    return download(request, debate, format_name)


def download(request: HttpRequest, debate: Debate, format_name: str) -> HttpResponse:
    """The debate as a file to save, as the signed-in reader may see it (the API too)."""
    format = FORMATS[format_name]
    site = f"{request.scheme}://{request.get_host()}"
    text = export_text(debate, format.name, site, moderator=request.user.has_perm(MODERATE))
    response = HttpResponse(text, content_type=format.content_type)
    response["Content-Disposition"] = f'attachment; filename="{debate.slug}.{format.extension}"'
    return response


def report_warnings(request: HttpRequest, dating: list[str], warnings: list[str]) -> None:
    """The import's warnings as messages on the new debate's page: first each relation
    credited to a text that came out too early (imported all the same), then the notes on
    what was kept in another form or left out; each list cut at WARNINGS_SHOWN."""
    for items, template, more in (
        (
            dating,
            _("Impossible date, imported as it is: %(warning)s"),
            _("… and %(count)s more relations with an impossible date."),
        ),
        (warnings, "%(warning)s", _("… and %(count)s more notes.")),
    ):
        for warning in items[:WARNINGS_SHOWN]:
            tags = "dating" if items is dating else ""
            messages.warning(request, template % {"warning": warning}, extra_tags=tags)
        if len(items) > WARNINGS_SHOWN:
            messages.warning(request, more % {"count": len(items) - WARNINGS_SHOWN})


@require_http_methods(["GET", "POST"])
@login_required
@write_rate_limited
def import_debate(request: HttpRequest) -> HttpResponse:
    form = ImportForm(request.POST or None, request.FILES or None)
    problems: list[str] = []
    if request.method == "POST" and form.is_valid():
        try:
            imported = form.import_debate(request.user)
        except ImportProblems as error:
            problems = error.problems
        else:
            filename, name = form.cleaned_data["file"].name, form.cleaned_data["format"]
            messages.success(
                request,
                _("Imported from %(file)s as %(format)s.")
                % {"file": filename, "format": FORMATS[name].label},
            )
            report_warnings(request, imported.dating, imported.warnings)
            return redirect(imported.debate)
    status = 400 if request.method == "POST" else 200
    context = {"form": form, "problems": problems, "formats": IMPORT_FORMATS}
    return render(request, "arguments/interchange/import.html", context, status=status)
