"""The controversy's questions: the few questions the texts argue over, as the editors frame
them, and a table of who answers what, with each answer's quotation and claim."""

from __future__ import annotations

from django.db.models import Prefetch
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, render
from django.views.decorators.http import require_GET
from django.views.decorators.vary import vary_on_headers

from arguments.questions.table import answer_table
from arguments.record.models import Answer, Debate
from arguments.record.params import check_known
from arguments.record.personal import only_common_parts
from arguments.record.reader_cache import on_record, reader_page


def questions_of(debate: Debate) -> list:
    """The debate's questions with the answers readers may see (a hidden claim answers
    nothing), their claims and holders: two queries."""
    answers = (
        Answer.objects.filter(claim__hidden_at__isnull=True)
        .select_related("claim__holder", "claim__source", "claim__via")
        .order_by("position", "pk")
    )
    return list(
        debate.questions.order_by("position", "pk").prefetch_related(
            Prefetch("answers", queryset=answers)
        )
    )


@require_GET
@vary_on_headers("HX-Request")
@reader_page(on_record, personal=only_common_parts)
def questions(request: HttpRequest, debate_slug: str) -> HttpResponse:
    debate = get_object_or_404(Debate.objects.visible_to(request.user), slug=debate_slug)
    check_known(request.GET.keys(), set())  # a made-up query would be a page kept apart
    found = questions_of(debate)
    rows = answer_table(found, lambda question: question.answers.all())
    context = {
        "debate": debate,
        "questions": found,
        "rows": rows,
        "silent": debate.participants.count() - len(rows),
    }
    template = "arguments/questions/questions.html"
    if request.htmx:
        template += "#table"
    return render(request, template, context)
