"""Old links to a claim lead to it: a page of a claim (its page, history, citation, card,
feed…) asked at an address the claim left (a reader's proposal accepted into the record
takes an address of the record) answers a permanent redirect to the same page at the
claim's address now. Only where the page would be a 404, for reads (GET and HEAD: a form
posted to an old address is not sent on), to a claim of the same debate the reader may see.
A claim living at the address now keeps it: the live claim wins."""

from __future__ import annotations

from django.http import HttpRequest, HttpResponse, HttpResponsePermanentRedirect
from django.urls import NoReverseMatch, reverse

from arguments.record.models import ClaimFormerSlug


class FormerAddressMiddleware:
    """After authentication (what the reader may see decides), before the view's 404 leaves."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        response = self.get_response(request)
        if response.status_code != 404 or request.method not in ("GET", "HEAD"):
            return response
        return moved(request) or response


def moved(request: HttpRequest) -> HttpResponse | None:
    """The redirect from a claim's former address, or None."""
    match = getattr(request, "resolver_match", None)
    kwargs = dict(match.kwargs) if match else {}
    if "debate_slug" not in kwargs or "claim_slug" not in kwargs or match.args:
        return None
    claim = ClaimFormerSlug.objects.claim_for(
        request.user, kwargs["debate_slug"], kwargs["claim_slug"]
    )
    if claim is None:
        return None
    kwargs["claim_slug"] = claim.slug  # the debate's slug is the one asked: never another
    try:
        location = reverse(match.view_name, kwargs=kwargs)
    except NoReverseMatch:
        return None
    query = request.META.get("QUERY_STRING", "")
    return HttpResponsePermanentRedirect(f"{location}?{query}" if query else location)
