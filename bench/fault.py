"""Fault test: PostgreSQL is stopped and started again under a load with annotation writes;
requests meanwhile get the clean 503, the app recovers by itself, no acknowledged write is lost.

Run: .venv/bin/python bench/fault.py [--before 8] [--outage 5] [--after 15]
It stops the machine's shared PostgreSQL for about --outage seconds (other people's test runs
on this machine fail meanwhile: run it rarely) and always leaves it running. Everything else
is as in bench/load.py: a scratch database (controverse_fault, dropped at the end), gunicorn
in production mode, requests to 127.0.0.1 only, bounded in count and time. Signed-in
readers post annotations through the real form (CSRF token and session cookie); every write
answered with a redirect is looked for in the database afterwards. Writes BENCHMARKS.md
(## Fault).
"""

from __future__ import annotations

import argparse
import datetime
import http.client
import json
import os
import platform
import re
import secrets
import subprocess
import sys
import tempfile
import threading
import time
import urllib.parse
from dataclasses import dataclass, field
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from load import (
    ROOT,
    django_json,
    drop_database,
    gunicorn,
    prepare_database,
    server_environment,
)
from report import replace_section

HEADING = "## Fault"
CLUSTER = ["pg_ctlcluster", "--skip-systemctl-redirect"]
WRITERS = 4
READERS = 2
PASSWORD = "fault-test-password-1"
MAX_REQUESTS_PER_CLIENT = 20_000
WRITE_PAUSE_SECONDS = 0.05
TOKEN = re.compile(r'name="csrfmiddlewaretoken" value="([^"]+)"')


def postgres_version() -> str:
    return sorted(os.listdir("/etc/postgresql"))[-1]


def postgres_ready() -> bool:
    return subprocess.run(["pg_isready", "-h", "127.0.0.1", "-q"], timeout=10).returncode == 0


def postgres(action: str) -> None:
    extra = ["-m", "fast"] if action == "stop" else []
    subprocess.run([*CLUSTER, postgres_version(), "main", action, *extra], check=True, timeout=120)


def make_sure_postgres_runs() -> None:
    if postgres_ready():
        return
    postgres("start")
    for _ in range(60):
        if postgres_ready():
            return
        time.sleep(0.5)
    sys.exit("PostgreSQL did not come back: start it by hand (see /work/shared/GUIDE.md)")


@dataclass
class Answer:
    at: float  # time.monotonic() when the answer came
    kind: str  # "write" or "read"
    status: int  # 0: no HTTP answer (socket error)
    clean_outage_page: bool = False


class Browser:
    """One reader's HTTP connection with its cookies (sent whatever their Secure flag: the
    test speaks plain HTTP to the loopback)."""

    def __init__(self, base: str):
        self.host = urllib.parse.urlsplit(base).netloc
        self.cookies: dict[str, str] = {}
        self.connection = http.client.HTTPConnection(self.host, timeout=15)

    def request(self, method: str, path: str, form: dict | None = None):
        headers = {"Cookie": "; ".join(f"{k}={v}" for k, v in self.cookies.items())}
        body = None
        if form is not None:
            body = urllib.parse.urlencode(form)
            headers["Content-Type"] = "application/x-www-form-urlencoded"
        try:
            self.connection.request(method, path, body=body, headers=headers)
            response = self.connection.getresponse()
            text = response.read().decode("utf-8", "replace")
        except (OSError, http.client.HTTPException):
            self.connection.close()
            self.connection = http.client.HTTPConnection(self.host, timeout=15)
            return 0, {}, ""
        for cookie in response.headers.get_all("Set-Cookie") or []:
            name, _, rest = cookie.partition("=")
            self.cookies[name.strip()] = rest.split(";", 1)[0]
        return response.status, response.headers, text

    def sign_in(self, username: str, password: str) -> None:
        status, _headers, page = self.request("GET", "/accounts/login/")
        token = TOKEN.search(page)
        if status != 200 or token is None:
            sys.exit(f"the login page answered {status}")
        form = {"username": username, "password": password, "csrfmiddlewaretoken": token[1]}
        status, _headers, _page = self.request("POST", "/accounts/login/", form)
        if status != 302 or "sessionid" not in self.cookies:
            sys.exit(f"{username} could not sign in ({status})")

    def form_token(self, path: str) -> str:
        status, _headers, page = self.request("GET", path)
        token = TOKEN.search(page)
        if status != 200 or token is None:
            sys.exit(f"{path} answered {status} without a form")
        return token[1]


def is_clean_outage_page(status: int, headers, text: str) -> bool:
    return (
        status == 503
        and headers.get("Retry-After") is not None
        and "Service unavailable" in text
        and "Traceback" not in text
    )


@dataclass
class Client:
    browser: Browser
    kind: str
    path: str
    label: str = ""
    answers: list[Answer] = field(default_factory=list)
    attempted: list[str] = field(default_factory=list)
    acknowledged: list[str] = field(default_factory=list)

    def run(self, stop: threading.Event) -> None:
        token = self.browser.form_token(self.path) if self.kind == "write" else ""
        for number in range(MAX_REQUESTS_PER_CLIENT):
            if stop.is_set():
                return
            if self.kind == "write":
                text = f"fault-{self.label}-{number}"
                self.attempted.append(text)
                form = {"stance": "comment", "body": text, "tags": "", "csrfmiddlewaretoken": token}
                status, headers, page = self.browser.request(
                    "POST", self.path + "annotations/", form
                )
                if status == 302:
                    self.acknowledged.append(text)
                time.sleep(WRITE_PAUSE_SECONDS)
            else:
                status, headers, page = self.browser.request("GET", self.path)
            self.answers.append(
                Answer(
                    time.monotonic(), self.kind, status, is_clean_outage_page(status, headers, page)
                )
            )


def claim_paths(environment: dict[str, str], count: int) -> list[str]:
    return django_json(
        environment,
        "import json\n"
        "from arguments.record.models import Claim\n"
        "claims = Claim.objects.filter(debate__slug='technofeodalisme').shown()"
        f".order_by('position')[:{count}]\n"
        "print(json.dumps([claim.get_absolute_url() for claim in claims]))",
    )


def create_readers(environment: dict[str, str], names: list[str]) -> None:
    django_json(
        environment,
        "from django.contrib.auth import get_user_model\n"
        f"for name in {names!r}:\n"
        f"    get_user_model().objects.create_user(name, password={PASSWORD!r})\n"
        "print(1)",
    )


def stored_bodies(environment: dict[str, str], bodies: list[str]) -> set[str]:
    with tempfile.NamedTemporaryFile("w", suffix=".json", delete=False) as file:
        json.dump(bodies, file)
    try:
        return set(
            django_json(
                environment,
                "import json\n"
                "from annotations.models import Annotation\n"
                f"bodies = json.load(open({file.name!r}))\n"
                "print(json.dumps(list(Annotation.objects.filter(body__in=bodies)"
                ".values_list('body', flat=True))))",
            )
        )
    finally:
        os.unlink(file.name)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--before", type=float, default=8, help="seconds of load before")
    parser.add_argument("--outage", type=float, default=5, help="seconds PostgreSQL is down")
    parser.add_argument("--after", type=float, default=15, help="seconds of load after")
    parser.add_argument("--database", default="controverse_fault")
    args = parser.parse_args()
    args.outage = min(args.outage, 15)  # other people's tests wait meanwhile

    make_sure_postgres_runs()
    environment = server_environment(args.database, WRITE_RATE_LIMIT="1000000")
    print(f"Preparing {args.database}…", file=sys.stderr)
    prepare_database(environment, args.database, synthetic=False)
    names = [f"fault-reader-{number}" for number in range(WRITERS)]
    create_readers(environment, names)
    paths = claim_paths(environment, WRITERS + 1)
    run = secrets.token_hex(4)
    stop = threading.Event()
    timeline: dict[str, float] = {}
    log = Path(tempfile.gettempdir()) / f"{args.database}-gunicorn.log"
    log.unlink(missing_ok=True)
    try:
        with gunicorn(environment, 2, 4, log) as base:
            clients = []
            for number, name in enumerate(names):
                browser = Browser(base)
                browser.sign_in(name, PASSWORD)
                clients.append(Client(browser, "write", paths[number], f"{run}-{number}"))
            clients += [Client(Browser(base), "read", paths[-1]) for _ in range(READERS)]
            threads = [threading.Thread(target=client.run, args=(stop,)) for client in clients]
            for thread in threads:
                thread.start()
            try:
                time.sleep(args.before)
                timeline["stop"] = time.monotonic()
                postgres("stop")
                timeline["stopped"] = time.monotonic()
                time.sleep(args.outage)
                timeline["start"] = time.monotonic()
                postgres("start")
                timeline["started"] = time.monotonic()
                while not postgres_ready() and time.monotonic() < timeline["started"] + 30:
                    time.sleep(0.1)
                timeline["ready"] = time.monotonic()
                time.sleep(args.after)
            finally:
                stop.set()
                for thread in threads:
                    thread.join(timeout=60)
            # Once more after the run: the same processes answer (no restart of gunicorn).
            final_health = Browser(base).request("GET", "/health/")[0]
    finally:
        make_sure_postgres_runs()

    answers = sorted(
        (answer for client in clients for answer in client.answers), key=lambda a: a.at
    )
    acknowledged = [text for client in clients for text in client.acknowledged]
    attempted = [text for client in clients for text in client.attempted]
    found = stored_bodies(environment, attempted)
    drop_database(args.database)
    server_log = log.read_text()
    log.unlink(missing_ok=True)

    ok = {200, 302}
    failures = [a for a in answers if a.status not in ok]
    first_failure = min((a.at for a in failures), default=None)
    last_failure = max((a.at for a in failures), default=None)
    back_at = next((a.at for a in answers if last_failure and a.at > last_failure), None)

    def since_stop(moment: float | None) -> str:
        return "none" if moment is None else f"{moment - timeline['stop']:.2f}"

    figures = {
        "requests (reads and writes)": len(answers),
        "writes acknowledged (302)": len(acknowledged),
        "acknowledged writes found in the database afterwards": len(set(acknowledged) & found),
        "acknowledged writes lost": len(set(acknowledged) - found),
        "writes stored though not acknowledged": len(found - set(acknowledged)),
        "failed answers": len(failures),
        "of which the clean 503 page (Retry-After, no traceback)": sum(
            a.clean_outage_page for a in failures
        ),
        "500 answers": sum(a.status == 500 for a in answers),
        "other failed answers (not 503, not 500)": sum(
            not a.clean_outage_page and a.status != 500 for a in failures
        ),
        "socket errors (no HTTP answer)": sum(a.status == 0 for a in answers),
        "tracebacks in the server's log": server_log.count("Traceback"),
        "`stop` returned, s after it was issued": since_stop(timeline["stopped"]),
        "`start` issued / returned (PostgreSQL accepts connections), s after stop": (
            f"{since_stop(timeline['start'])} / {since_stop(timeline['started'])}"
        ),
        "first / last failed answer, s after stop": (
            f"{since_stop(first_failure)} / {since_stop(last_failure)}"
        ),
        "first success after the last failure, s after stop": since_stop(back_at),
        # How soon the app serves once PostgreSQL answers: no restart, no backlog.
        "recovery: last failed answer → next success, s": (
            "none" if back_at is None else f"{back_at - last_failure:.2f}"
        ),
        "failed answers after `start` returned": sum(a.at > timeline["started"] for a in failures),
        "/health/ after the run (same gunicorn)": final_health,
    }
    lines = [
        f"{HEADING} — {datetime.date.today().isoformat()}",
        "",
        f"Machine: {platform.node()}, {os.cpu_count()} cores. gunicorn 2 workers x 4 threads "
        "in production mode (CONN_MAX_AGE 60, connection health checks) on PostgreSQL "
        f"{postgres_version()}, Redis cache. {WRITERS} signed-in readers post annotations "
        f"through the form (CSRF token, session cookie; a pause of {WRITE_PAUSE_SECONDS} s "
        f"between writes) and {READERS} anonymous readers read a claim page, "
        f"{args.before:.0f} s before PostgreSQL is stopped (`pg_ctlcluster … stop -m fast`), "
        f"{args.outage:.0f} s down, then started again and {args.after:.0f} s more. "
        "gunicorn is not restarted.",
        "",
        "| what | figure |",
        "|---|---:|",
        *[f"| {name} | {value} |" for name, value in figures.items()],
        "",
    ]
    text = "\n".join(lines)
    print(text)
    if server_log.count("Traceback"):
        print(server_log[-5000:], file=sys.stderr)

    benchmarks = ROOT / "BENCHMARKS.md"
    benchmarks.write_text(replace_section(benchmarks, HEADING, text))


if __name__ == "__main__":
    main()
