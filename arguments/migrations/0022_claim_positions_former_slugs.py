"""Claims keep where their quotation is in the stored text (the editor's selection), and
the addresses they left (an accepted proposal's), so that old links lead to them. The
addresses accepted proposals already left are read back from the claims' history."""

import importlib

import django.db.models.deletion
import django.utils.timezone
from django.db import migrations, models

layers = importlib.import_module("arguments.migrations.0011_relation_layers")


def former_slugs_from_history(apps, schema_editor):
    Claim = apps.get_model("arguments", "Claim")
    Former = apps.get_model("arguments", "ClaimFormerSlug")
    Historical = apps.get_model("arguments", "HistoricalClaim")
    current = dict(Claim.objects.values_list("pk", "slug"))
    live = set(Claim.objects.values_list("debate_id", "slug"))
    kept = set()
    rows = Historical.objects.order_by("-history_date", "-history_id")
    for pk, debate_id, slug in rows.values_list("id", "debate_id", "slug").iterator():
        if pk not in current or current[pk] == slug or (debate_id, slug) in live:
            continue
        if (debate_id, slug) in kept:
            continue  # the latest claim to have left it takes it
        kept.add((debate_id, slug))
        Former.objects.create(debate_id=debate_id, slug=slug, claim_id=pk)


class Migration(migrations.Migration):

    dependencies = [
        ('arguments', '0021_merge_proposals_and_workbench_relations'),
    ]

    # SQLite rebuilds the claim table: the same-debate triggers (which name it) go first and
    # come back last.
    operations = [
        migrations.RunPython(layers.drop_all_triggers, layers.create_all_triggers),
        migrations.CreateModel(
            name='ClaimFormerSlug',
            fields=[
                ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                ('slug', models.SlugField(max_length=120, verbose_name='former address')),
                ('left_at', models.DateTimeField(default=django.utils.timezone.now, verbose_name='left at')),
            ],
            options={
                'verbose_name': "claim's former address",
                'verbose_name_plural': "claims' former addresses",
            },
        ),
        migrations.AddField(
            model_name='claim',
            name='quotation_end',
            field=models.PositiveIntegerField(blank=True, editable=False, null=True, verbose_name="quotation's end in the stored text"),
        ),
        migrations.AddField(
            model_name='claim',
            name='quotation_start',
            field=models.PositiveIntegerField(blank=True, editable=False, null=True, verbose_name="quotation's start in the stored text"),
        ),
        migrations.AddField(
            model_name='historicalclaim',
            name='quotation_end',
            field=models.PositiveIntegerField(blank=True, editable=False, null=True, verbose_name="quotation's end in the stored text"),
        ),
        migrations.AddField(
            model_name='historicalclaim',
            name='quotation_start',
            field=models.PositiveIntegerField(blank=True, editable=False, null=True, verbose_name="quotation's start in the stored text"),
        ),
        migrations.AddConstraint(
            model_name='claim',
            constraint=models.CheckConstraint(condition=models.Q(models.Q(('quotation_end__isnull', True), ('quotation_start__isnull', True)), ('quotation_start__lt', models.F('quotation_end')), _connector='OR'), name='claim_quotation_position_ordered'),
        ),
        migrations.AddField(
            model_name='claimformerslug',
            name='claim',
            field=models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name='former_slugs', to='arguments.claim'),
        ),
        migrations.AddField(
            model_name='claimformerslug',
            name='debate',
            field=models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name='+', to='arguments.debate'),
        ),
        migrations.AddConstraint(
            model_name='claimformerslug',
            constraint=models.UniqueConstraint(fields=('debate', 'slug'), name='claim_former_unique_slug'),
        ),
        migrations.RunPython(layers.create_all_triggers, layers.drop_all_triggers),
        migrations.RunPython(former_slugs_from_history, migrations.RunPython.noop),
    ]
