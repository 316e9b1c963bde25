"""Participant page: claims held, objections made and received."""


def test_it_shows_claims_held_and_objections_made_and_received(client, small_debate):
    response = client.get("/petit-debat/participants/alice-author/")
    assert response.status_code == 200
    html = response.content.decode()
    assert "Le numérique est un féodalisme." in html
    received = html[html.index("Objections reçues") :]
    assert "Ce n&#x27;est que du capitalisme." in received
    bruno = client.get("/petit-debat/participants/bruno/").content.decode()
    made = bruno[bruno.index("Objections faites") : bruno.index("Objections reçues")]
    assert "Ce n&#x27;est que du capitalisme." in made


def test_its_query_count_does_not_grow_with_the_debate(assert_queries_do_not_grow):
    # the revision for the readers' page cache, the participant, the revision of its rows
    # (kept in the cache per revision), and the 7 queries of those rows (the last: the
    # arguments between the claims held, which group them)
    assert_queries_do_not_grow("/petit-debat/participants/alice-author/", 9)


def test_unknown_participant_is_a_404(client, small_debate):
    assert client.get("/petit-debat/participants/nobody/").status_code == 404


def test_a_signed_in_reader_gets_its_rows_from_the_cache_until_the_record_changes(
    assert_rows_kept_for_signed_in,
):
    # the session, the user, their permissions (moderator?), the participant, the revision:
    # the rows are cached
    assert_rows_kept_for_signed_in("/petit-debat/participants/alice-author/", 6)


def test_claims_are_grouped_by_thesis_and_long_lists_folded_with_counts(client, controversy):
    html = client.get(f"/{controversy.slug}/participants/durand/").content.decode()
    held = controversy.claims.filter(holder__slug="durand").count()
    assert f"Affirmations tenues ({held})" in html
    assert html.count('<details class="claim-fold">') == held
    groups = html.count('<details class="claim-group">')
    assert 2 < groups < held / 3
    # The relations' lists, each folded under its count.
    assert html.count('<details class="relations-fold">') >= 2
    assert "Objections faites (" in html and "Objections reçues (" in html


def test_a_short_label_stands_for_a_long_statement_until_opened(client, controversy):
    from arguments.pages.grouping import shorten
    from arguments.pages.texts import SHORT_LABEL

    claim = max(
        controversy.claims.filter(holder__slug="rauzy"), key=lambda claim: len(claim.statement)
    )
    html = client.get(f"/{controversy.slug}/participants/rauzy/").content.decode()
    from django.utils.html import escape

    label = shorten(claim.statement, SHORT_LABEL)
    assert label.endswith("…") and len(label) <= SHORT_LABEL
    fold = html[html.index(escape(label)) :]
    assert escape(claim.statement) in fold[: fold.index("</details>")]
