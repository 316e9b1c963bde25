"""Benchmark: page times, query counts and map rendering on the shipped controversy.

Run: .venv/bin/python bench/pages.py   (after bin/setup; uses the configured database)
Prints a table and writes it to BENCHMARKS.md with the machine and the date.
"""

from __future__ import annotations

import datetime
import os
import platform
import statistics
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "debate.settings")

import django  # noqa: E402

django.setup()

from django.conf import settings  # noqa: E402
from django.db import connection  # noqa: E402
from django.test import Client  # noqa: E402
from django.test.utils import CaptureQueriesContext  # noqa: E402
from report import replace_section  # noqa: E402

from arguments.maps.build import build_map  # noqa: E402
from arguments.maps.options import MapOptions  # noqa: E402
from arguments.maps.render import render  # noqa: E402
from arguments.record.fixture_format import read_debate_folder  # noqa: E402
from arguments.record.loading import store_debate  # noqa: E402
from arguments.record.models import Claim, Debate  # noqa: E402

REPEAT = 15


def timed(function, repeat=REPEAT):
    times = []
    for _ in range(repeat):
        start = time.perf_counter()
        function()
        times.append((time.perf_counter() - start) * 1000)
    return statistics.median(times), min(times)


def main() -> None:
    store_debate(read_debate_folder(ROOT / "fixtures" / "technofeodalisme"))
    debate = Debate.objects.get(slug="technofeodalisme")
    thesis = debate.claims.theses().order_by("position").first()
    client = Client(HTTP_ACCEPT_LANGUAGE="fr")
    rows = []
    pages = [
        ("home", "/"),
        ("debate", debate.get_absolute_url()),
        ("claim (thesis, depth 1)", thesis.get_absolute_url()),
        ("claim (thesis, depth 3)", thesis.get_absolute_url() + "?depth=3"),
        ("source", debate.sources.filter(claims__isnull=False).first().get_absolute_url()),
        ("participant", debate.participants.first().get_absolute_url()),
        ("search", f"/{debate.slug}/search/?q=capitalisme"),
        ("map page (whole debate, cached)", f"/{debate.slug}/map/"),
        ("map page (claim, depth 2, cached)", f"/{debate.slug}/map/?claim={thesis.slug}&depth=2"),
        ("map page (participant, cached)", f"/{debate.slug}/map/?participant=morozov"),
        ("map page (whole debate, labels marked, cached)", f"/{debate.slug}/map/?standing=show"),
        ("who stands (last step, cached)", f"/{debate.slug}/standing/"),
        ("who stands (a step, htmx, cached)", f"/{debate.slug}/standing/?as_of=2025-10-17"),
    ]
    for name, url in pages:
        headers = {"HX-Request": "true"} if "htmx" in name else {}
        assert client.get(url, headers=headers).status_code == 200, url
        with CaptureQueriesContext(connection) as queries:
            client.get(url, headers=headers)
        query_count = len(queries)
        median, best = timed(
            lambda url=url, headers=headers: client.get(url, headers=headers),
            repeat=5 if "map" in name else REPEAT,
        )
        rows.append((name, f"{median:.1f}", f"{best:.1f}", str(query_count)))

    participants = list(debate.participants.annotate_claim_counts())
    sources = list(debate.sources.in_date_order())

    def whole_map():
        return build_map(debate, MapOptions(), participants, sources, None)

    whole = whole_map()
    dot_only, _ = timed(
        lambda: subprocess.run(
            ["dot", "-Tsvg"], input=whole.dot_source.encode(), check=True, capture_output=True
        ),
        repeat=5,
    )
    full, _ = timed(lambda: render(whole_map().dot_source, "svg"), repeat=5)
    claims = Claim.objects.filter(debate=debate).count()
    lines = [
        f"## Reading pages and map — {datetime.date.today().isoformat()}",
        "",
        f"Machine: {platform.node()}, {os.cpu_count()} cores, Python {platform.python_version()}, "
        f"database {connection.vendor}, DEBUG={settings.DEBUG}. Debate: {claims} claims, "
        f"{whole.relation_count} relations. Django test client, in-process (no network).",
        "",
        "| page | median ms | best ms | queries |",
        "|---|---:|---:|---:|",
        *[f"| {name} | {median} | {best} | {queries} |" for name, median, best, queries in rows],
        "",
        f"Whole-debate map ({whole.claim_count} nodes, {whole.relation_count} edges): "
        f"build + `dot -Tsvg` {full:.0f} ms; `dot -Tsvg` alone on the same DOT {dot_only:.0f} ms "
        f"(overhead ratio {full / dot_only:.2f}).",
        "",
    ]
    report = "\n".join(lines)
    print(report)
    benchmarks = ROOT / "BENCHMARKS.md"
    benchmarks.write_text(replace_section(benchmarks, "## Reading pages and map", report))


if __name__ == "__main__":
    main()
