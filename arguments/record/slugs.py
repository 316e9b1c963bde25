"""Debate slugs the site's own addresses already use: every debate lives at /<slug>/, so a
debate called "admin", "health" or "static" would shadow a page or be shadowed by it."""

from __future__ import annotations

import functools

from django.conf import settings
from django.core.exceptions import ValidationError
from django.urls import URLPattern, URLResolver, get_resolver
from django.utils.translation import gettext_lazy as _

# Addresses served outside the URL patterns (static files, browsers' and robots' habits).
OUTSIDE_PATTERNS = {"favicon.ico", "robots.txt", "media", "well-known", ".well-known"}


def first_segment(pattern: URLPattern | URLResolver) -> str:
    """The literal first path segment a URL pattern starts with ('' when it starts with a
    converter or is the root)."""
    route = str(pattern.pattern).lstrip("^")
    segment = route.split("/", 1)[0]
    return "" if "<" in segment or "(" in segment or "[" in segment else segment


@functools.cache
def reserved_debate_slugs() -> frozenset[str]:
    """The first segment of every literal address in the site, read from the URL patterns
    (so a new page reserves its address without anyone listing it here), and the static
    files' prefix."""
    reserved = set(OUTSIDE_PATTERNS)
    reserved.add(settings.STATIC_URL.strip("/").split("/", 1)[0])

    def walk(patterns) -> None:
        for pattern in patterns:
            segment = first_segment(pattern)
            if segment:
                reserved.add(segment.lower())
            elif isinstance(pattern, URLResolver) and not str(pattern.pattern):
                walk(pattern.url_patterns)  # included at the root: its pages are top-level

    walk(get_resolver().url_patterns)
    reserved.discard("")
    return frozenset(reserved)


def is_reserved_debate_slug(slug: str) -> bool:
    return slug.lower() in reserved_debate_slugs()


def validate_debate_slug(slug: str) -> None:
    if is_reserved_debate_slug(slug):
        raise ValidationError(
            _("“%(slug)s” is one of the site's own addresses: choose another slug."),
            code="reserved",
            params={"slug": slug},
        )
