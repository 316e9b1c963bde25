"""A map view's options read from its URL and written back: pure, no database."""

import datetime

import pytest
from django.http import QueryDict

from arguments.maps.options import MapOptions
from arguments.record.params import ParameterError


def parse(query: str) -> MapOptions:
    return MapOptions.from_query(QueryDict(query))


def test_defaults_give_the_whole_debate_with_an_empty_query():
    options = parse("")
    assert options == MapOptions()
    assert options.query_string == ""
    assert options.file_stem("technofeodalisme") == "technofeodalisme-map"


def test_every_option_round_trips_through_its_canonical_query():
    query = (
        "claim=c-12&depth=3&direction=LR&participant=morozov&participant=lordon"
        "&source=s1&as_of=2025-10-03&kind=objection&kind=support&label=full"
        "&cluster=source&proposals=hide&expand=x&expand=a"
    )
    options = parse(query)
    assert options.participants == ("lordon", "morozov") and options.expand == ("a", "x")
    assert options.kinds == ("support", "objection")
    assert options.as_of == datetime.date(2025, 10, 3)
    assert parse(options.query_string) == options
    assert options.query_string.startswith("claim=c-12&depth=3&direction=LR&participant=lordon")


def test_file_names_say_what_the_map_holds():
    assert parse("claim=c-12&depth=2").file_stem("technofeodalisme") == (
        "technofeodalisme-claim-c-12-depth-2"
    )
    stem = parse("participant=morozov&as_of=2025-10-03&kind=objection").file_stem("t")
    assert stem == "t-participant-morozov-as-of-2025-10-03-objection"


def test_expanding_adds_one_branch_and_keeps_the_rest():
    options = parse("participant=morozov&expand=b")
    assert options.expanding("a").expand == ("a", "b")
    assert options.expanding("a").participants == ("morozov",)


@pytest.mark.parametrize(
    ("query", "named"),
    [
        ("depth=abc", "depth"),
        ("direction=sideways", "direction"),
        ("label=huge", "label"),
        ("cluster=colour", "cluster"),
        ("proposals=maybe", "proposals"),
        ("editors=bogus", "editors"),
        ("count=texts", "count"),
        ("count=editors&count=everything", "count"),
        ("kind=attack", "kind"),
        ("as_of=2025-13-01", "as_of"),
        ("as_of=yesterday", "as_of"),
        ("participant=<script>", "participant"),
        ("claim=a%20b", "claim"),
        ("colour=red", "colour"),
    ],
)
def test_bad_values_are_refused_with_the_parameter_named(query, named):
    with pytest.raises(ParameterError, match=named):
        parse(query)


def test_out_of_range_depth_is_clamped_and_lists_are_bounded():
    assert parse("claim=x&depth=99").depth == 6 and parse("claim=x&depth=0").depth == 1
    many = "&".join(f"expand=c{i}" for i in range(31))
    with pytest.raises(ParameterError, match="expand"):
        parse(many)
