"""Read-only requests read from a replica when one is configured; writes, and a reader's
requests just after a write, go to the primary."""

from __future__ import annotations

import os
import subprocess
import sys
import textwrap
from pathlib import Path

from debate.routers import PrimaryReplicaRouter, reading_from_replica

ROOT = Path(__file__).resolve().parents[2]


def test_without_a_replica_everything_goes_to_the_primary():
    router = PrimaryReplicaRouter()
    token = reading_from_replica.set(True)
    try:
        assert router.db_for_read(None) == "default"  # no "replica" database configured
    finally:
        reading_from_replica.reset(token)
    assert router.db_for_write(None) == "default"
    assert router.allow_migrate("replica", "arguments") is False


def run(code: str, env: dict) -> str:
    done = subprocess.run(
        [sys.executable, "-c", textwrap.dedent(code)],
        cwd=ROOT,
        env={**os.environ, "DJANGO_SETTINGS_MODULE": "debate.settings", **env},
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert done.returncode == 0, done.stderr[-3000:]
    return done.stdout


SETUP = """
    import django; django.setup()
    from django.core.management import call_command
    call_command("migrate", verbosity=0)
    call_command("load_debate", "tests/data/small", verbosity=0)
"""


def test_reads_go_to_the_replica_and_a_readers_writes_pin_them_to_the_primary(tmp_path):
    primary = f"sqlite:///{tmp_path / 'primary.sqlite3'}"
    replica = f"sqlite:///{tmp_path / 'replica.sqlite3'}"
    run(SETUP, {"DATABASE_URL": primary})
    # The replica: the same schema and rows, but a title that tells it apart.
    run(
        SETUP
        + """
    from arguments.record.models import Debate
    Debate.objects.update(title="Copie en lecture seule")
    """,
        {"DATABASE_URL": replica},
    )
    out = run(
        """
        import django; django.setup()
        from django.contrib.auth.models import User
        from django.test import Client
        User.objects.create_user("alice", password="alice-password")  # on the primary
        client = Client()
        copy = "Copie en lecture seule"
        print("read:", copy in client.get("/petit-debat/about/").content.decode())
        response = client.post(
            "/accounts/login/", {"username": "alice", "password": "alice-password"}
        )
        print("login:", response.status_code)
        print("after:", "Un petit débat" in client.get("/petit-debat/").content.decode())
        print("other:", copy in Client().get("/petit-debat/about/").content.decode())
        # A page kept for every reader is made from the primary, never a lagging replica.
        print("kept:", "Un petit débat" in Client().get("/petit-debat/").content.decode())
        """,
        {"DATABASE_URL": primary, "DATABASE_REPLICA_URL": replica},
    )
    assert out.split("\n")[:5] == [
        "read: True",
        "login: 302",
        "after: True",
        "other: True",
        "kept: True",
    ]
