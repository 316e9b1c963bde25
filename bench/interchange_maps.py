"""Benchmark: a whole map drawn to SVG from the command line, three ways, on the same maps
(the shipped debate and a generated 1,000-claim debate, every branch drawn):

- `manage.py export_map <slug> --detail all --format svg`, a whole process with a cold
  cache (no REDIS_URL: the process's own memory cache, empty at its start);
- the Argdown CLI, `argdown map FILE OUTDIR --format svg`, on our Argdown export;
- arguebuf's Graphviz rendering (`arguebuf.dump.graphviz`, `arguebuf.render.graphviz`)
  of our AIF export, in a fresh Python process.

Run: .venv/bin/python bench/interchange_maps.py [--repeat 3] [--warmup 1] [--claims 1000]
Uses the configured database (DATABASE_URL, else db.sqlite3) with the shipped debate loaded
(bin/setup); the generated debate (`synthetic-<claims>`) is made by `manage.py
generate_debate` when it is missing. Each command is a whole process timed from outside
(start to exit, its start-up included), the three in turn (A B C A B C ...) so that a
machine whose speed drifts slows them alike; a run over `--timeout` seconds is stopped and
that tool not run again on that map; `--warmup` runs of each are not counted (they
also write Python's bytecode, as an installation has it). Prints a table and writes it to
BENCHMARKS.md (its own section, the others kept).
"""

from __future__ import annotations

import argparse
import datetime
import os
import platform
import re
import resource
import signal
import statistics
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass, field
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "bench"))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "debate.settings")

import django  # noqa: E402

django.setup()

from django.core.management import call_command  # noqa: E402
from django.db import connection  # noqa: E402
from report import replace_section  # noqa: E402

from arguments.interchange.formats import export_text  # noqa: E402
from arguments.record.models import Debate  # noqa: E402

HEADING = "## Maps from the command line: export_map, the Argdown CLI, arguebuf"
SHIPPED = "technofeodalisme"
TARGET_RATIO = 0.5  # export_map at most half the Argdown CLI's time (issue 21)
ARGDOWN = ROOT / "node_modules" / ".bin" / "argdown"
# arguebuf as its documentation shows it: load the file, dump to DOT, render with Graphviz.
# Its dump refuses graphs of more than 1,000 nodes unless told otherwise.
ARGUEBUF = """
import sys
from pathlib import Path
from arguebuf import dump, load, render
graph = load.file(Path(sys.argv[1]))
render.graphviz(dump.graphviz(graph, max_nodes=len(graph.nodes)), Path(sys.argv[2]))
"""
EXPORT_MAP_OPTIONS = ("--detail", "all", "--format", "svg", "-v", "0")
DOT_OPTIONS = ("--detail", "all", "--format", "dot", "-v", "0")
SVG_NODE = re.compile(rb'class="node')


@dataclass
class Tool:
    name: str
    command: list[str]
    output: Path  # the SVG the command writes
    env: dict[str, str]
    walls: list[float] = field(default_factory=list)
    cpus: list[float] = field(default_factory=list)
    timed_out: float = 0.0  # the bound a run went over, if one did

    def run(self, counted: bool, timeout: float) -> None:
        """One run; a run over `timeout` seconds is stopped (with what it started, `dot`
        included) and the tool is not run again."""
        self.output.unlink(missing_ok=True)
        before = resource.getrusage(resource.RUSAGE_CHILDREN)
        start = time.perf_counter()
        process = subprocess.Popen(
            self.command,
            env=self.env,
            cwd=ROOT,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.PIPE,
            start_new_session=True,  # its own process group, stopped whole
        )
        try:
            _out, errors = process.communicate(timeout=timeout)
        except subprocess.TimeoutExpired:
            os.killpg(process.pid, signal.SIGKILL)
            process.wait()
            self.timed_out = timeout
            return
        wall = time.perf_counter() - start
        after = resource.getrusage(resource.RUSAGE_CHILDREN)
        if process.returncode or not self.output.exists():
            raise SystemExit(
                f"{self.name} failed ({process.returncode}):\n"
                f"{errors.decode(errors='replace')[-2000:]}"
            )
        if counted:
            self.walls.append(wall)
            self.cpus.append(after.ru_utime - before.ru_utime + after.ru_stime - before.ru_stime)


def environment(**changes: str | None) -> dict[str, str]:
    env = dict(os.environ)
    for name, value in changes.items():
        if value is None:
            env.pop(name, None)
        else:
            env[name] = value
    return env


def tools_for(slug: str, folder: Path) -> list[Tool]:
    debate = Debate.objects.get(slug=slug)
    argdown_file = folder / f"{slug}.argdown"
    argdown_file.write_text(export_text(debate, "argdown", "http://127.0.0.1:8000"))
    aif_file = folder / f"{slug}.json"
    aif_file.write_text(export_text(debate, "aif", "http://127.0.0.1:8000"))
    python = environment(PYTHONDONTWRITEBYTECODE=None)
    ours = environment(
        PYTHONDONTWRITEBYTECODE=None,
        REDIS_URL=None,  # the process's own cache: cold at every start
        MAP_NODE_BUDGET="1000000",  # drawn whole, no branch folded
        GRAPHVIZ_TIMEOUT_SECONDS="3600",
    )
    ours_svg, ours_dot = str(folder / "export_map.svg"), str(folder / "export_map.dot")
    return [
        Tool(
            "export_map",
            [sys.executable, "manage.py", "export_map", slug, *EXPORT_MAP_OPTIONS, "-o", ours_svg],
            folder / "export_map.svg",
            ours,
        ),
        # Where export_map's time goes: everything but the layout (start-up, reading the
        # debate, the DOT text), then Graphviz's layout of that DOT text alone.
        Tool(
            "export_map --format dot (no layout)",
            [sys.executable, "manage.py", "export_map", slug, *DOT_OPTIONS, "-o", ours_dot],
            folder / "export_map.dot",
            ours,
        ),
        Tool(
            "dot -Tsvg alone, on that DOT",
            ["dot", "-Tsvg", "-o", str(folder / "dot.svg"), ours_dot],
            folder / "dot.svg",
            environment(),
        ),
        Tool(
            "Argdown CLI",
            [str(ARGDOWN), "map", str(argdown_file), str(folder / "argdown"), "--format", "svg"],
            folder / "argdown" / f"{slug}.svg",
            environment(),
        ),
        Tool(
            "arguebuf",
            [sys.executable, "-c", ARGUEBUF, str(aif_file), str(folder / "arguebuf.svg")],
            folder / "arguebuf.svg",
            python,
        ),
    ]


def measure(slug: str, repeat: int, warmup: int, timeout: float) -> tuple[int, list[Tool]]:
    claims = Debate.objects.get(slug=slug).claims.shown().count()
    folder = Path(tempfile.mkdtemp(prefix=f"bench-maps-{slug}-"))
    tools = tools_for(slug, folder)
    for index in range(warmup + repeat):
        for tool in tools:
            if not tool.timed_out:
                tool.run(counted=index >= warmup, timeout=timeout)
    return claims, tools


def row(slug: str, claims: int, tool: Tool) -> str:
    if not tool.walls:
        return f"| {slug} | {claims:,} | {tool.name} | > {tool.timed_out:.0f} (stopped) | | | | | |"
    made = tool.output.read_bytes()
    if made.rstrip().endswith(b"</svg>"):
        size, nodes = f"{len(made) / 1e3:,.0f} KB", f"{len(SVG_NODE.findall(made)):,}"
    else:
        size, nodes = f"({len(made) / 1e3:,.0f} KB of DOT)", ""
    return (
        f"| {slug} | {claims:,} | {tool.name} | {statistics.median(tool.walls):.2f} | "
        f"{min(tool.walls):.2f} | {max(tool.walls):.2f} | "
        f"{statistics.median(tool.cpus):.2f} | {size} | {nodes} |"
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--warmup", type=int, default=1)
    parser.add_argument("--claims", type=int, default=1000, help="the generated debate's size")
    parser.add_argument(
        "--timeout", type=float, default=300, help="seconds a run may take before it is stopped"
    )
    args = parser.parse_args()
    generated = f"synthetic-{args.claims}"
    if not Debate.objects.filter(slug=generated).exists():
        call_command("generate_debate", claims=args.claims, slug=generated, verbosity=0)
    rows, verdicts = [], []
    for slug in (SHIPPED, generated):
        claims, tools = measure(slug, args.repeat, args.warmup, args.timeout)
        rows += [row(slug, claims, tool) for tool in tools]
        by_name = {tool.name: tool for tool in tools}
        ours, argdown = by_name["export_map"], by_name["Argdown CLI"]
        if not ours.walls or not argdown.walls:
            verdicts.append(f"{slug}: not measured (a run was stopped)")
            continue
        for figure, values in (("wall", "walls"), ("CPU", "cpus")):
            ratio = statistics.median(getattr(ours, values)) / statistics.median(
                getattr(argdown, values)
            )
            met = "met" if ratio <= TARGET_RATIO else "missed"
            verdicts.append(f"{slug}, {figure} time: {ratio:.2f} of the Argdown CLI's — {met}")
    lines = [
        f"{HEADING} — {datetime.date.today().isoformat()}",
        "",
        f"Machine: {platform.node()}, {os.cpu_count()} cores, Python "
        f"{platform.python_version()}, database {connection.vendor}, Graphviz "
        f"{graphviz_version()}, Argdown CLI {argdown_version()}. Each command a whole process "
        f"(start-up included), {args.repeat} counted runs after {args.warmup} not counted, "
        f"the three in turn, a run over {args.timeout:.0f} s stopped. export_map: "
        "`--detail all`, cold cache (its process's own), MAP_NODE_BUDGET raised so that "
        "nothing is folded; Argdown on our Argdown export, "
        "arguebuf on our AIF export (it draws the scheme nodes too). Wall seconds, and CPU "
        "seconds (user + system, the command and what it waited for, `dot` included): on a "
        "shared machine the CPU time is the steadier figure. The two rows under export_map "
        "split its time: all but the layout (`--format dot`: start-up, reading the debate, "
        "the DOT text), and Graphviz's layout of that DOT text alone.",
        "",
        "| map | claims | tool | median s | min s | max s | median CPU s | SVG | nodes drawn |",
        "|---|---:|---|---:|---:|---:|---:|---:|---:|",
        *rows,
        "",
        f"Target: export_map at most {TARGET_RATIO:.0%} of the Argdown CLI's time on both "
        "maps. " + "; ".join(verdicts) + ".",
        "",
    ]
    report = "\n".join(lines)
    print(report)
    benchmarks = ROOT / "BENCHMARKS.md"
    benchmarks.write_text(replace_section(benchmarks, HEADING, report))


def graphviz_version() -> str:
    finished = subprocess.run(["dot", "-V"], capture_output=True, text=True)
    found = re.search(r"version (\S+)", finished.stderr)
    return found[1] if found else "?"


def argdown_version() -> str:
    package = ROOT / "node_modules" / "@argdown" / "cli" / "package.json"
    found = re.search(r'"version":\s*"([^"]+)"', package.read_text()) if package.exists() else None
    return found[1] if found else "?"


if __name__ == "__main__":
    main()
