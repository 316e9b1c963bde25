"""The editors' workbench in the API: the proposals queue, accepting and declining, theses
attached to questions and detached, corrections log entries, and the editor's drafts
published. Editors only, as on the pages (a reader or a moderator gets 403, an anonymous
client 401); each action is the workbench's own function (one transaction, the history
naming the editor, the readers' caches told), its refusals answered 400 with `detail`.
Nothing here is cached: the answers name what readers do not see yet."""

from __future__ import annotations

from django.shortcuts import get_object_or_404
from django.urls import path
from drf_spectacular.utils import OpenApiResponse, extend_schema
from rest_framework import serializers, status
from rest_framework.exceptions import ValidationError
from rest_framework.permissions import BasePermission
from rest_framework.response import Response
from rest_framework.views import APIView

from api.permissions import WriteRateThrottle
from api.schema import answers
from arguments.record.models import Answer, Claim, Debate, Question, Relation
from arguments.workbench.access import is_editor
from arguments.workbench.actions import DraftsNotPublished, publish_drafts
from arguments.workbench.forms import not_found_message
from arguments.workbench.proposals import actions
from arguments.workbench.proposals.actions import LINE_MAX_LENGTH, REASON_MAX_LENGTH

PRIMARY = "default"


class IsEditor(BasePermission):
    message = "The editors' workbench is for editors only."

    def has_permission(self, request, view) -> bool:
        return is_editor(request.user)


# What goes in and comes out.


class Text(serializers.CharField):
    """Text, and only text: DRF's CharField would take a number and make it a string."""

    default_error_messages = {"not_text": "Expected text."}

    def to_internal_value(self, data):
        if not isinstance(data, str):
            self.fail("not_text")
        return super().to_internal_value(data)


class ProposedClaimSerializer(serializers.ModelSerializer):
    proposed_by = serializers.CharField(source="contributor_name", read_only=True)
    source = serializers.SlugRelatedField(slug_field="slug", read_only=True)
    holder = serializers.SlugRelatedField(slug_field="slug", read_only=True)

    class Meta:
        model = Claim
        fields = [
            "slug",
            "statement",
            "statement_en",
            "holder",
            "source",
            "quotation",
            "proposed_by",
            "proposed_at",
            "proposal_made_at",
            "accepted_at",
            "declined_at",
            "declined_reason",
            "checked_against",
        ]
        read_only_fields = fields


class ProposedRelationSerializer(serializers.ModelSerializer):
    proposed_by = serializers.CharField(source="contributor_name", read_only=True)
    from_claim = serializers.SlugRelatedField(slug_field="slug", read_only=True)
    to_claim = serializers.SlugRelatedField(slug_field="slug", read_only=True)
    drawn_by = serializers.SlugRelatedField(slug_field="slug", read_only=True)
    source = serializers.SlugRelatedField(slug_field="slug", read_only=True)

    class Meta:
        model = Relation
        fields = [
            "id",
            "from_claim",
            "to_claim",
            "kind",
            "layer",
            "justification",
            "justification_en",
            "drawn_by",
            "source",
            "passage",
            "proposed_by",
            "proposed_at",
            "proposal_made_at",
            "accepted_at",
            "declined_at",
            "declined_reason",
        ]
        read_only_fields = fields


class ProposalsQueueSerializer(serializers.Serializer):
    claims = ProposedClaimSerializer(many=True)
    relations = ProposedRelationSerializer(many=True)


class CorrectionReasonSerializer(serializers.Serializer):
    reason = Text(max_length=REASON_MAX_LENGTH)
    reason_en = Text(max_length=REASON_MAX_LENGTH, required=False, default="")


class AcceptClaimSerializer(serializers.Serializer):
    statement = Text(max_length=5000)
    statement_en = Text(max_length=5000, required=False, allow_blank=True)
    holder = serializers.SlugField(
        max_length=120, required=False, help_text="A participant's slug."
    )
    source = serializers.SlugField(max_length=120, required=False, help_text="A source's slug.")
    quotation = Text(
        max_length=300, required=False, allow_blank=True, help_text="Empty: the proposer's."
    )
    correction = CorrectionReasonSerializer(
        required=False, help_text="Given: a corrections log entry records the acceptance."
    )


class AcceptRelationSerializer(serializers.Serializer):
    kind = serializers.ChoiceField(choices=Relation.Kind.choices)
    justification = Text(max_length=LINE_MAX_LENGTH, required=False, allow_blank=True)
    justification_en = Text(max_length=LINE_MAX_LENGTH, required=False, allow_blank=True)
    text_source = serializers.SlugField(
        max_length=120,
        required=False,
        help_text="The slug of a source with its text stored, whose passage makes the argument.",
    )
    passage = Text(max_length=5000, required=False, allow_blank=True)
    correction = CorrectionReasonSerializer(required=False)


class DeclineSerializer(serializers.Serializer):
    reason = Text(max_length=REASON_MAX_LENGTH, help_text="Shown to the proposer.")


class ThesisSerializer(serializers.Serializer):
    claim = serializers.SlugField(max_length=120)
    gist = Text(max_length=200)
    gist_en = Text(max_length=200, required=False, allow_blank=True)
    position = serializers.IntegerField(read_only=True)


class CorrectionSerializer(serializers.Serializer):
    slug = serializers.SlugField(read_only=True)
    date = serializers.DateField(read_only=True)
    title = Text(max_length=LINE_MAX_LENGTH)
    title_en = Text(max_length=LINE_MAX_LENGTH, required=False, allow_blank=True)
    reason = Text(max_length=REASON_MAX_LENGTH, source="summary")
    reason_en = Text(
        max_length=REASON_MAX_LENGTH, required=False, allow_blank=True, source="summary_en"
    )


class PublishedSerializer(serializers.Serializer):
    published = serializers.ListField(child=serializers.SlugField(), help_text="Claims' slugs.")


# The views.


def _refused(refusal: actions.Refused) -> ValidationError:
    return ValidationError({"detail": refusal.message})


def _input(serializer_class, request):
    serializer = serializer_class(data=request.data)
    serializer.is_valid(raise_exception=True)
    return serializer.validated_data


def _debate(debate_slug: str) -> Debate:
    return get_object_or_404(Debate.objects.using(PRIMARY), slug=debate_slug)


def _one(queryset, field: str, slug):
    """The debate's object of this slug, or a 400 naming the field."""
    if slug in (None, ""):
        return None
    found = queryset.filter(slug=slug).first()
    if found is None:
        raise ValidationError({field: [f"No such {field} in this debate."]})
    return found


class EditorsView(APIView):
    permission_classes = [IsEditor]
    # Every write through the API counts against the writer's limit, editors' too.
    throttle_classes = [WriteRateThrottle]


class ProposalsQueueView(EditorsView):
    @extend_schema(
        summary="Readers' proposals not yet decided, oldest first (editors)",
        responses=answers({200: ProposalsQueueSerializer}, 403, 404),
    )
    def get(self, request, debate_slug: str):
        debate = _debate(debate_slug)
        data = {
            "claims": actions.pending_claims(debate).using(PRIMARY),
            "relations": actions.pending_relations(debate)
            .using(PRIMARY)
            .select_related("drawn_by", "source"),
        }
        return Response(ProposalsQueueSerializer(data).data)


def _log(request, debate, data, item) -> None:
    correction = data.get("correction")
    if correction:
        actions.add_correction(
            debate,
            request.user,
            title="Une proposition de lecteur acceptée au dossier",
            title_en="A reader's proposal accepted into the record",
            reason=correction["reason"],
            reason_en=correction.get("reason_en", ""),
            lines=[actions.accepted_line(item)],
        )


class AcceptClaimView(EditorsView):
    @extend_schema(
        summary="Accept a proposed claim into the record, edited if needed (editors)",
        request=AcceptClaimSerializer,
        responses=answers({200: ProposedClaimSerializer}, 400, 403, 404, 429),
    )
    def post(self, request, debate_slug: str, claim_slug: str):
        debate = _debate(debate_slug)
        claim = get_object_or_404(actions.pending_claims(debate).using(PRIMARY), slug=claim_slug)
        data = _input(AcceptClaimSerializer, request)
        holder = _one(debate.participants.using(PRIMARY), "holder", data.get("holder"))
        source = _one(debate.sources.using(PRIMARY), "source", data.get("source"))
        try:
            accepted = actions.accept_claim(
                claim,
                request.user,
                statement=data["statement"],
                statement_en=data.get("statement_en", ""),
                holder=holder,
                source=source,
                quotation=data.get("quotation", ""),
            )
            _log(request, debate, data, accepted)
        except actions.Refused as refusal:
            raise _refused(refusal) from refusal
        return Response(ProposedClaimSerializer(accepted).data)


class AcceptRelationView(EditorsView):
    @extend_schema(
        summary="Accept a proposed relation: an editors' link, or a text's own argument (editors)",
        request=AcceptRelationSerializer,
        responses=answers({200: ProposedRelationSerializer}, 400, 403, 404, 429),
    )
    def post(self, request, debate_slug: str, pk: int):
        debate = _debate(debate_slug)
        relation = get_object_or_404(actions.pending_relations(debate).using(PRIMARY), pk=pk)
        data = _input(AcceptRelationSerializer, request)
        text = _one(debate.sources.using(PRIMARY), "text_source", data.get("text_source"))
        try:
            accepted = actions.accept_relation(
                relation,
                request.user,
                kind=data["kind"],
                justification=data.get("justification", ""),
                justification_en=data.get("justification_en", ""),
                text_source=text,
                passage=data.get("passage", ""),
            )
            _log(request, debate, data, accepted)
        except actions.Refused as refusal:
            raise _refused(refusal) from refusal
        return Response(ProposedRelationSerializer(accepted).data)


def _decline(request, item, serializer_class):
    data = _input(DeclineSerializer, request)
    try:
        declined = actions.decline(item, request.user, data["reason"])
    except actions.Refused as refusal:
        raise _refused(refusal) from refusal
    return Response(serializer_class(declined).data)


class DeclineClaimView(EditorsView):
    @extend_schema(
        summary="Decline a proposed claim with a reason its proposer sees (editors)",
        request=DeclineSerializer,
        responses=answers({200: ProposedClaimSerializer}, 400, 403, 404, 429),
    )
    def post(self, request, debate_slug: str, claim_slug: str):
        debate = _debate(debate_slug)
        claim = get_object_or_404(actions.pending_claims(debate).using(PRIMARY), slug=claim_slug)
        return _decline(request, claim, ProposedClaimSerializer)


class DeclineRelationView(EditorsView):
    @extend_schema(
        summary="Decline a proposed relation with a reason its proposer sees (editors)",
        request=DeclineSerializer,
        responses=answers({200: ProposedRelationSerializer}, 400, 403, 404, 429),
    )
    def post(self, request, debate_slug: str, pk: int):
        debate = _debate(debate_slug)
        relation = get_object_or_404(actions.pending_relations(debate).using(PRIMARY), pk=pk)
        return _decline(request, relation, ProposedRelationSerializer)


class ThesesView(EditorsView):
    @extend_schema(
        summary="Attach a thesis of the record to a question, with its answer (editors)",
        request=ThesisSerializer,
        responses=answers({201: ThesisSerializer}, 400, 403, 404, 429),
    )
    def post(self, request, debate_slug: str, question_slug: str):
        question = get_object_or_404(
            Question.objects.using(PRIMARY), debate__slug=debate_slug, slug=question_slug
        )
        data = _input(ThesisSerializer, request)
        claim = _one(question.debate.claims.using(PRIMARY), "claim", data["claim"])
        try:
            answer = actions.attach_thesis(
                question, claim, request.user, data["gist"], data.get("gist_en", "")
            )
        except actions.Refused as refusal:
            raise _refused(refusal) from refusal
        body = {"claim": claim.slug, "gist": answer.gist, "gist_en": answer.gist_en}
        body["position"] = answer.position
        return Response(ThesisSerializer(body).data, status=status.HTTP_201_CREATED)


class ThesisView(EditorsView):
    @extend_schema(
        summary="Detach a thesis from a question (editors)",
        request=None,
        responses=answers({204: OpenApiResponse(description="Detached.")}, 403, 404, 429),
    )
    def delete(self, request, debate_slug: str, question_slug: str, claim_slug: str):
        answer = get_object_or_404(
            Answer.objects.using(PRIMARY),
            question__debate__slug=debate_slug,
            question__slug=question_slug,
            claim__slug=claim_slug,
        )
        actions.detach_thesis(answer)
        return Response(status=status.HTTP_204_NO_CONTENT)


class CorrectionsView(EditorsView):
    @extend_schema(
        summary="Add an entry to the corrections log (editors)",
        request=CorrectionSerializer,
        responses=answers({201: CorrectionSerializer}, 400, 403, 404, 429),
    )
    def post(self, request, debate_slug: str):
        debate = _debate(debate_slug)
        data = _input(CorrectionSerializer, request)
        try:
            entry = actions.add_correction(
                debate,
                request.user,
                title=data["title"],
                title_en=data.get("title_en", ""),
                reason=data["summary"],
                reason_en=data.get("summary_en", ""),
            )
        except actions.Refused as refusal:
            raise _refused(refusal) from refusal
        return Response(CorrectionSerializer(entry).data, status=status.HTTP_201_CREATED)


class PublishView(EditorsView):
    @extend_schema(
        summary="Publish the editor's drafts, their quotations checked again (editors)",
        request=None,
        responses=answers({200: PublishedSerializer}, 400, 403, 404, 429),
    )
    def post(self, request, debate_slug: str):
        debate = _debate(debate_slug)
        try:
            claims = publish_drafts(debate, request.user)
        except DraftsNotPublished as refusal:
            lost = {
                item.draft.statement[:200]: not_found_message(item.closest) for item in refusal.lost
            }
            raise ValidationError({"detail": "Nothing was published.", "drafts": lost}) from refusal
        # The draft relations are published with the claims; only claims have slugs.
        return Response({"published": [item.slug for item in claims if isinstance(item, Claim)]})


BASE = "debates/<slug:debate_slug>/workbench/"

urlpatterns = [
    path(f"{BASE}proposals/", ProposalsQueueView.as_view(), name="workbench_proposals"),
    path(
        f"{BASE}proposals/claims/<slug:claim_slug>/accept/",
        AcceptClaimView.as_view(),
        name="workbench_accept_claim",
    ),
    path(
        f"{BASE}proposals/claims/<slug:claim_slug>/decline/",
        DeclineClaimView.as_view(),
        name="workbench_decline_claim",
    ),
    path(
        f"{BASE}proposals/relations/<int:pk>/accept/",
        AcceptRelationView.as_view(),
        name="workbench_accept_relation",
    ),
    path(
        f"{BASE}proposals/relations/<int:pk>/decline/",
        DeclineRelationView.as_view(),
        name="workbench_decline_relation",
    ),
    path(
        f"{BASE}questions/<slug:question_slug>/theses/",
        ThesesView.as_view(),
        name="workbench_theses",
    ),
    path(
        f"{BASE}questions/<slug:question_slug>/theses/<slug:claim_slug>/",
        ThesisView.as_view(),
        name="workbench_thesis",
    ),
    path(f"{BASE}corrections/", CorrectionsView.as_view(), name="workbench_corrections"),
    path(f"{BASE}drafts/publish/", PublishView.as_view(), name="workbench_publish"),
]
