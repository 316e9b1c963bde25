"""Benchmark: importing a generated 10,000-node AIF file, and exporting the 10,000-claim
synthetic debate in every interchange format.

Run: .venv/bin/python bench/interchange.py [--nodes 10000] [--claims 10000] [--repeat 3]
Uses the configured database (DATABASE_URL, else db.sqlite3): better a scratch one, e.g.
    DATABASE_URL=sqlite:////tmp/bench.sqlite3 .venv/bin/python manage.py migrate
    DATABASE_URL=sqlite:////tmp/bench.sqlite3 .venv/bin/python bench/interchange.py
Each import runs in a transaction that is rolled back, so the database keeps nothing of it.
Prints a table and writes it to BENCHMARKS.md (its own section, the others kept).
"""

from __future__ import annotations

import argparse
import datetime
import os
import platform
import statistics
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "bench"))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "debate.settings")

from django.conf import settings  # noqa: E402
from django.core.management import call_command  # noqa: E402
from django.db import connection, transaction  # noqa: E402
from report import replace_section  # noqa: E402

from arguments.interchange import aif, store  # noqa: E402
from arguments.interchange.formats import FORMATS, export_text, import_text  # noqa: E402
from arguments.record.models import Debate  # noqa: E402
from arguments.synthetic.aif import generated_aif  # noqa: E402

HEADING = "## Import and export"  # one section per database
TARGET_IMPORT_SECONDS = 5.0


class RolledBack(Exception):
    pass


def timed_import(text: str, name: str, filename: str, repeat: int) -> tuple[float, float, int]:
    times, claims = [], 0
    for _ in range(repeat):
        start = time.perf_counter()
        try:
            with transaction.atomic():
                debate, _warnings = import_text(text, name, filename, slug="bench-import")
                claims = debate.claims.count()
                raise RolledBack
        except RolledBack:
            pass
        times.append(time.perf_counter() - start)
    return statistics.median(times), min(times), claims


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--nodes", type=int, default=10_000)
    parser.add_argument("--claims", type=int, default=10_000)
    parser.add_argument("--repeat", type=int, default=3)
    args = parser.parse_args()

    rows = []
    aif_text = generated_aif(args.nodes)
    start = time.perf_counter()
    parsed = aif.parse_aif(aif_text)
    parse_seconds = time.perf_counter() - start
    median, best, claims = timed_import(aif_text, "aif", "generated.json", args.repeat)
    rows.append(
        f"| import AIF, {args.nodes:,} nodes ({len(aif_text) / 1e6:.1f} MB) → {claims:,} claims, "
        f"{len(parsed.relations):,} relations | {median:.2f} | {best:.2f} | parse alone "
        f"{parse_seconds:.2f} s |"
    )

    slug = f"synthetic-{args.claims}"
    if not Debate.objects.filter(slug=slug).exists():
        call_command("generate_debate", claims=args.claims, slug=slug, verbosity=0)
    debate = Debate.objects.get(slug=slug)
    start = time.perf_counter()
    store.document_from_debate(debate)
    read_seconds = time.perf_counter() - start
    exported = {}
    for format in FORMATS.values():
        times = []
        for _ in range(args.repeat):
            start = time.perf_counter()
            exported[format.name] = export_text(debate, format.name, "http://127.0.0.1:8000")
            times.append(time.perf_counter() - start)
        size = len(exported[format.name].encode()) / 1e6
        rows.append(
            f"| export {format.label}, {debate.claims.count():,} claims ({size:.1f} MB) | "
            f"{statistics.median(times):.2f} | {min(times):.2f} | |"
        )
    for name in ("json", "aif", "argdown", "kialo"):
        median, best, claims = timed_import(exported[name], name, f"{slug}.txt", args.repeat)
        rows.append(
            f"| import back {FORMATS[name].label} → {claims:,} claims | {median:.2f} | "
            f"{best:.2f} | |"
        )

    target = "met" if float(rows[0].split("|")[2]) <= TARGET_IMPORT_SECONDS else "missed"
    lines = [
        f"{HEADING} on {connection.vendor} — {datetime.date.today().isoformat()}",
        "",
        f"Machine: {platform.node()}, {os.cpu_count()} cores, Python {platform.python_version()}, "
        f"database {connection.vendor}, DEBUG={settings.DEBUG}. Median and best of "
        f"{args.repeat} runs; each import is one transaction, rolled back after counting. "
        f"Reading the {args.claims:,}-claim debate into a document: {read_seconds:.2f} s "
        f"(part of every export).",
        "",
        "| what | median s | best s | note |",
        "|---|---:|---:|---|",
        *rows,
        "",
        f"Target: AIF import of {args.nodes:,} nodes in at most {TARGET_IMPORT_SECONDS:.0f} s — "
        f"{target}.",
        "",
    ]
    report = "\n".join(lines)
    print(report)
    benchmarks = ROOT / "BENCHMARKS.md"
    heading = f"{HEADING} on {connection.vendor}"
    benchmarks.write_text(replace_section(benchmarks, heading, report))


if __name__ == "__main__":
    main()
