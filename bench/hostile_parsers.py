"""Benchmark: the importers on hostile inputs of n and 2n characters (or lines).

Run: .venv/bin/python bench/hostile_parsers.py [--size 100000] [--repeat 3]
Each input is built to make a parser slow: brackets that open links never closed, lines of
"#(" or "@<", YAML aliases, 100,000 lines, JSON nested 100,000 deep. A parser linear in its
input takes about twice as long on 2n as on n (ratio ≈ 2); a quadratic one, four times (and
minutes at 200,000 characters). Parsing only: no database. Prints a table and writes it to
BENCHMARKS.md (## Hostile parsers, the other sections kept). The tests
(tests/interchange/test_hostile_parsers.py) run the same inputs without timing them.
"""

from __future__ import annotations

import argparse
import datetime
import os
import platform
import sys
import time
from collections.abc import Callable
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "bench"))

from report import replace_section  # noqa: E402

from arguments.interchange import argdown, kialo, native  # noqa: E402
from arguments.record.files import ImportProblems  # noqa: E402

HEADING = "## Hostile parsers"
LINE = 40_000  # under the importers' line limit, so the parsers see the whole input
TARGET_RATIO = 2.6  # 2n against n: linear with some noise; quadratic gives 4
# Measured before the parsers were made linear (same machine, 10,000 and 20,000 characters).
BEFORE = (
    "Before: Kialo `[` x 10,000: 2.65 s, x 20,000: 11.44 s; Argdown `[` x 20,000 on one line: "
    "3.35 s; `[` on 10,000 lines: 1.95 s; `#(` x 10,000: 1.98 s (quadratic: 200,000 would "
    "take minutes to hours)."
)


def lines_of(pattern: str, total: int) -> str:
    row = pattern * max(1, LINE // len(pattern))
    return "\n".join([row] * max(1, total // len(row)))


def kialo_text(pattern: str) -> Callable[[int], tuple[Callable, str]]:
    return lambda n: (
        kialo.parse_kialo,
        "Discussion Title: T\n\n1. A\n1.1. Pro: " + lines_of(pattern, n),
    )


def argdown_text(pattern: str) -> Callable[[int], tuple[Callable, str]]:
    return lambda n: (argdown.parse_argdown, "[a]: x\n\n" + lines_of(pattern, n))


def kialo_lines(n: int) -> tuple[Callable, str]:
    rows = [f"1.{k}. {'Pro' if k % 2 else 'Con'}: claim {k}" for k in range(1, n // 2 + 1)]
    return kialo.parse_kialo, "Discussion Title: T\n\n1. Thesis\n" + "\n".join(rows)


def argdown_lines(n: int) -> tuple[Callable, str]:
    rows = [f"    {'+' if k % 2 else '-'} [c{k}]: claim {k}" for k in range(n // 2)]
    return argdown.parse_argdown, "[t]: thesis\n" + "\n".join(rows)


def argdown_headings(n: int) -> tuple[Callable, str]:
    return argdown.parse_argdown, "# part\n" * (n // 2) + "[a]: thesis"


def inline(pattern: str) -> Callable[[int], tuple[Callable, str]]:
    def reader(text: str):
        return argdown._Reader("T").inline(text, 1)

    return lambda n: (reader, pattern * (n // len(pattern)))


def markdown_link(pattern: str) -> Callable[[int], tuple[Callable, str]]:
    return lambda n: (lambda text: kialo.MARKDOWN_LINK.sub("", text), pattern * (n // len(pattern)))


def alias_bomb(n: int) -> tuple[Callable, str]:
    levels = ["a: &a [" + ", ".join(["'lol'"] * 9) + "]"]
    levels += [
        f"{chr(98 + k)}: &{chr(98 + k)} [{', '.join(['*' + chr(97 + k)] * 9)}]" for k in range(8)
    ]
    return argdown.parse_argdown, "===\n" + "\n".join(levels) + "\n===\n\n[a]: x\n"


def front_matter(n: int) -> tuple[Callable, str]:
    rows = [f"  - {{key: s{k}, title: 'Source {k}'}}" for k in range(n // 80)]  # n / 2 chars
    return argdown.parse_argdown, "===\ntitle: T\nsources:\n" + "\n".join(
        rows
    ) + "\n===\n\n[a]: x\n"


def deep_json(n: int) -> tuple[Callable, str]:
    return native.parse_native, "[" * n


CASES = [
    ("Kialo: `[` (lines of 40,000)", "chars", kialo_text("[")),
    ("Kialo: `[](`", "chars", kialo_text("[](")),
    ("Kialo: `[a](b`", "chars", kialo_text("[a](b")),
    ("Kialo: link pattern on one line of `[`", "chars", markdown_link("[")),
    ("Kialo: link pattern on one line of `[](`", "chars", markdown_link("[](")),
    ("Kialo: numbered claims", "lines", kialo_lines),
    ("Argdown: `[`", "chars", argdown_text("[")),
    (
        "Argdown: `[` alone on each line",
        "chars",
        lambda n: (argdown.parse_argdown, "[a]: x\n\n" + "[\n" * (n // 2)),
    ),
    ("Argdown: `[a](` (links never closed)", "chars", argdown_text("[a](")),
    ("Argdown: `<`", "chars", argdown_text("<")),
    ("Argdown: `+>`", "chars", argdown_text("+>")),
    ("Argdown: inline `#(` on one line", "chars", inline("#(")),
    ("Argdown: inline `@<` on one line", "chars", inline("@<")),
    ("Argdown: inline `[a](` on one line", "chars", inline("[a](")),
    ("Argdown: relation tree", "lines", argdown_lines),
    ("Argdown: headings in one block", "lines", argdown_headings),
    ("Argdown: YAML front matter of sources", "chars", front_matter),
    ("Argdown: YAML alias bomb (refused)", "fixed", alias_bomb),
    ("JSON: `[` nested n deep (refused)", "chars", deep_json),
]


def timed(make: Callable, n: int, repeat: int) -> tuple[float, str]:
    call, text = make(n)
    times, outcome = [], ""
    for _ in range(repeat):
        start = time.perf_counter()
        try:
            call(text)
            outcome = "read"
        except ImportProblems as error:
            outcome = f"refused: {error.problems[0][:50]}"
        times.append(time.perf_counter() - start)
    return min(times), outcome  # the best run: the machine's other work only adds


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--size", type=int, default=100_000)
    parser.add_argument("--repeat", type=int, default=5)
    args = parser.parse_args()
    n = args.size
    rows, missed = [], []
    for label, unit, make in CASES:
        small, outcome = timed(make, n, args.repeat)
        if unit == "fixed":
            rows.append(f"| {label} | | {small:.3f} | | | {outcome} |")
            continue
        large, _ = timed(make, 2 * n, args.repeat)
        ratio = large / small if small > 0.02 else 0.0  # shorter: noise
        shown = f"{ratio:.1f}" if ratio else "-"
        count = n // 2 if unit == "lines" else n
        rows.append(
            f"| {label} | {count:,} {unit} | {small:.3f} | {large:.3f} | {shown} | {outcome} |"
        )
        if ratio > TARGET_RATIO:
            missed.append(label)
    lines = [
        f"{HEADING} — {datetime.date.today().isoformat()}",
        "",
        f"Machine: {platform.node()}, {os.cpu_count()} cores, Python "
        f"{platform.python_version()}. Parsing only (no database), best of {args.repeat} "
        "runs, at n and 2n; the ratio of the two is about 2 for a linear parser, 4 for a "
        "quadratic one (- when too fast to measure).",
        "",
        "| input | n | n: s | 2n: s | ratio | outcome |",
        "|---|---:|---:|---:|---:|---|",
        *rows,
        "",
        BEFORE,
        "",
        f"Target: ratio at most {TARGET_RATIO} — "
        + (f"missed: {'; '.join(missed)}." if missed else "met for every input."),
        "",
    ]
    report = "\n".join(lines)
    print(report)
    benchmarks = ROOT / "BENCHMARKS.md"
    benchmarks.write_text(replace_section(benchmarks, HEADING, report))


if __name__ == "__main__":
    main()
