"""Redis down or frozen: pages are still served (rendered without the cache), writes are
refused with a clear 503 (the page, htmx and the API), and all is well again once Redis
answers. A real redis-server of the test's own, stopped with SIGTERM or frozen with SIGSTOP."""

from __future__ import annotations

import logging
import shutil
import signal
import socket
import subprocess
import time

import pytest
import redis

from annotations.models import Annotation
from debate.cache_outage import CacheUnavailable, strict

# These tests read the messages in English.
pytestmark = pytest.mark.usefixtures("english")

WRITE = "/petit-debat/claims/thesis/annotations/"
PAGES = ["/petit-debat/", "/petit-debat/claims/thesis/", "/petit-debat/map/"]


class RedisServer:
    """A redis-server on a free loopback port, persisting nothing."""

    def __init__(self):
        with socket.socket() as probe:
            probe.bind(("127.0.0.1", 0))
            self.port = probe.getsockname()[1]
        self.url = f"redis://127.0.0.1:{self.port}/0"
        self.start()

    def start(self) -> None:
        command = [shutil.which("redis-server"), "--port", str(self.port), "--bind", "127.0.0.1"]
        command += ["--save", "", "--appendonly", "no", "--daemonize", "no"]
        self.process = subprocess.Popen(
            command, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL
        )
        client = redis.Redis(port=self.port, socket_timeout=1)
        deadline = time.monotonic() + 10
        while True:
            try:
                client.ping()
                break
            except redis.ConnectionError:
                if time.monotonic() > deadline or self.process.poll() is not None:
                    raise RuntimeError("redis-server did not start") from None
                time.sleep(0.05)

    def restart(self) -> None:
        self.stop()
        self.start()

    def freeze(self) -> None:
        self.process.send_signal(signal.SIGSTOP)

    def thaw(self) -> None:
        self.process.send_signal(signal.SIGCONT)

    def stop(self) -> None:
        if self.process.poll() is None:
            self.thaw()
            self.process.terminate()
            self.process.wait(timeout=10)


@pytest.fixture
def redis_server():
    if shutil.which("redis-server") is None:
        pytest.fail("redis-server is not installed (bin/setup --test installs it)")
    server = RedisServer()
    try:
        yield server
    finally:
        server.stop()


def use_redis(settings, server: RedisServer, retry_seconds: float) -> RedisServer:
    """The site's cache on the test's Redis, as production configures it."""
    settings.CACHES = {
        "default": {
            "BACKEND": "debate.cache_outage.OutageTolerantRedisCache",
            "LOCATION": server.url,
            "OPTIONS": {
                "socket_connect_timeout": 0.5,
                "socket_timeout": 0.5,
                "outage_retry_seconds": retry_seconds,
            },
        }
    }
    return server


@pytest.fixture
def redis_cache(settings, redis_server):
    """After a failure Redis is left alone for a minute, as in production (a frozen Redis
    costs one timeout, not one per cache call)."""
    return use_redis(settings, redis_server, 60)


@pytest.fixture
def redis_cache_retried_at_once(settings, redis_server):
    """Redis is asked again at once after a failure: a test sees it come back."""
    return use_redis(settings, redis_server, 0)


def post_annotation(client, body: str, **headers):
    return client.post(WRITE, {"stance": "comment", "body": body, "tags": ""}, headers=headers)


def test_the_cache_stores_and_reads_while_redis_answers(redis_cache):
    from django.core.cache import cache

    cache.set("greeting", "bonjour")
    assert cache.get("greeting") == "bonjour"
    assert cache.add("greeting-count", 0) is True
    assert strict(cache).incr("greeting-count") == 1


@pytest.mark.parametrize("fault", ["stopped", "frozen"])
def test_pages_are_served_without_the_cache(client, small_debate, redis_cache, fault):
    assert all(client.get(page).status_code == 200 for page in PAGES)  # cached now
    redis_cache.stop() if fault == "stopped" else redis_cache.freeze()
    for page in PAGES:
        response = client.get(page)
        assert response.status_code == 200, page
    never_cached = client.get("/petit-debat/map/", {"participant": "bruno"})
    assert "<svg" in never_cached.content.decode()


def test_a_map_never_cached_is_drawn_while_redis_is_stopped(client, small_debate, redis_cache):
    redis_cache.stop()
    response = client.get("/petit-debat/map.png", {"participant": "bruno"})
    assert response.status_code == 200
    assert response.content.startswith(b"\x89PNG")


def test_a_signed_in_reader_reads_while_redis_is_frozen(client, alice, small_debate, redis_cache):
    client.force_login(alice)
    redis_cache.freeze()
    assert client.get("/petit-debat/claims/thesis/").status_code == 200


@pytest.mark.parametrize("fault", ["stopped", "frozen"])
def test_a_write_is_refused_with_a_clear_503_and_not_stored(
    client, alice, small_debate, redis_cache, fault
):
    client.force_login(alice)
    redis_cache.stop() if fault == "stopped" else redis_cache.freeze()
    response = post_annotation(client, "Pendant la panne")
    assert response.status_code == 503
    assert response["Retry-After"] == "60"
    html = response.content.decode()
    assert "The service that counts writes is unavailable" in html
    assert "<h1>" in html  # the whole page
    assert not Annotation.objects.filter(body="Pendant la panne").exists()


def test_an_htmx_write_gets_the_message_above_the_page(client, alice, small_debate, redis_cache):
    client.force_login(alice)
    redis_cache.stop()
    response = post_annotation(client, "Pendant la panne", **{"HX-Request": "true"})
    assert response.status_code == 503
    assert response["HX-Retarget"] == "#flash"
    html = response.content.decode()
    assert "The service that counts writes is unavailable" in html and "<h1>" not in html
    assert not Annotation.objects.exists()


def test_the_api_refuses_a_write_with_a_json_503(client, alice, small_debate, redis_cache):
    client.force_login(alice)  # a session: the API's CSRF check is off in the test client
    redis_cache.stop()
    thesis = small_debate.claims.get(slug="thesis")
    response = client.post(
        "/api/annotations/", {"claim": thesis.pk, "body": "Panne"}, content_type="application/json"
    )
    assert response.status_code == 503
    assert response["Retry-After"] == "60"
    assert response.json() == {
        "detail": "The service that counts writes is unavailable; try again in a minute."
    }
    assert not Annotation.objects.exists()
    # Reads through the API still answer.
    assert client.get("/api/annotations/").status_code == 200


def test_writes_are_taken_again_once_redis_answers(
    client, alice, small_debate, redis_cache_retried_at_once
):
    client.force_login(alice)
    redis_cache_retried_at_once.freeze()
    assert post_annotation(client, "Gelé").status_code == 503
    redis_cache_retried_at_once.thaw()
    assert post_annotation(client, "Dégelé").status_code == 302
    assert list(Annotation.objects.values_list("body", flat=True)) == ["Dégelé"]


def test_a_restarted_redis_is_used_again_at_once(client, alice, small_debate, redis_cache):
    client.force_login(alice)
    assert post_annotation(client, "Avant").status_code == 302
    redis_cache.restart()  # the connection kept from the first write is now a dead one
    assert post_annotation(client, "Après").status_code == 302
    assert Annotation.objects.count() == 2


def test_the_outage_is_logged_once_and_the_recovery_once(redis_cache_retried_at_once, caplog):
    from django.core.cache import cache

    redis_cache_retried_at_once.freeze()
    with caplog.at_level(logging.WARNING, logger="debate.cache_outage"):
        for number in range(3):
            assert cache.get(f"key-{number}", "missed") == "missed"
            cache.set(f"key-{number}", "stored")
        redis_cache_retried_at_once.thaw()
        cache.set("after", "stored")
        assert cache.get("after") == "stored"
    messages = [record.getMessage() for record in caplog.records]
    assert len(messages) == 2, messages
    assert "does not answer (TimeoutError" in messages[0]
    assert "answers again" in messages[1]


def test_a_failure_leaves_redis_alone_for_a_while(redis_cache):
    from django.core.cache import cache

    redis_cache.freeze()
    with pytest.raises(CacheUnavailable, match="TimeoutError"):
        strict(cache).get("key")
    redis_cache.thaw()
    # Not asked again yet: told at once, with the reason of the failure.
    with pytest.raises(CacheUnavailable, match="TimeoutError"):
        strict(cache).get("key")
    assert cache.get("key", "missed") == "missed"


def test_strict_callers_are_told_the_cache_is_down(redis_cache):
    from django.core.cache import cache

    redis_cache.stop()
    with pytest.raises(CacheUnavailable, match="ConnectionError"):
        strict(cache).add("lock", True, 10)
    assert cache.add("lock", True, 10) is False  # the tolerant face: not stored
