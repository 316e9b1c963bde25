"""Benchmark: importing generated AIF files of 10,000 and 100,000 nodes, and exporting the
synthetic debates of 10,000 and 100,000 claims in every interchange format and importing
them back.

Run: .venv/bin/python bench/interchange.py [--sizes 10000,100000] [--repeat 3]
Uses the configured database (DATABASE_URL, else db.sqlite3): better a scratch one, e.g.
    DATABASE_URL=sqlite:////tmp/bench.sqlite3 .venv/bin/python manage.py migrate
    DATABASE_URL=sqlite:////tmp/bench.sqlite3 .venv/bin/python bench/interchange.py
and the same with DATABASE_URL=postgres://postgres@127.0.0.1:5432/<scratch database>.
Each import runs in a transaction that is rolled back, so the database keeps nothing of it;
on PostgreSQL the deferred foreign key checks are run first, as the commit would. The AIF
import runs in a fresh process that reads the file, as the import worker does, so its peak
memory (ru_maxrss) is the worker's. Sizes above 10,000 are timed once (--repeat applies to
the others). Prints a table and writes it to BENCHMARKS.md (its own section, the others
kept).
"""

from __future__ import annotations

import argparse
import datetime
import json
import os
import platform
import resource
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "bench"))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "debate.settings")

import django  # noqa: E402

django.setup()  # report.py no longer sets Django up

from django.conf import settings  # noqa: E402
from django.core.management import call_command  # noqa: E402
from django.db import connection, transaction  # noqa: E402
from report import replace_section  # noqa: E402

from arguments.interchange import aif, store  # noqa: E402
from arguments.interchange.formats import FORMATS, export_text, import_text  # noqa: E402
from arguments.record.files import ImportProblems  # noqa: E402
from arguments.record.models import Debate  # noqa: E402
from arguments.synthetic.aif import generated_aif  # noqa: E402

HEADING = "## Import and export"  # one section per database
# Seconds an AIF import may take, by number of nodes (issue 17: 30 s at 100,000).
TARGET_IMPORT_SECONDS = {10_000: 5.0, 100_000: 30.0}
TARGET_WORKER_MB = 300  # a worker's peak memory during the largest import
TIMED_ONCE_ABOVE = 10_000  # larger sizes take long: one run each


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
                if connection.vendor == "postgresql":
                    # The deferred foreign key checks the commit would run.
                    connection.check_constraints()
                raise RolledBack
        except RolledBack:
            pass
        times.append(time.perf_counter() - start)
    return statistics.median(times), min(times), claims


def worker_import(path: str) -> None:
    """In a fresh process: import the AIF file at `path` (rolled back) and print the time,
    the counts and this process's peak memory as JSON."""
    text = Path(path).read_text()
    parse_start = time.perf_counter()
    relations = len(aif.parse_aif(text).relations)  # freed before the import
    parse_seconds = time.perf_counter() - parse_start
    seconds, _best, claims = timed_import(text, "aif", "generated.json", 1)
    peak_mb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024  # KB on Linux
    print(
        json.dumps(
            {
                "seconds": seconds,
                "parse_seconds": parse_seconds,
                "claims": claims,
                "relations": relations,
                "peak_mb": peak_mb,
            }
        )
    )


def aif_import_row(nodes: int, repeat: int) -> tuple[str, dict]:
    """Each run in a fresh process, as the import worker runs it."""
    text = generated_aif(nodes)
    runs = []
    with tempfile.NamedTemporaryFile("w", suffix=".json") as file:
        file.write(text)
        file.flush()
        for _ in range(repeat):
            worker = subprocess.run(
                [sys.executable, __file__, "--worker-import", file.name],
                capture_output=True,
                text=True,
            )
            if worker.returncode:
                raise SystemExit(f"the import process failed:\n{worker.stderr}")
            runs.append(json.loads(worker.stdout.strip().splitlines()[-1]))
    times = [run["seconds"] for run in runs]
    result = {
        "nodes": nodes,
        "median": statistics.median(times),
        "peak_mb": max(run["peak_mb"] for run in runs),
    }
    row = (
        f"| import AIF, {nodes:,} nodes ({len(text) / 1e6:.1f} MB) → {runs[0]['claims']:,} "
        f"claims, {runs[0]['relations']:,} relations | {result['median']:.2f} | "
        f"{min(times):.2f} | parse alone {runs[0]['parse_seconds']:.2f} s; worker peak "
        f"memory {result['peak_mb']:.0f} MB |"
    )
    return row, result


def export_rows(claims: int, repeat: int) -> tuple[list[str], float, float]:
    """Rows for exporting the synthetic debate of `claims` claims and importing it back;
    the time to read it into a document and to generate it (0 when it existed)."""
    rows = []
    slug = f"synthetic-{claims}"
    generate_seconds = 0.0
    if not Debate.objects.filter(slug=slug).exists():
        start = time.perf_counter()
        call_command("generate_debate", claims=claims, slug=slug, verbosity=0)
        generate_seconds = time.perf_counter() - start
    debate = Debate.objects.get(slug=slug)
    start = time.perf_counter()
    store.document_from_debate(debate)
    read_seconds = time.perf_counter() - start
    exported = {}
    for format in FORMATS.values():
        times = []
        for _ in range(repeat):
            start = time.perf_counter()
            exported[format.name] = export_text(debate, format.name, "http://127.0.0.1:8000")
            times.append(time.perf_counter() - start)
        size = len(exported[format.name].encode()) / 1e6
        rows.append(
            f"| export {format.label}, {claims:,} claims ({size:.1f} MB) | "
            f"{statistics.median(times):.2f} | {min(times):.2f} | |"
        )
    for name in ("json", "aif", "argdown", "kialo"):
        try:
            median, best, imported = timed_import(exported.pop(name), name, f"{slug}.txt", repeat)
        except ImportProblems as error:
            # A limit on hostile files can refuse our own large export: say so.
            rows.append(
                f"| import back {FORMATS[name].label}, {claims:,} claims | — | — | refused: "
                f"{error.problems[0]} |"
            )
            continue
        rows.append(
            f"| import back {FORMATS[name].label} → {imported:,} claims | {median:.2f} | "
            f"{best:.2f} | |"
        )
    return rows, read_seconds, generate_seconds


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", default="10000,100000", help="nodes and claims, by commas")
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--worker-import", help=argparse.SUPPRESS)
    args = parser.parse_args()
    # Measure as in production: with DEBUG on, Django also logs every query it runs.
    settings.DEBUG = False
    if args.worker_import:
        worker_import(args.worker_import)
        return
    sizes = [int(size) for size in args.sizes.split(",")]

    def repeat_for(size: int) -> int:
        return args.repeat if size <= TIMED_ONCE_ABOVE else 1

    rows, imports, notes = [], [], []
    for size in sizes:
        row, result = aif_import_row(size, repeat_for(size))
        rows.append(row)
        imports.append(result)
    for size in sizes:
        more, read_seconds, generate_seconds = export_rows(size, repeat_for(size))
        rows += more
        note = f"reading the {size:,}-claim debate into a document {read_seconds:.2f} s"
        if generate_seconds:
            note += f", generating it (`generate_debate`) {generate_seconds:.2f} s"
        notes.append(note)

    targets = []
    for result in imports:
        target = TARGET_IMPORT_SECONDS.get(result["nodes"])
        if target is not None:
            met = "met" if result["median"] <= target else "missed"
            targets.append(
                f"AIF import of {result['nodes']:,} nodes in at most {target:.0f} s — {met} "
                f"({result['median']:.1f} s)"
            )
    largest = max(imports, key=lambda result: result["nodes"])
    met = "met" if largest["peak_mb"] <= TARGET_WORKER_MB else "missed"
    targets.append(
        f"worker's peak memory during the {largest['nodes']:,}-node import at most "
        f"{TARGET_WORKER_MB} MB — {met} ({largest['peak_mb']:.0f} MB)"
    )
    runs = ", ".join(
        f"{size:,}: {'median and best of ' + str(args.repeat) if repeat_for(size) > 1 else 'one'} "
        "run" + ("s" if repeat_for(size) > 1 else "")
        for size in sizes
    )
    lines = [
        f"{HEADING} on {connection.vendor} — {datetime.date.today().isoformat()}",
        "",
        f"Machine: {platform.node()}, {os.cpu_count()} cores, Python {platform.python_version()}, "
        f"database {connection.vendor}, DEBUG={settings.DEBUG}. Runs by size ({runs}); each "
        "import is one transaction, rolled back after counting (on PostgreSQL after the "
        "deferred foreign key checks a commit runs). The AIF import runs in a fresh process "
        "that reads the file, as the import worker does; its peak memory is that process's "
        f"ru_maxrss. Part of every export: {'; '.join(notes)}.",
        "",
        "| what | median s | best s | note |",
        "|---|---:|---:|---|",
        *rows,
        "",
        "Targets: " + "; ".join(targets) + ".",
        "",
    ]
    report = "\n".join(lines)
    print(report)
    benchmarks = ROOT / "BENCHMARKS.md"
    heading = f"{HEADING} on {connection.vendor}"
    benchmarks.write_text(replace_section(benchmarks, heading, report))


if __name__ == "__main__":
    main()
