"""Pages to download a debate in an interchange format and to import a debate from a file."""

from __future__ import annotations

from django.conf import settings
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET, require_http_methods
from django.views.decorators.vary import vary_on_headers

from accounts.client_address import client_address
from accounts.ratelimit import write_rate_limited
from arguments.interchange.formats import FORMATS, IMPORT_FORMATS, export_text
from arguments.interchange.forms import ImportForm
from arguments.interchange.models import UNFINISHED_PER_USER, ImportJob
from arguments.interchange.tasks import PRIMARY, queue_import
from arguments.maps.render_bounds import RenderBudget, RenderLimited, refusal
from arguments.record.models import MODERATE, Debate
from arguments.record.params import check_known
from arguments.record.reader_cache import on_readers, on_record, reader_page

WARNINGS_SHOWN = 30

RECENT_JOBS = 5  # the reader's latest imports, listed under the form


@require_GET
@reader_page(on_record, on_readers)
def export_debate(request: HttpRequest, debate_slug: str, format_name: str) -> HttpResponse:
    """The debate as a file, for anyone: what readers see (a moderator's holds what is
    hidden). Kept for anonymous readers until the debate or its annotations change."""
    debate = get_object_or_404(Debate.objects.visible_to(request.user), slug=debate_slug)
    if format_name not in FORMATS:
        raise Http404(_("No such format."))
    check_known(request.GET.keys(), set())  # an address of its own per query string: none
    return download(request, debate, format_name)


@require_GET
@reader_page(on_record)
def exports(request: HttpRequest, debate_slug: str) -> HttpResponse:
    """The formats a debate downloads in, what each keeps, and the API's equivalents."""
    debate = get_object_or_404(Debate.objects.visible_to(request.user), slug=debate_slug)
    check_known(request.GET.keys(), set())
    context = {
        "debate": debate,
        "export_formats": list(FORMATS.values()),
        "map_url": reverse("arguments:map", args=[debate.slug]),
        "per_minute": settings.EXPORTS_PER_MINUTE,
    }
    return render(request, "arguments/interchange/exports.html", context)


def export_budget(request: HttpRequest) -> RenderBudget:
    """How many exports a client may have made per minute (those kept are not counted):
    counted as map renders are (by address, or by account with a higher bound), apart."""
    if request.user.is_authenticated:
        per_minute = settings.EXPORTS_PER_MINUTE_SIGNED_IN
        return RenderBudget(f"exports:user:{request.user.pk}", per_minute)
    per_minute = settings.EXPORTS_PER_MINUTE
    return RenderBudget(f"exports:address:{client_address(request)}", per_minute)


def download(request: HttpRequest, debate: Debate, format_name: str) -> HttpResponse:
    """The debate as a file to save, as the reader may see it (the API too); 429 past the
    client's bound on exports made."""
    try:
        export_budget(request).spend()
    except RenderLimited as limited:
        message = _(
            "You have asked for more debate files than we make for one reader in a minute. "
            "Try again in %(seconds)s seconds."
        ) % {"seconds": limited.retry_after}
        if request.path.startswith("/api/"):
            return refusal(request, message, 429, limited.retry_after)  # {"detail": …}
        response = render(request, "accounts/too_many.html", {"message": message}, status=429)
        response["Retry-After"] = str(limited.retry_after)
        return response
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
