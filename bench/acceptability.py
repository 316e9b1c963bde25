"""Benchmark: grounded labelling of a generated 100,000-claim argument graph.

Run: .venv/bin/python bench/acceptability.py [--claims 100000] [--repeat 5] [--seed 1]
No database: the graph is generated in memory. Prints the figures and writes them to
BENCHMARKS.md (its own section, the others kept).
"""

from __future__ import annotations

import argparse
import datetime
import os
import platform
import random
import statistics
import sys
import time
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "bench"))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "debate.settings")

from report import replace_section  # noqa: E402

from arguments.standing.acceptability import grounded  # noqa: E402

HEADING = "## Acceptability"
TARGET_SECONDS = 1.0


def generated_graph(claims: int, seed: int):
    """A debate-shaped graph: every claim but the first argues for or against a recent one
    (mostly against), plus as many objections again between random claims (they close
    cycles), some explicit even and odd cycles, and undercuts of objections and supports."""
    rng = random.Random(seed)
    attacks, supports = [], []
    for claim in range(1, claims):
        target = rng.randrange(max(0, claim - 50), claim)
        if rng.random() < 0.7:
            attacks.append((len(attacks) + len(supports), claim, target))
        else:
            supports.append((len(attacks) + len(supports), claim, target))
    for _ in range(claims // 4):
        source, target = rng.randrange(claims), rng.randrange(claims)
        attacks.append((len(attacks) + len(supports), source, target))
    for start in range(0, claims // 10, 10):
        # A pair objecting to each other, and three claims objecting in a ring.
        for source, target in ((start, start + 1), (start + 1, start)):
            attacks.append((len(attacks) + len(supports), source, target))
        for k in range(3):
            source, target = start + 2 + k, start + 2 + (k + 1) % 3
            attacks.append((len(attacks) + len(supports), source, target))
    relations = [relation for relation, _source, _target in attacks + supports]
    undercuts = {(rng.randrange(claims), rng.choice(relations)) for _ in range(claims // 30)}
    return list(range(claims)), attacks, supports, sorted(undercuts)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--claims", type=int, default=100_000)
    parser.add_argument("--repeat", type=int, default=5)
    parser.add_argument("--seed", type=int, default=1)
    args = parser.parse_args()

    claims, attacks, supports, undercuts = generated_graph(args.claims, args.seed)
    objection_ids = {relation for relation, _source, _target in attacks}
    undercut_objections = sum(1 for _claim, relation in undercuts if relation in objection_ids)
    times = []
    for _ in range(args.repeat):
        start = time.perf_counter()
        labelling = grounded(claims, attacks, undercuts)
        times.append(time.perf_counter() - start)
    median, best = statistics.median(times), min(times)
    start = time.perf_counter()
    labelling.reason(claims[0])  # builds the indexes reasons use
    first_reason_ms = (time.perf_counter() - start) * 1000
    start = time.perf_counter()
    for claim in claims[1:1001]:
        labelling.reason(claim).words(str)
    reasons_ms = (time.perf_counter() - start) * 1000

    claim_labels = Counter(labelling.claims.values())
    relation_labels = Counter(labelling.relations.values())
    target = "met" if median <= TARGET_SECONDS else "missed"
    lines = [
        f"{HEADING} — {datetime.date.today().isoformat()}",
        "",
        f"Machine: {platform.node()}, {os.cpu_count()} cores, Python "
        f"{platform.python_version()}. Generated graph (seed {args.seed}): {len(claims):,} "
        f"claims, {len(attacks):,} objections, {len(supports):,} supports, {len(undercuts):,} "
        f"undercuts ({undercut_objections:,} of objections), with cycles. No database.",
        "",
        "| what | median s | best s |",
        "|---|---:|---:|",
        f"| grounded labelling (`arguments.standing.acceptability.grounded`), {args.repeat} runs "
        f"| {median:.2f} | {best:.2f} |",
        "",
        f"Labels: claims {claim_labels['in']:,} in, {claim_labels['out']:,} out, "
        f"{claim_labels['undec']:,} undecided; objections {relation_labels['in']:,} in force, "
        f"{relation_labels['out']:,} defeated, {relation_labels['undec']:,} undecided. "
        f"First reason (builds the indexes): {first_reason_ms:.0f} ms; the next 1,000 "
        f"reasons with their words: {reasons_ms:.0f} ms.",
        "",
        f"Target: grounded labelling of {len(claims):,} claims in at most "
        f"{TARGET_SECONDS:.0f} s — {target}.",
        "",
    ]
    report = "\n".join(lines)
    print(report)
    benchmarks = ROOT / "BENCHMARKS.md"
    benchmarks.write_text(replace_section(benchmarks, HEADING, report))


if __name__ == "__main__":
    main()
