"""Any input to any importer gives a document or a list of problems, never another error;
whatever an importer accepts, the database stores or refuses with problems named."""

from __future__ import annotations

import json

import pytest
from django.db import transaction
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from arguments.interchange import aif, argdown, kialo, native, sadface, store
from arguments.interchange.document import Document
from arguments.record.files import ImportProblems

PARSERS = {
    "json": native.parse_native,
    "aif": aif.parse_aif,
    "argdown": argdown.parse_argdown,
    "kialo": kialo.parse_kialo,
    "sadface": sadface.parse_sadface,
}

# Text made of the characters the formats give meaning to, so the parsers' branches are
# reached far more often than by random Unicode.
SYNTAX = [*list("[]<>(){}:+-_#=\n \t\"',.0123456789/*!"), "\n  ", "->", "+>", "><", "==="]
WORDS = ["Pro:", "Con:", "1.", "1.1.", "-> See", "Discussion Title:", "Sources:", "é", "\u202e"]
syntax_text = st.lists(st.sampled_from(SYNTAX + WORDS) | st.text(max_size=5), max_size=60).map(
    "".join
)
JSON_KEYS = ["nodes", "edges", "nodeID", "type", "text", "fromID", "toID", "edgeID", "AIF"]
JSON_KEYS += ["locutions", "personID", "participants", "format", "version", "debate", "claims"]
JSON_KEYS += ["id", "source_id", "target_id", "name", "metadata", "resources", "sources"]
JSON_KEYS += ["resource_id", "core", "controverse", "layer", "key", "holder", "argument"]
json_values = st.recursive(
    st.none()
    | st.booleans()
    | st.integers(-3, 3)
    | st.sampled_from(["", "I", "RA", "CA", "x", "atom", "scheme", "support", "conflict"]),
    lambda children: (
        st.lists(children, max_size=4)
        | st.dictionaries(
            st.sampled_from(JSON_KEYS),
            children,
            max_size=5,
        )
    ),
    max_leaves=25,
)


def parse_or_problems(name: str, text: str) -> Document | None:
    try:
        return PARSERS[name](text)
    except ImportProblems as error:
        assert error.problems, "a refusal names at least one problem"
        assert all(isinstance(problem, str) and problem for problem in error.problems)
        return None


@pytest.mark.parametrize("name", sorted(PARSERS))
@settings(max_examples=300, deadline=None)
@given(text=syntax_text)
def test_any_text_is_parsed_or_refused_with_problems(name, text):
    parse_or_problems(name, text)


@pytest.mark.parametrize("name", ["aif", "json", "sadface"])
@settings(max_examples=300, deadline=None)
@given(value=json_values)
def test_any_json_is_parsed_or_refused_with_problems(name, value):
    parse_or_problems(name, json.dumps(value))


@pytest.mark.parametrize("name", sorted(PARSERS))
@settings(
    max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(text=syntax_text)
def test_what_a_parser_accepts_is_stored_or_refused(db, name, text):
    document = parse_or_problems(name, text)
    if document is None:
        return
    try:
        with transaction.atomic():
            store.store_document(document, slug="fuzz")
            transaction.set_rollback(True)
    except ImportProblems:
        pass
