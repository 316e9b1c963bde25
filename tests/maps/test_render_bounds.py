"""Map renders are bounded: one run of `dot` for a map however many ask for it at once
(single flight, through the cache), and at most so many new renders a minute per client
(anonymous by address, signed-in readers by account, with more), answered 429; maps already
drawn are always served. `dot` is counted by a wrapper script that logs each run."""

from __future__ import annotations

import hashlib
import shutil
import threading

import pytest

from arguments.maps.render import MapBusy, render_cached
from tests.maps.conftest import counting_dot
from tests.site.test_redis_outage import RedisServer, use_redis

DOT = shutil.which("dot")
pytestmark = [
    pytest.mark.skipif(DOT is None, reason="Graphviz is not installed"),
    pytest.mark.usefixtures("english"),  # the tests read the messages in English
]

SIMPLE = 'digraph { a -> b; b -> c; label="%s" }'
PNG = "/petit-debat/map.png"
# Three views of the small debate, each with DOT text of its own.
VIEWS = [{}, {"participant": "bruno"}, {"claim": "thesis", "depth": "1"}]


@pytest.fixture
def dot_runs(settings, tmp_path):
    """Runs that take a moment, so that requests asked together do overlap."""
    return counting_dot(settings, tmp_path, pause=0.3)


@pytest.fixture(params=["locmem", "redis"])
def shared_cache(request, settings):
    """The cache the locks live in: local memory (one process) or Redis (every process)."""
    if request.param == "locmem":
        yield
        return
    server = RedisServer()
    try:
        use_redis(settings, server, 60)
        yield
    finally:
        server.stop()


def all_at_once(count: int, work) -> list:
    """`work()` in `count` threads released together; their results (or errors)."""
    barrier = threading.Barrier(count)
    results: list = [None] * count

    def run(number: int) -> None:
        barrier.wait()
        try:
            results[number] = work()
        except Exception as error:
            results[number] = error

    threads = [threading.Thread(target=run, args=(number,)) for number in range(count)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=60)
    return results


@pytest.mark.usefixtures("shared_cache")
def test_one_map_asked_by_many_at_once_is_drawn_once(dot_runs):
    source = SIMPLE % "once"
    results = all_at_once(6, lambda: render_cached(source, "svg"))
    assert dot_runs() == 1
    assert all(isinstance(result, bytes) and b"<svg" in result for result in results)
    assert len(set(results)) == 1


@pytest.mark.usefixtures("shared_cache")
def test_different_maps_asked_at_once_are_each_drawn(dot_runs):
    sources = [SIMPLE % "first", SIMPLE % "second", SIMPLE % "first", SIMPLE % "second"]
    results = all_at_once(4, lambda: render_cached(sources.pop(), "png"))
    assert dot_runs() == 2
    assert all(result.startswith(b"\x89PNG") for result in results)


def test_a_waiter_gives_up_when_the_render_it_waits_for_does_not_finish(dot_runs, settings):
    from django.core.cache import cache

    settings.GRAPHVIZ_TIMEOUT_SECONDS = 0.2
    source = SIMPLE % "stuck"
    digest = hashlib.sha256(source.encode()).hexdigest()
    cache.add(f"map:rendering:svg:{digest}", True, 60)  # another process holds it, stuck
    with pytest.raises(MapBusy, match="being drawn for another reader"):
        render_cached(source, "svg")
    assert dot_runs() == 0


def test_the_download_answers_503_when_the_render_it_waits_for_does_not_finish(
    client, small_debate, dot_runs, settings
):
    from django.core.cache import cache

    settings.GRAPHVIZ_TIMEOUT_SECONDS = 0.2
    dot_document = client.get("/petit-debat/map.dot").content.decode()
    source = dot_document.split("\n", 2)[2]  # without its two comment lines
    digest = hashlib.sha256(source.encode()).hexdigest()
    cache.add(f"map:rendering:png:{digest}", True, 60)
    response = client.get(PNG)
    assert response.status_code == 503
    assert response["Retry-After"] == "5"
    assert "being drawn for another reader" in response.content.decode()
    assert dot_runs() == 0


@pytest.fixture
def bounds(settings):
    settings.MAP_RENDERS_PER_MINUTE = 2
    settings.MAP_RENDERS_PER_MINUTE_SIGNED_IN = 3
    # Counted per window aligned on the clock: a day, so that no test straddles two.
    settings.MAP_RENDERS_WINDOW_SECONDS = 86400
    return settings


@pytest.mark.usefixtures("bounds")
def test_an_anonymous_client_is_refused_new_renders_past_its_bound(client, small_debate, dot_runs):
    assert [client.get(PNG, VIEWS[0]).status_code, client.get(PNG, VIEWS[1]).status_code] == [
        200,
        200,
    ]
    refused = client.get(PNG, VIEWS[2])
    assert refused.status_code == 429
    assert 0 < int(refused["Retry-After"]) <= 86400
    assert "no-store" in refused["Cache-Control"]
    html = refused.content.decode()
    assert "more new map drawings than we draw for one reader" in html and "<h1>" in html
    assert dot_runs() == 2


@pytest.mark.usefixtures("bounds")
def test_maps_already_drawn_are_served_past_the_bound(client, small_debate, dot_runs):
    for view in VIEWS[:2]:
        client.get(PNG, view)
    assert client.get(PNG, VIEWS[2]).status_code == 429
    again = client.get(PNG, VIEWS[0])
    assert again.status_code == 200 and again.content.startswith(b"\x89PNG")
    assert dot_runs() == 2


@pytest.mark.usefixtures("bounds")
def test_the_bound_is_per_client_address(client, small_debate, dot_runs):
    for view in VIEWS[:2]:
        client.get(PNG, view)
    assert client.get(PNG, VIEWS[2]).status_code == 429
    assert client.get(PNG, VIEWS[2], REMOTE_ADDR="192.0.2.7").status_code == 200


@pytest.mark.usefixtures("bounds")
def test_signed_in_readers_have_a_higher_bound(client, alice, small_debate, dot_runs):
    client.force_login(alice)
    assert [client.get(PNG, view).status_code for view in VIEWS] == [200, 200, 200]
    assert client.get(PNG, {"claim": "thesis", "depth": "2"}).status_code == 429
    assert dot_runs() == 3


def test_the_map_page_is_refused_too_and_nothing_refused_is_cached(
    client, small_debate, dot_runs, bounds
):
    bounds.MAP_RENDERS_PER_MINUTE = 0
    page = client.get("/petit-debat/map/")
    assert page.status_code == 429 and "<h1>" in page.content.decode()
    section = client.get("/petit-debat/map/", headers={"HX-Request": "true"})
    assert section.status_code == 429
    html = section.content.decode()
    assert "more new map drawings" in html and "<h1>" not in html
    assert dot_runs() == 0
    bounds.MAP_RENDERS_PER_MINUTE = 5
    drawn = client.get("/petit-debat/map/")
    assert drawn.status_code == 200 and "<svg" in drawn.content.decode()
    assert dot_runs() == 1
