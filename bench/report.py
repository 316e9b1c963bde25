"""BENCHMARKS.md, one section per benchmark: pure text, no Django, for every bench script."""

from __future__ import annotations

from pathlib import Path

BENCHMARKS = Path(__file__).resolve().parent.parent / "BENCHMARKS.md"


def replace_section(path: Path, heading: str, report: str) -> str:
    """BENCHMARKS.md with this benchmark's section replaced and the others kept."""
    text = path.read_text() if path.exists() else "# Benchmarks\n"
    if heading not in text:
        return text.rstrip() + "\n\n" + report
    before, after = text.split(heading, 1)
    rest = after.split("\n## ", 1)
    tail = "\n## " + rest[1] if len(rest) > 1 else ""
    return before + report.rstrip() + "\n" + tail
