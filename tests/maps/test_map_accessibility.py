"""The argument map for keyboard and screen-reader users (WCAG 2.2 AA): its relations named
with their kind, Tab and the arrow keys following the argument, the text outline announced
and one Tab away, controls that wait for a choice, scroll boxes reachable without
JavaScript."""

import re
import shutil

import pytest

from arguments.maps import dot
from arguments.maps.outline import build_outline, reading_order
from arguments.maps.render import in_reading_order, inline_svg, render
from tests.maps.test_map_first_sight import SHIPPED, focus_claim
from tests.site import test_browser

# The fixtures of test_browser.py: Chromium, a French page, the small debate on a live server.
browser, page, site = test_browser.browser, test_browser.page, test_browser.site
needs_dot = pytest.mark.skipif(shutil.which("dot") is None, reason="Graphviz is not installed")
HOSTILE = "<script>alert('x')</script> \"q\" \\N ]; evil [label=pwned]\nnext"
NODES = [
    dot.MapNode(1, "Thèse", "Alice", 0, "/d/claims/t/"),
    dot.MapNode(2, "Soutien", "Alice", 0, "/d/claims/s/"),
    dot.MapNode(3, "Objection", HOSTILE, 1, "/d/claims/o/"),
    dot.MapNode(4, "Réponse", "Chloé", 2, "/d/claims/r/"),
]
EDGES = [
    dot.MapEdge(2, 1, "support"),
    dot.MapEdge(3, 1, "objection", undercut_by=(4,)),
]
WORDS = {
    "support": "%(source)s supports %(target)s",
    "objection": "%(source)s objects to %(target)s",
    "rephrase": "%(source)s restates %(target)s",
    "undercut": "%(source)s denies that %(argument)s bears on %(target)s",
}


def outline():
    words = {
        (kind, outgoing): kind
        for kind in ("support", "objection", "rephrase", "undercut")
        for outgoing in (False, True)
    }
    return build_outline(NODES, EDGES, [1], [], words)


# Without a browser.


def test_each_relation_is_named_by_its_holders_and_its_kind_in_the_dot_text():
    source = dot.build_dot(NODES, EDGES, title="t")
    support = next(line for line in source.splitlines() if line.startswith("\tc2 -> c1 "))
    assert 'tooltip="Alice supports Alice" id="r2_1_support"' in support
    # An undercut relation is named once, on its first half; the undercut on its own line.
    first = next(line for line in source.splitlines() if line.startswith("\tc3 -> i3_1"))
    second = next(line for line in source.splitlines() if line.startswith("\ti3_1_objection ->"))
    assert 'id="r3_1_objection"' in first and " objects to Alice" in first
    assert "tooltip" not in second and " id=" not in second
    cut = next(line for line in source.splitlines() if line.startswith("\tc4 -> i3_1"))
    assert 'id="u4_3_1_objection"' in cut and "Chloé denies that" in cut


def test_a_hostile_holder_stays_inert_in_a_relations_name():
    source = dot.build_dot(NODES, EDGES, title="t", relation_names=WORDS)
    line = next(line for line in source.splitlines() if line.startswith("\tc3 -> i3_1"))
    assert line.count("\n") == 0 and "\tevil" not in source
    assert '\\"q\\"' in line and "\\\\N" in line


@needs_dot
def test_the_inline_svg_names_each_relation_as_an_image_and_follows_the_outline():
    svg = render(dot.build_dot(NODES, EDGES, title="t"), "svg")
    order = reading_order(outline())
    assert order == [
        "claim-1",
        "r2_1_support",
        "claim-2",
        "r3_1_objection",
        "claim-3",
        "u4_3_1_objection",
        "claim-4",
    ]
    inline = inline_svg(svg, order)
    named = re.findall(
        r'<g id="([^"]*)" class="edge[^"]*" role="img"><title>([^<]*)</title>', inline
    )
    assert [name for name, _title in named] == [
        "r2_1_support",
        "r3_1_objection",
        "u4_3_1_objection",
    ]
    assert "&lt;script&gt;" in named[1][1] and "<script>" not in inline
    assert 'xlink:title="Alice supports' not in inline  # no unnamed <a> left around a line
    # Claims and lines in the outline's order, the picture unchanged otherwise.
    ids = re.findall(r'<g id="([^"]*)" class="(?:node|edge)', inline)
    assert [i.replace("&#45;", "-") for i in ids][: len(order)] == order
    assert sorted(ids) == sorted(
        re.findall(r'<g id="([^"]*)" class="(?:node|edge)', inline_svg(svg))
    )


def test_reading_order_leaves_an_svg_it_cannot_cut_as_it_was():
    nested = '<svg><g id="a" class="node"><g id="x"></g></g>\n</svg>'
    assert in_reading_order(nested, ["a"]) == nested


def test_the_outline_says_how_each_claim_bears_on_the_one_above(client, small_debate):
    html = client.get("/petit-debat/map/").content.decode()
    outline = html[html.index('id="map-outline"') :]
    assert "soutient" in outline or "supports" in outline
    assert "objecte à" in outline or "objects to" in outline


def test_without_javascript_the_frames_are_tab_stops_with_a_name(client, small_debate):
    html = client.get("/petit-debat/map/").content.decode()
    frame = re.search(r'<div class="map-canvas"[^>]*>', html)[0]
    assert 'tabindex="0"' in frame and 'role="group"' in frame and 'aria-label="' in frame
    assert 'aria-details="map-outline"' in frame
    assert '<a href="#map-outline-list" data-map-outline>' in html
    standing = client.get("/petit-debat/standing/").content.decode()
    frame = re.search(r'<div class="map-canvas"[^>]*>', standing)[0]
    assert 'tabindex="0"' in frame and 'role="group"' in frame and 'aria-label="' in frame


# In Chromium.


@pytest.fixture
def shipped(live_server, transactional_db):
    from arguments.record.fixture_format import read_debate_folder
    from arguments.record.loading import store_debate

    return live_server.url, store_debate(read_debate_folder(SHIPPED)).debate


def active_box(page) -> str:
    """The id of the map's box holding the focus ("claim-12"), else the focused tag."""
    return page.evaluate(
        "() => { const a = document.activeElement;"
        " return a.closest('g.node') ? a.closest('g.node').id : a.tagName; }"
    )


def in_frame(page) -> bool:
    return page.evaluate(
        """() => { const a = document.activeElement.getBoundingClientRect();
        const f = document.querySelector('[data-map-zoom] svg').getBoundingClientRect();
        return a.left >= f.left - 1 && a.right <= f.right + 1
          && a.top >= f.top - 1 && a.bottom <= f.bottom + 1; }"""
    )


def claim_id(slug: str) -> str:
    from arguments.record.models import Claim

    return f"claim-{Claim.objects.get(slug=slug).pk}"


def ax_nodes(page):
    session = page.context.new_cdp_session(page)
    return [
        node
        for node in session.send("Accessibility.getFullAXTree")["nodes"]
        if not node.get("ignored")
    ]


@pytest.mark.browser
@needs_dot
def test_the_claim_maps_accessibility_tree_names_every_relation_with_its_kind(
    shipped, browser, english
):
    site, debate = shipped
    claim = focus_claim(debate)
    page = browser.new_context(locale="en-GB").new_page()
    page.goto(f"{site}/{debate.slug}/map/?claim={claim.slug}&depth=2")
    page.locator("[data-map-zoom].map-zoom-active").wait_for()
    count = page.locator("#map p.count").inner_text()
    relations = int(re.search(r"(\d+) relations", count)[1])
    undercuts = page.locator('svg g.edge[id^="u"]').count()
    kinds = re.compile(r" (supports|objects to|restates|denies that) ")
    names = [
        node["name"]["value"]
        for node in ax_nodes(page)
        if node["role"]["value"] == "image" and kinds.search(node.get("name", {}).get("value", ""))
    ]
    assert relations > 10 and len(names) == relations + undercuts
    # The claims stay links named by their holder and statement, inside a group, not an image.
    roles = [node["role"]["value"] for node in ax_nodes(page)]
    assert roles.count("link") >= page.locator("svg g.node > a").count()
    assert page.locator("[data-map-zoom] svg").get_attribute("role") == "group"
    # Each names both holders: the relation's ends, not Graphviz's ids.
    assert not any(re.search(r"\bc\d+\b|edge\d", name) for name in names)


@pytest.mark.browser
@needs_dot
def test_tab_from_the_top_of_the_map_reaches_the_focus_claim_first(site, page):
    page.goto(site + "/petit-debat/map/?claim=objection-capitalism&depth=2")
    page.locator("[data-map-zoom].map-zoom-active").wait_for()
    page.locator("a[data-map-outline]").focus()
    page.keyboard.press("Tab")
    assert page.evaluate("document.activeElement.matches('[data-map-zoom]')")
    page.keyboard.press("Tab")
    assert active_box(page) == claim_id("objection-capitalism")
    # The map is one Tab stop: the next Tab leaves its claims.
    page.keyboard.press("Tab")
    assert not active_box(page).startswith("claim-")


@pytest.mark.browser
@needs_dot
def test_arrow_keys_follow_the_argument_and_the_view_follows(site, page):
    page.set_viewport_size({"width": 500, "height": 500})  # a frame smaller than the map
    page.goto(site + "/petit-debat/map/?claim=thesis&depth=2&direction=LR")
    page.locator("[data-map-zoom].map-zoom-active").wait_for()
    page.locator("[data-map-zoom]").focus()
    page.keyboard.press("Tab")
    assert active_box(page) == claim_id("thesis")
    answers = {claim_id("support-rent"), claim_id("objection-capitalism")}
    page.keyboard.press("ArrowDown")  # into what answers the thesis
    first = active_box(page)
    assert first in answers and in_frame(page)
    page.keyboard.press("ArrowRight" if first == claim_id("support-rent") else "ArrowLeft")
    assert active_box(page) == claim_id("objection-capitalism") and in_frame(page)
    # Described by the line that led there: who objects to whom.
    (focused,) = [
        node
        for node in ax_nodes(page)
        if node["role"]["value"] == "link"
        and any(p["name"] == "focused" and p["value"]["value"] for p in node.get("properties", []))
    ]
    described = focused["description"]["value"]
    assert "Bruno" in described and "Alice" in described
    page.keyboard.press("ArrowDown")
    assert active_box(page) in {claim_id("hostile"), claim_id("deep-support")}
    assert in_frame(page)
    page.keyboard.press("ArrowUp")
    assert active_box(page) == claim_id("objection-capitalism")
    page.keyboard.press("ArrowUp")
    assert active_box(page) == claim_id("thesis") and in_frame(page)
    # On the frame itself the arrow keys still pan.
    page.keyboard.press("Escape")
    before = page.locator("[data-map-zoom] svg").get_attribute("viewBox")
    page.keyboard.press("ArrowRight")
    assert page.locator("[data-map-zoom] svg").get_attribute("viewBox") != before


@pytest.mark.browser
@needs_dot
def test_read_as_a_list_opens_the_outline_and_focuses_it(site, page):
    page.goto(site + "/petit-debat/map/")
    assert not page.locator("details#map-outline").evaluate("d => d.open")
    page.locator("a[data-map-outline]").focus()
    page.keyboard.press("Enter")
    assert page.locator("details#map-outline").evaluate("d => d.open")
    assert page.evaluate("document.activeElement.id") == "map-outline-list"


@pytest.mark.browser
@needs_dot
def test_a_select_changed_with_arrow_keys_waits_for_enter(site, page):
    page.goto(site + "/petit-debat/map/")
    page.locator("[data-map-zoom].map-zoom-active").wait_for()
    requests = []
    page.on("request", lambda request: "/map/" in request.url and requests.append(request.url))
    page.locator("#direction").focus()
    page.keyboard.press("ArrowDown")
    page.keyboard.press("ArrowDown")
    page.wait_for_timeout(500)
    assert page.locator("#direction").input_value() != "BT"  # the choice moved...
    assert requests == [] and page.url == site + "/petit-debat/map/"  # ...nothing redrawn
    assert page.locator("[data-map-waiting]").inner_text()  # and it says what to do
    page.keyboard.press("Enter")
    page.wait_for_url("**/map/?direction=*")
    assert len(requests) == 1 and page.locator("[data-map-waiting]").inner_text() == ""
    # The redrawn map says its counts in the polite status region, which stays in the page.
    page.wait_for_function(
        "() => /\\d+ affirmations, \\d+ relations/"
        ".test(document.getElementById('status').textContent)"
    )
    assert page.locator("#map #status").count() == 0


@pytest.mark.browser
@needs_dot
def test_without_javascript_the_map_frame_is_reachable_by_tab(site, browser):
    page = browser.new_context(locale="fr-FR", java_script_enabled=False).new_page()
    page.goto(site + "/petit-debat/map/?claim=thesis&depth=2")
    page.locator("a[data-map-outline]").focus()
    page.keyboard.press("Tab")
    frame = page.evaluate(
        "() => { const a = document.activeElement;"
        " return [a.className, a.getAttribute('role'), a.getAttribute('aria-label')]; }"
    )
    assert frame[0] == "map-canvas" and frame[1] == "group" and frame[2]
    # Then the claims, in the outline's order: the focus claim first.
    page.keyboard.press("Tab")
    assert active_box(page) == claim_id("thesis")
