"""The site's icon, where browsers look for it and where the pages say it is."""

from django.contrib.staticfiles import finders


def test_favicon_ico_is_an_icon_kept_a_day(client, db, django_assert_num_queries):
    with django_assert_num_queries(0):
        response = client.get("/favicon.ico")
    assert response.status_code == 200
    assert response["Content-Type"] == "image/vnd.microsoft.icon"
    assert response.content[:4] == b"\x00\x00\x01\x00"  # an ICO header
    assert "max-age=86400" in response["Cache-Control"]
    assert client.post("/favicon.ico").status_code == 405


def test_every_page_names_its_icons(client, small_debate):
    html = client.get("/").text
    assert '<link rel="icon" href="/favicon.ico"' in html
    assert 'type="image/svg+xml"' in html
    assert finders.find("favicon.svg")
