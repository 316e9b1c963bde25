"""Annotations keep their body rendered to HTML (filled on save); this renders the rows
already stored.

The renderer is imported from annotations.markup rather than copied: it is pure (text in,
HTML out, no models), and body_html is a cache of what the current renderer makes of the
body, so a database migrated later should get what the app renders then, not a frozen
older rendering. Should markup.render_markdown ever move, update the import here."""

from django.db import migrations, models

BATCH = 500


def render_bodies(apps, schema_editor):
    from annotations.markup import render_markdown

    Annotation = apps.get_model("annotations", "Annotation")
    rows = Annotation.objects.only("pk", "body").order_by("pk")
    batch = []
    for annotation in rows.iterator(chunk_size=BATCH):
        annotation.body_html = render_markdown(annotation.body)
        batch.append(annotation)
        if len(batch) == BATCH:
            Annotation.objects.bulk_update(batch, ["body_html"])
            batch = []
    Annotation.objects.bulk_update(batch, ["body_html"])


class Migration(migrations.Migration):
    dependencies = [
        ("annotations", "0006_authors_may_be_gone"),
    ]

    operations = [
        migrations.AddField(
            model_name="annotation",
            name="body_html",
            field=models.TextField(blank=True, editable=False),
        ),
        # Going back drops the column: nothing to undo.
        migrations.RunPython(render_bodies, migrations.RunPython.noop, elidable=True),
    ]
