"""Import a debate from a file (our JSON, AIF, Argdown, SADFace, Kialo), in one transaction."""

from pathlib import Path

from django.core.management.base import BaseCommand, CommandError
from tqdm import tqdm

from arguments.interchange.formats import IMPORT_FORMATS, guess_format, import_text
from arguments.record.files import ImportProblems

# Past this many bytes a file gets a progress bar.
PROGRESS_FROM_BYTES = 200_000


class Command(BaseCommand):
    help = "Import a debate from a controverse JSON, AIF, Argdown or Kialo file as a new debate."

    def add_arguments(self, parser):
        parser.add_argument("file")
        parser.add_argument(
            "--format", choices=[f.name for f in IMPORT_FORMATS], help="default: from the file"
        )
        parser.add_argument("--slug", default="", help="the new debate's slug")
        parser.add_argument("--no-progress", action="store_true")

    def handle(self, file, format, slug, no_progress, **options):
        path = Path(file)
        try:
            text = path.read_text(encoding="utf-8-sig")  # a byte-order mark aside
        except (OSError, UnicodeDecodeError) as error:
            raise CommandError(f"{file}: cannot read it as UTF-8 text: {error}") from error
        name = format or guess_format(path.name, text)
        show_progress = not no_progress and len(text) >= PROGRESS_FROM_BYTES

        def progress(total: int, what: str):
            return tqdm(
                total=total,
                desc=what,
                unit=" rows",
                file=self.stderr._out,
                disable=not show_progress,
            )

        try:
            debate, warnings = import_text(text, name, path.name, slug=slug, progress=progress)
        except ImportProblems as error:
            count = len(error.problems)
            raise CommandError(
                f"{file} was not imported ({count} problem{'s' if count > 1 else ''}, "
                "nothing stored):\n  " + "\n  ".join(error.problems)
            ) from error
        for warning in warnings:
            self.stderr.write(f"warning: {warning}")
        self.stdout.write(
            self.style.SUCCESS(
                f"Imported {debate.slug} from {path.name} ({name}): "
                f"{debate.participants.count()} participants, {debate.sources.count()} sources, "
                f"{debate.claims.count()} claims, {debate.relations.count()} relations, "
                f"{debate.undercuts.count()} undercuts, {len(warnings)} warnings"
            )
        )
