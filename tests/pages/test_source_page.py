"""Source page: its claims grouped by thesis or section, folded under short labels, and the
relations it draws."""

from django.db.models import Q

URL = "/petit-debat/sources/reponse/"


def test_it_groups_its_claims_under_their_thesis_and_lists_its_relations(client, small_debate):
    response = client.get(URL)
    assert response.status_code == 200
    html = response.content.decode()
    assert "Affirmations (3)" in html
    # One group: the objection the two others argue about heads it, then reading order.
    group = html[html.index('<details class="claim-group" open>') :]
    assert "3 affirmations" in group[: group.index("</summary>")]
    thesis = group.index("Ce n&#x27;est que du capitalisme.")
    assert thesis < group.index("Citation &lt;script&gt;") < group.index("Les profits viennent")
    # Each claim under its short label; its statement and quotation once opened.
    assert group.count('<details class="claim-fold">') == 3
    assert "« les profits viennent de la publicité »" in group
    assert "Relations tracées dans cette source" in html
    assert "Les profits viennent de la publicité." in html
    assert "non précisé dans les textes" in html  # venue not stated


def test_its_query_count_does_not_grow_with_the_debate(assert_queries_do_not_grow):
    # the revision for the readers' page cache, the source and its authors, the revision
    # of its rows (kept in the cache per revision), its claims, the arguments between them
    # (its groups) and its relations
    assert_queries_do_not_grow("/petit-debat/sources/essai-2025/", 6)


def test_unknown_source_is_a_404(client, small_debate):
    assert client.get("/petit-debat/sources/nope/").status_code == 404


def test_a_hidden_proposal_citing_the_source_is_not_listed(client, small_debate, alice):
    thesis = small_debate.claims.get(slug="thesis")
    source = small_debate.sources.get(slug="reponse")
    shown = thesis.propose_argument(alice, "support", "Une proposition visible", source=source)
    hidden = thesis.propose_argument(alice, "support", "Une proposition masquée", source=source)
    hidden.hide("hors sujet")
    html = client.get(URL).content.decode()
    assert shown.statement in html
    assert hidden.statement not in html


def test_a_signed_in_reader_gets_its_rows_from_the_cache_until_the_record_changes(
    assert_rows_kept_for_signed_in,
):
    # the session, the user, their permissions (moderator?), the source and its authors,
    # the revision: the rows are cached
    assert_rows_kept_for_signed_in("/petit-debat/sources/essai-2025/", 7)


def test_a_long_source_is_folded_into_groups_with_their_counts(client, controversy):
    slug = "rauzy-2025-consommer-produire"
    html = client.get(f"/{controversy.slug}/sources/{slug}/").content.decode()
    claims = controversy.claims.filter(Q(source__slug=slug) | Q(via__slug=slug))
    assert f"Affirmations ({claims.count()})" in html
    assert html.count('<details class="claim-fold">') == claims.count()  # each one, folded
    groups = html.count('<details class="claim-group">')
    assert 2 < groups < claims.count() / 3  # a few groups, none open
    assert "Relations tracées dans cette source" in html
    assert html.count('<details class="relations-fold">') == 1


def test_a_source_with_sections_is_grouped_by_them(client, controversy):
    slug = "benyattou-2025-recension-durand"
    html = client.get(f"/{controversy.slug}/sources/{slug}/").content.decode()
    assert "Par intertitre du texte" in html
    assert "« Technoféodalisme(s) et hégémonie américaine »" in html
