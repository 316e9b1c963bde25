"""The editors' workbench: sources' full texts (editors only), the quotations' "checked"
mark, and the editors group with its permission (distinct from the moderators)."""

import importlib

import django.db.models.deletion
from django.conf import settings
from django.contrib.auth.management import create_permissions
from django.db import migrations, models

layers = importlib.import_module("arguments.migrations.0011_relation_layers")


def create_editors(apps, schema_editor):
    for app_config in apps.get_app_configs():
        app_config.models_module = True
        create_permissions(app_config, verbosity=0)
        app_config.models_module = None
    group, _created = apps.get_model("auth", "Group").objects.get_or_create(name="editors")
    group.permissions.add(
        apps.get_model("auth", "Permission").objects.get(
            codename="use_workbench", content_type__app_label="arguments"
        )
    )


def remove_editors(apps, schema_editor):
    apps.get_model("auth", "Group").objects.filter(name="editors").delete()


class Migration(migrations.Migration):

    dependencies = [
        ('arguments', '0018_argument_kind_titles_excerpts_long_fields'),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
        ("auth", "0012_alter_user_first_name_max_length"),
        ("contenttypes", "0002_remove_content_type_name"),
    ]

    # SQLite rebuilds the claim table: the same-debate triggers (which name it) go first and
    # come back last.
    operations = [
        migrations.RunPython(layers.drop_all_triggers, layers.create_all_triggers),
        migrations.AddField(
            model_name='claim',
            name='checked_against',
            field=models.CharField(blank=True, max_length=300, verbose_name='quotation checked against'),
        ),
        migrations.AddField(
            model_name='claim',
            name='checked_at',
            field=models.DateTimeField(blank=True, null=True, verbose_name='quotation checked at'),
        ),
        migrations.AddField(
            model_name='historicalclaim',
            name='checked_against',
            field=models.CharField(blank=True, max_length=300, verbose_name='quotation checked against'),
        ),
        migrations.AddField(
            model_name='historicalclaim',
            name='checked_at',
            field=models.DateTimeField(blank=True, null=True, verbose_name='quotation checked at'),
        ),
        migrations.CreateModel(
            name='SourceText',
            fields=[
                ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                ('text', models.TextField(verbose_name='full text')),
                ('format', models.CharField(choices=[('text', 'plain text'), ('html', 'HTML'), ('pdf', 'PDF')], default='text', max_length=10, verbose_name='format')),
                ('created_at', models.DateTimeField(auto_now_add=True, verbose_name='created at')),
                ('updated_at', models.DateTimeField(auto_now=True, verbose_name='updated at')),
                ('sha256', models.CharField(editable=False, max_length=64, verbose_name='SHA-256')),
                ('source', models.OneToOneField(on_delete=django.db.models.deletion.CASCADE, related_name='full_text', to='arguments.source', verbose_name='source')),
                ('uploaded_by', models.ForeignKey(blank=True, null=True, on_delete=django.db.models.deletion.SET_NULL, related_name='+', to=settings.AUTH_USER_MODEL, verbose_name='uploaded by')),
            ],
            options={
                'verbose_name': "source's full text",
                'verbose_name_plural': "sources' full texts",
                'permissions': [('use_workbench', "Can use the editors' workbench")],
            },
        ),
        migrations.CreateModel(
            name='TextExtraction',
            fields=[
                ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                ('filename', models.CharField(max_length=255)),
                ('format', models.CharField(choices=[('text', 'plain text'), ('html', 'HTML'), ('pdf', 'PDF')], max_length=10)),
                ('content', models.BinaryField(blank=True, default=b'')),
                ('status', models.CharField(choices=[('queued', 'waiting for the worker'), ('stored', 'the text is stored'), ('refused', 'refused'), ('failed', 'failed')], default='queued', max_length=10)),
                ('message', models.TextField(blank=True, default='')),
                ('lost', models.JSONField(blank=True, default=list)),
                ('created_at', models.DateTimeField(auto_now_add=True)),
                ('finished_at', models.DateTimeField(blank=True, null=True)),
                ('editor', models.ForeignKey(null=True, on_delete=django.db.models.deletion.SET_NULL, related_name='+', to=settings.AUTH_USER_MODEL)),
                ('source', models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name='+', to='arguments.source')),
            ],
        ),
        migrations.CreateModel(
            name='DraftClaim',
            fields=[
                ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                ('statement', models.TextField()),
                ('statement_en', models.TextField()),
                ('quotation', models.TextField()),
                ('section', models.CharField(blank=True, default='', max_length=300)),
                ('paragraph', models.PositiveIntegerField(blank=True, null=True)),
                ('created_at', models.DateTimeField(auto_now_add=True)),
                ('debate', models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name='+', to='arguments.debate')),
                ('editor', models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name='+', to=settings.AUTH_USER_MODEL)),
                ('holder', models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name='+', to='arguments.participant')),
                ('quoted_from', models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name='+', to='arguments.source')),
                ('reported_from', models.ForeignKey(blank=True, null=True, on_delete=django.db.models.deletion.CASCADE, related_name='+', to='arguments.source')),
            ],
            options={
                'ordering': ['created_at', 'pk'],
            },
        ),
        migrations.RunPython(layers.create_all_triggers, layers.drop_all_triggers),
        migrations.RunPython(create_editors, remove_editors),
    ]
