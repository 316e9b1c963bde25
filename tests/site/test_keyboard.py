"""Keyboard and screen reader use of the htmx swaps (issue 19, WCAG 2.2 AA), in Debian's
Chromium: where focus lands after each swap, and what the polite #status region says. The
messages are checked loosely (a number, a word stem) so that they hold in French once
translated as in English before."""

import re
import shutil

import pytest

from tests.site import test_browser
from tests.site.test_browser import log_in

# The fixtures of test_browser.py: Chromium, a French page, the small debate on a live server.
browser, page, site = test_browser.browser, test_browser.page, test_browser.site

pytestmark = [
    pytest.mark.browser,
    pytest.mark.skipif(shutil.which("dot") is None, reason="Graphviz is not installed"),
]

CLAIM = "/petit-debat/claims/thesis/"


def active(page, expression: str):
    """`expression` evaluated with `el` the focused element."""
    return page.evaluate(f"(() => {{ const el = document.activeElement; return {expression}; }})()")


def status(page, pattern: str) -> str:
    """Wait until #status says something matching `pattern`; return what it says."""
    page.wait_for_function(
        "pattern => new RegExp(pattern, 'i').test(document.getElementById('status').textContent)",
        arg=pattern,
    )
    return page.locator("#status").text_content()


def annotate(claim_slug: str, name: str, body: str):
    from django.contrib.auth import get_user_model

    from annotations.models import Annotation
    from arguments.record.models import Claim

    author, _ = get_user_model().objects.get_or_create(username=name)
    claim = Claim.objects.get(slug=claim_slug)
    return Annotation.objects.create(author=author, claim=claim, body=body)


def test_enter_on_an_expander_moves_focus_into_the_branch_it_opens(site, page):
    page.goto(site + "/petit-debat/")
    expander = page.locator("a.expand").first
    assert expander.get_attribute("aria-expanded") == "false"
    # Its accessible name starts with what it shows (WCAG 2.5.3), then says what it opens.
    named = page.get_by_role("link", name=re.compile(r"^\d+ arguments? \S+ [“«]"))
    assert named.count() == page.locator("a.expand").count() > 0
    expander.focus()
    page.keyboard.press("Enter")
    branch = page.locator("ul.branch[aria-label]").first
    branch.wait_for()
    links = branch.locator("a")
    page.wait_for_function("() => document.activeElement.closest('ul.branch[aria-label]') !== null")
    assert active(page, "el.outerHTML") == links.first.evaluate("el => el.outerHTML")
    page.keyboard.press("Tab")  # and on through the branch, not back to the top of the page
    assert active(page, "el.closest('ul.branch[aria-label]') !== null")
    assert active(page, "el.outerHTML") == links.nth(1).evaluate("el => el.outerHTML")


def test_publishing_an_annotation_focuses_it_and_says_so(site, page):
    log_in(page, site, "alice", CLAIM)
    page.fill("#id_body", "Publiée au clavier")
    page.locator("#annotations .annotation-form button[type=submit]").focus()
    page.keyboard.press("Enter")
    page.locator("#threads", has_text="Publiée au clavier").wait_for()
    page.wait_for_function("() => document.activeElement.matches('li.annotation')")
    assert "Publiée au clavier" in active(page, "el.textContent")
    assert active(page, "el.getAttribute('tabindex')") == "-1"  # focusable, not a Tab stop
    status(page, "publi")
    # #status is outside the swapped section: the same element, updated in place.
    assert page.locator("#annotations #status").count() == 0


def test_a_refused_annotation_focuses_the_error_summary_linked_to_its_fields(site, page):
    log_in(page, site, "bob", CLAIM)
    page.fill("#id_body", "Texte gardé")
    page.fill("#id_tags", "<pas-une-étiquette>")
    page.locator("#annotations .annotation-form button[type=submit]").focus()
    page.keyboard.press("Enter")
    summary = page.locator("#annotations .error-summary")
    summary.wait_for()
    page.wait_for_function("() => document.activeElement.matches('.error-summary')")
    assert summary.get_attribute("role") == "alert"
    assert [link.get_attribute("href") for link in summary.locator("a").all()] == ["#id_tags"]
    summary.locator("a").first.click()  # the link leads to the field
    assert active(page, "el.id") == "id_tags"
    assert page.input_value("#id_body") == "Texte gardé"


def test_a_failed_login_opens_on_the_error_summary(site, page):
    page.goto(site + "/accounts/login/")
    page.fill("#id_username", "nobody")
    page.fill("#id_password", "wrong-password")
    page.keyboard.press("Enter")
    summary = page.locator(".error-summary[role=alert]")
    summary.wait_for()
    page.wait_for_function("() => document.activeElement.matches('.error-summary')")
    assert summary.locator("a").first.get_attribute("href") == "#id_username"


def test_a_post_arriving_by_the_poll_keeps_focus_and_is_announced(site, page):
    log_in(page, site, "alice", CLAIM)
    own = annotate("thesis", "alice", "La mienne")
    page.reload()
    edit = page.locator(f"#annotation-{own.pk} .annotation-actions a").first
    edit.focus()
    href = edit.get_attribute("href")
    annotate("thesis", "bob", "Arrivée par le sondage")
    page.locator("#threads", has_text="Arrivée par le sondage").wait_for(timeout=4_500)
    text = status(page, "^1 ")
    assert "annotation" in text
    # The link was replaced by the poll; focus is on its equivalent, not on <body>.
    assert active(page, "el.getAttribute('href')") == href
    assert active(page, "el.closest('li.annotation').id") == f"annotation-{own.pk}"
    page.wait_for_timeout(2_500)  # a later poll, with nothing new, moves nothing either
    assert active(page, "el.getAttribute('href')") == href


def test_a_replay_step_keeps_focus_on_the_step_control_and_announces_it(site, page):
    page.goto(site + "/petit-debat/standing/")
    page.locator("#replay").locator("text=2 de 2").wait_for()
    previous = page.locator("a[data-focus-key=step-previous]")
    previous.focus()
    page.keyboard.press("Enter")
    page.wait_for_url("**/standing/?as_of=2025-10-31")
    text = status(page, r"1\D+2\D.*2025")
    assert "octobre" in text  # the date, as the page writes it
    # The first step has no ◀: focus is on ▶, the other step control, not on <body>.
    page.wait_for_function("() => document.activeElement.hasAttribute('data-focus-key')")
    assert active(page, "el.getAttribute('data-focus-key')") == "step-next"
    page.keyboard.press("Enter")
    page.wait_for_url("**/standing/?as_of=2025-12-31")
    status(page, r"2\D+2\D.*2025")
    page.wait_for_function(
        "() => document.activeElement.getAttribute('data-focus-key') === 'step-previous'"
    )


def test_the_search_announces_its_count_and_keeps_focus_in_the_box(site, page):
    page.goto(site + "/petit-debat/search/")
    page.locator("#q").focus()
    page.keyboard.type("publicité")
    page.locator("#search-results", has_text="Les profits viennent de la publicité.").wait_for()
    assert "publicité" in status(page, "publicité")
    assert active(page, "el.id") == "q"


def test_an_open_flag_form_is_not_folded_by_the_poll(site, page):
    theirs = annotate("thesis", "bob", "Celle de Bob")
    log_in(page, site, "alice", CLAIM)
    flag = page.locator(f"#annotation-{theirs.pk} details.flag summary")
    flag.focus()
    page.keyboard.press("Enter")  # opens the flag form
    page.wait_for_timeout(2_500)  # a poll would have replaced the thread by now
    assert page.locator(f"#annotation-{theirs.pk} details.flag[open]").count() == 1
    assert active(page, "el.tagName") == "SUMMARY"
    page.keyboard.press("Tab")
    assert active(page, "el.id") == f"flag-{theirs.pk}"
