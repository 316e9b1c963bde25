"""The argument graph: debates, participants, sources, claims and the relations between them.

Participants are historical authors and collectives, never site users. Every claim is tied
to a short verbatim quotation in a dated, attributed source.
"""

from __future__ import annotations

import functools
from dataclasses import dataclass, field

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import IntegrityError, connections, models, router, transaction
from django.db.models import Count, Exists, F, OuterRef, Q, Subquery
from django.db.models.functions import Length
from django.urls import reverse
from django.utils import formats, timezone
from django.utils.translation import get_language, get_language_info
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from arguments.record.fields import CleanCharField, CleanTextField
from arguments.record.proposal_slugs import (
    first_free,
    proposal_slug_base,
    validate_record_claim_slug,
)
from arguments.record.slugs import validate_debate_slug
from arguments.search.index import Searchable, SearchableQuerySet, claim_hits
from arguments.search.text import query_terms

QUOTATION_MAX_LENGTH = 300
# Tries at a free address for a new proposal, when others take the same words meanwhile.
PROPOSAL_SLUG_ATTEMPTS = 5

# The moderators' permission (the annotations app declares it; a name, not an import): they
# hide readers' proposals and see what is hidden.
MODERATE = "annotations.moderate_annotation"


def in_english() -> bool:
    return (get_language() or settings.LANGUAGE_CODE).startswith("en")


def sees_hidden(user) -> bool:
    """Moderators see what is hidden (with a notice); everyone else never does."""
    return user.is_authenticated and user.has_perm(MODERATE)


def contributor_name(user, imported_author: str) -> str:
    if user is not None:
        return user.get_username()
    if imported_author:
        return _("%(name)s (named in an imported file)") % {"name": imported_author}
    return _("a deleted account")


class Proposable(models.Model):
    """What makes a claim or a relation a reader's proposal rather than the historical record,
    and lets moderators hide it with a reason. The record itself is never hidden: it is
    corrected, with its history, instead."""

    # Each concrete model adds `proposed_by`, the user (its related name differs).
    proposed_at = models.DateTimeField(_("proposed at"), null=True, blank=True)
    hidden_at = models.DateTimeField(_("hidden at"), null=True, blank=True)
    hidden_reason = CleanCharField(_("reason for hiding"), max_length=300, blank=True)
    # A name an imported file gave as the author: kept as a name, never matched to an account.
    imported_author = CleanCharField(
        _("author named in the imported file"), max_length=150, blank=True
    )
    # An editor's decision on a reader's proposal (arguments/workbench/proposals.py).
    # Accepted: it joins the record, so `proposed_at` is cleared (the record's constraints
    # and filters read it) and the reader's time is kept in `proposal_made_at`; `proposed_by`
    # stays, to credit them. Declined: it stays a proposal, with the reason the reader sees.
    proposal_made_at = models.DateTimeField(_("proposal made at"), null=True, blank=True)
    accepted_at = models.DateTimeField(_("accepted at"), null=True, blank=True)
    accepted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        related_name="+",
        null=True,
        blank=True,
        verbose_name=_("accepted by"),
    )
    declined_at = models.DateTimeField(_("declined at"), null=True, blank=True)
    declined_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        related_name="+",
        null=True,
        blank=True,
        verbose_name=_("declined by"),
    )
    declined_reason = CleanTextField(_("reason for declining"), max_length=2000, blank=True)

    class Meta:
        abstract = True

    @property
    def is_accepted(self) -> bool:
        return self.accepted_at is not None

    @property
    def is_declined(self) -> bool:
        return self.declined_at is not None

    @property
    def contributor_name(self) -> str:
        """Who contributed it, as readers see it: the account's name, the name an imported
        file gave (marked as such), or a deleted account."""
        return contributor_name(self.proposed_by, self.imported_author)

    @property
    def is_proposal(self) -> bool:
        return self.proposed_at is not None

    @property
    def is_hidden(self) -> bool:
        """Hidden itself or, for a relation, through a claim it joins."""
        ends = [getattr(self, name, None) for name in ("from_claim", "to_claim")]
        return self.hidden_at is not None or any(end and end.hidden_at for end in ends)

    @property
    def can_be_hidden(self) -> bool:
        """A proposal can be hidden, and so can anything of an imported debate, which no
        editor checked; the curated record is corrected instead."""
        return self.proposed_at is not None or self.debate.is_imported

    def hide(self, reason: str) -> None:
        if not self.can_be_hidden:
            raise ValueError("only proposals and imported items can be hidden")
        self.hidden_at, self.hidden_reason = timezone.now(), reason
        self.save(update_fields=["hidden_at", "hidden_reason"])

    def restore(self) -> None:
        self.hidden_at, self.hidden_reason = None, ""
        self.save(update_fields=["hidden_at", "hidden_reason"])


class Layer(models.TextChoices):
    """Who draws a relation or an undercut: three layers, never mixed. Labels shown by
    default count the texts' own arguments only."""

    TEXT = "text", _("the text's own argument")
    EDITORS = "editors", _("editors' link")
    READERS = "readers", _("reader's proposal")


class Layered(models.Model):
    """A relation's or undercut's layer, with what vouches for it: the passage of the text
    that argues it, or the editors' one-line justification."""

    layer = CleanCharField(_("drawn by"), max_length=10, choices=Layer, default=Layer.TEXT)
    passage = CleanTextField(_("passage that argues it"), blank=True)
    justification = CleanCharField(_("editors' justification"), max_length=300, blank=True)
    justification_en = CleanCharField(
        _("editors' justification (English)"), max_length=300, blank=True
    )

    class Meta:
        abstract = True

    @property
    def by_editors(self) -> bool:
        return self.layer == Layer.EDITORS

    @property
    def display_justification(self) -> str:
        english = in_english() and self.justification_en
        return self.justification_en if english else self.justification


def layer_constraints(prefix: str) -> list[models.BaseConstraint]:
    """An editors' link is credited to nobody but the editors, and always says why."""
    return [
        models.CheckConstraint(
            condition=Q(layer__in=[choice.value for choice in Layer]),
            name=f"{prefix}_known_layer",
        ),
        models.CheckConstraint(
            condition=~Q(layer=Layer.EDITORS)
            | (Q(drawn_by__isnull=True, source__isnull=True) & ~Q(justification="")),
            name=f"{prefix}_editors_link_justified",
        ),
    ]


class DebateQuerySet(models.QuerySet):
    def shown(self):
        """Without the debates moderators hid."""
        return self.filter(hidden_at__isnull=True)

    def listed(self):
        """What the lists offer readers: published and not hidden. An unpublished debate is
        unlisted, not secret: its address works, as its importer was told."""
        return self.shown().filter(published_at__isnull=False)

    def visible_to(self, user):
        """The debates whose pages answer `user`: moderators see hidden ones too."""
        return self if sees_hidden(user) else self.shown()


class InDebateQuerySet(models.QuerySet):
    """What belongs to a debate is out of sight with its debate."""

    def in_visible_debates(self, user):
        return self if sees_hidden(user) else self.filter(debate__hidden_at__isnull=True)


class Debate(models.Model):
    slug = models.SlugField(_("slug"), unique=True, validators=[validate_debate_slug])
    title = CleanCharField(_("title"), max_length=200)
    title_en = CleanCharField(_("title (English)"), max_length=200, blank=True)
    description = CleanTextField(_("description"), blank=True)
    description_en = CleanTextField(_("description (English)"), blank=True)
    imported_from = CleanCharField(
        _("imported from"),
        max_length=300,
        blank=True,
        help_text=_("The file and format this debate was imported from, if it was."),
    )
    # Unlisted (shown to its importer and moderators only) until a moderator publishes it.
    published_at = models.DateTimeField(_("published at"), null=True, blank=True)
    hidden_at = models.DateTimeField(_("hidden at"), null=True, blank=True)
    hidden_reason = CleanCharField(_("reason for hiding"), max_length=300, blank=True)

    objects = DebateQuerySet.as_manager()
    history = HistoricalRecords()

    class Meta:
        ordering = ["title"]
        verbose_name = _("debate")
        verbose_name_plural = _("debates")

    def __str__(self) -> str:
        return self.title

    def get_absolute_url(self) -> str:
        return reverse("arguments:debate", args=[self.slug])

    def revision(self) -> tuple:
        """The debate's record revision: a value that changes whenever anything the map, the
        standing and the outline are drawn from changes (the newest history entry of the
        debate, its participants, sources, claims, relations and undercuts). Readers'
        annotations are not in it: readers' pages are kept by generations in the shared
        cache (`record.generations`). One query."""
        return _revision(self.slug) or ()

    @property
    def display_title(self) -> str:
        return self.title_en if in_english() and self.title_en else self.title

    @property
    def is_imported(self) -> bool:
        """Brought in from a file by a reader: nobody among the editors checked it."""
        return bool(self.imported_from)

    @property
    def is_listed(self) -> bool:
        return self.published_at is not None and self.hidden_at is None

    def publish(self) -> None:
        """Listed from now on: a moderator read it (an imported debate starts unlisted)."""
        self.published_at = self.published_at or timezone.now()
        self.save(update_fields=["published_at"])

    def unpublish(self) -> None:
        self.published_at = None
        self.save(update_fields=["published_at"])

    def hide(self, reason: str) -> None:
        """Out of every list and page for readers, with the reason moderators give."""
        self.hidden_at, self.hidden_reason = timezone.now(), reason
        self.save(update_fields=["hidden_at", "hidden_reason"])

    def restore(self) -> None:
        self.hidden_at, self.hidden_reason = None, ""
        self.save(update_fields=["hidden_at", "hidden_reason"])

    @property
    def display_description(self) -> str:
        return self.description_en if in_english() and self.description_en else self.description


def _revision(slug: str) -> tuple | None:
    alias = router.db_for_read(Debate)
    with connections[alias].cursor() as cursor:
        cursor.execute(_revision_by_slug_sql(alias), [slug])
        row = cursor.fetchone()
    return tuple(row) if row is not None else None


@functools.cache
def _revision_by_slug_sql(alias: str) -> str:
    """The revision query's SQL, built once per database: building its subqueries cost more
    than running them."""
    columns = _record_columns()
    query = Debate.objects.using(alias).filter(slug="?").values_list(*columns)[:1]
    sql, params = query.query.sql_with_params()
    if params != ("?",):  # the slug must be the query's only parameter
        raise RuntimeError(f"unexpected parameters in the revision query: {params}")
    return sql


def _record_columns() -> list:
    """The newest history id of each table a map shows, for the debate of the outer query."""

    def newest(model, **lookup):
        entries = model.history.model.objects.filter(**lookup).order_by("-history_id")
        return Subquery(entries.values("history_id")[:1])

    debate = models.OuterRef("pk")
    return [
        newest(Debate, id=debate),
        newest(Participant, debate_id=debate),
        newest(Source, debate_id=debate),
        newest(Claim, debate_id=debate),
        newest(Relation, debate_id=debate),
        newest(Undercut, debate_id=debate),
    ]


class ParticipantQuerySet(SearchableQuerySet, InDebateQuerySet):
    def annotate_claim_counts(self):
        return self.annotate(claim_count=Count("claims")).order_by("-claim_count", "name")


class Participant(Searchable):
    class Kind(models.TextChoices):
        PERSON = "person", _("person")
        COLLECTIVE = "collective", _("collective")

    debate = models.ForeignKey(Debate, on_delete=models.CASCADE, related_name="participants")
    slug = models.SlugField(_("slug"))
    name = CleanCharField(_("name"), max_length=200)
    # Only where the name is ours, a description ("Divergences (texte non signé)"): a real
    # name stays as it is, in both languages.
    name_en = CleanCharField(
        _("name (English)"),
        max_length=200,
        blank=True,
        help_text=_("Only where the name is a description of ours: a real name stays as it is."),
    )
    kind = CleanCharField(_("kind"), max_length=20, choices=Kind, default=Kind.PERSON)
    description = CleanCharField(_("description"), max_length=400, blank=True)
    description_en = CleanCharField(_("description (English)"), max_length=400, blank=True)
    # Stems of the name (both languages), for search (arguments/search): computed on save,
    # never edited.
    search_text = models.TextField(editable=False, blank=True, default="")

    SEARCH_COLUMNS = {"search_text": ("name", "name_en")}

    objects = ParticipantQuerySet.as_manager()
    history = HistoricalRecords()

    class Meta:
        ordering = ["name"]
        verbose_name = _("participant")
        verbose_name_plural = _("participants")
        constraints = [
            models.UniqueConstraint(fields=["debate", "slug"], name="participant_unique_slug"),
        ]

    def __str__(self) -> str:
        return self.name

    def get_absolute_url(self) -> str:
        return reverse("arguments:participant", args=[self.debate.slug, self.slug])

    @property
    def display_name(self) -> str:
        """The name in the page's language: the English version of a descriptive name on
        English pages, the name itself otherwise."""
        return self.name_en if in_english() and self.name_en else self.name

    @property
    def display_description(self) -> str:
        return self.description_en if in_english() and self.description_en else self.description


class SourceQuerySet(SearchableQuerySet, InDebateQuerySet):
    def in_date_order(self):
        """Dated sources first, oldest first; undated ones after, by title."""
        return self.order_by(F("published").asc(nulls_last=True), "title")

    def timeline(self):
        return self.in_date_order().prefetch_related("authors")


class Source(Searchable):
    class Precision(models.TextChoices):
        DAY = "day", _("day")
        MONTH = "month", _("month")
        YEAR = "year", _("year")

    class Qualifier(models.TextChoices):
        EXACT = "exact", _("exact")
        CIRCA = "circa", _("approximate")
        AFTER = "after", _("written after")

    debate = models.ForeignKey(Debate, on_delete=models.CASCADE, related_name="sources")
    slug = models.SlugField(_("slug"))
    # Long enough for titles in other tools' files (a few thousand characters at most).
    title = CleanCharField(_("title"), max_length=2000)
    # Only where the title is ours (a bracketed description of an untitled text): the
    # title of a real work stays as it is, in its language, on every page.
    title_en = CleanCharField(
        _("title (English)"),
        max_length=400,
        blank=True,
        help_text=_(
            "Only where the title is ours, a description in brackets: a real title stays as it is."
        ),
    )
    authors = models.ManyToManyField(
        Participant, related_name="sources", blank=True, verbose_name=_("authors")
    )
    venue = CleanCharField(_("venue"), max_length=200, blank=True)
    published = models.DateField(_("publication date"), null=True, blank=True)
    date_precision = CleanCharField(
        _("date precision"), max_length=10, choices=Precision, default=Precision.DAY
    )
    # Empty when there is no date to qualify.
    date_qualifier = CleanCharField(
        _("date qualifier"), max_length=10, choices=Qualifier, default=Qualifier.EXACT, blank=True
    )
    # Real addresses run long (a 912-character one in a Kialo export).
    url = models.URLField(_("URL"), max_length=4000, blank=True)
    language = CleanCharField(_("language"), max_length=10, default="fr")
    # Stems of the title (both languages), for search (arguments/search): computed on save,
    # never edited.
    search_text = models.TextField(editable=False, blank=True, default="")

    SEARCH_COLUMNS = {"search_text": ("title", "title_en")}

    objects = SourceQuerySet.as_manager()
    history = HistoricalRecords()

    class Meta:
        ordering = ["published", "title"]
        verbose_name = _("source")
        verbose_name_plural = _("sources")
        constraints = [
            models.UniqueConstraint(fields=["debate", "slug"], name="source_unique_slug"),
        ]

    def __str__(self) -> str:
        return self.title

    def get_absolute_url(self) -> str:
        return reverse("arguments:source", args=[self.debate.slug, self.slug])

    @property
    def display_title(self) -> str:
        """The title in the page's language: our English description of an untitled text
        on English pages; a real title as it is."""
        return self.title_en if in_english() and self.title_en else self.title

    @property
    def display_title_language(self) -> str:
        """The language of `display_title`, for its `lang` attribute: a French title on an
        English page says it is French."""
        return "en" if in_english() and self.title_en else self.language

    @property
    def language_name(self) -> str:
        """The text's language in words, in the page's language ("French", « français »);
        a code Django does not know stays as it is."""
        try:
            return str(get_language_info(self.language)["name_translated"])
        except KeyError:
            return self.language

    @property
    def date_display(self) -> str:
        """The date as precisely as we know it, and no more precisely."""
        if self.published is None:
            return ""
        if self.date_precision == self.Precision.YEAR:
            text = str(self.published.year)
        elif self.date_precision == self.Precision.MONTH:
            text = formats.date_format(self.published, "YEAR_MONTH_FORMAT")
        else:
            text = formats.date_format(self.published, "DATE_FORMAT")
        if self.date_qualifier == self.Qualifier.CIRCA:
            return _("circa %(date)s") % {"date": text}
        if self.date_qualifier == self.Qualifier.AFTER:
            return _("after %(date)s") % {"date": text}
        return text


class ClaimQuerySet(SearchableQuerySet, InDebateQuerySet):
    def for_display(self):
        return self.select_related("holder", "source", "via", "debate", "proposed_by")

    def shown(self):
        return self.filter(hidden_at__isnull=True)

    def visible_to(self, user):
        """What `user` may read: moderators everything, others neither a hidden claim nor
        one of a hidden debate (answered as missing: same 404)."""
        return self if sees_hidden(user) else self.shown().in_visible_debates(user)

    def quoted_in(self, source: Source):
        """Claims stated in `source`, or reported there from elsewhere."""
        return self.filter(Q(source=source) | Q(via=source))

    def in_reading_order(self):
        return self.order_by("position", "pk")

    def theses(self):
        """Claims that support or attack nothing: the tops of the argument trees."""
        arguing = Relation.objects.filter(
            from_claim=models.OuterRef("pk"), kind__in=Relation.ARGUMENT_KINDS
        )
        undercutting = Undercut.objects.filter(from_claim=models.OuterRef("pk"))
        return self.exclude(models.Exists(arguing)).exclude(models.Exists(undercutting))

    def with_argument_counts(self):
        return self.annotate(
            support_count=Count(
                "incoming", filter=Q(incoming__kind=Relation.Kind.SUPPORT), distinct=True
            ),
            objection_count=Count(
                "incoming", filter=Q(incoming__kind=Relation.Kind.OBJECTION), distinct=True
            ),
        )

    def most_argued_first(self):
        """Needs with_argument_counts(): the most discussed claims lead."""
        return self.order_by((F("support_count") + F("objection_count")).desc(), "position")

    def search(self, text: str):
        """Claims with every word of `text` (accents, case and endings aside) in their
        statement, quotation, holder's name or source's title, best first."""
        return claim_hits(self, query_terms(text))


class Claim(Proposable, Searchable):
    class Kind(models.TextChoices):
        STATEMENT = "statement", _("statement")
        # A premise-conclusion argument from another tool (Argdown's <Argument>, AIF's RA
        # node): its statement is its description; the supports of its inference point to
        # it through Relation.argument.
        ARGUMENT = "argument", _("argument")

    debate = models.ForeignKey(Debate, on_delete=models.CASCADE, related_name="claims")
    slug = models.SlugField(_("slug"), max_length=120)
    statement = CleanTextField(_("statement"))
    statement_en = CleanTextField(_("statement (English)"), blank=True)
    holder = models.ForeignKey(
        Participant,
        on_delete=models.RESTRICT,
        related_name="claims",
        verbose_name=_("holder"),
        null=True,
        blank=True,
    )
    source = models.ForeignKey(
        Source,
        on_delete=models.RESTRICT,
        related_name="claims",
        verbose_name=_("source"),
        null=True,
        blank=True,
    )
    via = models.ForeignKey(
        Source,
        on_delete=models.RESTRICT,
        related_name="reported_claims",
        null=True,
        blank=True,
        verbose_name=_("quoted via"),
        help_text=_("The text that reports this position, when the quotation comes from it."),
    )
    quotation = CleanTextField(_("quotation"), max_length=QUOTATION_MAX_LENGTH, blank=True)
    # From another tool's file: the passage it gives, of any length, kept apart from the
    # short verbatim quotations of our record (which it is not: nobody here checked it).
    excerpt = CleanTextField(_("passage in the imported file"), blank=True)
    # The title a claim has in the file it came from (Argdown's [Title] or <Title>), as
    # written, so that exports give it back.
    title = CleanCharField(_("title"), max_length=400, blank=True)
    kind = CleanCharField(_("kind"), max_length=10, choices=Kind, default=Kind.STATEMENT)
    proposed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        related_name="proposed_claims",
        null=True,
        blank=True,
        verbose_name=_("proposed by"),
    )
    section = CleanCharField(_("section"), max_length=300, blank=True)
    paragraph = models.PositiveIntegerField(_("paragraph"), null=True, blank=True)
    position = models.PositiveIntegerField(_("reading order"), default=0)
    # Brought in from another tool's map (AIF, Argdown, Kialo): who holds it, where it was
    # stated and in what words may be unknown there.
    imported = models.BooleanField(_("imported"), default=False)
    # The "checked" mark: what the quotation was found verbatim in (a source's stored text
    # and its digest, or a seed text), and when; empty when nobody checked it.
    checked_against = CleanCharField(_("quotation checked against"), max_length=300, blank=True)
    checked_at = models.DateTimeField(_("quotation checked at"), null=True, blank=True)
    # Where the quotation is in its source's stored text (offsets of that text, end
    # exclusive), as the editor selected it or the check found it: the W3C export's
    # TextPositionSelector, and its prefix and suffix taken from the text there. Kept so a
    # passage said twice is the occurrence selected; empty when not located. For the
    # export only: readers' pages do not show it.
    quotation_start = models.PositiveIntegerField(
        _("quotation's start in the stored text"), null=True, blank=True, editable=False
    )
    quotation_end = models.PositiveIntegerField(
        _("quotation's end in the stored text"), null=True, blank=True, editable=False
    )
    # Stems of the statement (both languages) and of the quotation, for search
    # (arguments/search): computed on save, never edited; apart, so a word found in the
    # statement can rank above one found in the quotation.
    search_text = models.TextField(editable=False, blank=True, default="")
    search_quotation = models.TextField(editable=False, blank=True, default="")

    SEARCH_COLUMNS = {
        "search_text": ("statement", "statement_en"),
        "search_quotation": ("quotation",),
    }

    objects = ClaimQuerySet.as_manager()
    history = HistoricalRecords()

    class Meta:
        ordering = ["position", "pk"]
        verbose_name = _("claim")
        verbose_name_plural = _("claims")
        constraints = [
            models.UniqueConstraint(fields=["debate", "slug"], name="claim_unique_slug"),
            models.CheckConstraint(condition=~Q(statement=""), name="claim_statement_not_empty"),
            models.CheckConstraint(
                condition=Q(kind__in=["statement", "argument"]), name="claim_known_kind"
            ),
            models.CheckConstraint(
                condition=models.lookups.LessThanOrEqual(Length("quotation"), QUOTATION_MAX_LENGTH),
                name="claim_quotation_short",
            ),
            models.CheckConstraint(
                condition=~Q(via=F("source")), name="claim_via_differs_from_source"
            ),
            models.CheckConstraint(
                condition=Q(quotation_start__isnull=True, quotation_end__isnull=True)
                | Q(quotation_start__lt=F("quotation_end")),
                name="claim_quotation_position_ordered",
            ),
            # The historical record always has its holder, source and quotation; only a
            # contributed or imported claim may lack them.
            models.CheckConstraint(
                condition=Q(proposed_at__isnull=False)
                | Q(imported=True)
                | (Q(holder__isnull=False) & Q(source__isnull=False) & ~Q(quotation="")),
                name="claim_record_is_sourced",
            ),
            # An accepted proposal left the readers' side (its time kept apart); a declined
            # one stays a proposal and says why.
            models.CheckConstraint(
                condition=Q(accepted_at__isnull=True)
                | Q(proposed_at__isnull=True, proposal_made_at__isnull=False),
                name="claim_accepted_left_proposals",
            ),
            models.CheckConstraint(
                condition=Q(declined_at__isnull=True)
                | (Q(proposed_at__isnull=False, accepted_at__isnull=True) & ~Q(declined_reason="")),
                name="claim_declined_is_a_proposal_with_reason",
            ),
        ]

    def __str__(self) -> str:
        return self.statement

    def get_absolute_url(self) -> str:
        return reverse("arguments:claim", args=[self.debate.slug, self.slug])

    def clean(self) -> None:
        """The proposals' address prefix is theirs alone (the admin checks it; the fixtures
        and the importers keep to it too)."""
        super().clean()
        if not self.is_proposal and self.slug:
            try:
                validate_record_claim_slug(self.slug)
            except ValidationError as error:
                raise ValidationError({"slug": error}) from error

    @property
    def display_statement(self) -> str:
        return self.statement_en if in_english() and self.statement_en else self.statement

    def readdress(self, slug: str) -> None:
        """Move the claim to the address `slug` (saved by the caller), its present one kept
        as a former address so that links to it still lead here. A claim coming back to
        an address it had takes it back from its former ones."""
        if self.pk and self.slug and slug != self.slug:
            ClaimFormerSlug.objects.update_or_create(
                debate_id=self.debate_id, slug=self.slug, defaults={"claim": self}
            )
            ClaimFormerSlug.objects.filter(debate_id=self.debate_id, slug=slug).delete()
        self.slug = slug

    @property
    def summary(self) -> str:
        return self.display_statement

    @transaction.atomic
    def propose_argument(
        self, user, kind: str, statement: str, quotation: str = "", source: Source | None = None
    ) -> Claim:
        """A site user's new claim supporting or objecting to this one."""
        now = timezone.now()
        argument = self._new_proposal(
            statement=statement,
            quotation=quotation,
            source=source,
            proposed_by=user,
            proposed_at=now,
            position=10**6,
        )
        Relation.objects.create(
            debate=self.debate,
            from_claim=argument,
            to_claim=self,
            kind=kind,
            layer=Layer.READERS,
            proposed_by=user,
            proposed_at=now,
        )
        return argument

    def _new_proposal(self, statement: str, **fields) -> Claim:
        """A proposed claim in this one's debate, at an address made of its statement's
        words (`proposal_slugs`), numbered when taken. Two readers proposing the same words
        at once: the second takes the next number."""
        base = proposal_slug_base(statement)
        claims = Claim.objects.filter(debate_id=self.debate_id)
        # An address an accepted proposal left still leads to it: a new one goes elsewhere.
        former = ClaimFormerSlug.objects.filter(debate_id=self.debate_id, slug__startswith=base)
        taken = set(
            claims.filter(slug__startswith=base)
            .order_by()
            .values_list("slug", flat=True)
            .union(former.order_by().values_list("slug", flat=True))
        )
        for _attempt in range(PROPOSAL_SLUG_ATTEMPTS):
            slug = first_free(base, taken)
            try:
                with transaction.atomic():
                    return Claim.objects.create(
                        debate=self.debate, slug=slug, statement=statement, **fields
                    )
            except IntegrityError:
                if not claims.filter(slug=slug).exists():
                    raise  # another constraint than the address's
                taken.add(slug)
        raise IntegrityError(f"no free address for a proposal from {base!r}")

    def propose_relation(self, user, kind: str, target: Claim) -> Relation:
        """A site user's proposal that this claim supports or objects to `target`."""
        return Relation.objects.create(
            debate=self.debate,
            from_claim=self,
            to_claim=target,
            kind=kind,
            layer=Layer.READERS,
            proposed_by=user,
            proposed_at=timezone.now(),
        )

    @property
    def author_label(self) -> str:
        """Who stands behind the claim: its historical holder, or the site user proposing it."""
        if self.holder_id:
            return self.holder.display_name
        if self.imported:
            return str(_("unattributed"))  # a str, as promised: the citation's BibTeX needs one
        return _("proposed by %(name)s") % {"name": self.contributor_name}

    @property
    def checked_label(self) -> str:
        """The "checked" mark in words, for readers: what the quotation was found in."""
        if not self.checked_against:
            return ""
        if self.checked_against.startswith("seed "):
            return _("quotation checked: verbatim in the text as shipped with the map")
        return _("quotation checked: verbatim in the full text kept by the editors")

    @property
    def quoted_from(self) -> Source:
        """The text whose words the quotation reproduces."""
        return self.via or self.source

    @property
    def location(self) -> str:
        parts = []
        if self.section:
            parts.append(_("“%(section)s”") % {"section": self.section})
        if self.paragraph:
            parts.append(_("paragraph %(number)s") % {"number": self.paragraph})
        return ", ".join(str(part) for part in parts)


class ClaimFormerSlugQuerySet(models.QuerySet):
    def claim_for(self, user, debate_slug: str, slug: str) -> Claim | None:
        """The claim of `debate_slug` that was at the address `slug` and has left it, if
        `user` may see it: None when a claim is at that address now (the live claim wins,
        even one hidden from `user`), or when nothing was ever there."""
        live = Claim.objects.filter(debate__slug=debate_slug, slug=slug)
        former = self.filter(debate__slug=debate_slug, slug=slug).exclude(Exists(live))
        claims = Claim.objects.visible_to(user).filter(debate__slug=debate_slug)
        return claims.filter(Exists(former.filter(claim=OuterRef("pk")))).first()


class ClaimFormerSlug(models.Model):
    """An address a claim had and left (a reader's proposal accepted into the record takes
    an address of the record): its old links, shared before, lead to it still."""

    debate = models.ForeignKey(Debate, on_delete=models.CASCADE, related_name="+")
    slug = models.SlugField(_("former address"), max_length=120)
    claim = models.ForeignKey(Claim, on_delete=models.CASCADE, related_name="former_slugs")
    left_at = models.DateTimeField(_("left at"), default=timezone.now)

    objects = ClaimFormerSlugQuerySet.as_manager()

    class Meta:
        verbose_name = _("claim's former address")
        verbose_name_plural = _("claims' former addresses")
        constraints = [
            models.UniqueConstraint(fields=["debate", "slug"], name="claim_former_unique_slug"),
        ]

    def __str__(self) -> str:
        return self.slug


class RelationQuerySet(InDebateQuerySet):
    def for_display(self):
        return self.select_related(
            "from_claim__holder",
            "to_claim__holder",
            "from_claim__proposed_by",
            "to_claim__proposed_by",
            "drawn_by",
            "source",
            "debate",
            "proposed_by",
        )

    def arguments(self):
        return self.filter(kind__in=Relation.ARGUMENT_KINDS)

    def historical(self):
        """The record only: no contributed relation, no relation from a contributed claim."""
        return self.filter(proposed_at__isnull=True, from_claim__proposed_at__isnull=True)

    def shown(self):
        """Without what moderators hid: a hidden relation, or one from or to a hidden claim."""
        return self.filter(
            hidden_at__isnull=True,
            from_claim__hidden_at__isnull=True,
            to_claim__hidden_at__isnull=True,
        )

    def visible_to(self, user):
        """What `user` may read; see ClaimQuerySet.visible_to."""
        return self if sees_hidden(user) else self.shown().in_visible_debates(user)

    def objections(self):
        return self.filter(kind=Relation.Kind.OBJECTION)

    def involving(self, claim: Claim):
        return self.filter(Q(from_claim=claim) | Q(to_claim=claim))


class Relation(Proposable, Layered):
    class Kind(models.TextChoices):
        SUPPORT = "support", _("supports")
        OBJECTION = "objection", _("objects to")
        REPHRASE = "rephrase", _("restates")

    ARGUMENT_KINDS = (Kind.SUPPORT, Kind.OBJECTION)

    debate = models.ForeignKey(Debate, on_delete=models.CASCADE, related_name="relations")
    from_claim = models.ForeignKey(
        Claim, on_delete=models.CASCADE, related_name="outgoing", verbose_name=_("from claim")
    )
    to_claim = models.ForeignKey(
        Claim, on_delete=models.CASCADE, related_name="incoming", verbose_name=_("to claim")
    )
    kind = CleanCharField(_("kind"), max_length=20, choices=Kind)
    drawn_by = models.ForeignKey(
        Participant,
        on_delete=models.RESTRICT,
        related_name="relations_drawn",
        null=True,
        blank=True,
        verbose_name=_("drawn by"),
    )
    source = models.ForeignKey(
        Source,
        on_delete=models.RESTRICT,
        related_name="relations",
        null=True,
        blank=True,
        verbose_name=_("drawn in"),
    )
    # The argument (a claim of kind argument) whose inference this support is: its premises
    # support its conclusion together.
    argument = models.ForeignKey(
        Claim,
        on_delete=models.SET_NULL,
        related_name="inferences",
        null=True,
        blank=True,
        verbose_name=_("argument"),
    )
    proposed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        related_name="proposed_relations",
        null=True,
        blank=True,
        verbose_name=_("proposed by"),
    )

    objects = RelationQuerySet.as_manager()
    history = HistoricalRecords()

    class Meta:
        ordering = ["pk"]
        verbose_name = _("relation")
        verbose_name_plural = _("relations")
        constraints = [
            models.CheckConstraint(
                condition=~Q(from_claim=F("to_claim")), name="relation_not_reflexive"
            ),
            models.UniqueConstraint(
                fields=["from_claim", "to_claim", "kind"], name="relation_unique_kind"
            ),
            models.CheckConstraint(
                condition=Q(kind__in=["support", "objection", "rephrase"]),
                name="relation_known_kind",
            ),
            # An argument's inference is its premises supporting its conclusion.
            models.CheckConstraint(
                condition=Q(argument__isnull=True) | Q(kind="support"),
                name="relation_argument_is_support",
            ),
            *layer_constraints("relation"),
            models.CheckConstraint(
                condition=Q(layer=Layer.READERS, proposed_at__isnull=False)
                | (~Q(layer=Layer.READERS) & Q(proposed_at__isnull=True)),
                name="relation_readers_layer_is_proposed",
            ),
            # An accepted proposal left the readers' side (its time kept apart); a declined
            # one stays a proposal and says why.
            models.CheckConstraint(
                condition=Q(accepted_at__isnull=True)
                | Q(proposed_at__isnull=True, proposal_made_at__isnull=False),
                name="relation_accepted_left_proposals",
            ),
            models.CheckConstraint(
                condition=Q(declined_at__isnull=True)
                | (Q(proposed_at__isnull=False, accepted_at__isnull=True) & ~Q(declined_reason="")),
                name="relation_declined_is_a_proposal_with_reason",
            ),
        ]
        # Both ends in the relation's debate: enforced by triggers (migration 0002),
        # since a CHECK cannot look at another table.

    def __str__(self) -> str:
        return f"{self.from_claim_id} {self.kind} {self.to_claim_id}"

    def get_absolute_url(self) -> str:
        return reverse("arguments:relation", args=[self.debate.slug, self.pk])

    @property
    def summary(self) -> str:
        """The relation in words: “A” supports “B” (« A » supports « B » in French)."""
        return _("“%(from)s” %(kind)s “%(to)s”") % {
            "from": self.from_claim.display_statement,
            "kind": self.get_kind_display(),
            "to": self.to_claim.display_statement,
        }


class Undercut(Layered):
    """A claim objecting to a relation's inference rather than to its claims: granted A,
    it does not follow that A supports (or attacks) B."""

    debate = models.ForeignKey(Debate, on_delete=models.CASCADE, related_name="undercuts")
    from_claim = models.ForeignKey(
        Claim, on_delete=models.CASCADE, related_name="undercuts_made", verbose_name=_("claim")
    )
    relation = models.ForeignKey(
        Relation,
        on_delete=models.CASCADE,
        related_name="undercuts",
        verbose_name=_("relation undercut"),
    )
    drawn_by = models.ForeignKey(
        Participant,
        on_delete=models.RESTRICT,
        related_name="undercuts_drawn",
        null=True,
        blank=True,
        verbose_name=_("drawn by"),
    )
    source = models.ForeignKey(
        Source,
        on_delete=models.RESTRICT,
        related_name="undercuts",
        null=True,
        blank=True,
        verbose_name=_("drawn in"),
    )

    history = HistoricalRecords()

    class Meta:
        ordering = ["pk"]
        verbose_name = _("undercut")
        verbose_name_plural = _("undercuts")
        constraints = [
            models.UniqueConstraint(fields=["from_claim", "relation"], name="undercut_unique"),
            *layer_constraints("undercut"),
        ]
        # Claim, relation, participant and source in the undercut's debate: triggers
        # (migration 0010).

    def __str__(self) -> str:
        return f"{self.from_claim_id} undercuts {self.relation_id}"


@dataclass
class Branch:
    """One relation in an argument tree, with the arguments loaded under its claim."""

    relation: Relation
    children: list[Branch] = field(default_factory=list)

    @property
    def claim(self) -> Claim:
        return self.relation.from_claim


def argument_tree(claim: Claim, depth: int, with_proposals: bool = True) -> list[Branch]:
    """The supports and objections under `claim`, `depth` levels deep.

    One query per level whatever the size of the debate. A claim already on the path from
    the root is not expanded again, so cycles end. Each relation carries `argument_count`,
    the number of arguments under its claim, so a template can offer to expand a branch
    whose children were not loaded.
    """
    top: list[Branch] = []
    # claim id -> the places it occurs: (the list its arguments go into, the path to it)
    frontier: dict[int, list[tuple[list[Branch], frozenset[int]]]] = {
        claim.pk: [(top, frozenset({claim.pk}))]
    }
    for _level in range(depth):
        if not frontier:
            break
        relations = Relation.objects.arguments().shown()
        if not with_proposals:
            relations = relations.historical()
        relations = (
            relations.filter(to_claim_id__in=frontier.keys())
            .select_related(
                "from_claim__holder", "from_claim__source", "from_claim__proposed_by", "drawn_by"
            )
            .annotate(
                argument_count=Count(
                    "from_claim__incoming",
                    filter=Q(from_claim__incoming__kind__in=Relation.ARGUMENT_KINDS),
                )
            )
            .order_by("kind", "from_claim__position", "pk")
        )
        next_frontier: dict[int, list[tuple[list[Branch], frozenset[int]]]] = {}
        for relation in relations:
            for siblings, path in frontier[relation.to_claim_id]:
                branch = Branch(relation=relation)
                siblings.append(branch)
                if relation.argument_count and relation.from_claim_id not in path:
                    next_frontier.setdefault(relation.from_claim_id, []).append(
                        (branch.children, path | {relation.from_claim_id})
                    )
        frontier = next_frontier
    return top


def participants_by_weight(debate: Debate) -> list[Participant]:
    """The debate's participants, those holding most claims first: the order of the palette."""
    return list(debate.participants.annotate_claim_counts())


def neighbourhood(
    debate: Debate, focus: Claim | None, depth: int, with_proposals: bool = True
) -> tuple[list[Claim], list]:
    """Claims and relations of the map: the whole debate, or what lies within `depth`
    relations of `focus` in either direction. Three queries whatever the size."""
    relations = debate.relations.shown().filter(to_claim__hidden_at__isnull=True)
    if not with_proposals:
        relations = relations.historical()
    links = list(relations.values_list("from_claim_id", "to_claim_id", "kind"))
    claims = Claim.objects.filter(debate=debate).shown().select_related("holder", "proposed_by")
    if not with_proposals:
        claims = claims.filter(proposed_at__isnull=True)
    if focus is None:
        return list(claims), links
    neighbours: dict[int, set[int]] = {}
    for from_id, to_id, _kind in links:
        neighbours.setdefault(from_id, set()).add(to_id)
        neighbours.setdefault(to_id, set()).add(from_id)
    reached = {focus.pk}
    frontier = {focus.pk}
    for _level in range(depth):
        frontier = {n for c in frontier for n in neighbours.get(c, ())} - reached
        if not frontier:
            break
        reached |= frontier
    links = [link for link in links if link[0] in reached and link[1] in reached]
    return list(claims.filter(pk__in=reached)), links


class Correction(models.Model):
    """A dated entry of the public corrections log: changes to the record that change what a
    reader may have cited (a relation re-credited or removed, a statement reworded, a label
    that changes by default), each with its reason."""

    debate = models.ForeignKey(Debate, on_delete=models.CASCADE, related_name="corrections")
    slug = models.SlugField(_("slug"))
    date = models.DateField(_("date"))
    title = CleanCharField(_("title"), max_length=300)
    title_en = CleanCharField(_("title (English)"), max_length=300, blank=True)
    summary = CleanTextField(_("summary"), blank=True)
    summary_en = CleanTextField(_("summary (English)"), blank=True)

    class Meta:
        ordering = ["-date", "slug"]
        verbose_name = _("correction")
        verbose_name_plural = _("corrections")
        constraints = [
            models.UniqueConstraint(fields=["debate", "slug"], name="correction_unique_slug"),
        ]

    def __str__(self) -> str:
        return f"{self.date} {self.title}"

    @property
    def display_title(self) -> str:
        return self.title_en if in_english() and self.title_en else self.title

    @property
    def display_summary(self) -> str:
        return self.summary_en if in_english() and self.summary_en else self.summary


class CorrectionItem(models.Model):
    """One change in a correction. `item` names what changed in words, as it stood, so the
    entry still reads when the thing itself is gone; `claim` and `relation` link to what
    remains."""

    class What(models.TextChoices):
        RELATION = "relation", _("relation")
        CLAIM = "claim", _("claim")
        SOURCE = "source", _("source")
        PARTICIPANT = "participant", _("participant")
        LABEL = "label", _("label")

    correction = models.ForeignKey(Correction, on_delete=models.CASCADE, related_name="items")
    position = models.PositiveIntegerField(_("position"))
    what = CleanCharField(_("what"), max_length=20, choices=What)
    change = CleanCharField(_("change"), max_length=30)
    item = CleanCharField(_("item"), max_length=600)
    claim = models.ForeignKey(
        Claim, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    relation = models.ForeignKey(
        Relation, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    before = CleanTextField(_("before"), blank=True)
    after = CleanTextField(_("after"), blank=True)
    reason = CleanTextField(_("reason"))
    reason_en = CleanTextField(_("reason (English)"), blank=True)

    class Meta:
        ordering = ["correction", "position"]
        verbose_name = _("correction item")
        verbose_name_plural = _("correction items")

    def __str__(self) -> str:
        return f"{self.change}: {self.item}"

    @property
    def display_reason(self) -> str:
        return self.reason_en if in_english() and self.reason_en else self.reason


class QuestionQuerySet(models.QuerySet):
    def with_answers(self):
        """Questions in order, each with its answers, their claims and holders: two queries."""
        answers = Answer.objects.select_related("claim__holder", "claim__debate").order_by(
            "position", "pk"
        )
        return self.order_by("position", "pk").prefetch_related(
            models.Prefetch("answers", queryset=answers)
        )


class Question(models.Model):
    """One of the few questions a controversy argues over, as the editors frame it: their
    reading of the material, never a participant's words. Each answer attaches a claim of
    the record to the question it answers."""

    debate = models.ForeignKey(Debate, on_delete=models.CASCADE, related_name="questions")
    slug = models.SlugField(_("slug"))
    text = CleanCharField(_("question"), max_length=300)
    text_en = CleanCharField(_("question (English)"), max_length=300, blank=True)
    explanation = CleanTextField(_("editors' explanation"), blank=True)
    explanation_en = CleanTextField(_("editors' explanation (English)"), blank=True)
    position = models.PositiveIntegerField(_("position"), default=0)

    objects = QuestionQuerySet.as_manager()

    class Meta:
        ordering = ["position", "pk"]
        verbose_name = _("question")
        verbose_name_plural = _("questions")
        constraints = [
            models.UniqueConstraint(fields=["debate", "slug"], name="question_unique_slug"),
            models.CheckConstraint(condition=~Q(text=""), name="question_text_not_empty"),
        ]

    def __str__(self) -> str:
        return self.text

    def get_absolute_url(self) -> str:
        return reverse("arguments:questions", args=[self.debate.slug]) + f"#question-{self.slug}"

    @property
    def display_text(self) -> str:
        return self.text_en if in_english() and self.text_en else self.text

    @property
    def display_explanation(self) -> str:
        english = in_english() and self.explanation_en
        return self.explanation_en if english else self.explanation


class Answer(models.Model):
    """A claim as the answer to a question, with the editors' few words saying what it
    answers (a paraphrase of the claim's statement, nothing it does not say). A
    participant's first answer to a question is the one a table shows; the others follow."""

    question = models.ForeignKey(Question, on_delete=models.CASCADE, related_name="answers")
    claim = models.ForeignKey(
        Claim, on_delete=models.CASCADE, related_name="answers", verbose_name=_("claim")
    )
    gist = CleanCharField(_("answer in a few words"), max_length=200)
    gist_en = CleanCharField(_("answer in a few words (English)"), max_length=200, blank=True)
    position = models.PositiveIntegerField(_("position"), default=0)

    class Meta:
        ordering = ["position", "pk"]
        verbose_name = _("answer")
        verbose_name_plural = _("answers")
        constraints = [
            models.UniqueConstraint(fields=["question", "claim"], name="answer_unique_claim"),
            models.CheckConstraint(condition=~Q(gist=""), name="answer_gist_not_empty"),
        ]

    def __str__(self) -> str:
        return self.gist

    def clean(self) -> None:
        super().clean()
        both = self.question_id and self.claim_id
        if both and self.question.debate_id != self.claim.debate_id:
            raise ValidationError({"claim": _("The claim must belong to the question's debate.")})

    @property
    def display_gist(self) -> str:
        return self.gist_en if in_english() and self.gist_en else self.gist
