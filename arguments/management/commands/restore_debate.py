"""Restore a debate from a backup_debate file, ids and history kept, in one transaction."""

from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from arguments.record.backup import restore
from arguments.record.files import ImportProblems


class Command(BaseCommand):
    help = "Restore a debate from a file written by backup_debate (nothing stored on error)."

    def add_arguments(self, parser):
        parser.add_argument("file")

    def handle(self, file, **options):
        try:
            debate = restore(Path(file).read_bytes())
        except OSError as error:
            raise CommandError(f"{file}: {error}") from error
        except ImportProblems as error:
            raise CommandError(
                f"{file} was not restored (nothing stored):\n  " + "\n  ".join(error.problems)
            ) from error
        self.stdout.write(
            f"Restored {debate.slug}: {debate.claims.count()} claims, "
            f"{debate.relations.count()} relations"
        )
