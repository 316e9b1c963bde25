"""The "Cite this" box on claim, relation and map pages, the citation files, and the pages
a citation leads to: the claim or relation as it was at the revision it names."""

import datetime
import json
import re
from html import unescape

import pytest

from arguments.record.models import Claim, Relation

CLAIM = "/petit-debat/claims/thesis/"


def cite_box(html: str) -> str:
    found = re.search(r'<details class="cite" id="cite">.*?</details>', html, re.DOTALL)
    assert found, "no cite box"
    return found.group(0)


def field(box: str, name: str) -> str:
    found = re.search(rf'<textarea id="cite-{name}"[^>]*>(.*?)</textarea>', box, re.DOTALL)
    return unescape(found.group(1))


def version_link(box: str) -> str:
    return re.search(r'href="http://testserver(/[^"]*/versions/\d+/)"', box).group(1)


def test_the_claim_page_has_a_cite_box_in_three_forms(client, small_debate):
    box = cite_box(client.get(CLAIM).content.decode())
    assert "<summary>Citer</summary>" in box  # a disclosure: opened by keyboard, no script
    thesis = small_debate.claims.get(slug="thesis")
    revision = thesis.history.latest("history_id").history_id
    plain = field(box, "text")
    assert plain.startswith(
        "Alice Autrice, «\u202fLe numérique est un féodalisme.\u202f», Un petit débat"
    )
    assert f"http://testserver{CLAIM}versions/{revision}/" in plain
    assert "Essai sur rien" in plain and "Revue imaginaire" in plain
    assert field(box, "bibtex").startswith(f"@misc{{petit-debat:thesis:r{revision},")
    assert json.loads(field(box, "csl"))[0]["version"] == str(revision)
    assert version_link(box) == f"{CLAIM}versions/{revision}/"
    # The text is in read-only fields, selectable without JavaScript; the copy buttons only
    # show with it.
    assert box.count("readonly") == 3 and box.count("hidden>") == 3
    for extension in ("bib", "json", "txt"):
        assert f'href="{CLAIM}cite.{extension}"' in box


def test_a_citation_made_before_an_edit_still_shows_what_it_cited(client, small_debate):
    box = cite_box(client.get(CLAIM).content.decode())
    cited = version_link(box)
    thesis = small_debate.claims.get(slug="thesis")
    thesis.statement = "Le numérique est un capitalisme de rente."
    thesis.save()

    then = client.get(cited).content.decode()
    assert "Le numérique est un féodalisme." in then
    assert "capitalisme de rente" not in then
    assert "Elle a changé depuis." in then
    assert f'href="{CLAIM}"' in then and f'href="{CLAIM}history/"' in then
    # The version's own citation names the old statement and the same revision.
    assert "Le numérique est un féodalisme." in field(cite_box(then), "text")
    assert version_link(cite_box(then)) == cited

    now = client.get(CLAIM).content.decode()
    assert "capitalisme de rente" in field(cite_box(now), "text")
    assert version_link(cite_box(now)) != cited
    current = client.get(version_link(cite_box(now))).content.decode()
    assert "C’est toujours sa version actuelle." in current


def test_a_version_belongs_to_its_claim(client, small_debate):
    other = small_debate.claims.get(slug="support-rent").history.first().history_id
    assert client.get(f"{CLAIM}versions/{other}/").status_code == 404
    assert client.get(f"{CLAIM}versions/999999/").status_code == 404
    assert client.get(f"{CLAIM}versions/abc/").status_code == 404


def test_hidden_claims_and_versions_are_missing_for_readers(client, alice, maud, small_debate):
    thesis = small_debate.claims.get(slug="thesis")
    proposal = thesis.propose_argument(alice, "objection", "Objection douteuse")
    first = proposal.history.get().history_id
    proposal.hide("hors sujet")
    hidden = proposal.history.latest("history_id").history_id
    base = f"/petit-debat/claims/{proposal.slug}/"
    for url in (f"{base}versions/{first}/", f"{base}cite.bib", f"{base}card.png"):
        assert client.get(url).status_code == 404
    client.force_login(maud)
    assert client.get(f"{base}versions/{hidden}/").status_code == 200
    proposal.restore()
    client.logout()
    assert client.get(f"{base}versions/{first}/").status_code == 200
    assert client.get(f"{base}versions/{hidden}/").status_code == 404  # hidden at that time


@pytest.mark.parametrize(
    ("extension", "content_type"),
    [
        ("bib", "application/x-bibtex; charset=utf-8"),
        ("json", "application/vnd.citationstyles.csl+json; charset=utf-8"),
        ("txt", "text/plain; charset=utf-8"),
    ],
)
def test_citation_files(client, small_debate, extension, content_type):
    response = client.get(f"{CLAIM}cite.{extension}")
    assert response.status_code == 200
    assert response["Content-Type"] == content_type
    assert 'filename="petit-debat-thesis-r' in response["Content-Disposition"]
    if extension == "json":
        assert json.loads(response.content)[0]["type"] == "webpage"


def test_citation_files_refuse_what_they_do_not_know(client, small_debate):
    assert client.get(f"{CLAIM}cite.xml").status_code == 404
    assert client.get(f"{CLAIM}cite.bib?style=apa").status_code == 400
    assert client.get("/petit-debat/claims/nowhere/cite.bib").status_code == 404


def test_citations_and_versions_are_read_only(client, alice, small_debate):
    client.force_login(alice)
    thesis = small_debate.claims.get(slug="thesis")
    revision = thesis.history.first().history_id
    for url in (f"{CLAIM}cite.bib", f"{CLAIM}versions/{revision}/", f"{CLAIM}card.png"):
        assert client.post(url).status_code == 405


def test_a_citation_file_takes_few_queries(client, small_debate, django_assert_num_queries):
    # The claim with its holder, source and debate; its newest version.
    with django_assert_num_queries(2):
        assert client.get(f"{CLAIM}cite.bib").status_code == 200


def test_hostile_text_is_inert_in_the_box_and_the_files(client, small_debate):
    url = "/petit-debat/claims/hostile/"
    html = client.get(url).content.decode()
    assert "<script>alert" not in html and "<img src=x" not in html
    box = cite_box(html)
    assert "&lt;script&gt;" in box
    entry = client.get(f"{url}cite.bib").content.decode()
    assert entry.isascii() and entry.count("@misc{") == 1
    assert r"\{accolades\}" in entry and r"{\textbackslash}" in entry and r"\&" in entry


def test_the_relation_page_cites_the_relation(client, small_debate):
    relation = Relation.objects.get(from_claim__slug="objection-capitalism")
    url = f"/petit-debat/relations/{relation.pk}/"
    box = cite_box(client.get(url).content.decode())
    plain = field(box, "text")
    assert "Ce n'est que du capitalisme." in plain and "objecte à" in plain
    assert plain.startswith('Bruno <b>&amp;</b> "Co",')
    assert 'Source : Bruno <b>&amp;</b> "Co", «\u202fRéponse\u202f»' in plain
    assert version_link(box).startswith(f"{url}versions/")
    response = client.get(f"{url}cite.bib")
    assert response["Content-Type"] == "application/x-bibtex; charset=utf-8"


def test_a_relation_version_shows_its_claims_as_they_were(client, small_debate):
    relation = Relation.objects.get(from_claim__slug="objection-capitalism")
    url = f"/petit-debat/relations/{relation.pk}/"
    cited = version_link(cite_box(client.get(url).content.decode()))
    claim = Claim.objects.get(slug="objection-capitalism")
    claim.statement = "Ce n'est que du capitalisme, reformulé."
    claim.save()
    then = client.get(cited).content.decode()
    assert "Ce n&#x27;est que du capitalisme." in then and "reformulé" not in then
    other = Relation.objects.exclude(pk=relation.pk).first().history.first().history_id
    assert client.get(f"{url}versions/{other}/").status_code == 404


def test_the_map_page_cites_its_view(client, small_debate):
    url = "/petit-debat/map/?claim=thesis&depth=2"
    html = client.get(url).content.decode()
    box = cite_box(html)
    plain = field(box, "text")
    assert "Carte autour de" in plain
    assert "http://testserver/petit-debat/map/?claim=thesis&depth=2" in plain
    assert "/petit-debat/record/" in box
    # htmx fetches the box again with the controls' values when it redraws the map.
    assert 'hx-get="/petit-debat/map/cite.html"' in html
    assert 'hx-include=".map-controls"' in html
    refreshed = client.get("/petit-debat/map/cite.html?claim=thesis&depth=3&direction=BT")
    assert "map/?claim=thesis&amp;depth=3" in refreshed.content.decode()
    entry = client.get("/petit-debat/map/cite.bib?claim=thesis&depth=3").content.decode()
    assert "url = {http://testserver/petit-debat/map/?claim=thesis&depth=3}" in entry


def test_a_map_citation_leads_to_the_record_as_it_was(client, alice, small_debate):
    box = cite_box(client.get("/petit-debat/map/?claim=thesis&depth=1").content.decode())
    cited = re.search(r'href="http://testserver(/petit-debat/record/\d{20}/[^"]*)"', box)
    cited = unescape(cited.group(1))
    assert cited.endswith("?claim=thesis&depth=1")
    # Since: the thesis reworded, an objection removed, a proposal added.
    thesis = small_debate.claims.get(slug="thesis")
    thesis.statement = "Le numérique est un capitalisme de rente."
    thesis.save()
    Relation.objects.get(from_claim__slug="objection-capitalism", to_claim=thesis).delete()
    thesis.propose_argument(alice, "support", "Un soutien venu après")

    then = client.get(cited).content.decode()
    assert "Le numérique est un féodalisme." in then and "capitalisme de rente" not in then
    assert "Ce n&#x27;est que du capitalisme." in then  # the objection as it stood
    assert "Un soutien venu après" not in then
    assert "Les profits viennent de la publicité." not in then  # two relations away
    whole = client.get(cited.split("?")[0]).content.decode()
    assert "Les profits viennent de la publicité." in whole


def test_the_record_at_a_revision_refuses_what_it_does_not_know(client, small_debate):
    box = cite_box(client.get("/petit-debat/map/").content.decode())
    cited = re.search(r'href="http://testserver(/petit-debat/record/\d{20}/)"', box).group(1)
    assert client.get(cited).status_code == 200
    assert client.get(cited + "?claim=nowhere").status_code == 404
    assert client.get(cited + "?page=2").status_code == 400
    assert client.get(cited + "?claim=thesis&depth=x").status_code == 400
    assert client.get("/petit-debat/record/2026/").status_code == 404
    assert client.get("/petit-debat/record/20261399000000000000/").status_code == 404
    assert client.get("/petit-debat/map/cite.bib?direction=up").status_code == 400


def test_claims_hidden_now_stay_hidden_in_the_past(client, alice, small_debate):
    thesis = small_debate.claims.get(slug="thesis")
    proposal = thesis.propose_argument(alice, "objection", "Objection cachée ensuite")
    box = cite_box(client.get("/petit-debat/map/").content.decode())
    cited = re.search(r'href="http://testserver(/petit-debat/record/\d{20}/)"', box).group(1)
    assert "Objection cachée ensuite" in client.get(cited).content.decode()
    proposal.hide("hors sujet")
    assert "Objection cachée ensuite" not in client.get(cited).content.decode()


def test_the_box_speaks_english(client, small_debate, english):
    box = cite_box(client.get(CLAIM).content.decode())
    assert "<summary>Cite this</summary>" in box
    plain = field(box, "text")
    assert plain.startswith("Alice Autrice, “The digital economy is a feudalism.”, A small")
    revision = small_debate.claims.get(slug="thesis").history.latest("history_id").history_id
    assert f"A small debate, controverse, revision {revision} of " in plain
    # The page is kept for days: the day of reading is left to the files, made per day.
    assert "accessed" not in plain and "urldate" not in field(box, "bibtex")
    assert "accessed" not in json.loads(field(box, "csl"))[0]
    today = datetime.date.today().isoformat()
    assert f"accessed {today}" in client.get(f"{CLAIM}cite.txt").content.decode()
