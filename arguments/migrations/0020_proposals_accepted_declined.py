"""Readers' proposals decided by editors: accepted into the record (the reader's time kept
in `proposal_made_at`, `proposed_at` cleared, so the record's constraints hold) or declined
with a reason the proposer sees (still a proposal, never deleted)."""

import importlib

import django.db.models.deletion
from django.conf import settings
from django.db import migrations, models

layers = importlib.import_module("arguments.migrations.0011_relation_layers")


class Migration(migrations.Migration):
    dependencies = [
        ("arguments", "0019_editors_source_texts_checked_quotations"),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
    ]

    operations = [
        # SQLite rebuilds the claim and relation tables: the same-debate triggers go first
        # and come back last.
        migrations.RunPython(layers.drop_all_triggers, layers.create_all_triggers),
        migrations.AddField(
            model_name="claim",
            name="accepted_at",
            field=models.DateTimeField(blank=True, null=True, verbose_name="accepted at"),
        ),
        migrations.AddField(
            model_name="claim",
            name="accepted_by",
            field=models.ForeignKey(
                blank=True,
                null=True,
                on_delete=django.db.models.deletion.SET_NULL,
                related_name="+",
                to=settings.AUTH_USER_MODEL,
                verbose_name="accepted by",
            ),
        ),
        migrations.AddField(
            model_name="claim",
            name="declined_at",
            field=models.DateTimeField(blank=True, null=True, verbose_name="declined at"),
        ),
        migrations.AddField(
            model_name="claim",
            name="declined_by",
            field=models.ForeignKey(
                blank=True,
                null=True,
                on_delete=django.db.models.deletion.SET_NULL,
                related_name="+",
                to=settings.AUTH_USER_MODEL,
                verbose_name="declined by",
            ),
        ),
        migrations.AddField(
            model_name="claim",
            name="declined_reason",
            field=models.TextField(
                blank=True, max_length=2000, verbose_name="reason for declining"
            ),
        ),
        migrations.AddField(
            model_name="claim",
            name="proposal_made_at",
            field=models.DateTimeField(blank=True, null=True, verbose_name="proposal made at"),
        ),
        migrations.AddField(
            model_name="historicalclaim",
            name="accepted_at",
            field=models.DateTimeField(blank=True, null=True, verbose_name="accepted at"),
        ),
        migrations.AddField(
            model_name="historicalclaim",
            name="accepted_by",
            field=models.ForeignKey(
                blank=True,
                db_constraint=False,
                null=True,
                on_delete=django.db.models.deletion.DO_NOTHING,
                related_name="+",
                to=settings.AUTH_USER_MODEL,
                verbose_name="accepted by",
            ),
        ),
        migrations.AddField(
            model_name="historicalclaim",
            name="declined_at",
            field=models.DateTimeField(blank=True, null=True, verbose_name="declined at"),
        ),
        migrations.AddField(
            model_name="historicalclaim",
            name="declined_by",
            field=models.ForeignKey(
                blank=True,
                db_constraint=False,
                null=True,
                on_delete=django.db.models.deletion.DO_NOTHING,
                related_name="+",
                to=settings.AUTH_USER_MODEL,
                verbose_name="declined by",
            ),
        ),
        migrations.AddField(
            model_name="historicalclaim",
            name="declined_reason",
            field=models.TextField(
                blank=True, max_length=2000, verbose_name="reason for declining"
            ),
        ),
        migrations.AddField(
            model_name="historicalclaim",
            name="proposal_made_at",
            field=models.DateTimeField(blank=True, null=True, verbose_name="proposal made at"),
        ),
        migrations.AddField(
            model_name="historicalrelation",
            name="accepted_at",
            field=models.DateTimeField(blank=True, null=True, verbose_name="accepted at"),
        ),
        migrations.AddField(
            model_name="historicalrelation",
            name="accepted_by",
            field=models.ForeignKey(
                blank=True,
                db_constraint=False,
                null=True,
                on_delete=django.db.models.deletion.DO_NOTHING,
                related_name="+",
                to=settings.AUTH_USER_MODEL,
                verbose_name="accepted by",
            ),
        ),
        migrations.AddField(
            model_name="historicalrelation",
            name="declined_at",
            field=models.DateTimeField(blank=True, null=True, verbose_name="declined at"),
        ),
        migrations.AddField(
            model_name="historicalrelation",
            name="declined_by",
            field=models.ForeignKey(
                blank=True,
                db_constraint=False,
                null=True,
                on_delete=django.db.models.deletion.DO_NOTHING,
                related_name="+",
                to=settings.AUTH_USER_MODEL,
                verbose_name="declined by",
            ),
        ),
        migrations.AddField(
            model_name="historicalrelation",
            name="declined_reason",
            field=models.TextField(
                blank=True, max_length=2000, verbose_name="reason for declining"
            ),
        ),
        migrations.AddField(
            model_name="historicalrelation",
            name="proposal_made_at",
            field=models.DateTimeField(blank=True, null=True, verbose_name="proposal made at"),
        ),
        migrations.AddField(
            model_name="relation",
            name="accepted_at",
            field=models.DateTimeField(blank=True, null=True, verbose_name="accepted at"),
        ),
        migrations.AddField(
            model_name="relation",
            name="accepted_by",
            field=models.ForeignKey(
                blank=True,
                null=True,
                on_delete=django.db.models.deletion.SET_NULL,
                related_name="+",
                to=settings.AUTH_USER_MODEL,
                verbose_name="accepted by",
            ),
        ),
        migrations.AddField(
            model_name="relation",
            name="declined_at",
            field=models.DateTimeField(blank=True, null=True, verbose_name="declined at"),
        ),
        migrations.AddField(
            model_name="relation",
            name="declined_by",
            field=models.ForeignKey(
                blank=True,
                null=True,
                on_delete=django.db.models.deletion.SET_NULL,
                related_name="+",
                to=settings.AUTH_USER_MODEL,
                verbose_name="declined by",
            ),
        ),
        migrations.AddField(
            model_name="relation",
            name="declined_reason",
            field=models.TextField(
                blank=True, max_length=2000, verbose_name="reason for declining"
            ),
        ),
        migrations.AddField(
            model_name="relation",
            name="proposal_made_at",
            field=models.DateTimeField(blank=True, null=True, verbose_name="proposal made at"),
        ),
        migrations.AddConstraint(
            model_name="claim",
            constraint=models.CheckConstraint(
                condition=models.Q(
                    ("accepted_at__isnull", True),
                    models.Q(("proposal_made_at__isnull", False), ("proposed_at__isnull", True)),
                    _connector="OR",
                ),
                name="claim_accepted_left_proposals",
            ),
        ),
        migrations.AddConstraint(
            model_name="claim",
            constraint=models.CheckConstraint(
                condition=models.Q(
                    ("declined_at__isnull", True),
                    models.Q(
                        ("accepted_at__isnull", True),
                        ("proposed_at__isnull", False),
                        models.Q(("declined_reason", ""), _negated=True),
                    ),
                    _connector="OR",
                ),
                name="claim_declined_is_a_proposal_with_reason",
            ),
        ),
        migrations.AddConstraint(
            model_name="relation",
            constraint=models.CheckConstraint(
                condition=models.Q(
                    ("accepted_at__isnull", True),
                    models.Q(("proposal_made_at__isnull", False), ("proposed_at__isnull", True)),
                    _connector="OR",
                ),
                name="relation_accepted_left_proposals",
            ),
        ),
        migrations.AddConstraint(
            model_name="relation",
            constraint=models.CheckConstraint(
                condition=models.Q(
                    ("declined_at__isnull", True),
                    models.Q(
                        ("accepted_at__isnull", True),
                        ("proposed_at__isnull", False),
                        models.Q(("declined_reason", ""), _negated=True),
                    ),
                    _connector="OR",
                ),
                name="relation_declined_is_a_proposal_with_reason",
            ),
        ),
        migrations.RunPython(layers.create_all_triggers, layers.drop_all_triggers),
    ]
