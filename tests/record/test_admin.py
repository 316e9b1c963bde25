"""Everything is editable in the Django admin, by staff only."""

import pytest

MODELS = ["debate", "participant", "source", "claim", "relation"]


@pytest.mark.parametrize("model", MODELS)
def test_charlie_can_list_and_edit(client, charlie, small_debate, model):
    client.force_login(charlie)
    listing = client.get(f"/admin/arguments/{model}/")
    assert listing.status_code == 200
    first = {
        "debate": small_debate,
        "participant": small_debate.participants.first(),
        "source": small_debate.sources.first(),
        "claim": small_debate.claims.get(slug="hostile"),
        "relation": small_debate.relations.first(),
    }[model]
    change = client.get(f"/admin/arguments/{model}/{first.pk}/change/")
    assert change.status_code == 200
    assert "<script>alert" not in change.content.decode()


def test_alice_cannot_reach_the_admin(client, alice, small_debate):
    client.force_login(alice)
    assert client.get("/admin/arguments/claim/").status_code == 302


def test_the_admin_search_finds_claims(client, charlie, small_debate):
    client.force_login(charlie)
    html = client.get("/admin/arguments/claim/", {"q": "capitalisme"}).content.decode()
    assert "objection-capitalism" in html
