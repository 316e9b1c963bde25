"""An editor maps a new text in Chromium, with the mouse on a laptop and by touch on a
phone: a shipped seed text added as a source, a passage selected to make a claim, an
objection from it to a claim of the record, the drafts published; then an anonymous
reader sees them. The steps (clicks, choices, fields typed) it takes are counted and
printed: the number the issue asks for. axe-core checks the workbench's pages, and the
phone's controls fit without sideways scrolling.

With CONTROVERSE_SCREENSHOTS set to a folder, the text page with its selection and the
claim form is saved there at 1366 and 390 px, to look at (the README's docs/workbench*.png
show a sample text of the small debate instead: we show seeds in short passages only)."""

from __future__ import annotations

import json
import os
import shutil
from pathlib import Path

import pytest

from tests.conftest import SEEDS
from tests.site.test_axe import AXE, TAGS, describe
from tests.site.test_browser import browser  # noqa: F401 (the fixture)

pytestmark = [
    pytest.mark.browser,
    pytest.mark.skipif(shutil.which("dot") is None, reason="Graphviz is not installed"),
]

SEED = "002_35e6397b9207b00c.txt"  # Rauzy, « Consommer et produire », 2025
PASSAGE = (
    "le concept de techno-féodalisme permet de mettre au centre cette question de la "
    "destruction des capacités administratives"
)
STATEMENT = "Le techno-féodalisme met au centre la destruction des capacités administratives."
STATEMENT_EN = "Techno-feudalism puts the destruction of administrative capacities at the centre."
DEBATE = "petit-debat"

# The selection, as the mouse would make it: the screen points of the passage's first and
# last characters (the passage lies in one text node of its paragraph).
PASSAGE_POINTS = """(passage) => {
  const walker = document.createTreeWalker(
    document.querySelector('ol.workbench-text'), NodeFilter.SHOW_TEXT);
  for (let node = walker.nextNode(); node; node = walker.nextNode()) {
    const at = node.data.indexOf(passage);
    if (at < 0) continue;
    const range = document.createRange();
    range.setStart(node, at);
    range.setEnd(node, at + 1);
    const first = range.getBoundingClientRect();
    range.setStart(node, at + passage.length - 1);
    range.setEnd(node, at + passage.length);
    const last = range.getBoundingClientRect();
    return {x1: first.left + 1, y1: (first.top + first.bottom) / 2,
            x2: last.right - 1, y2: (last.top + last.bottom) / 2};
  }
  return null;
}"""

# A touch selection as the phone's handles leave it: Playwright cannot drive them, so the
# range is set through the Selection API, which fires the same selectionchange.
SELECT_BY_RANGE = """(passage) => {
  const walker = document.createTreeWalker(
    document.querySelector('ol.workbench-text'), NodeFilter.SHOW_TEXT);
  for (let node = walker.nextNode(); node; node = walker.nextNode()) {
    const at = node.data.indexOf(passage);
    if (at < 0) continue;
    const range = document.createRange();
    range.setStart(node, at);
    range.setEnd(node, at + passage.length);
    const selection = window.getSelection();
    selection.removeAllRanges();
    selection.addRange(range);
    return true;
  }
  return false;
}"""


class Steps:
    """What the editor does, counted: a click, tap or drag, a choice in a list, a field
    typed or pasted (its characters counted apart, as keys)."""

    def __init__(self, page):
        self.page = page
        self.actions = 0
        self.keys = 0

    def click(self, selector):
        self.actions += 1
        self.page.locator(selector).first.click()

    def tap(self, selector):
        self.actions += 1
        self.page.locator(selector).first.tap()

    def fill(self, selector, text, pasted=False):
        self.actions += 1
        self.keys += 1 if pasted else len(text)  # a paste is one Ctrl+V
        self.page.locator(selector).first.fill(text)

    def choose(self, selector, label):
        self.actions += 1
        self.page.locator(selector).first.select_option(label=label)

    def drag(self, points):
        self.actions += 1
        mouse = self.page.mouse
        mouse.move(points["x1"], points["y1"])
        mouse.down()
        mouse.move(points["x2"], points["y2"], steps=8)
        mouse.up()


@pytest.fixture
def seed_text():
    path = SEEDS / SEED
    if not path.is_file():
        pytest.skip(f"seed text not found at {path}")
    return path.read_text(encoding="utf-8")


@pytest.fixture
def site(live_server, transactional_db, edith):
    from arguments.record.fixture_format import read_debate_folder
    from arguments.record.loading import store_debate
    from tests.conftest import SMALL_DEBATE

    store_debate(read_debate_folder(SMALL_DEBATE))
    return live_server.url


def editor_page(browser, site, width, **options):  # noqa: F811
    from django.conf import settings
    from django.contrib.auth import get_user_model
    from django.test import Client

    client = Client()
    client.force_login(get_user_model().objects.get(username="edith"))
    cookie = client.cookies[settings.SESSION_COOKIE_NAME]
    context = browser.new_context(
        viewport={"width": width, "height": 900}, locale="en-US", **options
    )
    context.add_cookies([{"name": cookie.key, "value": cookie.value, "url": site}])
    page = context.new_page()
    page.set_default_timeout(15_000)
    return page


def add_the_source(steps, site, seed_text):
    page = steps.page
    page.goto(f"{site}/{DEBATE}/workbench/")
    steps.click("a[href$='/workbench/sources/new/']")
    steps.fill("#id_title", "Consommer et produire : l'essence de la prison numérique")
    steps.fill("#id_new_author", "Pablo Rauzy")
    steps.fill("#id_date", "2025-11")
    steps.fill("#id_pasted", seed_text, pasted=True)
    steps.click("main form button[type=submit]")
    page.wait_for_function("() => document.querySelector('ol.workbench-text') !== null")


def fill_the_claim(steps):
    page = steps.page
    page.wait_for_function(
        "(passage) => document.querySelector('#id_quotation').value === passage", arg=PASSAGE
    )
    steps.fill("#id_statement", STATEMENT)
    steps.fill("#id_statement_en", STATEMENT_EN)
    # The source's one author is the holder offered: nothing to choose.
    holder = page.locator("#id_holder option:checked").inner_text()
    assert holder == "Pablo Rauzy"


def screenshot(page, name):
    folder = os.environ.get("CONTROVERSE_SCREENSHOTS")
    if folder:
        page.locator("ol.workbench-text li", has_text=PASSAGE).scroll_into_view_if_needed()
        page.evaluate(SELECT_BY_RANGE, PASSAGE)  # typing in the form took the selection away
        page.screenshot(path=str(Path(folder) / name), full_page=False)


def no_sideways_scroll(page) -> bool:
    return page.evaluate(
        "() => document.documentElement.scrollWidth <= document.documentElement.clientWidth"
    )


def axe_violations(page) -> list[str]:
    page.evaluate(AXE.read_text())
    return [describe(rule) for rule in page.evaluate(_RUN_AXE, TAGS)]


_RUN_AXE = """async (tags) => {
  const results = await axe.run(document, {
    runOnly: {type: 'tag', values: tags}, resultTypes: ['violations'],
  });
  return results.violations.map((rule) => ({
    id: rule.id, impact: rule.impact,
    targets: rule.nodes.map((node) => node.target.join(' ')),
  }));
}"""


def test_an_editor_maps_a_claim_and_an_objection_and_a_reader_sees_them(
    site,
    browser,  # noqa: F811
    seed_text,
    capsys,
):
    from arguments.record.models import Claim

    page = editor_page(browser, site, 1366)
    steps = Steps(page)
    add_the_source(steps, site, seed_text)
    source_steps, source_keys = steps.actions, steps.keys

    # The claim: the passage selected with the mouse becomes the quotation, exactly.
    page.locator("ol.workbench-text li", has_text=PASSAGE).scroll_into_view_if_needed()
    steps.drag(page.evaluate(PASSAGE_POINTS, PASSAGE))
    steps.click("#selection-bar button")
    fill_the_claim(steps)
    start = int(page.input_value("#id_start"))
    assert seed_text.count(PASSAGE) == 1 and page.input_value("#id_prefix")
    screenshot(page, "workbench.png")
    steps.click("#claim-form button[type=submit]")
    page.locator("#claim-form .confirmation").wait_for()

    # The objection: from the draft to a claim of the record, drawn by the text.
    steps.click("#claim-form .confirmation a")
    steps.click("li.draft a[href*='/relations/']")
    steps.fill("#relation-search", "féodalisme")
    page.locator("#relation-choices input[value='thesis']").wait_for()
    steps.click("#relation-choices input[value='thesis']")
    steps.choose("#id_kind", "objects to")
    assert page.input_value("#id_passage") == PASSAGE  # the draft's quotation, offered
    steps.click("main form.annotation-form button[type=submit]")
    page.locator("#draft-relations-heading").wait_for()
    steps.click("form[action$='/drafts/publish/'] button")
    page.wait_for_function("() => document.querySelector('.messages, [role=status]') !== null")

    claim = Claim.objects.get(statement=STATEMENT)
    assert claim.quotation == PASSAGE and claim.checked_against.startswith("stored text of ")
    assert claim.outgoing.get().to_claim.slug == "thesis"
    from arguments.workbench.models import SourceText

    stored = SourceText.objects.get(source=claim.source)
    assert stored.text[start : start + len(PASSAGE)] == PASSAGE

    # An anonymous reader: the claim with its "checked" mark, the objection, the map.
    reader = browser.new_context(locale="en-US").new_page()
    reader.goto(f"{site}/{DEBATE}/claims/{claim.slug}/")
    assert reader.locator(".checked-mark").count() == 1
    assert STATEMENT_EN in reader.content()
    reader.goto(f"{site}/{DEBATE}/claims/thesis/")
    assert STATEMENT_EN in reader.content()
    reader.goto(f"{site}/{DEBATE}/map/")
    drawing = reader.locator("#map svg[role=group]")
    drawing.wait_for()
    assert f"/claims/{claim.slug}/" in drawing.inner_html()  # its node links to its page

    mapping, keys = steps.actions - source_steps, steps.keys - source_keys
    with capsys.disabled():
        print(
            f"\nworkbench steps: {source_steps} actions and {source_keys} keys to add the "
            f"source; {mapping} actions (clicks, drags, choices, fields) and {keys} keys "
            "typed to map one claim and one relation"
        )
    assert mapping <= 12  # a guard: the path must not grow unnoticed


def test_on_a_phone_a_passage_selected_by_touch_makes_a_claim(
    site,
    browser,  # noqa: F811
    seed_text,
):
    page = editor_page(browser, site, 390, has_touch=True, is_mobile=True, device_scale_factor=2)
    steps = Steps(page)
    add_the_source(steps, site, seed_text)
    assert no_sideways_scroll(page)
    page.locator("ol.workbench-text li", has_text=PASSAGE).scroll_into_view_if_needed()
    assert page.evaluate(SELECT_BY_RANGE, PASSAGE)
    page.locator("#selection-bar button").wait_for(state="visible")
    screenshot(page, "workbench-phone.png")  # the selection and its control
    steps.tap("#selection-bar button")
    fill_the_claim(steps)
    assert no_sideways_scroll(page)
    steps.tap("#claim-form button[type=submit]")
    page.locator("#claim-form .confirmation").wait_for()
    assert no_sideways_scroll(page)


def test_the_workbench_pages_pass_axe_at_both_widths(
    site,
    browser,  # noqa: F811
    essay_text_live,
):
    if not AXE.exists():
        pytest.fail("axe-core is missing: bin/setup --test installs it (npm ci)")
    failed = {}
    for width in (1366, 390):
        page = editor_page(browser, site, width)
        for path in [
            f"/{DEBATE}/workbench/",
            f"/{DEBATE}/workbench/sources/essai-2025/",
            f"/{DEBATE}/workbench/claims/thesis/relations/?target=capitalisme",
            f"/{DEBATE}/workbench/drafts/{essay_text_live}/relations/",
        ]:
            response = page.goto(site + path)
            assert response.status == 200, path
            page.wait_for_load_state("networkidle")
            assert no_sideways_scroll(page), (path, width)
            if found := axe_violations(page):
                failed[f"{path} at {width}"] = found
        page.context.close()
    assert not failed, json.dumps(failed, indent=1, ensure_ascii=False)


def test_the_editors_map_draws_her_draft_and_passes_axe_at_both_widths(
    site,
    browser,  # noqa: F811
    essay_text_live,
):
    """The map page as an editor sees it, her draft drawn and its legend shown: no axe
    violation (the legend's magenta, the box's word), no sideways scroll on a phone."""
    if not AXE.exists():
        pytest.fail("axe-core is missing: bin/setup --test installs it (npm ci)")
    failed = {}
    for width in (1366, 390):
        page = editor_page(browser, site, width)
        assert page.goto(f"{site}/{DEBATE}/map/").status == 200
        page.wait_for_load_state("networkidle")
        assert page.locator(f"g#claim-d{essay_text_live}.draft").count() == 1
        assert page.locator(".draft-legend a").get_attribute("href") == (
            f"/{DEBATE}/workbench/#drafts-heading"
        )
        assert no_sideways_scroll(page), width
        if found := axe_violations(page):
            failed[width] = found
        page.context.close()
    assert not failed, json.dumps(failed, indent=1, ensure_ascii=False)


@pytest.fixture
def essay_text_live(site, edith):
    """The small debate's essay with its text, and a draft of edith's from it (its id)."""
    from arguments.record.models import Debate
    from arguments.workbench.models import DraftClaim, SourceText
    from tests.workbench.conftest import ESSAY_TEXT

    debate = Debate.objects.get(slug=DEBATE)
    essay = debate.sources.get(slug="essai-2025")
    stored = SourceText(source=essay)
    stored.set_text(ESSAY_TEXT, SourceText.Format.TEXT)
    stored.save()
    draft = DraftClaim.objects.create(
        debate=debate,
        editor=edith,
        quoted_from=essay,
        holder=debate.participants.get(slug="alice-author"),
        statement="Une conclusion vide.",
        statement_en="An empty conclusion.",
        quotation="une conclusion",
    )
    return draft.pk


EMPHASISED = "Ils le disent *a minima* et la rente domine."


def emphasised_text_page(browser, site):  # noqa: F811
    """The essay's stored text with an emphasised paragraph, open in the editor's page."""
    from arguments.record.models import Debate
    from arguments.workbench.models import SourceText
    from tests.workbench.conftest import ESSAY_TEXT

    text = f"{ESSAY_TEXT}\n\n{EMPHASISED}"
    essay = Debate.objects.get(slug=DEBATE).sources.get(slug="essai-2025")
    stored = SourceText(source=essay)
    stored.set_text(text, SourceText.Format.TEXT)
    stored.save()
    page = editor_page(browser, site, 1366)
    page.goto(f"{site}/{DEBATE}/workbench/sources/essai-2025/")
    return text, page


# A selection from "disent" to "rente", through the emphasised words: the range starts in
# the text node before the emphasis and ends in the one after it.
SELECT_ACROSS_EMPHASIS = """() => {
  const item = [...document.querySelectorAll('ol.workbench-text li')]
    .find((li) => li.querySelector('em'));
  const walker = document.createTreeWalker(item, NodeFilter.SHOW_TEXT);
  let first = null, last = null;
  for (let node = walker.nextNode(); node; node = walker.nextNode()) {
    if (node.data.includes('disent')) first = node;
    if (node.data.includes('rente')) last = node;
  }
  const range = document.createRange();
  range.setStart(first, first.data.indexOf('disent'));
  range.setEnd(last, last.data.indexOf('rente') + 'rente'.length);
  const selection = window.getSelection();
  selection.removeAllRanges();
  selection.addRange(range);
  return {seen: item.innerText, selected: selection.toString()};
}"""


def test_emphasis_shows_in_italic_and_a_selection_across_it_keeps_the_stored_offsets(
    site,
    browser,  # noqa: F811
):
    from arguments.workbench.models import DraftClaim

    text, page = emphasised_text_page(browser, site)
    emphasis = page.locator("ol.workbench-text em")
    assert emphasis.inner_text() == "a minima"
    assert emphasis.evaluate("(node) => getComputedStyle(node).fontStyle") == "italic"
    shown = page.evaluate(SELECT_ACROSS_EMPHASIS)
    assert shown["seen"] == "Ils le disent a minima et la rente domine."  # no asterisk
    page.locator("#selection-bar button").click()
    wanted = "disent *a minima* et la rente"
    page.wait_for_function(
        "(wanted) => document.querySelector('#id_quotation').value === wanted", arg=wanted
    )
    start = text.index(wanted)
    assert int(page.input_value("#id_start")) == start
    assert int(page.input_value("#id_end")) == start + len(wanted)
    assert page.input_value("#id_prefix") == text[start - 32 : start]
    page.fill("#id_statement", "Ils le disent a minima.")
    page.fill("#id_statement_en", "They say so at the very least.")
    page.locator("#id_holder").select_option(label="Alice Autrice")
    page.locator("#claim-form button[type=submit]").click()
    page.locator("#claim-form .confirmation").wait_for()
    draft = DraftClaim.objects.get(statement="Ils le disent a minima.")
    assert draft.quotation == wanted
    assert (draft.start, draft.end, draft.paragraph) == (start, start + len(wanted), 4)


# A selection from one word to another of the emphasised paragraph, each looked for in the
# emphasised words (`in_em`) or outside them; the hidden asterisks are never selected.
SELECT_WORDS = """([first, firstInEm, last, lastInEm]) => {
  const item = [...document.querySelectorAll('ol.workbench-text li')]
    .find((li) => li.querySelector('em'));
  const walker = document.createTreeWalker(item, NodeFilter.SHOW_TEXT);
  let from = null, to = null;
  for (let node = walker.nextNode(); node; node = walker.nextNode()) {
    if (node.parentElement.classList.contains('emphasis-marker')) continue;
    const inEm = node.parentElement.tagName === 'EM';
    if (!from && inEm === firstInEm && node.data.includes(first)) from = node;
    if (inEm === lastInEm && node.data.includes(last)) to = node;
  }
  const range = document.createRange();
  range.setStart(from, from.data.indexOf(first));
  range.setEnd(to, to.data.indexOf(last) + last.length);
  const selection = window.getSelection();
  selection.removeAllRanges();
  selection.addRange(range);
  return selection.toString();
}"""


@pytest.mark.parametrize(
    ("first", "first_in_em", "last", "last_in_em", "wanted"),
    [
        # Ending where the emphasis ends: its closing asterisk comes too.
        ("disent", False, "minima", True, "disent *a minima*"),
        # Starting where it starts: its opening asterisk comes too.
        ("a m", True, "rente", False, "*a minima* et la rente"),
        # Exactly the emphasised words: both, so the quotation keeps its italics.
        ("a m", True, "minima", True, "*a minima*"),
        # From inside the emphasis: nothing to add, the text's characters as they are.
        ("minima", True, "rente", False, "minima* et la rente"),
        # No emphasis near: the words alone.
        ("la", False, "rente", False, "la rente"),
    ],
)
def test_a_selection_at_the_edge_of_emphasis_takes_its_hidden_asterisks(
    site,
    browser,  # noqa: F811
    first,
    first_in_em,
    last,
    last_in_em,
    wanted,
):
    text, page = emphasised_text_page(browser, site)
    assert "*" not in page.evaluate(SELECT_WORDS, [first, first_in_em, last, last_in_em])
    page.locator("#selection-bar button").click()
    page.wait_for_function(
        "(wanted) => document.querySelector('#id_quotation').value === wanted", arg=wanted
    )
    start = text.index(wanted)
    assert (int(page.input_value("#id_start")), int(page.input_value("#id_end"))) == (
        start,
        start + len(wanted),
    )


def test_the_arrow_keys_reach_a_draft_answering_a_claim_on_the_editors_map(
    site,
    browser,  # noqa: F811
    essay_text_live,
    edith,
):
    """By keyboard alone an editor goes from the thesis down to her draft objecting to it:
    the draft's line is followed like the record's."""
    from arguments.record.models import Claim
    from arguments.workbench.models import DraftClaim, DraftRelation

    draft = DraftClaim.objects.get(pk=essay_text_live)
    DraftRelation.objects.create(
        debate=draft.debate,
        editor=edith,
        from_draft=draft,
        kind=DraftRelation.Kind.OBJECTION,
        to_claim=Claim.objects.get(slug="thesis"),
        layer=DraftRelation.Layer.EDITORS,
        justification="Une conclusion vide ne prouve rien.",
    )
    page = editor_page(browser, site, 1366)
    page.goto(f"{site}/{DEBATE}/map/?claim=thesis&depth=2")
    page.locator("[data-map-zoom].map-zoom-active").wait_for()
    page.locator("[data-map-zoom]").focus()
    page.keyboard.press("Tab")
    thesis = page.evaluate("() => document.activeElement.closest('g.node').id")
    assert thesis == f"claim-{Claim.objects.get(slug='thesis').pk}"
    page.keyboard.press("ArrowDown")  # into what answers the thesis
    seen = set()
    for _ in range(4):  # across the answers, the draft among them
        seen.add(page.evaluate("() => document.activeElement.closest('g.node').id"))
        page.keyboard.press("ArrowRight")
    assert f"claim-d{essay_text_live}" in seen
