"""What keeps a map's cost from growing with the debate: the light rows stored compactly per
revision and read back as they were, and the check of what `dot` returns."""

from __future__ import annotations

import pytest

from arguments.maps.build import build_map
from arguments.maps.options import MapOptions
from arguments.maps.render import MapUnavailable, checked
from arguments.record.models import Claim
from arguments.record.row_reader import debate_rows, neighbourhood_rows, read_rows
from arguments.record.rows import ClaimRow, LinkRow
from tests.conftest import grow

SVG_DOCTYPE = (
    b'<?xml version="1.0" encoding="UTF-8" standalone="no"?>'
    b'<!DOCTYPE svg PUBLIC "-//W3C//DTD SVG 1.1//EN" '
    b'"http://www.w3.org/Graphics/SVG/1.1/DTD/svg11.dtd">'
)


def test_the_rows_read_back_from_the_cache_are_the_rows_read(
    small_debate, alice, django_assert_num_queries
):
    thesis = small_debate.claims.get(slug="thesis")
    thesis.propose_argument(alice, "objection", "Une objection proposée.")  # a dated proposal
    sources = list(small_debate.sources.all())
    revision = small_debate.revision()
    read = read_rows(small_debate, sources)
    assert debate_rows(small_debate, revision, sources) == read
    with django_assert_num_queries(0):
        claims, links, slugs = debate_rows(small_debate, revision, sources)
    assert (claims, links, slugs) == read
    assert all(type(claim) is ClaimRow for claim in claims)
    assert all(type(link) is LinkRow for link in links)
    proposed = [claim for claim in claims if claim.proposed]
    assert len(proposed) == 1 and proposed[0].known_since is not None
    assert [link.known_since for link in links if link.proposed] == [proposed[0].known_since]
    assert all(not claim.proposed for claim in claims if claim not in proposed)


def test_well_formed_svg_passes():
    checked(SVG_DOCTYPE + "<svg><text>é &amp; &#160;</text></svg>".encode(), "svg")


@pytest.mark.parametrize(
    "document",
    [
        SVG_DOCTYPE + b"<svg>&nbsp;</svg>",  # defined by no DTD a browser reads
        b"<svg>&nbsp;</svg>",
        b"<svg>\xff</svg>",  # not UTF-8
        b"<svg><g></svg>",
        b"<svg>unclosed",
    ],
)
@pytest.mark.usefixtures("english")
def test_what_is_not_well_formed_xml_is_refused(document):
    with pytest.raises(MapUnavailable, match="not valid SVG"):
        checked(document, "svg")


@pytest.mark.parametrize(
    "query",
    [
        {},
        {"depth": 1},
        {"depth": 3},
        {"kinds": ("objection",)},
        {"proposals": False, "editors": False},
        {"direction": "LR", "cluster": "participant"},
    ],
)
def test_a_view_around_a_claim_reads_its_neighbourhood_alone_and_draws_the_same(controversy, query):
    participants = list(controversy.participants.annotate_claim_counts())
    sources = list(controversy.sources.in_date_order())
    whole = read_rows(controversy, sources)
    focus_ids = [claim.id for claim in whole[0][::40]]
    for focus in Claim.objects.filter(pk__in=focus_ids):
        options = MapOptions(claim=focus.slug, **query)
        near = neighbourhood_rows(controversy, sources, focus.pk, options.depth)
        assert len(near[0]) <= len(whole[0])
        expected = build_map(controversy, options, participants, sources, focus, rows=whole)
        drawn = build_map(controversy, options, participants, sources, focus, rows=near)
        assert drawn.dot_source == expected.dot_source
        assert drawn.in_scope == expected.in_scope


def test_the_neighbourhood_costs_the_same_queries_however_large_the_debate(
    small_debate, django_assert_num_queries
):
    sources = list(small_debate.sources.all())
    thesis = small_debate.claims.get(slug="thesis")
    with django_assert_num_queries(4):  # relations around the focus, depth 2 and beyond; claims
        small = neighbourhood_rows(small_debate, sources, thesis.pk, 2)
    grow(small_debate, 60)
    with django_assert_num_queries(4):
        grown = neighbourhood_rows(small_debate, sources, thesis.pk, 2)
    assert len(grown[0]) > len(small[0])
