"""Real Argdown files through the database: stored, exported, read back, nothing lost."""

from pathlib import Path

import pytest

from arguments.interchange.argdown import parse_argdown
from arguments.interchange.formats import export_text, import_text
from arguments.record.models import Claim, Relation
from tests.interchange.test_interchange_argdown import content

REAL = Path(__file__).resolve().parents[1] / "data" / "interop" / "argdown"


@pytest.mark.parametrize("name", sorted(path.name for path in REAL.glob("*.argdown")))
def test_a_stored_real_file_exports_what_it_imported(db, name):
    text = (REAL / name).read_text(encoding="utf-8")
    debate, _warnings = import_text(text, "argdown", name, slug="real")
    exported = export_text(debate, "argdown", "http://testserver")
    again = parse_argdown(exported)
    first = parse_argdown(text)
    # Keys become slugs in the database; titles, kinds, texts, sections and structures
    # come back.
    claims, relations, undercuts = content(again)
    expected = content(first)
    assert claims == expected[0]
    assert relations == expected[1]
    assert undercuts == expected[2]


def test_semmelweis_is_stored_with_its_arguments(db):
    text = (REAL / "semmelweis_betz.argdown").read_text(encoding="utf-8")
    debate, _warnings = import_text(text, "argdown", "semmelweis_betz.argdown", slug="real")
    assert debate.claims.filter(kind=Claim.Kind.ARGUMENT).count() == 10
    assert debate.claims.filter(title="More Injuries").exists()
    inference = Relation.objects.filter(debate=debate, argument__isnull=False)
    assert inference.count() == 30
    assert set(inference.values_list("kind", flat=True)) == {"support"}
