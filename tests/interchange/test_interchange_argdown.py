"""Argdown import and export: the real samples, each construct, malformed files, round trips."""

from __future__ import annotations

import datetime
from dataclasses import replace
from pathlib import Path

import pytest

from arguments.interchange.argdown import parse_argdown, to_argdown
from arguments.interchange.document import Claim, Document, Participant, Relation, Source, Undercut
from arguments.record.files import ImportProblems

SAMPLES = Path(__file__).resolve().parents[1] / "data" / "interop"


def read_sample(name: str) -> Document:
    return parse_argdown((SAMPLES / name).read_text(encoding="utf-8"))


def ends(document: Document) -> set[tuple[str, str, str]]:
    return {(r.from_claim, r.kind, r.to_claim) for r in document.relations}


def statements(document: Document) -> dict[str, str]:
    return {c.key: c.statement for c in document.claims}


def content(document: Document) -> tuple[list, list, list]:
    """Claims (kind, title, text, section), relations and undercuts named by their ends'
    titles or texts: what a round trip keeps, whatever keys the untitled get."""
    by_key = {c.key: c for c in document.claims}

    def name(key: str) -> tuple[str, str]:
        return (by_key[key].kind, by_key[key].title or by_key[key].statement)

    relations = {r.key: r for r in document.relations}
    return (
        sorted((c.kind, c.title, c.statement, c.section) for c in document.claims),
        sorted(
            (name(r.from_claim), r.kind, name(r.to_claim), name(r.argument) if r.argument else ())
            for r in document.relations
        ),
        sorted(
            (name(u.from_claim), name(relations[u.relation].from_claim), relations[u.relation].kind)
            for u in document.undercuts
        ),
    )


def problems(text: str) -> list[str]:
    with pytest.raises(ImportProblems) as caught:
        parse_argdown(text)
    return caught.value.problems


# --- the real samples ---------------------------------------------------------------------


def test_softdrugs_sample_claims_relations_and_undercuts():
    document = read_sample("legalisation-softdrugs.argdown")
    assert document.title == "Pros and Cons Legalisation of Soft Drugs"
    assert len(document.claims) == 18
    kinds = [r.kind for r in document.relations]
    assert (kinds.count("support"), kinds.count("objection"), len(kinds)) == (9, 8, 17)
    texts = statements(document)
    assert texts["Legalisation of Soft Drugs"] == "Soft drugs should be legal."
    # Hard-wrapped over ten lines, the tag #pro taken off the end.
    assert texts["No harm, no ban"].startswith("The role of legislation is to protect society from")
    assert texts["No harm, no ban"].endswith("As such, it should not be a crime at all.")
    assert texts["Poor reason"] == (
        "In any case, the fact that harmful and dangerous substances (tobacco and alcohol) are "
        "already, regrettably, socially entrenched is not a good reason to allow two more such "
        "substances to become more widely used and socially acceptable."
    )
    # The text starts on the line after the title (line 70-71).
    assert texts["Tobacco and alcohol more dangerous"].startswith("Tobacco-related diseases kill")
    relations = ends(document)
    assert ("No harm, no ban", "support", "Legalisation of Soft Drugs") in relations
    assert ("Law must protect", "objection", "Legalisation of Soft Drugs") in relations
    # `->` under <Soft drugs are harmful>: the parent attacks the child.
    assert ("Soft drugs are harmful", "objection", "No harm, no ban") in relations
    # <Soft drugs are harmful> referenced again on line 100 under another parent.
    assert ("Soft drugs are harmful", "support", "Minimize destructive activity") in relations
    assert ("Coffee houses", "objection", "Slippery slope") in relations
    # `<_` lines 82 and 116: the undercut hits the one relation the parent argument makes.
    assert [(u.from_claim, u.relation) for u in document.undercuts] == [
        ("Poor reason", "Alcohol and tobacco analogy support Legalisation of Soft Drugs"),
        (
            "Addiction no reason to ban",
            "Argument from addiction objection Legalisation of Soft Drugs",
        ),
    ]
    assert all(c.holder == "" and c.imported for c in document.claims)
    assert document.warnings == [
        "front matter (line 1): keys not kept: subTitle, author, date, color",
        "tag #pro (lines 30, 53, 69, 76, 93, 128, 149, 153) names no participant and is not kept",
        "tag #con (lines 38, 48, 62, 81, 87, 99, 106, 115, 137) names no participant and is "
        "not kept",
    ]


def test_veggie_sample_claims_relations_sections_and_untitled_statements():
    document = read_sample("veggie_debate.argdown")
    assert document.title == "Imported Argdown map"
    assert len(document.claims) == 43
    kinds = [r.kind for r in document.relations]
    assert (kinds.count("support"), kinds.count("objection"), len(kinds)) == (35, 23, 58)
    assert document.undercuts == []
    texts = statements(document)
    assert texts["Strikt-Veggie"] == "Man sollte kein Fleisch essen."
    assert texts["line-59"] == "Die französische Küche ist z.B. UNESCO-Weltkulturerbe."
    assert texts["Menschheitsgeschichte"] == (
        "Menschen haben schon immer Tiere gejagt, gehalten und getötet, um sie zu essen und "
        "zu verwerten."
    )
    # The tag #(test test) in the middle of the text goes, the text closes up.
    assert texts["Natürliche Nahrungsketten"] == (
        "Es ist ganz natürlich, dass Tiere gejagt und getötet werden -- nicht nur Menschen, "
        "auch Tiere tun das."
    )
    relations = ends(document)
    assert ("Strikt-Veggie", "objection", "Fleisch-OK") in relations  # line 33: `-`
    assert ("Fleisch-OK", "objection", "Strikt-Veggie") in relations  # line 34: `->`
    assert ("Strikt-Vegan", "support", "Strikt-Veggie") in relations  # line 40: `+>`
    assert ("line-59", "support", "Fleischküche ist Kulturerbe") in relations
    assert ("Weniger-Fleisch", "support", "Bio nur für Reiche") in relations  # line 97
    assert ("Kulinarische Standards", "support", "Gutes Veggie-Essen teuer") in relations
    # Below an HTML comment line (105), the relation tree goes on.
    assert ("line-106", "objection", "Gutes Veggie-Essen teuer") in relations
    assert ("Natürlichkeitsprinzip", "support", "Massentierhaltung unnatürlich") in relations
    sections = {c.key: c.section for c in document.claims}
    assert sections["Fleisch-OK"] == "Zentrale Thesen"
    assert sections["Gutes Veggie-Essen teuer"] == "Contra @[Strikt-Veggie] und @[Weniger-Fleisch]"
    assert sections["Einzelne-unerheblich-Einwand"] == "Klimaschutz-Erwägungen"  # defined line 135
    assert sections["Gegen Bevormundung"] == "Autonomie-Erwägungen"
    assert document.warnings == [
        "line 55: text without a title or relations is taken as commentary, not as a claim: "
        "“Kulinarische Erwägungen sprechen dafür, dass es zulässig ist…”",
        "line 71: text without a title or relations is taken as commentary, not as a claim: "
        "“Drei Argumente sprechen für Fleischkonsum.”",
        "line 79: text without a title or relations is taken as commentary, not as a claim: "
        "“Folgende Überlegungen sprechen gegen Fleischkonsum, können a…”",
        "line 118: text without a title or relations is taken as commentary, not as a claim: "
        "“Alle drei Argumente setzen ein Natürlichkeitsprinzip voraus.”",
        "line 170: <Einzelne-unerheblich-Einwand> is given a second description, left out (the "
        "one from line 135 is kept): “Ob ein Einzelner Fleisch isst oder nicht, hat keinen "
        "Einflus…”",
        "tag #test (lines 101, 112) names no participant and is not kept",
        "tag #(test test) (lines 113) names no participant and is not kept",
    ]


@pytest.mark.parametrize("name", ["legalisation-softdrugs.argdown", "veggie_debate.argdown"])
def test_samples_survive_export_and_import(name):
    document = read_sample(name)
    text = to_argdown(document)
    again = parse_argdown(text)
    assert again.warnings == []
    assert content(again) == content(document)
    # Exported again, the file is the same: nothing drifts from one round to the next.
    assert to_argdown(again) == text


# --- statements and arguments ---------------------------------------------------------------


def test_statement_definition_reference_and_argument():
    document = parse_argdown(
        "[God]: There is a god.\n"
        "    + <Teleological Proof>:\n"
        "      Since the world is\n"
        "      intelligently designed.\n"
        "    + <Ontological Proof>\n"
        "\n"
        "[God]\n"
        "    - [Evil]: There is evil.\n"
    )
    assert statements(document) == {
        "God": "There is a god.",
        "Teleological Proof": "Since the world is intelligently designed.",
        "Ontological Proof": "Ontological Proof",
        "Evil": "There is evil.",
    }
    assert ends(document) == {
        ("Teleological Proof", "support", "God"),
        ("Ontological Proof", "support", "God"),
        ("Evil", "objection", "God"),
    }
    assert document.warnings == [
        "line 5: <Ontological Proof> is never given a description; its title stands for it"
    ]


def test_statement_never_defined_keeps_its_title_with_a_warning():
    document = parse_argdown("[A]: a\n  + [Only referenced]\n")
    assert statements(document)["Only referenced"] == "Only referenced"
    assert document.warnings == [
        "line 2: [Only referenced] is never given a text; its title stands for it"
    ]


def test_statement_and_argument_with_the_same_title_get_two_keys():
    document = parse_argdown("[X]: a statement\n  + <X>: an argument\n")
    assert statements(document) == {"X": "a statement", "X (argument)": "an argument"}
    assert ends(document) == {("X (argument)", "support", "X")}


def test_second_text_for_a_title_is_reported_and_the_first_kept():
    document = parse_argdown("[A]: first\n\n[A]: second\n\n[A]: first\n")
    assert statements(document) == {"A": "first"}
    assert document.warnings == [
        "line 3: [A] is given a second text, left out (the one from line 1 is kept): “second”"
    ]


def test_text_after_a_reference_is_reported():
    document = parse_argdown("[A]: a\n\n[A] more words\n")
    assert statements(document) == {"A": "a"}
    assert document.warnings == [
        "line 3: text after the reference [A] is not part of any statement and is left out: "
        "“more words”"
    ]


def test_untitled_statements_in_a_tree_get_keys_and_lonely_ones_are_commentary():
    document = parse_argdown("Just a remark.\n\nRoot claim\n  + a reason\n    - a doubt\n")
    assert statements(document) == {
        "line-3": "Root claim",
        "line-4": "a reason",
        "line-5": "a doubt",
    }
    assert ends(document) == {("line-4", "support", "line-3"), ("line-5", "objection", "line-4")}
    assert document.warnings == [
        "line 1: text without a title or relations is taken as commentary, not as a claim: "
        "“Just a remark.”"
    ]


def test_generated_key_avoids_a_title():
    document = parse_argdown("[line-2]: titled\n  + untitled\n")
    assert statements(document) == {"line-2": "titled", "line-2-2": "untitled"}


# --- relations -------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("symbol", "expected"),
    [
        ("+", ("B", "support", "A")),
        ("<+", ("B", "support", "A")),
        ("-", ("B", "objection", "A")),
        ("<-", ("B", "objection", "A")),
        ("+>", ("A", "support", "B")),
        ("->", ("A", "objection", "B")),
    ],
)
def test_relation_symbols(symbol, expected):
    document = parse_argdown(f"[A]: a\n    {symbol} [B]: b\n")
    assert ends(document) == {expected}
    assert document.warnings == []


def test_contradiction_is_kept_as_objections_both_ways():
    document = parse_argdown("[A]: a\n  >< [B]: b\n")
    assert ends(document) == {("B", "objection", "A"), ("A", "objection", "B")}
    assert document.warnings == []


def test_objections_each_way_are_written_as_one_contradiction():
    document = parse_argdown("[A]: a\n  >< [B]: b\n\n[C]: c\n  - [A]\n")
    text = to_argdown(document)
    assert "    >< [A]\n" in text or "    >< [B]\n" in text
    assert text.count("><") == 1
    # The one-way objection stays one-way.
    assert "[C]: c\n    - [A]\n" in text
    assert ends(parse_argdown(text)) == ends(document)


def test_a_contradiction_across_layers_is_not_merged():
    document = parse_argdown("[A]: a\n  >< [B]: b\n")
    document.relations[0].layer, document.relations[0].justification = "editors", "why"
    text = to_argdown(document)
    assert "><" not in text
    assert ends(parse_argdown(text)) == ends(document)


@pytest.mark.parametrize("symbol", ["<_", "_"])
def test_undercut_from_the_child(symbol):
    document = parse_argdown(f"[C]: c\n  + <A>: a\n    {symbol} [U]: u\n")
    assert [(u.key, u.from_claim, u.relation) for u in document.undercuts] == [
        ("U undercuts A support C", "U", "A support C")
    ]
    assert document.warnings == []


def test_undercut_from_the_parent():
    document = parse_argdown("<A>: a\n  -> [C]: c\n\n[U]: u\n  _> <A>\n")
    assert [(u.from_claim, u.relation) for u in document.undercuts] == [("U", "A objection C")]


def test_undercut_whose_target_is_defined_later():
    document = parse_argdown("<A>: a\n  <_ [U]: u\n\n[C]: c\n  + <A>\n")
    assert [(u.from_claim, u.relation) for u in document.undercuts] == [("U", "A support C")]


def test_undercut_of_an_argument_with_two_relations_is_reported_and_left_out():
    document = parse_argdown("<A>: a\n  +> [B]: b\n  -> [C]: c\n  <_ [U]: u\n")
    assert document.undercuts == []
    assert "U" in statements(document)
    assert document.warnings == [
        "line 4: [U] undercuts <A>, which has 2 outgoing supports and objections instead of "
        "one; the undercut is left out"
    ]


def test_undercut_of_an_argument_without_relations_is_reported():
    document = parse_argdown("<A>: a\n  _ [U]: u\n")
    assert document.undercuts == []
    assert document.warnings == [
        "line 2: [U] undercuts <A>, which has 0 outgoing supports and objections instead of "
        "one; the undercut is left out"
    ]


def test_nested_tree_parents_by_indentation():
    document = parse_argdown(
        "[S]: s\n    + <a>: a\n        - <b>: b\n            + <c>: c\n        + <d>: d\n"
        "    - <e>: e\n"
    )
    assert ends(document) == {
        ("a", "support", "S"),
        ("b", "objection", "a"),
        ("c", "support", "b"),
        ("d", "support", "a"),
        ("e", "objection", "S"),
    }


def test_duplicate_relation_is_merged_with_a_warning():
    document = parse_argdown("[A]: a\n  + [B]: b\n\n[B]\n  +> [A]\n")
    assert ends(document) == {("B", "support", "A")}
    assert document.warnings == [
        "line 5: the support of [B] for [A] is stated again (first on line 2); kept once"
    ]


def test_relation_to_itself_is_reported():
    document = parse_argdown("[A]: a\n  +> [A]\n")
    assert document.relations == []
    assert document.warnings == ["line 2: [A] bears on itself; left out"]


# --- tags, data, front matter, headings -----------------------------------------------------


FRONT_MATTER = (
    "===\n"
    "title: Sciences et arts\n"
    "description: Le premier discours\n"
    "participants:\n"
    "  - {key: rousseau, name: Jean-Jacques Rousseau, kind: person}\n"
    "  - {key: academie, name: Académie de Dijon, kind: collective}\n"
    "sources:\n"
    "  - {key: discours, title: Discours, authors: [rousseau], venue: Genève, date: '1750',"
    " url: 'https://example.org/a'}\n"
    "===\n"
)


def test_front_matter_participants_and_sources():
    document = parse_argdown(FRONT_MATTER + "\n[A]: a\n")
    assert (document.title, document.description) == ("Sciences et arts", "Le premier discours")
    assert document.participants == [
        Participant("rousseau", "Jean-Jacques Rousseau", "person"),
        Participant("academie", "Académie de Dijon", "collective"),
    ]
    assert document.sources == [
        Source(
            "discours",
            "Discours",
            authors=["rousseau"],
            venue="Genève",
            published=datetime.date(1750, 1, 1),
            date_precision="year",
            url="https://example.org/a",
        )
    ]
    assert document.warnings == []


def test_participant_tag_sets_the_holder_other_tags_are_reported():
    document = parse_argdown(
        FRONT_MATTER + "\n[A]: a #(Jean-Jacques Rousseau) #pro\n  + [B]: b #(Académie de Dijon)\n"
    )
    holders = {c.key: c.holder for c in document.claims}
    assert holders == {"A": "rousseau", "B": "academie"}
    assert document.warnings == ["tag #pro (lines 11) names no participant and is not kept"]


def test_data_block_keys_on_a_claim():
    document = parse_argdown(
        FRONT_MATTER + '\n[A]: a {holder: rousseau, source: discours, quotation: "Nos âmes, '
        'dit-il", section: Première partie, paragraph: 3, statement_en: an a, color: red}\n'
    )
    [claim] = document.claims
    assert (claim.holder, claim.source, claim.quotation) == (
        "rousseau",
        "discours",
        "Nos âmes, dit-il",
    )
    assert (claim.section, claim.paragraph, claim.statement_en) == ("Première partie", 3, "an a")
    assert document.warnings == ["line 11: [A]: data keys not kept: color"]


def test_data_block_in_yaml_block_format_and_on_a_reference():
    document = parse_argdown(
        FRONT_MATTER + "\n[A]: a\n\n[A] {\nquotation: |\n  two\n  lines // not a comment\n}\n"
    )
    [claim] = document.claims
    assert claim.quotation == "two\nlines // not a comment\n"


def test_data_naming_undeclared_holder_and_source_is_reported():
    document = parse_argdown("[A]: a {holder: nobody, source: nowhere, paragraph: two}\n")
    [claim] = document.claims
    assert (claim.holder, claim.source, claim.paragraph) == ("", "", None)
    assert document.warnings == [
        "line 1: [A]: holder 'nobody' is not declared in the front matter; left out",
        "line 1: [A]: source 'nowhere' is not declared in the front matter; left out",
        "line 1: [A]: paragraph 'two' is not a number",
    ]


def test_data_with_no_statement_is_reported():
    document = parse_argdown("[A]: a\n\n{color: red} #tag\n")
    assert document.warnings == ["line 3: tags or data with no statement are left out"]


def test_unknown_front_matter_keys_are_reported():
    document = parse_argdown("===\ntitle: T\nauthor: Me\nmap:\n  mode: strict\n===\n\n[A]: a\n")
    assert document.title == "T"
    assert document.warnings == ["front matter (line 1): keys not kept: author, map"]


def test_headings_set_sections():
    document = parse_argdown(
        "[Top]: top\n\n# Part one #tag\n\n[A]: a\n\n## Sub part {isGroup: true}\n\n[B]: b\n"
        "  + [C]: c\n\n[A]\n  - [D]: d\n"
    )
    sections = {c.key: c.section for c in document.claims}
    assert sections == {
        "Top": "",
        "A": "Part one",
        "B": "Sub part",
        "C": "Sub part",
        "D": "Sub part",
    }
    assert document.warnings == [
        "line 3: tags on the heading “Part one” are not kept: #tag",
        "line 7: data on the heading “Sub part” is not kept: isGroup",
    ]


# --- comments, wrapping, escapes -----------------------------------------------------------


def test_comments_and_hard_wrapped_lines():
    document = parse_argdown(
        "/* a block\n   comment */\n"
        "[A]: first line // a line comment\n"
        "second <!-- an html\ncomment --> line\n"
        "  <!-- a comment line inside the tree -->\n"
        "  + [B]: b /* inline */ text\n"
        "  // a comment line\n"
        "  - [C]: c\n"
    )
    assert statements(document) == {"A": "first line second line", "B": "b text", "C": "c"}
    assert ends(document) == {("B", "support", "A"), ("C", "objection", "A")}
    assert document.warnings == []


def test_escapes_links_and_mentions_stay_in_the_text():
    document = parse_argdown(
        r"[A]: 5 \< 6, \[sic\], \#1, \{x\}, a\\b, [site](https://x.org), @[B] said" + "\n"
        "  + [B]: b\n"
    )
    assert statements(document)["A"] == (
        "5 < 6, [sic], #1, {x}, a\\b, [site](https://x.org), @[B] said"
    )


def test_reference_inside_a_text_is_kept_as_text_with_a_warning():
    document = parse_argdown("[A]: see [B] for more\n")
    assert statements(document) == {"A": "see [B] for more"}
    assert document.warnings == ["line 1: [B] inside a text is kept as plain text"]


# --- constructs we do not model ------------------------------------------------------------


def supports(document: Document) -> set[tuple[str, str, str]]:
    """The inference supports: (premise, conclusion, argument)."""
    return {(r.from_claim, r.to_claim, r.argument) for r in document.relations if r.argument}


def test_premise_conclusion_structure_becomes_claims_and_supports():
    document = parse_argdown(
        "<A>: a\n\n(1) premise\n(2) [P]: other\n----\n(3) conclusion\n  -> [B]: b\n"
    )
    claims = {c.key: (c.kind, c.title, c.statement) for c in document.claims}
    assert claims == {
        "A": ("argument", "A", "a"),
        "line-3": ("statement", "", "premise"),
        "P": ("statement", "P", "other"),
        "line-6": ("statement", "", "conclusion"),
        "B": ("statement", "B", "b"),
    }
    assert supports(document) == {("line-3", "line-6", "A"), ("P", "line-6", "A")}
    # A relation below a numbered statement is that statement's.
    assert ("line-6", "objection", "B") in ends(document)
    assert len(document.relations) == 3
    assert document.warnings == []


def test_intermediate_conclusions_are_premises_of_the_next_step():
    # No empty line between the argument and its structure; an expanded inference.
    document = parse_argdown(
        "<A>\n(1) p\n(2) q\n----\n(3) r\n(4) s\n--\nModus ponens {uses: [3,4]}\n--\n(5) t\n"
    )
    assert supports(document) == {
        ("line-2", "line-5", "A"),
        ("line-3", "line-5", "A"),
        ("line-5", "line-10", "A"),
        ("line-6", "line-10", "A"),
    }
    assert document.warnings == [
        "line 7: the inference rule of <A> is not kept: “Modus ponens {…}”",
        "line 1: <A> is never given a description; its title stands for it",
    ]


def test_a_structure_with_no_argument_above_is_an_untitled_argument():
    document = parse_argdown("(1) p\n----\n(2) c\n")
    argument = next(c for c in document.claims if c.kind == "argument")
    assert (argument.key, argument.title) == ("argument-line-1", "")
    assert supports(document) == {("line-1", "line-3", "argument-line-1")}


def test_an_undercut_of_a_reconstructed_argument_attacks_its_last_step():
    document = parse_argdown(
        "<A>: a\n\n(1) p\n(2) q\n----\n(3) c\n\n<A>\n  <_ [U]: u\n  + [S]: s\n"
    )
    assert sorted(u.key for u in document.undercuts) == [
        "U undercuts line-3 support line-6",
        "U undercuts line-4 support line-6",
    ]
    assert ("S", "support", "A") in ends(document)
    text = to_argdown(document)
    assert text.count("<_ [U]") == 1
    again = parse_argdown(text)
    assert content(again) == content(document)


def test_structure_warnings_name_the_argument():
    assert parse_argdown("<A>: a\n\n(1) p\n(2) q\n").warnings == [
        "line 3: <A> has no inference (a line of dashes before its conclusion); its "
        "statements are kept as claims"
    ]
    assert parse_argdown("<A>: a\n\n(1) p\n----\n").warnings == [
        "line 4: the inference of <A> has no conclusion below it; its premises are kept as claims",
        "line 3: <A> has no inference (a line of dashes before its conclusion); its "
        "statements are kept as claims",
    ]


def test_an_argument_cannot_be_a_premise():
    assert problems("<A>: a\n\n(1) <B>: b\n----\n(2) c\n") == [
        "line 3: <B> stands as a premise or conclusion; only statements can"
    ]


def test_a_mention_wrapped_onto_the_next_line_is_text():
    document = parse_argdown(
        "[Causal link]: x\n\n<A>: a\n\n(1) see (@[Causal\nlink]).\n----\n(2) c\n"
    )
    assert statements(document)["line-5"] == "see (@[Causal link])."


def test_many_premises_and_deep_relations_in_a_structure_are_read():
    premises = "".join(f"({n}) premise {n}\n" for n in range(1, 5001))
    deep = "".join("  " * depth + f"+ [d{depth}]: d\n" for depth in range(1, 300))
    document = parse_argdown(f"<A>: a\n\n{premises}----\n(5001) c\n{deep}")
    assert len(supports(document)) == 5000
    assert ("d1", "support", "line-5004") in ends(document)


def test_a_structure_of_thousands_of_steps_goes_out_and_back():
    steps = "".join(f"({n + 1}) premise {n}\n----\n" for n in range(3000))
    document = parse_argdown(f"<A>: a\n\n{steps}(3001) c\n")
    assert len(supports(document)) == 3000
    again = parse_argdown(to_argdown(document))
    assert content(again) == content(document)


def test_control_characters_and_wrong_types_in_a_structure():
    text = "<A>: a\n\n(1) p\x00q\x1b\n----\n(2) [T\x07]: c {x: [1, {y: 2}], paragraph: [3]}\n"
    document = parse_argdown(text)
    assert supports(document) == {("line-3", "T\x07", "A")}
    assert document.warnings == [
        "line 5: [T\x07]: data keys not kept: x",
        "line 5: [T\x07]: paragraph [3] is not a number",
    ]
    # The title Argdown could not read back is written as one made from the key.
    exported = to_argdown(document)
    assert "\x07" not in exported
    assert "(2) [T-]" in exported


def test_directive_and_list_are_reported():
    document = parse_argdown("@include other.argdown\n\n  * [A]: a\n  * [B]: b\n    wrapped\n")
    assert statements(document) == {"A": "a", "B": "b wrapped"}
    assert document.warnings == [
        "line 1: the directive '@include other.argdown' is left out",
        "lines 3-5: the list from “[A]: a”; its items are read as separate statements and the "
        "list itself is not kept",
    ]


# --- malformed files -------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("", ["line 1: the file is empty"]),
        (" \n\n", ["line 1: the file is empty"]),
        ("// only a comment\n", ["the file holds no statement or argument"]),
        (
            "+ [A]: a\n",
            [
                "line 1: the relation '+' has no statement or argument above it (an empty line "
                "ends a relation tree)"
            ],
        ),
        (
            "[A]: a\n\n  - [B]: b\n",
            [
                "line 3: the relation '-' has no statement or argument above it (an empty line "
                "ends a relation tree)"
            ],
        ),
        (
            "  [A]: a\n  + [B]: b\n",
            [
                "line 2: the relation '+' has no parent above it: indent it more than the line it "
                "bears on"
            ],
        ),
        ("[A]: a\n\n[B: b\n", ["line 3: '[' is not closed on its line"]),
        ("[A]: a [note\n", ["line 1: '[' is not closed on its line (write \\[ for a bracket)"]),
        (
            "[A]: a\n\n[B]: b {holder: x\n",
            ["line 3: '{' opens a data block that is not closed (write \\{ for a brace in a text)"],
        ),
        (
            "[A]: a {holder: x: y}\n",
            ["line 1: the data block is not valid YAML: expected ',' or '}', but got ':'"],
        ),
        ("[A]: a {\n- x\n}\n", ["line 1: the data block is not a YAML mapping"]),
        ("[A]: a\n/* never closed\n", ["line 2: the comment is not closed"]),
        ("===\ntitle: x\n\n[A]: a\n", ["line 1: the front matter opened by === is not closed"]),
        (
            "===\ntitle: T\nparticipants: [a, {b\n===\n\n[A]: a\n",
            [
                "line 3: the front matter is not valid YAML: expected ',' or '}', but got '<stream "
                "end>'"
            ],
        ),
        ("===\n- a list\n===\n[A]: a\n", ["line 1: the front matter is not a YAML mapping"]),
        (
            "===\nparticipants: [{name: X}]\nsources: [{key: s, title: S, date: soon}]\n===\n"
            "\n[A]: a\n",
            [
                "front matter (line 1): participant 1 needs a key and a name",
                "front matter (line 1): source 's' has date 'soon', not YYYY, YYYY-MM or "
                "YYYY-MM-DD",
            ],
        ),
    ],
)
def test_malformed_files(text, expected):
    assert problems(text) == expected


def test_source_author_not_a_participant_is_a_problem():
    text = "===\nsources: [{key: s, title: S, authors: [ghost]}]\n===\n\n[A]: a\n"
    assert problems(text) == ["source 's': unknown author 'ghost'"]


# --- export -------------------------------------------------------------------------------


def small_document() -> Document:
    return Document(
        slug="d",
        title="Discours",
        description="Sur les sciences",
        participants=[Participant("rousseau", "Jean-Jacques Rousseau")],
        sources=[
            Source(
                "discours",
                "Discours sur les sciences et les arts",
                authors=["rousseau"],
                venue="Genève",
                published=datetime.date(1750, 7, 1),
                date_precision="month",
                url="https://example.org/d",
            )
        ],
        claims=[
            Claim(
                "corruption",
                "Les sciences corrompent les mœurs.",
                holder="rousseau",
                source="discours",
                quotation="Nos âmes se sont corrompues",
                paragraph=2,
            ),
            Claim("luxe", "Le luxe naît des sciences."),
            Claim("progres", "Les sciences font progresser."),
            Claim("redite", "Les arts gâtent les mœurs."),
        ],
        relations=[
            Relation("r1", "luxe", "corruption", "support"),
            Relation("r2", "progres", "corruption", "objection"),
            Relation("r3", "redite", "corruption", "rephrase"),
        ],
        undercuts=[Undercut("u1", "progres", "r1")],
    )


def test_export_of_a_small_document():
    assert to_argdown(small_document()) == (
        "===\n"
        'title: "Discours"\n'
        'description: "Sur les sciences"\n'
        "participants:\n"
        '  - {key: "rousseau", name: "Jean-Jacques Rousseau", kind: "person"}\n'
        "sources:\n"
        '  - {key: "discours", title: "Discours sur les sciences et les arts", '
        'authors: ["rousseau"], venue: "Genève", date: "1750-07", url: "https://example.org/d"}\n'
        "===\n"
        "\n"
        "[corruption]: Les sciences corrompent les mœurs. #(Jean-Jacques Rousseau) "
        '{source: "discours", quotation: "Nos âmes se sont corrompues", paragraph: 2}\n'
        "    + <luxe>\n"
        "    - [progres]\n"
        "\n"
        '<luxe>: Le luxe naît des sciences. {kind: "statement"}\n'
        "    <_ [progres]\n"
        "\n"
        "[progres]: Les sciences font progresser.\n"
        "\n"
        '[redite]: Les arts gâtent les mœurs. {rephrases: ["corruption"]}\n'
    )


def test_small_document_round_trip():
    document = small_document()
    again = parse_argdown(to_argdown(document))
    assert again.warnings == []
    # Each comes back with the title it was written under: here its key.
    assert again.claims == [replace(c, title=c.key) for c in document.claims]
    assert again.participants == document.participants
    assert again.sources == document.sources
    assert ends(again) == ends(document)
    assert [(u.from_claim, u.relation) for u in again.undercuts] == [
        ("progres", "luxe support corruption")
    ]


def test_titles_come_from_keys_and_stay_unique():
    document = Document(
        slug="d",
        title="T",
        claims=[
            Claim("a/b", "one"),
            Claim("a-b", "two"),
            Claim("--x", "three"),
            Claim("[]", "four"),
        ],
    )
    text = to_argdown(document)
    assert "[a-b]: one\n" in text
    assert "[a-b 2]: two\n" in text
    assert "[x]: three\n" in text
    assert "[claim]: four\n" in text
    assert statements(parse_argdown(text)) == {
        "a-b": "one",
        "a-b 2": "two",
        "x": "three",
        "claim": "four",
    }


HOSTILE_TEXTS = [
    "Il a dit « non » et \"oui\", puis 'peut-être'.",
    "[not a title]: <not an argument> #not-a-tag #(nor this) {not: data}",
    "+ starts like a support\n- and a line like an attack\n  -> and another",
    "// not a comment /* nor this */ <!-- nor this --> http://example.org/a//b",
    "a\\b \\[ \\\\ back\\slashes\\",
    "=== not front matter ===\n===",
    "*not italic* _nor this_ __nor bold__ @[no mention] @<nor this>",
    "  leading and trailing spaces  ",
    "tab\tinside and line\u2028separator, unicode: ünïcödé 日本語 😀 \u0085",
    "(1) not a premise\n----\n(2) nor a conclusion\n# not a heading",
    "ends with a brace }",
]


def hostile_document() -> Document:
    participants = [
        Participant("odd", 'A "quoted" name (with) {braces} #and //slashes', kind="collective"),
        Participant("plain", "Émilie du Châtelet"),
    ]
    claims = [
        Claim(
            f"claim {i} [{text[:3]}]",
            text,
            holder=["odd", "plain", ""][i % 3],
            source="s" if i % 2 else "",
            quotation=f"« {text} »\n}} {{ ===",
            statement_en=text[::-1],
            section="Section [1] {x} = y",
        )
        for i, text in enumerate(HOSTILE_TEXTS)
    ]
    keys = [c.key for c in claims]
    relations = [
        Relation("r0", keys[1], keys[0], "support"),
        Relation("r1", keys[2], keys[0], "objection"),
        Relation("r2", keys[3], keys[1], "rephrase"),
        Relation("r3", keys[4], keys[5], "support"),
        Relation("r4", keys[4], keys[6], "objection"),
        Relation("r5", keys[7], keys[8], "support"),
    ]
    undercuts = [
        Undercut("u0", keys[9], "r0"),  # keys[1] has one outgoing relation: Argdown syntax
        Undercut("u1", keys[10], "r3"),  # keys[4] has two: written in the data
        Undercut("u2", keys[10], "r2"),  # a rephrase: written in the data
        Undercut("u3", keys[0], "r5"),
    ]
    sources = [
        Source(
            "s",
            'Title with "quotes" = {braces}',
            authors=["odd", "plain"],
            venue="V //",
            published=datetime.date(1751, 3, 2),
            url="https://example.org/?a=b&c={d}",
        )
    ]
    return Document(
        slug="h",
        title='Hostile "title" = [x] {y} #z',
        description="two\nlines === and // more",
        participants=participants,
        sources=sources,
        claims=claims,
        relations=relations,
        undercuts=undercuts,
    ).validated()


def test_hostile_document_round_trip():
    document = hostile_document()
    text = to_argdown(document)
    again = parse_argdown(text)
    assert again.warnings == []
    assert (again.title, again.description) == (document.title, document.description)
    assert again.participants == document.participants
    assert again.sources == document.sources
    # Keys with brackets become readable titles; everything else comes back as it was.
    assert len(again.claims) == len(document.claims)
    key_for = {}
    for old, new in zip(document.claims, again.claims, strict=True):
        key_for[old.key] = new.key
        assert (new.statement, new.holder, new.source, new.quotation) == (
            old.statement,
            old.holder,
            old.source,
            old.quotation,
        )
        assert (new.statement_en, new.section) == (old.statement_en, old.section)
    assert ends(again) == {(key_for[f], kind, key_for[t]) for f, kind, t in ends(document)}
    relations = {r.key: r for r in document.relations}
    again_relations = {r.key: r for r in again.relations}

    def undercut_ends(doc, rels, keys):
        return {
            (
                keys(u.from_claim),
                keys(rels[u.relation].from_claim),
                rels[u.relation].kind,
                keys(rels[u.relation].to_claim),
            )
            for u in doc.undercuts
        }

    assert undercut_ends(again, again_relations, lambda k: k) == undercut_ends(
        document, relations, key_for.get
    )


def test_hostile_text_is_escaped_on_one_line():
    text = to_argdown(hostile_document())
    claim_lines = [line for line in text.split("\n") if line.startswith(("[claim", "<claim"))]
    assert len(claim_lines) == len(HOSTILE_TEXTS)
    assert "<claim 1 -no->: \\[not a title\\]: \\<not an argument\\> \\#not-a-tag" in text
    assert "http:\\//example.org" in text  # `//` would start a comment
    assert "\\<!-- nor this --\\>" in text
    assert "\u2028" not in text  # JavaScript's "." in Argdown's data pattern stops at it
