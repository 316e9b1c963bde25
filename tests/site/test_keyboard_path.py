"""The whole path by keyboard alone, in Debian's Chromium (issue 19's "done when"): from
home to a claim, to its map, along three related claims with the arrow keys, back to a
claim page, and an annotation published, asserting where focus is after each step and
counting the keys. The counts are printed (`-s`) for the closing note and bounded here."""

import shutil

import pytest

from tests.site import test_browser
from tests.site.test_browser import log_in

browser, page, site = test_browser.browser, test_browser.page, test_browser.site

pytestmark = [
    pytest.mark.browser,
    pytest.mark.skipif(shutil.which("dot") is None, reason="Graphviz is not installed"),
]

FOCUSED_HREF = (
    "(document.activeElement.getAttribute('href')"
    " || document.activeElement.getAttributeNS('http://www.w3.org/1999/xlink', 'href') || '')"
)
FOCUSED_BOX = "(document.activeElement.closest('g.node') || {}).id || ''"


def tab_until(page, condition: str, limit: int = 60) -> int:
    """Press Tab until `condition` (JS) holds for the focused element; return the count."""
    for count in range(1, limit + 1):
        page.keyboard.press("Tab")
        if page.evaluate(condition):
            return count
    raise AssertionError(f"not reached in {limit} Tabs: {condition}")


def arrow(page, key: str) -> str:
    before = page.evaluate(FOCUSED_BOX)
    page.keyboard.press(key)
    page.wait_for_function(f"() => {FOCUSED_BOX} !== {before!r}")
    return page.evaluate(FOCUSED_BOX)


def slug_of_box(page, box_id: str) -> str:
    href = page.evaluate(
        "id => document.querySelector('g.node[id=\"' + id + '\"] > a').getAttribute('xlink:href')"
        " || document.querySelector('g.node[id=\"' + id + '\"] > a').getAttribute('href')",
        box_id,
    )
    return href.rstrip("/").rsplit("/", 1)[-1]


def test_from_home_to_a_claim_its_map_three_related_claims_and_an_annotation(site, page):
    keys = {}
    log_in(page, site, "alice", "/")
    # Home → the thesis's page.
    keys["home → claim link"] = tab_until(
        page, f"{FOCUSED_HREF}.endsWith('/petit-debat/claims/thesis/')"
    )
    page.keyboard.press("Enter")
    page.wait_for_url("**/petit-debat/claims/thesis/")
    # The claim page → its map.
    keys["claim page → map link"] = tab_until(
        page, f"{FOCUSED_HREF}.includes('/map/?claim=thesis')"
    )
    page.keyboard.press("Enter")
    page.wait_for_url("**/map/?claim=thesis*")
    page.locator("[data-map-zoom].map-zoom-active").wait_for()
    # "Skip to the map", then into the map: it is entered on its focus claim.
    to_skip_link = tab_until(page, f"{FOCUSED_HREF} === '#map'", 5)
    page.keyboard.press("Enter")
    keys["map page → focus claim"] = to_skip_link + 1 + tab_until(page, f"{FOCUSED_BOX} !== ''")
    focus_box = page.evaluate(FOCUSED_BOX)
    assert slug_of_box(page, focus_box) == "thesis"
    # Along the argument: down to an answer, across to its sibling, down into its answers.
    visited = [slug_of_box(page, arrow(page, key)) for key in ("ArrowDown", "ArrowRight")]
    assert set(visited) == {"support-rent", "objection-capitalism"}
    if visited[-1] != "objection-capitalism":
        visited.append(slug_of_box(page, arrow(page, "ArrowLeft")))
    visited.append(slug_of_box(page, arrow(page, "ArrowDown")))
    assert visited[-1] in {"hostile", "deep-support"}  # the objection's own answers
    keys["arrow keys along the argument"] = len(visited)
    # The view follows: the claim reached is inside the map's frame.
    inside = page.evaluate(
        """() => { const a = document.activeElement.getBoundingClientRect();
           const f = document.querySelector('.map-canvas svg').getBoundingClientRect();
           return a.left >= f.left && a.right <= f.right
                  && a.top >= f.top && a.bottom <= f.bottom; }"""
    )
    assert inside
    # Up goes back to the claim it answers.
    assert slug_of_box(page, arrow(page, "ArrowUp")) == "objection-capitalism"
    # Enter opens that claim's page.
    page.keyboard.press("Enter")
    page.wait_for_url("**/petit-debat/claims/objection-capitalism/")
    # Annotate it: to the text box, type, to the button, Enter.
    keys["claim page → annotation box"] = tab_until(page, "document.activeElement.id === 'id_body'")
    page.keyboard.type("Annotée au clavier seul")
    keys["annotation box → publish"] = tab_until(
        page, "document.activeElement.matches('.annotation-form button[type=submit]')", 10
    )
    page.keyboard.press("Enter")
    page.wait_for_function("() => document.activeElement.matches('li.annotation')")
    assert "Annotée au clavier seul" in page.evaluate("document.activeElement.textContent")
    print("\nkeyboard path:", keys)
    # Bounded: the map's boxes are one Tab stop, so no step takes a tour of the page.
    assert keys["map page → focus claim"] <= 8
    assert keys["annotation box → publish"] <= 3
