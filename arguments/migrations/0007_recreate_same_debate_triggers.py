"""Create again the same-debate triggers that 0006 dropped before rebuilding the claim table."""

import importlib

from django.db import migrations

triggers = importlib.import_module("arguments.migrations.0002_same_debate_triggers")




class Migration(migrations.Migration):
    dependencies = [("arguments", "0006_proposals")]
    operations = [migrations.RunPython(triggers.create, triggers.drop)]
