"""Reading Kialo's text exports and writing the classic one."""

from __future__ import annotations

import datetime
from pathlib import Path

import pytest

from arguments.interchange.document import Claim, Document, Participant, Relation, Source, Undercut
from arguments.interchange.formats import export_text, import_text
from arguments.interchange.kialo import parse_kialo, to_kialo
from arguments.record.files import ImportProblems

# Both samples are our own text, laid out like real exports: the classic one like
# edoguido/Kialo-Parser test/should-hate-speech-be-illegal-6148.txt (and the exports read by
# recap-utr/arguebuf-python's kialo loader), the newer one like samvalli/debate-analysis
# data/raw_data_kialo/kialo_page_content/1096/should-governments-provide-a-universal-basic-
# income-14053.txt (`Discussion Name:`, `Thesis:`, indented entries, `Sources:`).
SAMPLES = Path(__file__).resolve().parents[1] / "data" / "interop" / "kialo"
NOW = datetime.datetime(2026, 1, 1, tzinfo=datetime.UTC)


def statements(document: Document) -> dict[str, str]:
    return {claim.key: claim.statement for claim in document.claims}


def relation_ends(document: Document) -> list[tuple[str, str, str]]:
    return [(r.from_claim, r.kind, r.to_claim) for r in document.relations]


def problems_of(text: str) -> list[str]:
    with pytest.raises(ImportProblems) as caught:
        parse_kialo(text)
    return caught.value.problems


def test_classic_sample():
    document = parse_kialo((SAMPLES / "classic.txt").read_text(encoding="utf-8"))
    assert document.slug == "should-cities-close-their-centres-to-cars"
    assert document.title == "Should cities close their centres to cars?"
    assert document.description == ""
    assert statements(document) == {
        "kialo-1": "City centres should be closed to private cars.",
        "kialo-1-1": "Cars in dense streets cause most of the air pollution that residents "
        "breathe.",
        "kialo-1-1-1": "Buses and delivery vans pollute more than cars, and a ban would not touch "
        "them.",
        "kialo-1-1-1-1": "Most cities that closed their centres also replaced their buses with "
        "electric ones.",
        "kialo-1-1-2": "After one district was closed in 2019, nitrogen dioxide fell by a third "
        "(city measurements).",
        "kialo-1-2": "Streets without cars are safer for children.",
        "kialo-1-3": "Shops in the centre depend on customers who drive in from the suburbs.",
        "kialo-1-3-1": "Most customers of central shops come on foot, by bike or by tram.",
        "kialo-1-3-2": "Small shopkeepers cannot move\ntheir business out of the centre,\n"
        "and would bear the whole cost of the ban.",
        "kialo-1-4": "People with reduced mobility need their cars to reach the centre.",
        "kialo-1-4-1": "Every closure scheme so far exempts drivers with a disability card.",
    }
    assert [(r.key, r.from_claim, r.kind, r.to_claim) for r in document.relations] == [
        ("relation-1-1", "kialo-1-1", "support", "kialo-1"),
        ("relation-1-1-1", "kialo-1-1-1", "objection", "kialo-1-1"),
        ("relation-1-1-1-1", "kialo-1-1-1-1", "objection", "kialo-1-1-1"),
        ("relation-1-1-2", "kialo-1-1-2", "support", "kialo-1-1"),
        ("relation-1-2", "kialo-1-2", "support", "kialo-1"),
        ("relation-1-3", "kialo-1-3", "objection", "kialo-1"),
        ("relation-1-3-1", "kialo-1-3-1", "objection", "kialo-1-3"),
        ("relation-1-3-2", "kialo-1-3-2", "support", "kialo-1-3"),
        ("relation-1-4", "kialo-1-4", "objection", "kialo-1"),
        ("relation-1-4-1", "kialo-1-4-1", "objection", "kialo-1-4"),
        # 1.5. Pro: -> See 1.3.1.: the claim of 1.3.1. also supports the thesis.
        ("relation-1-5", "kialo-1-3-1", "support", "kialo-1"),
    ]
    assert document.sources == [
        Source(
            key="source-1",
            title="https://example.org/air-quality_(2019)",
            url="https://example.org/air-quality_(2019)",
            language="",
        )
    ]
    assert [(c.key, c.source) for c in document.claims if c.source] == [("kialo-1-1", "source-1")]
    assert all(c.holder == "" and c.imported for c in document.claims)
    assert document.warnings == []


def test_newer_sample():
    document = parse_kialo((SAMPLES / "newer.txt").read_text(encoding="utf-8"))
    assert document.title == "Should museums return objects taken during colonial rule?"
    assert [(c.key, c.statement, c.source, c.quotation) for c in document.claims] == [
        (
            "kialo-1",
            "Museums should return objects taken during colonial rule to their countries of "
            "origin.",
            "",
            "",
        ),
        (
            "kialo-1-1",
            "Many of these objects were taken by force, so keeping them prolongs a theft.",
            "source-1",
            "The report finds that most objects in the collections were acquired\n"
            "during military expeditions.\n\n"
            "It recommends a permanent return wherever a country asks for one.",
        ),
        (
            "kialo-1-1-1",
            "Some objects were bought or given as gifts, and their provenance is often unknown "
            "(p. 12).",
            "source-2",
            "",
        ),
        (
            "kialo-1-1-1-1",
            "Provenance research has been funded in several countries since 2018.",
            "",
            "",
        ),
        (
            "kialo-1-1-2",
            "Courts have ordered the return of looted property in other contexts.",
            "source-5",
            "",
        ),
        (
            "kialo-1-2",
            "Objects in large museums are seen by more people than they would be elsewhere.",
            "",
            "",
        ),
        (
            "kialo-1-2-2",
            "The largest museums count their visitors in millions every year.",
            "source-6",
            "Annual visits: 9.6 million.",
        ),
    ]
    assert relation_ends(document) == [
        ("kialo-1-1", "support", "kialo-1"),
        ("kialo-1-1-1", "objection", "kialo-1-1"),
        ("kialo-1-1-1-1", "support", "kialo-1-1-1"),
        ("kialo-1-1-2", "support", "kialo-1-1"),
        ("kialo-1-2", "objection", "kialo-1"),
        ("kialo-1-1", "objection", "kialo-1-2"),  # 1.2.1. Con: -> See 1.1.
        ("kialo-1-2-2", "support", "kialo-1-2"),
    ]
    assert [s.key for s in document.sources] == [f"source-{i}" for i in range(1, 8)]
    assert [s.title for s in document.sources] == [
        "https://example.org/reports/restitution-2018",
        "Smith, J. (2015). Collecting in the Colonial Era. London: Example Press.",
        "https://example.org/news/provenance-fund",
        "https://example.org/news/provenance-fund-2",
        "https://example.org/law/looted-art",
        "https://example.org/statistics/visitors",
        "https://example.org/unused",
    ]
    assert [s.url for s in document.sources] == [
        "https://example.org/reports/restitution-2018",
        "",  # not a URL
        "https://example.org/news/provenance-fund",
        "https://example.org/news/provenance-fund-2",
        "https://example.org/law/looted-art",
        "https://example.org/statistics/visitors",
        "https://example.org/unused",
    ]
    assert document.warnings == [
        "line 13: 1.1.1.1. cites 2 sources (https://example.org/news/provenance-fund, "
        "https://example.org/news/provenance-fund-2); Kialo does not say which one states it, "
        "so it gets no source and their excerpts are not kept",
        "line 41: reference [7] is cited by no claim; its excerpt is not kept",
    ]


def test_pro_and_con_lines_become_supports_and_objections():
    document = parse_kialo(
        "Discussion Title: Tea or coffee?\n\n"
        "1. Tea is better than coffee.\n"
        "1.1. Pro: Tea has less caffeine.\n"
        "1.2. Con: Coffee tastes stronger.\n"
        "1.2.1. Con: Strength is not quality.\n"
    )
    assert statements(document) == {
        "kialo-1": "Tea is better than coffee.",
        "kialo-1-1": "Tea has less caffeine.",
        "kialo-1-2": "Coffee tastes stronger.",
        "kialo-1-2-1": "Strength is not quality.",
    }
    assert relation_ends(document) == [
        ("kialo-1-1", "support", "kialo-1"),
        ("kialo-1-2", "objection", "kialo-1"),
        ("kialo-1-2-1", "objection", "kialo-1-2"),
    ]


def test_classic_claim_text_goes_on_over_lines():
    document = parse_kialo(
        "Discussion Title: T\n\n1. Thesis.\n1.1. Pro: First line,\nsecond line.\n\nThird.\n"
    )
    assert statements(document)["kialo-1-1"] == "First line,\nsecond line.\n\nThird."


def test_a_top_number_out_of_sequence_continues_the_claim():
    document = parse_kialo(
        "Discussion Title: T\n\n1. Thesis.\n1.1. Pro: It began in\n1990. Then it grew.\n"
        "2. Second thesis.\n"
    )
    assert statements(document) == {
        "kialo-1": "Thesis.",
        "kialo-1-1": "It began in\n1990. Then it grew.",
        "kialo-2": "Second thesis.",
    }


def test_no_claim_after_the_title():
    assert problems_of("Discussion Title: T\n") == ["line 2: no numbered claim follows the title"]


def test_newer_format_text_on_its_own_lines():
    document = parse_kialo(
        "Discussion Name:\nThe title\n\n1. Thesis:\nThe thesis\non two lines.\n\n"
        "  1.1. Con:\n  An objection.\n"
    )
    assert document.title == "The title"
    assert statements(document) == {
        "kialo-1": "The thesis\non two lines.",
        "kialo-1-1": "An objection.",
    }
    assert relation_ends(document) == [("kialo-1-1", "objection", "kialo-1")]


def test_link_draws_a_relation_from_the_linked_claim_without_a_second_claim():
    document = parse_kialo(
        "Discussion Title: T\n\n"
        "1. Thesis.\n"
        "1.1. Pro: -> See 1.2.1.\n"  # a link forward, to a claim further down
        "1.2. Con: Objection.\n"
        "1.2.1. Con: Answer.\n"
        "1.2.2. Pro: -> See 1.1.\n"  # a link to a link: the answer again
    )
    assert statements(document) == {
        "kialo-1": "Thesis.",
        "kialo-1-2": "Objection.",
        "kialo-1-2-1": "Answer.",
    }
    assert relation_ends(document) == [
        ("kialo-1-2-1", "support", "kialo-1"),
        ("kialo-1-2", "objection", "kialo-1"),
        ("kialo-1-2-1", "objection", "kialo-1-2"),
        ("kialo-1-2-1", "support", "kialo-1-2"),
    ]


def test_the_same_relation_twice_is_kept_once_with_a_warning():
    document = parse_kialo(
        "Discussion Title: T\n\n1. Thesis.\n1.1. Pro: Reason.\n1.2. Pro: -> See 1.1.\n"
    )
    assert relation_ends(document) == [("kialo-1-1", "support", "kialo-1")]
    assert document.warnings == ["line 5: 1.2. repeats the support of line 4 (1.1.); kept once"]


def test_multi_thesis_discussion_question_is_not_a_claim():
    document = parse_kialo(
        "Discussion Title: Which energy?\n\n"
        "1. Which energy should the town buy?\n"
        "1.1. Wind power.\n"
        "1.1.1. Pro: It is cheap.\n"
        "1.2. Solar power.\n"
        "1.2.1. Con: -> See 1.1.1.\n"
    )
    assert statements(document) == {
        "kialo-1-1": "Wind power.",
        "kialo-1-1-1": "It is cheap.",
        "kialo-1-2": "Solar power.",
    }
    assert relation_ends(document) == [
        ("kialo-1-1-1", "support", "kialo-1-1"),
        ("kialo-1-1-1", "objection", "kialo-1-2"),
    ]
    assert document.description == "Which energy should the town buy?"
    assert document.warnings == [
        "line 3: 1. is the discussion's question, not a claim; its theses are imported as "
        "separate claims"
    ]


def test_newer_multi_thesis_with_labels_and_several_top_theses():
    document = parse_kialo(
        "Discussion Name:\nQ?\n\n1. Question:\nQ?\n\n  1.1. Thesis:\n  A.\n\n"
        "  1.2. Thesis:\n  B.\n\n2. Another thesis.\n"
    )
    assert statements(document) == {
        "kialo-1-1": "A.",
        "kialo-1-2": "B.",
        "kialo-2": "Another thesis.",
    }
    assert document.relations == []
    assert document.description == ""  # the question is the title
    assert document.warnings == [
        "line 4: 1. is the discussion's question, not a claim; its theses are imported as "
        "separate claims"
    ]


def test_markdown_links_become_sources():
    document = parse_kialo(
        "Discussion Title: T\n\n"
        "1. Thesis.\n"
        "1.1. Pro: See [the report](https://example.org/a_\\(b\\)) and [again](https://example.org/a_\\(b\\)).\n"
        "1.2. Con: [One](https://example.org/one) or [two](https://example.org/two) \\[sic\\].\n"
        "1.3. Con: A [local page](/discussions/12).\n"
    )  # fmt: skip
    assert statements(document) == {
        "kialo-1": "Thesis.",
        "kialo-1-1": "See the report and again.",
        "kialo-1-2": "One or two [sic].",
        "kialo-1-3": "A local page.",
    }
    assert [(s.key, s.title, s.url) for s in document.sources] == [
        ("source-1", "https://example.org/a_(b)", "https://example.org/a_(b)"),
        ("source-2", "https://example.org/one", "https://example.org/one"),
        ("source-3", "https://example.org/two", "https://example.org/two"),
        ("source-4", "/discussions/12", ""),  # not a URL: the title as written, no url
    ]
    assert {c.key: c.source for c in document.claims} == {
        "kialo-1": "",
        "kialo-1-1": "source-1",  # the same reference twice is one source
        "kialo-1-2": "",
        "kialo-1-3": "source-4",
    }
    assert document.warnings == [
        "line 5: 1.2. cites 2 sources (https://example.org/one, https://example.org/two); "
        "Kialo does not say which one states it, so it gets no source"
    ]


def test_footnote_marks_only_with_a_sources_section():
    classic = parse_kialo("Discussion Title: T\n\n1. Thesis [1].\n")
    assert statements(classic) == {"kialo-1": "Thesis [1]."}
    assert classic.sources == []
    newer = parse_kialo(
        "Discussion Name:\nT\n\n1. Thesis:\nThesis [1] and [9].\n\nSources:\n[1] A book\n"
    )
    assert statements(newer) == {"kialo-1": "Thesis and [9]."}
    assert newer.claims[0].source == "source-1"
    assert newer.sources == [Source(key="source-1", title="A book", language="")]
    assert newer.warnings == [
        "line 4: 1. cites [9], which the Sources section does not list; the mark is kept in the "
        "statement"
    ]


def test_byte_order_mark_and_windows_line_ends():
    document = parse_kialo("\ufeffDiscussion Title: T\r\n\r\n1. Thesis.\r\n1.1. Pro: Yes.\r\n")
    assert statements(document) == {"kialo-1": "Thesis.", "kialo-1-1": "Yes."}


@pytest.mark.parametrize("text", ["", "   \n\n  \n"])
def test_empty_file(text):
    assert problems_of(text) == ["the file is empty"]


def test_no_discussion_title():
    assert problems_of("\n1. Thesis.\n1.1. Pro: Yes.\n") == [
        "line 2: expected 'Discussion Title: …' (or 'Discussion Name:'), found '1. Thesis.'"
    ]


def test_title_without_text():
    assert problems_of("Discussion Title:   \n\n1. Thesis.\n") == [
        "line 1: the discussion has no title"
    ]


def test_numbered_line_whose_parent_does_not_exist():
    assert problems_of("Discussion Title: T\n\n1. Thesis.\n1.1. Pro: Yes.\n1.3.2. Con: No.\n") == [
        "line 5: 1.3.2. has no parent: no claim is numbered 1.3."
    ]


def test_link_to_an_unknown_number():
    assert problems_of("Discussion Title: T\n\n1. Thesis.\n1.1. Pro: -> See 1.7.\n") == [
        "line 4: 1.1. '-> See 1.7.' points to no claim"
    ]


def test_link_to_itself_and_loop_of_links():
    assert problems_of(
        "Discussion Title: T\n\n1. Thesis.\n1.1. Pro: -> See 1.\n"
        "1.2. Con: -> See 1.3.\n1.3. Con: -> See 1.2.\n"
    ) == [
        "line 5: 1.2. '-> See 1.3.' points to a loop of links",
        "line 6: 1.3. '-> See 1.2.' points to a loop of links",
        "line 4: 1.1. would make claim 'kialo-1' a Pro of itself",
    ]


def test_line_that_is_neither_claim_nor_continuation():
    assert problems_of("Discussion Title: T\n\nsome stray words\n1. Thesis.\n") == [
        "line 3: neither a numbered claim nor part of one: 'some stray words'"
    ]


def test_line_in_sources_that_is_no_reference():
    assert problems_of(
        "Discussion Name:\nT\n\n1. Thesis:\nThesis [1].\n\nSources:\nstray\n[1] A\n[1] B\n[2]\n"
    ) == [
        "line 8: neither a reference ([1] …) nor part of one: 'stray'",
        "line 10: reference [1] is listed twice (first on line 9)",
        "line 11: reference [2] is empty",
    ]


def test_misplaced_pro_con_and_thesis_lines():
    assert problems_of(
        "Discussion Title: T\n\n"
        "1. Pro: A Pro of nothing.\n"
        "2. Thesis.\n"
        "2.1. Pro: Reason.\n"
        "2.1.1. A line with no Pro or Con.\n"
        "2.2. Pro:\n"
        "2.2. Con: Twice.\n"
    ) == [
        "line 8: number 2.2. is used twice (first on line 7)",
        "line 3: 1. is a Pro of nothing: it has no parent number",
        "line 6: 2.1.1. is neither Pro nor Con of 2.1.",
        "line 7: 2.2. has no text",
    ]


def test_pro_under_the_question():
    problems = problems_of("Discussion Title: Q\n\n1. Q\n1.1. Thesis A.\n1.2. Pro: Odd.\n")
    assert problems == [
        "line 5: 1.2. is a Pro of the discussion's question 1.; only theses stand under the "
        "question"
    ]


def test_to_kialo_writes_the_newer_layout():
    document = Document(
        slug="d",
        title="Tea or\ncoffee?",
        claims=[
            Claim("tea", "Tea is better."),
            Claim("caffeine", "Less caffeine."),
            Claim("strong", "Coffee is stronger.\nMuch stronger."),
            Claim("other", "Another thesis."),
        ],
        relations=[
            Relation("r1", "caffeine", "tea", "support"),
            Relation("r2", "strong", "tea", "objection"),
            Relation("r3", "caffeine", "strong", "objection"),
            Relation("r4", "caffeine", "other", "support"),
            Relation("r5", "other", "tea", "rephrase"),  # Kialo has no rephrasing: left out
        ],
    )
    assert to_kialo(document) == (
        "Discussion Name:\n"
        "Tea or coffee?\n"
        "\n"
        "1. Thesis:\n"
        "Tea is better.\n"
        "\n"
        "  1.1. Pro:\n"
        "  Less caffeine.\n"
        "\n"
        "  1.2. Con:\n"
        "  Coffee is stronger.\n"
        "  Much stronger.\n"
        "\n"
        "    1.2.1. Con:\n"
        "    -> See 1.1.\n"
        "\n"
        "2. Thesis:\n"
        "Another thesis.\n"
        "\n"
        "  2.1. Pro:\n"
        "  -> See 1.1.\n"
    )


def test_to_kialo_claims_in_a_loop_start_their_own_thesis():
    document = Document(
        slug="d",
        title="T",
        claims=[Claim("a", "A."), Claim("b", "B.")],
        relations=[Relation("r1", "a", "b", "support"), Relation("r2", "b", "a", "objection")],
    )
    text = to_kialo(document)
    assert text == (
        "Discussion Name:\nT\n\n1. Thesis:\nA.\n\n  1.1. Con:\n  B.\n\n"
        "    1.1.1. Pro:\n    -> See 1.\n"
    )
    assert relation_ends(parse_kialo(text)) == [
        ("kialo-1-1", "objection", "kialo-1"),
        ("kialo-1", "support", "kialo-1-1"),
    ]


HOSTILE = [
    'He said "no" \\ and left.',
    "Brackets [1] and [a link](https://example.org) and (parens) and {braces}.",
    "# not a heading <b>bold</b> & <script>alert(1)</script>",
    "First line\n2. looks numbered\n1.1. Pro: looks like a claim\n-> See 1.\nSources:\n[1] ref",
    "Pro: starts like a label",
    "-> See 1.2.",
    "Discussion Title: not a header\n\nafter a blank line",
    "Backslashes \\( \\[ \\\\ stay",
]


def test_round_trip_keeps_statements_supports_objections_and_their_ends():
    claims = [Claim(f"c{i}", statement) for i, statement in enumerate(HOSTILE)]
    document = Document(
        slug="d",
        title="Hostile",
        participants=[Participant("p", "Someone")],
        sources=[Source("s", "A book")],
        claims=[Claim("thesis", "The thesis.", holder="p", source="s", quotation="q"), *claims],
        relations=[
            *(
                Relation(f"r{i}", claim.key, "thesis", "support" if i % 2 else "objection")
                for i, claim in enumerate(claims)
            ),
            Relation("again", "c3", "c0", "support"),
            Relation("deeper", "c1", "c3", "objection"),
        ],
        undercuts=[Undercut("u", "c2", "r0")],  # lost: Kialo has no undercuts
    )
    result = parse_kialo(to_kialo(document))
    by_statement = {claim.statement: claim.key for claim in result.claims}
    assert sorted(by_statement) == sorted(["The thesis.", *HOSTILE])
    original = {claim.key: claim.statement for claim in document.claims}
    read = statements(result)
    assert sorted(
        (read[r.from_claim], r.kind, read[r.to_claim]) for r in result.relations
    ) == sorted((original[r.from_claim], r.kind, original[r.to_claim]) for r in document.relations)
    assert all(c.holder == "" for c in result.claims)  # Kialo has no holders
    assert [(s.title, s.url) for s in result.sources] == [("A book", "")]
    cited = [(c.statement, c.source, c.quotation) for c in result.claims if c.source]
    assert cited == [("The thesis.", result.sources[0].key, "q")]
    assert result.warnings == []


@pytest.mark.parametrize("name", ["classic.txt", "newer.txt"])
def test_samples_round_trip(name):
    document = parse_kialo((SAMPLES / name).read_text(encoding="utf-8"))
    again = parse_kialo(to_kialo(document))
    assert statements(again) == statements(document)
    assert relation_ends(again) == relation_ends(document)


def test_a_chain_deeper_than_the_recursion_limit_is_written_and_read_back():
    depth = 3000
    document = Document(
        slug="chaine",
        title="Chaîne",
        claims=[Claim(key=f"c{n}", statement=f"Claim {n}") for n in range(depth)],
        relations=[
            Relation(key=f"r{n}", from_claim=f"c{n + 1}", to_claim=f"c{n}", kind="support")
            for n in range(depth - 1)
        ],
    )
    text = to_kialo(document)
    assert text.count("Pro:\n") == depth - 1
    back = parse_kialo(text)
    assert len(back.claims) == depth
    assert len(back.relations) == depth - 1


def test_many_theses_are_read_without_scanning_every_line_for_each(monkeypatch):
    """Whether a top line is a question was asked by scanning every line below it: at
    100,000 claims with 2,500 theses, over 2 minutes. Each line's parent is now read a
    bounded number of times, whatever the number of theses."""
    from arguments.interchange import kialo

    reads = []
    parent = kialo._Entry.parent

    def counted(entry):
        reads.append(entry)
        return parent.fget(entry)

    monkeypatch.setattr(kialo._Entry, "parent", property(counted))
    theses = 300
    text = "Discussion Title: T\n\n" + "".join(
        f"{n}. Thesis {n}.\n{n}.1. Pro: Reason {n}.\n" for n in range(1, theses + 1)
    )
    document = parse_kialo(text)
    assert len(document.claims) == 2 * theses
    assert len(reads) <= 10 * 2 * theses


# --- the Sources section on the way out -------------------------------------------------------


def sourced_document() -> Document:
    return Document(
        slug="d",
        title="Rent",
        sources=[
            Source("book", "Technoféodalisme", url="https://example.org/livre"),
            Source("paper", "A paper without address"),
            Source("site", "https://example.org/site", url="https://example.org/site"),
            Source("unused", "Cited by no claim", url="https://example.org/unused"),
        ],
        claims=[
            Claim("thesis", "Rent replaces profit.", source="book", quotation="la rente"),
            Claim("pro", "Platforms own the markets.", source="paper"),
            Claim("con", "Profit is still there.", source="site", quotation="a\n[2] b"),
            Claim("again", "Platforms own the markets again.", source="book"),
        ],
        relations=[
            Relation("r1", "pro", "thesis", "support"),
            Relation("r2", "con", "thesis", "objection"),
            Relation("r3", "again", "con", "objection"),
        ],
    )


def test_to_kialo_cites_each_claims_source_with_a_footnote_and_lists_every_source():
    text = to_kialo(sourced_document())
    assert text.endswith(
        "Sources:\n"
        "[1] Technoféodalisme https://example.org/livre\n"
        '"la rente"\n'
        "[2] A paper without address\n"
        "[3] https://example.org/site\n"
        '"a [2] b"\n'  # a line that would read as a reference is joined to the one before
        "[4] Technoféodalisme https://example.org/livre\n"
        "[5] Cited by no claim https://example.org/unused\n"
    )
    assert "Rent replaces profit. [1]\n" in text
    assert "  Platforms own the markets. [2]\n" in text


def test_sources_come_back_with_their_title_address_and_citing_claims():
    back = parse_kialo(to_kialo(sourced_document()))
    assert [(s.title, s.url) for s in back.sources] == [
        ("Technoféodalisme", "https://example.org/livre"),
        ("A paper without address", ""),
        ("https://example.org/site", "https://example.org/site"),
        ("Cited by no claim", "https://example.org/unused"),
    ]
    titles = {s.key: s.title for s in back.sources}
    assert [(c.statement, titles.get(c.source), c.quotation) for c in back.claims] == [
        ("Rent replaces profit.", "Technoféodalisme", "la rente"),
        ("Platforms own the markets.", "A paper without address", ""),
        ("Profit is still there.", "https://example.org/site", "a [2] b"),
        ("Platforms own the markets again.", "Technoféodalisme", ""),
    ]
    assert back.warnings == []


def test_a_reference_is_split_into_title_and_address_only_when_it_ends_with_one():
    text = (
        "Discussion Name:\nT\n\n1. Thesis:\nA [1]\n\n"
        "  1.1. Pro:\n  B [2]\n\n  1.2. Con:\n  C [3]\n\n"
        "Sources:\n[1] Smith (2015), p. 3 https://example.org/a\n"
        "[2] https://example.org/b and more\n[3] javascript:alert(1)\n"
    )
    document = parse_kialo(text)
    assert [(s.title, s.url) for s in document.sources] == [
        ("Smith (2015), p. 3", "https://example.org/a"),
        ("https://example.org/b and more", ""),
        ("javascript:alert(1)", ""),  # a title, never a link
    ]


def test_to_kialo_leaves_readers_proposals_out():
    document = Document(
        slug="d",
        title="T",
        claims=[
            Claim("thesis", "The thesis."),
            Claim("editors", "The editors' reading."),
            Claim("proposal", "A reader proposes this.", proposed_by="bob", proposed_at=NOW),
        ],
        relations=[
            Relation("r1", "editors", "thesis", "support", layer="editors", justification="Why"),
            Relation("r2", "proposal", "thesis", "objection", layer="readers", proposed_at=NOW),
            Relation("r3", "editors", "proposal", "objection", layer="readers", proposed_at=NOW),
        ],
    )
    back = parse_kialo(to_kialo(document))
    assert statements(back) == {
        "kialo-1": "The thesis.",
        "kialo-1-1": "The editors' reading.",
    }
    assert [(r.from_claim, r.kind, r.to_claim, r.layer) for r in back.relations] == [
        ("kialo-1-1", "support", "kialo-1", "text")  # Kialo has no place for the layer
    ]


@pytest.mark.django_db
def test_the_shipped_debate_goes_out_to_kialo_with_its_sources_and_comes_back_with_them(
    controversy,
):
    text = export_text(controversy, "kialo", "http://testserver")
    sources = list(controversy.sources.values_list("title", "url"))
    assert all(f" {url}\n" in text for _title, url in sources if url)
    back, _warnings = import_text(text, "kialo", "controversy.kialo.txt", slug="back-kialo")
    assert sorted(back.sources.values_list("title", "url")) == sorted(sources)

    def cited(debate):
        return sorted(debate.claims.values_list("statement", "source__title", "quotation"))

    assert cited(back) == cited(controversy)


# --- a long excerpt, from a file to the reader ------------------------------------------------

MARKUP = "<script>alert(1)</script> <b>bold</b> & "


@pytest.mark.django_db
def test_a_long_imported_excerpt_is_shown_folded_and_inert_on_the_claim_page_and_in_the_api(
    client,
):
    excerpt = MARKUP * 20 + "end.\nsecond line"
    text = (
        "Discussion Name:\nMarkup\n\n1. Thesis:\nA thesis quoting a long passage. [1]\n\n"
        f'Sources:\n[1] https://example.org/page\n"{excerpt}"\n'
    )
    debate, _warnings = import_text(text, "kialo", "markup.txt", slug="markup")
    claim = debate.claims.get()
    assert (claim.excerpt, claim.quotation) == (excerpt, "")
    page = client.get(claim.get_absolute_url(), HTTP_ACCEPT_LANGUAGE="en").content.decode()
    figure = page.split('<figure class="quotation quotation--imported">')[1].split("</figure>")[0]
    assert "<details>" in figure
    assert f"Passage in the imported file ({len(excerpt)} characters)" in figure
    assert "not a quotation checked against the source" in figure
    assert "&lt;script&gt;alert(1)&lt;/script&gt; &lt;b&gt;bold&lt;/b&gt; &amp; " in figure
    assert "<br>second line" in figure
    assert "<script>alert" not in page and "<b>bold" not in page
    answer = client.get(f"/api/claims/{claim.pk}/").json()
    assert (answer["excerpt"], answer["quotation"]) == (excerpt, "")


@pytest.mark.django_db
def test_a_short_imported_excerpt_is_shown_unfolded(client):
    debate, _warnings = import_text(
        native_with_excerpt("A short passage <i>here</i>."), "json", "short.json", slug="short"
    )
    claim = debate.claims.get()
    page = client.get(claim.get_absolute_url(), HTTP_ACCEPT_LANGUAGE="en").content.decode()
    figure = page.split('<figure class="quotation quotation--imported">')[1].split("</figure>")[0]
    assert "<details>" not in figure
    assert "A short passage &lt;i&gt;here&lt;/i&gt;." in figure


def native_with_excerpt(excerpt: str) -> str:
    from arguments.interchange.native import dumps

    return dumps(Document(slug="d", title="T", claims=[Claim("a", "A.", excerpt=excerpt)]))


# --- real exports: nothing refused for one field, sources kept both ways ----------------------

CLASSIC_REAL = SAMPLES / "example.csv"  # franznowak/kialoparser (see SOURCES)
CLASSIC_MIT = SAMPLES / "should-hate-speech-be-illegal-6148.txt"  # edoguido/Kialo-Parser
NEWER_REAL = (  # AngeloSunn/Kialo-Dialogue-Parser (see SOURCES)
    SAMPLES / "should-high-quality-childcare-be-provided-free-of-charge-to-all-americans--61124.txt"
)
MAPS_ROUTE = "https://www.google.com/maps/dir/30.8893026,32.35984/27.8282197,34.1097284/"


def read_real(path: Path) -> str:
    return path.read_bytes().decode("utf-8")


def test_real_classic_export_keeps_its_430_character_link_whole():
    document = parse_kialo(read_real(CLASSIC_REAL))
    assert document.title == "Did the Exodus Really Happen?"
    assert (len(document.claims), len(document.relations), len(document.sources)) == (92, 97, 55)
    route = next(s for s in document.sources if s.url.startswith(MAPS_ROUTE))
    assert len(route.url) == 430 and route.url.endswith("!1m0!1m0!3e0")
    assert route.title == route.url
    claim = next(c for c in document.claims if c.source == route.key)
    assert claim.statement.startswith("It is approx. 1,100km to lap the entire Sinai Peninsula.")


def test_real_newer_export_keeps_long_excerpts_whole_as_excerpts():
    document = parse_kialo(read_real(NEWER_REAL))
    assert document.title == (
        "Should high quality childcare be provided, free of charge, to all Americans ?"
    )
    assert (len(document.claims), len(document.relations), len(document.sources)) == (57, 57, 17)
    excerpts = {c.key: c.excerpt for c in document.claims if c.excerpt}
    assert {key: len(text) for key, text in excerpts.items()} == {
        "kialo-1-1": 713,
        "kialo-1-8-1-1": 526,
        "kialo-1-14-1": 428,
        "kialo-1-14-1-1": 584,
    }
    assert excerpts["kialo-1-1"].startswith("Each year, as a result of inadequate child care,")
    assert excerpts["kialo-1-1"].endswith("per working parent in federal and state/local tax.")
    quoted = [c for c in document.claims if c.quotation]
    assert len(quoted) == 10 and all(len(c.quotation) <= 300 for c in quoted)
    assert all(not (c.excerpt and c.quotation) for c in document.claims)


@pytest.mark.parametrize(
    "path", [CLASSIC_REAL, CLASSIC_MIT, NEWER_REAL], ids=["classic", "classic-mit", "newer"]
)
def test_real_exports_keep_their_sources_through_our_export(path):
    document = parse_kialo(read_real(path))
    back = parse_kialo(to_kialo(document))
    assert statements(back) == statements(document)
    assert relation_ends(back) == relation_ends(document)
    # The same sources (cited ones first on the way out, so in another order).
    assert sorted((s.title, s.url) for s in back.sources) == sorted(
        (s.title, s.url) for s in document.sources
    )
    titles = {s.key: s.title for s in document.sources}
    titles_back = {s.key: s.title for s in back.sources}

    def cited(claims, titles):
        return [(c.key, titles.get(c.source), c.quotation, c.excerpt) for c in claims]

    assert cited(back.claims, titles_back) == cited(document.claims, titles)


@pytest.mark.django_db
@pytest.mark.parametrize(
    "path", [CLASSIC_REAL, CLASSIC_MIT, NEWER_REAL], ids=["classic", "classic-mit", "newer"]
)
def test_real_exports_are_stored_with_nothing_refused_or_shortened(path):
    document = parse_kialo(read_real(path))
    debate, warnings = import_text(read_real(path), "kialo", path.name, slug="real")
    assert debate.claims.count() == len(document.claims)
    assert sorted(debate.sources.values_list("title", "url")) == sorted(
        (s.title, s.url) for s in document.sources
    )
    assert sorted(c.excerpt for c in document.claims) == sorted(
        debate.claims.values_list("excerpt", flat=True)
    )
    assert not [w for w in warnings if "shortened" in w or "left out" in w]


def one_cited(reference: str, excerpt_lines: list[str]) -> str:
    excerpt = "\n".join(excerpt_lines)
    return (
        "Discussion Name:\nT\n\n1. Thesis:\nA thesis. [1]\n\n"
        f'Sources:\n[1] {reference}\n"{excerpt}"\n'
    )


def test_hostile_an_excerpt_of_180_000_characters_is_kept_whole():
    lines = [f"{n}" + "é" * 44_999 for n in range(4)]
    document = parse_kialo(one_cited("https://example.org/x", lines))
    assert document.claims[0].excerpt == "\n".join(lines)
    assert document.claims[0].quotation == ""


def test_hostile_a_line_over_50_000_characters_is_still_refused():
    problems = problems_of(one_cited("https://example.org/x", ["x" * 50_001]))
    assert problems == ["line 9: 50,003 characters long; at most 50,000 are read"]


@pytest.mark.django_db
def test_hostile_long_addresses_and_control_characters_are_stored_not_refused():
    address = "https://example.org/" + "a" * 892  # 912 characters, as in the file
    text = one_cited(address, ["Bell\x07 and NUL\x00 in ", "an excerpt " + "x" * 400])
    debate, warnings = import_text(text, "kialo", "hostile.txt", slug="hostile")
    source = debate.sources.get()
    assert (source.url, source.title) == (address, address)
    excerpt = debate.claims.get().excerpt
    assert excerpt.startswith("Bell and NUL in\nan excerpt xxx") and len(excerpt) == 427
    longer = "https://example.org/" + "b" * 4_000  # over 4,000: left out, with a warning
    debate, warnings = import_text(one_cited(longer, ["e"]), "kialo", "h.txt", slug="longer")
    assert debate.sources.get().url == ""
    assert any("address of 4,020 characters" in warning for warning in warnings)
