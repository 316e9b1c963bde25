"""Contributing in Debian's Chromium: a new reader signs up on the way and comes back where
she was, proposes, and is told what happened; the relation's target is picked by typing, or
on the search page without JavaScript; no sideways scrolling at 390 px, unique ids, and
axe finds nothing on the pages and states this adds."""

from __future__ import annotations

import re
import shutil

import pytest

from tests.site.test_axe import AXE, describe, violations
from tests.site.test_phone_layout import (  # noqa: F401 (fixtures)
    DEBATE,
    browser,
    signed_in_page,
    site,
)

pytestmark = [
    pytest.mark.browser,
    pytest.mark.skipif(shutil.which("dot") is None, reason="Graphviz is not installed"),
]

DUPLICATE_IDS = """() => {
  const seen = {};
  for (const el of document.querySelectorAll('[id]')) seen[el.id] = (seen[el.id] || 0) + 1;
  return Object.keys(seen).filter((id) => seen[id] > 1);
}"""
SIDEWAYS = "() => document.documentElement.scrollWidth - document.documentElement.clientWidth"


def open_page(browser, site, user=None, width=1366, javascript=True):  # noqa: F811
    context = browser.new_context(
        viewport={"width": width, "height": 900}, locale="fr-FR", java_script_enabled=javascript
    )
    return signed_in_page(context, site["url"], user)


def claim_path(site) -> str:  # noqa: F811
    return f"/{DEBATE}/claims/{site['claim'].slug}/"


def assert_axe_clean(page):
    if not AXE.exists():
        pytest.fail("axe-core is missing: bin/setup --test installs it (npm ci)")
    found = violations(page)
    assert not found, "; ".join(describe(rule) for rule in found)


def test_a_new_reader_signs_up_proposes_and_is_told_each_time(site, browser):  # noqa: F811
    page = open_page(browser, site)
    claim = claim_path(site)
    page.goto(site["url"] + claim)
    page.click(f'header a[href="/accounts/login/?next={claim}"]')
    page.click('main a[href^="/accounts/signup/?next="]')  # the login page keeps `next`
    page.fill("#id_username", "nadia")
    page.fill("#id_password1", "une-phrase-de-passe-longue")
    page.fill("#id_password2", "une-phrase-de-passe-longue")
    page.click("main button[type=submit]")
    page.wait_for_url(site["url"] + claim)  # back where she was
    assert "Bienvenue, nadia" in page.locator("ul.messages").inner_text()

    form = page.locator("form[action$='/propose/argument/']")
    form.locator("select[name=kind]").select_option("objection")
    form.locator("textarea[name=statement]").fill("Les rentes des plateformes sont anciennes.")
    form.locator("button[type=submit]").click()
    confirmation = page.locator("#propose .confirmation")
    confirmation.wait_for()  # htmx: in place, the page stays
    assert page.url == site["url"] + claim
    assert "Votre objection est proposée" in confirmation.inner_text()
    page.wait_for_function(
        "() => document.activeElement && document.activeElement.matches('#propose .confirmation')"
    )
    page.wait_for_function(
        "() => document.getElementById('status').textContent.includes('objection est proposée')"
    )
    assert page.evaluate(DUPLICATE_IDS) == []
    assert_axe_clean(page)
    confirmation.locator("a").click()
    page.wait_for_url(
        re.compile(r".*/claims/contribution-les-rentes-des-plateformes-sont-anciennes/$")
    )
    assert "Les rentes des plateformes sont anciennes." in page.locator("main").inner_text()


def test_the_relations_target_is_picked_by_typing(site, browser):  # noqa: F811
    page = open_page(browser, site, user="alice")
    page.goto(site["url"] + claim_path(site))
    form = page.locator("form[action$='/propose/relation/']")
    form.locator("select[name=kind]").select_option("objection")
    form.locator("input[name=target]").press_sequentially("féodalisme", delay=20)
    choices = form.locator("#relation-target-choices input[name=target_choice]")
    choices.first.wait_for()  # offered as she types, never the whole list
    assert 1 <= choices.count() <= 12
    assert form.locator("#relation-target-choices mark").count() >= 1  # her words marked
    # One this claim does not already object to (that one would be refused, as on the map).
    offered = [choices.nth(i).get_attribute("value") for i in range(choices.count())]
    related = set(
        site["claim"].outgoing.filter(kind="objection").values_list("to_claim__slug", flat=True)
    )
    free = next(slug for slug in offered if slug not in related)
    form.locator(f"input[name=target_choice][value='{free}']").check()
    form.locator("button[type=submit]").click()
    confirmation = page.locator("#propose .confirmation")
    confirmation.wait_for()
    assert "Votre relation est proposée" in confirmation.inner_text()
    assert site["claim"].outgoing.filter(to_claim__slug=free, proposed_at__isnull=False).exists()
    assert page.evaluate(DUPLICATE_IDS) == []


def test_without_javascript_the_target_is_chosen_on_the_search_page(site, browser):  # noqa: F811
    page = open_page(browser, site, user="alice", javascript=False)
    page.goto(site["url"] + claim_path(site))
    page.click("#propose a[href$='/propose/targets/']")
    page.fill("#targets-search", "féodalisme")
    page.click("main form[role=search] button[type=submit]")
    choices = page.locator("main input[name=target_choice]")
    assert choices.count() >= 1
    page.select_option("main select[name=kind]", "support")
    choices.first.check()
    page.click("main form[action$='/propose/relation/'] button[type=submit]")
    page.wait_for_url(re.compile(r".*/relations/\d+/$"))
    assert "Votre relation est proposée" in page.locator("ul.messages").inner_text()


@pytest.mark.parametrize(
    ("user", "path"),
    [
        ("alice", "/{debate}/claims/{claim}/"),
        ("alice", "/{debate}/claims/{claim}/propose/targets/?target=capitalisme"),
        (None, "/{debate}/claims/{claim}/propose/targets/?target=capitalisme"),
        (None, "/{debate}/export/"),
        (None, "/accounts/signup/?next=/{debate}/"),
    ],
)
def test_no_sideways_scrolling_unique_ids_and_axe_clean(site, browser, user, path):  # noqa: F811
    url = site["url"] + path.format(debate=DEBATE, claim=site["claim"].slug)
    for width in (1366, 390):
        page = open_page(browser, site, user=user, width=width)
        assert page.goto(url).status == 200
        assert page.evaluate(SIDEWAYS) <= 0, (path, width)
        assert page.evaluate(DUPLICATE_IDS) == [], (path, width)
        assert_axe_clean(page)
        page.context.close()
