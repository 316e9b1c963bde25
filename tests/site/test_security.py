"""Security headers and Content-Security-Policy on pages, htmx partials and the API, the
deploy checks in production mode, and templates and scripts that need nothing inline."""

from __future__ import annotations

import json
import os
import re
import secrets
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]

EXPECTED_POLICY = {
    "default-src": {"'self'"},
    "script-src": {"'self'"},
    "style-src": {"'self'"},
    "img-src": {"'self'", "data:"},
    "connect-src": {"'self'"},
    "object-src": {"'none'"},
    "base-uri": {"'self'"},
    "form-action": {"'self'"},
    "frame-ancestors": {"'none'"},
}


def parse_policy(header: str) -> dict[str, set[str]]:
    directives = {}
    for part in header.split(";"):
        name, *sources = part.split()
        directives[name] = set(sources)
    return directives


def assert_security_headers(response) -> None:
    policy = parse_policy(response["Content-Security-Policy"])
    assert policy == EXPECTED_POLICY
    assert not any("'unsafe-inline'" in s or "'unsafe-eval'" in s for s in policy.values())
    assert response["X-Content-Type-Options"] == "nosniff"
    assert response["Referrer-Policy"] == "same-origin"
    assert response["X-Frame-Options"] == "DENY"
    assert response["Cross-Origin-Opener-Policy"] == "same-origin"


def test_a_page_carries_the_security_headers(client, small_debate):
    response = client.get("/")
    assert response.status_code == 200
    assert_security_headers(response)


def test_an_htmx_partial_carries_the_security_headers(client, small_debate):
    response = client.get("/petit-debat/map/?depth=2", headers={"HX-Request": "true"})
    assert response.status_code == 200
    assert b"<html" not in response.content  # the map section alone
    assert_security_headers(response)


def test_an_api_response_carries_the_security_headers(client, small_debate):
    response = client.get("/api/debates/")
    assert response.status_code == 200
    assert response["Content-Type"] == "application/json"
    assert_security_headers(response)


def test_a_missing_page_carries_the_policy_too(client, db):
    response = client.get("/no-such-debate/")
    assert response.status_code == 404
    assert_security_headers(response)


def test_htmx_is_told_not_to_inject_its_indicator_style(client, small_debate):
    page = client.get("/").content.decode()
    config = re.search(r"<meta name=\"htmx-config\" content='([^']*)'>", page).group(1)
    assert json.loads(config)["includeIndicatorStyles"] is False


def test_the_session_and_csrf_cookies_are_out_of_scripts_reach(client, alice):
    assert client.get("/accounts/login/").cookies["csrftoken"]["httponly"] is True
    signed_in = client.post("/accounts/login/", {"username": "alice", "password": "alice-password"})
    assert signed_in.status_code == 302
    assert signed_in.cookies["sessionid"]["httponly"] is True


def test_a_refused_sign_in_sets_no_session_cookie(client, alice):
    refused = client.post("/accounts/login/", {"username": "alice", "password": "wrong"})
    assert refused.status_code == 200
    assert "sessionid" not in refused.cookies


# Production mode, in a child process: the settings are read once, at start-up.


def production_environment(**overrides: str) -> dict[str, str]:
    environment = {
        key: value
        for key, value in os.environ.items()
        if not key.startswith(("DJANGO_", "DATABASE_", "REDIS_"))
    }
    environment.update(
        DJANGO_DEBUG="0",
        DJANGO_SECRET_KEY=secrets.token_urlsafe(60),
        DJANGO_ALLOWED_HOSTS="example.org",
    )
    environment.update(overrides)
    return environment


def run_manage(environment: dict[str, str], *arguments: str) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, "manage.py", *arguments],
        cwd=ROOT,
        env=environment,
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )


def test_the_deploy_checks_pass_in_production_mode():
    checked = run_manage(production_environment(), "check", "--deploy", "--fail-level", "WARNING")
    assert checked.returncode == 0, checked.stderr
    assert "System check identified no issues" in checked.stdout
    assert "WARNINGS" not in checked.stderr and "ERRORS" not in checked.stderr


def test_the_deploy_checks_pass_with_every_hsts_option_on():
    environment = production_environment(
        DJANGO_HSTS_INCLUDE_SUBDOMAINS="1", DJANGO_HSTS_PRELOAD="1"
    )
    checked = run_manage(environment, "check", "--deploy", "--fail-level", "WARNING")
    assert checked.returncode == 0, checked.stderr
    assert "(0 silenced)" in checked.stdout


def test_the_deploy_checks_still_catch_a_weakened_production_setting():
    environment = production_environment(DJANGO_HSTS_SECONDS="0")
    checked = run_manage(environment, "check", "--deploy", "--fail-level", "WARNING")
    assert checked.returncode != 0
    assert "security.W004" in checked.stderr  # HSTS off is reported, not silenced


def test_the_deploy_checks_refuse_a_short_secret_key():
    environment = production_environment(DJANGO_SECRET_KEY="short")
    checked = run_manage(environment, "check", "--deploy", "--fail-level", "WARNING")
    assert checked.returncode != 0
    assert "security.W009" in checked.stderr


# In production mode, what a browser is sent: a request made through Django's test client
# in a child process (/health/ needs no collected static files).
PRODUCTION_REQUESTS = """
import json
from django.test import Client
client = Client(HTTP_HOST="example.org")
https = client.get("/health/", secure=True)
plain_page = client.get("/")
plain_health = client.get("/health/")
print(json.dumps({
    "hsts": https.get("Strict-Transport-Security"),
    "plain_page": [plain_page.status_code, plain_page.get("Location")],
    "plain_health": plain_health.status_code,
    "policy": https.get("Content-Security-Policy"),
}))
"""


def production_responses(tmp_path, **overrides: str) -> dict:
    environment = production_environment(
        DATABASE_URL=f"sqlite:///{tmp_path / 'production.sqlite3'}", **overrides
    )
    answered = run_manage(environment, "shell", "-c", PRODUCTION_REQUESTS)
    assert answered.returncode == 0, answered.stderr
    return json.loads(answered.stdout.strip().splitlines()[-1])


def test_production_sends_hsts_for_a_year_and_redirects_plain_http(tmp_path):
    responses = production_responses(tmp_path)
    assert responses["hsts"] == "max-age=31536000"  # no subdomains, no preload: opt-in
    assert responses["plain_page"] == [301, "https://example.org/"]
    assert responses["plain_health"] in (200, 503)  # probes over HTTP are not redirected
    assert parse_policy(responses["policy"]) == EXPECTED_POLICY


def test_production_hsts_options_come_from_the_environment(tmp_path):
    responses = production_responses(
        tmp_path,
        DJANGO_HSTS_SECONDS="600",
        DJANGO_HSTS_INCLUDE_SUBDOMAINS="1",
        DJANGO_HSTS_PRELOAD="1",
    )
    assert responses["hsts"] == "max-age=600; includeSubDomains; preload"


def test_a_malformed_hsts_option_stops_start_up():
    environment = production_environment(DJANGO_HSTS_PRELOAD="maybe")
    checked = run_manage(environment, "check", "--deploy")
    assert checked.returncode != 0
    assert "DJANGO_HSTS_PRELOAD must be a boolean" in checked.stderr


# Nothing inline for the policy to block: checked in the sources, the browser tests
# (tests/test_browser_csp.py) check it on the rendered pages.

TEMPLATES = sorted(
    path
    for folder in [ROOT / "templates", *ROOT.glob("*/templates")]
    if ".venv" not in folder.parts
    for path in folder.rglob("*.html")
)
SCRIPTS = sorted((ROOT / "static" / "js").glob("*.js"))
INLINE_IN_TEMPLATES = {
    "inline <script>": re.compile(r"<script(?![^>]*\ssrc=)[^>]*>", re.IGNORECASE),
    "on*= handler": re.compile(r"<[^>]*\son[a-z]+\s*=", re.IGNORECASE),
    "style= attribute": re.compile(r"<[^>]*\sstyle\s*=", re.IGNORECASE),
    "<style> block": re.compile(r"<style[\s>]", re.IGNORECASE),
    "javascript: URL": re.compile(r"javascript:", re.IGNORECASE),
    "hx-on handler": re.compile(r"\shx-on", re.IGNORECASE),
    "htmx event filter (eval)": re.compile(r"hx-trigger=\"[^\"]*\["),
    "htmx js: values (eval)": re.compile(r"hx-(vals|headers)='\s*js:"),
}
EVAL_IN_SCRIPTS = {
    "eval": re.compile(r"\beval\s*\("),
    "new Function": re.compile(r"\bnew\s+Function\b|\bFunction\s*\("),
    "string timer": re.compile(r"set(Timeout|Interval)\s*\(\s*['\"]"),
    "style attribute": re.compile(r"setAttribute\(\s*['\"]style['\"]"),
    "<style> element": re.compile(r"createElement\(\s*['\"]style['\"]"),
    "inline HTML": re.compile(r"innerHTML|insertAdjacentHTML|document\.write"),
}


TEMPLATE_COMMENTS = re.compile(r"{#.*?#}|{% comment %}.*?{% endcomment %}|<!--.*?-->", re.DOTALL)
SCRIPT_COMMENTS = re.compile(r"/\*.*?\*/|^\s*//.*?$", re.DOTALL | re.MULTILINE)


@pytest.mark.parametrize("template", TEMPLATES, ids=lambda path: str(path.relative_to(ROOT)))
def test_a_template_has_nothing_inline(template):
    text = TEMPLATE_COMMENTS.sub("", template.read_text(encoding="utf-8"))
    found = [name for name, pattern in INLINE_IN_TEMPLATES.items() if pattern.search(text)]
    assert found == []


@pytest.mark.parametrize("script", SCRIPTS, ids=lambda path: path.name)
def test_a_script_evaluates_no_strings(script):
    text = SCRIPT_COMMENTS.sub("", script.read_text(encoding="utf-8"))
    found = [name for name, pattern in EVAL_IN_SCRIPTS.items() if pattern.search(text)]
    assert found == []


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ('<div style="color: red">', "style= attribute"),
        ("<script>alert(1)</script>", "inline <script>"),
        ('<a href="#" onclick="go()">', "on*= handler"),
        ('<ol hx-trigger="every 2s [ready()]">', "htmx event filter (eval)"),
    ],
)
def test_the_source_scan_catches_inline_code(text, expected):
    assert [name for name, pattern in INLINE_IN_TEMPLATES.items() if pattern.search(text)] == [
        expected
    ]


def test_the_source_scan_lets_external_scripts_and_plain_text_through():
    text = '<script src="/static/js/map-zoom.js" defer></script><p>Son avis : oui.</p>'
    assert [name for name, pattern in INLINE_IN_TEMPLATES.items() if pattern.search(text)] == []
