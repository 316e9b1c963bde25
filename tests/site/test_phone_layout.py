"""Every page type on a phone (390 px wide, touch): nothing scrolls sideways, and what a
finger taps is big enough.

The target-size rule, measured in CSS pixels on the rendered page (WCAG 2.5.5, with 2.5.8's
exemption for links in running text):
- buttons, selects, text inputs and textareas, summaries: at least 44 px tall and 44 px wide;
- a checkbox or a radio button is tapped through its label: the label is at least 44 px tall;
- a link standing alone (in a navigation bar, alone in its paragraph or list item, styled as a
  button) is at least 44 px tall and wide; a link inside a line of text, whose block holds
  other words, is exempt: its size is set by the text around it. Words set apart beside a link
  (a date, a count, a byline: in time, small or an element with a class) do not make it a
  sentence: a list of participants with their counts is a list of targets.
The page is measured as it loads, then again with every disclosure (details) opened: the map's
settings fold on a phone, and what they hold is tapped too. The document's width is compared
with the layout viewport (documentElement.clientWidth): a mobile browser's window.innerWidth
grows with an overflowing document. The viewport tag must let a pinch zoom (no
user-scalable=no, no maximum-scale under 2).
Not counted: what is hidden or off screen (the skip link until it is focused), the nodes drawn
inside a map's SVG (the map is zoomed and pinched instead), and the third-party Swagger UI of
the API docs (checked for width only).
"""

import re
import shutil

import pytest

from tests.site import test_browser

# Chromium, launched once per test as in test_browser.py.
browser = test_browser.browser

PHONE = {"width": 390, "height": 844}
MIN_TARGET = 44
DEBATE = "technofeodalisme"

pytestmark = [
    pytest.mark.browser,
    pytest.mark.skipif(shutil.which("dot") is None, reason="Graphviz is not installed"),
]

# The elements wider than the viewport, deepest first: the culprits, not their parents.
TOO_WIDE = """() => {
  const limit = document.documentElement.clientWidth;
  const wide = [...document.body.querySelectorAll('*')].filter((el) => {
    const box = el.getBoundingClientRect();
    return box.width > 0 && (box.right > limit + 0.5 || box.left < -0.5)
      && !el.closest('.skip, [hidden]')
      && getComputedStyle(el).position !== 'fixed';
  });
  const clipped = (el) => {
    // Inside a box that scrolls or clips on its own (the map's canvas): the page is not widened.
    for (let p = el.parentElement; p && p !== document.body; p = p.parentElement) {
      const o = getComputedStyle(p).overflowX;
      if (o !== 'visible' && p.getBoundingClientRect().right <= limit + 0.5) return true;
    }
    return false;
  };
  return wide.filter((el) => !clipped(el))
    .filter((el) => !wide.some((other) => other !== el && el.contains(other) && !clipped(other)))
    .slice(0, 12)
    .map((el) => {
      const box = el.getBoundingClientRect();
      const name = el.tagName.toLowerCase() + (el.id ? '#' + el.id : '')
        + [...el.classList].map((c) => '.' + c).join('');
      return `${name} [${Math.round(box.left)}..${Math.round(box.right)}] `
        + JSON.stringify((el.textContent || '').trim().slice(0, 50));
    });
}"""

SMALL_TARGETS = """(minimum) => {
  const visible = (el) => {
    const box = el.getBoundingClientRect();
    if (box.width === 0 || box.height === 0) return false;
    if (el.closest('.visually-hidden, .skip, [hidden], svg, .swagger-ui')) return false;
    const style = getComputedStyle(el);
    return style.visibility !== 'hidden' && style.display !== 'none';
  };
  const blockOf = (el) => {
    for (let p = el.parentElement; p; p = p.parentElement) {
      const display = getComputedStyle(p).display;
      if (!display.startsWith('inline') && display !== 'contents') return p;
    }
    return document.body;
  };
  const setApart = (node, link) => {
    // Words in a piece of their own beside the link (a date, a count, a byline: time, small, or
    // an element with a class) label it; they do not make a sentence around it.
    for (let p = node.parentElement; p && !p.contains(link); p = p.parentElement) {
      if (p.matches('time, small, [class]')) return true;
    }
    return false;
  };
  const ownWords = (block, link) => {
    // The words of the link's block outside the link: other links and controls count as
    // targets, not words.
    const walker = document.createTreeWalker(block, NodeFilter.SHOW_TEXT);
    let text = '';
    for (let node = walker.nextNode(); node; node = walker.nextNode()) {
      const parent = node.parentElement;
      if (link.contains(node) || parent.closest('a, button, label, select, summary')) continue;
      if (parent.closest('.visually-hidden') || blockOf(node) !== block) continue;
      if (setApart(node, link)) continue;
      text += node.textContent;
    }
    return text.replace(/[\\s·|•\\u2014\\u2013,:;()\\[\\]/]+/g, '');
  };
  const describe = (el, box, what) => {
    const name = el.tagName.toLowerCase() + (el.id ? '#' + el.id : '')
      + [...el.classList].map((c) => '.' + c).join('');
    const text = (el.textContent || el.value || el.getAttribute('aria-label') || '').trim();
    return `${name} ${Math.round(box.width)}x${Math.round(box.height)} (${what}) `
      + JSON.stringify(text.slice(0, 40));
  };
  const small = [];
  const check = (el, box, what, wide) => {
    if (box.height < minimum - 0.5 || (wide && box.width < minimum - 0.5)) {
      small.push(describe(el, box, what));
    }
  };
  const targets = 'a[href], button, input, select, textarea, summary';
  for (const el of document.body.querySelectorAll(targets)) {
    if (!visible(el) || el.type === 'hidden') continue;
    if (el.type === 'checkbox' || el.type === 'radio') {
      const label = el.closest('label')
        || (el.id && document.querySelector(`label[for="${el.id}"]`));
      if (!label) { check(el, el.getBoundingClientRect(), 'box without a label', true); continue; }
      check(label, label.getBoundingClientRect(), 'label of a ' + el.type, false);
      continue;
    }
    if (el.tagName === 'A' && !el.classList.contains('button') && !el.closest('nav')
        && ownWords(blockOf(el), el) !== '') continue;  // a link in a line of text
    check(el, el.getBoundingClientRect(), el.tagName === 'A' ? 'link alone' : 'control', true);
  }
  return [...new Set(small)];
}"""


@pytest.fixture
def site(live_server, transactional_db, django_user_model):
    """The controversy itself (long source titles, a long timeline), an annotation with a
    reply and a flag, and the accounts that see the signed-in pages."""
    from django.contrib.auth.models import Group, Permission

    from annotations.models import Annotation
    from arguments.record.fixture_format import read_debate_folder
    from arguments.record.loading import store_debate
    from tests.conftest import CONTROVERSY

    debate = store_debate(read_debate_folder(CONTROVERSY)).debate
    alice = django_user_model.objects.create_user("alice", password="alice-password")
    maud = django_user_model.objects.create_user("maud", password="maud-password")
    # A flush between live-server tests empties the group the migrations made: rebuilt here.
    moderators, _created = Group.objects.get_or_create(name="moderators")
    moderators.permissions.add(
        *Permission.objects.filter(
            codename__in=["moderate_annotation", "change_claim", "change_relation"]
        )
    )
    maud.groups.add(moderators)
    claim = busiest_claim(debate)
    note = Annotation.objects.create(
        author=alice, claim=claim, body="Une **note** assez longue pour tenir sur deux lignes."
    )
    Annotation.objects.create(author=maud, claim=claim, parent=note, body="Une réponse.")
    note.flag(maud, "Pour voir la file de modération")
    # The source with the longest address: an unbroken URL must wrap, not widen the page.
    long_source = max(debate.sources.all(), key=lambda source: len(source.url))
    return {"url": live_server.url, "claim": claim, "note": note, "long_source": long_source}


def busiest_claim(debate):
    from django.db.models import Count

    return (
        debate.claims.annotate(n=Count("incoming", distinct=True))
        .order_by("-n", "position")
        .first()
    )


def phone(browser, site, user=None, width=PHONE["width"]):
    context = browser.new_context(
        viewport={"width": width, "height": PHONE["height"]},
        is_mobile=width == PHONE["width"],
        has_touch=width == PHONE["width"],
        locale="fr-FR",
    )
    return signed_in_page(context, site["url"], user)


def signed_in_page(context, url: str, user: str | None):
    """A page of `context`, signed in as `user` (by its session cookie) unless None."""
    if user is not None:
        from django.conf import settings
        from django.contrib.auth import get_user_model
        from django.test import Client

        client = Client()
        client.force_login(get_user_model().objects.get(username=user))
        cookie = client.cookies[settings.SESSION_COOKIE_NAME]
        context.add_cookies([{"name": cookie.key, "value": cookie.value, "url": url}])
    page = context.new_page()
    page.set_default_timeout(15_000)
    return page


# Every page type: (name, who is signed in, address with the fixture's slugs to fill in).
PAGES = [
    ("home", None, "/"),
    ("debate", None, "/{debate}/"),
    ("claim", None, "/{debate}/claims/{claim}/"),
    ("claim signed in", "alice", "/{debate}/claims/{claim}/"),
    ("relation", None, "/{debate}/relations/{relation}/"),
    ("map", None, "/{debate}/map/"),
    ("map of a claim", None, "/{debate}/map/?claim={claim}&depth=2"),
    ("map with standing", None, "/{debate}/map/?standing=show&direction=LR"),
    ("standing", None, "/{debate}/standing/"),
    ("standing explained", None, "/{debate}/standing/explained/"),
    ("participant", None, "/{debate}/participants/{holder}/"),
    ("source", None, "/{debate}/sources/{source}/"),
    ("source with a long address", None, "/{debate}/sources/{long_source}/"),
    ("search", None, "/{debate}/search/?q=capitalisme"),
    ("about", None, "/{debate}/about/"),
    ("questions", None, "/{debate}/questions/"),
    ("who answers whom", None, "/{debate}/answers/"),
    ("corrections", None, "/{debate}/corrections/"),
    ("claim history", None, "/{debate}/claims/{claim}/history/"),
    ("claim history moderator", "maud", "/{debate}/claims/{claim}/history/"),
    ("annotation history", "alice", "/annotations/{note}/history/"),
    ("annotation moderation", "maud", "/moderation/"),
    ("debate moderation", "maud", "/{debate}/moderation/"),
    ("import", "alice", "/import/"),
    ("account", "alice", "/accounts/me/"),
    ("log in", None, "/accounts/login/"),
    ("sign up", None, "/accounts/signup/"),
    ("not found", None, "/{debate}/claims/nowhere/"),
    ("API docs", None, "/api/docs/"),
]


def address(site, path):
    claim = site["claim"]
    return site["url"] + path.format(
        debate=DEBATE,
        claim=claim.slug,
        relation=claim.incoming.first().pk,
        holder=claim.holder.slug,
        source=claim.source.slug,
        long_source=site["long_source"].slug,
        note=site["note"].pk,
    )


def pinch_zooms(viewport):
    """Whether a viewport tag's content lets a reader zoom in at least twice."""
    settings = dict(
        (key.strip().lower(), value.strip().lower())
        for key, _equals, value in (part.partition("=") for part in re.split(r"[,;]", viewport))
    )
    if settings.get("user-scalable") in {"no", "0"}:
        return False
    try:
        return float(settings.get("maximum-scale", "10")) >= 2
    except ValueError:
        return True


def test_pinch_zooms_reads_the_viewport_tag():
    assert pinch_zooms("width=device-width, initial-scale=1")
    assert pinch_zooms("width=device-width, maximum-scale=5")
    assert not pinch_zooms("width=device-width, initial-scale=1, user-scalable=no")
    assert not pinch_zooms("width=device-width, maximum-scale=1.0")


def measure(page, url):
    response = page.goto(url)
    page.wait_for_load_state("networkidle")
    seen = {
        # The layout viewport: on a mobile browser window.innerWidth grows to the document's
        # width when the document overflows (the page is zoomed out to fit), so it cannot tell.
        "viewport": page.evaluate("document.documentElement.clientWidth"),
        "zoom": page.evaluate(
            "document.querySelector('meta[name=viewport]')?.getAttribute('content') ?? ''"
        ),
        "folded": layout(page),
        "header_rows": page.evaluate(HEADER_ROWS),
    }
    # What the disclosures hold is tapped once they are opened (the map's settings fold on a
    # phone): measured again with every one open.
    opened = page.evaluate(
        "[...document.querySelectorAll('details:not([open])')].map((d) => { d.open = true; })"
    )
    page.wait_for_timeout(100)
    seen["opened"] = layout(page) if opened else seen["folded"]
    return response.status, seen


# The rows the header's visible controls sit on (the tops of what can be tapped, to 8 px).
HEADER_ROWS = """() => new Set([...document.querySelectorAll(
    '.site-header :is(a, summary, input, button)')]
  .filter((el) => el.checkVisibility())  // what a closed disclosure holds is not shown
  .map((el) => Math.round(el.getBoundingClientRect().top / 8))).size"""


def layout(page):
    return {
        "document": page.evaluate("document.documentElement.scrollWidth"),
        "too_wide": page.evaluate(TOO_WIDE),
        "small": page.evaluate(SMALL_TARGETS, MIN_TARGET),
    }


@pytest.mark.parametrize(("name", "user", "path"), PAGES, ids=[name for name, *_ in PAGES])
def test_no_page_scrolls_sideways_on_a_phone_and_its_targets_take_a_finger(
    site, browser, name, user, path
):
    page = phone(browser, site, user)
    status, seen = measure(page, address(site, path))
    assert status < 500, f"{name}: {status}"
    folded, opened = seen["folded"], seen["opened"]
    print(
        f"{name}: {folded['document']} px wide ({opened['document']} px with its disclosures "
        f"open); small targets: {len(folded['small'])} ({len(opened['small'])} opened)"
    )
    # Laid out for the phone's width (a page without its viewport tag is laid out 980 px wide),
    # and a pinch still zooms: no user-scalable=no, no maximum-scale that stops it.
    assert seen["viewport"] == PHONE["width"], f"{name}: laid out {seen['viewport']} px wide"
    assert "width=device-width" in seen["zoom"].replace(" ", ""), f"{name}: {seen['zoom']!r}"
    assert pinch_zooms(seen["zoom"]), f"{name}: pinch to zoom is turned off: {seen['zoom']!r}"
    # The header folds its links into "Menu": two rows (the brand and Menu, then the search).
    assert seen["header_rows"] <= 2, f"{name}: the header takes {seen['header_rows']} rows"
    for state, measured in (("", folded), (" with its disclosures open", opened)):
        assert measured["document"] <= seen["viewport"], (
            f"{name} ({path}){state} is {measured['document']} px wide in a "
            f"{seen['viewport']} px viewport; too wide: {measured['too_wide']}"
        )
        assert not measured["small"], (
            f"{name} ({path}){state}: targets under {MIN_TARGET} px: {measured['small']}"
        )


def test_the_phone_menu_opens_by_keyboard_and_shows_every_link(site, browser):
    page = phone(browser, site)
    page.goto(address(site, "/{debate}/"))
    links = page.locator(".site-menu-items a")
    assert not links.first.is_visible()  # folded on a phone
    page.locator(".site-menu > summary").focus()
    page.keyboard.press("Enter")
    assert links.first.is_visible()
    assert page.locator(f".site-menu-items a[href='/{DEBATE}/map/']").is_visible()
    assert page.evaluate("document.documentElement.scrollWidth") <= PHONE["width"]


def test_a_wide_screen_shows_the_links_without_a_menu(site, browser):
    page = phone(browser, site, width=1366)
    page.goto(address(site, "/{debate}/"))
    assert page.locator(".site-menu-items a").first.is_visible()
    assert not page.locator(".site-menu > summary").is_visible()
