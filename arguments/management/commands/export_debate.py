"""Export a debate as a file: our JSON, AIF, Argdown, SADFace, Kialo or W3C Web Annotation."""

from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from arguments.interchange.formats import FORMATS, export_text
from arguments.record.models import Debate


class Command(BaseCommand):
    help = "Export a debate (by slug) in one of the interchange formats."

    def add_arguments(self, parser):
        parser.add_argument("slug")
        parser.add_argument("--format", choices=sorted(FORMATS), default="json")
        parser.add_argument("--output", "-o", help="a file (default: standard output)")
        parser.add_argument(
            "--site", default="http://127.0.0.1:8000", help="makes links in the file absolute"
        )
        parser.add_argument(
            "--as-readers-see-it",
            action="store_true",
            help="without hidden proposals and the text of hidden or deleted annotations",
        )

    def handle(self, slug, format, output, site, as_readers_see_it, **options):
        debate = Debate.objects.filter(slug=slug).first()
        if debate is None:
            raise CommandError(f"no debate {slug!r}")
        text = export_text(debate, format, site.rstrip("/"), moderator=not as_readers_see_it)
        if output:
            Path(output).write_text(text, encoding="utf-8")
            self.stderr.write(f"Wrote {output} ({len(text.encode()):,} bytes)")
        else:
            self.stdout.write(text, ending="")
