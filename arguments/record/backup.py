"""A debate with its history, and what extensions hang on it (annotations, flags), as one
file, and back with its ids kept: a backup to restore after a loss, not a copy
(`import_debate` makes copies)."""

from __future__ import annotations

import datetime
import json

from django.contrib.auth import get_user_model
from django.core import serializers
from django.core.management.color import no_style
from django.core.serializers.json import DjangoJSONEncoder
from django.db import connection, transaction

from arguments.record import extensions, generations
from arguments.record.files import ImportProblems, read_json
from arguments.record.models import (
    Answer,
    Claim,
    ClaimFormerSlug,
    Debate,
    Participant,
    Question,
    Relation,
    Source,
    Undercut,
)

FORMAT = "controverse-backup"
VERSION = 1


def _querysets(debate: Debate) -> list:
    """What belongs to the debate, parents before children, then each table's history; then
    what registered extensions hang on it (readers' annotations and their flags)."""
    claims = Claim.objects.filter(debate=debate)
    relations = Relation.objects.filter(debate=debate)
    claim_ids = list(claims.values_list("pk", flat=True))
    relation_ids = list(relations.values_list("pk", flat=True))
    records = [
        Debate.objects.filter(pk=debate.pk),
        Participant.objects.filter(debate=debate),
        Source.objects.filter(debate=debate),
        claims,
        relations,
        Undercut.objects.filter(debate=debate),
        # The editors' questions (no history of their own) and the claims answering them.
        Question.objects.filter(debate=debate),
        Answer.objects.filter(question__debate=debate),
        # The addresses claims left: old links lead to them after a restore too.
        ClaimFormerSlug.objects.filter(debate=debate),
    ]
    # History outlives deleted rows, so it is selected by the debate, not through the rows.
    history = [
        Debate.history.filter(id=debate.pk),
        Participant.history.filter(debate_id=debate.pk),
        Source.history.filter(debate_id=debate.pk),
        Claim.history.filter(debate_id=debate.pk),
        Relation.history.filter(debate_id=debate.pk),
        Undercut.history.filter(debate_id=debate.pk),
    ]
    for extension in extensions.registered():
        rows, rows_history = extension.backup_querysets(debate, claim_ids, relation_ids)
        records += rows
        history += rows_history
    return [qs.order_by("pk") for qs in records + history]


class _Encoder(DjangoJSONEncoder):
    """Dates and times to the microsecond: Django's encoder cuts them to the millisecond,
    and a time whose cut is .000 would come back without one, so a second backup would differ."""

    def default(self, o):
        if isinstance(o, datetime.datetime):
            return o.isoformat()
        return super().default(o)


def backup(debate: Debate) -> str:
    """The whole debate as JSON; users are named, not copied (no passwords in a backup)."""
    objects = []
    for queryset in _querysets(debate):
        objects += serializers.serialize("python", queryset, use_natural_foreign_keys=True)
    users = sorted(
        {value[0] for item in objects for value in _user_fields(item) if value is not None}
    )
    data = {"format": FORMAT, "version": VERSION, "debate": debate.slug, "users": users}
    data["objects"] = objects
    return json.dumps(data, cls=_Encoder, ensure_ascii=False, indent=1) + "\n"


def _user_fields(item: dict):
    """The natural keys ([username]) of the users an object points at."""
    user_fields = {"author", "proposed_by", "reporter", "hidden_by", "history_user"}
    return [value for name, value in item["fields"].items() if name in user_fields]


@transaction.atomic
def restore(text: str | bytes) -> Debate:
    """The debate back, with its ids, history and annotations; ImportProblems, and nothing
    stored, if the file is not a backup or any of its ids is taken in this database."""
    data = read_json(text)
    if not isinstance(data, dict) or data.get("format") != FORMAT:
        raise ImportProblems([f'not a controverse backup: no "format": "{FORMAT}"'])
    if data.get("version") != VERSION:
        raise ImportProblems([f"version {data.get('version')!r}: this app reads version {VERSION}"])
    objects, users = data.get("objects"), data.get("users")
    if not isinstance(objects, list) or not isinstance(users, list):
        raise ImportProblems(["objects and users must be lists"])
    if Debate.objects.filter(slug=data.get("debate")).exists():
        raise ImportProblems([f"a debate {data.get('debate')!r} exists already: delete it first"])
    model = get_user_model()
    known = set(model.objects.filter(username__in=users).values_list("username", flat=True))
    for name in users:
        if not isinstance(name, str) or not 0 < len(name) <= 150:
            raise ImportProblems([f"user name {name!r} is not valid"])
        if name not in known:
            user = model(username=name)
            user.set_unusable_password()
            user.save()
    try:
        restored = list(serializers.deserialize("python", objects, handle_forward_references=True))
    except serializers.base.DeserializationError as error:
        raise ImportProblems([f"the objects cannot be read: {error}"]) from None
    taken = _taken_ids(restored)
    live_taken = [(model, ids) for model, ids in taken.items() if not _is_history(model)]
    if live_taken:
        raise ImportProblems(
            [
                f"{model._meta.label}: ids {ids[:10]} are taken in this database"
                for model, ids in live_taken
            ]
        )
    for item in restored:
        if _is_history(type(item.object)) and item.object.pk in taken.get(type(item.object), ()):
            continue  # history is never rewritten: a version still here is that version
        item.save()  # raw: no signals, so no new history, and the ids as they were
    models = {type(item.object) for item in restored}
    # Rows came with their ids: move PostgreSQL's sequences past them.
    with connection.cursor() as cursor:
        for statement in connection.ops.sequence_reset_sql(no_style(), list(models)):
            cursor.execute(statement)
    generations.record_changed(data["debate"])  # the site's lists show it
    return Debate.objects.get(slug=data["debate"])


def _is_history(model) -> bool:
    return model._meta.pk.name == "history_id"  # django-simple-history's tables


def _taken_ids(restored) -> dict:
    """Per model, the ids of the file's rows that this database already has."""
    by_model: dict = {}
    for item in restored:
        by_model.setdefault(type(item.object), []).append(item.object.pk)
    taken = {}
    for model, ids in by_model.items():
        existing = set(model._default_manager.filter(pk__in=ids).values_list("pk", flat=True))
        if existing:
            taken[model] = sorted(existing)
    return taken
