"""The shipped controversy taken out in each format and brought back in: what comes back."""

from __future__ import annotations

import pytest

from arguments.interchange.formats import export_text, import_text
from arguments.record.models import Debate


def described(debate: Debate, kinds: tuple[str, ...]):
    statements = dict(debate.claims.values_list("pk", "statement"))
    relations = {
        (statements[f], kind, statements[t])
        for f, kind, t in debate.relations.filter(kind__in=kinds).values_list(
            "from_claim", "kind", "to_claim"
        )
    }
    return set(statements.values()), relations


def holders(debate: Debate) -> set[tuple[str, str]]:
    return set(debate.claims.values_list("statement", "holder__name"))


@pytest.mark.parametrize(
    ("name", "kinds", "keeps_holders"),
    [
        ("aif", ("support", "objection", "rephrase"), True),
        ("argdown", ("support", "objection", "rephrase"), True),
        ("kialo", ("support", "objection"), False),
        ("sadface", ("support", "objection", "rephrase"), True),
    ],
)
def test_the_controversy_comes_back_with_its_claims_and_relations(
    controversy, name, kinds, keeps_holders
):
    text = export_text(controversy, name, "http://testserver")
    back, _warnings = import_text(text, name, f"controversy.{name}", slug=f"back-{name}")
    assert back.claims.count() == controversy.claims.count()
    assert described(back, kinds) == described(controversy, kinds)
    if keeps_holders:
        assert holders(back) == holders(controversy)
    else:
        assert set(back.claims.values_list("holder", flat=True)) == {None}


def test_argdown_keeps_sources_and_quotations_too(controversy):
    text = export_text(controversy, "argdown", "http://testserver")
    back, _warnings = import_text(text, "argdown", "controversy.argdown", slug="back")

    def quoted(debate):
        return set(debate.claims.values_list("statement", "quotation", "source__title"))

    assert quoted(back) == quoted(controversy)


def test_sadface_keeps_sources_quotations_layers_and_undercuts(controversy):
    text = export_text(controversy, "sadface", "http://testserver")
    back, _warnings = import_text(text, "sadface", "controversy.sadface.json", slug="back")

    def kept(debate):
        claims = set(debate.claims.values_list("statement", "quotation", "source__title"))
        layers = set(debate.relations.values_list("from_claim__statement", "kind", "layer"))
        undercuts = set(
            debate.undercuts.values_list("from_claim__statement", "relation__to_claim__statement")
        )
        return claims, layers, undercuts

    assert kept(back) == kept(controversy)


def test_aif_keeps_quotations(controversy):
    text = export_text(controversy, "aif", "http://testserver")
    back, _warnings = import_text(text, "aif", "controversy.json", slug="back")
    assert set(back.claims.values_list("statement", "quotation")) == set(
        controversy.claims.values_list("statement", "quotation")
    )
