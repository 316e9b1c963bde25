"""Benchmark: what a first-time reader sees of each map without touching a control. For the
default views (whole debate, around the most answered claim, the participant holding most,
the text stating most, the standing page), on a 1366 x 900 screen and a 390 x 844 phone:
the smallest and median size of the drawing's text on the map's first screen (in CSS px,
as Chromium renders it), how far the focus claim is from the frame's centre, where the map
starts on the page, and whether the page scrolls sideways; then the whole debate's SVG
size and aspect ratio, overview and every branch.

Run: .venv/bin/python bench/first_sight.py [--port 8765]
Serves the embedded SQLite database that `bin/setup` loads (the shipped controversy) with
Django's development server, and measures it in Debian's Chromium. Writes BENCHMARKS.md
(## First sight).
"""

from __future__ import annotations

import argparse
import datetime
import os
import re
import statistics
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

from playwright.sync_api import sync_playwright
from report import BENCHMARKS, replace_section

ROOT = Path(__file__).resolve().parent.parent
HEADING = "## First sight"
CHROMIUM = "/usr/bin/chromium"
DEBATE = "technofeodalisme"
SCREENS = {"1366 x 900": (1366, 900, False), "390 x 844": (390, 844, True)}
# The drawing's texts in the visible part of the map's frame, at their rendered size.
FIRST_SCREEN = """() => {
  const canvas = document.querySelector('[data-map-zoom].map-zoom-active');
  const svg = canvas.querySelector('svg');
  const frame = canvas.getBoundingClientRect();
  const inside = (r) => r.right > frame.left && r.left < frame.right
    && r.bottom > frame.top && r.top < Math.min(frame.bottom, window.innerHeight);
  const sizes = [];
  svg.querySelectorAll('g.node text').forEach((text) => {
    if (!inside(text.getBoundingClientRect())) return;
    sizes.push(parseFloat(text.getAttribute('font-size')) * text.getScreenCTM().a);
  });
  const focus = svg.querySelector('g.node.focus');
  const box = focus ? focus.getBoundingClientRect() : null;
  return {
    sizes,
    frame: ((r) => [r.left, r.top, r.width, r.height])(svg.getBoundingClientRect()),
    focus: box ? [box.left + box.width / 2, box.top + box.height / 2] : null,
    pageWidth: document.documentElement.scrollWidth,
    viewport: window.innerWidth,
  };
}"""
MAP_TOP = "() => document.querySelector('[data-map-zoom]').getBoundingClientRect().top"


def shell_value(code: str) -> str:
    """One value computed in the project's Django shell (the views' slugs)."""
    done = subprocess.run(
        [sys.executable, "manage.py", "shell", "--no-imports", "-c", code],
        cwd=ROOT,
        capture_output=True,
        text=True,
        check=True,
    )
    return done.stdout.strip()


def views() -> dict[str, str]:
    found = shell_value(
        "from django.db.models import Count\n"
        "from arguments.record.models import Debate\n"
        f"d = Debate.objects.get(slug='{DEBATE}')\n"
        "c = d.claims.annotate(n=Count('incoming')).order_by('-n', 'pk').first()\n"
        "p = d.participants.annotate(n=Count('claims')).order_by('-n', 'pk').first()\n"
        "s = d.sources.annotate(n=Count('claims')).order_by('-n', 'pk').first()\n"
        "print(c.slug, p.slug, s.slug)"
    )
    claim, participant, source = found.split()
    base = f"/{DEBATE}/map/"
    return {
        "whole debate": base,
        "around a claim (depth 2)": f"{base}?claim={claim}&depth=2",
        "a participant": f"{base}?participant={participant}",
        "a text": f"{base}?source={source}",
        "standing page": f"/{DEBATE}/standing/",
        "who answers whom": f"/{DEBATE}/answers/",
    }


def serve(port: int) -> subprocess.Popen:
    server = subprocess.Popen(
        [sys.executable, "manage.py", "runserver", f"127.0.0.1:{port}", "--noreload"],
        cwd=ROOT,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
        env={**os.environ, "DJANGO_DEBUG": os.environ.get("DJANGO_DEBUG", "")},
    )
    for _ in range(100):
        try:
            urllib.request.urlopen(f"http://127.0.0.1:{port}/", timeout=2)
            return server
        except OSError:
            time.sleep(0.3)
    server.kill()
    raise SystemExit("the development server did not start")


def measure(browser, url: str, screen: str) -> dict:
    width, height, phone = SCREENS[screen]
    context = browser.new_context(
        viewport={"width": width, "height": height}, is_mobile=phone, has_touch=phone
    )
    page = context.new_page()
    page.goto(url, timeout=120_000)
    page.wait_for_selector("[data-map-zoom].map-zoom-active", timeout=60_000)
    top = page.evaluate(MAP_TOP)
    page.locator("[data-map-zoom].map-zoom-active").scroll_into_view_if_needed()
    page.wait_for_timeout(200)
    seen = page.evaluate(FIRST_SCREEN)
    context.close()
    seen["top"] = top
    return seen


def svg_size(port: int, query: str) -> tuple[float, float, int]:
    url = f"http://127.0.0.1:{port}/{DEBATE}/map.svg{query}"
    svg = urllib.request.urlopen(url, timeout=300).read().decode()
    width, height = (
        float(v) for v in re.search(r'width="([\d.]+)pt" height="([\d.]+)pt"', svg).groups()
    )
    claims = len(re.findall(r'<g id="claim&#45;\d+" class="node', svg))
    return width, height, claims


def page_bytes(port: int, query: str) -> tuple[int, int]:
    """The whole-debate map page's size as HTML, and on the wire when gzip is accepted."""
    url = f"http://127.0.0.1:{port}/{DEBATE}/map/{query}"
    plain = urllib.request.urlopen(url, timeout=300).read()
    asked = urllib.request.Request(url, headers={"Accept-Encoding": "gzip"})
    with urllib.request.urlopen(asked, timeout=300) as answer:
        zipped = answer.read()
    return len(plain), len(zipped)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--port", type=int, default=8765)
    args = parser.parse_args()
    pages = views()
    server = serve(args.port)
    rows = []
    try:
        with sync_playwright() as playwright:
            browser = playwright.chromium.launch(executable_path=CHROMIUM)
            for name, path in pages.items():
                for screen in SCREENS:
                    seen = measure(browser, f"http://127.0.0.1:{args.port}{path}", screen)
                    sizes = seen["sizes"] or [0.0]
                    offset = ""
                    if seen["focus"]:
                        left, top, width, height = seen["frame"]
                        x, y = seen["focus"]
                        dx = abs(x - (left + width / 2)) / width * 100
                        dy = abs(y - (top + height / 2)) / height * 100
                        offset = f"{dx:.0f} % / {dy:.0f} %"
                    sideways = seen["pageWidth"] - seen["viewport"]
                    rows.append(
                        f"| {name} | {screen} | {min(sizes):.1f} | {statistics.median(sizes):.1f}"
                        f" | {len(seen['sizes'])} | {offset or '—'} | {seen['top']:.0f}"
                        f" | {'none' if sideways <= 0 else f'{sideways} px'} |"
                    )
                    print(rows[-1], flush=True)
            browser.close()
        shapes = []
        for label, query in (("overview (default)", ""), ("every branch", "?detail=all")):
            width, height, claims = svg_size(args.port, query)
            plain, zipped = page_bytes(args.port, query)
            shapes.append(
                f"| {label} | {claims} | {width:,.0f} x {height:,.0f} | {width / height:.2f}"
                f" | {plain / 1000:,.0f} KB | {zipped / 1000:,.0f} KB |"
            )
            print(shapes[-1], flush=True)
    finally:
        server.terminate()
        server.wait()
    report = "\n".join(
        [
            HEADING,
            "",
            f"{datetime.date.today().isoformat()}, `bench/first_sight.py`: the shipped "
            "controversy on SQLite, Debian's Chromium. Text sizes are the drawing's texts in "
            "the visible part of the map's frame once it is scrolled into view, in CSS px; "
            "the focus offset is the focus claim's distance from the frame's centre, as a "
            "share of the frame's width / height; map top is where the map starts on the page "
            "before any scroll.",
            "",
            "| view | screen | smallest text (px) | median text (px) | texts seen "
            "| focus offset | map top (px) | sideways scroll |",
            "|---|---|---|---|---|---|---|---|",
            *rows,
            "",
            "The whole debate as a file (`map.svg`):",
            "",
            "| drawing | claims drawn | size (pt) | width / height | map page | gzipped |",
            "|---|---|---|---|---|---|",
            *shapes,
            "",
        ]
    )
    BENCHMARKS.write_text(replace_section(BENCHMARKS, HEADING, report))


if __name__ == "__main__":
    main()
