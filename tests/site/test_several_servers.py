"""Two app servers (gunicorn) behind one address share everything through the database and
Redis: a reader signed in on one is signed in on the other, the write limit counts across
both, and an annotation posted on one is in the other's live thread. Nothing lives in one
process's memory."""

from __future__ import annotations

import http.cookiejar
import os
import re
import shutil
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.parse
import urllib.request
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
GUNICORN = Path(sys.executable).with_name("gunicorn")
REDIS = ("127.0.0.1", 6379)
THREAD = "/petit-debat/claims/thesis/annotations/"


def reachable(address) -> bool:
    try:
        socket.create_connection(address, timeout=1).close()
    except OSError:
        return False
    return True


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def shared_database(tmp_path) -> str:
    """On PostgreSQL when the suite runs on it (a scratch database, made afresh), else SQLite."""
    url = os.environ.get("DATABASE_URL", "")
    if not url.startswith("postgres"):
        return f"sqlite:///{tmp_path / 'shared.sqlite3'}"
    import psycopg

    base, _name = url.rsplit("/", 1)
    with psycopg.connect(f"{base}/postgres", autocommit=True) as connection:
        connection.execute("DROP DATABASE IF EXISTS controverse_servers WITH (FORCE)")
        connection.execute("CREATE DATABASE controverse_servers")
    return f"{base}/controverse_servers"


@pytest.fixture
def servers(tmp_path):
    if not reachable(REDIS):
        if os.environ.get("CI"):
            pytest.fail("Redis is not running at 127.0.0.1:6379")
        pytest.skip("Redis is not running at 127.0.0.1:6379")
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "debate.settings",
        "DATABASE_URL": shared_database(tmp_path),
        # A Redis database of its own, emptied first: cache and write limits of this test only.
        "REDIS_URL": "redis://127.0.0.1:6379/13",
        "WRITE_RATE_LIMIT": "3",
        # Counted per window aligned on the clock: a day, so the test never straddles two.
        "WRITE_RATE_WINDOW_SECONDS": "86400",
    }
    setup = (
        "import django; django.setup()\n"
        "from django.core.management import call_command\n"
        "from django.core.cache import cache\n"
        "from django.contrib.auth.models import User\n"
        "call_command('migrate', verbosity=0)\n"
        "call_command('load_debate', 'tests/data/small', verbosity=0)\n"
        "User.objects.create_user('alice', password='alice-password')\n"
        "cache.clear()\n"
    )
    subprocess.run([sys.executable, "-c", setup], cwd=ROOT, env=env, check=True, timeout=120)
    ports = [free_port(), free_port()]
    processes = [
        subprocess.Popen(
            [str(GUNICORN), "debate.wsgi", "--bind", f"127.0.0.1:{port}", "--workers", "1"],
            cwd=ROOT,
            env=env,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
        )
        for port in ports
    ]
    try:
        deadline = time.monotonic() + 30
        while not all(reachable(("127.0.0.1", port)) for port in ports):
            assert time.monotonic() < deadline, "gunicorn did not start"
            time.sleep(0.2)
        yield [f"http://127.0.0.1:{port}" for port in ports]
    finally:
        for process in processes:
            process.terminate()
            process.wait(timeout=10)


class Reader:
    """One browser: its cookies go to whichever server it talks to."""

    def __init__(self):
        self.cookies = http.cookiejar.CookieJar()
        self.opener = urllib.request.build_opener(urllib.request.HTTPCookieProcessor(self.cookies))

    def get(self, url: str) -> tuple[int, str]:
        try:
            with self.opener.open(url, timeout=10) as response:
                return response.status, response.read().decode()
        except urllib.error.HTTPError as error:
            return error.code, error.read().decode()

    def post(self, url: str, fields: dict) -> int:
        _status, page = self.get(url)
        token = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', page).group(1)
        data = urllib.parse.urlencode({**fields, "csrfmiddlewaretoken": token}).encode()
        request = urllib.request.Request(url, data=data, headers={"Referer": url})
        try:
            with self.opener.open(request, timeout=10) as response:
                return response.status
        except urllib.error.HTTPError as error:
            return error.code


@pytest.mark.skipif(not GUNICORN.exists() or shutil.which("dot") is None, reason="no gunicorn")
def test_two_servers_share_sessions_limits_and_live_threads(servers):
    one, two = servers
    alice = Reader()
    status = alice.post(
        f"{one}/accounts/login/", {"username": "alice", "password": "alice-password"}
    )
    assert status == 200  # followed the redirect
    # Signed in on the first server, she is signed in on the second: the session is shared.
    _status, page = alice.get(f"{two}/petit-debat/claims/thesis/")
    assert '<span class="user">alice</span>' in page
    # The write limit (3 a day here) counts across both servers, in Redis.
    answers = [
        alice.post(f"{server}{THREAD}", {"stance": "comment", "body": f"note {n}", "tags": ""})
        for n, server in enumerate([one, two, one, two])
    ]
    assert answers == [200, 200, 200, 429]
    # What she wrote on one server is in the other's thread, which live polling reads.
    _status, thread = Reader().get(f"{two}{THREAD}")
    assert all(f"note {n}" in thread for n in range(3))
    assert "note 3" not in thread
