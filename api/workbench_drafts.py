"""The editors' workbench in the API, for what editors do on its pages: a new source with
its metadata (and its text, if they have it), a text given or replaced (JSON, or a .txt,
.html or .pdf file: HTML and PDF are read by the task worker, answered 202 with the job's
address), the job followed, a stored text read, and the editor's draft claims and relations
listed, made and discarded. Editors only, as the other workbench calls (api/workbench.py).

Each call is the page's own form and action (arguments/workbench/forms.py, actions.py): the
same checks, the same messages. The serializers here only say what shape the JSON takes
(text is text, a number a number, no field the call does not read); the forms judge it."""

from __future__ import annotations

from collections.abc import Mapping

from django.shortcuts import get_object_or_404
from django.urls import path, reverse
from django.utils.translation import gettext as _
from drf_spectacular.utils import OpenApiResponse, extend_schema
from rest_framework import serializers, status
from rest_framework.exceptions import ValidationError
from rest_framework.parsers import MultiPartParser
from rest_framework.response import Response
from rest_framework.settings import api_settings

from api.parsers import StrictJSONParser
from api.schema import answers
from api.workbench import BASE, PRIMARY, EditorsView, Text, _debate
from arguments.record.models import Claim, Source
from arguments.workbench.actions import (
    DatingRefused,
    TextWouldLoseQuotations,
    add_source,
    make_draft,
    make_draft_relation,
    set_source_text,
)
from arguments.workbench.forms import (
    ClaimForm,
    RelationForm,
    SourceForm,
    TextForm,
    not_found_message,
)
from arguments.workbench.models import DraftClaim, DraftRelation, SourceText, TextExtraction
from arguments.workbench.tasks import queue_extraction

# The forms' field names as the API calls them.
API_NAMES = {
    "pasted": "text",
    "upload": "file",
    "target_choice": "target",
    "__all__": api_settings.NON_FIELD_ERRORS_KEY,
}


def _refused_form(form) -> ValidationError:
    return ValidationError(
        {
            API_NAMES.get(name, name): [str(message) for message in messages]
            for name, messages in form.errors.items()
        }
    )


class Strict(serializers.Serializer):
    """A body with no field the call does not read: a misspelt field is an error, not
    silently ignored."""

    def to_internal_value(self, data):
        if isinstance(data, Mapping):
            unknown = sorted(str(name)[:50] for name in set(data) - set(self.fields))
            if unknown:
                raise ValidationError(
                    {
                        api_settings.NON_FIELD_ERRORS_KEY: [
                            f"Unknown field(s): {', '.join(unknown)}. "
                            f"Accepted: {', '.join(self.fields)}."
                        ]
                    }
                )
        return super().to_internal_value(data)


def _input(serializer_class, request) -> dict:
    serializer = serializer_class(data=request.data)
    serializer.is_valid(raise_exception=True)
    return serializer.validated_data


def _text_of(source: Source) -> SourceText | None:
    return SourceText.objects.using(PRIMARY).filter(source=source).first()


# Sources and their texts.


class NewSourceSerializer(Strict):
    title = Text()
    authors = serializers.ListField(
        child=serializers.SlugField(max_length=120),
        required=False,
        max_length=100,
        help_text="Participants' slugs.",
    )
    new_author = Text(required=False, allow_blank=True, help_text="Or a new author's name.")
    venue = Text(required=False, allow_blank=True)
    date = Text(
        required=False, allow_blank=True, help_text="2025, 2025-08 or 2025-08-14: as known."
    )
    date_qualifier = serializers.ChoiceField(
        choices=Source.Qualifier.choices, required=False, default=Source.Qualifier.EXACT
    )
    url = Text(required=False, allow_blank=True)
    language = Text(required=False, default="fr")
    text = Text(
        required=False,
        allow_blank=True,
        trim_whitespace=False,
        help_text="The full text, paragraphs separated by a blank line (or give it later).",
    )


class SourceWrittenSerializer(serializers.ModelSerializer):
    authors = serializers.SlugRelatedField(slug_field="slug", many=True, read_only=True)
    has_text = serializers.SerializerMethodField()

    class Meta:
        model = Source
        fields = [
            "slug",
            "title",
            "authors",
            "venue",
            "published",
            "date_precision",
            "date_qualifier",
            "url",
            "language",
            "has_text",
        ]
        read_only_fields = fields

    def get_has_text(self, source) -> bool:
        return SourceText.objects.using(PRIMARY).filter(source=source).exists()


class ApiSourceForm(SourceForm):
    text_required = False


class SourcesView(EditorsView):
    @extend_schema(
        summary="Add a source with its metadata, and its text if given (editors)",
        request=NewSourceSerializer,
        responses=answers({201: SourceWrittenSerializer}, 400, 403, 404, 429),
    )
    def post(self, request, debate_slug: str):
        debate = _debate(debate_slug)
        data = _input(NewSourceSerializer, request)
        form = ApiSourceForm(
            {
                **{name: value for name, value in data.items() if name != "text"},
                "pasted": data.get("text", ""),
            },
            debate=debate,
        )
        form.fields["authors"].to_field_name = "slug"
        if not form.is_valid():
            raise _refused_form(form)
        source = add_source(debate, request.user, form.cleaned_data)
        return Response(SourceWrittenSerializer(source).data, status=status.HTTP_201_CREATED)


class TextInputSerializer(Strict):
    text = Text(required=False, allow_blank=True, trim_whitespace=False)
    file = serializers.FileField(
        required=False, help_text=".txt, .html or .pdf, 5 MB at most (multipart/form-data)."
    )


class StoredTextSerializer(serializers.ModelSerializer):
    source = serializers.SlugRelatedField(slug_field="slug", read_only=True)

    class Meta:
        model = SourceText
        fields = ["source", "format", "sha256", "updated_at", "text"]
        read_only_fields = fields


class JobSerializer(serializers.ModelSerializer):
    source = serializers.SlugRelatedField(slug_field="slug", read_only=True)
    url = serializers.SerializerMethodField()

    class Meta:
        model = TextExtraction
        fields = [
            "id",
            "url",
            "source",
            "filename",
            "format",
            "status",
            "message",
            "lost",
            "created_at",
            "finished_at",
        ]
        read_only_fields = fields

    def get_url(self, job) -> str:
        return reverse("api:workbench_text_job", args=[job.source.debate.slug, job.pk])


def _source(debate_slug: str, source_slug: str) -> Source:
    return get_object_or_404(
        Source.objects.using(PRIMARY).select_related("debate"),
        debate__slug=debate_slug,
        slug=source_slug,
    )


class SourceTextView(EditorsView):
    parser_classes = [StrictJSONParser, MultiPartParser]

    @extend_schema(
        summary="A source's stored full text (editors: readers never get it)",
        responses=answers({200: StoredTextSerializer}, 403, 404),
    )
    def get(self, request, debate_slug: str, source_slug: str):
        source = _source(debate_slug, source_slug)
        stored = get_object_or_404(SourceText.objects.using(PRIMARY), source=source)
        return Response(StoredTextSerializer(stored).data)

    @extend_schema(
        summary="Give a source its text or replace it; an HTML or PDF file is queued (editors)",
        description=(
            "JSON `text`, or a multipart `file`: a .txt is stored at once, a .html or .pdf "
            "is read by the task worker (202, with the job to follow). A text that would "
            "lose a quotation of the record is refused, naming the claims and the closest "
            "passages."
        ),
        request={
            "application/json": TextInputSerializer,
            "multipart/form-data": TextInputSerializer,
        },
        responses=answers(
            {
                200: StoredTextSerializer,
                202: JobSerializer,
                400: OpenApiResponse(
                    description=(
                        "Invalid input: the errors by field; or `detail` and `lost`, the "
                        "claims whose quotations the new text would lose, each with "
                        "`claim`, `statement` and `message` (the closest passage)."
                    )
                ),
            },
            403,
            404,
            429,
        ),
    )
    def post(self, request, debate_slug: str, source_slug: str):
        source = _source(debate_slug, source_slug)
        data = _input(TextInputSerializer, request)
        files = {"upload": data["file"]} if data.get("file") else {}
        form = TextForm({"pasted": data.get("text", "")}, files)
        if not form.is_valid():
            raise _refused_form(form)
        if form.cleaned_data["queued"]:
            filename, format_name, content = form.cleaned_data["queued"]
            job = queue_extraction(source, request.user, filename, format_name, content)
            body = JobSerializer(job).data
            return Response(
                body, status=status.HTTP_202_ACCEPTED, headers={"Location": body["url"]}
            )
        try:
            stored = set_source_text(
                source, request.user, form.cleaned_data["text"], form.cleaned_data["format"]
            )
        except TextWouldLoseQuotations as refusal:
            raise ValidationError(
                {
                    "detail": _(
                        "The new text would lose quotations of the record: it is not stored."
                    ),
                    "lost": [
                        {
                            "claim": lost.claim.slug,
                            "statement": lost.claim.statement,
                            "message": not_found_message(lost.closest),
                        }
                        for lost in refusal.lost
                    ],
                }
            ) from refusal
        return Response(StoredTextSerializer(stored).data)


class TextJobView(EditorsView):
    @extend_schema(
        summary="An uploaded file being read by the task worker, then its outcome (editors)",
        responses=answers({200: JobSerializer}, 403, 404),
    )
    def get(self, request, debate_slug: str, job_id: int):
        job = get_object_or_404(
            TextExtraction.objects.using(PRIMARY).select_related("source__debate"),
            pk=job_id,
            source__debate__slug=debate_slug,
        )
        return Response(JobSerializer(job).data)


# Drafts.


class DraftClaimSerializer(serializers.ModelSerializer):
    source = serializers.SlugRelatedField(source="quoted_from", slug_field="slug", read_only=True)
    reported_from = serializers.SlugRelatedField(slug_field="slug", read_only=True)
    holder = serializers.SlugRelatedField(slug_field="slug", read_only=True)

    class Meta:
        model = DraftClaim
        fields = [
            "id",
            "source",
            "reported_from",
            "holder",
            "statement",
            "statement_en",
            "quotation",
            "section",
            "paragraph",
            "start",
            "end",
            "prefix",
            "suffix",
            "created_at",
        ]
        read_only_fields = fields


class DraftRelationSerializer(serializers.ModelSerializer):
    from_claim = serializers.SlugRelatedField(slug_field="slug", read_only=True)
    to_claim = serializers.SlugRelatedField(slug_field="slug", read_only=True)
    source = serializers.SlugRelatedField(slug_field="slug", read_only=True)

    class Meta:
        model = DraftRelation
        fields = [
            "id",
            "from_draft",
            "from_claim",
            "kind",
            "to_claim",
            "to_relation",
            "layer",
            "source",
            "passage",
            "justification",
            "justification_en",
            "created_at",
        ]
        read_only_fields = fields


class DraftsSerializer(serializers.Serializer):
    claims = DraftClaimSerializer(many=True)
    relations = DraftRelationSerializer(many=True)


class NewDraftClaimSerializer(Strict):
    source = serializers.SlugField(
        max_length=120, help_text="The source whose stored text the quotation is from."
    )
    holder = serializers.SlugField(max_length=120, help_text="A participant's slug.")
    reported_from = serializers.SlugField(
        max_length=120,
        required=False,
        help_text="Reported speech: the source where the holder said it.",
    )
    statement = Text()
    statement_en = Text()
    quotation = Text(help_text="Verbatim from the stored text; found there or refused.")
    section = Text(required=False, allow_blank=True)
    start = serializers.IntegerField(
        required=False,
        min_value=0,
        help_text="Offset in the stored text: chooses among the places it is said.",
    )
    end = serializers.IntegerField(required=False, min_value=0)
    prefix = Text(required=False, allow_blank=True, trim_whitespace=False)
    suffix = Text(required=False, allow_blank=True, trim_whitespace=False)


class NewDraftRelationSerializer(Strict):
    from_draft = serializers.IntegerField(
        required=False, min_value=1, help_text="One of your drafts' id, or `from_claim`."
    )
    from_claim = serializers.SlugField(
        max_length=120, required=False, help_text="A claim's slug, or `from_draft`."
    )
    kind = serializers.ChoiceField(choices=DraftRelation.Kind.choices)
    target = serializers.SlugField(
        max_length=120,
        required=False,
        help_text="The claim it bears on (for an undercut, the claim the relation goes to).",
    )
    undercut_relation = serializers.IntegerField(
        required=False, min_value=1, help_text="An undercut: the id of the relation undercut."
    )
    layer = serializers.ChoiceField(choices=DraftRelation.Layer.choices)
    passage = Text(
        required=False, allow_blank=True, help_text="The text's own argument: its passage."
    )
    justification = Text(
        required=False, allow_blank=True, help_text="An editors' link: why, in one line."
    )
    justification_en = Text(required=False, allow_blank=True)


def _drafts(debate, editor):
    claims = (
        DraftClaim.objects.using(PRIMARY)
        .filter(debate=debate, editor=editor)
        .select_related("quoted_from", "reported_from", "holder")
    )
    relations = (
        DraftRelation.objects.using(PRIMARY)
        .filter(debate=debate, editor=editor)
        .select_related("from_claim", "to_claim", "source")
    )
    return {"claims": claims, "relations": relations}


class DraftsView(EditorsView):
    @extend_schema(
        summary="Your draft claims and relations in this debate, oldest first (editors)",
        responses=answers({200: DraftsSerializer}, 403, 404),
    )
    def get(self, request, debate_slug: str):
        debate = _debate(debate_slug)
        return Response(DraftsSerializer(_drafts(debate, request.user)).data)


def _in_debate(rows, field: str, slug: str | None):
    if slug is None:
        return None
    found = rows.filter(slug=slug).first()
    if found is None:
        raise ValidationError({field: [f"No such {field} in this debate."]})
    return found


class DraftClaimsView(EditorsView):
    @extend_schema(
        summary="Make a draft claim from a source's stored text, its quotation checked (editors)",
        request=NewDraftClaimSerializer,
        responses=answers({201: DraftClaimSerializer}, 400, 403, 404, 429),
    )
    def post(self, request, debate_slug: str):
        debate = _debate(debate_slug)
        data = _input(NewDraftClaimSerializer, request)
        source = _in_debate(debate.sources.using(PRIMARY), "source", data["source"])
        stored = _text_of(source)
        if stored is None:
            message = _("This source has no stored text yet: add it to make claims from it.")
            raise ValidationError({"source": [message]})
        form = ClaimForm(
            {name: value for name, value in data.items() if name != "source"},
            source=source,
            text=stored.text,
        )
        form.fields["holder"].to_field_name = "slug"
        form.fields["reported_from"].to_field_name = "slug"
        if not form.is_valid():
            raise _refused_form(form)
        draft = make_draft(source, request.user, form.cleaned_data, form.match)
        return Response(DraftClaimSerializer(draft).data, status=status.HTTP_201_CREATED)


def _discard(model, request, debate_slug: str, pk: int) -> Response:
    """Delete one of the editor's own drafts (a claim takes its draft relations with it);
    another editor's, or another debate's, is not found."""
    get_object_or_404(
        model.objects.using(PRIMARY), pk=pk, debate__slug=debate_slug, editor=request.user
    ).delete()
    return Response(status=status.HTTP_204_NO_CONTENT)


class DraftClaimView(EditorsView):
    @extend_schema(
        summary="Discard one of your draft claims, and its draft relations (editors)",
        request=None,
        responses=answers({204: OpenApiResponse(description="Discarded.")}, 403, 404, 429),
    )
    def delete(self, request, debate_slug: str, pk: int):
        return _discard(DraftClaim, request, debate_slug, pk)


class DraftRelationsView(EditorsView):
    @extend_schema(
        summary="Draw a draft relation from a draft or a claim (editors)",
        description=(
            "The text's own argument names its passage, found in the stored text the "
            "starting claim quotes, and keeps the dating rule; an editors' link gives its "
            "one-line justification."
        ),
        request=NewDraftRelationSerializer,
        responses=answers({201: DraftRelationSerializer}, 400, 403, 404, 429),
    )
    def post(self, request, debate_slug: str):
        debate = _debate(debate_slug)
        data = _input(NewDraftRelationSerializer, request)
        if ("from_draft" in data) == ("from_claim" in data):
            raise ValidationError(
                {api_settings.NON_FIELD_ERRORS_KEY: ["Give from_draft or from_claim: one of them."]}
            )
        if "from_draft" in data:
            start = (
                DraftClaim.objects.using(PRIMARY)
                .select_related("quoted_from", "reported_from")
                .filter(pk=data["from_draft"], debate=debate, editor=request.user)
                .first()
            )
            if start is None:
                raise ValidationError({"from_draft": ["No such draft of yours in this debate."]})
            text_source = start.quoted_from
        else:
            start = _in_debate(
                Claim.objects.using(PRIMARY).filter(debate=debate).select_related("source", "via"),
                "from_claim",
                data["from_claim"],
            )
            text_source = start.via or start.source
        stored = _text_of(text_source) if text_source else None
        form = RelationForm(
            {
                "kind": data["kind"],
                "layer": data["layer"],
                "target_choice": data.get("target", ""),
                "undercut_relation": data.get("undercut_relation"),
                "passage": data.get("passage", ""),
                "justification": data.get("justification", ""),
                "justification_en": data.get("justification_en", ""),
            },
            debate=debate,
            start=start,
            source=text_source,
            text=stored.text if stored else None,
        )
        if not form.is_valid():
            raise _refused_form(form)
        try:
            draft = make_draft_relation(debate, request.user, form.cleaned_data["relation"])
        except DatingRefused as refusal:
            raise ValidationError({api_settings.NON_FIELD_ERRORS_KEY: [str(refusal)]}) from None
        return Response(DraftRelationSerializer(draft).data, status=status.HTTP_201_CREATED)


class DraftRelationView(EditorsView):
    @extend_schema(
        summary="Discard one of your draft relations (editors)",
        request=None,
        responses=answers({204: OpenApiResponse(description="Discarded.")}, 403, 404, 429),
    )
    def delete(self, request, debate_slug: str, pk: int):
        return _discard(DraftRelation, request, debate_slug, pk)


urlpatterns = [
    path(f"{BASE}sources/", SourcesView.as_view(), name="workbench_sources"),
    path(
        f"{BASE}sources/<slug:source_slug>/text/",
        SourceTextView.as_view(),
        name="workbench_source_text",
    ),
    path(f"{BASE}texts/jobs/<int:job_id>/", TextJobView.as_view(), name="workbench_text_job"),
    path(f"{BASE}drafts/", DraftsView.as_view(), name="workbench_drafts"),
    path(f"{BASE}drafts/claims/", DraftClaimsView.as_view(), name="workbench_draft_claims"),
    path(f"{BASE}drafts/claims/<int:pk>/", DraftClaimView.as_view(), name="workbench_draft_claim"),
    path(
        f"{BASE}drafts/relations/",
        DraftRelationsView.as_view(),
        name="workbench_draft_relations",
    ),
    path(
        f"{BASE}drafts/relations/<int:pk>/",
        DraftRelationView.as_view(),
        name="workbench_draft_relation",
    ),
]
