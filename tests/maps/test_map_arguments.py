"""Arguments (claims of kind argument, from Argdown's <Argument>) stand apart on the map:
a double outline and their title in italics, escaped as every label is."""

import shutil
from pathlib import Path

import pytest

from arguments.interchange.formats import import_text
from arguments.maps import dot

needs_dot = pytest.mark.skipif(shutil.which("dot") is None, reason="Graphviz is not installed")
HOSTILE_TITLE = '<T> & "q" ]; node [label=pwned\n\\N'
SEMMELWEIS = Path(__file__).resolve().parents[1] / "data" / "interop" / "argdown"


def nodes() -> list[dot.MapNode]:
    return [
        dot.MapNode(1, "Une thèse.", "Alice", 0, "/d/claims/a/"),
        dot.MapNode(2, "Un argument.", "Alice", 0, "/d/claims/b/", argument=True, title="Arg"),
        dot.MapNode(3, "Titré.", "Bruno", 1, "/d/claims/c/", title=HOSTILE_TITLE),
    ]


def node_line(source: str, node_id: int) -> str:
    return next(line for line in source.splitlines() if line.startswith(f"\tc{node_id} ["))


def test_an_argument_has_a_double_outline_and_its_title():
    source = dot.build_dot(nodes(), [dot.MapEdge(2, 1, "support")], title="T", legend=[])
    argument = node_line(source, 2)
    assert 'peripheries="2"' in argument
    assert "<I>Arg</I>" in argument
    assert 'tooltip="Alice: Arg: Un argument."' in argument
    assert "peripheries" not in node_line(source, 1) + node_line(source, 3)


def test_a_title_cannot_inject_dot_or_markup():
    source = dot.build_dot(nodes(), [], title="T", legend=[])
    titled = node_line(source, 3)
    title = titled[titled.index("<I>") + 3 : titled.index("</I>")]
    assert title.startswith("&lt;T&gt; &amp; &quot;q&quot; ]; node")
    assert "<" not in title and '"' not in title and "\n" not in title
    # The title's line break stays inside its one node line.
    assert len([line for line in source.splitlines() if "pwned" in line]) == 1


def outlines(svg: str, claim_id: int) -> int:
    """How many outline paths the node of a claim has in the SVG."""
    start = svg.index(f'<g id="claim&#45;{claim_id}" class="node">')
    return svg[start : svg.index("<text", start)].count("<path")


@needs_dot
def test_the_map_of_an_imported_argdown_file_draws_its_arguments(client, db):
    text = (SEMMELWEIS / "semmelweis_betz.argdown").read_text(encoding="utf-8")
    debate, _warnings = import_text(text, "argdown", "semmelweis_betz.argdown", slug="semmelweis")
    svg = client.get("/semmelweis/map.svg?detail=all").content.decode()
    arguments = debate.claims.filter(kind="argument")
    assert arguments.count() == 10
    for argument in arguments:
        assert outlines(svg, argument.pk) == 2, argument.title
    statement = debate.claims.get(title="More Injuries")
    assert outlines(svg, statement.pk) == 1
    assert "Epidemic Exposition 1" in svg
    # The map page and its htmx fragment draw it too.
    page = client.get("/semmelweis/map/", follow=True)
    assert page.status_code == 200 and "Epidemic Exposition 1" in page.content.decode()
    partial = client.get("/semmelweis/map/", headers={"HX-Request": "true"}, follow=True)
    assert partial.status_code == 200 and "<html" not in partial.content.decode()
    # The legend says what a double outline is, on the page and in the file.
    english = {"Accept-Language": "en"}
    words = "an argument: its premises support its conclusion"
    assert words in client.get("/semmelweis/map/", headers=english, follow=True).text
    assert words in client.get("/semmelweis/map.svg?detail=all", headers=english).text
    # A map without arguments has no such line.
    import_text("[A]: a claim.\n  + [B]: its support.\n", "argdown", "plain.argdown", slug="plain")
    plain = client.get("/plain/map/", headers=english, follow=True)
    assert plain.status_code == 200 and "its support." in plain.text and words not in plain.text
