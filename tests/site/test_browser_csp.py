"""The pages and their htmx interactions work under the Content-Security-Policy, in Debian's
Chromium: no policy violation and no console error or warning along a reader's path."""

import shutil

import pytest

from tests.site.test_browser import browser, log_in, new_page, site  # noqa: F401 (fixtures)

pytestmark = [
    pytest.mark.browser,
    pytest.mark.skipif(shutil.which("dot") is None, reason="Graphviz is not installed"),
]

# Every violation is reported to the test, whichever page it happens on.
REPORT_VIOLATIONS = """
document.addEventListener('securitypolicyviolation', (event) => {
  window.reportViolation([event.violatedDirective, event.blockedURI, event.sourceFile,
                          event.lineNumber, event.sample].join(' | '));
});
"""


def note_console_message(page, message) -> None:
    page.troubles.append(f"console {message.type}: {message.text}")


@pytest.fixture
def watched_page(browser):  # noqa: F811 (the fixture imported above)
    """A page whose policy violations, console messages and script errors are collected."""
    page = new_page(browser)
    page.troubles = []
    page.expose_function("reportViolation", lambda text: page.troubles.append(f"CSP: {text}"))
    page.add_init_script(REPORT_VIOLATIONS)
    page.on("console", lambda message: note_console_message(page, message))
    page.on("pageerror", lambda error: page.troubles.append(f"error: {error}"))
    return page


def test_the_reading_pages_and_their_htmx_swaps_run_under_the_policy(site, watched_page):  # noqa: F811
    page = watched_page
    page.goto(site + "/")  # home, then the debate's page, where the theses open in place
    page.goto(site + "/petit-debat/")
    thesis = page.locator("li.thesis", has_text="Le numérique est un féodalisme.")
    thesis.locator("a.expand").click()  # htmx: the branch opens in place
    thesis.locator("li.argument--objection", has_text="Ce n'est que du capitalisme.").wait_for()

    page.goto(site + "/petit-debat/claims/thesis/")
    page.locator("#threads").wait_for()

    page.goto(site + "/petit-debat/map/?claim=thesis&depth=1")
    page.evaluate("window.notReloaded = true")
    page.select_option("#depth", "2")  # htmx redraws the map
    page.locator('#map svg a[*|href="/petit-debat/claims/deep-support/"]').wait_for()
    assert page.evaluate("window.notReloaded") is True
    page.get_by_role("button", name="Zoom avant").click()  # the zoom script still runs

    page.goto(site + "/petit-debat/standing/")
    page.evaluate("window.notReloaded = true")
    replay = page.locator("#replay")
    replay.locator("text=2 de 2").wait_for()
    replay.locator("nav.step-nav a").first.click()  # htmx swaps the step before in
    replay.locator("text=1 de 2").wait_for()
    assert page.evaluate("window.notReloaded") is True

    page.goto(site + "/petit-debat/search/")
    page.fill("#q", "publicité")
    page.locator("#search-results", has_text="Les profits viennent de la publicité.").wait_for()

    assert page.troubles == []


def test_the_api_docs_run_under_the_policy(site, watched_page):  # noqa: F811
    page = watched_page
    page.goto(site + "/api/docs/")
    page.locator("h1", has_text="controverse API").wait_for()
    page.locator("h2", has_text="debates").wait_for()  # the schema was read
    page.locator("nav a", has_text="claims").click()
    page.wait_for_url("**/api/docs/#tag-claims")
    assert page.troubles == []


def test_the_live_annotations_wait_while_the_reader_writes_a_reply(site, watched_page):  # noqa: F811
    from django.contrib.auth import get_user_model

    from annotations.models import Annotation
    from arguments.record.models import Claim

    page = watched_page
    log_in(page, site, "alice", "/petit-debat/claims/thesis/")
    page.fill("#id_body", "Première remarque")
    page.click(".annotation-form button[type=submit]")
    page.locator("#threads", has_text="Première remarque").wait_for()
    # Count the refreshes the page skips (this listener runs after live-threads.js's), on the
    # body, for a locator to wait on: wait_for_function polls through eval, which the CSP blocks.
    page.evaluate(
        """document.body.dataset.skippedRefreshes = 0;
        document.addEventListener('htmx:beforeRequest', (event) => {
          if (event.target.id === 'threads' && event.defaultPrevented) {
            document.body.dataset.skippedRefreshes++;
          }
        });"""
    )
    reply = page.locator(".reply-form textarea").first
    reply.fill("Une réponse en cours")  # the focus stays in the reply box
    Annotation.objects.create(
        author=get_user_model().objects.get(username="alice"),
        claim=Claim.objects.get(slug="thesis"),
        body="Arrivée pendant l'écriture",
    )
    # Two refreshes skipped (one every 2 s); a loaded CI machine may take longer to get there.
    page.locator("body[data-skipped-refreshes='2']").wait_for(state="attached", timeout=20_000)
    assert reply.input_value() == "Une réponse en cours"  # nothing typed was lost
    assert page.locator("#threads", has_text="Arrivée pendant l'écriture").count() == 0

    page.locator("h1").click()  # the reader leaves the form: the list catches up
    page.locator("#threads", has_text="Arrivée pendant l'écriture").wait_for(timeout=10_000)
    assert page.troubles == []
