"""Inserting many new rows at once, with the history records simple_history would write.

`bulk_create_with_history` builds a second model instance per row for its history record and
prepares every value twice through Django's insert compiler: at 100,000 rows that is most of
an import's time. Here each value is prepared once, as its field prepares it (text fields
clean their text), and the row and its history record are written from the same prepared
values: on PostgreSQL by COPY, elsewhere by multi-row INSERTs as long as the database takes.
Constraints and the databases' own triggers apply as to any insert. The caller holds the
transaction."""

from __future__ import annotations

import sqlite3
from collections.abc import Callable

from django.conf import settings
from django.core.exceptions import ImproperlyConfigured
from django.db import connections, models, router
from django.utils import timezone
from simple_history.utils import get_history_model_for_model

from arguments.record.fields import CleanText
from arguments.record.text import clean_text
from arguments.search.index import row_with_stems

MAX_ROWS = 1000  # rows per INSERT where the database sets no lower limit


def insert_rows(model: type[models.Model], rows: list[dict], history: bool = True) -> list[int]:
    """Insert new rows of `model`, each given as {attname: value} (a field left out takes its
    default), and return their ids in order. With `history`, each also gets its creation
    record ("+"), dated now and by the request's user if there is one, as
    `bulk_create_with_history` writes it. No model instances are made and no signals sent."""
    if not rows:
        return []
    rows = [row_with_stems(model, row) for row in rows]  # no save(): the stems are set here
    using = router.db_for_write(model)
    connection = connections[using]
    pk = model._meta.pk
    if not isinstance(pk, models.AutoField | models.BigAutoField):
        raise ImproperlyConfigured(f"{model.__name__}: insert_rows needs an automatic id")
    fields = [field for field in model._meta.concrete_fields if field is not pk]
    unknown = set().union(*rows) - {field.attname for field in fields}
    if unknown:
        raise TypeError(f"{model.__name__} has no fields {', '.join(sorted(unknown))}")
    prepare = [_preparer(field, connection) for field in fields]
    prepared = [[value(row) for value in prepare] for row in rows]
    ids = _insert(connection, model._meta.db_table, fields, prepared, returning=pk.column)
    if history and getattr(settings, "SIMPLE_HISTORY_ENABLED", True):
        _insert_history(connection, model, ids, fields, prepared)
    return ids


def _preparer(field: models.Field, connection) -> Callable[[dict], object]:
    """How to get the database value of `field` from a row, as Django would save it."""
    if getattr(field, "auto_now", False) or getattr(field, "auto_now_add", False):
        raise ImproperlyConfigured(f"{field}: insert_rows does not set auto_now fields")
    attname = field.attname
    missing = object()
    if field.has_default() and callable(field.default):
        default = field.get_default  # a new value for each row, as a new instance gets
    else:
        value = field.get_db_prep_save(field.get_default(), connection)
        default = lambda: value  # noqa: E731 (prepared once)
    if isinstance(field, CleanText):
        # What the field's get_db_prep_save gives for a string (it cleans it twice);
        # empty strings, the most common value, need no cleaning.
        multiline = field.multiline

        def clean(row):
            value = row.get(attname, missing)
            if value is missing:
                return default()
            if type(value) is str:
                return clean_text(value, multiline) if value else value
            return field.get_db_prep_save(value, connection)

        return clean

    def prepare(row):
        value = row.get(attname, missing)
        return default() if value is missing else field.get_db_prep_save(value, connection)

    return prepare


def _insert_history(connection, model, ids: list[int], fields: list, rows: list[list]) -> None:
    history_model = get_history_model_for_model(model)
    if hasattr(history_model, "history_relation"):
        raise ImproperlyConfigured(f"{model.__name__}: history_relation is not supported")
    user = history_model.get_default_history_user(model())
    position = {field.attname: index for index, field in enumerate(fields)}
    pk_name = model._meta.pk.attname
    now = timezone.now()
    history_fields, sources = [], []
    for field in history_model._meta.concrete_fields:
        if field.primary_key:
            continue  # history_id, set by the database
        if field.attname == pk_name:
            source = ("id", None)
        elif field.attname in position:
            source = ("row", position[field.attname])
        elif field.name in ("history_date", "history_change_reason", "history_type"):
            value = {"history_date": now, "history_change_reason": None, "history_type": "+"}
            source = ("fixed", field.get_db_prep_save(value[field.name], connection))
        elif field.name == "history_user":
            source = ("fixed", user.pk if user is not None else None)
        else:
            raise ImproperlyConfigured(f"{history_model.__name__}.{field.name} is not filled")
        history_fields.append(field)
        sources.append(source)
    history_rows = [
        [pk if kind == "id" else row[where] if kind == "row" else where for kind, where in sources]
        for pk, row in zip(ids, rows, strict=True)
    ]
    _insert(connection, history_model._meta.db_table, history_fields, history_rows)


def _insert(connection, table: str, fields: list, rows: list[list], returning: str = "") -> list:
    """Insert prepared `rows`; the `returning` column of each, in order."""
    if connection.vendor == "postgresql":
        return _copy(connection, table, fields, rows, returning)
    quote = connection.ops.quote_name
    columns = ", ".join(quote(field.column) for field in fields)
    one_row = "(" + ", ".join(["%s"] * len(fields)) + ")"
    returned = []
    with connection.cursor() as cursor:
        batch = max(1, min(MAX_ROWS, _most_rows(connection, fields, rows)))
        for start in range(0, len(rows), batch):
            part = rows[start : start + batch]
            sql = f"INSERT INTO {quote(table)} ({columns}) VALUES " + ", ".join(
                [one_row] * len(part)
            )
            if returning:
                sql += f" RETURNING {quote(returning)}"
            cursor.execute(sql, [value for row in part for value in row])
            if returning:
                returned += [row[0] for row in cursor.fetchall()]
    return returned


def _most_rows(connection, fields: list, rows: list) -> int:
    """Rows per INSERT the database takes. Django assumes SQLite's old limit of 999
    parameters; the SQLite in use says its own (32,766 since 3.32)."""
    if connection.vendor == "sqlite" and hasattr(connection.connection, "getlimit"):
        return connection.connection.getlimit(sqlite3.SQLITE_LIMIT_VARIABLE_NUMBER) // len(fields)
    return connection.ops.bulk_batch_size(fields, rows)


def _copy(connection, table: str, fields: list, rows: list[list], returning: str) -> list:
    """PostgreSQL: COPY, several times faster than INSERT (psycopg parses a long INSERT's
    placeholders again each time). The ids are taken from the column's sequence first."""
    quote = connection.ops.quote_name
    columns = [quote(field.column) for field in fields]
    ids = []
    with connection.cursor() as cursor:
        if returning:
            cursor.execute(
                "SELECT nextval(pg_get_serial_sequence(%s, %s)) FROM generate_series(1, %s)",
                [quote(table), returning, len(rows)],
            )
            ids = [row[0] for row in cursor.fetchall()]
            columns.append(quote(returning))
            rows = [[*row, pk] for row, pk in zip(rows, ids, strict=True)]
        with cursor.cursor.copy(f"COPY {quote(table)} ({', '.join(columns)}) FROM STDIN") as copy:
            for row in rows:
                copy.write_row(row)
    return ids
