"""GET /health/: each part (database, cache, Graphviz) "ok" or "unavailable" with the class
of its error; 503 only when the database does not answer, "degraded" (200) otherwise, so
that a Redis shared by every server does not take them all out of the load balancer."""

from __future__ import annotations

import socket

import pytest

from tests.site.test_outage import unreachable_database  # noqa: F401  (a fixture)
from tests.site.test_redis_outage import RedisServer, use_redis

ALL_OK = {"status": "ok", "database": "ok", "cache": "ok", "graphviz": "ok"}


@pytest.fixture
def redis(settings):
    server = RedisServer()
    try:
        yield use_redis(settings, server, 60)
    finally:
        server.stop()


def test_it_answers_ok_when_every_part_answers(client, db):
    response = client.get("/health/")
    assert response.status_code == 200
    assert response.json() == ALL_OK
    assert "no-store" in response["Cache-Control"]
    assert "Set-Cookie" not in response  # no session, no CSRF cookie


def test_it_answers_ok_on_redis(client, db, redis):
    assert client.get("/health/").json() == ALL_OK


@pytest.mark.usefixtures("unreachable_database")
def test_it_answers_503_naming_the_database_when_it_does_not_answer(client):
    response = client.get("/health/")
    assert response.status_code == 503
    assert response.json() == {
        **ALL_OK,
        "status": "unavailable",
        "database": "unavailable",
        "reasons": {"database": "OperationalError"},
    }
    assert "no-store" in response["Cache-Control"]


@pytest.mark.parametrize(
    ("fault", "reason"), [("stopped", "ConnectionError"), ("frozen", "TimeoutError")]
)
def test_it_names_the_cache_and_why_when_redis_does_not_answer(client, db, redis, fault, reason):
    redis.stop() if fault == "stopped" else redis.freeze()
    response = client.get("/health/")
    assert response.status_code == 200  # the site still serves pages: degraded, not down
    assert response.json() == {
        **ALL_OK,
        "status": "degraded",
        "cache": "unavailable",
        "reasons": {"cache": reason},
    }


def test_a_plain_redis_cache_that_refuses_connections_is_named_too(client, db, settings):
    closed = socket.socket()
    closed.bind(("127.0.0.1", 0))  # bound, not listening: connections are refused
    try:
        settings.CACHES = {
            "default": {
                "BACKEND": "django.core.cache.backends.redis.RedisCache",
                "LOCATION": f"redis://127.0.0.1:{closed.getsockname()[1]}/0",
            }
        }
        response = client.get("/health/")
    finally:
        closed.close()
    assert response.json()["cache"] == "unavailable"
    assert response.json()["reasons"] == {"cache": "ConnectionError"}


def test_it_names_graphviz_when_dot_is_missing(client, db, settings):
    settings.GRAPHVIZ_DOT = "no-such-dot-program"
    response = client.get("/health/")
    assert response.status_code == 200
    assert response.json() == {
        **ALL_OK,
        "status": "degraded",
        "graphviz": "unavailable",
        "reasons": {"graphviz": "NotInstalled"},
    }


def test_it_rejects_post(client, db):
    response = client.post("/health/")
    assert response.status_code == 405
    assert response["Allow"] == "GET"


def test_it_needs_no_sign_in(client, alice):
    client.force_login(alice)
    assert client.get("/health/").status_code == 200
