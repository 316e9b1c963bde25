"""The "Cite this" box in Chromium: opened and read by keyboard, copied with a button when
the script runs, and kept in step with the map htmx redraws; no sideways scroll at 390 px."""

import shutil

import pytest

from tests.site import test_browser

browser = test_browser.browser
page = test_browser.page
site = test_browser.site

pytestmark = [
    pytest.mark.browser,
    pytest.mark.skipif(shutil.which("dot") is None, reason="Graphviz is not installed"),
]


def test_the_box_opens_by_keyboard_and_its_text_is_selectable(site, page):
    page.goto(f"{site}/petit-debat/claims/thesis/")
    summary = page.locator("details.cite summary")
    summary.focus()
    page.keyboard.press("Enter")
    page.wait_for_function("() => document.querySelector('details.cite').open")
    page.keyboard.press("Tab")  # the link to the version read, then the permanent address
    page.keyboard.press("Tab")
    page.keyboard.press("Tab")
    assert page.evaluate("() => document.activeElement.id") == "cite-text"
    page.keyboard.press("Control+A")
    selected = page.evaluate(
        "() => { const f = document.activeElement;"
        " return f.value.substring(f.selectionStart, f.selectionEnd); }"
    )
    assert selected.startswith("Alice Autrice, «\u202fLe numérique est un féodalisme.")
    # With the script, each form has its copy button, which says what it did.
    assert page.locator("button[data-copy]:visible").count() == 3
    page.context.grant_permissions(["clipboard-read", "clipboard-write"])
    page.click("button[data-copy='cite-bibtex']")
    page.wait_for_function("() => document.getElementById('status').textContent !== ''")
    assert page.locator("#status").text_content() == "Citation copiée"


def test_the_version_link_shows_the_claim_as_it_was(site, page):
    from arguments.record.models import Claim

    page.goto(f"{site}/petit-debat/claims/thesis/")
    page.click("details.cite summary")
    cited = page.locator("details.cite a[href*='/versions/']").get_attribute("href")
    thesis = Claim.objects.get(slug="thesis")
    thesis.statement = "Une autre formulation."
    thesis.save()
    page.goto(cited)
    assert page.locator("h1").text_content() == "Le numérique est un féodalisme."
    assert "Elle a changé depuis." in page.locator(".version-note").text_content()


def test_the_map_box_follows_the_view_htmx_draws(site, page):
    page.goto(f"{site}/petit-debat/map/?claim=thesis&depth=2")
    assert "depth=2" in page.locator("#cite-text").input_value()
    page.select_option("#depth", "3")
    page.wait_for_function(
        "() => document.querySelector('#cite-text').value.includes('claim=thesis&depth=3')"
    )
    assert page.url.endswith("/petit-debat/map/?claim=thesis&depth=3")


@pytest.mark.parametrize("path", ["claims/thesis/", "map/?claim=thesis&depth=2"])
def test_the_open_box_fits_a_phone(site, browser, path):
    context = browser.new_context(viewport={"width": 390, "height": 844}, locale="fr-FR")
    phone = context.new_page()
    phone.goto(f"{site}/petit-debat/{path}")
    phone.click("details.cite summary")
    wide = phone.evaluate(
        "() => document.documentElement.scrollWidth > document.documentElement.clientWidth"
    )
    assert not wide
    context.close()


@pytest.mark.parametrize("path", ["claims/thesis/", "relation", "map/?claim=thesis&depth=2"])
def test_the_open_box_and_the_version_page_pass_axe(site, browser, path):
    from arguments.record.models import Relation
    from tests.site.test_axe import AXE, describe, violations

    if path == "relation":
        path = f"relations/{Relation.objects.get(from_claim__slug='support-rent').pk}/"
    if not AXE.exists():
        pytest.fail("axe-core is missing: bin/setup --test installs it (npm ci)")
    context = browser.new_context(locale="fr-FR", bypass_csp=True)
    reader = context.new_page()
    reader.goto(f"{site}/petit-debat/{path}")
    reader.click("details.cite summary")
    assert [describe(rule) for rule in violations(reader)] == []
    version = reader.locator("details.cite p a").first.get_attribute("href")
    reader.goto(version)
    if "/record/" not in version:  # a claim's or relation's version has its own box
        reader.click("details.cite summary")
    assert [describe(rule) for rule in violations(reader)] == []
    context.close()
