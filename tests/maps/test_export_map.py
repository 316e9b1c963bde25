"""manage.py export_map: the map's views as files from the command line, drawn by the site's
renderer through the site's cache, as readers see them."""

from __future__ import annotations

import io
import os
import re
import subprocess
import sys
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest
from django.core.management import CommandError, call_command
from django.http import QueryDict
from django.utils import timezone

from arguments.maps.batch import each_query, safe_file_name, view_query
from arguments.maps.options import MapOptions
from arguments.record.models import Claim, Participant
from arguments.record.params import ParameterError

ROOT = Path(__file__).resolve().parents[2]
SVG = "{http://www.w3.org/2000/svg}"
HOSTILE_STATEMENT = "Citation <script>alert('x')</script>"


def export_map(*args: str) -> tuple[bytes, str]:
    """What the command writes on standard output (bytes) and on standard error."""
    out = io.TextIOWrapper(io.BytesIO(), encoding="utf-8")
    err = io.StringIO()
    call_command("export_map", *args, stdout=out, stderr=err)
    out.flush()
    return out.buffer.getvalue(), err.getvalue()


def svg_texts(document: bytes) -> str:
    """Every text of an SVG (its XML parsed, so escapes are undone), in one string."""
    return " ".join(ET.fromstring(document).itertext())


def test_the_svg_is_xml_around_the_focus_with_its_text_escaped(small_debate, tmp_path):
    path = tmp_path / "map.svg"
    export_map("petit-debat", "--claim", "hostile", "--depth", "1", "-o", str(path))
    document = path.read_bytes()
    root = ET.fromstring(document)
    assert root.tag == f"{SVG}svg"
    assert root.find(f"{SVG}title").text.startswith("Un petit débat — ")
    assert HOSTILE_STATEMENT in svg_texts(document)  # the statement, drawn...
    assert b"&lt;script&gt;alert(" in document  # ...as text, never as markup
    assert b"<script" not in document and b"<img" not in document
    assert b'xlink:href="http://127.0.0.1:8000/petit-debat/claims/hostile/"' in document


@pytest.mark.parametrize(
    ("extension", "signature"), [("png", b"\x89PNG\r\n\x1a\n"), ("pdf", b"%PDF-")]
)
def test_png_and_pdf_are_what_they_say(small_debate, tmp_path, extension, signature):
    path = tmp_path / f"bruno.{extension}"  # the format from the file's extension
    export_map("petit-debat", "--participant", "bruno", "-o", str(path))
    assert path.read_bytes().startswith(signature)


def test_dot_is_read_by_graphviz_and_markdown_is_the_outline(small_debate, tmp_path):
    dot_path, markdown_path = tmp_path / "map.dot", tmp_path / "outline.txt"
    export_map("petit-debat", "-o", str(dot_path))
    dot_text = dot_path.read_text()
    assert dot_text.startswith("// Un petit débat\n")
    checked = subprocess.run(["dot", "-Tcanon"], input=dot_text.encode(), capture_output=True)
    assert checked.returncode == 0, checked.stderr
    # An extension that names no format: --format says it.
    export_map("petit-debat", "--claim", "thesis", "--format", "md", "-o", str(markdown_path))
    outline = markdown_path.read_text()
    assert outline.startswith("# Un petit débat — ")
    assert "(http://127.0.0.1:8000/petit-debat/claims/thesis/)" in outline


def test_standard_output_takes_text_and_bytes(small_debate, tmp_path):
    svg, err = export_map("petit-debat", "--participant", "bruno")
    assert ET.fromstring(svg).tag == f"{SVG}svg" and err == ""
    written = tmp_path / "bruno.svg"
    export_map("petit-debat", "--participant", "bruno", "-o", str(written))
    assert written.read_bytes() == svg
    png, _err = export_map("petit-debat", "--format", "png", "-o", "-")
    assert png.startswith(b"\x89PNG\r\n\x1a\n")


def test_a_folder_as_output_gets_the_file_named_after_the_view(small_debate, tmp_path):
    _out, err = export_map(
        "petit-debat", "--claim", "thesis", "--format", "pdf", "-o", str(tmp_path)
    )
    path = tmp_path / "petit-debat-claim-thesis-depth-2.pdf"
    assert path.read_bytes().startswith(b"%PDF-")
    assert str(path) in err
    assert not list(tmp_path.glob("*.part"))


def test_a_map_url_copied_from_the_site_gives_the_same_view(small_debate):
    by_options, _err = export_map(
        "petit-debat", "--claim", "thesis", "--depth", "1", "--direction", "LR"
    )
    by_url, _err = export_map(
        "petit-debat",
        "--url",
        "https://example.org/petit-debat/map/?claim=thesis&depth=1",
        "--direction",
        "LR",
    )
    assert by_url == by_options
    assert b"Un petit d\xc3\xa9bat \xe2\x80\x94 autour de" in by_url


def test_the_language_is_chosen(small_debate):
    english, _err = export_map("petit-debat", "--format", "md", "--language", "en")
    french, _err = export_map("petit-debat", "--format", "md")
    assert "The digital economy is a feudalism." in english.decode()
    assert "Le numérique est un féodalisme." in french.decode()


def test_the_command_and_the_site_share_one_drawing(small_debate, tmp_path, client, dot_runs):
    path = tmp_path / "bruno.svg"
    export_map(
        "petit-debat", "--participant", "bruno", "--site", "http://testserver", "-o", str(path)
    )
    assert dot_runs() == 1
    downloaded = client.get("/petit-debat/map.svg", {"participant": "bruno"})
    assert downloaded.content == path.read_bytes()
    assert dot_runs() == 1  # the site served the command's file from the cache
    export_map("petit-debat", "--participant", "bruno", "--site", "http://testserver")
    assert dot_runs() == 1


def test_one_export_reads_the_debate_in_few_queries(
    small_debate, tmp_path, django_assert_max_num_queries
):
    # The debate, its revision, participants, sources, the map's rows (claims, relations,
    # undercuts), the drawn claims' details and the undercuts among them.
    with django_assert_max_num_queries(9):
        export_map("petit-debat", "--detail", "all", "-o", str(tmp_path / "a.svg"))
    # Around a claim: the claim, and its neighbourhood read in depth + 1 queries instead.
    with django_assert_max_num_queries(11):
        export_map("petit-debat", "--claim", "thesis", "-o", str(tmp_path / "b.svg"))


@pytest.mark.parametrize(
    ("each", "count"),
    [
        ("participant", lambda debate: debate.participants.count()),
        ("source", lambda debate: debate.sources.count()),
        ("thesis", lambda debate: debate.claims.shown().theses().count()),
    ],
)
def test_each_writes_one_file_per_view_into_a_new_folder(
    small_debate, tmp_path, each, count, alice
):
    # A second thesis: a reader's, so that "one file per thesis" counts more than one.
    Claim.objects.create(
        debate=small_debate,
        slug="proposed-thesis",
        statement="Une thèse proposée par une lectrice.",
        proposed_by=alice,
        proposed_at=timezone.now(),
    )
    folder = tmp_path / "new" / "maps"
    _out, err = export_map("petit-debat", "--each", each, "--format", "svg", "-o", str(folder))
    files = sorted(folder.iterdir())
    assert len(files) == count(small_debate) > 1
    assert all(file.suffix == ".svg" for file in files)
    for file in files:
        ET.fromstring(file.read_bytes())
    assert "100%" in err  # the progress bar, on standard error


def test_each_participant_draws_that_participants_map(small_debate, tmp_path):
    export_map("petit-debat", "--each", "participant", "-o", str(tmp_path), "-v", "0")
    bruno = ET.fromstring((tmp_path / "petit-debat-participant-bruno.svg").read_bytes())
    # The collective's hostile name, in the title as text.
    assert 'Bruno <b>&amp;</b> "Co"' in bruno.find(f"{SVG}title").text
    alice = (tmp_path / "petit-debat-participant-alice-author.svg").read_bytes()
    assert "Alice Autrice" in ET.fromstring(alice).find(f"{SVG}title").text


def test_each_keeps_the_other_options_and_is_quiet_with_verbosity_0(small_debate, tmp_path):
    _out, err = export_map(
        "petit-debat",
        "--each",
        "thesis",
        "--depth",
        "1",
        "--format",
        "md",
        "-o",
        str(tmp_path),
        "-v",
        "0",
    )
    assert err == ""
    assert [path.name for path in tmp_path.iterdir()] == ["petit-debat-claim-thesis-depth-1.md"]


def test_hidden_items_are_never_exported(small_debate, tmp_path, alice):
    thesis = small_debate.claims.get(slug="thesis")
    proposal = thesis.propose_argument(alice, "objection", "Distinctivissime")
    shown, _err = export_map("petit-debat", "--detail", "all")
    assert "Distinctivissime" in svg_texts(shown)
    proposal.hide("spam")
    hidden, _err = export_map("petit-debat", "--detail", "all")
    assert "Distinctivissime" not in svg_texts(hidden)
    with pytest.raises(CommandError, match="--claim"):
        export_map("petit-debat", "--claim", proposal.slug)
    export_map("petit-debat", "--each", "thesis", "-o", str(tmp_path), "-v", "0")
    assert proposal.slug not in " ".join(path.name for path in tmp_path.iterdir())
    small_debate.hide("test")
    with pytest.raises(CommandError, match="No debate “petit-debat”"):
        export_map("petit-debat", "--language", "en")


@pytest.mark.parametrize(
    ("arguments", "named"),
    [
        (["--direction", "sideways"], ["direction", "BT, TB, LR", "sideways"]),
        (["--depth", "deep"], ["depth", "deep"]),
        (["--kind", "attack"], ["kind", "support, objection, rephrase"]),
        (["--label", "huge"], ["label", "short, medium, full"]),
        (["--cluster", "colour"], ["cluster", "none, source, participant"]),
        (["--detail", "some"], ["detail", "overview, all"]),
        (["--proposals", "maybe"], ["proposals", "show, hide"]),
        (["--count", "texts"], ["count", "editors, proposals"]),
        (["--as_of", "31/10/2025"], ["as_of", "31/10/2025"]),
        (["--claim", "a/b"], ["claim", "a/b"]),
        (["--claim", "nowhere"], ["--claim", "nowhere", "thesis", "support-rent"]),
        (["--participant", "nobody"], ["--participant", "nobody", "alice-author, bruno"]),
        (["--source", "nowhere"], ["--source", "nowhere", "essai-2025, reponse"]),
        (["--expand", "nothing"], ["--expand", "nothing", "deep-support"]),
        (["--url", "/petit-debat/map/?colour=red"], ["colour", "claim", "depth"]),
        (["--format", "exe"], ["--format", "exe", "'dot', 'md', 'pdf', 'png', 'svg'"]),
        (["--each", "claim", "-o", "x"], ["--each", "'participant', 'source', 'thesis'"]),
        (["--each", "source", "--source", "reponse", "-o", "x"], ["--each source", "--source"]),
        (["--each", "participant"], ["--each", "-o"]),
    ],
)
def test_a_bad_option_is_named_with_what_it_takes(small_debate, arguments, named):
    with pytest.raises(CommandError) as refused:
        export_map("petit-debat", *arguments)
    for words in named:
        assert words in str(refused.value)


def test_an_unknown_debate_is_named_with_the_debates_there_are(small_debate):
    named = re.escape("No debate “nowhere”. The debates: petit-debat.")
    with pytest.raises(CommandError, match=named):
        export_map("nowhere", "--language", "en")


def test_a_refusal_is_one_line_and_a_failing_exit_code_not_a_traceback():
    # Options are checked before the database is read: no test database needed.
    finished = subprocess.run(
        [sys.executable, "manage.py", "export_map", "petit-debat", "--direction", "sideways"],
        cwd=ROOT,
        capture_output=True,
        text=True,
        env={**os.environ, "DJANGO_SETTINGS_MODULE": "debate.settings"},
    )
    assert finished.returncode == 1
    assert finished.stdout == ""
    assert "CommandError" in finished.stderr and "sideways" in finished.stderr
    assert "Traceback" not in finished.stderr


def test_hostile_slugs_never_lead_a_file_out_of_its_folder(small_debate, tmp_path):
    for slug in ("..", "../../escape", "a/b", ".hidden", "-"):
        Participant.objects.create(debate=small_debate, slug=slug, name=slug)
    folder = tmp_path / "deep" / "maps"
    with pytest.raises(CommandError) as refused:
        export_map(
            "petit-debat", "--each", "participant", "-o", str(folder), "-v", "0", "--language", "en"
        )
    # The slugs no map URL can hold are named, the maps of the others written.
    assert "4 of 7 maps not written" in str(refused.value)
    assert "'../../escape'" in str(refused.value)
    written = {path.name for path in folder.iterdir()}
    assert written == {
        "petit-debat-participant-alice-author.svg",
        "petit-debat-participant-bruno.svg",
        "petit-debat-participant.svg",  # "-", a slug a URL can hold: its hyphens trimmed
    }
    assert {path.name for path in tmp_path.rglob("*")} == {"deep", "maps", *written}


def test_safe_file_names_stay_in_their_folder_and_are_unique():
    taken: set[str] = set()
    for hostile in ["../../etc/passwd", "..", "/abs", "a\\b", "x\x00y\x1b[31m", ".bashrc", ""]:
        name = safe_file_name(hostile, "svg", taken)
        assert "/" not in name and "\\" not in name and not name.startswith(".")
        assert name.isascii() and name.isprintable()
        assert Path("/folder", name).resolve().parent == Path("/folder")
    assert len(taken) == 7  # each name once
    assert safe_file_name("map", "svg", {"map.svg"}) == "map-2.svg"
    assert safe_file_name("Map", "svg", {"map.svg", "map-2.svg"}) == "Map-3.svg"
    assert safe_file_name("é" * 10 + "x" * 100_000, "pdf", set()) == "x" * 180 + ".pdf"


def test_the_views_query_is_the_map_urls():
    query = view_query("https://site/petit-debat/map/?claim=thesis&depth=3", {"kind": ["support"]})
    assert MapOptions.from_query(query).query_string == "claim=thesis&depth=3&kind=support"
    assert view_query("?participant=a", {"participant": ["b"]}).getlist("participant") == ["a", "b"]
    assert view_query("claim=x&depth=2", {}).get("claim") == "x"
    one = each_query(QueryDict("participant=a&label=full"), "participant", "b")
    assert one.getlist("participant") == ["b"] and one.get("label") == "full"
    assert each_query(QueryDict(""), "thesis", "t").get("claim") == "t"


@pytest.mark.parametrize(
    "address",
    [
        "claim=" + "x" * 1_000_000,  # huge
        "?" + "&".join(f"participant=p{n}" for n in range(10_000)),  # too many values
        "?claim=a%00b&depth=2",  # a control character
        "?claim=a%0Ab",
        "?depth=%FF%FE",  # not UTF-8
        "?" + "claim[]=x&" * 100 + "as_of=2025-13-45",
        "?" + "a=" * 10_000,  # an unknown parameter, its value the rest
    ],
)
def test_hostile_queries_are_refused_as_parameters(address):
    with pytest.raises(ParameterError):
        MapOptions.from_query(view_query(address, {}))
