"""The exchange a debate starts from, from plain ids, dates and counts (no database)."""

from datetime import date

from arguments.pages.exchange import Dated, exchange_entries, exchange_texts, in_publication_order

DATES = {
    "morozov": Dated(date(2025, 8, 1)),
    "lordon": Dated(date(2025, 10, 3)),
    "durand": Dated(date(2025, 10, 4)),
    "rauzy": Dated(date(2025, 10, 17)),
    "mao": Dated(date(1937, 1, 1)),  # cited in support: an older text, answering nobody
    "book": Dated(None),  # undated: cannot be put in order
    "review": Dated(date(2025, 1, 1)),
}
COUNTS = {
    ("lordon", "morozov", "support"): 1,
    ("durand", "morozov", "objection"): 2,
    ("rauzy", "morozov", "objection"): 5,
    ("rauzy", "morozov", "support"): 2,
    ("rauzy", "lordon", "objection"): 6,
    ("rauzy", "durand", "support"): 3,
    ("review", "book", "objection"): 3,
    ("book", "review", "objection"): 2,
}


def test_the_exchange_is_the_largest_group_of_dated_texts_answering_one_another():
    assert exchange_texts(DATES, COUNTS) == ["morozov", "lordon", "durand", "rauzy"]


def test_dates_decide_the_order():
    dates = {**DATES, "durand": Dated(date(2025, 9, 1))}
    assert exchange_texts(dates, COUNTS) == ["morozov", "durand", "lordon", "rauzy"]


def test_an_answer_comes_after_what_it_answers_whatever_an_imprecise_date_says():
    # The answer is dated "circa 2025" (from 1 January), the essay it answers October 2025.
    dates = {"essay": Dated(date(2025, 10, 1)), "answer": Dated(date(2025, 1, 1))}
    counts = {("answer", "essay", "objection"): 1}
    assert exchange_texts(dates, counts) == ["essay", "answer"]


def test_answers_both_ways_leave_the_earliest_first():
    dates = {"a": Dated(date(2025, 2, 1)), "b": Dated(date(2025, 1, 1))}
    assert in_publication_order({"a", "b"}, {("a", "b"), ("b", "a")}, dates) == ["b", "a"]


def test_no_exchange_when_no_text_answers_another():
    assert exchange_texts(DATES, {}) == []
    assert exchange_texts(DATES, {("rauzy", "rauzy", "objection"): 4}) == []  # itself
    assert exchange_texts(DATES, {("book", "review", "objection"): 2}) == []  # undated


def test_a_tie_in_size_goes_to_the_group_with_more_answers():
    dates = {name: Dated(date(2025, 1, day)) for day, name in enumerate("abcd", start=1)}
    counts = {("b", "a", "support"): 1, ("d", "c", "objection"): 4}
    assert exchange_texts(dates, counts) == ["c", "d"]


def test_each_entry_says_what_it_answers_and_what_answers_it_in_the_exchanges_order():
    order = exchange_texts(DATES, COUNTS)
    morozov, lordon, _durand, rauzy = exchange_entries(order, DATES, COUNTS)
    assert morozov.answers == []
    assert morozov.answered_by == [
        ("lordon", {"objection": 0, "support": 1}),
        ("durand", {"objection": 2, "support": 0}),
        ("rauzy", {"objection": 5, "support": 2}),
    ]
    assert lordon.answers == [("morozov", {"objection": 0, "support": 1})]
    assert rauzy.answered_by == []
    assert [text for text, _kinds in rauzy.answers] == ["morozov", "lordon", "durand"]
