"""Write docs/relations.md: every relation of the shipped debate, who draws it, and why."""

from pathlib import Path

from django.conf import settings
from django.core.management.base import BaseCommand

from arguments.record.fixture_format import read_debate_folder
from arguments.record.relation_table import relation_table

FIXTURES = Path(settings.BASE_DIR) / "fixtures" / "technofeodalisme"
TABLE = Path(settings.BASE_DIR) / "docs" / "relations.md"


class Command(BaseCommand):
    help = "Write docs/relations.md from the fixtures (who draws each relation, and why)."

    def handle(self, **options):
        TABLE.write_text(relation_table(read_debate_folder(FIXTURES)), encoding="utf-8")
        self.stdout.write(self.style.SUCCESS(f"Wrote {TABLE}"))
