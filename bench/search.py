"""Benchmark: the search page's throughput, in-process (django test Client), on the shipped
debate and on a 10,000-claim synthetic one, on the configured database.

Run: DATABASE_URL=... .venv/bin/python bench/search.py [--requests 200] [--claims 10000]
It migrates the database it is given, loads the shipped debate, generates (or reuses) the
synthetic one, prints requests per second per query and writes its rows into the
"## Search" section of BENCHMARKS.md, keeping the other database's rows."""

from __future__ import annotations

import argparse
import datetime
import os
import platform
import re
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "debate.settings")

import django  # noqa: E402

django.setup()

from django.conf import settings  # noqa: E402
from django.core.management import call_command  # noqa: E402
from django.db import connection, reset_queries  # noqa: E402
from django.test import Client  # noqa: E402
from django.test.utils import CaptureQueriesContext  # noqa: E402
from report import BENCHMARKS, replace_section  # noqa: E402

from arguments.record.fixture_format import read_debate_folder  # noqa: E402
from arguments.record.loading import store_debate  # noqa: E402
from arguments.record.models import Debate  # noqa: E402

HEADING = "## Search"
# Accents, an ending, a name, two words, a prefix as typed, nothing found.
QUERIES = {
    "technofeodalisme": ["feodalisme", "rentes", "Rauzy", "rente capitalisme", "féoda", "zzzxqj"],
    "synthetic": ["feodalisme", "rentes", "Vidal", "rente valeur", "féoda", "zzzxqj"],
}


def throughput(client: Client, url: str, query: str, requests: int, htmx: bool) -> tuple:
    headers = {"HX-Request": "true"} if htmx else {}
    response = client.get(url, {"q": query}, headers=headers)  # warm
    assert response.status_code == 200, response.status_code
    found = re.search(r'class="count">(\d+)', response.content.decode())
    reset_queries()  # a full log (9,000 under DEBUG) would count none
    with CaptureQueriesContext(connection) as queries:
        client.get(url, {"q": query}, headers=headers)
    start = time.perf_counter()
    for _ in range(requests):
        client.get(url, {"q": query}, headers=headers)
    elapsed = time.perf_counter() - start
    return requests / elapsed, elapsed / requests * 1000, found[1] if found else "?", len(queries)


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--requests", type=int, default=200)
    parser.add_argument("--claims", type=int, default=10000)
    args = parser.parse_args()
    call_command("migrate", verbosity=0)
    store_debate(read_debate_folder(ROOT / "fixtures" / "technofeodalisme"))
    synthetic = f"synthetic-search-{args.claims}"
    if not Debate.objects.filter(slug=synthetic).exists():
        call_command("generate_debate", claims=args.claims, slug=synthetic, verbosity=0)
    Debate.objects.filter(slug=synthetic).update(published_at=datetime.datetime.now(datetime.UTC))
    client = Client(HTTP_ACCEPT_LANGUAGE="fr")
    # A cookie the readers' cache does not know: every answer is made, none is served kept
    # (bench/load.py measures the kept pages).
    client.cookies["bench"] = "made-each-time"
    vendor = connection.vendor
    rows = []
    for slug, kind in [("technofeodalisme", "technofeodalisme"), (synthetic, "synthetic")]:
        claims = Debate.objects.get(slug=slug).claims.count()
        for query in QUERIES[kind]:
            for htmx in (False, True):
                rate, ms, found, count = throughput(
                    client, f"/{slug}/search/", query, args.requests, htmx
                )
                row = (
                    f"| {vendor} | {claims} | {query} | {'htmx' if htmx else 'page'} | {found} "
                    f"| {count} | {ms:.1f} | {rate:.0f} |"
                )
                print(row, flush=True)
                rows.append(row)
    previous = BENCHMARKS.read_text() if BENCHMARKS.exists() else ""
    kept = []
    if HEADING in previous:
        section = previous.split(HEADING, 1)[1].split("\n## ", 1)[0]
        kept = [
            line
            for line in section.splitlines()
            if line.startswith("| ")
            and not line.startswith(f"| {vendor} ")
            and "---" not in line
            and not line.startswith("| database")
        ]
    report = "\n".join(
        [
            HEADING,
            "",
            f"`bench/search.py --requests {args.requests}`, {datetime.date.today()}, "
            f"{platform.machine()}, {os.cpu_count()} CPUs, load average "
            f"{os.getloadavg()[0]:.1f} at the end, DEBUG={settings.DEBUG}, Python "
            f"{platform.python_version()}: the search page "
            "requested in-process (django test Client, one thread, no network), the whole "
            "page and the htmx fragment, each made afresh (the readers' cache is bypassed: "
            "bench/load.py measures kept pages). Found: claims found (the page lists 100 at most); "
            "queries: database queries per request. Stems are stored at save and matched with "
            "`LIKE '% stem%'` on both databases; before this, 55 requests/s "
            "on the shipped debate and 7/s at 10,000 claims on PostgreSQL.",
            "",
            "| database | claims | query | response | found | queries | ms/request | requests/s |",
            "| --- | ---: | --- | --- | ---: | ---: | ---: | ---: |",
            *sorted(kept, key=lambda line: (line.split("|")[1], int(line.split("|")[2]))),
            *rows,
            "",
        ]
    )
    BENCHMARKS.write_text(replace_section(BENCHMARKS, HEADING, report))


if __name__ == "__main__":
    main()
