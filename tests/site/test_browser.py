"""A reader's path through the site in Debian's Chromium, driven by Playwright."""

import shutil
from pathlib import Path

import pytest

CHROMIUM = Path("/usr/bin/chromium")
pytestmark = [
    pytest.mark.browser,
    pytest.mark.skipif(shutil.which("dot") is None, reason="Graphviz is not installed"),
]


@pytest.fixture
def browser(live_server):
    if not CHROMIUM.exists():
        pytest.fail("Chromium is missing: bin/setup --test installs it (apt-get install chromium)")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(
            executable_path=str(CHROMIUM),
            args=[
                "--no-sandbox",
                "--disable-gpu",
                "--disable-background-networking",
                "--disable-component-update",
                "--disable-sync",
                "--no-first-run",
            ],
        )
        yield browser
        browser.close()


def new_page(browser):
    page = browser.new_context(locale="fr-FR").new_page()
    page.set_default_timeout(10_000)
    return page


@pytest.fixture
def page(browser):
    return new_page(browser)


@pytest.fixture
def site(live_server, transactional_db):
    from arguments.record.fixture_format import read_debate_folder
    from arguments.record.loading import store_debate
    from tests.conftest import SMALL_DEBATE

    store_debate(read_debate_folder(SMALL_DEBATE))
    return live_server.url


def log_in(page, site, name, next_url):
    """Create the reader and log in through the form, landing on `next_url`."""
    from django.contrib.auth import get_user_model

    get_user_model().objects.create_user(name, password=f"{name}-password")
    page.goto(f"{site}/accounts/login/?next={next_url}")
    page.fill("#id_username", name)
    page.fill("#id_password", f"{name}-password")
    page.click("main button[type=submit]")
    page.wait_for_url(site + next_url)


def test_a_reader_expands_an_objection_opens_the_map_and_follows_a_node(site, page):
    page.goto(site + "/petit-debat/")  # the debate's page: its theses, each with its arguments
    thesis = page.locator("li.thesis", has_text="Le numérique est un féodalisme.")
    thesis.locator("a.expand").click()  # htmx: the branch opens in place
    objection = thesis.locator("li.argument--objection", has_text="Ce n'est que du capitalisme.")
    objection.wait_for()
    assert page.url == site + "/petit-debat/"  # still on the debate's page: expanded in place
    objection.locator("a.expand").click()
    objection.locator("text=Les profits viennent de la publicité.").wait_for()
    # The hostile claim is shown as text, and no script ran.
    assert "<script>alert('x')</script>" in objection.inner_text()

    page.locator("a.button", has_text="Ouvrir la carte").first.click()
    page.wait_for_url(site + "/petit-debat/map/")
    node = page.locator('svg a[*|href="/petit-debat/claims/deep-support/"]')
    node.wait_for()
    node.click()
    page.wait_for_url(site + "/petit-debat/claims/deep-support/")
    assert page.locator("h1").inner_text() == "Les profits viennent de la publicité."


def test_map_controls_redraw_only_the_map_and_keep_the_url(site, page):
    page.goto(site + "/petit-debat/map/?claim=thesis&depth=1")
    heading = page.locator("h1").inner_text()
    assert page.locator('svg a[*|href="/petit-debat/claims/deep-support/"]').count() == 0
    page.select_option("#depth", "2")
    page.locator('svg a[*|href="/petit-debat/claims/deep-support/"]').wait_for()
    assert "depth=2" in page.url
    assert page.locator("h1").inner_text() == heading  # the page was not reloaded
    page.go_back()
    page.wait_for_url("**/map/?claim=thesis&depth=1")


def test_map_filters_redraw_only_the_map_and_the_back_button_restores_them(site, page):
    page.goto(site + "/petit-debat/map/")
    page.evaluate("window.notReloaded = true")
    support = page.locator('svg a[*|href="/petit-debat/claims/support-rent/"]')
    support.wait_for()
    page.locator("details.participants summary").click()
    page.locator('input[name="participant"][value="bruno"]').check()
    support.wait_for(state="detached")  # Bruno's positions: Alice's support is gone
    assert "participant=bruno" in page.url
    page.select_option("#label", "short")
    page.wait_for_url("**/map/?participant=bruno&label=short")
    assert page.evaluate("window.notReloaded") is True  # only the map was redrawn
    assert page.locator("a", has_text="PNG").get_attribute("href") == (
        "/petit-debat/map.png?participant=bruno&label=short"
    )
    page.go_back()
    page.wait_for_url("**/map/?participant=bruno")
    page.go_back()
    page.wait_for_url(site + "/petit-debat/map/")
    support.wait_for()


def test_a_reader_opens_a_folded_branch_and_zooms_the_map(site, page, settings):
    settings.MAP_NODE_BUDGET = 2
    page.goto(site + "/petit-debat/map/")
    page.evaluate("window.notReloaded = true")
    nodes = page.locator("#map svg g.node a[*|href*='/claims/']")
    assert nodes.count() == 2
    page.locator("#map svg g.node a[*|href*='expand=']").first.click()
    page.wait_for_url("**/map/?expand=*")
    page.wait_for_function(
        "() => document.querySelectorAll('#map svg g.node a[*|href*=\"/claims/\"]').length > 2"
    )
    assert page.evaluate("window.notReloaded") is True
    # Zoom with the toolbar: only the SVG's viewBox changes.
    svg = page.locator("#map .map-canvas svg").first
    before = svg.get_attribute("viewBox")
    page.get_by_role("button", name="Zoom avant").click()
    assert svg.get_attribute("viewBox") != before
    # Node links are reachable from the keyboard.
    page.locator("#map svg g.node a").first.focus()
    assert page.evaluate("document.activeElement.closest('g.node') !== null")


def test_the_search_updates_as_the_reader_types(site, page):
    page.goto(site + "/petit-debat/search/")
    page.fill("#q", "publicité")
    page.locator("#search-results", has_text="Les profits viennent de la publicité.").wait_for()
    assert "q=publicit" in page.url


def test_a_reader_sees_new_annotations_within_three_seconds(site, page, live_server):
    from django.contrib.auth import get_user_model

    from annotations.models import Annotation
    from arguments.record.models import Claim

    page.goto(site + "/petit-debat/claims/thesis/")
    page.locator("#threads").wait_for()
    author = get_user_model().objects.create_user("alice", password="alice-password")
    Annotation.objects.create(
        author=author, claim=Claim.objects.get(slug="thesis"), body="Vu en direct"
    )
    page.locator("#threads", has_text="Vu en direct").wait_for(timeout=4_500)


def test_a_reader_annotates_and_replies_in_place(site, page):

    log_in(page, site, "alice", "/petit-debat/claims/thesis/")
    page.select_option("#id_stance", "needs-source")
    page.fill("#id_body", "Où est-ce **écrit** ? <script>window.pwned=1</script>")
    page.click(".annotation-form button[type=submit]")
    page.locator("#threads strong", has_text="écrit").wait_for()
    page.locator(".reply-form textarea").first.fill("Au paragraphe 1.")
    page.locator(".reply-form button").first.click()
    page.locator(".replies", has_text="Au paragraphe 1.").wait_for()
    assert page.url == site + "/petit-debat/claims/thesis/"  # all in place
    assert page.locator("#annotations .annotation-form").count() == 1
    assert page.evaluate("window.pwned") is None


def test_a_refused_annotation_shows_its_errors_in_place(site, page):

    log_in(page, site, "bob", "/petit-debat/claims/thesis/")
    page.fill("#id_body", "Texte gardé")
    page.fill("#id_tags", "<pas-une-étiquette>")
    page.click(".annotation-form button[type=submit]")
    page.locator(".annotation-form .errorlist").wait_for()
    assert page.input_value("#id_body") == "Texte gardé"  # nothing typed is lost


def test_two_readers_hold_a_live_discussion(site, browser):
    import time

    claim = "/petit-debat/claims/thesis/"
    alice, bob = new_page(browser), new_page(browser)
    log_in(alice, site, "alice", claim)
    log_in(bob, site, "bob", claim)
    alice.fill("#id_body", "Question d'Alice")
    alice.click(".annotation-form button[type=submit]")
    alice.locator("#threads", has_text="Question d'Alice").wait_for()
    posted = time.monotonic()
    bob.locator("#threads", has_text="Question d'Alice").wait_for(timeout=4_500)
    seen_by_bob = time.monotonic() - posted
    bob.locator(".reply-form textarea").first.fill("Réponse de Bob")
    bob.locator(".reply-form button").first.click()
    bob.locator(".replies", has_text="Réponse de Bob").wait_for()
    replied = time.monotonic()
    alice.locator(".replies", has_text="Réponse de Bob").wait_for(timeout=4_500)
    seen_by_alice = time.monotonic() - replied
    assert alice.url == site + claim and bob.url == site + claim  # nobody reloaded
    print(f"live latency: annotation {seen_by_bob:.2f} s, reply {seen_by_alice:.2f} s")
    assert seen_by_bob < 3 and seen_by_alice < 3


def test_a_reader_steps_through_the_timeline_and_back(site, page):
    page.goto(site + "/petit-debat/standing/")
    page.evaluate("window.notReloaded = true")
    replay = page.locator("#replay")
    replay.locator("text=2 de 2").wait_for()
    replay.locator("nav.step-nav a").first.click()  # ◀ the step before, swapped in place
    page.wait_for_url("**/standing/?as_of=2025-10-31")
    replay.locator("text=1 de 2").wait_for()
    assert page.evaluate("window.notReloaded") is True  # only the step was redrawn
    assert replay.locator(".map-canvas svg").count() == 1  # with its map, marked
    assert replay.locator("svg g.node.standing-in").count() == 2  # both essay claims stand
    assert replay.locator("svg g.node.standing-out").count() == 0
    assert page.locator("#as-of").input_value() == "2025-10-31"  # the control follows
    replay.locator("nav.step-nav a").last.click()  # ▶
    page.wait_for_url("**/standing/?as_of=2025-12-31")
    replay.locator("svg g.node.standing-out").first.wait_for()  # the answer's objection falls
    page.go_back()
    page.wait_for_url("**/standing/?as_of=2025-10-31")
    replay.locator("text=1 de 2").wait_for()


def test_a_new_readers_objection_changes_nothing_an_anonymous_reader_sees(site, browser):
    """Issue 15: a fresh account proposes « Non. » against a claim with no objection in force;
    an anonymous reader's badge, map marks and replay stay as they were, and the proposal
    shows, marked, only when the reader asks to count proposals."""
    claim_url = "/petit-debat/claims/hostile/"
    anonymous = new_page(browser)

    def seen():
        anonymous.goto(site + claim_url)
        badge = anonymous.locator(".standing-badge .standing").inner_text()
        anonymous.goto(site + "/petit-debat/map/?standing=show")
        marks = anonymous.locator("svg g.node.standing-out").count()
        anonymous.goto(site + "/petit-debat/standing/")
        step = anonymous.locator("nav.step-nav strong").inner_text()
        return badge, marks, step

    before = seen()
    assert before[0].startswith("✓")
    reader = new_page(browser)
    log_in(reader, site, "newcomer", claim_url)
    form = reader.locator("form.annotation-form").filter(has_text="nouvel argument")
    form.locator("select[name=kind]").select_option("objection")
    form.locator("textarea[name=statement]").fill("Non.")
    form.locator("button[type=submit]").click()
    reader.locator("p.confirmation").wait_for()  # proposed: the forms come back under a word
    assert seen() == before  # the badge, the marks and the replay's last step
    anonymous.goto(site + claim_url + "?count=proposals")
    assert anonymous.locator(".standing-badge .standing").inner_text().startswith("✗")
    assert (
        "ne comptant que les arguments propres aux textes"
        in anonymous.locator(".standing-badge").inner_text()
    )


def test_a_reader_annotates_on_a_stitched_page_and_the_map_counts_it(site, page, browser):
    """The claim page kept for everyone, with her own parts stitched in, takes her
    annotation in place (its token is hers); the map, kept as it was, adds the count to
    the claim's box from the notes served beside it, also after a redraw."""
    new_page(browser).goto(site + "/petit-debat/claims/thesis/")  # kept for everyone
    log_in(page, site, "alice", "/petit-debat/claims/thesis/")
    page.fill("#id_body", "Une note comptée sur la carte.")
    page.click(".annotation-form button[type=submit]")
    page.locator("#threads", has_text="Une note comptée sur la carte.").wait_for()
    page.goto(site + "/petit-debat/map/")
    thesis_box = page.locator('g.node[id^="claim-"] > a[*|href="/petit-debat/claims/thesis/"]')
    page.wait_for_function(
        """() => [...document.querySelectorAll('g.node[id^="claim-"] > a')].some(
            (a) => (a.getAttribute('xlink:title') || '').includes('1 annotation'))"""
    )
    assert "1 annotation (commentaire 1)" in thesis_box.get_attribute("xlink:title")
    page.select_option("#direction", "LR")  # redrawn by htmx: the notes are added again
    page.wait_for_url("**direction=LR**")
    page.wait_for_function(
        """() => [...document.querySelectorAll('g.node[id^="claim-"] > a')].some(
            (a) => (a.getAttribute('xlink:title') || '').includes('1 annotation'))"""
    )


def test_a_reader_picks_the_claim_a_relation_goes_to_by_typing(site, page):
    """No list of every claim: matching claims are offered as she types, she picks one."""
    log_in(page, site, "bob", "/petit-debat/claims/support-rent/")
    page.set_viewport_size({"width": 390, "height": 844})
    page.fill("#relation-target", "capitalisme")
    choice = page.locator('#relation-target-choices input[value="objection-capitalism"]')
    choice.wait_for()
    assert page.evaluate("document.documentElement.scrollWidth") <= 390  # no sideways scroll
    choice.check()
    page.select_option("#relation-kind", "objection")
    page.click("form[action$='/propose/relation/'] button[type=submit]")
    page.locator("p.confirmation").wait_for()  # proposed, said in place; it links to it
    page.locator("p.confirmation a").click()
    page.wait_for_url("**/petit-debat/relations/*/")
    assert "Ce n'est que du capitalisme." in page.locator("main").inner_text()
