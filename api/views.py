"""The API's viewsets: each scopes its queryset to what the reader may see and hands
writes to the models' own methods (propose_argument, revise, hide…)."""

from __future__ import annotations

from django.db import IntegrityError, transaction
from django.db.models import F, Prefetch
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import (
    OpenApiParameter,
    OpenApiResponse,
    extend_schema,
    extend_schema_view,
)
from rest_framework import status, viewsets
from rest_framework.authtoken.views import ObtainAuthToken
from rest_framework.decorators import action
from rest_framework.exceptions import APIException, NotFound, ValidationError
from rest_framework.parsers import MultiPartParser
from rest_framework.permissions import IsAuthenticated
from rest_framework.response import Response

from annotations.models import Annotation
from arguments.interchange.formats import FORMATS
from arguments.interchange.forms import ImportForm
from arguments.interchange.store import debate_slug_taken
from arguments.interchange.views import download
from arguments.record import generations
from arguments.record.files import ImportProblems
from arguments.record.models import (
    Answer,
    Claim,
    Debate,
    Participant,
    Question,
    Relation,
    Source,
    Undercut,
)
from arguments.record.reader_cache import ReaderPage, on_record

from . import filters, serializers
from .caching import ANNOTATED, CachedReads
from .permissions import (
    AnnotationPermissions,
    ArgumentPermissions,
    SettingsRateThrottle,
    WriteRateThrottle,
    is_moderator,
    visible_annotations,
    visible_claims,
    visible_relations,
    visible_undercuts,
)
from .schema import answers


def ref(name: str, *labels: str) -> list[str]:
    """The columns a reference to a participant, source or claim shows (id, slug, `labels`,
    and its page's address, which needs its debate's slug)."""
    return [
        name,
        f"{name}__slug",
        *(f"{name}__{label}" for label in labels),
        f"{name}__debate__slug",
    ]


PROPOSAL_COLUMNS = ["proposed_at", "hidden_at", "hidden_reason", "proposed_by__username"]
LAYER_COLUMNS = ["layer", "passage", "justification", "justification_en"]


class ReadsOnlyShown:
    """Lists and details select only the columns their JSON shows (`shown_columns`): the
    joined debates' descriptions, participants' biographies… stay in the database. Writes
    load whole rows, which they save."""

    shown_columns: list[str] = []

    def filter_queryset(self, queryset):
        queryset = super().filter_queryset(queryset)
        if self.action in ("list", "retrieve") and self.shown_columns:
            queryset = queryset.only(*self.shown_columns)
        return queryset


class SlugTaken(APIException):
    """Another import took the address between the check and the write: a conflict, and
    the client may import again under another slug."""

    status_code = status.HTTP_409_CONFLICT
    default_code = "slug_taken"


def on_exported_debate(url_kwargs: dict) -> list[str]:
    """An export shows the debate's record and its readers' annotations."""
    return [generations.record(url_kwargs["slug"]), generations.readers(url_kwargs["slug"])]


EXPORT_PAGE = ReaderPage((on_exported_debate,))
TOO_MANY_EXPORTS = OpenApiResponse(
    description="Too many new files made for this client this minute: wait `Retry-After` "
    "seconds (files already made are served all the same)."
)

# Writes use POST, PATCH and DELETE; PUT (a whole replacement) is not offered.
NO_PUT = ["get", "post", "patch", "delete", "head", "options"]
# An export comes as its format's media type: a JSON document or a text.
EXPORTS = {
    (200, media): OpenApiTypes.OBJECT if "json" in media else OpenApiTypes.STR
    for media in sorted({format.content_type.split(";")[0] for format in FORMATS.values()})
}


class DebateViewSet(CachedReads, viewsets.ReadOnlyModelViewSet):
    """Debates, by slug; each can be downloaded in an interchange format, and a file
    imported as a new debate, by signed-in readers as on the site. The list has the
    published debates; an unpublished one answers by its slug; a hidden one is missing
    (for moderators, all are there)."""

    queryset = Debate.objects.order_by("title", "pk")
    serializer_class = serializers.DebateSerializer
    lookup_field = "slug"
    lookup_value_regex = r"[-\w]+"

    def get_queryset(self):
        debates = super().get_queryset().visible_to(self.request.user)
        if self.action == "list" and not is_moderator(self.request.user):
            debates = debates.listed()
        return debates

    @extend_schema(
        summary="The debate as a file",
        parameters=[
            OpenApiParameter("format_name", str, OpenApiParameter.PATH, enum=sorted(FORMATS))
        ],
        responses=answers({**EXPORTS, 429: TOO_MANY_EXPORTS}, 404),
    )
    @action(
        detail=True,
        methods=["get"],
        url_path=r"export/(?P<format_name>[a-z]+)",
        throttle_classes=[],
    )
    def export(self, request, slug=None, format_name=None):
        """For anyone, as on the site: what readers see (moderators get what is hidden too).
        Anonymous answers are kept by the readers' cache until the debate changes; making
        one counts against the client's bound on exports (429 past it)."""
        if format_name not in FORMATS:
            raise NotFound(f"no format {format_name!r}; formats: {', '.join(sorted(FORMATS))}")
        return download(request, self.get_object(), format_name)

    @classmethod
    def as_view(cls, actions=None, **initkwargs):
        view = super().as_view(actions, **initkwargs)
        if actions and actions.get("get") == "export":
            view.reader_page = EXPORT_PAGE  # the readers' cache looks for it on the view
        return view

    @extend_schema(
        summary="Import a file as a new debate",
        request={"multipart/form-data": serializers.ImportSerializer},
        responses=answers({201: serializers.ImportResultSerializer}, 400, 401, 409, 429),
    )
    @action(
        detail=False,
        methods=["post"],
        url_path="import",
        parser_classes=[MultiPartParser],
        permission_classes=[IsAuthenticated],
        throttle_classes=[WriteRateThrottle],
    )
    def import_file(self, request):
        form = ImportForm(request.data, request.FILES)
        if not form.is_valid():
            raise ValidationError(form.errors.get_json_data())
        try:
            with transaction.atomic():
                imported = form.import_debate(request.user)
        except ImportProblems as error:
            raise ValidationError({"problems": error.problems}) from error
        except IntegrityError as error:
            # Imports to one address at once: each found it free, the first one took it.
            if not debate_slug_taken(error):
                raise
            raise SlugTaken(
                "Another import took this debate's address meanwhile: import again "
                "(without a slug, a free one is chosen) or choose another slug."
            ) from error
        debate = serializers.DebateSerializer(imported.debate, context={"request": request})
        data = {"debate": debate.data, "warnings": imported.warnings}
        data["dating_warnings"] = imported.dating
        return Response(data, status=status.HTTP_201_CREATED)


class ParticipantViewSet(CachedReads, ReadsOnlyShown, viewsets.ReadOnlyModelViewSet):
    """Participants: the historical authors and collectives of the debates."""

    shown_columns = [
        *("slug", "name", "name_en", "kind", "description", "description_en", "debate__slug")
    ]
    queryset = Participant.objects.select_related("debate").order_by("debate_id", "name", "pk")
    serializer_class = serializers.ParticipantSerializer
    filterset_class = filters.ParticipantFilter

    def get_queryset(self):
        return super().get_queryset().in_visible_debates(self.request.user)


class SourceViewSet(CachedReads, ReadsOnlyShown, viewsets.ReadOnlyModelViewSet):
    """Sources: dated published texts, oldest first, undated ones last."""

    shown_columns = [
        *("slug", "title", "title_en", "venue", "published", "date_precision"),
        *("date_qualifier", "url", "language", "debate__slug"),
    ]
    queryset = (
        Source.objects.select_related("debate")
        .prefetch_related(
            Prefetch(
                "authors",
                queryset=Participant.objects.select_related("debate").only(
                    "slug", "name", "name_en", "debate__slug"
                ),
            )
        )
        .order_by("debate_id", F("published").asc(nulls_last=True), "title", "pk")
        .distinct()  # filtering by author joins the authors: one row per source still
    )
    serializer_class = serializers.SourceSerializer
    filterset_class = filters.SourceFilter

    def get_queryset(self):
        return super().get_queryset().in_visible_debates(self.request.user)


class ModerationMixin:
    """Actions `hide` (with a reason) and `restore`, for moderators."""

    proposals_only = True  # claims and relations: the record is corrected, never hidden

    def moderated_object(self):
        item = self.get_object()
        if self.proposals_only and not item.is_proposal:
            raise NotFound("Only readers' proposals are hidden; the record is corrected.")
        return item

    @action(detail=True, methods=["post"], throttle_classes=[])
    def hide(self, request, *args, **kwargs):
        item = self.moderated_object()
        reason = serializers.ReasonSerializer(data=request.data)
        reason.is_valid(raise_exception=True)
        self.hide_with(item, reason.validated_data["reason"])
        return Response(self.get_serializer(item).data)

    @action(detail=True, methods=["post"], throttle_classes=[])
    def restore(self, request, *args, **kwargs):
        item = self.moderated_object()
        item.restore()
        return Response(self.get_serializer(item).data)

    def hide_with(self, item, reason: str) -> None:
        item.hide(reason)


def moderation_schema(read_serializer, what: str) -> dict:
    return {
        "hide": extend_schema(
            summary=f"Hide {what} (moderators)",
            request=serializers.ReasonSerializer,
            responses=answers({200: read_serializer}, 400, 401, 403, 404),
        ),
        "restore": extend_schema(
            summary=f"Restore {what} (moderators)",
            request=None,
            responses=answers({200: read_serializer}, 401, 403, 404),
        ),
    }


def argument_schema(read_serializer, write_serializer, edit_serializer, name: str) -> dict:
    return {
        "create": extend_schema(
            summary=f"Propose a {name}",
            request=write_serializer,
            responses=answers({201: read_serializer}, 400, 401, 403, 429),
        ),
        "partial_update": extend_schema(
            summary=f"Correct a {name} (staff with the permission to change {name}s)",
            request=edit_serializer,
            responses=answers({200: read_serializer}, 400, 401, 403, 404, 429),
        ),
        "destroy": extend_schema(
            summary=f"Delete a {name} (staff with the permission to delete {name}s)",
            responses=answers({204: None}, 401, 403, 404, 429),
        ),
        **moderation_schema(read_serializer, f"a proposed {name}"),
    }


class ArgumentViewSet(ModerationMixin, viewsets.ModelViewSet):
    """What claims and relations share: proposals by readers, corrections by staff."""

    permission_classes = [ArgumentPermissions]
    throttle_classes = [WriteRateThrottle]
    http_method_names = NO_PUT
    write_serializer_classes: dict = {}

    def get_serializer_class(self):
        return self.write_serializer_classes.get(self.action, self.serializer_class)

    def perform_update(self, serializer):
        # The history names who edited; the history middleware does not know a token user.
        serializer.instance._history_user = self.request.user
        serializer.save()

    def perform_destroy(self, instance) -> None:
        instance._history_user = self.request.user
        instance.delete()


@extend_schema_view(
    list=extend_schema(summary="Claims, in reading order (by relevance with `q`)"),
    **argument_schema(
        serializers.ClaimSerializer,
        serializers.ProposeArgumentSerializer,
        serializers.ClaimEditSerializer,
        "claim",
    ),
)
class ClaimViewSet(CachedReads, ReadsOnlyShown, ArgumentViewSet):
    """Claims: the record's quoted positions, and readers' proposals. POST proposes a new
    claim that supports or objects to `target` (a claim and a relation are created)."""

    queryset = Claim.objects.all()
    serializer_class = serializers.ClaimSerializer
    write_serializer_classes = {
        "create": serializers.ProposeArgumentSerializer,
        "partial_update": serializers.ClaimEditSerializer,
    }
    filterset_class = filters.ClaimFilter
    shown_columns = [
        *("slug", "statement", "statement_en", "quotation", "excerpt", "section", "paragraph"),
        *("title", "kind"),
        *("position", "imported", "debate__slug", *PROPOSAL_COLUMNS),
        *ref("holder", "name", "name_en"),
        *ref("source", "title", "title_en"),
        *ref("via", "title", "title_en"),
    ]

    def get_queryset(self):
        return (
            visible_claims(self.request.user)
            .select_related(
                "debate", "holder__debate", "source__debate", "via__debate", "proposed_by"
            )
            .order_by("debate_id", "position", "pk")
        )


@extend_schema_view(
    **argument_schema(
        serializers.RelationSerializer,
        serializers.ProposeRelationSerializer,
        serializers.RelationEditSerializer,
        "relation",
    ),
)
class RelationViewSet(CachedReads, ReadsOnlyShown, ArgumentViewSet):
    """Relations: a claim supports, objects to or restates another."""

    queryset = Relation.objects.all()
    serializer_class = serializers.RelationSerializer
    write_serializer_classes = {
        "create": serializers.ProposeRelationSerializer,
        "partial_update": serializers.RelationEditSerializer,
    }
    filterset_class = filters.RelationFilter
    shown_columns = [
        *("kind", "debate__slug", *LAYER_COLUMNS, *PROPOSAL_COLUMNS),
        *ref("from_claim", "statement"),
        *ref("to_claim", "statement"),
        *ref("drawn_by", "name", "name_en"),
        *ref("source", "title", "title_en"),
    ]

    def get_queryset(self):
        return (
            visible_relations(self.request.user)
            .select_related(
                "debate",
                "from_claim__debate",
                "to_claim__debate",
                "drawn_by__debate",
                "source__debate",
                "proposed_by",
            )
            .order_by("debate_id", "pk")
        )


class UndercutViewSet(CachedReads, ReadsOnlyShown, viewsets.ReadOnlyModelViewSet):
    """Undercuts: a claim denying that a relation's inference holds."""

    queryset = Undercut.objects.all()
    serializer_class = serializers.UndercutSerializer
    filterset_class = filters.UndercutFilter
    shown_columns = [
        *("relation", "debate__slug", *LAYER_COLUMNS),
        *ref("from_claim", "statement"),
        *ref("drawn_by", "name", "name_en"),
        *ref("source", "title", "title_en"),
    ]

    def get_queryset(self):
        return (
            visible_undercuts(self.request.user)
            .select_related("debate", "from_claim__debate", "drawn_by__debate", "source__debate")
            .order_by("debate_id", "pk")
        )


DEBATE_SLUG = OpenApiParameter(
    "debate_slug", str, OpenApiParameter.PATH, description="The debate's slug."
)


@extend_schema_view(
    list=extend_schema(
        summary="A debate's questions, as the editors frame them, with their answers",
        parameters=[DEBATE_SLUG],
    ),
    retrieve=extend_schema(
        summary="One of a debate's questions, with its answers",
        parameters=[DEBATE_SLUG, OpenApiParameter("slug", str, OpenApiParameter.PATH)],
    ),
)
class QuestionViewSet(CachedReads, viewsets.ReadOnlyModelViewSet):
    """The few questions a debate argues over, written by the editors (their framing, not
    a participant's words), each with the claims answering it. Read-only: the questions
    are loaded with the debate's fixtures. Kept by the debate's record generation."""

    serializer_class = serializers.QuestionSerializer
    lookup_field = "slug"
    lookup_value_regex = r"[-\w]+"
    pagination_class = None  # a handful per debate
    reader_page = ReaderPage((on_record,), negotiated=True)
    queryset = Question.objects.none()  # for the schema; get_queryset scopes to the debate

    def get_queryset(self):
        debate = Debate.objects.visible_to(self.request.user).filter(
            slug=self.kwargs.get("debate_slug", "")
        )
        debate = debate.first()
        if debate is None:
            raise NotFound("No such debate, or one the reader may not see.")
        answers = (
            Answer.objects.filter(claim__hidden_at__isnull=True)
            .select_related("claim__holder", "claim__debate")
            .order_by("position", "pk")
        )
        return (
            debate.questions.select_related("debate")
            .prefetch_related(Prefetch("answers", queryset=answers))
            .order_by("position", "pk")
        )


@extend_schema_view(
    list=extend_schema(summary="Annotations, oldest first"),
    create=extend_schema(
        summary="Annotate a claim or a relation, or reply to an annotation",
        request=serializers.AnnotationCreateSerializer,
        responses=answers({201: serializers.AnnotationSerializer}, 400, 401, 403, 429),
    ),
    partial_update=extend_schema(
        summary="Edit one's annotation, from the version read",
        request=serializers.AnnotationEditSerializer,
        responses=answers({200: serializers.AnnotationSerializer}, 400, 401, 403, 404, 409, 429),
    ),
    destroy=extend_schema(
        summary="Delete one's annotation (it stays in its thread, marked deleted)",
        responses=answers({204: None}, 401, 403, 404, 429),
    ),
    flag=extend_schema(
        summary="Report an annotation to the moderators (once per reader)",
        request=serializers.ReasonSerializer,
        responses=answers({200: serializers.FlagSerializer}, 400, 401, 403, 404, 429),
    ),
    **moderation_schema(serializers.AnnotationSerializer, "an annotation"),
)
class AnnotationViewSet(CachedReads, ReadsOnlyShown, ModerationMixin, viewsets.ModelViewSet):
    """Readers' annotations on claims and relations, and their replies."""

    queryset = Annotation.objects.all()
    serializer_class = serializers.AnnotationSerializer
    permission_classes = [AnnotationPermissions]
    throttle_classes = [WriteRateThrottle]
    filterset_class = filters.AnnotationFilter
    http_method_names = NO_PUT
    reader_page = ANNOTATED
    shown_columns = [
        *("claim", "relation", "parent", "stance", "tags", "body", "body_html"),
        *("created_at", "edited_at", "version", "deleted_at", "hidden_at", "hidden_reason"),
        *("author__username", "claim__debate__slug", "relation__debate__slug"),
    ]
    proposals_only = False

    def get_queryset(self):
        return (
            visible_annotations(self.request.user)
            .select_related("author", "claim__debate", "relation__debate")
            .order_by("created_at", "pk")
        )

    def get_serializer_context(self):
        return {**super().get_serializer_context(), "moderator": is_moderator(self.request.user)}

    def get_serializer_class(self):
        if self.action == "create":
            return serializers.AnnotationCreateSerializer
        return self.serializer_class

    def partial_update(self, request, *args, **kwargs):
        annotation = self.get_object()
        serializers.refuse_hidden(annotation.target, "detail")
        edit = serializers.AnnotationEditSerializer(annotation, data=request.data)
        edit.is_valid(raise_exception=True)
        if not annotation.revise(**edit.validated_data):
            annotation.refresh_from_db()
            return Response(
                {
                    "detail": "Someone saved another version since: the current one is here.",
                    "current": self.get_serializer(annotation).data,
                },
                status=status.HTTP_409_CONFLICT,
            )
        return Response(self.get_serializer(annotation).data)

    def perform_destroy(self, annotation: Annotation) -> None:
        serializers.refuse_hidden(annotation.target, "detail")
        annotation.soft_delete()

    @action(detail=True, methods=["post"])
    def flag(self, request, *args, **kwargs):
        annotation = self.get_object()
        if annotation.is_hidden or annotation.is_deleted:
            raise ValidationError(
                {"detail": "This annotation is no longer shown: there is nothing to flag."}
            )
        reason = serializers.ReasonSerializer(data=request.data)
        reason.is_valid(raise_exception=True)
        flag = annotation.flag(request.user, reason.validated_data["reason"])
        return Response(serializers.FlagSerializer(flag).data)

    def hide_with(self, annotation: Annotation, reason: str) -> None:
        annotation.hide(self.request.user, reason)


@extend_schema(
    summary="Exchange a username and password for a token",
    description="Send the token after in a header: `Authorization: Token <token>`.",
    responses=answers({200: serializers.TokenSerializer}, 400, 429),
)
class TokenView(ObtainAuthToken):
    """A user's API token (the same one every time), for their username and password."""

    throttle_classes = [SettingsRateThrottle]
    throttle_scope = "token"  # guesses at passwords are slowed down
