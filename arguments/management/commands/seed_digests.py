"""Write, next to each `seed:` of the fixtures, the seed text's SHA-256 (`seed_sha256:`), so
that the loaded claims quoting it carry the mark "checked against the seed". Only those
lines change: comments and layout of the YAML files stay. `--check` changes nothing and
fails when a digest is missing or differs (a seed text changed: check its quotations)."""

from __future__ import annotations

import hashlib
import os
import re
from pathlib import Path

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError

FIXTURES = Path(settings.BASE_DIR) / "fixtures" / "technofeodalisme"
SEED_LINE = re.compile(r"^(?P<indent>[ \t]*(?:- )?)seed:[ \t]*(?P<name>\S+)[ \t]*$")
DIGEST_LINE = re.compile(r"^[ \t]*seed_sha256:")


def seeds_folder() -> Path:
    default = Path(settings.BASE_DIR).parent / "shared" / "seeds"
    return Path(os.environ.get("CONTROVERSE_SEEDS", default))


def file_digest(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def with_digests(text: str, seeds: Path) -> str:
    """`text` (a fixture file) with a `seed_sha256:` line after each `seed:` line."""
    lines = text.splitlines(keepends=True)
    out: list[str] = []
    index = 0
    while index < len(lines):
        line = lines[index]
        out.append(line)
        index += 1
        seed = SEED_LINE.match(line.rstrip("\n"))
        if not seed:
            continue
        path = seeds / seed["name"]
        if not path.is_file():
            raise CommandError(f"seed text {seed['name']} not found in {seeds}")
        indent = " " * len(seed["indent"])
        out.append(f"{indent}seed_sha256: {file_digest(path)}\n")
        if index < len(lines) and DIGEST_LINE.match(lines[index]):
            index += 1  # the old digest, replaced
    return "".join(out)


class Command(BaseCommand):
    help = "Write the seed texts' SHA-256 next to their `seed:` in the fixtures (--check: verify)."

    def add_arguments(self, parser):
        parser.add_argument("--check", action="store_true", help="Verify only; change nothing.")
        parser.add_argument("--fixtures", type=Path, default=FIXTURES)

    def handle(self, *args, check: bool, fixtures: Path, **options):
        seeds = seeds_folder()
        if not seeds.is_dir():
            raise CommandError(f"the seed texts are not at {seeds} (set CONTROVERSE_SEEDS)")
        stale = []
        for path in sorted(fixtures.rglob("*.yaml")):
            text = path.read_text(encoding="utf-8")
            updated = with_digests(text, seeds)
            if updated == text:
                continue
            stale.append(path)
            if not check:
                path.write_text(updated, encoding="utf-8")
        if check and stale:
            raise CommandError("seed digests missing or stale in: " + ", ".join(map(str, stale)))
        self.stdout.write(f"{len(stale)} file(s) {'to update' if check else 'updated'}.")
