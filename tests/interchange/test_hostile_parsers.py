"""Hostile files: inputs built to make a parser slow (quadratic regexes, YAML alias bombs,
100,000 lines) or to slip through what cannot be text, a number or a safe link. Each parser
must finish on 200,000 characters with the right result or a clear ImportProblems; the
figures (n against 2n) are in bench/hostile_parsers.py, not here. No database."""

from __future__ import annotations

import json
import re
from re import _parser as sre_parse

import pytest

from arguments.interchange import (
    aif,
    argdown,
    document,
    formats,
    kialo,
    native,
    sadface,
    web_annotation,
)
from arguments.interchange.document import MAX_PROBLEMS, Claim, Document, Source
from arguments.record import files
from arguments.record.files import ImportProblems, load_json

N = 200_000
LINE = 40_000  # under document.MAX_LINE_LENGTH: the parsers see the whole input


def lines_of(pattern: str, total: int = N, width: int = LINE) -> str:
    """`pattern` repeated to `total` characters, cut into lines of `width`."""
    row = pattern * (width // len(pattern))
    return "\n".join([row] * (total // len(row)))


def problems_of(call, *args) -> list[str]:
    with pytest.raises(ImportProblems) as error:
        call(*args)
    return error.value.problems


# --- every regex of the parsers: no quantifier inside another ------------------------------

REPEATS = {sre_parse.MAX_REPEAT, sre_parse.MIN_REPEAT, sre_parse.POSSESSIVE_REPEAT}


def _has_repeat(items) -> bool:
    for op, av in items:
        if op in REPEATS:
            return True
        if any(_has_repeat(sub) for sub in _children(op, av)):
            return True
    return False


def _children(op, av) -> list:
    if op in REPEATS:
        return [av[2]]
    if op is sre_parse.SUBPATTERN:
        return [av[3]]
    if op is sre_parse.BRANCH:
        return list(av[1])
    if op in (sre_parse.ASSERT, sre_parse.ASSERT_NOT):
        return [av[1]]
    if op is sre_parse.GROUPREF_EXISTS:
        return [branch for branch in av[1:] if branch is not None]
    return []


def nested_repeats(pattern: str) -> list[str]:
    """The repeated parts that hold another repeat (`(a+)+`, `(?:\\d+\\.)*`): where a regex
    can backtrack super-linearly."""
    found = []

    def walk(items) -> None:
        for op, av in items:
            if op in REPEATS and av[1] > 1 and _has_repeat(av[2]):
                found.append(str(av[2]))
            for sub in _children(op, av):
                walk(sub)

    walk(sre_parse.parse(pattern))
    return found


PARSER_MODULES = [aif, argdown, document, formats, kialo, native, sadface, web_annotation]
PATTERNS = [
    pytest.param(value, id=f"{module.__name__.rsplit('.', 1)[1]}.{name}")
    for module in PARSER_MODULES
    for name, value in vars(module).items()
    if isinstance(value, re.Pattern)
]


def test_the_check_finds_nested_quantifiers():
    assert nested_repeats(r"(a+)+b")
    assert nested_repeats(r"((?:\d+\.)+)")
    assert nested_repeats(r"(?:x|y*)*")
    assert not nested_repeats(r"\[((?:\\.|[^\]\\])*)\]")
    assert not nested_repeats(r"(\d{4})(?:-(\d{2})(?:[ T][\d:.]+)?)?")  # ? repeats once


@pytest.mark.parametrize("pattern", PATTERNS)
def test_no_regex_of_the_parsers_nests_a_quantifier(pattern):
    assert nested_repeats(pattern.pattern) == []


@pytest.mark.parametrize(
    "pattern, text",
    [
        (kialo.MARKDOWN_LINK, "[a\nb](https://example.org)"),
        (kialo.MARKDOWN_LINK, "[a](https://example.org\n)"),
        (kialo.MARKDOWN_LINK, "[a [b](https://example.org)"),  # stops at the next "["
        (argdown.LINK, "[a\nb](https://example.org)"),
        (argdown.LINK, "[a](https://\nexample.org)"),
        (argdown.LINK, "[a [b](https://example.org)"),
        (argdown.TAG, "#(a\nb)"),
        (argdown.TAG, "#(a (b)"),
    ],
)
def test_patterns_tried_at_each_bracket_stop_at_the_next_one_or_the_line_end(pattern, text):
    assert pattern.match(text) is None


def test_the_markdown_links_still_read_as_before():
    assert kialo.MARKDOWN_LINK.search(r"see [the \[report\]](https://e.org/a_\(b\))")[2] == (
        r"https://e.org/a_\(b\)"
    )
    assert argdown.LINK.match("[a](https://e.org/x_(y))")[0] == "[a](https://e.org/x_(y)"


# --- Kialo ------------------------------------------------------------------------------

KIALO_HEAD = "Discussion Title: T\n\n1. Thesis\n1.1. Pro: "


def test_kialo_brackets_in_200k_characters():
    document = kialo.parse_kialo(KIALO_HEAD + lines_of("["))
    assert document.claims[1].statement.count("[") == N
    assert document.sources == []


@pytest.mark.parametrize("pattern", ["[](", "[a](", "](", "\\[", "[1]", "[", "("])
def test_kialo_link_fragments_in_200k_characters(pattern):
    document = kialo.parse_kialo(KIALO_HEAD + lines_of(pattern))
    assert len(document.claims) == 2
    assert document.sources == []


@pytest.mark.parametrize("pattern", ["[", "[](", "[a](b", "\\[", "[1"])
def test_the_kialo_link_pattern_is_linear_on_one_200k_line(pattern):
    text = pattern * (N // len(pattern))
    assert kialo.MARKDOWN_LINK.sub("", text) == text
    assert kialo.FOOTNOTE_MARK.sub("", text) == text


def test_kialo_refuses_a_line_longer_than_the_limit():
    problems = problems_of(kialo.parse_kialo, KIALO_HEAD + "[" * N)
    assert problems == [f"line 4: {N + 10:,} characters long; at most 50,000 are read"]


def test_kialo_numbers_of_200k_characters():
    number = "1." * (LINE // 2)
    document = kialo.parse_kialo(KIALO_HEAD + "\n".join([number + "x"] * 5))
    assert len(document.claims) == 2  # text going on, not numbered claims


def test_kialo_double_dots_are_not_a_number():
    document = kialo.parse_kialo("Discussion Title: T\n\n1. Thesis\n1..1. Pro: x\n")
    assert document.claims[0].statement == "Thesis\n1..1. Pro: x"
    document = kialo.parse_kialo("Discussion Title: T\n\n1. A\n1.2. Con: -> See 1..\n")
    assert document.claims[1].statement == "-> See 1.."  # not a link: a text


def test_a_kialo_file_of_100k_lines():
    lines = [f"1.{n}. {'Pro' if n % 2 else 'Con'}: claim {n}" for n in range(1, 100_001)]
    document = kialo.parse_kialo("Discussion Title: T\n\n1. Thesis\n" + "\n".join(lines))
    assert len(document.claims) == 100_001
    assert len(document.relations) == 100_000


def test_many_problems_are_listed_with_the_first_fifty():
    lines = [f"1.{n}. Pro: -> See 9." for n in range(1, 1_001)]
    problems = problems_of(
        kialo.parse_kialo, "Discussion Title: T\n\n1. Thesis\n" + "\n".join(lines)
    )
    assert len(problems) == MAX_PROBLEMS + 1
    assert problems[-1] == f"... and {1000 - MAX_PROBLEMS} more problems"


# --- Argdown ----------------------------------------------------------------------------


@pytest.mark.parametrize(
    "text, problem",
    [
        ("[a]: x\n\n" + lines_of("["), "line 3: '[' is not closed on its line"),
        ("[a]: x\n\n" + lines_of("[\n", width=2), "line 3: '[' is not closed on its line"),
        (lines_of("<"), "the file holds no statement or argument"),
        (lines_of("{"), "line 1: '{' opens a data block that is not closed"),
        (lines_of("/*"), "line 5: the comment is not closed"),
        (lines_of("<!--"), "line 1: the comment is not closed"),
    ],
)
def test_argdown_hostile_200k_inputs_give_their_problem(text, problem):
    problems = problems_of(argdown.parse_argdown, text)
    assert problems[0].startswith(problem), problems[:3]
    assert len(problems) <= MAX_PROBLEMS + 1


@pytest.mark.parametrize(
    "pattern",
    ["[a](", "[](", "](", "+>", "<+ ", "@<", "@[", "#(", "#", "\\[", "<a>", "<", ")", "//"],
)
def test_argdown_fragments_in_200k_characters_are_read(pattern):
    text = "[a]: thesis\n    + [b]: " + lines_of(pattern).replace("\n", "\n      ")
    try:
        result = argdown.parse_argdown(text)
    except ImportProblems as error:
        assert 0 < len(error.problems) <= MAX_PROBLEMS + 1
    else:
        assert result.claims[0].key == "a"


@pytest.mark.parametrize("pattern", ["[", "@<", "@[", "#(", "[a](", "<"])
def test_argdown_inline_reading_is_linear_on_one_200k_line(pattern):
    reader = argdown._Reader("T")
    text, _tags, data = reader.inline(pattern * (N // len(pattern)), 1)
    assert data == []
    assert len(text) <= N


@pytest.mark.parametrize("pattern", ["[", "[a](", "[](//", "<!-", "/"])
def test_argdown_scanning_is_linear_on_one_200k_line(pattern):
    reader = argdown._Reader("T")
    lines = reader.scan(pattern * (N // len(pattern)))
    assert len(lines) <= 1  # "//" makes the line a comment


def test_argdown_refuses_a_line_longer_than_the_limit():
    problems = problems_of(argdown.parse_argdown, "[a]: " + "[" * N)
    assert problems == [f"line 1: {N + 5:,} characters long; at most 50,000 are read"]


def test_argdown_link_openings_on_many_lines_are_text():
    document = argdown.parse_argdown("[a]: x\n" + lines_of("[a](", width=10_000))
    assert document.claims[0].statement.count("[a](") == N // 4


def test_an_argdown_file_of_100k_headings_in_one_block():
    document = argdown.parse_argdown("# part\n" * 100_000 + "[a]: thesis\n    + [b]: reason")
    assert [c.section for c in document.claims] == ["part", "part"]


def test_an_argdown_file_of_100k_lines():
    lines = [f"    {'+' if n % 2 else '-'} [c{n}]: claim {n}" for n in range(100_000)]
    document = argdown.parse_argdown("[t]: thesis\n" + "\n".join(lines))
    assert len(document.claims) == 100_001
    assert len(document.relations) == 100_000


def test_argdown_undercuts_of_a_large_tree_are_matched_by_index():
    arguments = [f"<a{n}>: reason {n}\n    +> [t]\n    <_ [u{n}]: but {n}\n" for n in range(5_000)]
    document = argdown.parse_argdown("[t]: thesis\n\n" + "\n".join(arguments))
    assert len(document.undercuts) == 5_000


ALIAS_BOMB = "\n".join(
    ["a: &a ['lol', 'lol', 'lol', 'lol', 'lol', 'lol', 'lol', 'lol', 'lol']"]
    + [f"{chr(98 + n)}: &{chr(98 + n)} [{', '.join(['*' + chr(97 + n)] * 9)}]" for n in range(8)]
)


@pytest.mark.parametrize(
    "yaml_text, problem",
    [
        (ALIAS_BOMB, "anchors (&name) are not accepted"),
        ("title: x\nbase: &b {k: 1}\n", "anchors (&name) are not accepted"),
        ("title: x\nother: *b\n", "aliases (*name) are not accepted"),
        ("title: x\ndeep: " + "[" * 5_000 + "]" * 5_000, "nested more than 20 levels deep"),
        ('title: "\\ud800"', "title holds a lone surrogate (\\ud800)"),
        ('title: "a\\0b"', "title holds control characters: NUL (\\u0000)"),
    ],
)
def test_argdown_front_matter_refuses_aliases_anchors_depth_and_non_text(yaml_text, problem):
    problems = problems_of(argdown.parse_argdown, f"===\n{yaml_text}\n===\n\n[a]: x\n")
    assert len(problems) == 1
    assert problems[0].startswith("line ")
    assert "the front matter is not valid YAML: " + problem in problems[0], problems


@pytest.mark.parametrize(
    "data, problem",
    [
        ("{a: &x [1, 2], b: *x}", "anchors (&name) are not accepted"),
        ("{quotation: *x}", "aliases (*name) are not accepted"),
        ('{quotation: "\\ud800"}', "quotation holds a lone surrogate (\\ud800)"),
        ("{quotation: " + "[" * 1_000 + "]" * 1_000 + "}", "nested more than 20 levels deep"),
    ],
)
def test_argdown_data_blocks_refuse_aliases_anchors_depth_and_non_text(data, problem):
    problems = problems_of(argdown.parse_argdown, f"[a]: x {data}\n")
    assert len(problems) == 1
    assert problems[0].startswith(f"line 1: the data block is not valid YAML: {problem}")


def test_argdown_huge_numbers_are_refused_or_warned():
    problems = problems_of(argdown.parse_argdown, "[a]: x {paragraph: " + "9" * 5_000 + "}\n")
    assert problems[0].startswith("line 1: the data block is not valid YAML: Exceeds the limit")
    document = argdown.parse_argdown("[a]: x {paragraph: " + "9" * 40 + "}\n")
    assert document.claims[0].paragraph is None
    assert document.warnings == [f"line 1: [a]: paragraph {int('9' * 40)} is not a number"]


def test_argdown_yaml_is_bounded_in_size():
    front = "===\ntitle: x\n" + "# comment\n" * 12_000 + "===\n\n[a]: x\n"
    assert problems_of(argdown.parse_argdown, front) == [
        "line 1: the front matter is 120,009 characters long; at most 100,000 are read"
    ]
    data = "[a]: x {quotation: '" + "y" * 30_000 + "'}\n"
    assert problems_of(argdown.parse_argdown, data) == [
        "line 1: the data block is 30,015 characters long; at most 20,000 are read"
    ]


def test_argdown_plain_yaml_still_reads():
    result = argdown.parse_argdown(
        "===\ntitle: Essai\nsources:\n  - {key: s, title: S, url: 'https://e.org/s'}\n===\n\n"
        "[a]: x {source: s, quotation: 'q'}\n"
    )
    assert result.title == "Essai"
    assert (result.sources[0].url, result.claims[0].source) == ("https://e.org/s", "s")


# --- JSON: native and AIF ---------------------------------------------------------------


def native_text(statement: str = "A") -> str:
    return native.dumps(Document(slug="s", title="T", claims=[Claim(key="a", statement=statement)]))


JSON_REFUSALS = [
    ('"A\\u0000"', "claims[0].statement holds control characters: NUL (\\u0000)"),
    ('"\\ud800A"', "claims[0].statement holds a lone surrogate (\\ud800)"),
    ('"A\\udfff"', "claims[0].statement holds a lone surrogate (\\udfff)"),
    ("1e400", "the JSON holds the number 1e400, too large to be read"),
    ("-1e999", "the JSON holds the number -1e999, too large to be read"),
    ("NaN", "the JSON holds NaN, which is not a number"),
    ("-Infinity", "the JSON holds -Infinity, which is not a number"),
    ("1" + "0" * 18, "the JSON holds the number 1000000000000000000, too large to be read"),
    ("1" * 5_000, "the JSON holds the number " + "1" * 30 + ", too large to be read"),
    ("[" * 150 + "]" * 150, files.TOO_DEEP),
    ("[" * 100_000, files.TOO_DEEP),
]


@pytest.mark.parametrize("value, problem", JSON_REFUSALS)
def test_native_json_that_cannot_be_text_or_a_number_is_a_clear_problem(value, problem):
    text = native_text().replace('"statement": "A"', f'"statement": {value}')
    problems = problems_of(native.parse_native, text)
    assert len(problems) == 1
    assert problems[0].startswith(problem)


@pytest.mark.parametrize("value, problem", JSON_REFUSALS)
def test_aif_json_that_cannot_be_text_or_a_number_is_a_clear_problem(value, problem):
    text = json.dumps({"claims": [{"statement": "A"}], "nodes": []})
    text = text.replace('"statement": "A"', f'"statement": {value}')
    problems = problems_of(aif.parse_aif, text)
    assert len(problems) == 1
    assert problems[0].startswith(problem)


def test_a_key_holding_nul_is_named():
    assert problems_of(native.parse_native, '{"debate": {"a\\u0000": 1}}') == [
        "debate: a key holds control characters: NUL (\\u0000), which no text may hold"
    ]


def test_a_surrogate_pair_is_one_character_and_read():
    assert load_json('{"a": "\\ud83d\\ude00"}') == {"a": "\U0001f600"}


def test_json_as_deep_as_allowed_reads():
    assert load_json("[" * 100 + "]" * 100) is not None


# --- only web addresses are kept ----------------------------------------------------------

BAD_URLS = [
    "javascript:alert(1)",
    "JavaScript:alert(1)",
    " javascript:alert(1)",
    "data:text/html,<script>alert(1)</script>",
    "vbscript:msgbox(1)",
    "file:///etc/passwd",
    "//elsewhere.example/x",
    "http:/no-host",
    "https://exa mple.org",
    "http://[",
]


@pytest.mark.parametrize("url", BAD_URLS)
def test_native_keeps_only_http_addresses(url):
    kept = Source(key="ok", title="Ok", url="https://example.org/a")
    dropped = Source(key="bad", title="Bad", url=url)
    text = native.dumps(Document(slug="s", title="T", sources=[kept, dropped]))
    result = native.parse_native(text)
    assert [s.url for s in result.sources] == ["https://example.org/a", ""]
    assert result.warnings == [
        f"sources[1] ('bad'): the address {url!r} is not an http(s) address; left out"
    ]


def aif_with_source(source) -> str:
    return json.dumps(
        {
            "nodes": [
                {"nodeID": "1", "type": "I", "text": "A"},
                {"nodeID": "2", "type": "L", "text": "Ann : A"},
                {"nodeID": "3", "type": "YA", "text": "Asserting"},
            ],
            "edges": [{"fromID": "2", "toID": "3"}, {"fromID": "3", "toID": "1"}],
            "locutions": [{"nodeID": "2", "source": source}],
        }
    )


@pytest.mark.parametrize("url", BAD_URLS)
def test_aif_keeps_only_http_addresses(url):
    result = aif.parse_aif(aif_with_source({"title": "Le texte", "url": url}))
    assert [(s.title, s.url) for s in result.sources] == [("Le texte", "")]
    assert (
        f"locutions[0]: the address {url.strip()!r} is not an http(s) address; left out"
        in result.warnings
    )
    kept = aif.parse_aif(aif_with_source({"title": "Le texte", "url": "https://e.org/t"}))
    assert kept.sources[0].url == "https://e.org/t"


def test_aif_bare_string_sources_are_urls_only_when_http():
    result = aif.parse_aif(aif_with_source("javascript:alert(1)"))
    assert [(s.title, s.url) for s in result.sources] == [("javascript:alert(1)", "")]


@pytest.mark.parametrize("url", BAD_URLS)
def test_argdown_keeps_only_http_addresses(url):
    result = argdown.parse_argdown(
        f"===\ntitle: T\nsources:\n  - {{key: s, title: S, url: {json.dumps(url)}}}\n"
        "  - {key: t, title: U, url: 'https://e.org/u'}\n===\n\n[a]: x\n"
    )
    assert [s.url for s in result.sources] == ["", "https://e.org/u"]
    assert (
        f"front matter (line 1): source 1: the address {url!r} is not an http(s) "
        "address; left out" in result.warnings
    )


@pytest.mark.parametrize(
    "target", ["javascript:alert\\(1\\)", "data:text/html;base64,PHNjcmlwdD4=", "vbscript:x"]
)
def test_kialo_links_to_other_schemes_are_left_out(target):
    result = kialo.parse_kialo(
        f"Discussion Title: T\n\n1. Thesis\n1.1. Pro: [click]({target}) and [ok](https://e.org/ok)\n"
    )
    assert result.claims[1].statement == "click and ok"
    assert [(s.title, s.url) for s in result.sources] == [("https://e.org/ok", "https://e.org/ok")]
    shown = target.replace("\\", "")
    assert result.warnings == [
        f"line 4: 1.1. links to {shown!r}, not an http(s) address; the link is left out, "
        "its text kept"
    ]


def test_kialo_references_are_urls_only_when_http():
    result = kialo.parse_kialo(
        "Discussion Name: T\n\n1. Thesis:\nA [1]\n\nSources:\n[1] javascript:alert(1)\n"
    )
    assert [(s.title, s.url) for s in result.sources] == [("javascript:alert(1)", "")]


def test_web_annotations_target_only_http_addresses():
    claims = [
        Claim(key="a", statement="A", source="bad", quotation="qa"),
        Claim(key="b", statement="B", source="ok", quotation="qb"),
    ]
    sources = [
        Source(key="bad", title="Bad", url="javascript:alert(1)", language=""),
        Source(key="ok", title="Ok", url="https://example.org/ok", language=""),
    ]
    collection = web_annotation.to_web_annotation(
        Document(slug="s", title="T", claims=claims, sources=sources),
        claim_url=lambda key: f"https://site/c/{key}/",
        relation_url=lambda key: f"https://site/r/{key}/",
        source_url=lambda key: f"https://site/s/{key}/",
    )
    targets = [item["target"]["source"] for item in collection["first"]["items"]]
    assert targets == ["https://site/s/bad/", "https://example.org/ok"]
