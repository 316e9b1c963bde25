"""Query parameters of the lists: by debate, participant, source, kind, words, proposals."""

from __future__ import annotations

import django_filters
from django import forms
from django.db.models import Q
from drf_spectacular.utils import extend_schema_field

from annotations.models import Annotation
from arguments.record.models import Claim, Layer, Participant, Relation, Source, Undercut

# Ids are 64-bit integers: a number beyond cannot name an object, and the database cannot
# take it (SQLite raises OverflowError), so it is refused as a 400 before the query.
LARGEST_ID = 2**63 - 1


@extend_schema_field(
    {"type": "integer", "format": "int64", "minimum": -LARGEST_ID - 1, "maximum": LARGEST_ID}
)
class IdFilter(django_filters.Filter):
    """A whole number: an object's id (1.5, x or 2**63 is a 400)."""

    field_class = forms.IntegerField

    def __init__(self, *args, **kwargs):
        super().__init__(*args, min_value=-LARGEST_ID - 1, max_value=LARGEST_ID, **kwargs)


def layer_filter() -> django_filters.ChoiceFilter:
    return django_filters.ChoiceFilter(
        choices=Layer.choices,
        help_text="text: the texts' own arguments; editors: the editors' links; readers: "
        "readers' proposals. All when left out.",
    )


PROPOSALS = [("only", "only readers' proposals"), ("exclude", "only the historical record")]
SEARCH_MAX_LENGTH = 200


class ParticipantFilter(django_filters.FilterSet):
    debate = django_filters.CharFilter(field_name="debate__slug", help_text="A debate's slug.")

    class Meta:
        model = Participant
        fields = ["debate", "kind"]


class SourceFilter(django_filters.FilterSet):
    debate = django_filters.CharFilter(field_name="debate__slug", help_text="A debate's slug.")
    author = django_filters.CharFilter(
        field_name="authors__slug", help_text="A participant's slug: the texts they wrote."
    )

    class Meta:
        model = Source
        fields = ["debate", "author"]


class ClaimFilter(django_filters.FilterSet):
    debate = django_filters.CharFilter(field_name="debate__slug", help_text="A debate's slug.")
    holder = django_filters.CharFilter(field_name="holder__slug", help_text="A participant's slug.")
    source = django_filters.CharFilter(
        method="quoted_in", help_text="A source's slug: claims stated or reported in it."
    )
    q = django_filters.CharFilter(
        method="search",
        max_length=SEARCH_MAX_LENGTH,
        help_text="Words that must all appear (full-text search on PostgreSQL).",
    )
    proposals = django_filters.ChoiceFilter(
        choices=PROPOSALS, method="proposals_only_or_not", help_text="Both when left out."
    )

    class Meta:
        model = Claim
        fields = ["debate", "holder", "source", "q", "proposals"]

    def quoted_in(self, claims, name, slug):
        return claims.filter(Q(source__slug=slug) | Q(via__slug=slug))

    def search(self, claims, name, text):
        return claims.search(text)

    def proposals_only_or_not(self, claims, name, value):
        return claims.filter(proposed_at__isnull=value == "exclude")


class RelationFilter(django_filters.FilterSet):
    debate = django_filters.CharFilter(field_name="debate__slug", help_text="A debate's slug.")
    kind = django_filters.ChoiceFilter(choices=Relation.Kind.choices)
    drawn_by = django_filters.CharFilter(
        field_name="drawn_by__slug", help_text="A participant's slug."
    )
    source = django_filters.CharFilter(field_name="source__slug", help_text="A source's slug.")
    claim = IdFilter(method="involving", help_text="A claim's id: the relations from or to it.")
    layer = layer_filter()
    proposals = django_filters.ChoiceFilter(
        choices=PROPOSALS,
        method="proposals_only_or_not",
        help_text="A relation from a proposed claim counts as a proposal. Both when left out.",
    )

    class Meta:
        model = Relation
        fields = ["debate", "kind", "drawn_by", "source", "claim", "layer", "proposals"]

    def involving(self, relations, name, claim_id):
        return relations.filter(Q(from_claim_id=claim_id) | Q(to_claim_id=claim_id))

    def proposals_only_or_not(self, relations, name, value):
        if value == "exclude":
            return relations.historical()
        return relations.filter(
            Q(proposed_at__isnull=False) | Q(from_claim__proposed_at__isnull=False)
        )


class UndercutFilter(django_filters.FilterSet):
    debate = django_filters.CharFilter(field_name="debate__slug", help_text="A debate's slug.")
    relation = IdFilter(field_name="relation_id", help_text="A relation's id.")
    layer = layer_filter()

    class Meta:
        model = Undercut
        fields = ["debate", "relation", "layer"]


class AnnotationFilter(django_filters.FilterSet):
    debate = django_filters.CharFilter(method="in_debate", help_text="A debate's slug.")
    # Ids as plain numbers: an unknown or unseen id gives an empty list, not a lookup.
    claim = IdFilter(field_name="claim_id", help_text="A claim's id.")
    relation = IdFilter(field_name="relation_id", help_text="A relation's id.")
    parent = IdFilter(field_name="parent_id", help_text="An annotation's id: its replies.")

    class Meta:
        model = Annotation
        fields = ["debate", "claim", "relation", "parent"]

    def in_debate(self, annotations, name, slug):
        return annotations.filter(Q(claim__debate__slug=slug) | Q(relation__debate__slug=slug))
