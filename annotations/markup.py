"""Markdown to safe HTML, rendered once when an annotation is saved, never per page view.

markdown-it-py's CommonMark parser runs in time linear in the text (python-markdown took
seconds on 5,000 "[": see BENCHMARKS.md, "Markdown"). Raw HTML is off, so a tag typed in
the text shows as text; images are off, so `![alt](url)` shows its link, not a picture
loaded from elsewhere; headings are demoted below the page's own. nh3 then keeps a short
list of tags, links to http, https and mailto only, and marks links nofollow noopener ugc
(written by readers, not by the site).
Pure: no database, no settings."""

from __future__ import annotations

import nh3
from markdown_it import MarkdownIt

ALLOWED_TAGS = {
    "p",
    "br",
    "strong",
    "em",
    "code",
    "pre",
    "blockquote",
    "ul",
    "ol",
    "li",
    "a",
    "hr",
    "h3",
    "h4",
    "h5",
    "h6",
}
ALLOWED_ATTRIBUTES = {"a": {"href", "title"}, "ol": {"start"}}
URL_SCHEMES = {"http", "https", "mailto"}
LINK_REL = "nofollow noopener ugc"
HEADING_SHIFT = 2  # "# x" becomes h3: the page has its h1 and the thread its h2


def _parser() -> MarkdownIt:
    parser = MarkdownIt("commonmark", {"html": False, "linkify": False, "typographer": False})
    parser.disable("image")

    def heading(renderer, tokens, index, options, env):
        token = tokens[index]
        token.tag = f"h{min(int(token.tag[1]) + HEADING_SHIFT, 6)}"
        return renderer.renderToken(tokens, index, options, env)

    parser.add_render_rule("heading_open", heading)
    parser.add_render_rule("heading_close", heading)
    return parser


PARSER = _parser()


def _keep_attribute(tag: str, attribute: str, value: str) -> str | None:
    # nh3 lets relative URLs through whatever the schemes; "//elsewhere.example" is one.
    if attribute == "href" and not value.lower().startswith(("http://", "https://", "mailto:")):
        return None
    return value


def render_markdown(text: str) -> str:
    html = PARSER.render(text)
    return nh3.clean(
        html,
        tags=ALLOWED_TAGS,
        attributes=ALLOWED_ATTRIBUTES,
        attribute_filter=_keep_attribute,
        url_schemes=URL_SCHEMES,
        link_rel=LINK_REL,
    ).strip()
