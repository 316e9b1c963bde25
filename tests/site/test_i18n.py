"""French by default, English on request; the translations are shipped compiled."""

import re
from pathlib import Path

from django.conf import settings


def test_french_is_the_default(client, small_debate):
    html = client.get("/petit-debat/claims/thesis/").content.decode()
    assert '<html lang="fr">' in html
    assert "Soutiens et objections" in html
    assert "Le numérique est un féodalisme." in html


def test_the_language_switch_works_without_javascript(client, small_debate):
    response = client.post(
        "/i18n/setlang/", {"language": "en", "next": "/petit-debat/claims/thesis/"}
    )
    assert response.status_code == 302 and response["Location"] == "/petit-debat/claims/thesis/"
    html = client.get("/petit-debat/claims/thesis/").content.decode()
    assert '<html lang="en">' in html
    assert "Supports and objections" in html
    # Content follows the interface: the English rendering of the statement.
    assert "The digital economy is a feudalism." in html


def test_the_switch_refuses_an_unknown_language_and_keeps_french(client, small_debate):
    client.post("/i18n/setlang/", {"language": "xx", "next": "/"})
    assert '<html lang="fr">' in client.get("/").content.decode()


def test_the_switch_ignores_an_offsite_next(client, small_debate):
    response = client.post("/i18n/setlang/", {"language": "en", "next": "https://evil.example/"})
    assert response["Location"] == "/"


def test_compiled_translations_are_shipped():
    for language, _name in settings.LANGUAGES:
        assert (Path(settings.LOCALE_PATHS[0]) / language / "LC_MESSAGES" / "django.mo").is_file()


def test_french_quotations_and_titles_say_their_language_on_english_pages(client, small_debate):
    """A screen reader reads a French quotation or title with French rules on an English page
    (WCAG 3.1.2): each says its language, the language of the text it comes from."""
    claim = small_debate.claims.get(slug="thesis")
    source = claim.source
    pages = {
        "claim": f"/petit-debat/claims/{claim.slug}/",
        "source": f"/petit-debat/sources/{source.slug}/",
        # Its longest word: "le" is a stop word on PostgreSQL.
        "search": f"/petit-debat/search/?q={max(claim.quotation.split(), key=len)}",
    }
    for name, url in pages.items():
        html = client.get(url, HTTP_ACCEPT_LANGUAGE="en").content.decode()
        assert '<html lang="en">' in html, name
        html = re.sub(r"</?mark>", "", html)  # search marks the words it found
        quoted = rf'<blockquote[^>]* lang="fr"[^>]*>« {re.escape(claim.quotation)} »</blockquote>'
        assert re.search(quoted, html), name
    source_page = client.get(pages["source"], HTTP_ACCEPT_LANGUAGE="en").content.decode()
    assert f'<h1 lang="fr">{source.title}</h1>' in source_page
    participant = client.get(
        f"/petit-debat/participants/{claim.holder.slug}/", HTTP_ACCEPT_LANGUAGE="en"
    ).content.decode()
    assert f'lang="fr">{source.title}</a>' in participant
