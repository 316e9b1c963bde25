"""Who answers whom in Debian's Chromium, on a phone: the page never scrolls sideways (the
map and the matrix scroll in their own regions), and a cell of the matrix, followed by
keyboard, lists as many relations as it counts."""

import shutil
from pathlib import Path

import pytest

from tests.site import test_browser

# Chromium, launched once per test as in test_browser.py.
browser = test_browser.browser

pytestmark = [
    pytest.mark.browser,
    pytest.mark.skipif(shutil.which("dot") is None, reason="Graphviz is not installed"),
]
SHIPPED = Path(__file__).resolve().parents[2] / "fixtures" / "technofeodalisme"
PHONE = {"width": 390, "height": 844}


@pytest.fixture
def shipped(live_server, transactional_db):
    from arguments.record.fixture_format import read_debate_folder
    from arguments.record.loading import store_debate

    store_debate(read_debate_folder(SHIPPED))
    return live_server.url


@pytest.fixture
def phone(browser):
    page = browser.new_context(viewport=PHONE, is_mobile=True, has_touch=True).new_page()
    page.set_default_timeout(20_000)
    return page


WIDTHS = "() => [document.documentElement.scrollWidth, window.innerWidth]"


def test_on_a_phone_no_sideways_scroll_and_a_cell_lists_what_it_counts(shipped, phone):
    for query in ("", "?count=editors"):
        phone.goto(f"{shipped}/technofeodalisme/answers/{query}")
        phone.locator("[data-map-zoom].map-zoom-active").wait_for()
        scroll_width, viewport = phone.evaluate(WIDTHS)
        assert scroll_width <= viewport, query
    phone.goto(f"{shipped}/technofeodalisme/answers/")
    cell = phone.locator("a.answer-count--objection[href*='from=rauzy'][href*='to=lordon']")
    count = int(cell.locator("[aria-hidden=true]").inner_text().strip("\u2212+"))
    assert count == 6
    cell.focus()
    phone.keyboard.press("Enter")
    phone.wait_for_url("**/answers/relations/**")
    assert phone.locator("ul.relations > li.argument--objection").count() == count
    scroll_width, viewport = phone.evaluate(WIDTHS)
    assert scroll_width <= viewport


INSIDE = """() => {
  const canvas = document.querySelector('.answers-canvas'), svg = canvas.querySelector('svg');
  const start = svg.querySelector('g.node[id="' + canvas.dataset.mapStart + '"]');
  const frame = svg.getBoundingClientRect(), box = start.getBoundingClientRect();
  const name = start.querySelector('text');
  return [start.textContent.trim(), box.left >= frame.left && box.right <= frame.right
          && box.top >= frame.top && box.bottom <= frame.bottom,
          name.getBoundingClientRect().height];
}"""


def test_on_a_phone_the_map_opens_readable_on_whoever_answers_and_is_answered_most(shipped, phone):
    phone.goto(f"{shipped}/technofeodalisme/answers/")
    phone.locator("[data-map-zoom].map-zoom-active").wait_for()
    name, inside, text_height = phone.evaluate(INSIDE)
    # Durand: 12 relations from Benyattou, 5 from Rauzy, 6 of his own to others.
    assert name == "Cédric Durand"
    assert inside
    assert text_height >= 11
