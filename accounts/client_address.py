"""The address of the client behind our own reverse proxies (settings.TRUSTED_PROXY_COUNT)."""

from __future__ import annotations

from django.conf import settings


def client_address(request) -> str:
    """REMOTE_ADDR without proxies; else the address the outermost trusted proxy saw, read
    that many entries from the right of X-Forwarded-For (what a client sends itself is to
    the left, and ignored)."""
    proxies = settings.TRUSTED_PROXY_COUNT
    remote = request.META.get("REMOTE_ADDR", "")
    if proxies <= 0:
        return remote
    forwarded = [part.strip() for part in request.META.get("HTTP_X_FORWARDED_FOR", "").split(",")]
    forwarded = [part for part in forwarded if part]
    return forwarded[-proxies] if len(forwarded) >= proxies else remote
