"""The page of a claim of kind argument (imported from Argdown): its title, the "Argument"
label, its premises and conclusion linked; a titled statement shows its title."""

from pathlib import Path

import pytest

from arguments.interchange.formats import import_text
from arguments.record.models import Claim

SEMMELWEIS = Path(__file__).resolve().parents[1] / "data" / "interop" / "argdown"


@pytest.fixture
def semmelweis(db):
    text = (SEMMELWEIS / "semmelweis_betz.argdown").read_text(encoding="utf-8")
    debate, _warnings = import_text(text, "argdown", "semmelweis_betz.argdown", slug="semmelweis")
    return debate


def page(client, claim: Claim, **headers) -> str:
    response = client.get(f"/semmelweis/claims/{claim.slug}/", headers=headers)
    assert response.status_code == 200
    return response.content.decode()


def test_an_argument_shows_its_title_label_premises_and_conclusion(client, semmelweis):
    argument = semmelweis.claims.get(title="Epidemic Exposition 1")
    assert argument.kind == Claim.Kind.ARGUMENT
    html = page(client, argument)
    assert '<span class="kind kind--argument">Argument</span>' in html
    assert '<span class="claim-title">Epidemic Exposition 1</span>' in html
    assert 'id="inference-heading"' in html
    # Its three premises and its conclusion, each linked to its page.
    for premise in argument.inferences.values_list("from_claim__slug", flat=True):
        assert f'href="/semmelweis/claims/{premise}/"' in html
    conclusion = semmelweis.claims.get(title="Difference Between Divisions")
    assert f'href="/semmelweis/claims/{conclusion.slug}/"' in html
    assert html.count('<li class="premise">') == 3
    assert html.count('<li class="conclusion">') == 1


def test_a_titled_statement_shows_its_title_and_no_structure(client, semmelweis):
    statement = semmelweis.claims.get(title="More Injuries")
    html = page(client, statement)
    assert '<span class="claim-title">More Injuries</span>' in html
    assert "kind--argument" not in html and 'id="inference-heading"' not in html


def test_the_htmx_branch_of_an_argument_is_the_branch_only(client, semmelweis):
    argument = semmelweis.claims.get(title="Inexperienced Medical Students")
    html = page(client, argument, **{"HX-Request": "true"})
    assert html.lstrip().startswith('<ul class="branch"')
    assert "inference-heading" not in html and "<h1" not in html


def test_a_hostile_title_is_inert(client, semmelweis):
    argument = semmelweis.claims.get(title="Kolletschka Contaminated")
    argument.title = "<script>alert('t')</script> & \"q\""
    argument.save()
    html = page(client, argument)
    assert "<script>alert" not in html
    assert "&lt;script&gt;alert(&#x27;t&#x27;)&lt;/script&gt; &amp; &quot;q&quot;" in html
