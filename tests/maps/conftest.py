"""Fixtures of the map tests."""

import shutil
import stat

import pytest

DOT = shutil.which("dot")


def counting_dot(settings, tmp_path, pause: float = 0) -> callable:
    """Graphviz behind a script that notes each run (and pauses, so that requests asked
    together overlap); returns the number of runs so far. Real dot, counted: no mock."""
    log = tmp_path / "runs.log"
    log.touch()
    script = tmp_path / "dot"
    script.write_text(f'#!/bin/sh\necho run >> "{log}"\nsleep {pause}\nexec "{DOT}" "$@"\n')
    script.chmod(script.stat().st_mode | stat.S_IEXEC)
    settings.GRAPHVIZ_DOT = str(script)
    return lambda: len(log.read_text().splitlines())


@pytest.fixture
def dot_runs(settings, tmp_path):
    return counting_dot(settings, tmp_path)
