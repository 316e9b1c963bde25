"""A passage selected in the browser: its offsets in the stored text choose among the
places a quotation is (a passage said twice is the one selected), and are kept on the
draft with the words around it."""

from __future__ import annotations

import pytest
from django.urls import reverse

from arguments.workbench.models import DraftClaim
from arguments.workbench.quotations import find_quotation
from arguments.workbench.texts import paragraphs_with_offsets

TWICE = "Premier paragraphe : la rente.\n\nSecond paragraphe, encore : la rente.\n\nFin."


def test_the_place_nearest_the_selection_is_chosen():
    first = find_quotation("la rente", TWICE)
    second = find_quotation("la rente", TWICE, near=TWICE.rindex("la rente"))
    assert (first.paragraph, second.paragraph) == (1, 2)
    assert TWICE[second.start : second.end] == "la rente"
    assert second.prefix.endswith("encore : ") and second.suffix.startswith(".")
    # Without a selection, or with one far away, the first place is kept.
    assert find_quotation("la rente", TWICE, near=0) == first


def test_paragraph_offsets_are_the_stored_texts():
    for paragraph in paragraphs_with_offsets(TWICE):
        start = paragraph["start"]
        assert TWICE[start : start + len(paragraph["text"])] == paragraph["text"]
    assert [p["number"] for p in paragraphs_with_offsets(TWICE)] == [1, 2, 3]


@pytest.fixture
def twice_text(essay_text):
    essay_text.set_text(TWICE, "text")
    essay_text.save()
    return essay_text


def post_claim(client, small_debate, **changes):
    data = {
        "quotation": "la rente",
        "statement": "La rente.",
        "statement_en": "The rent.",
        "holder": small_debate.participants.get(slug="alice-author").pk,
    }
    data.update(changes)
    return client.post(
        reverse("arguments:workbench_new_claim", args=["petit-debat", "essai-2025"]), data
    )


def test_a_selected_place_is_kept_on_the_draft(client, edith, twice_text, small_debate):
    client.force_login(edith)
    start = TWICE.rindex("la rente")
    response = post_claim(
        client, small_debate, start=start, end=start + 8, paragraph=2, prefix="x", suffix="y"
    )
    assert response.status_code == 302
    draft = DraftClaim.objects.get()
    # The server's own reading of the stored text: what the browser sent only chose.
    assert (draft.paragraph, draft.start, draft.end) == (2, start, start + 8)
    assert draft.prefix == TWICE[start - 32 : start] and draft.suffix == TWICE[start + 8 :][:32]


@pytest.mark.parametrize(
    "changes",
    [{"start": "-1"}, {"start": "beaucoup"}, {"prefix": "p" * 65}, {"paragraph": "0"}],
)
def test_hostile_positions_are_refused(client, edith, twice_text, small_debate, changes):
    client.force_login(edith)
    assert post_claim(client, small_debate, **changes).status_code == 400
    assert not DraftClaim.objects.exists()


def test_a_position_past_the_end_still_finds_the_quotation(client, edith, twice_text, small_debate):
    client.force_login(edith)
    assert post_claim(client, small_debate, start=10**12).status_code == 302
    assert DraftClaim.objects.get().paragraph == 2


def test_a_long_title_gives_a_source_address_its_column_holds(client, edith, small_debate):
    """A source's slug column holds 50 characters: PostgreSQL refused a longer one (a 500
    the browser test found with a seed text's title)."""
    from arguments.record.models import Source

    client.force_login(edith)
    title = "Consommer et produire : l'essence de la prison numérique, encore et encore"
    response = client.post(
        reverse("arguments:workbench_new_source", args=["petit-debat"]),
        {
            "title": title,
            "new_author": "Pablo Rauzy",
            "date": "2025-11",
            "language": "fr",
            "date_qualifier": "exact",
            "pasted": "Un texte.",
        },
    )
    assert response.status_code == 302
    source = Source.objects.get(title=title)
    assert len(source.slug) <= Source._meta.get_field("slug").max_length
    assert source.slug.startswith("pablo-rauzy-2025-consommer")


def test_the_paragraphs_a_draft_quotes_are_highlighted_for_editors(
    client, edith, twice_text, small_debate
):
    client.force_login(edith)
    start = TWICE.rindex("la rente")
    post_claim(client, small_debate, start=start)
    html = client.get(
        reverse("arguments:workbench_source", args=["petit-debat", "essai-2025"])
    ).content.decode()
    assert html.count('class="draft-quoted"') == 1
    second = TWICE.index("Second")
    assert f'id="p2" value="2" data-start="{second}" class="draft-quoted"' in html
