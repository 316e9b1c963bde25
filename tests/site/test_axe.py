"""Every page type passes axe-core (WCAG 2.0, 2.1 and 2.2, levels A and AA, and axe's best
practices), in French and in English, on a desktop (1366 px) and on a phone (390 px).

axe-core is the version package-lock.json pins, installed by `bin/setup --test` (npm ci). It is
run through the DevTools protocol (page.evaluate), which the Content-Security-Policy does not
govern: a <script> tag with its text inline would be refused, as any inline script is.
Any violation fails, whatever its impact; the message names each rule, how many elements fail it
and the first of them, at each width.
"""

import json
import shutil
from pathlib import Path

import pytest

from tests.site.test_phone_layout import (  # noqa: F401 (fixtures)
    PAGES,
    address,
    browser,
    signed_in_page,
    site,
)

ROOT = Path(__file__).resolve().parents[2]
AXE = ROOT / "node_modules" / "axe-core" / "axe.min.js"
WIDTHS = {"desktop": 1366, "phone": 390}
LANGUAGES = {"fr": "fr-FR", "en": "en-US"}
# The rules of WCAG 2.0, 2.1 and 2.2 at levels A and AA, and axe's best practices.
TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22a", "wcag22aa", "best-practice"]

pytestmark = [
    pytest.mark.browser,
    pytest.mark.skipif(shutil.which("dot") is None, reason="Graphviz is not installed"),
]

# The page types the issue lists (the others of the phone layout test share their templates).
CHECKED = [
    "home",
    "debate",
    "claim",
    "claim signed in",
    "map",
    "map of a claim",
    "standing",
    "standing explained",
    "participant",
    "source",
    "search",
    "questions",
    "who answers whom",
    "about",
    "claim history",
    "corrections",
    "annotation moderation",
    "debate moderation",
    "import",
    "log in",
    "sign up",
    "API docs",
]
CASES = [
    pytest.param(name, user, path, language, id=f"{name}-{language}")
    for name, user, path in PAGES
    if name in CHECKED
    for language in LANGUAGES
]

RUN_AXE = """async (tags) => {
  const results = await axe.run(document, {
    runOnly: {type: 'tag', values: tags}, resultTypes: ['violations'],
  });
  return results.violations.map((rule) => ({
    id: rule.id,
    impact: rule.impact,
    targets: rule.nodes.map((node) => node.target.join(' ')),
  }));
}"""


def open_page(browser, site, user, language):  # noqa: F811 (the fixtures imported above)
    context = browser.new_context(
        viewport={"width": WIDTHS["desktop"], "height": 900}, locale=LANGUAGES[language]
    )
    return signed_in_page(context, site["url"], user)


def violations(page):
    """axe's violations on the page as it stands."""
    page.evaluate(AXE.read_text())
    return page.evaluate(RUN_AXE, TAGS)


def describe(rule):
    return f"{rule['id']} ({rule['impact']}, {len(rule['targets'])}): {rule['targets'][:4]}"


@pytest.mark.parametrize(("name", "user", "path", "language"), CASES)
def test_every_page_type_passes_axe(site, browser, name, user, path, language):  # noqa: F811
    if not AXE.exists():
        pytest.fail("axe-core is missing: bin/setup --test installs it (npm ci)")
    page = open_page(browser, site, user, language)
    failed = {}
    for width_name, width in WIDTHS.items():
        page.set_viewport_size({"width": width, "height": 900})
        response = page.goto(address(site, path))
        assert response.status < 500, f"{name}: {response.status}"
        page.wait_for_load_state("networkidle")
        if found := violations(page):
            failed[width_name] = [describe(rule) for rule in found]
    page.context.close()
    assert not failed, f"{name} ({language}): " + json.dumps(failed, indent=1, ensure_ascii=False)


# The focus ring of the element focused, and the background it is drawn on (its nearest
# ancestor's with a colour).
FOCUS_RING = """() => {
  const el = document.activeElement;
  let around = el.parentElement;
  while (around && getComputedStyle(around).backgroundColor === 'rgba(0, 0, 0, 0)') {
    around = around.parentElement;
  }
  const style = getComputedStyle(el);
  return {outline: style.outlineColor, width: parseFloat(style.outlineWidth),
          style: style.outlineStyle,
          background: getComputedStyle(around || document.documentElement).backgroundColor};
}"""


def test_the_focus_ring_shows_in_the_header_and_in_the_page(site, browser):  # noqa: F811
    """axe does not look at focus: the ring must stand out 3:1 from what is around it (WCAG
    1.4.11, 2.4.7), in the dark header as on the page's paper."""
    from coloraide import Color

    page = open_page(browser, site, None, "fr")
    page.goto(address(site, "/{debate}/"))
    for selector in (".site-header a.brand", ".site-header button", "main a"):
        page.focus(selector)
        page.keyboard.press("Shift+Tab")  # focused from the keyboard: :focus-visible applies
        page.keyboard.press("Tab")
        ring = page.evaluate(FOCUS_RING)
        assert ring["style"] != "none" and ring["width"] >= 2, (selector, ring)
        contrast = Color(ring["outline"]).contrast(ring["background"], method="wcag21")
        assert contrast >= 3, (selector, ring, contrast)
    page.context.close()
