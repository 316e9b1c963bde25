"""Load (or update) a debate from its folder of YAML files, in one transaction."""

from django.core.management.base import BaseCommand, CommandError

from arguments.record.fixture_format import FixtureError, read_debate_folder
from arguments.record.loading import store_debate


class Command(BaseCommand):
    help = "Load or update a debate from a fixtures folder (see fixtures/README.md)."

    def add_arguments(self, parser):
        parser.add_argument("folder", help="e.g. fixtures/technofeodalisme")
        parser.add_argument(
            "--prune",
            action="store_true",
            help="delete claims, relations, sources and participants no longer in the files",
        )

    def handle(self, folder, prune, **options):
        try:
            document = read_debate_folder(folder)
        except FixtureError as error:
            raise CommandError(
                f"{folder} was not loaded ({len(error.problems)} problems):\n  "
                + "\n  ".join(error.problems)
            ) from error
        report = store_debate(document, prune=prune)
        self.stdout.write(
            self.style.SUCCESS(
                f"Loaded {report.debate.slug}: {report.participants} participants, "
                f"{report.sources} sources, {report.claims} claims, "
                f"{report.relations} relations"
                + (f" ({report.pruned} stale objects removed)" if prune else "")
            )
        )
