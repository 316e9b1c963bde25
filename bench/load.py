"""Benchmark: requests per second and latency of the main pages under gunicorn in production
mode on PostgreSQL and Redis, driven by wrk over the loopback.

Run: .venv/bin/python bench/load.py [--duration 15] [--connections 32] [--configs 2x4,3x2,4x1]
Installs wrk (apt-get) when it is missing; makes a scratch PostgreSQL database
(controverse_load, dropped at the end unless --keep) with the shipped controversy and a
10,000-claim synthetic debate; uses Redis database 1 (flushed first). Each configuration is
WORKERSxTHREADS of one gunicorn; each page is driven for --duration seconds. Every request
goes to 127.0.0.1; every run is bounded in time. Writes its table to BENCHMARKS.md (## Load).
"""

from __future__ import annotations

import argparse
import contextlib
import datetime
import json
import os
import platform
import secrets
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import time
import urllib.error
import urllib.request
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "bench"))
PYTHON = str(ROOT / ".venv" / "bin" / "python")
GUNICORN = str(ROOT / ".venv" / "bin" / "gunicorn")
POSTGRES = "postgres://postgres@127.0.0.1:5432"
REDIS_URL = "redis://127.0.0.1:6379/1"
HEADING = "## Load"
TARGET_CLAIM_PAGE_RPS = 300
SYNTHETIC = "synthetic-10000"
WRK_TIMEOUT_SECONDS = 10

# wrk prints its figures as one JSON line when the run is done.
WRK_REPORT = """
done = function(summary, latency, requests)
  io.write(string.format(
    '{"requests": %d, "seconds": %f, "p50_us": %d, "p99_us": %d, "max_us": %d, ' ..
    '"status_errors": %d, "connect": %d, "read": %d, "write": %d, "timeout": %d}\\n',
    summary.requests, summary.duration / 1e6, latency:percentile(50), latency:percentile(99),
    latency.max, summary.errors.status, summary.errors.connect, summary.errors.read,
    summary.errors.write, summary.errors.timeout))
end
"""


def server_environment(database: str, **extra: str) -> dict[str, str]:
    """The environment of a production deployment on this machine, on `database`."""
    environment = dict(os.environ)
    environment.update(
        DATABASE_URL=f"{POSTGRES}/{database}",
        DJANGO_DEBUG="0",
        DJANGO_SECRET_KEY=secrets.token_urlsafe(50),
        DJANGO_ALLOWED_HOSTS="127.0.0.1",
        DJANGO_SECURE_SSL_REDIRECT="0",
        REDIS_URL=REDIS_URL,
        DJANGO_STATIC_ROOT=str(Path(tempfile.gettempdir()) / f"{database}-static"),
        DJANGO_LOG_LEVEL="WARNING",
        **extra,
    )
    return environment


def manage(environment: dict[str, str], *arguments: str) -> str:
    result = subprocess.run(
        [PYTHON, "manage.py", *arguments],
        cwd=ROOT,
        env=environment,
        capture_output=True,
        text=True,
        timeout=600,
    )
    if result.returncode != 0:
        sys.exit(f"manage.py {' '.join(arguments)} failed:\n{result.stderr[-3000:]}")
    return result.stdout


def django_json(environment: dict[str, str], code: str):
    """Run `code` in `manage.py shell` on the scratch database; it prints one JSON value."""
    return json.loads(manage(environment, "shell", "-c", code).strip().splitlines()[-1])


def psql(command: str) -> None:
    subprocess.run(
        ["psql", "-h", "127.0.0.1", "-U", "postgres", "-q", "-c", command],
        check=True,
        capture_output=True,
        timeout=120,
    )


def prepare_database(environment: dict[str, str], database: str, synthetic: bool) -> None:
    """A fresh scratch database with the shipped debate (and the synthetic one)."""
    psql(f"DROP DATABASE IF EXISTS {database} WITH (FORCE)")
    psql(f"CREATE DATABASE {database}")
    manage(environment, "migrate", "--noinput")
    manage(environment, "load_debate", "fixtures/technofeodalisme")
    if synthetic:
        manage(environment, "generate_debate", "--claims", "10000", "--slug", SYNTHETIC)
    manage(environment, "collectstatic", "--noinput")


def drop_database(database: str) -> None:
    psql(f"DROP DATABASE IF EXISTS {database} WITH (FORCE)")
    shutil.rmtree(Path(tempfile.gettempdir()) / f"{database}-static", ignore_errors=True)


def flush_redis() -> None:
    subprocess.run(["redis-cli", "-u", REDIS_URL, "flushdb"], check=True, capture_output=True)


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def get(url: str, timeout: float = 30) -> int:
    try:
        with urllib.request.urlopen(url, timeout=timeout) as response:
            response.read()
            return response.status
    except urllib.error.HTTPError as error:
        return error.code


@contextlib.contextmanager
def gunicorn(environment: dict[str, str], workers: int, threads: int, log: Path):
    """A gunicorn serving the app on a free loopback port; yields its base URL."""
    port = free_port()
    worker_class = "gthread" if threads > 1 else "sync"
    command = [
        GUNICORN,
        "debate.wsgi:application",
        f"--bind=127.0.0.1:{port}",
        f"--workers={workers}",
        f"--threads={threads}",
        f"--worker-class={worker_class}",
        "--keep-alive=5",
        f"--error-logfile={log}",
    ]
    process = subprocess.Popen(command, cwd=ROOT, env=environment, start_new_session=True)
    base = f"http://127.0.0.1:{port}"
    try:
        deadline = time.monotonic() + 60
        while True:
            with contextlib.suppress(OSError):
                if get(f"{base}/health/", timeout=5) == 200:
                    break
            if process.poll() is not None or time.monotonic() > deadline:
                sys.exit(f"gunicorn did not start: see {log}")
            time.sleep(0.3)
        yield base
    finally:
        process.send_signal(signal.SIGTERM)
        try:
            process.wait(timeout=30)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait()


def ensure_wrk() -> str:
    if shutil.which("wrk") is None:
        install = ["apt-get", "install", "-y", "-q", "wrk"]
        if subprocess.run(install, capture_output=True).returncode != 0:
            subprocess.run(["apt-get", "update", "-q"], check=True, capture_output=True)
            subprocess.run(install, check=True, capture_output=True)
    return shutil.which("wrk")


@dataclass
class Result:
    page: str
    config: str
    requests_per_second: float
    p50_ms: float
    p99_ms: float
    bad_statuses: int
    socket_errors: int
    timeouts: int
    load_average: float


def drive(wrk: str, script: Path, url: str, duration: int, connections: int) -> dict:
    command = [
        wrk,
        "--threads=2",
        f"--connections={connections}",
        f"--duration={duration}s",
        f"--timeout={WRK_TIMEOUT_SECONDS}s",
        f"--script={script}",
        url,
    ]
    output = subprocess.run(
        command, capture_output=True, text=True, check=True, timeout=duration + 60
    ).stdout
    return json.loads(output.strip().splitlines()[-1])


def pages_to_drive(environment: dict[str, str]) -> list[tuple[str, str]]:
    """(name, path) of the pages driven: the shipped debate's, then the synthetic one's."""
    thesis_of = django_json(
        environment,
        "import json\n"
        "from django.db.models import Count, Q\n"
        "from arguments.record.models import Debate, Relation\n"
        "found = {}\n"
        "for debate in Debate.objects.all():\n"
        "    thesis = (debate.claims.shown().theses().annotate(arguments=Count('incoming',"
        " filter=Q(incoming__kind__in=Relation.ARGUMENT_KINDS)))"
        ".order_by('-arguments', 'position').first())\n"
        "    found[debate.slug] = [thesis.get_absolute_url(), thesis.arguments]\n"
        "print(json.dumps(found))",
    )
    pages = [("health (reference: one query, two cache calls)", "/health/"), ("home", "/")]
    for slug, word in (("technofeodalisme", "capitalisme"), (SYNTHETIC, "monopole")):
        if slug not in thesis_of:
            continue
        claim_url, arguments = thesis_of[slug]
        pages += [
            (f"claim ({slug}, thesis with {arguments} arguments)", claim_url),
            (f"map, whole debate, cached ({slug})", f"/{slug}/map/"),
            (f"search ({slug}, q={word})", f"/{slug}/search/?q={word}"),
        ]
    return pages


def warm(base: str, pages: list[tuple[str, str]]) -> None:
    """Each page once per worker thread or so, so that maps and labels are cached."""
    for name, path in pages:
        for _ in range(3):
            status = get(base + path, timeout=120)
            if status != 200:
                sys.exit(f"{name}: {path} answered {status} while warming")


def parse_configs(text: str) -> list[tuple[int, int]]:
    configs = []
    for item in text.split(","):
        workers, threads = item.lower().split("x")
        configs.append((int(workers), int(threads)))
    return configs


def report(results: list[Result], args, claims: int) -> str:
    claim_rows = [result for result in results if result.page.startswith("claim")]
    best_claim = max((row.requests_per_second for row in claim_rows), default=0)
    lines = [
        f"{HEADING} — {datetime.date.today().isoformat()}",
        "",
        f"Machine: {platform.node()}, {os.cpu_count()} cores (wrk runs on the same cores), "
        f"Python {platform.python_version()}. gunicorn in production mode (DJANGO_DEBUG=0, "
        "WhiteNoise, CONN_MAX_AGE 60) on PostgreSQL, cache in Redis shared by the workers. "
        f"wrk: 2 threads, {args.connections} connections, {args.duration} s per page, over "
        f"127.0.0.1, caches warmed first. Debates: technofeodalisme and {SYNTHETIC} "
        f"({claims:,} claims in all). *config* = gunicorn workers x threads (1 thread: sync "
        "worker, else gthread). *socket errors*: connect, read and write errors; *timeouts*: "
        f"requests still unanswered after {WRK_TIMEOUT_SECONDS} s (wrk gives up on them: a "
        "latency beyond that is not in the percentiles); *load before*: the machine's 1-minute "
        "load average as the page's run began: the previous page's run counts in it, so well above "
        "3 means other processes were busy on the same 2 cores.",
        "",
        "| page | config | requests/s | p50 ms | p99 ms | non-2xx/3xx | socket errors | timeouts "
        "| load before |",
        "|---|---|---:|---:|---:|---:|---:|---:|---:|",
        *[
            f"| {row.page} | {row.config} | {row.requests_per_second:.0f} | {row.p50_ms:.1f} | "
            f"{row.p99_ms:.1f} | {row.bad_statuses} | {row.socket_errors} | {row.timeouts} | "
            f"{row.load_average:.1f} |"
            for row in results
        ],
        "",
        f"Claim page target: {TARGET_CLAIM_PAGE_RPS} requests/s on 2 cores; best measured "
        f"{best_claim:.0f} ({'met' if best_claim >= TARGET_CLAIM_PAGE_RPS else 'missed'}).",
        "",
    ]
    return "\n".join(lines)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--duration", type=int, default=15, help="seconds per page (max 60)")
    parser.add_argument("--connections", type=int, default=32)
    parser.add_argument("--configs", default="2x4,4x1", help="WORKERSxTHREADS, comma-separated")
    parser.add_argument("--database", default="controverse_load")
    parser.add_argument("--keep", action="store_true", help="keep the scratch database")
    args = parser.parse_args()
    args.duration = max(1, min(args.duration, 60))

    wrk = ensure_wrk()
    environment = server_environment(args.database)
    print(f"Preparing {args.database}…", file=sys.stderr)
    prepare_database(environment, args.database, synthetic=True)
    flush_redis()
    claims = django_json(
        environment, "from arguments.record.models import Claim; print(Claim.objects.count())"
    )
    pages = pages_to_drive(environment)
    results = []
    with tempfile.TemporaryDirectory() as scratch:
        script = Path(scratch) / "report.lua"
        script.write_text(WRK_REPORT)
        try:
            for workers, threads in parse_configs(args.configs):
                config = f"{workers}x{threads}"
                log = Path(scratch) / f"gunicorn-{config}.log"
                with gunicorn(environment, workers, threads, log) as base:
                    warm(base, pages)
                    for name, path in pages:
                        # How busy the machine was already (other people's runs share it).
                        load_average = os.getloadavg()[0]
                        figures = drive(wrk, script, base + path, args.duration, args.connections)
                        result = Result(
                            page=name,
                            config=config,
                            requests_per_second=figures["requests"] / figures["seconds"],
                            p50_ms=figures["p50_us"] / 1000,
                            p99_ms=figures["p99_us"] / 1000,
                            bad_statuses=figures["status_errors"],
                            socket_errors=sum(
                                figures[kind] for kind in ("connect", "read", "write")
                            ),
                            timeouts=figures["timeout"],
                            load_average=load_average,
                        )
                        print(result, file=sys.stderr)
                        results.append(result)
                tracebacks = log.read_text().count("Traceback")
                if tracebacks:
                    print(f"{config}: {tracebacks} tracebacks in {log}:", file=sys.stderr)
                    print(log.read_text()[-3000:], file=sys.stderr)
        finally:
            if not args.keep:
                drop_database(args.database)

    text = report(results, args, claims)
    print(text)
    from pages import replace_section  # runs django.setup(): only its text helper is used

    benchmarks = ROOT / "BENCHMARKS.md"
    benchmarks.write_text(replace_section(benchmarks, HEADING, text))


if __name__ == "__main__":
    main()
