"""Quotations found verbatim in a stored text, ignoring only whitespace, typographic quotes
and apostrophes and emphasis markers; the closest passage named otherwise. No database."""

from __future__ import annotations

import random
import string

from arguments.workbench.quotations import (
    CONTEXT_LENGTH,
    closest_passage,
    find_quotation,
    normal_form,
)

TEXT = (
    "Premier paragraphe, sans rien de notable.\n\n"
    "Pour Morozov, « le techno\u00adféodalisme est une\nimpasse » : l\u2019économie "
    "numérique reste *capitaliste*.\n\n"
    "Troisième paragraphe\u202f? Il parle d\u2019autre chose."
)


def test_it_finds_a_quotation_typed_with_straight_quotes_and_other_line_breaks():
    match = find_quotation('"le technoféodalisme est une impasse" : l\'économie', TEXT)
    assert match is not None
    assert match.paragraph == 2
    assert TEXT[match.start : match.end] == match.exact
    assert match.exact.startswith("« le techno")
    assert match.exact.endswith("l\u2019économie")


def test_offsets_prefix_and_suffix_are_the_stored_texts():
    match = find_quotation("numérique reste capitaliste", TEXT)
    assert match.exact == "numérique reste *capitaliste"
    assert match.prefix == TEXT[match.start - CONTEXT_LENGTH : match.start]
    assert len(match.prefix) == CONTEXT_LENGTH
    assert match.suffix == TEXT[match.end : match.end + CONTEXT_LENGTH]
    assert match.suffix.startswith("*.")


def test_emphasis_markers_in_the_quotation_are_ignored_too():
    assert find_quotation("reste **capitaliste**", TEXT) is not None


def test_guillemets_with_and_without_their_inner_spaces_are_the_same():
    text = "Il écrit «\u00a0le capital\u00a0» et puis s\u2019en va."
    assert find_quotation("« le capital »", text) is not None
    assert find_quotation("«le capital»", text) is not None
    assert find_quotation("\u201cle capital\u201d", text) is not None


def test_a_space_before_a_question_mark_is_typography():
    assert find_quotation("Troisième paragraphe?", TEXT).paragraph == 3


def test_wording_case_and_accents_count():
    assert find_quotation("le technoféodalisme est un impasse", TEXT) is None
    assert find_quotation("Le technoféodalisme", TEXT) is None
    assert find_quotation("economie numerique", TEXT) is None
    assert find_quotation("   ", TEXT) is None


def test_a_decomposed_accent_in_the_quotation_matches_the_composed_text():
    assert find_quotation("l'e\u0301conomie", TEXT) is not None


def test_normal_form_only_removes_or_replaces_one_for_one():
    assert normal_form("  a\u00a0\u00a0b «\u00a0c\u00a0» ’ *d* ") == 'a b"c"\' d'


def test_the_closest_passage_is_named_when_a_word_differs():
    passage = closest_passage("le technoféodalisme est une voie sans issue", TEXT)
    assert passage is not None
    assert passage.paragraph == 2
    assert "technoféodalisme est une" in passage.text.replace("\u00ad", "").replace("\n", " ")
    assert TEXT[passage.start : passage.end] == passage.text
    assert 0 < passage.similarity < 1


def test_no_closest_passage_when_no_word_is_in_the_text():
    assert closest_passage("zzzz yyyy xxxx", TEXT) is None
    assert closest_passage("", TEXT) is None


def test_a_two_megabyte_text_and_a_long_quotation_are_answered():
    """Hostile: 2 MB of words and a 300-character quotation found nowhere; the search looks
    at a bounded number of windows, so it returns (no quadratic scan)."""
    generator = random.Random(22)
    words = ["".join(generator.choices(string.ascii_lowercase, k=6)) for _ in range(2000)]
    text = ""
    paragraphs = []
    while sum(len(p) for p in paragraphs) < 2 * 1024 * 1024:
        paragraphs.append(" ".join(generator.choices(words, k=80)))
    text = "\n\n".join(paragraphs)
    quotation = " ".join(generator.choices(words, k=43))[:300]
    assert find_quotation(quotation, text) is None
    passage = closest_passage(quotation, text)
    assert passage is not None
    assert passage.text == text[passage.start : passage.end]
    inside = text[1_000_000:1_000_300]
    assert find_quotation(inside, text).start <= 1_000_000


def test_control_characters_and_odd_spaces_in_a_quotation_do_not_break_it():
    assert find_quotation("\x00\x1f", TEXT) is None
    assert find_quotation("Premier\u2003paragraphe,\tsans", TEXT).start == 0
