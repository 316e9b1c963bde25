"""Moderators may restore earlier versions of claims and relations."""

from django.contrib.auth.management import create_permissions
from django.db import migrations

CODENAMES = ["change_claim", "change_relation"]


def grant(apps, schema_editor):
    for app_config in apps.get_app_configs():
        app_config.models_module = True
        create_permissions(app_config, verbosity=0)
        app_config.models_module = None
    group = apps.get_model("auth", "Group").objects.get(name="moderators")
    permissions = apps.get_model("auth", "Permission").objects.filter(
        codename__in=CODENAMES, content_type__app_label="arguments"
    )
    group.permissions.add(*permissions)


def revoke(apps, schema_editor):
    group = apps.get_model("auth", "Group").objects.filter(name="moderators").first()
    if group:
        group.permissions.remove(
            *apps.get_model("auth", "Permission").objects.filter(
                codename__in=CODENAMES, content_type__app_label="arguments"
            )
        )


class Migration(migrations.Migration):
    dependencies = [
        ("arguments", "0004_historicalclaim_historicalrelation"),
        ("annotations", "0003_moderators_group"),
    ]
    operations = [migrations.RunPython(grant, revoke)]
