"""The W3C export gives the positions of quotations in the editors' stored texts; without a
stored text, the plain quotation selector as before."""

from __future__ import annotations

import json

from django.urls import reverse

from tests.workbench.conftest import ESSAY_TEXT


def quotation_selectors(client) -> dict:
    response = client.get(reverse("arguments:export", args=["petit-debat", "annotations"]))
    body = b"".join(response) if response.streaming else response.content
    items = json.loads(body)["first"]["items"]
    return {
        item["id"].split("/claims/")[1].split("/")[0]: item["target"]["selector"]
        for item in items
        if item["id"].endswith("#quotation")
    }


def test_quotations_in_a_stored_text_carry_their_position(client, essay_text):
    selectors = quotation_selectors(client)
    quote, position = selectors["thesis"]
    assert quote["exact"] == "le numérique est un féodalisme"
    assert ESSAY_TEXT[position["start"] : position["end"]] == quote["exact"]
    assert quote["prefix"] == ESSAY_TEXT[max(0, position["start"] - 32) : position["start"]]
    assert quote["suffix"] == ESSAY_TEXT[position["end"] : position["end"] + 32]
    # The other text has no stored text: as before.
    assert selectors["objection-capitalism"] == {
        "type": "TextQuoteSelector",
        "exact": "ce n'est que du capitalisme",
    }


def test_without_stored_texts_the_export_is_unchanged(client, small_debate):
    selectors = quotation_selectors(client)
    assert all(isinstance(selector, dict) for selector in selectors.values())


def test_readers_see_the_checked_mark_on_the_claim_page(client, essay_text, edith):
    from arguments.workbench.actions import check_quotations

    page = reverse("arguments:claim", args=["petit-debat", "thesis"])
    assert "quotation checked" not in client.get(page).content.decode()
    check_quotations(essay_text.source)
    html = client.get(page, HTTP_ACCEPT_LANGUAGE="en").content.decode()
    assert "quotation checked: verbatim in the full text kept by the editors" in html
    assert "et cela se voit" not in html  # the mark, never the text
