"""Files written by Windows tools begin with a byte-order mark; files with thousands of
warnings still get a readable answer (issue 21, points 4 and 5)."""

import json

import pytest
from django.core.management import call_command

from arguments.interchange.document import MAX_PROBLEMS, capped
from arguments.interchange.formats import BOM, guess_format, import_text

KIALO = """Discussion Title: Faut-il taxer les plateformes ?

1. Faut-il taxer les plateformes ?
1.1. Pro: Elles captent une rente.
1.2. Con: La taxe serait payée par les usagers.
"""
AIF = json.dumps(
    {
        "nodes": [
            {"nodeID": "1", "type": "I", "text": "Les plateformes captent une rente."},
            {"nodeID": "2", "type": "I", "text": "Il faut les taxer."},
            {"nodeID": "3", "type": "RA", "text": "Default Inference"},
        ],
        "edges": [
            {"edgeID": "1", "fromID": "1", "toID": "3"},
            {"edgeID": "2", "fromID": "3", "toID": "2"},
        ],
    }
)


@pytest.mark.parametrize(
    ("name", "text", "expected"), [("k.txt", KIALO, "kialo"), ("a.json", AIF, "aif")]
)
def test_a_byte_order_mark_does_not_hide_the_format(name, text, expected):
    assert guess_format(name, BOM + text) == expected == guess_format(name, text)


@pytest.mark.django_db
@pytest.mark.parametrize(("name", "text", "claims"), [("k.txt", KIALO, 3), ("a.json", AIF, 2)])
def test_a_file_with_a_byte_order_mark_imports_as_without(name, text, claims):
    debate, _warnings = import_text(BOM + text, guess_format(name, BOM + text), name)
    assert debate.claims.count() == claims
    assert not debate.title.startswith(BOM)


@pytest.mark.django_db
def test_the_command_reads_a_byte_order_mark(tmp_path):
    path = tmp_path / "plateformes.txt"
    path.write_bytes((BOM + KIALO).encode("utf-8"))
    call_command("import_debate", str(path), "--slug", "plateformes", "--no-progress")
    from arguments.record.models import Debate

    assert Debate.objects.get(slug="plateformes").claims.count() == 3


def test_long_lists_are_cut_with_their_count():
    assert capped(["a"] * 5) == ["a"] * 5
    cut = capped([f"w{n}" for n in range(13_315)], "warnings")
    assert len(cut) == MAX_PROBLEMS + 1
    assert cut[-1] == f"... and {13_315 - MAX_PROBLEMS} more warnings"


@pytest.mark.django_db
def test_an_import_with_thousands_of_warnings_lists_the_first_and_counts_the_rest():
    # 2,000 inferences with neither premise nor conclusion: each is left out, with a warning.
    nodes = [{"nodeID": "1", "type": "I", "text": "Seule."}]
    nodes += [{"nodeID": str(n), "type": "RA", "text": "Default Inference"} for n in range(2, 2002)]
    _debate, warnings = import_text(json.dumps({"nodes": nodes, "edges": []}), "aif", "w.json")
    assert len(warnings) == MAX_PROBLEMS + 1
    assert warnings[-1].startswith("... and ") and warnings[-1].endswith(" more warnings")
