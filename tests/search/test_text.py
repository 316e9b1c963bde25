"""The pure part of search: words, stems, query terms, highlighting. No database."""

from arguments.search.text import (
    MAX_QUERY_WORDS,
    highlight,
    matches,
    query_terms,
    stems,
    stored,
    unaccented,
    words,
)


def test_accents_case_and_ligatures_go():
    assert unaccented("Grève FÉODALISME Cœuré Žižek") == "greve feodalisme coeure zizek"


def test_words_drop_elisions_and_stop_words():
    assert words("L’économie de la rente, qu'il dit") == ["économie", "rente", "dit"]


def test_a_word_meets_its_forms_with_or_without_accents():
    for one, other in [
        ("féodalisme", "feodalisme"),
        ("grève", "greve"),
        ("rentes", "rente"),
        ("féodaux", "féodal"),
        ("dominer", "domine"),
        ("prédation", "predation"),
        ("plateformes", "plateforme"),
    ]:
        assert set(stems(one)) & set(stems(other)), (one, other)


def test_stored_text_is_stems_between_spaces():
    text = stored("Le technoféodalisme", "Digital feudalism")
    assert text.startswith(" ") and text.endswith(" ")
    assert " feodal " in text and " technofeodal " in text and " feudal " in text
    assert stored("") == "" and stored("le la les") == ""


def test_query_terms_are_only_letters_and_digits():
    hostile = "a\" OR 1=1 -- NEAR(x y) * : % _ ' ; \\ \x00 {col}:"
    for term in query_terms(hostile):
        for stem in term:
            assert stem.isalnum(), stem
    assert query_terms("") == [] and query_terms("le la de") == [] and query_terms("%_*") == []


def test_long_queries_are_bounded():
    assert len(query_terms(" ".join(f"mot{n}" for n in range(500)))) == MAX_QUERY_WORDS


def test_a_short_stem_must_match_whole():
    terms = query_terms("ia")
    assert matches("IA", terms) and not matches("iarmonie", terms)
    assert matches("féodalisme", query_terms("féoda"))  # as you type


def test_highlight_escapes_everything_and_marks_only_words():
    marked = highlight("Les <b>rentes</b> & « féodalités »", query_terms("rente feodalite"))
    assert marked == (
        "Les &lt;b&gt;<mark>rentes</mark>&lt;/b&gt; &amp; « <mark>féodalités</mark> »"
    )
    assert highlight("<script>", []) == "&lt;script&gt;"
    assert highlight("<mark>", query_terms("<mark>")) == "&lt;<mark>mark</mark>&gt;"
