"""The stored stems and the queries over them, the same on SQLite and PostgreSQL.

Each searchable model names its search columns and the fields each is made of
(`SEARCH_COLUMNS`); the columns are filled in Python wherever rows are written: `save()`
(Searchable), `bulk_create` (SearchableQuerySet) and `insert_rows` (row_with_stems). A query
then reads only the stored stems (HasStems, `LIKE '% stem%'`): no text is turned into a
vector per query."""

from __future__ import annotations

from functools import partial

from django.db import models
from django.db.models import Case, IntegerField, Q, Value, When

from arguments.search.text import pattern, stored


def stems_of(model, values) -> dict[str, str]:
    """{search column: stored stems} for a row, `values(field name)` reading its fields."""
    return {
        column: stored(*(values(name) or "" for name in fields))
        for column, fields in model.SEARCH_COLUMNS.items()
    }


class Searchable(models.Model):
    """A model whose search columns are kept up to date on every save."""

    SEARCH_COLUMNS: dict[str, tuple[str, ...]] = {}

    class Meta:
        abstract = True

    def save(self, *args, update_fields=None, **kwargs):
        for column, value in stems_of(type(self), partial(getattr, self)).items():
            setattr(self, column, value)
            fields = type(self).SEARCH_COLUMNS[column]
            if update_fields is not None and set(fields) & set(update_fields):
                update_fields = [*update_fields, column]
        super().save(*args, update_fields=update_fields, **kwargs)


class SearchableQuerySet(models.QuerySet):
    def bulk_create(self, objs, *args, **kwargs):
        """bulk_create skips save(): the stems are computed here instead."""
        objs = list(objs)
        for obj in objs:
            for column, value in stems_of(self.model, partial(getattr, obj)).items():
                setattr(obj, column, value)
        return super().bulk_create(objs, *args, **kwargs)

    def matching(self, terms, column: str = "search_text"):
        """Rows whose `column` has every term (each by any of its stems)."""
        return self.filter(*(has(column, term) for term in terms)) if terms else self.none()


def restem(model, batch_size: int = 500) -> int:
    """Store the stems of every row of `model` again (after the stemming rules changed:
    `manage.py restem`). Returns how many rows."""
    fields = {field for fields in model.SEARCH_COLUMNS.values() for field in fields}
    rows = list(model.objects.only("pk", *fields))
    for row in rows:
        for column, value in stems_of(model, partial(getattr, row)).items():
            setattr(row, column, value)
    model.objects.bulk_update(rows, list(model.SEARCH_COLUMNS), batch_size=batch_size)
    return len(rows)


def row_with_stems(model, row: dict) -> dict:
    """A row for insert_rows with its search columns filled, unless given."""
    columns = getattr(model, "SEARCH_COLUMNS", None)
    if not columns or set(columns) <= set(row):
        return row
    return {**stems_of(model, row.get), **row}


def has(column: str, term: tuple[str, ...]) -> Q:
    """`column` has one of the term's stems (at the beginning of a stored stem)."""
    return Q(**{f"{column}__stems": term})


@models.TextField.register_lookup
class HasStems(models.Lookup):
    """`column__stems=term`: the stored stems in `column` hold one of the term's stems, by
    its beginning (whole, if shorter than PREFIX_FROM): LIKE over " stem1 stem2 ", the same
    SQL on SQLite and PostgreSQL. (A tsvector of the stems with a GIN index was tried on
    PostgreSQL: its planner preferred reading every row, turning each into a vector again,
    several times slower than this.) The stems are letters and digits only (text.WORD),
    so no LIKE wildcard is in them; they are passed as parameters all the same."""

    lookup_name = "stems"
    prepare_rhs = False

    def as_sql(self, compiler, connection):
        lhs, params = self.process_lhs(compiler, connection)
        stems = list(self.rhs)
        like = " OR ".join(f"{lhs} LIKE %s" for _ in stems)
        return f"({like})", [value for stem in stems for value in (*params, f"%{pattern(stem)}%")]


# A word found in a statement counts more than in a quotation; one found only in the
# holder's name counts least, though it is a hit. (A source's title is not searched in its
# claims: a title word would bring every claim of the text, burying the claims that say it.)
IN_STATEMENT, IN_QUOTATION = 3, 1


def claim_hits(claims, terms):
    """Claims where each term is in the statement (French or English), the quotation or the
    holder's name, best first: statement hits before quotation hits,
    more words matched in the claim's own text first, then reading order."""
    if not terms:
        return claims.none()
    holders = claims.model._meta.get_field("holder").related_model.objects
    # Each term by two subqueries over the claims asked for (one debate's, not every
    # debate's), each run once (hashed), rather than a join to the holder for every claim.
    found = claims.filter(
        *(
            Q(
                pk__in=claims.filter(
                    has("search_text", term) | has("search_quotation", term)
                ).values("pk")
            )
            | Q(holder_id__in=holders.filter(has("search_text", term)).values("pk"))
            for term in terms
        )
    )
    return ranked(found, terms)


def ranked(claims, terms):
    """`claims` best first for `terms` (see claim_hits), each with its `search_score`."""
    score = sum(
        (
            Case(
                When(has("search_text", term), then=Value(IN_STATEMENT)),
                When(has("search_quotation", term), then=Value(IN_QUOTATION)),
                default=Value(0),
                output_field=IntegerField(),
            )
            for term in terms
        ),
        start=Value(0),
    )
    return claims.annotate(search_score=score).order_by("-search_score", "position", "pk")


def best_claims(claims, terms, limit: int):
    """The `limit` best claims found, as one query: the ids are ranked and cut first, so
    only those rows are joined to what a page shows (for_display) and ranked again."""
    top = claim_hits(claims, terms).values("pk")[:limit]
    return ranked(claims.model.objects.filter(pk__in=top), terms)
