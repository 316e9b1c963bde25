"""The load benchmark's reference view lives in its own settings module, never in the
shipped URLs."""

import importlib

import pytest
from django.test import override_settings
from django.urls import Resolver404, get_resolver, resolve


def shipped_patterns(resolver=None):
    """Every route of the shipped URL configuration, as text, included ones too."""
    resolver = resolver or get_resolver("debate.urls")
    for pattern in resolver.url_patterns:
        yield str(pattern.pattern)
        if hasattr(pattern, "url_patterns"):
            yield from shipped_patterns(pattern)


def test_the_shipped_urls_have_no_reference_route():
    assert not [route for route in shipped_patterns() if "reference" in route]


def test_the_reference_path_is_not_answered_by_the_shipped_site(settings):
    assert settings.ROOT_URLCONF == "debate.urls"
    with pytest.raises(Resolver404):
        resolve("/__reference__/x/")
    assert resolve("/__reference__/").url_name == "debate"  # a slug like any other


def test_the_shipped_settings_do_not_name_the_bench():
    settings_module = importlib.import_module("debate.settings")
    assert "bench" not in settings_module.ROOT_URLCONF


@pytest.mark.django_db
def test_the_bench_urls_answer_the_reference_through_the_middleware(client):
    with override_settings(ROOT_URLCONF="bench.reference_urls"):
        response = client.get("/__reference__/")
        assert response.status_code == 200
        assert response.content == b"reference"
        assert "Content-Security-Policy" in response.headers  # the middleware ran
        assert resolve("/").url_name == "home"  # the shipped pages stay reachable
