"""Pages to download a debate in an interchange format and to import a debate from a file."""

from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET, require_http_methods
from django.views.decorators.vary import vary_on_headers

from accounts.ratelimit import write_rate_limited
from arguments.interchange.formats import FORMATS, IMPORT_FORMATS, export_text
from arguments.interchange.forms import ImportForm
from arguments.interchange.models import UNFINISHED_PER_USER, ImportJob
from arguments.interchange.tasks import PRIMARY, queue_import
from arguments.record.models import MODERATE, Debate

WARNINGS_SHOWN = 30
RECENT_JOBS = 5  # the reader's latest imports, listed under the form


@require_GET
@login_required
def export_debate(request: HttpRequest, debate_slug: str, format_name: str) -> HttpResponse:
    debate = get_object_or_404(Debate.objects.visible_to(request.user), slug=debate_slug)
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


def warning_lines(dating: list[str], warnings: list[str]) -> list[str]:
    """The import's warnings as readers see them: first each relation credited to a text
    that came out too early (imported all the same), then the notes on what was kept in
    another form or left out; each list cut at WARNINGS_SHOWN."""
    lines = []
    for items, template, more in (
        (
            dating,
            _("Impossible date, imported as it is: %(warning)s"),
            _("… and %(count)s more relations with an impossible date."),
        ),
        (warnings, "%(warning)s", _("… and %(count)s more notes.")),
    ):
        lines += [template % {"warning": warning} for warning in items[:WARNINGS_SHOWN]]
        if len(items) > WARNINGS_SHOWN:
            lines.append(more % {"count": len(items) - WARNINGS_SHOWN})
    return lines


@require_http_methods(["GET", "POST"])
@login_required
@write_rate_limited
def import_debate(request: HttpRequest) -> HttpResponse:
    """The upload form. The file is checked here (size, encoding, format, address) and then
    imported by the task worker: the reader follows the job's page."""
    form = ImportForm(request.POST or None, request.FILES or None)
    if request.method == "POST" and form.is_valid():
        if unfinished_jobs(request.user) >= UNFINISHED_PER_USER:
            form.add_error(
                None,
                _("You have %(count)s imports under way: wait until one is over.")
                % {"count": UNFINISHED_PER_USER},
            )
        else:
            job = queue_import(request.user, **form.job_fields())
            return redirect("arguments:import_job", job_id=job.pk)
    status = 400 if request.method == "POST" else 200
    context = import_context(request, form)
    return render(request, "arguments/interchange/import.html", context, status=status)


def import_context(request: HttpRequest, form: ImportForm) -> dict:
    jobs = ImportJob.objects.using(PRIMARY).filter(user=request.user).select_related("debate")
    return {"form": form, "formats": IMPORT_FORMATS, "jobs": jobs[:RECENT_JOBS]}


def unfinished_jobs(user) -> int:
    unfinished = [ImportJob.Status.QUEUED, ImportJob.Status.RUNNING]
    return ImportJob.objects.using(PRIMARY).filter(user=user, status__in=unfinished).count()


@require_GET
@login_required
@never_cache  # polled: each answer is the job as it is now
@vary_on_headers("HX-Request")
def import_job(request: HttpRequest, job_id: int) -> HttpResponse:
    """How an import goes, for its importer and the moderators; htmx asks again every second
    until it is over (without JavaScript, the reader follows the refresh link)."""
    jobs = ImportJob.objects.using(PRIMARY).select_related("debate", "user")
    job = get_object_or_404(jobs, pk=job_id)
    if not job.visible_to(request.user):
        raise Http404(_("No such import."))
    job.give_up_if_lost()
    context = {
        "job": job,
        "notes": warning_lines(job.dating, job.warnings),
        "form": ImportForm() if job.status == ImportJob.Status.FAILED else None,
    }
    template = "arguments/interchange/import_job.html"
    return render(request, f"{template}#status" if request.htmx else template, context)
