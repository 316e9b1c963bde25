"""The API's JSON: what each resource shows, and the checks on what readers send.

Writes are checked by the site's own forms (arguments/forms.py, annotations/forms.py), so
a rule is written once; the serializers only declare the fields for the schema.
"""

from __future__ import annotations

import copy

from django.core.exceptions import NON_FIELD_ERRORS
from django.core.exceptions import ValidationError as DjangoValidationError
from django.core.validators import ProhibitNullCharactersValidator
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import extend_schema_field
from rest_framework import serializers

from annotations.forms import VERSION_MAX, AnnotationForm, ReasonForm, ReplyForm
from annotations.models import Annotation, Flag
from arguments.interchange.formats import IMPORT_FORMATS
from arguments.proposals.forms import ARGUMENT_KINDS, ProposeArgumentForm, ProposeRelationForm
from arguments.record.fixture_format import PASSAGE_MAX_LENGTH
from arguments.record.models import (
    Answer,
    Claim,
    Debate,
    Layer,
    Participant,
    Question,
    Relation,
    Source,
    Undercut,
)
from arguments.workbench.actions import QuotationNotInText, check_claim_quotation

from .permissions import visible_annotations, visible_claims, visible_relations


def checked_by(form, rename: dict[str, str] | None = None) -> dict:
    """The form's cleaned data, or its errors as a 400 under the API's field names."""
    if form.is_valid():
        return form.cleaned_data
    rename = {"__all__": "non_field_errors", **(rename or {})}
    raise serializers.ValidationError(
        {rename.get(name, name): list(messages) for name, messages in form.errors.items()}
    )


def checked_model(instance) -> None:
    """The model's own validation (fields and constraints), as a 400 rather than a 500."""
    try:
        instance.full_clean()
    except DjangoValidationError as error:
        raise serializers.ValidationError(
            {
                "non_field_errors" if name == NON_FIELD_ERRORS else name: messages
                for name, messages in error.message_dict.items()
            }
        ) from error


HIDDEN = "Hidden by the moderators: nothing can be written on it until restored."


def refuse_hidden(item, field: str) -> None:
    """Moderators see what is hidden (others never get this far: for them it is missing),
    but nobody writes on it."""
    if item.is_hidden or item.debate.hidden_at:
        raise serializers.ValidationError({field: [HIDDEN]})


def current_user(serializer):
    return serializer.context["request"].user


class VisibleField(serializers.PrimaryKeyRelatedField):
    """An id among the objects the reader may see: another is answered as unknown."""

    def __init__(self, visible, **kwargs):
        self.visible = visible
        super().__init__(**kwargs)

    def get_queryset(self):
        return self.visible(current_user(self))


@extend_schema_field(OpenApiTypes.URI)
class PageUrlField(serializers.Field):
    """The object's page on the site, as an absolute URL."""

    def __init__(self, **kwargs):
        super().__init__(source="*", read_only=True, **kwargs)

    def to_representation(self, value) -> str:
        url = value.get_absolute_url()
        request = self.context.get("request")
        return request.build_absolute_uri(url) if request else url


class OptionalUrlField(serializers.URLField):
    """A URL, or null where there is none: the model stores a blank, which is not a URL."""

    def __init__(self, **kwargs):
        super().__init__(read_only=True, allow_null=True, **kwargs)

    def to_representation(self, value) -> str | None:
        return value or None


class ImportSerializer(serializers.Serializer):
    """For the schema: what an import sends (validated by the site's ImportForm)."""

    file = serializers.FileField()
    format = serializers.ChoiceField(
        choices=[f.name for f in IMPORT_FORMATS], required=False, help_text="default: guessed"
    )
    slug = serializers.SlugField(max_length=50, required=False)


class DebateSerializer(serializers.ModelSerializer):
    page_url = PageUrlField()

    class Meta:
        model = Debate
        fields = [
            "slug",
            "title",
            "title_en",
            "description",
            "description_en",
            "imported_from",
            "page_url",
        ]


class ParticipantRefSerializer(serializers.ModelSerializer):
    page_url = PageUrlField()

    class Meta:
        model = Participant
        fields = ["id", "slug", "name", "name_en", "page_url"]


class SourceRefSerializer(serializers.ModelSerializer):
    page_url = PageUrlField()

    class Meta:
        model = Source
        fields = ["id", "slug", "title", "title_en", "page_url"]


class ClaimRefSerializer(serializers.ModelSerializer):
    page_url = PageUrlField()

    class Meta:
        model = Claim
        fields = ["id", "slug", "statement", "page_url"]


class ParticipantSerializer(serializers.ModelSerializer):
    debate = serializers.SlugRelatedField(slug_field="slug", read_only=True)
    page_url = PageUrlField()

    class Meta:
        model = Participant
        fields = [
            "id",
            "slug",
            "debate",
            "name",
            "name_en",
            "kind",
            "description",
            "description_en",
            "page_url",
        ]


class SourceSerializer(serializers.ModelSerializer):
    debate = serializers.SlugRelatedField(slug_field="slug", read_only=True)
    authors = ParticipantRefSerializer(many=True, read_only=True)
    url = OptionalUrlField(help_text="Where the text can be read.")
    page_url = PageUrlField()

    class Meta:
        model = Source
        fields = [
            "id",
            "slug",
            "debate",
            "title",
            "title_en",
            "authors",
            "venue",
            "published",
            "date_precision",
            "date_qualifier",
            "url",
            "language",
            "page_url",
        ]


# A relation's or undercut's layer (text, editors, readers) and what vouches for it: the
# passage of the text that argues it, or the editors' justification. An editors' link is
# credited to the editors alone: its drawn_by and source are null.
LAYER_FIELDS = ["layer", "passage", "justification", "justification_en"]
LAYER_HELP = {
    "layer": "text: the text's own argument, credited to its author (drawn_by) and dated by "
    "its source; editors: the map makers' own link, credited to no participant, with its "
    "justification; readers: a reader's proposal.",
    "passage": "The text's words that make the relation (text layer).",
    "justification": "Why the editors draw the link (editors layer only).",
}

PROPOSAL_FIELDS = ["is_proposal", "proposed_by", "proposed_at", "hidden_at", "hidden_reason"]


class ProposableSerializer(serializers.ModelSerializer):
    """What claims and relations share: their debate, page, and whether a reader proposed them."""

    debate = serializers.SlugRelatedField(slug_field="slug", read_only=True)
    is_proposal = serializers.BooleanField(read_only=True)
    proposed_by = serializers.SlugRelatedField(
        slug_field="username", read_only=True, allow_null=True
    )
    page_url = PageUrlField()


class ClaimSerializer(ProposableSerializer):
    holder = ParticipantRefSerializer(read_only=True, allow_null=True)
    source = SourceRefSerializer(read_only=True, allow_null=True)
    via = SourceRefSerializer(read_only=True, allow_null=True)

    class Meta:
        model = Claim
        fields = [
            "id",
            "slug",
            "debate",
            "statement",
            "statement_en",
            "holder",
            "source",
            "via",
            "quotation",
            "excerpt",
            "title",
            "kind",
            "section",
            "paragraph",
            "position",
            "imported",
            *PROPOSAL_FIELDS,
            "page_url",
        ]


class RelationSerializer(ProposableSerializer):
    from_claim = ClaimRefSerializer(read_only=True)
    to_claim = ClaimRefSerializer(read_only=True)
    drawn_by = ParticipantRefSerializer(read_only=True, allow_null=True)
    source = SourceRefSerializer(read_only=True, allow_null=True)

    class Meta:
        model = Relation
        fields = [
            "id",
            "debate",
            "kind",
            "from_claim",
            "to_claim",
            "drawn_by",
            "source",
            *LAYER_FIELDS,
            *PROPOSAL_FIELDS,
            "page_url",
        ]
        extra_kwargs = {name: {"help_text": text} for name, text in LAYER_HELP.items()}


class UndercutSerializer(serializers.ModelSerializer):
    debate = serializers.SlugRelatedField(slug_field="slug", read_only=True)
    from_claim = ClaimRefSerializer(read_only=True)
    drawn_by = ParticipantRefSerializer(read_only=True, allow_null=True)
    source = SourceRefSerializer(read_only=True, allow_null=True)

    class Meta:
        model = Undercut
        fields = ["id", "debate", "from_claim", "relation", "drawn_by", "source", *LAYER_FIELDS]
        extra_kwargs = {name: {"help_text": text} for name, text in LAYER_HELP.items()}


class ReadBackMixin:
    """A write answered with the resource as the read endpoints show it."""

    read_serializer: type[serializers.Serializer]

    def to_representation(self, instance):
        return self.read_serializer(instance, context=self.context).data


READERS_ONLY = (
    "A reader's relation is a proposal, in the readers' layer: editors' links and the texts' "
    "own arguments are entered by the editors."
)


@extend_schema_field(
    {
        # A pattern, not an enum: drf-spectacular would name an enum "Layer", as the layers'.
        "type": "string",
        "pattern": f"^{Layer.READERS.value}$",
        "description": "Always readers (the default): editors' links and the texts' own "
        "arguments are entered by the editors.",
    }
)
class ReadersLayerField(serializers.CharField):
    """What a reader writes is a proposal, in the readers' layer: this field only lets a
    client say so, and refuses any other layer with the reason."""

    def __init__(self, **kwargs):
        super().__init__(required=False, **kwargs)

    def to_internal_value(self, data):
        value = super().to_internal_value(data)
        if value != Layer.READERS:
            raise serializers.ValidationError(READERS_ONLY)
        return value


class ProposeArgumentSerializer(ReadBackMixin, serializers.Serializer):
    """A reader's new claim supporting or objecting to `target`: a proposal."""

    read_serializer = ClaimSerializer

    target = VisibleField(
        visible_claims,
        queryset=Claim.objects.all(),
        help_text="The claim supported or objected to.",
    )
    kind = serializers.ChoiceField(choices=ARGUMENT_KINDS)
    statement = serializers.CharField(trim_whitespace=False, allow_blank=True)
    quotation = serializers.CharField(required=False, allow_blank=True, trim_whitespace=False)
    source = serializers.IntegerField(
        required=False, allow_null=True, help_text="The id of a source of the same debate."
    )
    layer = ReadersLayerField()

    def validate(self, attrs):
        target = attrs["target"]
        refuse_hidden(target, "target")
        form = ProposeArgumentForm(
            {name: attrs.get(name) or "" for name in ("kind", "statement", "quotation", "source")},
            debate=target.debate,
        )
        return {"target": target, **checked_by(form)}

    def create(self, validated_data):
        target = validated_data.pop("target")
        return target.propose_argument(current_user(self), **validated_data)


class ProposeRelationSerializer(ReadBackMixin, serializers.Serializer):
    """A reader's proposal that `from_claim` supports or objects to `to_claim`."""

    read_serializer = RelationSerializer

    from_claim = VisibleField(visible_claims, queryset=Claim.objects.all())
    to_claim = VisibleField(visible_claims, queryset=Claim.objects.all())
    kind = serializers.ChoiceField(choices=ARGUMENT_KINDS)
    layer = ReadersLayerField()

    def validate(self, attrs):
        claim, target = attrs["from_claim"], attrs["to_claim"]
        refuse_hidden(claim, "from_claim")
        refuse_hidden(target, "to_claim")
        # The form finds the target by slug within the claim's debate: a claim of another
        # debate must not be taken for a namesake.
        if target.debate_id != claim.debate_id:
            raise serializers.ValidationError({"to_claim": ["Not a claim of the same debate."]})
        form = ProposeRelationForm({"kind": attrs["kind"], "target": target.slug}, claim=claim)
        cleaned = checked_by(form, rename={"target": "to_claim"})
        return {"claim": claim, "kind": cleaned["kind"], "target": cleaned["target"]}

    def create(self, validated_data):
        claim = validated_data.pop("claim")
        return claim.propose_relation(current_user(self), **validated_data)


class DebateSlugField(serializers.SlugRelatedField):
    """An object of the edited object's debate, by slug (RecordEditMixin sets the queryset).
    A NUL character is refused before the lookup, as DRF's CharField does: PostgreSQL
    cannot compare text holding one, and would make it a 500."""

    def __init__(self, **kwargs):
        super().__init__(slug_field="slug", allow_null=True, required=False, **kwargs)

    def to_internal_value(self, data):
        if isinstance(data, str) and "\x00" in data:
            raise serializers.ValidationError(ProhibitNullCharactersValidator.message)
        return super().to_internal_value(data)


class RecordEditMixin(ReadBackMixin):
    """Staff corrections: related objects named by slug within the object's debate, and
    the model's constraints checked before saving."""

    debate_fields: dict[str, str] = {}  # field: the debate's related manager

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if self.instance is not None:
            for name, manager in self.debate_fields.items():
                self.fields[name].queryset = getattr(self.instance.debate, manager).all()

    def validate(self, attrs):
        changed = copy.copy(self.instance)
        for name, value in attrs.items():
            setattr(changed, name, value)
        checked_model(changed)
        return self.checked(changed, attrs)

    def checked(self, changed, attrs: dict) -> dict:
        return attrs


class ClaimEditSerializer(RecordEditMixin, serializers.ModelSerializer):
    read_serializer = ClaimSerializer
    debate_fields = {"holder": "participants", "source": "sources", "via": "sources"}

    def checked(self, changed: Claim, attrs: dict) -> dict:
        """The quotation must be in its source's stored text, when there is one (as in the
        workbench and the admin); found, the claim gets the checked mark."""
        try:
            check_claim_quotation(changed)
        except QuotationNotInText as refusal:
            raise serializers.ValidationError({"quotation": [refusal.message]}) from None
        marks = ("checked_against", "checked_at", "paragraph")
        return {**attrs, **{name: getattr(changed, name) for name in marks}}

    holder = DebateSlugField(queryset=Participant.objects.none())
    source = DebateSlugField(queryset=Source.objects.none())
    via = DebateSlugField(queryset=Source.objects.none())

    class Meta:
        model = Claim
        fields = [
            "statement",
            "statement_en",
            "holder",
            "source",
            "via",
            "quotation",
            "section",
            "paragraph",
            "position",
        ]


class RelationEditSerializer(RecordEditMixin, serializers.ModelSerializer):
    read_serializer = RelationSerializer
    debate_fields = {"drawn_by": "participants", "source": "sources"}

    drawn_by = DebateSlugField(queryset=Participant.objects.none())
    source = DebateSlugField(queryset=Source.objects.none())

    class Meta:
        model = Relation
        fields = ["kind", "drawn_by", "source", *LAYER_FIELDS]
        extra_kwargs = {
            **{name: {"help_text": text} for name, text in LAYER_HELP.items()},
            "passage": {"max_length": PASSAGE_MAX_LENGTH, "help_text": LAYER_HELP["passage"]},
        }


class ReasonSerializer(serializers.Serializer):
    """Why a reader flags, or a moderator hides, an annotation or a proposal."""

    reason = serializers.CharField(trim_whitespace=False, allow_blank=True)

    def validate(self, attrs):
        return checked_by(ReasonForm(attrs))


class AnnotationSerializer(serializers.ModelSerializer):
    """An annotation. A deleted one, or (except for moderators) a hidden one, keeps its
    place in its thread but shows no author, stance, tags nor text."""

    debate = serializers.SerializerMethodField()
    status = serializers.SerializerMethodField()
    author = serializers.SlugRelatedField(slug_field="username", read_only=True, allow_null=True)
    stance = serializers.ChoiceField(
        choices=Annotation.Stance.choices, read_only=True, allow_null=True
    )
    tags = serializers.ListField(child=serializers.CharField(), source="tag_list", read_only=True)
    body = serializers.CharField(read_only=True, allow_null=True, help_text="Markdown.")
    body_html = serializers.CharField(
        read_only=True, allow_null=True, help_text="The body rendered, and sanitised."
    )

    class Meta:
        model = Annotation
        fields = [
            "id",
            "debate",
            "claim",
            "relation",
            "parent",
            "status",
            "author",
            "stance",
            "tags",
            "body",
            "body_html",
            "created_at",
            "edited_at",
            "version",
            "hidden_reason",
        ]

    @extend_schema_field(OpenApiTypes.STR)
    def get_debate(self, annotation: Annotation) -> str:
        return annotation.target.debate.slug

    @extend_schema_field(serializers.ChoiceField(choices=["shown", "hidden", "deleted"]))
    def get_status(self, annotation: Annotation) -> str:
        if annotation.is_deleted:
            return "deleted"
        return "hidden" if annotation.is_hidden else "shown"

    def to_representation(self, annotation: Annotation):
        data = super().to_representation(annotation)
        if annotation.is_deleted or (annotation.is_hidden and not self.context.get("moderator")):
            data.update(author=None, stance=None, tags=[], body=None, body_html=None)
        return data


def tags_text(tags: list[str]) -> str:
    return " ".join(tags)


class AnnotationCreateSerializer(ReadBackMixin, serializers.Serializer):
    """A new annotation on a claim or a relation, or a reply to one (give exactly one of
    `claim`, `relation`, `parent`). A reply joins its thread and carries no tags."""

    read_serializer = AnnotationSerializer

    claim = VisibleField(visible_claims, queryset=Claim.objects.all(), required=False)
    relation = VisibleField(visible_relations, queryset=Relation.objects.all(), required=False)
    parent = VisibleField(visible_annotations, queryset=Annotation.objects.all(), required=False)
    stance = serializers.ChoiceField(choices=Annotation.Stance.choices, required=False)
    tags = serializers.ListField(child=serializers.CharField(), required=False)
    body = serializers.CharField(trim_whitespace=False, allow_blank=True)

    def validate(self, attrs):
        given = [name for name in ("claim", "relation", "parent") if name in attrs]
        if len(given) != 1:
            raise serializers.ValidationError(
                {"non_field_errors": ["Give exactly one of claim, relation and parent."]}
            )
        stance = attrs.get("stance") or Annotation.Stance.COMMENT
        if "parent" in attrs:
            parent = attrs["parent"]
            if parent.is_deleted:
                raise serializers.ValidationError({"parent": ["This annotation was deleted."]})
            if parent.is_hidden:
                raise serializers.ValidationError({"parent": [HIDDEN]})
            refuse_hidden(parent.target, "parent")
            if attrs.get("tags"):
                raise serializers.ValidationError({"tags": ["A reply carries no tags."]})
            cleaned = checked_by(ReplyForm({"body": attrs["body"]}))
            return {"parent": parent, "body": cleaned["body"], "stance": stance}
        refuse_hidden(attrs[given[0]], given[0])
        form = AnnotationForm(
            {"body": attrs["body"], "stance": stance, "tags": tags_text(attrs.get("tags", []))}
        )
        return {given[0]: attrs[given[0]], **checked_by(form)}

    def create(self, validated_data):
        author = current_user(self)
        if "parent" in validated_data:
            parent = validated_data.pop("parent")
            return parent.reply(author, **validated_data)
        return Annotation.objects.create(author=author, **validated_data)


class AnnotationEditSerializer(serializers.Serializer):
    """An edit by the author, made from `version`: refused with 409 if someone saved
    another version since. Fields left out keep their value."""

    version = serializers.IntegerField(
        min_value=1, max_value=VERSION_MAX, help_text="The version the edit was made from."
    )
    stance = serializers.ChoiceField(choices=Annotation.Stance.choices, required=False)
    tags = serializers.ListField(child=serializers.CharField(), required=False)
    body = serializers.CharField(trim_whitespace=False, allow_blank=True, required=False)

    def validate(self, attrs):
        annotation = self.instance
        form = AnnotationForm(
            {
                "body": attrs.get("body", annotation.body),
                "stance": attrs.get("stance", annotation.stance),
                "tags": tags_text(attrs["tags"]) if "tags" in attrs else annotation.tags,
            }
        )
        return {"based_on": attrs["version"], **checked_by(form)}


class FlagSerializer(serializers.ModelSerializer):
    class Meta:
        model = Flag
        fields = ["annotation", "reason", "created_at"]


class TokenSerializer(serializers.Serializer):
    token = serializers.CharField(read_only=True)


class ImportResultSerializer(serializers.Serializer):
    """For the schema: the new debate and what the importer kept in another form or left out."""

    debate = DebateSerializer()
    warnings = serializers.ListField(child=serializers.CharField())
    dating_warnings = serializers.ListField(
        child=serializers.CharField(),
        help_text="Relations credited to a text that came out before a claim they join was "
        "public, each named: imported all the same.",
    )


class AnswerSerializer(serializers.ModelSerializer):
    """A claim answering a question: the editors' few words, the claim's holder and its
    quotation (verbatim, in the language of the text it is quoted from)."""

    claim = serializers.SlugRelatedField(slug_field="slug", read_only=True)
    claim_url = serializers.SerializerMethodField()
    holder = serializers.SlugRelatedField(
        source="claim.holder", slug_field="slug", read_only=True, allow_null=True
    )
    holder_name = serializers.CharField(source="claim.holder.name", read_only=True, default="")
    holder_name_en = serializers.CharField(
        source="claim.holder.name_en",
        read_only=True,
        default="",
        help_text="The holder's name in English, where the name is a description of ours.",
    )
    quotation = serializers.CharField(source="claim.quotation", read_only=True)

    class Meta:
        model = Answer
        fields = [
            *("claim", "claim_url", "holder", "holder_name", "holder_name_en"),
            *("gist", "gist_en", "quotation"),
        ]
        extra_kwargs = {
            "gist": {"help_text": "The answer in a few words, the editors' (French)."},
            "gist_en": {"help_text": "The same in English."},
        }

    @extend_schema_field(OpenApiTypes.URI)
    def get_claim_url(self, answer) -> str:
        url = answer.claim.get_absolute_url()
        request = self.context.get("request")
        return request.build_absolute_uri(url) if request else url


EDITORS_FRAMING = (
    "Always editors: the questions are the editors' framing of the debate, not the words "
    "of any participant."
)


class QuestionSerializer(serializers.ModelSerializer):
    """One of the debate's questions, as the editors frame them, with the claims that
    answer it in the editors' order (a participant's first answer is the most central)."""

    debate = serializers.SlugRelatedField(slug_field="slug", read_only=True)
    framing = serializers.SerializerMethodField(help_text=EDITORS_FRAMING)
    answers = AnswerSerializer(many=True, read_only=True)
    page_url = PageUrlField()

    class Meta:
        model = Question
        fields = [
            "slug",
            "debate",
            "framing",
            "text",
            "text_en",
            "explanation",
            "explanation_en",
            "position",
            "answers",
            "page_url",
        ]

    def get_framing(self, question) -> str:
        return "editors"
