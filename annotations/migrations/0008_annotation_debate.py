"""Annotations keep the debate of their claim or relation, on the row and in its history, so
that a debate's readers' revision (its newest annotation change) is one short index scan
instead of "any annotation anywhere"; fills the rows and history already stored.

The history's index on (debate_id, history_id) is written in SQL: simple-history builds the
historical model's Meta itself, so the model cannot declare it. Django's state does not know
it, which is harmless (no later migration touches it)."""

import django.db.models.deletion
from django.db import migrations, models
from django.db.models import OuterRef, Subquery


def fill_debates(apps, schema_editor):
    Claim = apps.get_model("arguments", "Claim")
    Relation = apps.get_model("arguments", "Relation")
    for name in ("Annotation", "HistoricalAnnotation"):
        rows = apps.get_model("annotations", name).objects
        for target, model in (("claim_id", Claim), ("relation_id", Relation)):
            debate = model.objects.filter(pk=OuterRef(target)).values("debate_id")[:1]
            rows.filter(**{f"{target}__isnull": False}).update(debate_id=Subquery(debate))


class Migration(migrations.Migration):
    dependencies = [
        ("annotations", "0007_annotation_body_html"),
        ("arguments", "0014_debate_slugs_not_site_addresses"),
    ]

    operations = [
        migrations.AddField(
            model_name="annotation",
            name="debate",
            field=models.ForeignKey(
                blank=True,
                editable=False,
                null=True,
                on_delete=django.db.models.deletion.CASCADE,
                related_name="+",
                to="arguments.debate",
            ),
        ),
        migrations.AddField(
            model_name="historicalannotation",
            name="debate",
            field=models.ForeignKey(
                blank=True,
                db_constraint=False,
                db_index=False,
                editable=False,
                null=True,
                on_delete=django.db.models.deletion.DO_NOTHING,
                related_name="+",
                to="arguments.debate",
            ),
        ),
        # Going back drops the columns: nothing to undo.
        migrations.RunPython(fill_debates, migrations.RunPython.noop, elidable=True),
        migrations.RunSQL(
            "CREATE INDEX annotations_history_debate_newest"
            " ON annotations_historicalannotation (debate_id, history_id)",
            "DROP INDEX annotations_history_debate_newest",
        ),
    ]
