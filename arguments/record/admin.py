"""Everything editable in the Django admin."""

from django import forms
from django.contrib import admin
from django.db import models

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


@admin.register(Debate)
class DebateAdmin(admin.ModelAdmin):
    list_display = ["title", "slug"]
    prepopulated_fields = {"slug": ["title"]}

    # A debate's address never changes once made: links cited elsewhere keep working, and
    # the readers' cache knows a debate by its slug (`record.invalidation`).
    def get_readonly_fields(self, request, obj=None):
        return ["slug"] if obj is not None else []

    def get_prepopulated_fields(self, request, obj=None):
        return self.prepopulated_fields if obj is None else {}


@admin.register(Participant)
class ParticipantAdmin(admin.ModelAdmin):
    list_display = ["name", "kind", "debate"]
    list_filter = ["debate", "kind"]
    search_fields = ["name", "name_en", "description"]


@admin.register(Source)
class SourceAdmin(admin.ModelAdmin):
    list_display = ["title", "venue", "published", "date_precision", "date_qualifier"]
    list_filter = ["debate", "language"]
    search_fields = ["title", "title_en", "venue"]
    filter_horizontal = ["authors"]
    formfield_overrides = {
        models.URLField: {"form_class": forms.URLField, "assume_scheme": "https"}
    }


class OutgoingInline(admin.TabularInline):
    model = Relation
    fk_name = "from_claim"
    extra = 0
    raw_id_fields = ["to_claim"]
    autocomplete_fields = ["drawn_by", "source"]


@admin.register(Claim)
class ClaimAdmin(admin.ModelAdmin):
    list_display = ["slug", "holder", "source", "position"]
    list_filter = ["debate", "holder", "source"]
    search_fields = ["slug", "statement", "statement_en", "quotation"]
    list_select_related = ["holder", "source"]
    autocomplete_fields = ["holder", "source", "via"]
    inlines = [OutgoingInline]

    def save_model(self, request, obj, form, change):
        if change and "slug" in form.changed_data:  # links to the old address keep working
            new_slug, obj.slug = obj.slug, form.initial["slug"]
            obj.readdress(new_slug)
        super().save_model(request, obj, form, change)


@admin.register(Relation)
class RelationAdmin(admin.ModelAdmin):
    list_display = ["from_claim", "kind", "to_claim", "drawn_by", "source"]
    list_filter = ["debate", "kind", "drawn_by"]
    list_select_related = ["from_claim", "to_claim", "drawn_by", "source"]
    raw_id_fields = ["from_claim", "to_claim"]
    autocomplete_fields = ["drawn_by", "source"]


@admin.register(Undercut)
class UndercutAdmin(admin.ModelAdmin):
    list_display = ["from_claim", "relation", "drawn_by", "source"]
    list_filter = ["debate"]
    raw_id_fields = ["from_claim", "relation"]
    autocomplete_fields = ["drawn_by", "source"]


class AnswerInline(admin.TabularInline):
    model = Answer
    extra = 0
    raw_id_fields = ["claim"]


@admin.register(Question)
class QuestionAdmin(admin.ModelAdmin):
    """The editors' framing of a debate: its questions and the claims answering them."""

    list_display = ["text", "debate", "position"]
    list_filter = ["debate"]
    search_fields = ["slug", "text", "text_en"]
    inlines = [AnswerInline]
