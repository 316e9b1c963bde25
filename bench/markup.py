"""Benchmark: rendering hostile annotation bodies, before (python-markdown) and after
(markdown-it-py), both cleaned by nh3.

Run: .venv/bin/python bench/markup.py [--repeat 3] [--timeout 60]
No database. "Before" runs each input once in its own process, stopped after --timeout
seconds (python-markdown is quadratic on unclosed brackets: 200,000 would take hours), and
is skipped if python-markdown is not installed. Prints the figures and writes them to
BENCHMARKS.md (its own section, the others kept).
"""

from __future__ import annotations

import argparse
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
sys.path.insert(0, str(ROOT / "bench"))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "debate.settings")

from report import replace_section  # noqa: E402

from annotations.markup import render_markdown  # noqa: E402

HEADING = "## Markdown"
TYPICAL = (
    "Je ne suis pas *convaincue* : la **rente** dont parle l'auteur est-elle mesurée ?\n\n"
    "> Les plateformes captent la valeur sans la produire.\n\n"
    "Voir [le rapport](https://example.org/rapport.pdf), p. 12, et :\n\n"
    "- la définition du *fief* ;\n- les chiffres de 2021 ;\n- la réponse de l'éditeur.\n"
)
# (what, text): the case first, then 200,000-character inputs.
INPUTS = [
    ("typical annotation (Markdown, a link, a list)", TYPICAL),
    ("5,000 `[` (the form's limit)", "[" * 5000),
    ("200,000 `[`", "[" * 200_000),
    ("200,000 `*`", "*" * 200_000),
    ("200,000 `<`", "<" * 200_000),
    ("`>` quotes 10,000 deep", ">" * 10_000 + " fond"),
    ("`[a](` x 50,000 (200,000 characters)", "[a](" * 50_000),
    ("`![` x 100,000 (200,000 characters)", "![" * 100_000),
]
# python-markdown as annotations/markup.py used it before, in a process of its own.
BEFORE = """
import sys, time, markdown, nh3
from annotations.markup import ALLOWED_TAGS
text = sys.stdin.read()
markdown.markdown("warm *up*", extensions=["sane_lists"])  # loads its extensions
start = time.perf_counter()
html = markdown.markdown(text, extensions=["sane_lists"], output_format="html")
nh3.clean(
    html,
    tags=ALLOWED_TAGS,
    attributes={"a": {"href", "title"}},
    url_schemes={"http", "https", "mailto"},
    link_rel="nofollow noopener",
)
print(time.perf_counter() - start)
"""


def before_ms(text: str, timeout: float) -> str:
    try:
        done = subprocess.run(
            [sys.executable, "-c", BEFORE],
            cwd=ROOT,
            input=text,
            capture_output=True,
            text=True,
            timeout=timeout,
        )
    except subprocess.TimeoutExpired:
        return f"> {timeout * 1000:,.0f} (stopped)"
    if done.returncode != 0:
        if "No module named 'markdown'" in done.stderr:
            return "not installed"
        return "failed: " + done.stderr.strip().splitlines()[-1]
    return f"{float(done.stdout) * 1000:,.1f}"


def after_ms(text: str, repeat: int) -> float:
    times = []
    for _ in range(repeat):
        start = time.perf_counter()
        render_markdown(text)
        times.append(time.perf_counter() - start)
    return statistics.median(times) * 1000


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--timeout", type=float, default=60)
    args = parser.parse_args()

    rows = []
    for what, text in INPUTS:
        after = after_ms(text, args.repeat)
        before = before_ms(text, args.timeout)
        rows.append(f"| {what} | {len(text):,} | {before} | {after:,.1f} |")
        print(rows[-1], flush=True)
    lines = [
        f"{HEADING} — {datetime.date.today().isoformat()}",
        "",
        f"Machine: {platform.node()}, {os.cpu_count()} cores, Python "
        f"{platform.python_version()}. No database. An annotation's body is rendered once, "
        "when it is saved, and stored in `body_html`; pages read that column and render "
        "nothing. *before*: python-markdown (sane_lists) then nh3, as each page view used to "
        f"do for each annotation shown, one run, stopped after {args.timeout:.0f} s. *after*: "
        f"`annotations.markup.render_markdown` (markdown-it-py, CommonMark) with nh3, median "
        f"of {args.repeat} runs. The form takes at most 5,000 characters; the longer inputs "
        "check the parser does not depend on that limit.",
        "",
        "| input | characters | before ms | after ms |",
        "|---|---:|---:|---:|",
        *rows,
        "",
    ]
    report = "\n".join(lines)
    print(report)
    benchmarks = ROOT / "BENCHMARKS.md"
    benchmarks.write_text(replace_section(benchmarks, HEADING, report))


if __name__ == "__main__":
    main()
