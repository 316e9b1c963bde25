"""Annotation bodies: Markdown rendered once, on save, to inert HTML stored in body_html;
pages read the stored HTML and never parse Markdown. Timings are in bench/markup.py."""

from __future__ import annotations

import json
import re
from html.parser import HTMLParser

import pytest
from django.core import serializers
from django.db import connection
from django.db.migrations.executor import MigrationExecutor

from annotations.markup import render_markdown
from annotations.models import Annotation
from arguments.interchange import store

CLAIM = "/petit-debat/claims/thesis/"
THREAD = "/petit-debat/claims/thesis/annotations/"
HTMX = {"HX-Request": "true"}
SAFE_TAGS = {
    "p", "br", "strong", "em", "code", "pre", "blockquote", "ul", "ol", "li", "a", "hr",
    "h3", "h4", "h5", "h6",
}  # fmt: skip
SAFE_ATTRIBUTES = {"href", "title", "rel", "start"}
N = 200_000
ADVERSARIAL = {
    "open brackets": "[" * N,
    "stars": "*" * N,
    "less-than signs": "<" * N,
    "quotes 10,000 deep": ">" * 10_000 + " fond",
    "unclosed links": "[a](" * (N // 4),
    "image openers": "![" * (N // 2),
    "stars and underscores": "*_" * (N // 2),
}
HOSTILE = {
    "script": "<script>alert(1)</script>",
    "img onerror": '<img src=x onerror="alert(1)">',
    "svg script": "<svg><script>alert(1)</script></svg>",
    "raw link with onclick": "<a href='https://ok.example' onclick='alert(1)'>x</a>",
    "javascript link": "[click](javascript:alert(1))",
    "javascript link, capitals": "[click](JaVaScRiPt:alert(1))",
    "javascript link, entities": "[click](&#106;avascript:alert(1))",
    "javascript autolink": "<javascript:alert(1)>",
    "javascript reference": "[click][x]\n\n[x]: javascript:alert(1)",
    "vbscript link": "[click](vbscript:msgbox(1))",
    "data link": "[click](data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==)",
    "data image": "![x](data:image/svg+xml;base64,PHN2ZyBvbmxvYWQ9YWxlcnQoMSk+)",
    "quote breaking out of href": '[x](https://a.example/" onmouseover="alert(1))',
    "iframe": '<iframe src="https://evil.example"></iframe>',
    "style": "<style>body{display:none}</style>",
    "html comment": "<!-- <script>alert(1)</script> -->",
}


class Tags(HTMLParser):
    def __init__(self):
        super().__init__()
        self.tags: list[tuple[str, dict]] = []

    def handle_starttag(self, tag, attrs):
        self.tags.append((tag, dict(attrs)))

    handle_startendtag = handle_starttag


def unsafe_parts(html: str) -> list:
    """The tags, attributes and link targets in this HTML that could run or load anything."""
    parser = Tags()
    parser.feed(html)
    parser.close()
    found = []
    for tag, attributes in parser.tags:
        if tag not in SAFE_TAGS:
            found.append(tag)
        found += [f"{tag}[{name}]" for name in attributes if name not in SAFE_ATTRIBUTES]
        href = attributes.get("href")
        if href is not None and not re.match(r"(https?|mailto):", href):
            found.append(f"href={href}")
    return found


# --- the renderer: pure, no database ------------------------------------------------------


def test_5000_open_brackets_are_text():
    assert render_markdown("[" * 5000) == "<p>" + "[" * 5000 + "</p>"


@pytest.mark.parametrize("text", HOSTILE.values(), ids=HOSTILE.keys())
def test_hostile_markup_is_inert(text):
    html = render_markdown(text)
    assert unsafe_parts(html) == []
    assert "<script" not in html and "<img" not in html and "<iframe" not in html


def test_raw_html_shows_as_text():
    assert render_markdown("<b>gras</b> & <i>co</i>") == (
        "<p>&lt;b&gt;gras&lt;/b&gt; &amp; &lt;i&gt;co&lt;/i&gt;</p>"
    )


def test_markdown_keeps_its_meaning():
    text = "Pas *convaincue*, **vraiment**.\n\n> citée\n\n3. trois\n4. quatre\n\n`code`"
    assert render_markdown(text) == (
        "<p>Pas <em>convaincue</em>, <strong>vraiment</strong>.</p>\n"
        "<blockquote>\n<p>citée</p>\n</blockquote>\n"
        '<ol start="3">\n<li>trois</li>\n<li>quatre</li>\n</ol>\n'
        "<p><code>code</code></p>"
    )


def test_links_are_marked_as_readers_links():
    assert render_markdown('[source](https://example.org/a "p. 3")') == (
        '<p><a href="https://example.org/a" title="p. 3" rel="nofollow noopener ugc">source</a></p>'
    )
    assert 'href="mailto:a@example.org"' in render_markdown("<mailto:a@example.org>")


@pytest.mark.parametrize("target", ["/admin/", "//evil.example/x", "ftp://files.example/x"])
def test_links_to_anything_but_http_https_mailto_lose_their_target(target):
    html = render_markdown(f"[x]({target})")
    assert "href" not in html and ">x</a>" in html


def test_headings_sit_below_the_pages_own_and_images_stay_links():
    assert render_markdown("# Un\n\n## Deux\n\n##### Cinq") == (
        "<h3>Un</h3>\n<h4>Deux</h4>\n<h6>Cinq</h6>"
    )
    assert render_markdown("![carte](https://example.org/c.png)") == (
        '<p>!<a href="https://example.org/c.png" rel="nofollow noopener ugc">carte</a></p>'
    )


# --- stored on save -----------------------------------------------------------------------


def stored_html(note: Annotation) -> str:
    return Annotation.objects.values_list("body_html", flat=True).get(pk=note.pk)


@pytest.fixture
def thesis(small_debate):
    return small_debate.claims.get(slug="thesis")


@pytest.mark.parametrize("text", ADVERSARIAL.values(), ids=ADVERSARIAL.keys())
def test_adversarial_bodies_are_stored_rendered(alice, thesis, text):
    """Longer than the form allows (5,000): the renderer must not rely on that limit."""
    note = Annotation.objects.create(author=alice, claim=thesis, body=text)
    html = stored_html(note)
    assert html.startswith("<") and not unsafe_parts(html)


def test_every_way_of_writing_a_body_stores_its_html(alice, bob, thesis):
    note = Annotation.objects.create(author=alice, claim=thesis, body="*un*")
    assert stored_html(note) == "<p><em>un</em></p>"
    reply = note.reply(bob, "**oui**")
    assert stored_html(reply) == "<p><strong>oui</strong></p>"
    assert note.revise("*deux*", "comment", "")
    assert stored_html(note) == note.body_html == "<p><em>deux</em></p>"
    note.body = "*trois*"
    note.save(update_fields=["body"])
    assert stored_html(note) == "<p><em>trois</em></p>"


def test_a_save_that_leaves_the_body_out_leaves_its_html(alice, thesis):
    note = Annotation.objects.create(author=alice, claim=thesis, body="*un*")
    note.body = "*pas écrit*"
    note.save(update_fields=["stance"])
    assert Annotation.objects.values_list("body", "body_html").get(pk=note.pk) == (
        "*un*",
        "<p><em>un</em></p>",
    )


def test_a_restored_version_is_rendered_again(alice, maud, thesis):
    from arguments.record.history import restore_version

    note = Annotation.objects.create(author=alice, claim=thesis, body="*un*")
    first = note.history.get().history_id
    note.revise("*deux*", "comment", "")
    restore_version(note, first)
    assert stored_html(note) == "<p><em>un</em></p>"


def test_raw_loads_render_the_body_instead_of_trusting_the_file(alice, thesis):
    """A backup restore and loaddata save rows raw, bypassing save()."""
    note = Annotation.objects.create(author=alice, claim=thesis, body="*un*")
    rows = json.loads(serializers.serialize("json", [note]))
    rows[0]["fields"]["body_html"] = "<script>alert(1)</script>"
    Annotation.objects.filter(pk=note.pk).delete()
    for item in serializers.deserialize("json", json.dumps(rows)):
        item.save()
    assert stored_html(note) == "<p><em>un</em></p>"


def test_imported_annotations_store_their_html(alice, bob, small_debate, thesis):
    note = Annotation.objects.create(author=alice, claim=thesis, body="Voir **p. 3**.")
    note.reply(bob, "[source](javascript:alert(1))")
    copy_ = store.store_document(store.document_from_debate(small_debate), slug="copie")
    imported = Annotation.objects.filter(claim__debate=copy_).order_by("created_at", "pk")
    assert [a.body_html for a in imported] == [
        "<p>Voir <strong>p. 3</strong>.</p>",
        "<p>[source](javascript:alert(1))</p>",
    ]


# --- pages read what was stored -----------------------------------------------------------


@pytest.mark.parametrize("headers", [{}, HTMX], ids=["page", "htmx"])
def test_the_thread_shows_the_stored_html_not_a_fresh_rendering(client, alice, thesis, headers):
    note = Annotation.objects.create(author=alice, claim=thesis, body="*Stockée*")
    # Written behind the model's back: a page that rendered the body would show the new text.
    Annotation.objects.filter(pk=note.pk).update(body="*Jamais rendue*")
    html = client.get(CLAIM if not headers else THREAD, headers=headers).content.decode()
    assert "<em>Stockée</em>" in html
    assert "Jamais rendue" not in html


def test_the_moderation_queue_shows_the_stored_html(client, alice, bob, maud, thesis):
    note = Annotation.objects.create(author=alice, claim=thesis, body="*Stockée*")
    note.flag(bob, "incivil")
    Annotation.objects.filter(pk=note.pk).update(body="*Jamais rendue*")
    client.force_login(maud)
    html = client.get("/moderation/").content.decode()
    assert "<em>Stockée</em>" in html and "Jamais rendue" not in html


# --- the migration ------------------------------------------------------------------------

BEFORE = [("annotations", "0006_authors_may_be_gone")]


@pytest.mark.django_db(transaction=True)
def test_the_migration_renders_the_annotations_already_stored(small_debate):
    thesis_id = small_debate.claims.get(slug="thesis").pk
    executor = MigrationExecutor(connection)
    executor.migrate(BEFORE)
    try:
        old = executor.loader.project_state(BEFORE).apps.get_model("annotations", "Annotation")
        old.objects.create(claim_id=thesis_id, body="Un *ancien* texte <script>x</script>")
    finally:
        executor = MigrationExecutor(connection)
        executor.migrate(executor.loader.graph.leaf_nodes())
    assert Annotation.objects.get().body_html == (
        "<p>Un <em>ancien</em> texte &lt;script&gt;x&lt;/script&gt;</p>"
    )
