"""What a first-time reader sees of each default map, without touching a control: readable
text on the map's first screen, on a desktop and on a phone, centred on the focus claim
where there is one; the whole debate shaped to a screen, not a strip.

On the shipped debate, where the maps are large: the small test debate fits any screen."""

import math
import shutil
from pathlib import Path

import pytest

from tests.site.test_browser import CHROMIUM

pytestmark = [
    pytest.mark.browser,
    pytest.mark.skipif(shutil.which("dot") is None, reason="Graphviz is not installed"),
]
SHIPPED = Path(__file__).resolve().parents[2] / "fixtures" / "technofeodalisme"
SCREENS = {"desktop": (1366, 900), "phone": (390, 844)}

# The rendered size of every text of the drawing that lies in the map's frame, and where
# the focus box is, measured by the browser as the reader sees them.
FIRST_SCREEN = """() => {
  const canvas = document.querySelector('[data-map-zoom]');
  const svg = canvas.querySelector('svg');
  const frame = canvas.getBoundingClientRect();  // the part of the drawing in view
  const inside = (r) => r.right > frame.left && r.left < frame.right
    && r.bottom > frame.top && r.top < Math.min(frame.bottom, window.innerHeight);
  const sizes = [];
  svg.querySelectorAll('g.node text').forEach((text) => {
    if (!inside(text.getBoundingClientRect())) return;
    sizes.push(parseFloat(text.getAttribute('font-size')) * text.getScreenCTM().a);
  });
  const focus = svg.querySelector('g.node.focus');
  const box = focus ? focus.getBoundingClientRect() : null;
  return {
    sizes,
    frame: ((r) => [r.left, r.top, r.width, r.height])(svg.getBoundingClientRect()),
    focus: box ? [box.left + box.width / 2, box.top + box.height / 2] : null,
    toolbar: canvas.querySelectorAll('.map-zoom-toolbar button').length,
    pageWidth: document.documentElement.scrollWidth,
    viewport: window.innerWidth,
    // The whole drawing's extent on screen, beyond the frame's edges too.
    scrolls: ((drawing) => [drawing.width > frame.width + 1, drawing.height > frame.height + 1])(
      svg.querySelector('g.graph').getBoundingClientRect()),
  };
}"""


@pytest.fixture
def shipped(live_server, transactional_db):
    from arguments.record.fixture_format import read_debate_folder
    from arguments.record.loading import store_debate

    debate = store_debate(read_debate_folder(SHIPPED)).debate
    return live_server.url, debate


@pytest.fixture
def chromium(live_server):
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(
            executable_path=str(CHROMIUM), args=["--no-sandbox", "--disable-gpu"]
        )
        yield browser
        browser.close()


def first_screen(chromium, url: str, screen: str) -> dict:
    width, height = SCREENS[screen]
    phone = screen == "phone"
    context = chromium.new_context(
        viewport={"width": width, "height": height}, is_mobile=phone, has_touch=phone
    )
    page = context.new_page()
    page.set_default_timeout(20_000)
    page.goto(url)
    page.locator("[data-map-zoom].map-zoom-active").first.scroll_into_view_if_needed()
    page.wait_for_timeout(200)
    seen = page.evaluate(FIRST_SCREEN)
    context.close()
    return seen


def assert_readable(seen: dict, screen: str) -> None:
    assert len(seen["sizes"]) >= 4, f"{screen}: hardly any text in the first screen"
    assert min(seen["sizes"]) >= 11, f"{screen}: text of {min(seen['sizes']):.1f} px"
    assert seen["toolbar"] == 4  # zoom in, zoom out, fit, natural size
    assert seen["pageWidth"] <= seen["viewport"], f"{screen}: the page scrolls sideways"


def assert_centred_on_focus(seen: dict) -> None:
    left, top, width, height = seen["frame"]
    x, y = seen["focus"]
    # Along a direction in which the whole drawing fits the frame there is nothing to centre.
    across, down = seen["scrolls"]
    assert across or down, "the drawing fits: the focus claim needs no centring"
    if across:
        assert abs(x - (left + width / 2)) < 0.1 * width
    if down:
        assert abs(y - (top + height / 2)) < 0.1 * height


def focus_claim(debate):
    """The most answered claim: the view around it is the largest."""
    from django.db.models import Count

    return debate.claims.annotate(answered=Count("incoming")).order_by("-answered", "pk").first()


@pytest.mark.parametrize("screen", SCREENS)
def test_the_whole_debate_opens_readable_on_an_overview_shaped_to_a_screen(
    shipped, chromium, screen
):
    site, debate = shipped
    seen = first_screen(chromium, f"{site}/{debate.slug}/map/", screen)
    assert_readable(seen, screen)


def test_the_whole_debate_is_drawn_about_as_wide_as_high(shipped, client):
    """Its SVG, overview or every branch, is neither a strip nor a column."""
    _site, debate = shipped
    for query in ("", "?detail=all"):
        svg = client.get(f"/{debate.slug}/map.svg{query}").content.decode()
        width = float(svg.split('width="', 1)[1].split("pt", 1)[0])
        height = float(svg.split('height="', 1)[1].split("pt", 1)[0])
        assert 0.6 < width / height < 2.5, (query, width, height)
        assert math.isfinite(width)


@pytest.mark.parametrize("screen", SCREENS)
def test_the_map_around_a_claim_opens_centred_on_it_and_readable(shipped, chromium, screen):
    site, debate = shipped
    claim = focus_claim(debate)
    seen = first_screen(chromium, f"{site}/{debate.slug}/map/?claim={claim.slug}&depth=2", screen)
    assert_readable(seen, screen)
    assert_centred_on_focus(seen)


@pytest.mark.parametrize("screen", SCREENS)
def test_a_participants_and_a_texts_maps_open_readable(shipped, chromium, screen):
    from django.db.models import Count

    site, debate = shipped
    holder = debate.participants.annotate(held=Count("claims")).order_by("-held").first()
    source = debate.sources.annotate(stated=Count("claims")).order_by("-stated").first()
    for query in (f"participant={holder.slug}", f"source={source.slug}"):
        assert_readable(
            first_screen(chromium, f"{site}/{debate.slug}/map/?{query}", screen), screen
        )


@pytest.mark.parametrize("screen", SCREENS)
def test_the_standing_pages_map_is_visible_readable_and_zoomable(shipped, chromium, screen):
    site, debate = shipped
    seen = first_screen(chromium, f"{site}/{debate.slug}/standing/", screen)
    assert_readable(seen, screen)
    width, height = SCREENS[screen]
    context = chromium.new_context(viewport={"width": width, "height": height})
    page = context.new_page()
    page.goto(f"{site}/{debate.slug}/standing/")
    canvas = page.locator("[data-map-zoom].map-zoom-active")
    canvas.scroll_into_view_if_needed()
    before = canvas.locator("svg").get_attribute("viewBox")
    canvas.locator(".map-zoom-toolbar button").first.click()  # zoom in
    assert canvas.locator("svg").get_attribute("viewBox") != before
    context.close()
