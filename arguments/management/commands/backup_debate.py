"""Write a debate, with its annotations, flags and history, to a backup file."""

from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from arguments.record.backup import backup
from arguments.record.models import Debate


class Command(BaseCommand):
    help = "Back up a debate (by slug) with its annotations and history; restore_debate reads it."

    def add_arguments(self, parser):
        parser.add_argument("slug")
        parser.add_argument("--output", "-o", required=True, help="the backup file to write")

    def handle(self, slug, output, **options):
        debate = Debate.objects.filter(slug=slug).first()
        if debate is None:
            raise CommandError(f"no debate {slug!r}")
        text = backup(debate)
        Path(output).write_text(text, encoding="utf-8")
        self.stdout.write(f"Backed up {slug} to {output} ({len(text.encode()):,} bytes)")
