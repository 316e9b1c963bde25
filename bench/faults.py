"""Faults under load: PostgreSQL restarted, Redis stopped, Redis frozen (SIGSTOP), one after
the other, while signed-in readers post annotations and anonymous readers read claim pages
and maps. Per fault: requests, answers by status, the longest answer, and the writes
acknowledged against the writes found in the database afterwards (none may be lost).

Run: .venv/bin/python bench/faults.py [--settle 8] [--redis-down 8] [--freeze 10]
It restarts the machine's shared PostgreSQL once (a second or two; other people's runs on it
fail meanwhile: run it rarely) and always leaves it running. It starts a Redis of its own on
a free port (stopped at the end), a scratch database (controverse_faults, dropped at the
end) and gunicorn in production mode. Writes BENCHMARKS.md
(## Faults).
"""

from __future__ import annotations

import argparse
import datetime
import os
import platform
import secrets
import shutil
import signal
import subprocess
import sys
import tempfile
import threading
import time
from dataclasses import dataclass, field
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from fault import (
    PASSWORD,
    Browser,
    claim_paths,
    create_readers,
    make_sure_postgres_runs,
    postgres,
    postgres_ready,
    postgres_version,
    stored_bodies,
)
from load import ROOT, drop_database, free_port, gunicorn, prepare_database, server_environment
from report import replace_section

HEADING = "## Faults"
WRITERS = 4
READERS = 2
WRITE_PAUSE_SECONDS = 0.05
READ_PAUSE_SECONDS = 0.02
MAX_REQUESTS_PER_CLIENT = 20_000
REDIS_TIMEOUT_SECONDS = "0.5"


class Redis:
    """A redis-server of this run's own: stopped, started again on its port, frozen."""

    def __init__(self):
        self.port = free_port()
        self.process: subprocess.Popen | None = None
        self.start()

    @property
    def url(self) -> str:
        return f"redis://127.0.0.1:{self.port}/0"

    def start(self) -> None:
        command = [shutil.which("redis-server"), "--port", str(self.port), "--bind", "127.0.0.1"]
        command += ["--save", "", "--appendonly", "no", "--daemonize", "no"]
        self.process = subprocess.Popen(
            command, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL
        )
        for _ in range(100):
            ping = subprocess.run(
                ["redis-cli", "-p", str(self.port), "ping"], capture_output=True, text=True
            )
            if ping.stdout.strip() == "PONG":
                return
            time.sleep(0.05)
        sys.exit("redis-server did not start")

    def stop(self) -> None:
        if self.process and self.process.poll() is None:
            self.process.send_signal(signal.SIGCONT)
            self.process.terminate()
            self.process.wait(timeout=10)

    def freeze(self) -> None:
        self.process.send_signal(signal.SIGSTOP)

    def thaw(self) -> None:
        self.process.send_signal(signal.SIGCONT)


@dataclass
class Answer:
    sent: float
    took: float
    kind: str  # "write" or "read"
    status: int  # 0: no HTTP answer


@dataclass
class Client:
    browser: Browser
    kind: str
    paths: list[str]
    label: str = ""
    answers: list[Answer] = field(default_factory=list)
    attempted: list[str] = field(default_factory=list)
    acknowledged: list[str] = field(default_factory=list)

    def run(self, stop: threading.Event) -> None:
        token = self.browser.form_token(self.paths[0]) if self.kind == "write" else ""
        for number in range(MAX_REQUESTS_PER_CLIENT):
            if stop.is_set():
                return
            sent = time.monotonic()
            if self.kind == "write":
                text = f"faults-{self.label}-{number}"
                self.attempted.append(text)
                form = {"stance": "comment", "body": text, "tags": "", "csrfmiddlewaretoken": token}
                status, _headers, _page = self.browser.request(
                    "POST", self.paths[0] + "annotations/", form
                )
                if status == 302:
                    self.acknowledged.append(text)
                pause = WRITE_PAUSE_SECONDS
            else:
                path = self.paths[number % len(self.paths)]
                status, _headers, _page = self.browser.request("GET", path)
                pause = READ_PAUSE_SECONDS
            self.answers.append(Answer(sent, time.monotonic() - sent, self.kind, status))
            time.sleep(pause)


def restart_postgres() -> None:
    postgres("stop")
    postgres("start")
    deadline = time.monotonic() + 30
    while not postgres_ready() and time.monotonic() < deadline:
        time.sleep(0.1)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--settle", type=float, default=8, help="seconds of load between faults")
    parser.add_argument("--redis-down", type=float, default=8, help="seconds Redis is stopped")
    parser.add_argument("--freeze", type=float, default=10, help="seconds Redis is frozen")
    parser.add_argument("--database", default="controverse_faults")
    args = parser.parse_args()

    make_sure_postgres_runs()
    redis = Redis()
    environment = server_environment(
        args.database,
        WRITE_RATE_LIMIT="1000000",
        REDIS_TIMEOUT_SECONDS=REDIS_TIMEOUT_SECONDS,
        # The readers read the map as fast as they can while every write changes it: not
        # what the render bound is about, so it is out of the way.
        MAP_RENDERS_PER_MINUTE="1000000",
        MAP_RENDERS_PER_MINUTE_SIGNED_IN="1000000",
    )
    environment["REDIS_URL"] = redis.url
    print(f"Preparing {args.database}…", file=sys.stderr)
    prepare_database(environment, args.database, synthetic=False)
    names = [f"faults-reader-{number}" for number in range(WRITERS)]
    create_readers(environment, names)
    paths = claim_paths(environment, WRITERS + 1)
    reads = [paths[-1], "/technofeodalisme/map/", "/technofeodalisme/"]
    run = secrets.token_hex(4)
    stop = threading.Event()
    windows: list[tuple[str, float, float, float]] = []  # fault, start, back, next start
    log = Path(tempfile.gettempdir()) / f"{args.database}-gunicorn.log"
    log.unlink(missing_ok=True)

    def fault(name: str, action) -> None:
        started = time.monotonic()
        action()
        back = time.monotonic()  # PostgreSQL accepts connections, Redis is running again
        time.sleep(args.settle)
        windows.append((name, started, back, time.monotonic()))

    def redis_stopped() -> None:
        redis.stop()
        time.sleep(args.redis_down)
        redis.start()

    def redis_frozen() -> None:
        redis.freeze()
        time.sleep(args.freeze)
        redis.thaw()

    try:
        with gunicorn(environment, 2, 4, log) as base:
            clients = []
            for number, name in enumerate(names):
                browser = Browser(base)
                browser.sign_in(name, PASSWORD)
                clients.append(Client(browser, "write", [paths[number]], f"{run}-{number}"))
            clients += [Client(Browser(base), "read", reads) for _ in range(READERS)]
            threads = [threading.Thread(target=client.run, args=(stop,)) for client in clients]
            for thread in threads:
                thread.start()
            try:
                fault("none (baseline)", lambda: None)
                fault(
                    "PostgreSQL restarted (`pg_ctlcluster … stop -m fast` then `start`)",
                    restart_postgres,
                )
                fault(f"Redis stopped (SIGTERM) for {args.redis_down:.0f} s", redis_stopped)
                fault(f"Redis frozen (SIGSTOP) for {args.freeze:.0f} s", redis_frozen)
            finally:
                stop.set()
                for thread in threads:
                    thread.join(timeout=60)
            final_health = Browser(base).request("GET", "/health/")[0]
    finally:
        make_sure_postgres_runs()
        redis.stop()

    attempted = [text for client in clients for text in client.attempted]
    found = stored_bodies(environment, attempted)
    drop_database(args.database)
    server_log = log.read_text()
    log.unlink(missing_ok=True)

    rows = []
    for name, start, back, end in windows:
        answers = [a for c in clients for a in c.answers if start <= a.sent < end]
        reads = [a for a in answers if a.kind == "read"]
        writes = [a for a in answers if a.kind == "write"]
        failed = [a for a in answers if a.status not in (200, 302)]
        texts = set(_acknowledged_in(clients, start, end))
        rows.append(
            [
                name,
                f"{back - start:.1f}",
                str(len(answers)),
                by_status(reads),
                by_status(writes),
                f"{max((a.took for a in answers), default=0):.2f}",
                (
                    f"{min(a.sent for a in failed) - start:.1f} to "
                    f"{max(a.sent + a.took for a in failed) - start:.1f}"
                    if failed
                    else "none"
                ),
                f"{len(texts)} / {len(texts & found)} / {len(texts - found)}",
            ]
        )
    all_acknowledged = {text for client in clients for text in client.acknowledged}
    lines = [
        f"{HEADING} — {datetime.date.today().isoformat()}",
        "",
        f"Machine: {platform.node()}, {os.cpu_count()} cores. gunicorn 2 workers x 4 threads "
        f"in production mode on PostgreSQL {postgres_version()} and a Redis of the run's own "
        f"(socket timeouts {REDIS_TIMEOUT_SECONDS} s; the outage-tolerant cache backend, "
        "which leaves a failed Redis alone 5 s per process). "
        f"{WRITERS} signed-in readers post annotations through the form (a pause of "
        f"{WRITE_PAUSE_SECONDS} s between writes); {READERS} anonymous readers read a claim "
        f"page, the map and the debate page in turn. Each fault is followed by {args.settle:.0f} "
        "s of the same load; its row counts every request sent from the fault's start to the "
        "next fault. gunicorn is never restarted. Writes are refused (503) while Redis, which "
        "counts them, is away: refused, never lost; reads are served without the cache.",
        "",
        "| fault | back after, s | requests | reads by status | writes by status "
        "| longest answer, s | failed answers, s after the fault's start "
        "| writes acknowledged / found / lost |",
        "|---|---:|---:|---|---|---:|---|---|",
        *[f"| {' | '.join(row)} |" for row in rows],
        "",
        f"Over the whole run: {len(all_acknowledged)} writes acknowledged, "
        f"{len(all_acknowledged - found)} lost, {len(found - all_acknowledged)} stored though "
        f"not acknowledged; {server_log.count('Traceback')} tracebacks in the server's log; "
        f"/health/ after the run: {final_health}.",
        "",
    ]
    text = "\n".join(lines)
    print(text)
    if server_log.count("Traceback"):
        print(server_log[-5000:], file=sys.stderr)

    benchmarks = ROOT / "BENCHMARKS.md"
    benchmarks.write_text(replace_section(benchmarks, HEADING, text))


def by_status(answers: list[Answer]) -> str:
    counts: dict[int, int] = {}
    for answer in answers:
        counts[answer.status] = counts.get(answer.status, 0) + 1
    return ", ".join(f"{status or 'none'}: {count}" for status, count in sorted(counts.items()))


def _acknowledged_in(clients: list[Client], start: float, end: float) -> list[str]:
    """The writes acknowledged (302) among those sent in [start, end)."""
    texts = []
    for client in clients:
        if client.kind != "write":
            continue
        # One answer per attempted write, in order.
        for answer, text in zip(client.answers, client.attempted, strict=False):
            if start <= answer.sent < end and answer.status == 302:
                texts.append(text)
    return texts


if __name__ == "__main__":
    main()
