"""Benchmark: requests per second, p99 and bytes on the wire of the reader pages under gunicorn
in production mode on PostgreSQL and Redis, driven by wrk over the loopback, each page as a
share of a reference view (a fixed short answer through the whole middleware) in the same
run; the same pages while a signed-in reader posts annotations at 1, 5 and 20 writes/s; and
two application servers on the same PostgreSQL and Redis.

Run: .venv/bin/python bench/load.py [--duration 5] [--connections 32] [--workers 3]
Installs wrk (apt-get) when it is missing; makes a scratch PostgreSQL database
(controverse_load, dropped at the end unless --keep) with the shipped controversy; uses
Redis database 1 (flushed first). The server runs with bench/reference_settings.py (the
shipped settings plus /__reference__/, which the shipped URLs never have), its write rate
limit and map render bound switched on but raised for the bench's one client (see
BENCH_LIMITS), and Graphviz behind a script that counts its runs. Every request goes to
127.0.0.1; every run is bounded in time. Writes its tables to BENCHMARKS.md (## Load).
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
import threading
import time
import urllib.error
import urllib.request
from dataclasses import dataclass
from pathlib import Path

from report import replace_section

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "bench"))
PYTHON = str(ROOT / ".venv" / "bin" / "python")
GUNICORN = str(ROOT / ".venv" / "bin" / "gunicorn")
POSTGRES = "postgres://postgres@127.0.0.1:5432"
REDIS_URL = "redis://127.0.0.1:6379/1"
HEADING = "## Load"
SYNTHETIC = "synthetic-10000"
DEBATE = "technofeodalisme"
BENCH_SETTINGS = "bench.reference_settings"
REFERENCE_PATH = "/__reference__/"
# Readers that accept compression, as browsers do: the bytes on the wire are measured so.
READER_HEADERS = {"Accept-Encoding": "gzip, br"}
# The limits stay on; the bench's one client (one signed-in writer, one address for every
# reader) is allowed by configuration. Shipped: 30 writes per 60 s, 20 (60 signed in) map
# renders per minute and address.
BENCH_LIMITS = {
    "WRITE_RATE_LIMIT": "3000",
    "WRITE_RATE_WINDOW_SECONDS": "60",
    "MAP_RENDERS_PER_MINUTE": "100000",
    "MAP_RENDERS_PER_MINUTE_SIGNED_IN": "100000",
}
WRITE_RATES = (0, 1, 5, 20)
# Enough connections that slow answers do not hold the next writes back (open loop).
WRITER_CONNECTIONS = 16
WRITER_NAME = "bench-writer"
TWO_SERVER_CHECKS = 6
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
    return fetch(url, timeout=timeout)[0]


def fetch(url: str, headers: dict[str, str] | None = None, timeout: float = 30):
    """(status, headers, body as sent: urllib does not decompress it)."""
    request = urllib.request.Request(url, headers=headers or {})
    try:
        with urllib.request.urlopen(request, timeout=timeout) as response:
            return response.status, response.headers, response.read()
    except urllib.error.HTTPError as error:
        return error.code, error.headers, error.read()


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
class Figures:
    """One wrk run."""

    requests_per_second: float
    p50_ms: float
    p99_ms: float
    bad_statuses: int
    socket_errors: int
    timeouts: int

    @classmethod
    def of(cls, wrk_report: dict) -> Figures:
        return cls(
            requests_per_second=wrk_report["requests"] / wrk_report["seconds"],
            p50_ms=wrk_report["p50_us"] / 1000,
            p99_ms=wrk_report["p99_us"] / 1000,
            bad_statuses=wrk_report["status_errors"],
            socket_errors=sum(wrk_report[kind] for kind in ("connect", "read", "write")),
            timeouts=wrk_report["timeout"],
        )

    @property
    def failures(self) -> str:
        """Non-2xx/3xx answers, socket errors and timeouts, when there are any."""
        parts = [
            f"{count} {name}"
            for count, name in (
                (self.bad_statuses, "non-2xx/3xx"),
                (self.socket_errors, "socket errors"),
                (self.timeouts, "timeouts"),
            )
            if count
        ]
        return ", ".join(parts)


def drive(
    wrk: str,
    script: Path,
    url: str,
    duration: int,
    connections: int,
    headers: dict[str, str] | None = None,
) -> dict:
    command = [
        wrk,
        "--threads=2",
        f"--connections={connections}",
        f"--duration={duration}s",
        f"--timeout={WRK_TIMEOUT_SECONDS}s",
        f"--script={script}",
        *[f"--header={name}: {value}" for name, value in (headers or {}).items()],
        url,
    ]
    output = subprocess.run(
        command, capture_output=True, text=True, check=True, timeout=duration + 60
    ).stdout
    return json.loads(output.strip().splitlines()[-1])


def pages_to_drive(environment: dict[str, str]) -> dict[str, str]:
    """Paths by role: the thesis with the most arguments (written on), another claim page
    (nobody writes on it), and the debate's other pages."""
    claims = django_json(
        environment,
        "import json\n"
        "from django.db.models import Count, Q\n"
        "from arguments.record.models import Debate, Relation\n"
        f"debate = Debate.objects.get(slug={DEBATE!r})\n"
        "thesis = (debate.claims.shown().theses().annotate(arguments=Count('incoming',"
        " filter=Q(incoming__kind__in=Relation.ARGUMENT_KINDS)))"
        ".order_by('-arguments', 'position').first())\n"
        "quiet = debate.claims.shown().exclude(pk=thesis.pk).order_by('-position').first()\n"
        "print(json.dumps([thesis.get_absolute_url(), quiet.get_absolute_url()]))",
    )
    return {
        "reference": REFERENCE_PATH,
        "home": "/",
        "debate": f"/{DEBATE}/",
        "claim": claims[0],
        "quiet claim": claims[1],
        "map": f"/{DEBATE}/map/",
        "map.svg": f"/{DEBATE}/map.svg",
        "api": "/api/claims/",
        "standing": f"/{DEBATE}/standing/",
        "search": f"/{DEBATE}/search/?q=rentes",
        "search, 10,000 claims": f"/{SYNTHETIC}/search/?q=rentes",
    }


def warm(base: str, paths: list[str], headers: dict[str, str] | None = None) -> None:
    """Each page a few times (plain and compressed), so that maps and pages are cached."""
    for path in paths:
        for _ in range(3):
            for asked in ({}, READER_HEADERS, headers or {}):
                status = fetch(base + path, asked, timeout=120)[0]
                if status != 200:
                    sys.exit(f"{path} answered {status} while warming")


def wire_size(base: str, path: str, headers: dict[str, str] | None = None) -> str:
    """The body's bytes as sent to a reader that accepts gzip and br, and its encoding."""
    _status, answer_headers, body = fetch(base + path, {**READER_HEADERS, **(headers or {})})
    encoding = answer_headers.get("Content-Encoding") or "none"
    return f"{len(body):,} ({encoding})"


def redis_used_memory() -> int:
    """Redis's used_memory (the whole server's, every database)."""
    info = subprocess.run(
        ["redis-cli", "-u", REDIS_URL, "info", "memory"],
        capture_output=True,
        text=True,
        check=True,
    ).stdout
    for line in info.splitlines():
        if line.startswith("used_memory:"):
            return int(line.split(":", 1)[1])
    raise RuntimeError("Redis did not say its used_memory")


def counting_dot(scratch: Path) -> tuple[Path, Path]:
    """A Graphviz that notes each of its runs in a log before drawing: (script, log)."""
    dot = shutil.which("dot")
    if dot is None:
        sys.exit("Graphviz's dot is not installed")
    log = scratch / "dot-runs.log"
    log.touch()
    script = scratch / "dot"
    script.write_text(f'#!/bin/sh\necho run >> "{log}"\nexec "{dot}" "$@"\n')
    script.chmod(0o755)
    return script, log


def count_lines(path: Path) -> int:
    return len(path.read_text().splitlines())


def signed_in_browser(base: str):
    from fault import PASSWORD, Browser  # fault imports this module: imported when used

    browser = Browser(base)
    browser.sign_in(WRITER_NAME, PASSWORD)
    return browser


def browser_with(base: str, cookies: dict[str, str]):
    from fault import Browser

    browser = Browser(base)
    browser.cookies = dict(cookies)
    return browser


def cookie_header(cookies: dict[str, str]) -> dict[str, str]:
    return {"Cookie": "; ".join(f"{name}={value}" for name, value in cookies.items())}


def percentile(values: list[float], share: float) -> float:
    if not values:
        return float("nan")
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(share * len(ordered)))]


class Writer:
    """One signed-in reader posting annotations on one claim at `rate` writes/s, through
    the real form (CSRF token, session cookie), on a few connections so that a slow write
    does not hold the next ones back."""

    def __init__(self, base: str, cookies: dict[str, str], claim_path: str, rate: float):
        self.browsers = [browser_with(base, cookies) for _ in range(WRITER_CONNECTIONS)]
        self.token = self.browsers[0].form_token(claim_path)
        self.path = claim_path + "annotations/"
        self.rate = rate
        self.latencies_ms: list[float] = []
        self.statuses: list[int] = []
        self.lock = threading.Lock()
        self.stop = threading.Event()
        self.next_at = time.monotonic()
        self.sent = 0
        self.threads = [
            threading.Thread(target=self.run, args=(browser,)) for browser in self.browsers
        ]
        self.started = time.monotonic()
        for thread in self.threads:
            thread.start()

    def run(self, browser) -> None:
        while True:
            with self.lock:
                at, self.next_at = self.next_at, self.next_at + 1 / self.rate
                number, self.sent = self.sent, self.sent + 1
            if self.stop.wait(max(0.0, at - time.monotonic())):
                return
            form = {
                "stance": "comment",
                "body": f"load bench annotation {number} at {self.rate} writes/s",
                "tags": "",
                "csrfmiddlewaretoken": self.token,
            }
            began = time.monotonic()
            status = browser.request("POST", self.path, form)[0]
            with self.lock:
                self.latencies_ms.append((time.monotonic() - began) * 1000)
                self.statuses.append(status)

    def finish(self) -> dict:
        self.stop.set()
        for thread in self.threads:
            thread.join(timeout=60)
        seconds = time.monotonic() - self.started
        return {
            "writes": len(self.statuses),
            "per_second": len(self.statuses) / seconds,
            "acknowledged": sum(status == 302 for status in self.statuses),
            "p50_ms": percentile(self.latencies_ms, 0.50),
            "p99_ms": percentile(self.latencies_ms, 0.99),
        }


def share(figures: Figures, reference: Figures) -> str:
    return f"{100 * figures.requests_per_second / reference.requests_per_second:.0f} %"


def cell(figures: Figures) -> str:
    failures = f"; {figures.failures}" if figures.failures else ""
    return f"{figures.requests_per_second:,.0f} ({figures.p99_ms:,.0f} ms{failures})"


# What htmx sends for the search box's results (kept apart from the whole page).
HTMX = {"HX-Request": "true"}


def measure_pages(wrk, script, base, paths, args, cookies) -> list[tuple[str, str, Figures, str]]:
    """(name, path, figures, bytes on the wire) of each reader page, the reference first."""
    signed_in = cookie_header(cookies)
    rows = [
        ("reference view (full middleware, no work)", paths["reference"], {}),
        ("home", paths["home"], {}),
        (f"debate page ({DEBATE})", paths["debate"], {}),
        ("claim page (thesis with the most arguments)", paths["claim"], {}),
        ("claim page, signed in", paths["claim"], signed_in),
        ("map page, whole debate", paths["map"], {}),
        ("`map.svg`, whole debate", paths["map.svg"], {}),
        ("`/api/claims/`", paths["api"], {}),
        ("standing page", paths["standing"], {}),
        ("search « rentes » (kept page)", paths["search"], {}),
        ("search « rentes », as you type (htmx fragment, kept)", paths["search"], HTMX),
        ("search « rentes », 10,000 claims (kept page)", paths["search, 10,000 claims"], {}),
        (
            "search « rentes », 10,000 claims, as you type (htmx fragment, kept)",
            paths["search, 10,000 claims"],
            HTMX,
        ),
    ]
    results = []
    for name, path, extra in rows:
        headers = {**READER_HEADERS, **extra}
        figures = Figures.of(
            drive(wrk, script, base + path, args.duration, args.connections, headers)
        )
        print(name, figures, file=sys.stderr)
        results.append((name, path, figures, wire_size(base, path, extra)))
    return results


def measure_writes(wrk, script, base, paths, args, cookies, dot_log: Path) -> list[dict]:
    """Per write rate: the read pages' figures, the writes' own, dot runs, Redis growth."""
    reads = [
        ("map page, whole debate", paths["map"]),
        ("`map.svg`", paths["map.svg"]),
        ("a claim page nobody writes on", paths["quiet claim"]),
        ("standing page", paths["standing"]),
    ]
    phases = []
    for rate in WRITE_RATES:
        runs_before, memory_before = count_lines(dot_log), redis_used_memory()
        began = time.monotonic()
        writer = Writer(base, cookies, paths["claim"], rate) if rate else None
        figures = {}
        for name, path in reads:
            figures[name] = Figures.of(
                drive(wrk, script, base + path, args.duration, args.connections, READER_HEADERS)
            )
        writes = writer.finish() if writer else None
        phase = {
            "rate": rate,
            "seconds": time.monotonic() - began,
            "reads": figures,
            "writes": writes,
            "dot_runs": count_lines(dot_log) - runs_before,
            "redis_growth": redis_used_memory() - memory_before,
        }
        print(phase, file=sys.stderr)
        phases.append(phase)
    return phases


def drive_at_once(wrk, script, urls: list[str], args) -> list[Figures]:
    results: list[Figures | None] = [None] * len(urls)

    def one(index: int) -> None:
        report = drive(wrk, script, urls[index], args.duration, args.connections, READER_HEADERS)
        results[index] = Figures.of(report)

    threads = [threading.Thread(target=one, args=(index,)) for index in range(len(urls))]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    return results


def check_two_servers(bases: list[str], cookies: dict[str, str], claim_path: str) -> list[dict]:
    """Writes through one server, each read back at once through the other: anonymous
    (after that server had cached the page) and signed in."""
    checks = []
    run = secrets.token_hex(4)
    for number in range(TWO_SERVER_CHECKS):
        through, other = bases[number % 2], bases[(number + 1) % 2]
        fetch(other + claim_path, READER_HEADERS)  # the other server has the page cached
        writer = browser_with(through, cookies)
        token = writer.form_token(claim_path)
        text = f"two servers {run} write {number}"
        form = {"stance": "comment", "body": text, "tags": "", "csrfmiddlewaretoken": token}
        status = writer.request("POST", claim_path + "annotations/", form)[0]
        anonymous = fetch(other + claim_path)[2].decode("utf-8", "replace")
        signed_in = browser_with(other, cookies).request("GET", claim_path)[2]
        checks.append(
            {
                "write": status,
                "anonymous sees it": text in anonymous,
                "signed in sees it": text in signed_in,
            }
        )
    return checks


def measure_two_servers(
    wrk, script, bases, paths, args
) -> list[tuple[str, Figures, list[Figures]]]:
    rows = []
    for name, path in (("claim page", paths["claim"]), ("map page", paths["map"])):
        one = drive_at_once(wrk, script, [bases[0] + path], args)[0]
        both = drive_at_once(wrk, script, [base + path for base in bases], args)
        rows.append((name, one, both))
        print(name, one, both, file=sys.stderr)
    return rows


def report(args, pages, phases, checks, two_servers, dot_total: int) -> str:
    reference = pages[0][2]
    limits = ", ".join(f"{name}={value}" for name, value in BENCH_LIMITS.items())
    lines = [
        f"{HEADING} — {datetime.date.today().isoformat()}",
        "",
        f"Machine: {platform.node()}, {os.cpu_count()} cores (wrk runs on the same cores), "
        f"Python {platform.python_version()}. gunicorn in production mode (DJANGO_DEBUG=0, "
        f"WhiteNoise, CONN_MAX_AGE 60), {args.workers} sync workers, on PostgreSQL, cache in "
        "Redis shared by the workers; settings `bench.reference_settings` (the shipped "
        f"settings plus the reference view at `{REFERENCE_PATH}`, which the shipped URLs do "
        f"not have). wrk: 2 threads, {args.connections} connections, {args.duration} s per "
        "page, over 127.0.0.1, `Accept-Encoding: gzip, br`, caches warmed first. Debate: "
        f"{DEBATE}. The rate limits stay on; the bench's client is allowed by configuration: "
        f"{limits} (shipped: 30 writes per 60 s per user, 20 map renders per minute and "
        "address, 60 signed in). *share*: the page's requests/s over the reference view's in "
        "the same run (target ≥ 70 %, p99 ≤ 100 ms). *bytes on the wire*: the body as sent to "
        "that client, and its Content-Encoding. Failures (non-2xx/3xx, socket errors, "
        f"timeouts after {WRK_TIMEOUT_SECONDS} s) are named where there were any.",
        "",
        "| page | requests/s | p99 ms | share of the reference | bytes on the wire |",
        "|---|---:|---:|---:|---:|",
    ]
    for name, _path, figures, size in pages:
        failures = f" ({figures.failures})" if figures.failures else ""
        lines.append(
            f"| {name}{failures} | {figures.requests_per_second:,.0f} | {figures.p99_ms:,.0f} | "
            f"{share(figures, reference)} | {size} |"
        )

    lines += [
        "",
        "### Load with annotation writes",
        "",
        "A signed-in reader posts annotations through the form on the thesis above "
        f"({WRITER_CONNECTIONS} connections, one write every 1/rate s) while wrk reads each "
        f"page in turn for {args.duration} s. Cells: requests/s (p99), and the share of the "
        "reference view's requests/s above. *dot runs*: Graphviz runs during the phase "
        "(counted by a wrapper script, GRAPHVIZ_DOT). *Redis growth*: `INFO memory` "
        "used_memory after the phase minus before (the whole Redis server).",
        "",
        "| page | "
        + " | ".join(
            "no writes" if phase["rate"] == 0 else f"{phase['rate']} write(s)/s" for phase in phases
        )
        + " |",
        "|---|" + "---:|" * len(phases),
    ]
    for name in phases[0]["reads"]:
        cells = [
            f"{cell(phase['reads'][name])}, {share(phase['reads'][name], reference)}"
            for phase in phases
        ]
        lines.append(f"| {name} | " + " | ".join(cells) + " |")

    def writes_cell(phase, key: str) -> str:
        writes = phase["writes"]
        if writes is None:
            return "none"
        if key == "count":
            return (
                f"{writes['writes']} in {phase['seconds']:.0f} s ({writes['per_second']:.1f}/s), "
                f"{writes['acknowledged']} answered 302"
            )
        return f"{writes['p50_ms']:,.0f} / {writes['p99_ms']:,.0f}"

    lines += [
        "| writes made | " + " | ".join(writes_cell(phase, "count") for phase in phases) + " |",
        "| writes p50 / p99 ms | "
        + " | ".join(writes_cell(phase, "ms") for phase in phases)
        + " |",
        "| dot runs | " + " | ".join(str(phase["dot_runs"]) for phase in phases) + " |",
        "| Redis growth MB | "
        + " | ".join(f"{phase['redis_growth'] / 1e6:,.1f}" for phase in phases)
        + " |",
        "",
        f"dot ran {dot_total} times in the whole run (warming included).",
        "",
        "### Two application servers",
        "",
        f"Two gunicorn instances ({args.workers} sync workers each) on the same PostgreSQL "
        "and Redis, on the same cores. A signed-in reader writes an annotation through one "
        "server and the claim page is read at once through the other, which had it cached "
        f"just before: {TWO_SERVER_CHECKS} writes, alternating the servers.",
        "",
        "| check | result |",
        "|---|---:|",
        "| writes acknowledged (302) | "
        f"{sum(c['write'] == 302 for c in checks)} of {len(checks)} |",
        "| seen by the next anonymous request on the other server | "
        f"{sum(c['anonymous sees it'] for c in checks)} of {len(checks)} |",
        "| seen by the next signed-in request on the other server | "
        f"{sum(c['signed in sees it'] for c in checks)} of {len(checks)} |",
        "",
        f"Throughput: wrk ({args.connections} connections) against one server, then against "
        "each of the two at once (summed).",
        "",
        "| page | one server: requests/s (p99) | two servers: requests/s summed | each (p99) |",
        "|---|---:|---:|---:|",
    ]
    for name, one, both in two_servers:
        total = sum(figures.requests_per_second for figures in both)
        lines.append(
            f"| {name} | {cell(one)} | {total:,.0f} | {' + '.join(cell(f) for f in both)} |"
        )
    lines.append("")
    return "\n".join(lines)


def tracebacks(log: Path) -> None:
    text = log.read_text() if log.exists() else ""
    if text.count("Traceback"):
        print(f"{text.count('Traceback')} tracebacks in {log}:", file=sys.stderr)
        print(text[-3000:], file=sys.stderr)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--duration", type=int, default=5, help="seconds per page (max 60)")
    parser.add_argument("--connections", type=int, default=32)
    parser.add_argument("--workers", type=int, default=3, help="sync workers per server")
    parser.add_argument("--database", default="controverse_load")
    parser.add_argument("--keep", action="store_true", help="keep the scratch database")
    args = parser.parse_args()
    args.duration = max(1, min(args.duration, 60))

    wrk = ensure_wrk()
    with tempfile.TemporaryDirectory() as directory:
        scratch = Path(directory)
        dot, dot_log = counting_dot(scratch)
        environment = server_environment(
            args.database,
            DJANGO_SETTINGS_MODULE=BENCH_SETTINGS,
            GRAPHVIZ_DOT=str(dot),
            **BENCH_LIMITS,
        )
        print(f"Preparing {args.database}…", file=sys.stderr)
        prepare_database(environment, args.database, synthetic=True)
        from fault import create_readers  # fault imports this module: imported when used

        create_readers(environment, [WRITER_NAME])
        flush_redis()
        paths = pages_to_drive(environment)
        script = scratch / "report.lua"
        script.write_text(WRK_REPORT)
        logs = [scratch / "gunicorn-1.log", scratch / "gunicorn-2.log"]
        try:
            with gunicorn(environment, args.workers, 1, logs[0]) as base:
                cookies = signed_in_browser(base).cookies
                warm(base, list(paths.values()), cookie_header(cookies))
                pages = measure_pages(wrk, script, base, paths, args, cookies)
                phases = measure_writes(wrk, script, base, paths, args, cookies, dot_log)
                with gunicorn(environment, args.workers, 1, logs[1]) as second:
                    bases = [base, second]
                    warm(second, [paths["claim"], paths["map"]])
                    checks = check_two_servers(bases, cookies, paths["claim"])
                    print(checks, file=sys.stderr)
                    warm(base, [paths["claim"], paths["map"]])
                    warm(second, [paths["claim"], paths["map"]])
                    two_servers = measure_two_servers(wrk, script, bases, paths, args)
            for log in logs:
                tracebacks(log)
        finally:
            if not args.keep:
                drop_database(args.database)
        dot_total = count_lines(dot_log)

    text = report(args, pages, phases, checks, two_servers, dot_total)
    print(text)

    benchmarks = ROOT / "BENCHMARKS.md"
    benchmarks.write_text(replace_section(benchmarks, HEADING, text))


if __name__ == "__main__":
    main()
