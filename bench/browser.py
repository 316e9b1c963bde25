"""Benchmark: what the browser costs. Bytes on the wire and Largest Contentful Paint of the
home page, a claim page and the whole-debate map page, in Debian's Chromium (Playwright) at
390 px with a 4x CPU slowdown and a slow-mobile network (150 ms round trip, 1.6 Mbit/s down,
750 kbit/s up: Lighthouse's "slow 4G"), against gunicorn in production mode.

Run: .venv/bin/python bench/browser.py [--runs 3] [--keep]
Makes a scratch PostgreSQL database (controverse_browser) with the shipped controversy, like
bench/load.py. Each page is loaded --runs times in a fresh browser context (cold cache, the
server's caches warm); the median is reported. Writes BENCHMARKS.md (## Browser).
"""

from __future__ import annotations

import argparse
import datetime
import platform
import statistics
import subprocess
import sys
import tempfile
from pathlib import Path

from load import ROOT, drop_database, gunicorn, prepare_database, server_environment
from playwright.sync_api import sync_playwright
from report import replace_section

HEADING = "## Browser"
DATABASE = "controverse_browser"
REDIS_URL = "redis://127.0.0.1:6379/3"  # a database of its own: bench/load.py uses 1
CHROMIUM = "/usr/bin/chromium"
SLOW_4G = {
    "offline": False,
    "latency": 150,
    "downloadThroughput": 1.6 * 1024 * 1024 / 8,
    "uploadThroughput": 750 * 1024 / 8,
}
# LCP is final once the page is loaded and quiet; the observer reports every candidate.
LCP_SCRIPT = """() => new Promise(resolve => {
  let last = 0;
  new PerformanceObserver(list => {
    for (const entry of list.getEntries()) last = entry.startTime;
  }).observe({type: 'largest-contentful-paint', buffered: true});
  setTimeout(() => resolve(last), 500);
})"""


def measure(browser, url: str) -> tuple[float, int]:
    """(LCP in ms, bytes transferred) of one cold load of `url` on the phone profile."""
    context = browser.new_context(
        viewport={"width": 390, "height": 844}, device_scale_factor=3, is_mobile=True
    )
    page = context.new_page()
    cdp = context.new_cdp_session(page)
    cdp.send("Network.enable")
    cdp.send("Network.emulateNetworkConditions", SLOW_4G)
    cdp.send("Emulation.setCPUThrottlingRate", {"rate": 4})
    transferred = []
    cdp.on("Network.loadingFinished", lambda event: transferred.append(event["encodedDataLength"]))
    page.goto(url, wait_until="networkidle", timeout=120_000)
    lcp = page.evaluate(LCP_SCRIPT)
    context.close()
    return lcp, sum(transferred)


def pages(base: str, environment: dict[str, str]) -> list[tuple[str, str]]:
    from load import django_json

    claim = django_json(
        environment,
        "import json; from arguments.record.models import Claim; "
        "c = Claim.objects.filter(debate__slug='technofeodalisme', hidden_at=None)"
        ".order_by('pk').first(); print(json.dumps(c.get_absolute_url()))",
    )
    return [
        ("home", f"{base}/"),
        ("claim page", f"{base}{claim}"),
        ("map page (whole debate)", f"{base}/technofeodalisme/map/"),
    ]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--keep", action="store_true", help="keep the scratch database")
    args = parser.parse_args()

    environment = server_environment(DATABASE)
    environment["REDIS_URL"] = REDIS_URL
    print(f"Preparing {DATABASE}…", file=sys.stderr)
    prepare_database(environment, DATABASE, synthetic=False)
    subprocess.run(["redis-cli", "-u", REDIS_URL, "flushdb"], check=True, capture_output=True)
    rows = []
    try:
        log = Path(tempfile.gettempdir()) / "controverse-browser-gunicorn.log"
        with gunicorn(environment, 3, 1, log) as base, sync_playwright() as playwright:
            browser = playwright.chromium.launch(
                executable_path=CHROMIUM, args=["--no-sandbox", "--disable-dev-shm-usage"]
            )
            for name, url in pages(base, environment):
                measure(browser, url)  # the server's caches warm, as readers find them
                runs = [measure(browser, url) for _ in range(args.runs)]
                lcp = statistics.median(run[0] for run in runs)
                weight = statistics.median(run[1] for run in runs)
                rows.append((name, lcp, weight))
                print(f"{name}: LCP {lcp:.0f} ms, {weight / 1024:.0f} KB", file=sys.stderr)
            browser.close()
    finally:
        if not args.keep:
            drop_database(DATABASE)

    lines = [
        f"{HEADING} — {datetime.date.today().isoformat()}",
        "",
        f"Machine: {platform.node()}, Chromium (Playwright), 390 px phone viewport, CPU slowed "
        "4x, network 150 ms round trip, 1.6 Mbit/s down, 750 kbit/s up. gunicorn 3 sync "
        "workers in production mode on PostgreSQL and Redis. Each page is loaded once to warm "
        f"the server's caches, then {args.runs} times with an empty browser cache; medians. "
        "Bytes: everything the page loads (HTML, CSS, scripts, images), as sent on the wire.",
        "",
        "| page | LCP, ms | transferred, KB | target |",
        "|---|---:|---:|---|",
        *[
            f"| {name} | {lcp:,.0f} | {weight / 1024:,.0f} | ≤ 1,000 ms, ≤ 200 KB: "
            f"{'met' if lcp <= 1000 and weight <= 200 * 1024 else 'missed'} |"
            for name, lcp, weight in rows
        ],
        "",
    ]
    text = "\n".join(lines)
    print(text)

    benchmarks = ROOT / "BENCHMARKS.md"
    benchmarks.write_text(replace_section(benchmarks, HEADING, text))


if __name__ == "__main__":
    main()
