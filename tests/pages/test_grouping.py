"""Claims in groups, by thesis or by section, and their short labels (no database)."""

from dataclasses import dataclass

from arguments.pages.grouping import by_section, by_thesis, has_sections, shorten


@dataclass
class Claim:
    pk: int
    section: str = ""


def pks(groups):
    return [([c.pk for c in g.claims], g.thesis.pk if g.thesis else None) for g in groups]


def test_claims_go_under_the_thesis_they_argue_about_up_the_chain():
    claims = [Claim(n) for n in range(1, 7)]
    # 2 supports 1, 3 objects to 2, 5 objects to 4; 6 argues about nothing listed.
    arguments = [(2, 1), (3, 2), (5, 4), (6, 99)]
    assert pks(by_thesis(claims, arguments)) == [([1, 2, 3], 1), ([4, 5], 4), ([6], None)]


def test_the_thesis_heads_its_group_even_when_read_later():
    claims = [Claim(1), Claim(2), Claim(3)]
    assert pks(by_thesis(claims, [(1, 3), (2, 3)])) == [([3, 1, 2], 3)]


def test_a_claim_arguing_about_two_goes_with_the_first_read():
    claims = [Claim(1), Claim(2), Claim(3), Claim(4)]
    groups = by_thesis(claims, [(3, 2), (3, 1), (4, 2)])
    assert pks(groups) == [([1, 3], 1), ([2, 4], 2)]


def test_a_circle_of_arguments_is_one_group_under_its_first_claim():
    claims = [Claim(1), Claim(2), Claim(3)]
    assert pks(by_thesis(claims, [(1, 2), (2, 3), (3, 1)])) == [([1, 2, 3], 1)]


def test_sections_group_consecutive_claims():
    claims = [Claim(1, ""), Claim(2, "A"), Claim(3, "A"), Claim(4, "B")]
    assert has_sections(claims)
    assert [(g.section, [c.pk for c in g.claims]) for g in by_section(claims)] == [
        ("", [1]),
        ("A", [2, 3]),
        ("B", [4]),
    ]
    assert not has_sections([Claim(1, "A"), Claim(2, "A"), Claim(3, "")])


def test_a_short_label_cuts_at_a_word():
    assert shorten("Court.") == "Court."
    text = "Les plateformes prélèvent une rente sur les producteurs, et la rente devient la règle."
    short = shorten(text, 40)
    assert len(short) <= 40 and short.endswith("…")
    assert short == "Les plateformes prélèvent une rente sur…"
    assert shorten("x" * 50, 10) == "x" * 9 + "…"  # one long word: cut inside it


def test_the_pure_modules_of_these_pages_reach_no_model():
    from tests.site.test_architecture import imported_names, reached_from, source_of

    for name in ("arguments.pages.grouping", "arguments.pages.exchange"):
        reached = reached_from(name)
        assert [module for module in reached if module.endswith(".models")] == []
        used = {imported for module in reached for imported in imported_names(source_of(module))}
        assert not {imported for imported in used if imported.startswith("django")}
