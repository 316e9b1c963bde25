"""Signed-in readers' pages: the page kept for readers who are not signed in, with the
reader's own parts rendered for her and stitched in on the server (no JavaScript needed).
Templates mark those parts `{% personal "name" %}…{% endpersonal %}` (her name and forms in
the header, the token htmx sends, a claim's thread and proposal forms) with HTML comments;
everything else (the argument tree, the standing, the quotations) is the shared page.
Readers' text never holds the markers: it is escaped, and annotations' HTML is sanitised
without comments. The tag library is `personal` (TEMPLATES' "libraries" setting)."""

from __future__ import annotations

import re
from collections.abc import Callable

from django import template
from django.contrib.messages import get_messages
from django.http import HttpRequest
from django.template.loader import render_to_string

from arguments.record.models import sees_hidden


def opening_marker(name: str) -> str:
    return f"<!--personal:{name}-->"


def closing_marker(name: str) -> str:
    return f"<!--/personal:{name}-->"


# A marked part, up to its own closing marker (parts do not nest).
PART = re.compile(r"<!--personal:([a-z_]+)-->.*?<!--/personal:\1-->", re.DOTALL)

# The parts every page has, rendered from base.html's partials for the reader.
COMMON_PARTS = {"body": "base.html#body_tag", "account": "base.html#account"}

PageParts = Callable[..., dict[str, str] | None]


def only_common_parts(request: HttpRequest, current: tuple, **url_kwargs) -> dict[str, str]:
    """For pages whose only own parts are every page's (the header's account links)."""
    return {}


def may_be_stitched(request: HttpRequest) -> bool:
    """A signed-in reader who sees what anonymous readers see, plus her own parts: not a
    moderator (who sees hidden items in the shared parts too), no message waiting to be
    shown on the page."""
    user = request.user
    return (
        request.method == "GET"
        and not request.htmx
        and user.is_authenticated
        and not sees_hidden(user)
        and not len(get_messages(request))
    )


def common_parts(request: HttpRequest) -> dict[str, str]:
    return {
        name: render_to_string(partial, request=request) for name, partial in COMMON_PARTS.items()
    }


def stitch(page: str, parts: dict[str, str]) -> str | None:
    """`page` with each marked part's content replaced by `parts[name]`; None (the page is
    then made for the reader) when its marked parts are not exactly those of `parts`."""
    seen: list[str] = []

    def replaced(match: re.Match) -> str:
        name = match[1]
        seen.append(name)
        if name not in parts:
            return match[0]
        return opening_marker(name) + parts[name] + closing_marker(name)

    stitched = PART.sub(replaced, page)
    if sorted(seen) != sorted(parts):
        return None
    return stitched


register = template.Library()


class PersonalNode(template.Node):
    def __init__(self, name: str, nodelist):
        self.name = name
        self.nodelist = nodelist

    def render(self, context) -> str:
        inner = self.nodelist.render(context)
        return f"{opening_marker(self.name)}{inner}{closing_marker(self.name)}"


@register.tag
def personal(parser, token):
    bits = token.split_contents()
    if len(bits) != 2 or bits[1][0] not in "\"'" or bits[1][0] != bits[1][-1]:
        raise template.TemplateSyntaxError('{% personal "name" %} takes a quoted name')
    nodelist = parser.parse(("endpersonal",))
    parser.delete_first_token()
    return PersonalNode(bits[1][1:-1], nodelist)
