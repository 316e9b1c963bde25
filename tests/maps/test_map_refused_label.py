"""A map Graphviz refuses names the claim whose text it could not read (issue 16, point 1):
the text hygiene keeps such text out, so this is the last line, for whatever slips by."""

from __future__ import annotations

import dataclasses
import re
import subprocess

import pytest

from arguments.maps.build import build_map
from arguments.maps.dot import refused_claim_ids
from arguments.maps.options import MapOptions
from arguments.maps.render import MapUnavailable, render


def dot_error(dot_source: str) -> str:
    completed = subprocess.run(
        ["dot", "-Tsvg"], input=dot_source.encode(), capture_output=True, check=False
    )
    assert completed.returncode != 0
    return completed.stderr.decode()


def test_the_claims_dot_refuses_are_read_from_its_error():
    error = dot_error(
        "digraph {\n c7 [label=<x &#xD800; y>]\n c12 [label=<ok>]\n"
        " c40 [label=<a &bogus; b>]\n c7 -> c12 }"
    )
    assert refused_claim_ids(error) == [7, 40]
    assert refused_claim_ids("Error: syntax error in line 3") == []


def test_the_map_page_names_the_claim_that_could_not_be_drawn(small_debate):
    participants = list(small_debate.participants.all())
    sources = list(small_debate.sources.all())
    argument_map = build_map(small_debate, MapOptions(), participants, sources, None)
    claim = small_debate.claims.get(slug=small_debate.claims.order_by("pk").first().slug)
    # A label only a bug in our escaping could produce: a character reference dot refuses.
    broken_source, replaced = re.subn(
        rf"(\tc{claim.pk} \[label=<)", r"\1&#xD800;", argument_map.page_dot_source
    )
    assert replaced == 1
    broken = dataclasses.replace(argument_map, page_dot_source=broken_source)
    svg, error = broken.inline()
    assert svg == ""
    assert claim.statement[:40] in error
    assert "D800" in error  # Graphviz's own words follow


def test_a_map_refused_for_another_reason_keeps_graphvizs_words():
    with pytest.raises(MapUnavailable, match="syntax error"):
        render("digraph { a -> }")
