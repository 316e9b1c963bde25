"""Quotations show the emphasis their text has, never raw Markdown, and stay inert."""

import pytest

from arguments.record.emphasis import emphasis_html, plain

CASES = [
    ("en *utilisant* leurs plateformes", "en <em>utilisant</em> leurs plateformes"),
    ("**Le technofascisme panse ses plaies", "<strong>Le technofascisme panse ses plaies</strong>"),
    ("panse ses plaies.** La suite", "<strong>panse ses plaies.</strong> La suite"),
    (
        "le *travail*, celui de son *extraction*",
        "le <em>travail</em>, celui de son <em>extraction</em>",
    ),
    ("***tout***", "<em><strong>tout</strong></em>"),
    ("5 * 3 = 15", "5 * 3 = 15"),
    ("sans marque", "sans marque"),
    ("<script>*x*</script>", "&lt;script&gt;<em>x</em>&lt;/script&gt;"),
    ("*a **b** c*", "<em>a <strong>b</strong> c</em>"),
    ("5 ** 3", "5 ** 3"),
]


@pytest.mark.parametrize(("text", "html"), CASES)
def test_emphasis_as_the_text_has_it(text, html):
    assert emphasis_html(text) == html


@pytest.mark.parametrize(
    ("text", "shown"),
    [
        ("en *utilisant* leurs", "en utilisant leurs"),
        ("**Le technofascisme", "Le technofascisme"),
        ("5 * 3", "5 * 3"),
    ],
)
def test_plain_text_drops_the_markers(text, shown):
    assert plain(text) == shown


def test_a_long_run_of_markers_is_linear():
    # 200,000 markers: one split and one pass, not a backtracking pattern.
    text = "*a " * 100_000
    assert emphasis_html(text).count("<em>") == 100_000


def test_pages_render_the_emphasis(client, controversy):
    from arguments.record.models import Claim

    claim = Claim.objects.filter(quotation__contains="*utilisant*").first()
    html = client.get(claim.get_absolute_url()).text
    assert "<em>utilisant</em>" in html
    assert "*utilisant*" not in html
